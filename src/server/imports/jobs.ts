// Import jobs: an uploaded file kept with its rows, analysed into a preview, imported in the
// background in batches (each batch one transaction, each family/case/service in a savepoint of its
// own, so a row never half-applies and a failed row leaves nothing), reported and undone.
//
// The work runs in this server process after the request that started it has answered; its progress
// is kept on the job and polled. A job whose work is not running in this process (the server was
// restarted) reads as interrupted, and importing it again continues with the rows not yet done.
import { sql } from 'drizzle-orm';
import type { ImportJobView, ImportKind, ImportMapping, ImportRowView } from '../../domain/imports/contracts.js';
import { IMPORT_FIELDS } from '../../domain/imports/contracts.js';
import { mappingMemory, suggestMapping } from '../../domain/imports/headers.js';
import type { Problem } from '../../domain/imports/rows.js';
import { cellText, wordKey, type Cell } from '../../domain/imports/values.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { auditCode, writeAudit, type AuditContext } from '../audit/audit.js';
import type { Engine, Tx } from '../db/engine.js';
import { scoped } from '../db/gateway.js';
import type { Actor } from '../http/context.js';
import { AppError, conflict, forbidden, invalidField, notFound } from '../http/errors.js';
import { bulkInsert } from '../seed/bulk.js';
import { casesImport, servicesImport } from './casework.js';
import { familiesImport } from './families.js';
import { FileError, readSpreadsheet } from './spreadsheet.js';
import type { Created, Decision, JobContext, KindHandler, RowResult, StoredRow } from './types.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const HANDLERS: Record<ImportKind, KindHandler<any>> = { families: familiesImport, cases: casesImport, services: servicesImport };

/** What a user must be able to do by hand to import each kind. */
export const KIND_PERMISSION = { families: 'families.manage', cases: 'cases.manage', services: 'cases.read' } as const;

export function assertMayImport(actor: Actor, kind: ImportKind): void {
  if (!actor.permissions.has(KIND_PERMISSION[kind])) throw forbidden();
}

// Work under way in this process, per job: a job without an entry here is not running.
const running = new Map<string, Promise<void>>();
/** For tests and the bench: resolves when the job's background work has finished. */
export function settled(jobId: string): Promise<void> {
  return running.get(jobId) ?? Promise.resolve();
}

