// Away profile shifts: who reaches a shift, how one is read (participants, days, attendance,
// diagnostics, the change per scale, analysis, summary) and the SQL form of the "held with
// diagnostics, analysis and summary" rule that the indicator counts by.
//
// Reach (like group sessions, issue 11): the shift's team — its specialists, whoever recorded it,
// the coordinators and supervisors responsible for its branch — reaches it and runs it; the team of
// a participating family's case reads it. Outside those, it reads as
// 404. A reader outside the shift's team sees only the participants of the cases she reaches (first
// names and ages) and their diagnostics; the others are counted.
import { sql, type SQL } from 'drizzle-orm';
import type { ShiftSummaryView, ShiftView } from '../../domain/shifts/contracts.js';
import { diagnosticChanges, missingForHeld, shiftDays, shiftStatus, type ShiftFacts } from '../../domain/shifts/rules.js';
import type { Domain, DomainScore } from '../../domain/assessments/template.js';
import type { Language } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { forbidden, notFound } from '../http/errors.js';
import { caseScope, responsibleBranches } from '../cases/scope.js';

type Row = Record<string, unknown>;
const parse = <T>(value: unknown) => (typeof value === 'string' ? JSON.parse(value) : value) as T;
const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

/** Predicate over a `shifts` row aliased `alias`: the caller runs this shift. */
export function shiftTeam(actor: Actor, alias = 's'): SQL {
  const s = sql.raw(alias);
  const branches = responsibleBranches(actor);
  return sql`(${s}.created_by = ${actor.userId}
    or exists (select 1 from shift_specialists ss where ss.shift_id = ${s}.id and ss.user_id = ${actor.userId})
    or ${branches.length === 0 ? sql`false` : sql`${s}.branch_id in ${branches}`})`;
}

/** Predicate over a `shifts` row aliased `alias`: the caller reaches (reads) this shift. */
export function shiftScope(actor: Actor, alias = 's'): SQL {
  const s = sql.raw(alias);
  return sql`(${shiftTeam(actor, alias)}
    or exists (select 1 from shift_participants sp join cases c on c.id = sp.case_id
      where sp.shift_id = ${s}.id and ${caseScope(actor)}))`;
}

/**
 * The rule of src/domain/shifts/rules.ts (`missingForHeld` empty) over a `shifts` row aliased
 * `alias`, judged on `asOf`: ended, with families, every family diagnosed at the start and at the
 * end, analysed and summed up. The test in shifts.test.ts checks it against the domain rule.
 */
export function heldSql(alias: string, asOf: SQL): SQL {
  const s = sql.raw(alias);
  return sql`(${s}.ends_on <= ${asOf} and ${s}.analysis <> '' and ${s}.summary <> ''
    and exists (select 1 from shift_participants hp where hp.shift_id = ${s}.id and hp.kind = 'member')
    and not exists (select 1 from shift_participants hp where hp.shift_id = ${s}.id and hp.kind = 'member'
      and (not exists (select 1 from shift_diagnostics hd where hd.shift_id = ${s}.id and hd.case_id = hp.case_id and hd.stage = 'start')
        or not exists (select 1 from shift_diagnostics hd where hd.shift_id = ${s}.id and hd.case_id = hp.case_id and hd.stage = 'end'))))`;
}

export interface ShiftAccess {
  row: Row;
  team: boolean;
}

/** The shift if the caller reaches it (404 otherwise), and whether she runs it. */
export async function findShift(tx: Tx, actor: Actor, id: string): Promise<ShiftAccess> {
  const rows = await tx.execute<Row>(
    sql`select s.*, ${shiftTeam(actor)} as team from shifts s where s.id = ${id} and ${shiftScope(actor)}`,
  );
  const row = rows.rows[0];
  if (!row) throw notFound();
  return { row, team: Boolean(row.team) };
}

/** The shift for a change: the caller must run it (and hold shifts.manage, checked by the route). */
export async function shiftToManage(tx: Tx, actor: Actor, id: string): Promise<Row> {
  const found = await findShift(tx, actor, id);
  if (!found.team) throw forbidden();
  return found.row;
}

