// The lists that can be exported, each in a few lines over defineListExport: the caseload, a
// family's services, a warehouse's stock and the partner directory. Each loads its rows with the
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
import { defineListExport, exportTable } from './list-export.js';

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
}
