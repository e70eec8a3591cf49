// The audit log viewer: who did what to which record, when. Filterable by user, record and period,
// so an admin can answer "which records did user X open between T1 and T2". Never values of records:
// the admin sees no case, and the audit must not be a way round that (issue 11).
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { AuditList, AuditQuery, type AuditEntry } from '../../domain/audit/contracts.js';
import { defineRoute } from '../http/route.js';
import { keptDetails } from './audit.js';

export function registerAuditRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/audit',
    tag: 'audit',
    summary: 'Audit log entries of the organisation, newest first',
    access: { kind: 'permission', permission: 'audit.read', records: 'organization' },
    query: AuditQuery,
    response: AuditList,
    handler: async ({ tx, query }) => {
      const where: SQL[] = [sql`true`];
      if (query.userId) where.push(sql`a.user_id = ${query.userId}`);
      if (query.recordType) where.push(sql`a.record_type = ${query.recordType}`);
      if (query.recordId) where.push(sql`a.record_id = ${query.recordId}`);
      if (query.action) where.push(sql`a.action = ${query.action}`);
      if (query.from) where.push(sql`a.at >= ${query.from}`);
      if (query.to) where.push(sql`a.at < ${query.to}`);
      const condition = sql.join(where, sql` and `);
      const offset = (query.page - 1) * query.pageSize;
      const rows = await tx.execute<Record<string, unknown>>(sql`
        select a.id, a.at, a.user_id::text, a.action, a.record_type, a.record_id, a.details, a.ip, a.request_id,
          nullif(trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name), '') as user_name
        from audit_log a left join users u on u.id = a.user_id
        where ${condition} order by a.at desc, a.id desc limit ${query.pageSize} offset ${offset}`);
      const total = await tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_log a where ${condition}`);
      return {
        total: Number(total.rows[0]?.n ?? 0),
        items: rows.rows.map((row) => ({
          id: Number(row.id),
          at: new Date(row.at as string).toISOString(),
          userId: (row.user_id as string | null) ?? null,
          userName: (row.user_name as string | null) ?? null,
          action: row.action as string,
          recordType: row.record_type as string,
          recordId: row.record_id as string,
          // Only names, ids, codes, counts and flags are shown, whatever a row holds (see audit.ts).
          details: keptDetails(typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as AuditEntry['details'],
          ip: row.ip as string,
          requestId: row.request_id as string,
        })),
      };
    },
  });
}
