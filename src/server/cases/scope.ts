// Who reaches which case, family and referral — compiled into SQL so a record outside the caller's
// scope is simply not found (404), in details, lists and search alike.
//
// A case is reachable by its lead and team (volunteers excepted: they get first names and ages
// only, through their own route), and by coordinators and supervisors responsible for the case's
// branch. A family is reachable through any reachable case of it; a family with no case yet, by
// the responsible coordinators/supervisors of its branch and by whoever registered it; and a family
// named by an open referral, by the worker who holds its intake (she meets the family and decides).
import { sql, type SQL } from 'drizzle-orm';
import type { CaseRelation, SensitiveAccess } from '../../domain/cases/sensitive.js';
import { DEFAULT_SENSITIVE_ACCESS, SENSITIVE_SECTIONS, visibleSections, type SensitiveSection } from '../../domain/cases/sensitive.js';
import { OPEN_REFERRAL_STATUSES } from '../../domain/referrals/contracts.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';

const RESPONSIBLE_ROLES = ['coordinator', 'supervisor'] as const;

/** Branches whose cases the actor oversees as coordinator or supervisor. */
export function responsibleBranches(actor: Actor): string[] {
  return actor.roles.some((role) => (RESPONSIBLE_ROLES as readonly string[]).includes(role)) ? actor.branchIds : [];
}

function inList(column: SQL, values: string[]): SQL {
  return values.length === 0 ? sql`false` : sql`${column} in ${values}`;
}

/**
 * Predicate over a `cases` row aliased `alias`. Volunteers and mentors on a case's team do not reach
 * the case: they see first names and their own records through their own routes, whatever
 * permissions their role is later given.
 */
export function caseScope(actor: Actor, alias = 'c'): SQL {
  const c = sql.raw(alias);
  return sql`(${c}.lead_id = ${actor.userId}
    or exists (select 1 from case_team st where st.case_id = ${c}.id and st.user_id = ${actor.userId} and st.role not in ('volunteer', 'mentor'))
    or ${inList(sql`${c}.branch_id`, responsibleBranches(actor))}${breakGlassReach(actor, c)})`;
}

const NEVER_BREAK_GLASS = ['volunteer', 'mentor'];

/**
 * Break-glass (issue 17, point 3; breakglass/routes.ts): the cases the actor opened in an emergency,
 * while the grant lasts. The one place a grant widens reach — every case, family and sub-record
 * check goes through caseScope. Never for someone who is only a volunteer or mentor (nor can they be
 * granted one).
 */
function breakGlassReach(actor: Actor, c: SQL): SQL {
  if (!actor.roles.some((role) => !NEVER_BREAK_GLASS.includes(role))) return sql``;
  return sql` or ${c}.id in (select bg.case_id from breakglass_grants bg where bg.user_id = ${actor.userId} and bg.expires_at > now())`;
}

/** The team roles whose sensitive sections a break-glass holder sees: those of their own role, never a lead's. */
const BREAK_GLASS_RELATIONS: readonly CaseRelation[] = [
  'case_worker',
  'psychologist',
  'lawyer',
  'shelter_admin',
  'coordinator',
  'supervisor',
];

/** Ids of the cases the actor leads or is on the team of (volunteers excepted): their own cases. */
export function ownCaseIds(actor: Actor): SQL {
  return sql`select oc.id from cases oc where oc.lead_id = ${actor.userId}
    union select ot.case_id from case_team ot where ot.user_id = ${actor.userId} and ot.role not in ('volunteer', 'mentor')`;
}

/** Predicate over a `families` row aliased `alias`. */
export function familyScope(actor: Actor, alias = 'f'): SQL {
  const f = sql.raw(alias);
  return sql`(exists (select 1 from cases sc where sc.family_id = ${f}.id and ${caseScope(actor, 'sc')})
    or ${inList(sql`${f}.branch_id`, responsibleBranches(actor))}
    or (${f}.created_by = ${actor.userId} and not exists (select 1 from cases sc2 where sc2.family_id = ${f}.id))
    or exists (select 1 from referrals sr where sr.family_id = ${f}.id and sr.intake_assigned_to = ${actor.userId}
      and sr.status in ${OPEN_REFERRAL_STATUSES}))`;
}

/** Predicate over a `referrals` row aliased `alias`: who received it, who holds the intake, who oversees the branch. */
export function referralScope(actor: Actor, alias = 'r'): SQL {
  const r = sql.raw(alias);
  return sql`(${r}.received_by = ${actor.userId} or ${r}.intake_assigned_to = ${actor.userId}
    or ${inList(sql`${r}.branch_id`, responsibleBranches(actor))})`;
}

/** How the actor relates to the cases of a family (team roles, lead, responsible coordinator…). */
export async function familyRelations(tx: Tx, actor: Actor, familyId: string): Promise<CaseRelation[]> {
  const result = await tx.execute<{ relation: CaseRelation }>(sql`
    select distinct ct.role as relation from case_team ct join cases c on c.id = ct.case_id
      where c.family_id = ${familyId} and ct.user_id = ${actor.userId}
    union select 'lead' from cases c where c.family_id = ${familyId} and c.lead_id = ${actor.userId}`);
  const relations = result.rows.map((row) => row.relation);
  const glass = await tx.execute(sql`select 1 from breakglass_grants bg join cases c on c.id = bg.case_id
    where c.family_id = ${familyId} and bg.user_id = ${actor.userId} and bg.expires_at > now() limit 1`);
  if (glass.rows.length > 0 && actor.roles.some((role) => !NEVER_BREAK_GLASS.includes(role)))
    for (const role of actor.roles) if ((BREAK_GLASS_RELATIONS as readonly string[]).includes(role)) relations.push(role as CaseRelation);
  const branch = await tx.execute<{ branch_id: string }>(sql`
    select f.branch_id::text from families f where f.id = ${familyId}
    union select c.branch_id::text from cases c where c.family_id = ${familyId}`);
  const branches = new Set(branch.rows.map((row) => row.branch_id));
  if (actor.branchIds.some((id) => branches.has(id))) {
    if (actor.roles.includes('coordinator')) relations.push('coordinator');
    if (actor.roles.includes('supervisor')) relations.push('supervisor');
  }
  return relations;
}

/** The organisation's configured access to sensitive sections, or the safe defaults. */
export async function sensitiveAccess(tx: Tx): Promise<SensitiveAccess> {
  const result = await tx.execute<{ sensitive_access: Record<string, string[]> | null }>(sql`select sensitive_access from organizations`);
  const configured = result.rows[0]?.sensitive_access;
  if (!configured) return DEFAULT_SENSITIVE_ACCESS;
  const access = { ...DEFAULT_SENSITIVE_ACCESS } as Record<SensitiveSection, readonly CaseRelation[]>;
  for (const section of SENSITIVE_SECTIONS) if (Array.isArray(configured[section])) access[section] = configured[section] as CaseRelation[];
  return access;
}

export async function sectionsFor(tx: Tx, actor: Actor, familyId: string): Promise<SensitiveSection[]> {
  return visibleSections(await familyRelations(tx, actor, familyId), await sensitiveAccess(tx));
}

/** The family of a case within the caller's scope, or 404: the entry check of every case sub-record route. */
export async function caseInScope(tx: Tx, actor: Actor, caseId: string): Promise<{ familyId: string }> {
  const rows = await tx.execute<{ family_id: string }>(
    sql`select c.family_id::text from cases c where c.id = ${caseId} and ${caseScope(actor)}`,
  );
  if (!rows.rows[0]) throw notFound();
  return { familyId: rows.rows[0].family_id };
}
