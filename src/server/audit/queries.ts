// "Who saw what" (issue 17, point 4), for the admin (audit.read): everything one user saw or changed
// in a period, and everyone who saw or changed one person's data — as a page on screen and as an
// XLSX or CSV file. The audit holds ids, field names and codes only, so neither answer carries a
// value of a record.
//
// One person's data is found by the ids of their records: the member, their family, the family's
// cases and referrals, and the entries of a case's sub-records that name the case or the family in
// their details (plans, services, feedback…). The record_id index of migration 0042 and the case and
// family columns of 0045 (details' caseId and familyId, generated) make that a few index scans (README).
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ActivityQuery, ExportFormatParams, PersonAccessQuery, AccessReport, type AccessSummary } from '../../domain/audit/queries.js';
import type { AuditEntry } from '../../domain/audit/contracts.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import { invalidField } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { exportTable, toCsv, toXlsx } from '../exports/list-export.js';
import { auditCode, auditCodes, keptDetails, writeAudit } from './audit.js';

const SCREEN_LIMIT = 500;
const FILE_LIMIT = 100_000;
const READS = ['read', 'read_sensitive', 'export'];

const access = { kind: 'permission', permission: 'audit.read', records: 'organization' } as const;

function period(query: { from?: string; to?: string }): SQL {
  return sql`${query.from ? sql`and a.at >= ${query.from}` : sql``} ${query.to ? sql`and a.at < ${query.to}` : sql``}`;
}

