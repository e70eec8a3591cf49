// Targets (planned values) per programme, period and indicator — in total and per branch — and the
// narrative per indicator. A batch of target edits is checked whole before anything is written:
// a bad row answers 400 naming it (`targets.3.planned`), a stale one 409, and nothing is saved.
import { sql } from 'drizzle-orm';
import type { NarrativeInput, NarrativeView, TargetList, TargetsInput, TargetView } from '../../domain/reports/contracts.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import type { AuditContext } from '../audit/audit.js';
import { auditCode, auditIds, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, conflict, notFound } from '../http/errors.js';

export interface ProgrammeRow {
  id: string;
  name: string;
  funder: string;
  periodStart: string;
  periodEnd: string;
}

const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

/** The programme (of the caller's organisation: row-level security), or 404. */
export async function getProgramme(tx: Tx, id: string): Promise<ProgrammeRow> {
  const rows = await tx.execute<Record<string, unknown>>(
    sql`select id::text, name, funder, period_start, period_end from programmes where id = ${id}`,
  );
  const row = rows.rows[0];
  if (!row) throw notFound();
  return {
    id: row.id as string,
    name: row.name as string,
    funder: row.funder as string,
    periodStart: day(row.period_start),
    periodEnd: day(row.period_end),
  };
}

/** The requested period, or the programme's own; an end before the start is a 400 on `to`. */
export function resolvePeriod(programme: ProgrammeRow, query: { from?: string | undefined; to?: string | undefined }, lang: Language) {
  const from = query.from ?? programme.periodStart;
  const to = query.to ?? programme.periodEnd;
  if (to < from) {
    throw new AppError('validation', 'errors.validation', {}, [
      { path: 'to', code: 'validation.before_start', message: translate(lang, 'validation.before_start') },
    ]);
  }
  return { from, to };
}

function toTarget(row: Record<string, unknown>): TargetView {
  return {
    id: row.id as string,
    indicatorId: row.indicator_id as string,
    branchId: (row.branch_id as string | null) ?? null,
    planned: Number(row.planned),
    version: Number(row.version),
    updatedAt: new Date(row.updated_at as string).toISOString(),
  };
}

