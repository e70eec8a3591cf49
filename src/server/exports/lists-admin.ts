// List exports of the administration's lists (issue 16, point 4): the staff, the requests of data
// subjects, the destruction acts and the breach register, as XLSX and CSV with the filters on screen.
// Each takes its rows from its list route's own handler (rowsOfListRoute), so the permission, the
// scope and the filters are the list's. The columns are what the list shows, plus coded fields that
// carry no free text: never a password hash, a second-factor secret or a session (the user view has
// none of them), never a request's outcome or contact, an act's reason, a breach's description or
// measures — those stay on the record's card.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { UserListQuery, type UserView } from '../../domain/access/contracts.js';
import { ROLE_CODES } from '../../domain/access/permissions.js';
import type { BreachView } from '../../domain/breaches/contracts.js';
import { translate } from '../../domain/i18n/index.js';
import { RequestListQuery, type DestructionActView, type SubjectRequestView } from '../../domain/privacy/contracts.js';
import type { ScopedInput } from '../http/route.js';
import { defineListExport, exportTable } from './list-export.js';
import { branchNames, rowsOfListRoute } from './lists.js';

// Tagged with the exports, not their areas: the areas' matrices list their own routes, and these
// routes' matrix (every role, another branch, another organisation) is in exports-admin.test.ts.
const TAG = 'exports';
/** The register lists take no filters: any query parameter is a 400 naming it, as a typo should be. */
const NO_FILTERS = z.strictObject({});

/** An instant as the register shows it: day and minute, in UTC (said in the cell, the server has no zone of the organisation). */
const instant = (at: string | null) => (at === null ? null : `${at.slice(0, 10)} ${at.slice(11, 16)} UTC`);

/** A role's name: the catalogue's for a shipped one, the organisation's own for one it made. */
async function roleNames(input: ScopedInput<unknown, unknown, unknown>): Promise<(code: string) => string> {
  const own = await input.tx.execute<{ code: string; name: string }>(sql`select code, name from roles`);
  const names = new Map(own.rows.map((r) => [r.code, r.name]));
  const lang = input.req.lang;
  return (code) =>
    (ROLE_CODES as readonly string[]).includes(code)
      ? translate(lang, `roles.${code}`)
      : names.get(code) || translate(lang, 'roleEditor.custom');
}

