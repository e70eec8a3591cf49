// The records behind an achieved figure: the engine names the cases, and the caller sees those in
// their own case scope as the case list shows them; the rest are only counted. Those who see
// figures but not people (no cases.read: the M&E officer) get the count alone. Every read is audited.
import { sql } from 'drizzle-orm';
import type { RecordsView } from '../../domain/reports/contracts.js';
import type { CaseStatus } from '../../domain/cases/lifecycle.js';
import type { AuditContext } from '../audit/audit.js';
import { auditCode, auditCodes, auditIds, writeAudit } from '../audit/audit.js';
import { caseScope } from '../cases/scope.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { recordsBehind } from '../indicators/compute.js';
import { cellRule, suppressedCell } from '../indicators/small-cells.js';
import { findIndicatorVersion } from '../indicators/queries.js';

/** A list is for finding a case, not for reading the whole caseload: past this, only counts. */
const LIST_LIMIT = 500;

export interface RecordsScope {
  programmeId: string;
  from: string;
  to: string;
  indicatorId: string;
  branchId?: string | undefined;
  part: 'value' | 'numerator' | 'denominator';
}

export async function recordsBehindFigure(tx: Tx, actor: Actor, audit: AuditContext, scope: RecordsScope): Promise<RecordsView> {
  const indicator = await findIndicatorVersion(tx, scope.indicatorId);
  if (!indicator) throw notFound();
  const ids = await recordsBehind(
    tx,
    indicator.definition,
    { from: scope.from, to: scope.to, programmeId: scope.programmeId, ...(scope.branchId && { branchId: scope.branchId }) },
    scope.part,
  );
  const unique = [...new Set(ids)];
  const seesPeople = actor.permissions.has('cases.read');
  let items: RecordsView['items'] = [];
  let inScope = 0;
  if (seesPeople && unique.length > 0) {
    const within = sql`c.id = any(${sql.param(unique)}::uuid[]) and ${caseScope(actor)}`;
    const counted = await tx.execute<{ n: number }>(sql`select count(*)::int as n from cases c where ${within}`);
    inScope = Number(counted.rows[0]?.n ?? 0);
    const rows = await tx.execute<Record<string, unknown>>(sql`
      select c.id::text as case_id, f.name as family_name, p.name as programme_name, b.name as branch_name, c.status
      from cases c join families f on f.id = c.family_id join programmes p on p.id = c.programme_id join branches b on b.id = c.branch_id
      where ${within} order by f.name, c.id limit ${LIST_LIMIT}`);
    items = rows.rows.map((row) => ({
      caseId: row.case_id as string,
      familyName: row.family_name as string,
      programmeName: row.programme_name as string,
      branchName: row.branch_name as string,
      status: row.status as CaseStatus,
    }));
  }
  await writeAudit(tx, audit, {
    action: 'read',
    recordType: 'indicator_records',
    recordId: scope.indicatorId,
    details: {
      ...auditIds({ programmeId: scope.programmeId, from: scope.from, to: scope.to, part: scope.part }),
      branchId: scope.branchId ? auditCode(scope.branchId) : null,
      definitionVersion: indicator.version,
      total: unique.length,
      listed: auditCodes(items.map((i) => i.caseId)),
    },
  });
  // One branch's records are that branch's cell: a small count is hidden from a reader who cannot open
  // its cases, as the report's branch line is (the organisation's total, like the report's, is not).
  if (scope.branchId) {
    const rule = await cellRule(tx, actor, { branchId: scope.branchId });
    const suppressed = rule.exact(scope.branchId) ? null : suppressedCell('count', { value: unique.length }, rule.threshold);
    if (suppressed !== null) return { total: null, outsideScope: null, suppressed, identitiesHidden: !seesPeople, items };
  }
  return { total: unique.length, outsideScope: unique.length - inScope, identitiesHidden: !seesPeople, items };
}
