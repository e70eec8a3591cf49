// List exports of the operational lists (issue 16, point 4): the aid requests queue and the group
// sessions. Each calls its list route's own handler (`rowsOfListRoute`), so the file has the list's
// scope, filters, order and cap for every caller — a warehouse worker gets the approved requests of
// her branches with the family's first name, as on her screen; a worker gets the sessions she reaches.
// Columns are what the screen shows, enums in words, dates and quantities typed. Left out although
// some callers see them on the card: a request's reason, the coordinator's note and the delivery
// address (case content and a home address have no place in a queue's file), and a session's summary
// and attendees' names (the list shows counts only). Tagged 'exports': the areas' own matrices list
// their own routes; these exports' matrix is exports-operations.test.ts.
//
// The shelter's house journal has no export: its page shows the last entries of one facility with no
// filters, and its entries are free text about residents of a shelter (incidents, violations) — a
// file of them is a decision for the data protection officer, not a list feature.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AidQueueQuery, type AidRequestView } from '../../domain/aid/contracts.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { GroupKind, type GroupSessionView } from '../../domain/services/contracts.js';
import { isoDate, uuid } from '../../domain/validation.js';
import { forbidden } from '../http/errors.js';
import type { ScopedInput } from '../http/route.js';
import { defineListExport, exportTable } from './list-export.js';
import { branchNames, rowsOfListRoute } from './lists.js';

const TAG = 'exports';

/** Who has the aid requests page (router: /aid): the list route itself answers any signed-in caller. */
const AID_PERMISSIONS = ['aid.request', 'aid.approve', 'aid.warehouse', 'aid.deliver'] as const;

/**
 * The group sessions' filters on screen: the list's period and branch, and the kind and series the
 * page filters the list's rows by (in the browser; here on the same rows, the same way).
 */
export const GroupExportQuery = z.strictObject({
  from: isoDate.optional(),
  to: isoDate.optional(),
  branchId: uuid.optional(),
  kind: GroupKind.optional(),
  series: z.string().max(200).optional(),
});

async function itemsOf(input: ScopedInput<unknown, unknown, unknown>, lang: Language) {
  const rows = await input.tx.execute<{ id: string; name: Record<Language, string> | string; unit: string }>(
    sql`select id::text, name, unit from aid_items`,
  );
  return new Map(
    rows.rows.map((i) => [i.id, { name: (typeof i.name === 'string' ? JSON.parse(i.name) : i.name)[lang] as string, unit: i.unit }]),
  );
}

export function registerOperationsListExports(app: FastifyInstance): void {
  defineListExport(app, {
    url: '/api/aid/requests',
    list: 'aidRequests',
    tag: TAG,
    access: { kind: 'signed_in', records: 'organization' },
    // Strict: a filter the list does not know is refused, not silently dropped from the file.
    query: AidQueueQuery.strict(),
    load: async (input) => {
      if (!AID_PERMISSIONS.some((p) => input.actor.permissions.has(p))) throw forbidden();
      const requests = await rowsOfListRoute<unknown, AidRequestView>(input, '/api/aid/requests');
      const lang = input.req.lang;
      const items = await itemsOf(input, lang);
      // One row per line of a request (a request without lines keeps one row), in the list's order.
      const rows = requests.flatMap((request) =>
        (request.lines.length > 0 ? request.lines : [null]).map((line) => ({ request, line, item: line && items.get(line.itemId) })),
      );
      return exportTable(rows, [
        { header: 'aid.fields.family', value: (r) => r.request.familyFirstName },
        { header: 'aid.fields.status', value: (r) => translate(lang, `aid.statuses.${r.request.status}`) },
        { header: 'aid.fields.delivery', value: (r) => translate(lang, `aid.delivery.${r.request.delivery}`) },
        { header: 'aid.fields.requestedOn', value: (r) => r.request.requestedOn, type: 'date' },
        { header: 'requestedBy', value: (r) => r.request.requestedBy },
        { header: 'aid.fields.item', value: (r) => r.item?.name, width: 36 },
        { header: 'aid.fields.unit', value: (r) => (r.item ? translate(lang, `aid.units.${r.item.unit}`) : null) },
        { header: 'aid.fields.requested', value: (r) => r.line?.requested, type: 'number' },
        { header: 'aid.fields.approved', value: (r) => r.line?.approved, type: 'number' },
        { header: 'aid.aboveNorm', value: (r) => r.line?.aboveNorm },
        { header: 'aid.fields.decidedOn', value: (r) => r.request.decidedOn, type: 'date' },
        { header: 'aid.fields.handedOn', value: (r) => r.request.handedOn, type: 'date' },
        { header: 'aid.fields.actSigned', value: (r) => r.request.actSignedOn, type: 'date' },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/group-sessions',
    list: 'groupSessions',
    tag: TAG,
    // The page shows the sessions to those who manage group work (the M&E officer gets counts only).
    access: { kind: 'permission', permission: 'groups.manage', records: 'organization' },
    query: GroupExportQuery,
    load: async (input) => {
      const { kind, series, ...listQuery } = input.query;
      const sessions = await rowsOfListRoute<unknown, GroupSessionView>({ ...input, query: listQuery }, '/api/group-sessions');
      const branches = await branchNames(input);
      const lang = input.req.lang;
      const shown = sessions.filter((s) => (!kind || s.kind === kind) && (!series || s.series === series));
      return exportTable(shown, [
        { header: 'groups.date', value: (s) => s.date, type: 'date' },
        { header: 'groups.endDate', value: (s) => s.endDate, type: 'date' },
        { header: 'groups.kind', value: (s) => translate(lang, `groups.kinds.${s.kind}`) },
        { header: 'groups.series', value: (s) => s.series },
        { header: 'groups.topic', value: (s) => s.topic, width: 40 },
        { header: 'groups.duration', value: (s) => s.durationMinutes, type: 'number' },
        { header: 'groups.facilitators', value: (s) => s.facilitators.map((f) => f.name).join(', '), width: 36 },
        { header: 'groups.branch', value: (s) => branches.get(s.branchId) ?? '' },
        // The badge on the card: families from cases plus those from outside.
        { header: 'participants', value: (s) => s.attendeeCount + s.outsideAdults + s.outsideChildren, type: 'number' },
        { header: 'groups.outsideAdults', value: (s) => s.outsideAdults, type: 'number' },
        { header: 'groups.outsideChildren', value: (s) => s.outsideChildren, type: 'number' },
      ]);
    },
  });
}