export function registerAdminListExports(app: FastifyInstance): void {
  defineListExport(app, {
    url: '/api/users',
    list: 'users',
    tag: TAG,
    access: { kind: 'permission', permission: 'users.read', records: 'organization' },
    query: UserListQuery,
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, UserView>(input, '/api/users');
      const [branches, role] = [await branchNames(input), await roleNames(input)];
      const lang = input.req.lang;
      return exportTable(items, [
        { header: 'web.users.name', value: (u) => [u.lastName, u.firstName, u.middleName].filter(Boolean).join(' '), width: 36 },
        { header: 'users.email', value: (u) => u.email, width: 30 },
        { header: 'users.phone', value: (u) => u.phone },
        { header: 'users.roles', value: (u) => u.roles.map(role).join(', '), width: 36 },
        { header: 'users.branches', value: (u) => u.branchIds.map((id) => branches.get(id) ?? '').join(', '), width: 36 },
        { header: 'users.status', value: (u) => translate(lang, u.active ? 'common.active' : 'common.inactive') },
        // Whether a second factor is on, as the list shows it — never its secret.
        { header: 'users.totp', value: (u) => u.totpEnabled },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/privacy/requests',
    list: 'subjectRequests',
    tag: TAG,
    access: { kind: 'permission', permission: 'privacy.manage', records: 'organization' },
    query: RequestListQuery,
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, SubjectRequestView>(input, '/api/privacy/requests');
      const lang = input.req.lang;
      const t = (key: string) => translate(lang, `privacy.requests.${key}`);
      return exportTable(items, [
        { header: 'privacy.requests.kind', value: (r) => t(`kinds.${r.kind}`), width: 30 },
        { header: 'privacy.requests.person', value: (r) => r.subjectName, width: 36 },
        { header: 'privacy.requests.channel', value: (r) => t(`channels.${r.channel}`) },
        { header: 'privacy.requests.receivedOn', value: (r) => r.receivedOn, type: 'date' },
        { header: 'privacy.requests.dueOn', value: (r) => r.effectiveDueOn, type: 'date' },
        { header: 'privacy.requests.extendedDueOn', value: (r) => r.extendedDueOn, type: 'date' },
        { header: 'documents.exports.columns.urgency', value: (r) => t(`urgency.${r.urgency}`) },
        { header: 'privacy.requests.status', value: (r) => t(`statuses.${r.status}`) },
        { header: 'privacy.requests.answeredOn', value: (r) => r.answeredOn, type: 'date' },
        { header: 'privacy.requests.responsible', value: (r) => r.responsibleName, width: 30 },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/privacy/acts',
    list: 'destructionActs',
    tag: TAG,
    access: { kind: 'permission', permission: 'privacy.manage', records: 'organization' },
    query: NO_FILTERS,
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, DestructionActView>(input, '/api/privacy/acts');
      const lang = input.req.lang;
      const code = (group: string, value: string) => translate(lang, `privacy.codes.${group}.${value}`);
      return exportTable(items, [
        { header: 'privacy.acts.number', value: (a) => a.number, type: 'number', width: 8 },
        { header: 'privacy.act.date', value: (a) => a.destroyedOn, type: 'date' },
        { header: 'privacy.acts.record', value: (a) => code('recordKind', a.recordKind), width: 30 },
        { header: 'documents.exports.columns.basis', value: (a) => code('basis', a.basis), width: 40 },
        {
          header: 'documents.exports.columns.subjects',
          value: (a) => a.subjects.map((s) => `${code('relation', s.category)} — ${s.count}`).join('; '),
          width: 36,
        },
        { header: 'privacy.act.categories', value: (a) => a.dataCategories.map((c) => code('dataCategory', c)).join('; '), width: 50 },
        { header: 'privacy.act.method', value: (a) => code('method', a.method), width: 40 },
        { header: 'privacy.act.by', value: (a) => a.destroyedBy, width: 30 },
        { header: 'privacy.act.approvedBy', value: (a) => a.approvedBy, width: 30 },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/breaches',
    list: 'breaches',
    tag: TAG,
    access: { kind: 'permission', permission: 'breaches.manage', records: 'organization' },
    query: NO_FILTERS,
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, BreachView>(input, '/api/breaches');
      const lang = input.req.lang;
      const t = (key: string) => translate(lang, `protection.breaches.${key}`);
      return exportTable(items, [
        { header: 'protection.breaches.discoveredAt', value: (b) => instant(b.discoveredAt), width: 20 },
        { header: 'protection.breaches.titleField', value: (b) => b.title, width: 40 },
        {
          header: 'protection.breaches.categories',
          value: (b) => b.dataCategories.map((c) => t(`categoryNames.${c}`)).join('; '),
          width: 40,
        },
        { header: 'protection.breaches.peopleAffected', value: (b) => b.peopleAffected, type: 'number' },
        { header: 'protection.breaches.deadline24', value: (b) => instant(b.deadline24h), width: 20 },
        { header: 'protection.breaches.notice24', value: (b) => instant(b.notice24hOn), width: 20 },
        { header: 'protection.breaches.deadline72', value: (b) => instant(b.deadline72h), width: 20 },
        { header: 'protection.breaches.notice72', value: (b) => instant(b.notice72hOn), width: 20 },
        { header: 'protection.breaches.responsible', value: (b) => b.responsibleName, width: 30 },
        { header: 'protection.breaches.closedAt', value: (b) => instant(b.closedAt), width: 20 },
      ]);
    },
  });
}
