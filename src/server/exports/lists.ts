// The lists that can be exported, each in a few lines over defineListExport: the caseload, a
// family's services, a warehouse's stock, the partner directory, the referral queue, the trainings,
// the consultations for specialists and the volunteers. Each loads its rows with the
// function its own list route calls (same filters, same scope, same stripping): risk flags tied to a
// sensitive section never reach the case list, a psychologist's note reaches only those who may
// read it, and a case or warehouse outside the caller's reach is 404 here as there.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../domain/access/contracts.js';
import { CaseListQuery } from '../../domain/cases/contracts.js';
import { parseAgeCode } from '../../domain/families/people.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { PartnerListQuery } from '../../domain/partners/contracts.js';
import { ReferralListQuery } from '../../domain/referrals/contracts.js';
import { ServiceHistoryQuery } from '../../domain/services/contracts.js';
import { listCases } from '../cases/queries.js';
import { getWarehouse, stockOf } from '../aid/warehouses.js';
import { partnerList } from '../partners/directory.js';
import { referralList } from '../referrals/routes.js';
import { serviceHistory } from '../services/routes.js';
import { ConsultationListQuery, TrainingListQuery, type ConsultationView, type TrainingSummary } from '../../domain/trainings/contracts.js';
import { VolunteerListQuery, type VolunteerSummary } from '../../domain/volunteers/contracts.js';
import { routeRegistry, type ScopedInput, type ScopedSpec } from '../http/route.js';
import { defineListExport, exportTable } from './list-export.js';
import { registerCareListExports } from './lists-care.js';
import { registerAdminListExports } from './lists-admin.js';
import { registerOperationsListExports } from './lists-operations.js';

const NO_PAGING = { page: true, pageSize: true } as const;

/** "3 года", "5 мес.", "ожидается 01.12.2026" from the compact codes lists carry ("3y", "5m", "expected …"). */
export function ageText(code: string, lang: Language): string {
  const expected = /^expected (\d{4})-(\d{2})-(\d{2})$/.exec(code);
  if (expected)
    return translate(lang, 'cases.age.expected', { date: lang === 'ru' ? `${expected[3]}.${expected[2]}.${expected[1]}` : code.slice(9) });
  const age = parseAgeCode(code);
  if (!age) return code;
  if (age.unit === 'newborn') return translate(lang, 'cases.age.newborn');
  const form = new Intl.PluralRules(lang).select(age.count);
  return translate(lang, `cases.age.${age.unit}_${form}`, { count: age.count });
}