interface JobRecord {
  id: string;
  kind: ImportKind;
  file_name: string;
  encoding: string;
  status: ImportJobView['status'];
  headers: string[];
  mapping: ImportMapping;
  mapping_remembered: boolean;
  branch_id: string | null;
  row_count: number;
  analysed: boolean;
  progress_done: number;
  progress_total: number;
  created_by_name: string;
  created_at: string;
  finished_at: string | null;
  undone_at: string | null;
  version: number;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

/** The job, if the caller started it (anyone else: 404). */
export async function loadJob(tx: Tx, actor: Actor, id: string): Promise<JobRecord> {
  const rows = await tx.execute<Record<string, unknown>>(sql`select j.*, trim(u.last_name || ' ' || u.first_name) as created_by_name
    from import_jobs j join users u on u.id = j.created_by where j.id = ${id} and j.created_by = ${actor.userId}`);
  const row = rows.rows[0];
  if (!row) throw notFound();
  const iso = (v: unknown) => (v === null || v === undefined ? null : new Date(v as string).toISOString());
  const job: JobRecord = {
    id: row.id as string,
    kind: row.kind as ImportKind,
    file_name: row.file_name as string,
    encoding: row.encoding as string,
    status: row.status as JobRecord['status'],
    headers: json(row.headers),
    mapping: json(row.mapping),
    mapping_remembered: Boolean(row.mapping_remembered),
    branch_id: (row.branch_id as string | null) ?? null,
    row_count: Number(row.row_count),
    analysed: Boolean(row.analysed),
    progress_done: Number(row.progress_done),
    progress_total: Number(row.progress_total),
    created_by_name: row.created_by_name as string,
    created_at: iso(row.created_at)!,
    finished_at: iso(row.finished_at),
    undone_at: iso(row.undone_at),
    version: Number(row.version),
  };
  // Work that is not running in this process will not finish: say so, and let it be continued.
  if ((job.status === 'analysing' || job.status === 'running') && !running.has(job.id)) {
    await tx.execute(sql`update import_jobs set status = 'interrupted' where id = ${id}`);
    job.status = 'interrupted';
  }
  return job;
}

export async function jobView(tx: Tx, actor: Actor, id: string, withSample = true): Promise<ImportJobView> {
  const job = await loadJob(tx, actor, id);
  const counts = await tx.execute<{ status: string; n: number }>(
    sql`select status, count(*)::int as n from import_rows where job_id = ${id} group by status`,
  );
  const count = (status: string) => Number(counts.rows.find((r) => r.status === status)?.n ?? 0);
  let sample: string[][] = [];
  if (withSample) {
    const rows = await tx.execute<{ cells: unknown }>(sql`select cells from import_rows where job_id = ${id} order by row_number limit 5`);
    sample = rows.rows.map((r) => json<Cell[]>(r.cells).map(cellText));
  }
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.file_name,
    encoding: job.encoding,
    status: job.status,
    headers: job.headers,
    sample,
    mapping: job.mapping,
    mappingRemembered: job.mapping_remembered,
    branchId: job.branch_id,
    rowCount: job.row_count,
    analysed: job.analysed,
    progress: { done: job.progress_done, total: job.progress_total },
    counts: {
      ready: count('ready'),
      problems: count('problem'),
      duplicates: count('duplicate'),
      imported: count('imported'),
      linked: count('linked'),
      skipped: count('skipped'),
      failed: count('failed'),
    },
    createdBy: job.created_by_name,
    createdAt: job.created_at,
    finishedAt: job.finished_at,
    undoneAt: job.undone_at,
    version: job.version,
  };
}

export async function listJobs(tx: Tx, actor: Actor) {
  const ids = await tx.execute<{ id: string }>(
    sql`select id::text from import_jobs where created_by = ${actor.userId} order by created_at desc limit 50`,
  );
  const items = [];
  for (const { id } of ids.rows) items.push(await jobView(tx, actor, id, false));
  return { items };
}

/** Reads the file and keeps it as a job; a bad file is a 400 naming the problem, and nothing is written. */
export async function createJob(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  input: { kind: ImportKind; fileName: string; contentBase64: string },
  lang: Language,
): Promise<string> {
  const file = Buffer.from(input.contentBase64, 'base64');
  let sheet;
  try {
    sheet = await readSpreadsheet(input.fileName, file);
  } catch (error) {
    if (error instanceof FileError) {
      const code = `imports.file.${error.problem}`;
      throw invalidField('contentBase64', code, translate(lang, code, error.params), error.params);
    }
    throw error;
  }
  const memory = await tx.execute<{ memory: unknown }>(sql`select memory from import_mappings where kind = ${input.kind}`);
  const remembered = json<Record<string, string>>(memory.rows[0]?.memory ?? {});
  const mapping = suggestMapping(sheet.headers, input.kind, remembered);
  const usedMemory = sheet.headers.some((h) => remembered[wordKey(h)] !== undefined);
  const defaultBranch = actor.branchIds.length === 1 ? actor.branchIds[0]! : null;
  const job = await tx.execute<{ id: string }>(sql`insert into import_jobs
      (org_id, kind, file_name, encoding, headers, mapping, mapping_remembered, branch_id, row_count, created_by)
    values (${actor.orgId}, ${input.kind}, ${input.fileName}, ${sheet.encoding}, ${JSON.stringify(sheet.headers)}::jsonb,
      ${JSON.stringify(mapping)}::jsonb, ${usedMemory}, ${defaultBranch}, ${sheet.rows.length}, ${actor.userId})
    returning id::text`);
  const jobId = job.rows[0]!.id;
  await bulkInsert(
    tx,
    'import_rows',
    { org_id: 'uuid', job_id: 'uuid', row_number: 'int', group_number: 'int', cells: 'jsonb' },
    sheet.rows.map((row) => ({ org_id: actor.orgId, job_id: jobId, row_number: row.number, group_number: row.number, cells: row.cells })),
    2000,
  );
  // Who uploaded what kind and how many rows: never a value of the file, nor its name.
  await writeAudit(tx, audit, {
    action: 'create',
    recordType: 'import',
    recordId: jobId,
    details: { kind: auditCode(input.kind), rows: sheet.rows.length, format: auditCode(sheet.encoding.replace(/[^a-z0-9-]/g, '')) },
  });
  return jobId;
}