export async function listTargets(tx: Tx, programmeId: string, from: string, to: string): Promise<TargetView[]> {
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select id::text, indicator_id::text, branch_id::text, planned, version, updated_at from indicator_targets
    where programme_id = ${programmeId} and period_start = ${from} and period_end = ${to}
    order by indicator_id, branch_id nulls first`);
  return rows.rows.map(toTarget);
}

export async function targetList(tx: Tx, programmeId: string, from: string, to: string): Promise<TargetList> {
  return { programmeId, from, to, items: await listTargets(tx, programmeId, from, to) };
}

const field = (lang: Language, path: string, code: string): FieldError => ({
  path,
  code: `validation.${code}`,
  message: translate(lang, `validation.${code}`),
});

/** Unknown indicators and branches, and a row given twice, named by their place in the batch. */
async function batchProblems(tx: Tx, input: TargetsInput, lang: Language): Promise<FieldError[]> {
  const indicators = await tx.execute<{ id: string }>(sql`select id::text from indicators`);
  const branches = await tx.execute<{ id: string }>(sql`select id::text from branches`);
  const knownIndicators = new Set(indicators.rows.map((r) => r.id));
  const knownBranches = new Set(branches.rows.map((r) => r.id));
  const seen = new Set<string>();
  const problems: FieldError[] = [];
  input.targets.forEach((row, i) => {
    if (!knownIndicators.has(row.indicatorId)) problems.push(field(lang, `targets.${i}.indicatorId`, 'invalid_option'));
    if (row.branchId !== null && !knownBranches.has(row.branchId)) problems.push(field(lang, `targets.${i}.branchId`, 'invalid_option'));
    const key = `${row.indicatorId}:${row.branchId ?? ''}`;
    if (seen.has(key)) problems.push(field(lang, `targets.${i}.indicatorId`, 'duplicate_target'));
    seen.add(key);
  });
  return problems;
}

/** Saves a batch of targets of one programme and period, all or nothing; audited row by row. */
export async function saveTargets(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  programme: ProgrammeRow,
  input: TargetsInput,
  lang: Language,
): Promise<TargetList> {
  const problems = await batchProblems(tx, input, lang);
  if (problems.length > 0) throw new AppError('validation', 'errors.validation', {}, problems);
  // Locked, so that two batches on the same period take turns and the second sees the first's versions.
  const existing = await tx.execute<Record<string, unknown>>(sql`
    select id::text, indicator_id::text, branch_id::text, planned, version, updated_at from indicator_targets
    where programme_id = ${programme.id} and period_start = ${input.from} and period_end = ${input.to} for update`);
  const byKey = new Map(
    existing.rows.map((row) => [`${row.indicator_id as string}:${(row.branch_id as string | null) ?? ''}`, toTarget(row)]),
  );
  for (const row of input.targets) {
    const current = byKey.get(`${row.indicatorId}:${row.branchId ?? ''}`);
    // A new target over one someone else just created, or an edit of a changed/removed one: stale.
    if ((current?.version ?? undefined) !== row.version) throw conflict();
  }
  for (const row of input.targets) {
    const current = byKey.get(`${row.indicatorId}:${row.branchId ?? ''}`);
    // Targets are the organisation's plan, not case content: the planned figures may be kept.
    const details = {
      programmeId: auditCode(programme.id),
      indicatorId: auditCode(row.indicatorId),
      branchId: row.branchId === null ? null : auditCode(row.branchId),
      from: auditCode(input.from),
      to: auditCode(input.to),
      plannedFrom: current?.planned ?? null,
      plannedTo: row.planned,
    };
    if (row.planned === null) {
      if (!current) continue;
      await tx.execute(sql`delete from indicator_targets where id = ${current.id}`);
      await writeAudit(tx, audit, { action: 'delete', recordType: 'indicator_target', recordId: current.id, details });
    } else if (current) {
      await tx.execute(sql`update indicator_targets set planned = ${row.planned}, version = version + 1, updated_by = ${actor.userId},
        updated_at = now() where id = ${current.id}`);
      await writeAudit(tx, audit, { action: 'update', recordType: 'indicator_target', recordId: current.id, details });
    } else {
      const created = await tx.execute<{ id: string }>(sql`
        insert into indicator_targets (org_id, programme_id, indicator_id, period_start, period_end, branch_id, planned, updated_by)
        values (${actor.orgId}, ${programme.id}, ${row.indicatorId}, ${input.from}, ${input.to}, ${row.branchId}, ${row.planned}, ${actor.userId})
        returning id::text`);
      await writeAudit(tx, audit, { action: 'create', recordType: 'indicator_target', recordId: created.rows[0]!.id, details });
    }
  }
  return targetList(tx, programme.id, input.from, input.to);
}

export async function listNarratives(tx: Tx, programmeId: string, from: string, to: string): Promise<Map<string, NarrativeView>> {
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select indicator_id::text, text, version, updated_at from report_narratives
    where programme_id = ${programmeId} and period_start = ${from} and period_end = ${to}`);
  return new Map(
    rows.rows.map((row) => [
      row.indicator_id as string,
      {
        indicatorId: row.indicator_id as string,
        text: row.text as string,
        version: Number(row.version),
        updatedAt: new Date(row.updated_at as string).toISOString(),
      },
    ]),
  );
}

/** Creates or updates the narrative of one indicator in one programme period; 409 when stale. */
export async function saveNarrative(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  input: NarrativeInput,
  lang: Language,
): Promise<NarrativeView> {
  const known = await tx.execute(sql`select 1 from indicators where id = ${input.indicatorId}`);
  if (known.rows.length === 0) throw new AppError('validation', 'errors.validation', {}, [field(lang, 'indicatorId', 'invalid_option')]);
  const current = await tx.execute<{ id: string; text: string; version: number }>(sql`
    select id::text, text, version from report_narratives where programme_id = ${input.programmeId}
      and indicator_id = ${input.indicatorId} and period_start = ${input.from} and period_end = ${input.to} for update`);
  const before = current.rows[0];
  if ((before ? Number(before.version) : undefined) !== input.version) throw conflict();
  const saved = before
    ? await tx.execute<{ id: string }>(sql`update report_narratives set text = ${input.text}, version = version + 1,
        updated_by = ${actor.userId}, updated_at = now() where id = ${before.id} returning id::text`)
    : await tx.execute<{ id: string }>(sql`
        insert into report_narratives (org_id, programme_id, indicator_id, period_start, period_end, text, updated_by)
        values (${actor.orgId}, ${input.programmeId}, ${input.indicatorId}, ${input.from}, ${input.to}, ${input.text}, ${actor.userId})
        returning id::text`);
  await writeAudit(tx, audit, {
    action: before ? 'update' : 'create',
    recordType: 'report_narrative',
    recordId: saved.rows[0]!.id,
    details: auditIds({ programmeId: input.programmeId, indicatorId: input.indicatorId, from: input.from, to: input.to }),
  });
  const view = (await listNarratives(tx, input.programmeId, input.from, input.to)).get(input.indicatorId);
  return view!;
}