/** Families of each shift with the stages of the diagnostic they have, for the held rule. */
async function familyFacts(tx: Tx, shiftIds: string[]): Promise<Map<string, ShiftFacts['families'][number][]>> {
  const result = new Map<string, ShiftFacts['families'][number][]>();
  if (shiftIds.length === 0) return result;
  const rows = await tx.execute<Row>(sql`select p.shift_id::text, p.case_id::text,
      bool_or(exists (select 1 from shift_diagnostics d where d.shift_id = p.shift_id and d.case_id = p.case_id and d.stage = 'start')) as has_start,
      bool_or(exists (select 1 from shift_diagnostics d where d.shift_id = p.shift_id and d.case_id = p.case_id and d.stage = 'end')) as has_end
    from shift_participants p where p.kind = 'member' and p.shift_id in ${shiftIds} group by p.shift_id, p.case_id`);
  for (const r of rows.rows) {
    const list = result.get(r.shift_id as string) ?? [];
    list.push({ caseId: r.case_id as string, start: Boolean(r.has_start), end: Boolean(r.has_end) });
    result.set(r.shift_id as string, list);
  }
  return result;
}

const SUMMARY_SELECT = sql`select s.*, b.name as branch_name, p.name as programme_name,
    (select count(distinct sp.case_id)::int from shift_participants sp where sp.shift_id = s.id and sp.kind = 'member') as family_count,
    (select count(*)::int from shift_participants sp where sp.shift_id = s.id) as people_count
  from shifts s join branches b on b.id = s.branch_id join programmes p on p.id = s.programme_id`;

function toSummary(row: Row, families: ShiftFacts['families'][number][], asOf: string): ShiftSummaryView & { facts: ShiftFacts } {
  const facts: ShiftFacts = {
    startsOn: day(row.starts_on),
    endsOn: day(row.ends_on),
    families,
    analysis: row.analysis !== '',
    summary: row.summary !== '',
  };
  const status = shiftStatus(facts, asOf);
  return {
    id: row.id as string,
    branchId: row.branch_id as string,
    branchName: row.branch_name as string,
    programmeId: row.programme_id as string,
    programmeName: row.programme_name as string,
    title: row.title as string,
    venue: row.venue as string,
    startsOn: facts.startsOn,
    endsOn: facts.endsOn,
    families: Number(row.family_count),
    people: Number(row.people_count),
    status,
    heldWithSummary: status === 'held_with_summary',
    facts,
  };
}

export async function listShifts(tx: Tx, actor: Actor, where: SQL[], asOf: string): Promise<ShiftSummaryView[]> {
  const rows = await tx.execute<Row>(
    sql`${SUMMARY_SELECT} where ${sql.join([shiftScope(actor), ...where], sql` and `)} order by s.starts_on desc, s.created_at desc limit 200`,
  );
  const facts = await familyFacts(
    tx,
    rows.rows.map((r) => r.id as string),
  );
  return rows.rows.map((r) => {
    const { facts: _facts, ...summary } = toSummary(r, facts.get(r.id as string) ?? [], asOf);
    return summary;
  });
}