async function storedRows(tx: Tx, jobId: string, where = sql`true`): Promise<StoredRow[]> {
  const rows = await tx.execute<
    Record<string, unknown>
  >(sql`select row_number, group_number, cells, decision, linked_family_id::text, created
    from import_rows where job_id = ${jobId} and ${where} order by row_number`);
  return rows.rows.map((r) => ({
    rowNumber: Number(r.row_number),
    group: Number(r.group_number),
    cells: json<Cell[]>(r.cells),
    decision: (r.decision as Decision | null) ?? null,
    linkedFamilyId: (r.linked_family_id as string | null) ?? null,
    created: r.created === null || r.created === undefined ? null : json<Created>(r.created),
  }));
}

function contextOf(job: JobRecord, actor: Actor, audit: AuditContext, lang: Language, today: string): JobContext {
  return { jobId: job.id, kind: job.kind, actor, mapping: job.mapping, branchId: job.branch_id, today, lang, audit };
}

/** Confirms the mapping (remembered for the organisation's next file of this kind) and starts the analysis. */
export async function setMapping(
  engine: Engine,
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  id: string,
  input: { mapping: ImportMapping; branchId: string | null; version: number },
  lang: Language,
  today: string,
): Promise<void> {
  const job = await loadJob(tx, actor, id);
  assertMayImport(actor, job.kind);
  if (job.version !== input.version) throw conflict();
  if (!['uploaded', 'previewed', 'interrupted'].includes(job.status)) throw conflict('imports.errors.not_editable');
  const fields = IMPORT_FIELDS[job.kind] as readonly string[];
  for (const [field, column] of Object.entries(input.mapping)) {
    if (!fields.includes(field))
      throw invalidField(`mapping.${field}`, 'validation.unknown_field', translate(lang, 'validation.unknown_field'));
    if (column >= job.headers.length)
      throw invalidField(`mapping.${field}`, 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  }
  const named = ['fullName', 'lastName', 'firstName'].some((f) => input.mapping[f] !== undefined);
  if (!named) throw invalidField('mapping.fullName', 'validation.required', translate(lang, 'validation.required'));
  if (input.branchId !== null && !actor.branchIds.includes(input.branchId))
    throw invalidField('branchId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  if (job.kind === 'families' && input.mapping.branch === undefined && input.branchId === null)
    throw invalidField('branchId', 'validation.required', translate(lang, 'validation.required'));
  const imported = await tx.execute(sql`select 1 from import_rows where job_id = ${id} and created is not null limit 1`);
  if (imported.rows.length > 0) throw conflict('imports.errors.not_editable');
  await tx.execute(sql`update import_jobs set mapping = ${JSON.stringify(input.mapping)}::jsonb, branch_id = ${input.branchId},
    status = 'analysing', analysed = false, progress_done = 0, progress_total = row_count, version = version + 1 where id = ${id}`);
  await tx.execute(sql`insert into import_mappings (org_id, kind, memory, updated_by)
    values (${actor.orgId}, ${job.kind}, ${JSON.stringify(mappingMemory(job.headers, input.mapping))}::jsonb, ${actor.userId})
    on conflict (org_id, kind) do update set memory = excluded.memory, updated_by = excluded.updated_by, updated_at = now()`);
  const ctx = contextOf({ ...job, mapping: input.mapping, branch_id: input.branchId }, actor, audit, lang, today);
  background(engine, ctx, analyse);
}

/**
 * Lets other requests in between two batches. PGlite answers within the same thread and its promises
 * resolve as microtasks, so without a turn of the event loop a long import would hold every other
 * request (and the progress poll) until it ends.
 */
const yieldToOthers = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Starts work after the request's transaction has committed (PGlite has one connection). */
function background(engine: Engine, ctx: JobContext, work: (engine: Engine, ctx: JobContext) => Promise<void>): void {
  const task = (async () => {
    await new Promise((resolve) => setImmediate(resolve));
    // Waits for the starting request's transaction to be visible before reading what it wrote.
    for (let i = 0; i < 200; i += 1) {
      const status = await scoped(engine, ctx.actor, (tx) =>
        tx.execute<{ status: string }>(sql`select status from import_jobs where id = ${ctx.jobId}`),
      );
      const now = status.rows[0]?.status;
      if (now === 'analysing' || now === 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    try {
      await work(engine, ctx);
    } catch {
      // The job reads as interrupted (its work is no longer running); the rows done so far stay done.
    }
  })().finally(() => running.delete(ctx.jobId));
  running.set(ctx.jobId, task);
}

const asUser =
  (engine: Engine, actor: Actor) =>
  <T>(fn: (tx: Tx) => Promise<T>) =>
    scoped(engine, actor, fn);

async function saveResults(tx: Tx, jobId: string, results: RowResult[]): Promise<void> {
  for (let start = 0; start < results.length; start += 2000) {
    const part = results.slice(start, start + 2000);
    await tx.execute(sql`update import_rows r set status = u.status, group_number = u.grp, problems = u.problems::jsonb,
        duplicates = u.duplicates::jsonb, outside_reach = u.outside, same_as_row = u.same, decision = u.decision,
        linked_family_id = u.linked::uuid
      from unnest(${sql.param(part.map((r) => r.rowNumber))}::int[], ${sql.param(part.map((r) => r.status))}::text[],
        ${sql.param(part.map((r) => r.group))}::int[], ${sql.param(part.map((r) => JSON.stringify(r.problems)))}::text[],
        ${sql.param(part.map((r) => JSON.stringify(r.duplicates)))}::text[], ${sql.param(part.map((r) => r.outsideReach))}::boolean[],
        ${sql.param(part.map((r) => r.sameAsRow))}::int[], ${sql.param(part.map((r) => r.decision))}::text[],
        ${sql.param(part.map((r) => r.linkedFamilyId))}::text[])
        as u(row_number, status, grp, problems, duplicates, outside, same, decision, linked)
      where r.job_id = ${jobId} and r.row_number = u.row_number`);
  }
}

async function analyse(engine: Engine, ctx: JobContext): Promise<void> {
  const run = asUser(engine, ctx.actor);
  const handler = HANDLERS[ctx.kind];
  const { rows, lookups } = await run(async (tx) => ({
    rows: await storedRows(tx, ctx.jobId),
    lookups: await handler.lookups(tx, ctx),
  }));
  const results = await handler.analyse(run, ctx, lookups, rows, async (done) => {
    await run(async (tx) => void (await tx.execute(sql`update import_jobs set progress_done = ${done} where id = ${ctx.jobId}`)));
    await yieldToOthers();
  });
  await run(async (tx) => {
    await saveResults(tx, ctx.jobId, results);
    await tx.execute(
      sql`update import_jobs set status = 'previewed', analysed = true, progress_done = progress_total where id = ${ctx.jobId}`,
    );
  });
}

/** The user's choice for a duplicate: skip it, import it as new, or link it to one of the families shown. */
export async function decide(
  tx: Tx,
  actor: Actor,
  id: string,
  input: { decisions: { rowNumber: number; decision: Decision; familyId: string | null }[]; version: number },
  lang: Language,
): Promise<void> {
  const job = await loadJob(tx, actor, id);
  if (job.version !== input.version) throw conflict();
  if (!['previewed', 'interrupted'].includes(job.status)) throw conflict('imports.errors.not_editable');
  for (const [i, d] of input.decisions.entries()) {
    const rows = await tx.execute<{
      status: string;
      duplicates: unknown;
      outside_reach: boolean;
      same_as_row: number | null;
      created: unknown;
    }>(
      sql`select status, duplicates, outside_reach, same_as_row, created from import_rows
        where job_id = ${id} and row_number = ${d.rowNumber} and row_number = group_number`,
    );
    const row = rows.rows[0];
    const field = (name: string, code = 'validation.invalid_option') => invalidField(`decisions.${i}.${name}`, code, translate(lang, code));
    if (!row || row.status !== 'duplicate') throw field('rowNumber');
    const candidates = json<{ familyId: string }[]>(row.duplicates);
    if (d.decision === 'link' && !candidates.some((c) => c.familyId === d.familyId)) throw field('familyId');
    if (d.decision !== 'link' && d.familyId !== null) throw field('familyId');
    // Several families the row could be about (cases, services): one must be chosen.
    if (d.decision === 'new' && job.kind !== 'families') throw field('decision');
    await tx.execute(sql`update import_rows set decision = ${d.decision}, linked_family_id = ${d.familyId}
      where job_id = ${id} and group_number = ${d.rowNumber}`);
  }
  await tx.execute(sql`update import_jobs set version = version + 1 where id = ${id}`);
}

export async function startRun(
  engine: Engine,
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  id: string,
  version: number,
  lang: Language,
  today: string,
): Promise<void> {
  const job = await loadJob(tx, actor, id);
  assertMayImport(actor, job.kind);
  if (job.version !== version) throw conflict();
  // An import interrupted while its rows were being checked is checked again first (PUT …/mapping).
  if (!['previewed', 'interrupted'].includes(job.status) || !job.analysed) throw conflict('imports.errors.not_ready');
  const todo = await tx.execute<{ n: number }>(sql`select count(*)::int as n from import_rows
    where job_id = ${id} and created is null and (status = 'ready' or (status = 'duplicate' and decision in ('new', 'link')))`);
  await tx.execute(sql`update import_jobs set status = 'running', progress_done = 0, progress_total = ${Number(todo.rows[0]?.n ?? 0)},
    version = version + 1 where id = ${id}`);
  await writeAudit(tx, audit, {
    action: 'update',
    recordType: 'import',
    recordId: id,
    details: { kind: auditCode(job.kind), run: true, rows: Number(todo.rows[0]?.n ?? 0) },
  });
  background(engine, contextOf(job, actor, audit, lang, today), importRows);
}

const BATCH = 500;

async function importRows(engine: Engine, ctx: JobContext): Promise<void> {
  const run = asUser(engine, ctx.actor);
  const handler = HANDLERS[ctx.kind];
  const { rows, lookups } = await run(async (tx) => ({
    rows: await storedRows(
      tx,
      ctx.jobId,
      sql`created is null and (status = 'ready' or (status = 'duplicate' and decision in ('new', 'link')))`,
    ),
    lookups: await handler.lookups(tx, ctx),
  }));
  const groups = new Map<number, StoredRow[]>();
  for (const row of rows) groups.set(row.group, [...(groups.get(row.group) ?? []), row]);
  const list = [...groups.values()];
  let done = 0;
  let skippedMarked = false;
  for (let start = 0; start < list.length || !skippedMarked; start += BATCH) {
    const batch = list.slice(start, start + BATCH);
    await run(async (tx) => {
      const outcome: { rowNumber: number; status: string; created: Created | null; problems: Problem[] }[] = [];
      const done1 = (group: StoredRow[], status: string, created: Created | null, problems: Problem[] = []) => {
        for (const row of group) outcome.push({ rowNumber: row.rowNumber, status, created: row === group[0] ? created : null, problems });
      };
      let single = batch;
      const many = handler.writeMany;
      if (many) {
        const bulk = batch.filter((group) => many.take(group));
        if (bulk.length > 0) {
          try {
            const created = await tx.transaction((sp) => many.write(sp as unknown as Tx, ctx, lookups, bulk));
            bulk.forEach((group, i) => done1(group, 'imported', created[i]!));
            single = batch.filter((group) => !many.take(group));
          } catch {
            // One of them would not go in: each is tried on its own below.
          }
        }
      }
      for (const group of single) {
        try {
          // A savepoint per family, case or service: a failure takes back only its own writes.
          const result = await tx.transaction((sp) => handler.write(sp as unknown as Tx, ctx, lookups, group));
          done1(group, result.status, result.created);
        } catch (error) {
          const problems: Problem[] =
            error instanceof AppError && error.fields?.length
              ? error.fields.map((f) => ({ field: f.path.split('.').pop() ?? '', code: f.code }))
              : [
                  {
                    field: '',
                    code:
                      error instanceof AppError && error.kind === 'not_found'
                        ? 'imports.problems.family_not_found'
                        : 'imports.problems.write_failed',
                  },
                ];
          done1(group, 'failed', null, problems);
        }
      }
      if (outcome.length > 0)
        await tx.execute(sql`update import_rows r set status = u.status, created = u.created::jsonb,
            problems = case when u.status = 'failed' then u.problems::jsonb else r.problems end
          from unnest(${sql.param(outcome.map((o) => o.rowNumber))}::int[], ${sql.param(outcome.map((o) => o.status))}::text[],
            ${sql.param(outcome.map((o) => (o.created ? JSON.stringify(o.created) : null)))}::text[],
            ${sql.param(outcome.map((o) => JSON.stringify(o.problems)))}::text[]) as u(row_number, status, created, problems)
          where r.job_id = ${ctx.jobId} and r.row_number = u.row_number`);
      done += outcome.length;
      const finished = start + BATCH >= list.length;
      if (finished) {
        // Duplicates the user chose to skip (or left undecided) are reported as skipped.
        await tx.execute(sql`update import_rows set status = 'skipped' where job_id = ${ctx.jobId} and status = 'duplicate'
          and (decision is null or decision = 'skip')`);
        skippedMarked = true;
      }
      await tx.execute(sql`update import_jobs set progress_done = ${done}
        ${finished ? sql`, status = 'done', finished_at = now()` : sql``} where id = ${ctx.jobId}`);
      if (finished)
        await writeAudit(tx, ctx.audit, {
          action: 'update',
          recordType: 'import',
          recordId: ctx.jobId,
          details: { kind: auditCode(ctx.kind), finished: true, rows: done },
        });
    });
    await yieldToOthers();
  }
}

export async function undoJob(tx: Tx, actor: Actor, audit: AuditContext, id: string, version: number, lang: Language): Promise<void> {
  const job = await loadJob(tx, actor, id);
  if (job.version !== version) throw conflict();
  if (!['done', 'interrupted'].includes(job.status)) throw conflict('imports.errors.not_undoable');
  assertMayImport(actor, job.kind);
  const rows = await storedRows(tx, id, sql`created is not null`);
  const ctx = contextOf(job, actor, audit, lang, '');
  const { blocked } = await HANDLERS[job.kind].undo(tx, ctx, rows);
  if (blocked.length > 0) {
    const what = blocked
      .map((table) => {
        const name = translate(lang, `imports.builtOn.${table}`);
        return name === `imports.builtOn.${table}` ? table : name;
      })
      .join(', ');
    throw conflict('imports.errors.undo_blocked', { what });
  }
  await tx.execute(sql`update import_rows set status = 'undone' where job_id = ${id} and created is not null`);
  await tx.execute(sql`update import_jobs set status = 'undone', undone_at = now(), undone_by = ${actor.userId}, version = version + 1
    where id = ${id}`);
  await writeAudit(tx, audit, {
    action: 'delete',
    recordType: 'import',
    recordId: id,
    details: { kind: auditCode(job.kind), undo: true, rows: rows.length },
  });
}

function problemView(p: Problem, lang: Language, kind: ImportKind) {
  const label = p.field ? translate(lang, `imports.fields.${p.field}`) : '';
  const text = translate(lang, p.code, p.params ?? {});
  void kind;
  return { field: p.field, code: p.code, message: label ? `${label}: ${text}` : text };
}

export async function rowPage(
  tx: Tx,
  actor: Actor,
  id: string,
  query: { filter: string; page: number; pageSize: number },
  lang: Language,
): Promise<{ items: ImportRowView[]; total: number }> {
  const job = await loadJob(tx, actor, id);
  const where =
    query.filter === 'problems'
      ? sql`status in ('problem', 'failed')`
      : query.filter === 'duplicates'
        ? sql`(duplicates <> '[]'::jsonb or outside_reach or same_as_row is not null)`
        : query.filter === 'not_imported'
          ? sql`status in ('problem', 'failed', 'skipped', 'duplicate')`
          : sql`true`;
  const total = await tx.execute<{ n: number }>(sql`select count(*)::int as n from import_rows where job_id = ${id} and ${where}`);
  const rows = await tx.execute<Record<string, unknown>>(sql`select * from import_rows where job_id = ${id} and ${where}
    order by row_number limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
  return {
    total: Number(total.rows[0]?.n ?? 0),
    items: rows.rows.map((r) => ({
      rowNumber: Number(r.row_number),
      status: r.status as ImportRowView['status'],
      group: Number(r.group_number),
      cells: json<Cell[]>(r.cells).map(cellText),
      problems: json<Problem[]>(r.problems).map((p) => problemView(p, lang, job.kind)),
      duplicates: json<ImportRowView['duplicates']>(r.duplicates),
      outsideReach: Boolean(r.outside_reach),
      sameAsRow: r.same_as_row === null ? null : Number(r.same_as_row),
      decision: (r.decision as ImportRowView['decision']) ?? null,
      linkedFamilyId: (r.linked_family_id as string | null) ?? null,
    })),
  };
}

/** The rows not imported, as they were read, with a column saying what to fix: to correct and upload again. */
export async function reportRows(
  tx: Tx,
  actor: Actor,
  id: string,
  lang: Language,
): Promise<{ job: JobRecord; headers: string[]; rows: string[][] }> {
  const job = await loadJob(tx, actor, id);
  const rows = await tx.execute<
    Record<string, unknown>
  >(sql`select row_number, cells, status, problems, same_as_row, duplicates, outside_reach
    from import_rows where job_id = ${id} and status in ('problem', 'failed', 'skipped', 'duplicate') order by row_number`);
  const width = job.headers.length;
  return {
    job,
    headers: [...job.headers, translate(lang, 'imports.report.problem')],
    rows: rows.rows.map((r) => {
      const cells = json<Cell[]>(r.cells).map(cellText);
      while (cells.length < width) cells.push('');
      const problems = json<Problem[]>(r.problems).map((p) => problemView(p, lang, job.kind).message);
      if (problems.length === 0) {
        if (r.same_as_row !== null) problems.push(translate(lang, 'imports.report.sameAs', { row: r.same_as_row }));
        else if (json<unknown[]>(r.duplicates).length > 0 || r.outside_reach) problems.push(translate(lang, 'imports.report.duplicate'));
        else problems.push(translate(lang, 'imports.report.skipped'));
      }
      return [...cells.slice(0, width), `${translate(lang, 'imports.report.row', { row: r.row_number })}: ${problems.join('; ')}`];
    }),
  };
}