export function registerListExports(app: FastifyInstance): void {
  defineListExport(app, {
    url: '/api/cases',
    list: 'cases',
    tag: 'cases',
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    query: CaseListQuery.omit(NO_PAGING),
    load: async ({ tx, actor, query, req, deps }, limit) => {
      const list = await listCases(tx, actor, { ...query, page: 1, pageSize: limit }, deps.now().toISOString().slice(0, 10));
      const lang = req.lang;
      return exportTable(list.items, [
        { header: 'family', value: (c) => c.familyName },
        { header: 'children', value: (c) => c.childrenAges.map((a) => ageText(a, lang)).join(', ') },
        { header: 'status', value: (c) => translate(lang, `cases.statuses.${c.status}`) },
        { header: 'programme', value: (c) => c.programmeName },
        { header: 'branch', value: (c) => c.branchName },
        { header: 'lead', value: (c) => c.leadName },
        { header: 'openedOn', value: (c) => c.openedOn, type: 'date' },
        { header: 'closedOn', value: (c) => c.closedOn, type: 'date' },
        { header: 'days', value: (c) => c.daysInProgramme, type: 'number' },
        { header: 'riskFlags', value: (c) => c.riskFlags.map((f) => translate(lang, `cases.riskFlags.${f}`)).join(', ') },
        { header: 'missingConsent', value: (c) => c.missingConsent },
        { header: 'planProgress', value: (c) => (c.planProgress ? `${c.planProgress.tasksDone}/${c.planProgress.tasksTotal}` : null) },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/cases/:id/services',
    list: 'services',
    tag: 'services',
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    params: IdParams,
    query: ServiceHistoryQuery.omit(NO_PAGING),
    recordId: ({ params }) => params.id,
    load: async ({ tx, actor, params, query, req }, limit) => {
      const history = await serviceHistory(tx, actor, params.id, { ...query, page: 1, pageSize: limit }, req.lang);
      const lang = req.lang;
      return exportTable(history.items, [
        { header: 'date', value: (s) => s.date, type: 'date' },
        { header: 'type', value: (s) => s.typeName },
        { header: 'category', value: (s) => translate(lang, `services.categories.${s.category}`) },
        { header: 'minutes', value: (s) => s.durationMinutes, type: 'number' },
        { header: 'specialists', value: (s) => s.specialists.map((x) => x.name).join(', ') },
        { header: 'format', value: (s) => translate(lang, `services.formats.${s.format}`) },
        { header: 'initiatedBy', value: (s) => translate(lang, `services.initiated.${s.initiatedBy}`) },
        // Null when the caller may not read it (a psychologist's note): left empty, as on screen.
        { header: 'note', value: (s) => s.note, width: 50 },
        { header: 'withdrawn', value: (s) => s.withdrawn },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/warehouses/:id/stock',
    list: 'stock',
    tag: 'aid',
    access: { kind: 'permission', permission: 'aid.warehouse', records: 'organization' },
    params: IdParams,
    recordId: ({ params }) => params.id,
    load: async ({ tx, actor, params, req, deps }) => {
      const stock = await stockOf(tx, await getWarehouse(tx, actor, params.id), deps.now());
      const lang = req.lang;
      const items = await tx.execute<{ id: string; name: Record<Language, string> | string; unit: string }>(
        sql`select id::text, name, unit from aid_items`,
      );
      const byId = new Map(items.rows.map((i) => [i.id, { name: typeof i.name === 'string' ? JSON.parse(i.name) : i.name, unit: i.unit }]));
      const rows = stock.items.flatMap((item) =>
        (item.lots.length > 0 ? item.lots : [{ lot: '', expiresOn: null, quantity: 0 }]).map((lot) => ({ item, lot })),
      );
      return exportTable(rows, [
        { header: 'item', value: (r) => (byId.get(r.item.itemId)?.name as Record<Language, string> | undefined)?.[lang] ?? '', width: 40 },
        { header: 'unit', value: (r) => translate(lang, `aid.units.${byId.get(r.item.itemId)?.unit ?? ''}`) },
        { header: 'lot', value: (r) => r.lot.lot },
        { header: 'expiresOn', value: (r) => r.lot.expiresOn, type: 'date' },
        { header: 'quantity', value: (r) => r.lot.quantity, type: 'number' },
        { header: 'minimum', value: (r) => r.item.minimum || null, type: 'number' },
        { header: 'belowMinimum', value: (r) => r.item.belowMinimum },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/partners',
    list: 'partners',
    tag: 'partners',
    access: { kind: 'permission', permission: 'partners.read', records: 'organization' },
    query: PartnerListQuery.omit(NO_PAGING),
    load: async ({ tx, query, req, deps }, limit) => {
      const list = await partnerList(tx, { ...query, page: 1, pageSize: limit }, deps.now().toISOString().slice(0, 10));
      const lang = req.lang;
      return exportTable(list.items, [
        { header: 'name', value: (p) => p.name, width: 40 },
        { header: 'kind', value: (p) => translate(lang, `partners.kinds.${p.kind}`) },
        { header: 'city', value: (p) => [p.region, p.city, p.district].filter(Boolean).join(', ') },
        { header: 'partners.fields.services', value: (p) => p.services, width: 50 },
        { header: 'partners.fields.tags', value: (p) => p.tags.join(', ') },
      ]);
    },
  });
  defineListExport(app, {
    url: '/api/referrals',
    list: 'referrals',
    tag: 'referrals',
    access: { kind: 'permission', permission: 'referrals.read', records: 'case_team' },
    query: ReferralListQuery.omit(NO_PAGING),
    load: async ({ tx, actor, query, req, deps }, limit) => {
      const list = await referralList(tx, actor, { ...query, page: 1, pageSize: limit }, deps.now());
      const lang = req.lang;
      return exportTable(list.items, [
        { header: 'receivedAt', value: (r) => r.receivedAt.slice(0, 10), type: 'date' },
        { header: 'referrals.fields.source', value: (r) => translate(lang, `referrals.source.${r.source}`) },
        { header: 'referrals.fields.sourceOrganization', value: (r) => r.partner?.name ?? r.sourceOrganization },
        { header: 'client', value: (r) => [r.clientLastName, r.clientFirstName, r.clientMiddleName].filter(Boolean).join(' ') },
        { header: 'urgency', value: (r) => translate(lang, `referrals.urgency.${r.urgency}`) },
        { header: 'status', value: (r) => translate(lang, `referrals.status.${r.status}`) },
        { header: 'overdue', value: (r) => r.overdue },
        { header: 'receivedBy', value: (r) => r.receivedBy },
      ]);
    },
  });
  registerMoreListExports(app);
  registerCareListExports(app);
  registerAdminListExports(app);
  registerOperationsListExports(app);
}

/**
 * The rows of a list whose route builds them in its own handler (the trainings, the volunteers): the
 * export calls that very handler with the same caller, transaction and filters, so it cannot drift
 * from what the list shows — scope, filters, order and the list's own cap (500 rows) included.
 */
export async function rowsOfListRoute<Q, R>(input: ScopedInput<unknown, Q, unknown>, url: string): Promise<R[]> {
  const spec = (routeRegistry.get(input.req.server) ?? []).find((s) => s.method === 'GET' && s.url === url) as
    ScopedSpec<unknown, Q, unknown, { items: R[] }> | undefined;
  if (!spec) throw new Error(`no list route ${url}`);
  return (await spec.handler(input)).items;
}

export async function branchNames(input: ScopedInput<unknown, unknown, unknown>): Promise<Map<string, string>> {
  const rows = await input.tx.execute<{ id: string; name: string }>(sql`select id::text, name from branches`);
  return new Map(rows.rows.map((b) => [b.id, b.name]));
}

export function registerMoreListExports(app: FastifyInstance): void {
  defineListExport(app, {
    url: '/api/trainings',
    list: 'trainings',
    tag: 'trainings',
    access: { kind: 'permission', permission: 'trainings.read', records: 'organization' },
    query: TrainingListQuery,
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, TrainingSummary>(input, '/api/trainings');
      const branches = await branchNames(input);
      const lang = input.req.lang;
      return exportTable(items, [
        { header: 'trainings.fields.title', value: (r) => r.title, width: 40 },
        { header: 'trainings.fields.kind', value: (r) => translate(lang, `trainings.kinds.${r.kind}`) },
        { header: 'trainings.fields.branch', value: (r) => branches.get(r.branchId) ?? '' },
        { header: 'trainings.fields.startsOn', value: (r) => r.startsOn, type: 'date' },
        { header: 'trainings.fields.endsOn', value: (r) => r.endsOn, type: 'date' },
        { header: 'trainings.fields.hours', value: (r) => r.hours, type: 'number' },
        { header: 'trainings.fields.online', value: (r) => r.online },
        { header: 'trainings.fields.place', value: (r) => r.place },
        { header: 'trainings.fields.participants', value: (r) => r.participants, type: 'number' },
        { header: 'trainings.fields.completedCount', value: (r) => r.completed, type: 'number' },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/specialist-consultations',
    list: 'consultations',
    tag: 'trainings',
    access: { kind: 'permission', permission: 'trainings.read', records: 'organization' },
    query: ConsultationListQuery,
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, ConsultationView>(input, '/api/specialist-consultations');
      const branches = await branchNames(input);
      // The case and its note (shown only to those who reach the case) are left out of the file.
      return exportTable(items, [
        { header: 'trainings.fields.givenOn', value: (r) => r.givenOn, type: 'date' },
        { header: 'trainings.fields.topic', value: (r) => r.topic, width: 40 },
        { header: 'trainings.fields.minutes', value: (r) => r.minutes, type: 'number' },
        { header: 'trainings.fields.specialists', value: (r) => r.specialists.map((p) => p.name).join(', '), width: 40 },
        { header: 'trainings.fields.givenBy', value: (r) => r.givenBy },
        { header: 'trainings.fields.branch', value: (r) => branches.get(r.branchId) ?? '' },
      ]);
    },
  });

  defineListExport(app, {
    url: '/api/volunteers',
    list: 'volunteers',
    // Tagged with the exports, not the volunteers area: its own matrix lists the area's routes, and
    // this one's matrix (every role, another branch, another organisation) is in exports.test.ts.
    tag: 'exports',
    access: { kind: 'permission', permission: 'volunteers.read', records: 'organization' },
    query: VolunteerListQuery,
    load: async (input) => {
      const items = await rowsOfListRoute<unknown, VolunteerSummary>(input, '/api/volunteers');
      const branches = await branchNames(input);
      const lang = input.req.lang;
      return exportTable(items, [
        { header: 'volunteers.fields.name', value: (r) => r.name, width: 36 },
        { header: 'volunteers.fields.status', value: (r) => translate(lang, `volunteers.statuses.${r.status}`) },
        { header: 'volunteers.fields.changedOn', value: (r) => r.statusOn, type: 'date' },
        { header: 'volunteers.fields.branch', value: (r) => branches.get(r.branchId) ?? '' },
        { header: 'volunteers.fields.city', value: (r) => r.city },
        { header: 'volunteers.fields.phone', value: (r) => r.phone },
        { header: 'volunteers.fields.appliedOn', value: (r) => r.appliedOn, type: 'date' },
        { header: 'volunteers.fields.source', value: (r) => translate(lang, `volunteers.sources.${r.source}`) },
        { header: 'volunteers.fields.certificateValidUntil', value: (r) => r.certificateValidUntil, type: 'date' },
        { header: 'volunteers.fields.hours', value: (r) => r.hours, type: 'number' },
      ]);
    },
  });
}