function toEntry(row: Record<string, unknown>): AuditEntry {
  return {
    id: Number(row.id),
    at: new Date(row.at as string).toISOString(),
    userId: (row.user_id as string | null) ?? null,
    userName: (row.user_name as string | null) ?? null,
    action: row.action as string,
    recordType: row.record_type as string,
    recordId: row.record_id as string,
    details: keptDetails(typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as AuditEntry['details'],
    ip: row.ip as string,
    requestId: row.request_id as string,
  };
}

const ENTRY_COLUMNS = sql`a.id, a.at, a.user_id::text, a.action, a.record_type, a.record_id, a.details, a.ip, a.request_id,
  nullif(trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name), '') as user_name`;

async function userActivity(tx: Tx, query: ActivityQuery, lang: Language, limit: number) {
  const user = await tx.execute(sql`select 1 from users where id = ${query.userId}`);
  if (user.rows.length === 0) throw invalidField('userId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  const condition = sql`a.user_id = ${query.userId} ${period(query)}`;
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select ${ENTRY_COLUMNS} from audit_log a left join users u on u.id = a.user_id
    where ${condition} order by a.at desc, a.id desc limit ${limit}`);
  const total = await tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_log a where ${condition}`);
  return { items: rows.rows.map(toEntry), total: Number(total.rows[0]!.n), limit, people: [] as AccessSummary[] };
}

/** The records of one person (member or family): ids, and the case and family ids sub-records name. */
async function personRecords(tx: Tx, query: PersonAccessQuery, lang: Language) {
  const refuse = (field: string) => invalidField(field, 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  if ((query.memberId === undefined) === (query.familyId === undefined)) {
    throw invalidField(query.memberId ? 'familyId' : 'memberId', 'validation.required', translate(lang, 'protection.errors.one_subject'));
  }
  let familyId = query.familyId;
  if (query.memberId) {
    const member = await tx.execute<{ family_id: string }>(sql`select family_id::text from members where id = ${query.memberId}`);
    if (!member.rows[0]) throw refuse('memberId');
    familyId = member.rows[0].family_id;
  } else {
    const family = await tx.execute(sql`select 1 from families where id = ${familyId}`);
    if (family.rows.length === 0) throw refuse('familyId');
  }
  const cases = await tx.execute<{ id: string }>(sql`select id::text from cases where family_id = ${familyId}`);
  const referrals = await tx.execute<{ id: string }>(sql`select id::text from referrals where family_id = ${familyId}`);
  const caseIds = cases.rows.map((row) => row.id);
  const ids = [familyId!, ...(query.memberId ? [query.memberId] : []), ...caseIds, ...referrals.rows.map((row) => row.id)];
  return { familyId: familyId!, caseIds, ids };
}

function personCondition(records: { familyId: string; caseIds: string[]; ids: string[] }, query: PersonAccessQuery): SQL {
  // Each branch matches one partial index (audit_log_record_id_idx of 0042, the case and family columns
  // of 0045): a BitmapOr of three index scans by value, row-level security notwithstanding.
  const byCase = records.caseIds.length === 0 ? sql`false` : sql`(a.case_ref is not null and a.case_ref in ${records.caseIds})`;
  return sql`(a.record_id <> '' and a.record_id in ${records.ids}
    or ${byCase}
    or (a.family_ref is not null and a.family_ref = ${records.familyId})) ${period(query)}`;
}

async function personAccess(tx: Tx, query: PersonAccessQuery, lang: Language, limit: number) {
  const records = await personRecords(tx, query, lang);
  const condition = personCondition(records, query);
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select ${ENTRY_COLUMNS} from audit_log a left join users u on u.id = a.user_id
    where ${condition} order by a.at desc, a.id desc limit ${limit}`);
  const people = await tx.execute<Record<string, unknown>>(sql`
    select a.user_id::text, nullif(trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name), '') as user_name,
      count(*) filter (where a.action in ${READS})::int as reads, count(*) filter (where a.action not in ${READS})::int as changes,
      min(a.at) as first, max(a.at) as last, count(*)::int as n
    from audit_log a left join users u on u.id = a.user_id
    where ${condition} group by a.user_id, u.last_name, u.first_name, u.middle_name order by max(a.at) desc`);
  return {
    items: rows.rows.map(toEntry),
    total: people.rows.reduce((sum, row) => sum + Number(row.n), 0),
    limit,
    people: people.rows.map((row) => ({
      userId: (row.user_id as string | null) ?? null,
      userName: (row.user_name as string | null) ?? null,
      reads: Number(row.reads),
      changes: Number(row.changes),
      first: new Date(row.first as string).toISOString(),
      last: new Date(row.last as string).toISOString(),
    })),
  };
}

function entriesFile(items: AuditEntry[], format: 'xlsx' | 'csv', lang: Language, title: string): Promise<Buffer> | Buffer {
  const table = exportTable(items, [
    { header: 'protection.audit.at', value: (e) => e.at.replace('T', ' ').slice(0, 19), width: 20 },
    { header: 'protection.audit.user', value: (e) => e.userName ?? e.userId ?? '', width: 30 },
    { header: 'protection.audit.action', value: (e) => translate(lang, `web.audit.actions.${e.action}`), width: 16 },
    { header: 'protection.audit.record', value: (e) => `${e.recordType} ${e.recordId}`.trim(), width: 50 },
    { header: 'protection.audit.details', value: (e) => JSON.stringify(e.details), width: 40 },
    { header: 'protection.audit.ip', value: (e) => e.ip, width: 16 },
  ]);
  return format === 'xlsx' ? toXlsx(title, table, lang) : toCsv(table, lang);
}

function sendFile(reply: { header(name: string, value: string): unknown }, format: 'xlsx' | 'csv', name: string): void {
  reply.header(
    'content-type',
    format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
  );
  reply.header('content-disposition', `attachment; filename="${name}.${format}"`);
}

export function registerAuditQueryRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/audit/activity',
    tag: 'audit',
    summary: 'Everything one user saw or changed in a period (newest 500 and the total)',
    access,
    query: ActivityQuery,
    response: AccessReport,
    handler: async ({ tx, query, req, audit }) => {
      const report = await userActivity(tx, query, req.lang, SCREEN_LIMIT);
      await writeAudit(tx, audit, { action: 'read', recordType: 'audit_activity', recordId: query.userId });
      return report;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/audit/activity.:format',
    tag: 'audit',
    summary: 'Everything one user saw or changed in a period, as XLSX or CSV (at most 100,000 entries)',
    access,
    params: ExportFormatParams,
    query: ActivityQuery,
    response: z.instanceof(Buffer),
    handler: async ({ tx, query, params, req, reply, audit }) => {
      const report = await userActivity(tx, query, req.lang, FILE_LIMIT);
      await writeAudit(tx, audit, {
        action: 'export',
        recordType: 'audit_activity',
        recordId: query.userId,
        details: { format: auditCode(params.format), rows: report.items.length },
      });
      sendFile(reply, params.format, `audit-user-${query.userId.slice(0, 8)}`);
      return entriesFile(report.items, params.format, req.lang, translate(req.lang, 'protection.audit.byUser'));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/audit/person',
    tag: 'audit',
    summary: "Everyone who saw or changed one person's data (a family member or a family): per user, and the newest 500 entries",
    access,
    query: PersonAccessQuery,
    response: AccessReport,
    handler: async ({ tx, query, req, audit }) => {
      const report = await personAccess(tx, query, req.lang, SCREEN_LIMIT);
      await writeAudit(tx, audit, {
        action: 'read',
        recordType: 'audit_person',
        recordId: (query.memberId ?? query.familyId)!,
        details: { fields: auditCodes(query.memberId ? ['memberId'] : ['familyId']) },
      });
      return report;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/audit/person.:format',
    tag: 'audit',
    summary: "Everyone who saw or changed one person's data, as XLSX or CSV (at most 100,000 entries)",
    access,
    params: ExportFormatParams,
    query: PersonAccessQuery,
    response: z.instanceof(Buffer),
    handler: async ({ tx, query, params, req, reply, audit }) => {
      const report = await personAccess(tx, query, req.lang, FILE_LIMIT);
      await writeAudit(tx, audit, {
        action: 'export',
        recordType: 'audit_person',
        recordId: (query.memberId ?? query.familyId)!,
        details: { format: auditCode(params.format), rows: report.items.length },
      });
      sendFile(reply, params.format, `audit-person-${(query.memberId ?? query.familyId)!.slice(0, 8)}`);
      return entriesFile(report.items, params.format, req.lang, translate(req.lang, 'protection.audit.byPerson'));
    },
  });
}