export async function getShift(tx: Tx, actor: Actor, id: string, lang: Language, asOf: string): Promise<ShiftView> {
  const { team } = await findShift(tx, actor, id);
  const row = (await tx.execute<Row>(sql`${SUMMARY_SELECT} where s.id = ${id}`)).rows[0]!;
  const summary = toSummary(row, (await familyFacts(tx, [id])).get(id) ?? [], asOf);
  // Outside the shift's team, only the cases the caller reaches are shown (first names and ages).
  const visibleCase = team ? sql`true` : sql`exists (select 1 from cases c where c.id = x.case_id and ${caseScope(actor)})`;
  const participants = await tx.execute<Row>(sql`select x.id::text, x.kind, x.case_id::text, x.member_id::text, x.mentor_id::text,
      coalesce(m.first_name, mt.display_name) as name, m.relation,
      coalesce(date_part('year', age(${summary.startsOn}::date, m.birth_date))::int, m.approximate_age) as age
    from shift_participants x left join members m on m.id = x.member_id left join mentors mt on mt.id = x.mentor_id
    where x.shift_id = ${id} and (x.case_id is null or ${visibleCase})
    order by x.kind desc, x.case_id, m.position, name`);
  const visibleIds = participants.rows.map((p) => p.id as string);
  const specialists = await tx.execute<Row>(sql`select u.id::text, trim(u.last_name || ' ' || u.first_name) as name
    from shift_specialists ss join users u on u.id = ss.user_id where ss.shift_id = ${id} order by name`);
  const dayRows = await tx.execute<Row>(sql`select day, programme, version from shift_days where shift_id = ${id}`);
  const attendance = await tx.execute<Row>(sql`select day, participant_id::text from shift_attendance where shift_id = ${id}`);
  const diagnostics = await tx.execute<Row>(sql`select x.id::text, x.stage, x.case_id::text, x.member_id::text, x.template_code,
      x.conducted_on, x.scores, t.definition, trim(u.last_name || ' ' || u.first_name) as conducted_by
    from shift_diagnostics x join assessment_templates t on t.id = x.template_id join users u on u.id = x.conducted_by
    where x.shift_id = ${id} and ${visibleCase} order by x.stage desc, x.case_id, x.conducted_on`);
  const templates = new Map<string, { domains: Domain[]; name: Record<Language, string> }>();
  for (const d of diagnostics.rows) {
    const definition = parse<{ domains: Domain[]; name: Record<Language, string> }>(d.definition);
    if (!templates.has(d.template_code as string)) templates.set(d.template_code as string, definition);
  }
  const diagnosticScores = diagnostics.rows.map((d) => ({
    stage: d.stage as 'start' | 'end',
    caseId: d.case_id as string,
    memberId: (d.member_id as string | null) ?? null,
    templateCode: d.template_code as string,
    conductedOn: day(d.conducted_on),
    scores: parse<DomainScore[]>(d.scores),
  }));
  const changes = diagnosticChanges(diagnosticScores, new Map([...templates].map(([code, t]) => [code, t.domains])));
  const byUser = async (userId: unknown) =>
    userId
      ? ((
          await tx.execute<{ name: string }>(
            sql`select trim(last_name || ' ' || first_name) as name from users where id = ${userId as string}`,
          )
        ).rows[0]?.name ?? '')
      : '';
  const consultations = await tx.execute<{ count: number; minutes: number }>(sql`select count(*)::int as count,
      coalesce(sum(duration_minutes), 0)::int as minutes from services where shift_id = ${id} and not withdrawn`);
  const programmes = new Map(dayRows.rows.map((d) => [day(d.day), d]));
  const present = new Map<string, string[]>();
  for (const a of attendance.rows) {
    if (!visibleIds.includes(a.participant_id as string)) continue;
    const list = present.get(day(a.day)) ?? [];
    list.push(a.participant_id as string);
    present.set(day(a.day), list);
  }
  const { facts, ...rest } = summary;
  return {
    ...rest,
    description: row.description as string,
    specialists: specialists.rows.map((s) => ({ id: s.id as string, name: s.name as string })),
    participants: participants.rows.map((p) => ({
      id: p.id as string,
      kind: p.kind as 'member' | 'mentor',
      caseId: (p.case_id as string | null) ?? null,
      memberId: (p.member_id as string | null) ?? null,
      mentorId: (p.mentor_id as string | null) ?? null,
      name: (p.name as string | null) ?? '',
      relation: (p.relation as string | null) ?? null,
      age: p.age === null || p.age === undefined ? null : Number(p.age),
    })),
    days: shiftDays(summary.startsOn, summary.endsOn).map((d) => ({
      day: d,
      programme: (programmes.get(d)?.programme as string | undefined) ?? '',
      version: Number(programmes.get(d)?.version ?? 0),
      present: present.get(d) ?? [],
    })),
    diagnostics: diagnostics.rows.map((d, i) => ({
      id: d.id as string,
      stage: d.stage as 'start' | 'end',
      caseId: d.case_id as string,
      memberId: (d.member_id as string | null) ?? null,
      templateCode: d.template_code as string,
      templateName: templates.get(d.template_code as string)?.name[lang] ?? (d.template_code as string),
      conductedOn: diagnosticScores[i]!.conductedOn,
      conductedBy: d.conducted_by as string,
      scores: diagnosticScores[i]!.scores.map((s) => ({ ...s })),
    })),
    changes: changes.map((c) => {
      const template = templates.get(c.templateCode);
      return {
        caseId: c.caseId,
        memberId: c.memberId,
        templateCode: c.templateCode,
        templateName: template?.name[lang] ?? c.templateCode,
        scales: c.scales.map((s) => ({
          ...s,
          title: (template?.domains.find((d) => d.code === s.domain)?.title as Record<Language, string> | undefined)?.[lang] ?? s.domain,
        })),
      };
    }),
    analysis: row.analysis ? { text: row.analysis as string, analysedOn: day(row.analysed_on), by: await byUser(row.analysed_by) } : null,
    summary: row.summary ? { text: row.summary as string, writtenOn: day(row.summary_on), by: await byUser(row.summary_by) } : null,
    missing: missingForHeld(facts, asOf),
    consultations: {
      count: Number(consultations.rows[0]?.count ?? 0),
      hours: Math.round((Number(consultations.rows[0]?.minutes ?? 0) / 60) * 100) / 100,
    },
    canManage: team && actor.permissions.has('shifts.manage'),
    version: Number(row.version),
  };
}
