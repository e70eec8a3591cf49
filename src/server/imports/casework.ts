// Importing cases (a family's enrolment in a programme, with its status) and services given. Each row
// names a person of a family the user already reaches (by name, and birth date or phone when given):
// one such family is taken, several are shown as candidates to choose from, none is a problem. Cases
// are opened by openCase and moved along the lifecycle by transitionCase, services checked and
// recorded by checkService/insertService — the manual routes' own functions, so the same rules hold.
import { sql } from 'drizzle-orm';
import { normalizeName, phoneDigits } from '../../domain/families/people.js';
import { translate } from '../../domain/i18n/index.js';
import { readCaseRow, readServiceRow, type PersonKey, type Problem } from '../../domain/imports/rows.js';
import { wordKey } from '../../domain/imports/values.js';
import { auditCode, auditIds, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { AppError } from '../http/errors.js';
import { familyScope, caseScope } from '../cases/scope.js';
import { appendEvent, openCase, transitionCase } from '../cases/routes.js';
import { checkService, insertService } from '../services/routes.js';
import { branchLookups, resolveBranch, type BranchLookups } from './families.js';
import { blockersOf } from './undo.js';
import type { Candidate, JobContext, KindHandler, RowResult, StoredRow } from './types.js';

interface Staff {
  id: string;
  keys: string[];
  branchIds: string[];
}

export interface CaseworkLookups extends BranchLookups {
  programmes: { id: string; key: string }[];
  staff: Staff[];
  serviceTypes: { id: string; keys: string[] }[];
}

async function caseworkLookups(tx: Tx): Promise<CaseworkLookups> {
  const programmes = await tx.execute<{ id: string; name: string }>(sql`select id::text, name from programmes`);
  const staff = await tx.execute<{ id: string; last_name: string; first_name: string; email: string; branch_ids: string[] }>(sql`
    select u.id::text, u.last_name, u.first_name, u.email,
      coalesce((select array_agg(ub.branch_id::text) from user_branches ub where ub.user_id = u.id), '{}') as branch_ids
    from users u where u.active`);
  const types = await tx.execute<{ id: string; code: string; name: { ru: string; en: string } | string }>(
    sql`select id::text, code, name from service_types where not retired`,
  );
  return {
    ...(await branchLookups(tx)),
    programmes: programmes.rows.map((p) => ({ id: p.id, key: wordKey(p.name) })),
    staff: staff.rows.map((u) => ({
      id: u.id,
      keys: [wordKey(`${u.last_name} ${u.first_name}`), wordKey(`${u.first_name} ${u.last_name}`), u.email.toLowerCase()],
      branchIds: u.branch_ids,
    })),
    serviceTypes: types.rows.map((t) => {
      const name = typeof t.name === 'string' ? (JSON.parse(t.name) as { ru: string; en: string }) : t.name;
      return { id: t.id, keys: [wordKey(name.ru), wordKey(name.en), wordKey(t.code)] };
    }),
  };
}

/** Families the user reaches with this person in them. */
async function familiesOf(tx: Tx, ctx: JobContext, person: PersonKey): Promise<Candidate[]> {
  const name = normalizeName(person.lastName, person.firstName, person.middleName);
  const phone = phoneDigits(person.phone);
  if (!name) return [];
  const rows = await tx.execute<{ id: string; name: string; branch_name: string }>(sql`
    select distinct f.id::text, f.name, b.name as branch_name
    from members m join families f on f.id = m.family_id join branches b on b.id = f.branch_id
    where (m.name_norm = hearth_norm(${person.lastName} || ' ' || ${person.firstName} || ' ' || ${person.middleName})
        or (${person.middleName} = '' and m.name_norm like hearth_norm(${person.lastName} || ' ' || ${person.firstName}) || ' %'))
      ${person.birthDate ? sql`and m.birth_date = ${person.birthDate}` : sql``}
      ${phone.length >= 10 ? sql`and m.phone_digits = ${phone}` : sql``}
      and ${familyScope(ctx.actor)}
    limit 10`);
  const reasons: Candidate['reasons'] = [
    'name',
    ...(person.birthDate ? ['birth_date' as const] : []),
    ...(phone.length >= 10 ? ['phone' as const] : []),
  ];
  return rows.rows.map((r) => ({ familyId: r.id, name: r.name, branchName: r.branch_name, reasons }));
}

const findStaff = (lookups: CaseworkLookups, text: string) => {
  const key = text.includes('@') ? text.toLowerCase().trim() : wordKey(text);
  const found = lookups.staff.filter((s) => s.keys.includes(key));
  return found.length === 1 ? found[0]! : null;
};
const findProgramme = (lookups: CaseworkLookups, text: string) => {
  const found = lookups.programmes.filter((p) => p.key === wordKey(text));
  return found.length === 1 ? found[0]! : null;
};

/** The row's family: found once, chosen among candidates, or a problem. */
function familyResult(row: StoredRow, person: PersonKey, candidates: Candidate[], problems: Problem[]): RowResult {
  const base = { rowNumber: row.rowNumber, group: row.rowNumber, duplicates: [] as Candidate[], outsideReach: false, sameAsRow: null };
  if (problems.length > 0) return { ...base, status: 'problem', problems, decision: null, linkedFamilyId: null };
  if (candidates.length === 0)
    return {
      ...base,
      status: 'problem',
      problems: [{ field: person.nameField, code: 'imports.problems.family_not_found' }],
      decision: null,
      linkedFamilyId: null,
    };
  if (candidates.length === 1) return { ...base, status: 'ready', problems: [], decision: 'link', linkedFamilyId: candidates[0]!.familyId };
  return { ...base, status: 'duplicate', problems: [], duplicates: candidates, decision: 'skip', linkedFamilyId: null };
}

async function analyseRows(
  run: Parameters<KindHandler<CaseworkLookups>['analyse']>[0],
  ctx: JobContext,
  rows: StoredRow[],
  progress: (done: number) => Promise<void>,
  check: (tx: Tx, row: StoredRow) => Promise<RowResult>,
): Promise<RowResult[]> {
  const results: RowResult[] = [];
  for (let start = 0; start < rows.length; start += 200) {
    const chunk = rows.slice(start, start + 200);
    results.push(...(await run(async (tx) => Promise.all(chunk.map((row) => check(tx, row))))));
    await progress(start + chunk.length);
  }
  return results;
}

function caseParts(ctx: JobContext, lookups: CaseworkLookups, row: StoredRow) {
  const read = readCaseRow(row.cells, ctx.mapping, ctx.today);
  const problems = [...read.problems];
  const programme = read.programme ? findProgramme(lookups, read.programme) : null;
  if (read.programme && !programme) problems.push({ field: 'programme', code: 'imports.problems.unknown_programme' });
  let branchId: string | null = null;
  if (read.branch || ctx.branchId) {
    const branch = resolveBranch(read.branch, lookups, ctx);
    if ('problem' in branch) problems.push(branch.problem);
    else branchId = branch.branchId;
  }
  const lead = read.lead ? findStaff(lookups, read.lead) : (lookups.staff.find((s) => s.id === ctx.actor.userId) ?? null);
  if (!lead) problems.push({ field: 'lead', code: read.lead ? 'imports.problems.unknown_staff' : 'validation.required' });
  else if (branchId && !lead.branchIds.includes(branchId)) problems.push({ field: 'lead', code: 'imports.problems.lead_not_in_branch' });
  return { read, problems, programme, branchId, lead };
}

export const casesImport: KindHandler<CaseworkLookups> = {
  lookups: (tx) => caseworkLookups(tx),
  analyse: (run, ctx, lookups, rows, progress) =>
    analyseRows(run, ctx, rows, progress, async (tx, row) => {
      const { read, problems, programme } = caseParts(ctx, lookups, row);
      const candidates = problems.length > 0 ? [] : await familiesOf(tx, ctx, read.person);
      const result = familyResult(row, read.person, candidates, problems);
      if (result.status === 'ready' && programme) {
        const open = await tx.execute(sql`select 1 from cases where family_id = ${result.linkedFamilyId} and programme_id = ${programme.id}
          and status <> 'closed'`);
        if (open.rows.length > 0)
          return {
            ...result,
            status: 'problem',
            problems: [{ field: 'programme', code: 'imports.problems.case_exists' }],
            decision: null,
            linkedFamilyId: null,
          };
      }
      return result;
    }),

  async write(tx, ctx, lookups, rows) {
    const row = rows[0]!;
    const { read, problems, programme, branchId, lead } = caseParts(ctx, lookups, row);
    if (problems.length > 0 || !programme || !lead || !read.openedOn || !row.linkedFamilyId) throw new Error('import: row not valid');
    const family = await tx.execute<{ branch_id: string }>(sql`select branch_id::text from families where id = ${row.linkedFamilyId}`);
    const caseBranch = branchId ?? family.rows[0]?.branch_id ?? '';
    const caseId = await openCase(
      tx,
      ctx.actor,
      {
        familyId: row.linkedFamilyId,
        programmeId: programme.id,
        branchId: caseBranch,
        leadId: lead.id,
        openedOn: read.openedOn,
        team: [],
        riskFlags: [],
        referralId: null,
      },
      ctx.lang,
    );
    await writeAudit(tx, ctx.audit, {
      action: 'create',
      recordType: 'case',
      recordId: caseId,
      details: { ...auditIds({ familyId: row.linkedFamilyId, programmeId: programme.id }), importJobId: auditCode(ctx.jobId) },
    });
    const steps =
      read.status === 'active' ? (['activate'] as const) : read.status === 'post_support' ? (['activate', 'to_post_support'] as const) : [];
    let version = 1;
    for (const action of steps) {
      await transitionCase(tx, ctx.actor, ctx.audit, caseId, { action, on: read.openedOn, outcome: null, reason: '', version }, ctx.lang);
      version += 1;
    }
    return { status: 'imported', created: { caseId, familyId: row.linkedFamilyId } };
  },

  // Imported cases are taken back while nothing was built on them: no row of another table points at
  // them (a service, a plan, a stay, an assessment… — found in the catalogue, so later tables count
  // too) and their history has no entry since the import (a note, an edit, a status change: an entry
  // the import wrote carries the case's own created_at). The history itself is append-only; only the
  // database function of migration 0046 deletes it, for the cases of this job and this user.
  async undo(tx, ctx, rows) {
    const ids = rows.map((r) => r.created?.caseId).filter((id): id is string => Boolean(id));
    if (ids.length === 0) return { blocked: [] };
    const list = `{${ids.join(',')}}`;
    const blocked = await blockersOf(tx, 'cases', ids, ['case_events', 'case_team', 'case_search']);
    const since = await tx.execute(sql`select 1 from case_events e join cases c on c.id = e.case_id
      where e.case_id = any(${list}::uuid[]) and e.at <> c.created_at limit 1`);
    if (since.rows.length > 0) blocked.push('case_events');
    if (blocked.length > 0) return { blocked };
    for (const caseId of ids)
      await writeAudit(tx, ctx.audit, {
        action: 'delete',
        recordType: 'case',
        recordId: caseId,
        details: { importJobId: auditCode(ctx.jobId) },
      });
    await tx.execute(sql`select hearth_undo_imported_cases(${ctx.jobId})`);
    return { blocked: [] };
  },
};

function serviceParts(ctx: JobContext, lookups: CaseworkLookups, row: StoredRow) {
  const read = readServiceRow(row.cells, ctx.mapping, ctx.today);
  const problems = [...read.problems];
  const type = read.serviceType ? lookups.serviceTypes.filter((t) => t.keys.includes(wordKey(read.serviceType))) : [];
  if (read.serviceType && type.length !== 1) problems.push({ field: 'serviceType', code: 'imports.problems.unknown_service_type' });
  const programme = read.programme ? findProgramme(lookups, read.programme) : null;
  if (read.programme && !programme) problems.push({ field: 'programme', code: 'imports.problems.unknown_programme' });
  const specialist = read.specialist ? findStaff(lookups, read.specialist) : (lookups.staff.find((s) => s.id === ctx.actor.userId) ?? null);
  if (!specialist) problems.push({ field: 'specialist', code: 'imports.problems.unknown_staff' });
  return { read, problems, typeId: type.length === 1 ? type[0]!.id : null, programme, specialist };
}

/** The family's case the service belongs to: of the programme named, the latest not closed (else the latest). */
async function caseOf(tx: Tx, ctx: JobContext, familyId: string, programmeId: string | null): Promise<string | null> {
  const rows = await tx.execute<{ id: string }>(sql`select c.id::text from cases c
    where c.family_id = ${familyId} ${programmeId ? sql`and c.programme_id = ${programmeId}` : sql``} and ${caseScope(ctx.actor)}
    order by (c.status = 'closed'), c.opened_on desc limit 1`);
  return rows.rows[0]?.id ?? null;
}

export const servicesImport: KindHandler<CaseworkLookups> = {
  lookups: (tx) => caseworkLookups(tx),
  analyse: (run, ctx, lookups, rows, progress) =>
    analyseRows(run, ctx, rows, progress, async (tx, row) => {
      const { read, problems, programme } = serviceParts(ctx, lookups, row);
      const candidates = problems.length > 0 ? [] : await familiesOf(tx, ctx, read.person);
      const result = familyResult(row, read.person, candidates, problems);
      if (result.status === 'ready' && !(await caseOf(tx, ctx, result.linkedFamilyId!, programme?.id ?? null)))
        return {
          ...result,
          status: 'problem',
          problems: [{ field: 'programme', code: 'imports.problems.case_not_found' }],
          decision: null,
          linkedFamilyId: null,
        };
      return result;
    }),

  async write(tx, ctx, lookups, rows) {
    const row = rows[0]!;
    const { read, problems, typeId, programme, specialist } = serviceParts(ctx, lookups, row);
    if (problems.length > 0 || !typeId || !specialist || !read.date || !row.linkedFamilyId) throw new Error('import: row not valid');
    const caseId = await caseOf(tx, ctx, row.linkedFamilyId, programme?.id ?? null);
    if (!caseId) throw new Error('import: no case');
    const input = {
      caseId,
      typeId,
      date: read.date,
      durationMinutes: read.durationMinutes ?? 60,
      specialistIds: [specialist.id],
      memberIds: [],
      format: read.format ?? 'in_person',
      initiatedBy: 'team' as const,
      taskIds: [],
      completeTasks: false,
      note: '',
      shiftId: null,
    };
    const fields = await checkService(tx, ctx.actor, input, '', ctx.lang);
    if (fields.length > 0) throw new AppError('validation', 'errors.validation', {}, fields);
    const serviceId = await insertService(tx, ctx.actor, input);
    await writeAudit(tx, ctx.audit, {
      action: 'create',
      recordType: 'service',
      recordId: serviceId,
      details: { ...auditIds({ caseId, typeId }), importJobId: auditCode(ctx.jobId) },
    });
    return { status: 'imported', created: { serviceId, caseId } };
  },

  // Services are withdrawn, as one recorded by mistake is (nothing is deleted), unless changed since.
  async undo(tx, ctx, rows) {
    const ids = rows.map((r) => r.created?.serviceId).filter((id): id is string => Boolean(id));
    if (ids.length === 0) return { blocked: [] };
    const withdrawn = await tx.execute(sql`select 1 from services where id = any(${`{${ids.join(',')}}`}::uuid[]) and withdrawn limit 1`);
    const blocked = await blockersOf(tx, 'services', ids, []);
    if (withdrawn.rows.length > 0) blocked.push('services');
    if (blocked.length > 0) return { blocked };
    const reason = translate(ctx.lang, 'imports.undoReason');
    const cases = await tx.execute<{ id: string; case_id: string }>(sql`update services set withdrawn = true, withdrawn_reason = ${reason}
      where id = any(${`{${ids.join(',')}}`}::uuid[]) returning id::text, case_id::text`);
    for (const s of cases.rows) await appendEvent(tx, ctx.actor, s.case_id, 'service_withdrawn', { serviceId: s.id, reason });
    return { blocked: [] };
  },
};
