// The register of mentors: resource families (linked to their own earlier case when they were a
// client family), specialists and volunteers who mentor; contact details, experience, place and
// capacity; the status path candidate → in training → trained → active → paused → withdrawn with
// dates and reasons. Reached by the staff of the mentor's branch who hold mentoring.read.
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  MentorInput,
  MentorListQuery,
  MentorStatusInput,
  MentorSummary,
  MentorUpdateInput,
  MentorView,
  type ExperienceTag,
  type MentorKind,
  type MentorStatus,
} from '../../domain/mentoring/contracts.js';
import { canMoveMentor, reasonRequired } from '../../domain/mentoring/rules.js';
import type { Language } from '../../domain/i18n/index.js';
import { auditCode, auditCodes, writeAudit } from '../audit/audit.js';
import { caseScope } from '../cases/scope.js';
import type { Tx } from '../db/engine.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../db/errors.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { assertBranchInReach, assertFamilyReference } from '../access/reach.js';
import {
  assertDays,
  conflictField,
  day,
  dayOrNull,
  field,
  findOption,
  findMentorRow,
  manage,
  mentorScope,
  moveMentor,
  read,
  todayOf,
  type Row,
} from './common.js';
import { listMatches } from './matches.js';

const LOAD = sql`(select count(*)::int from mentor_matches mm where mm.mentor_id = m.id and mm.status <> 'ended')`;

export function toSummary(row: Row): MentorSummary {
  return {
    id: row.id as string,
    kind: row.kind as MentorKind,
    displayName: row.display_name as string,
    branchId: row.branch_id as string,
    locality: row.locality as string,
    experience: (row.experience as ExperienceTag[] | null) ?? [],
    capacity: Number(row.capacity),
    load: Number(row.load ?? 0),
    status: row.status as MentorStatus,
    statusOn: day(row.status_on),
    trainedOn: dayOrNull(row.trained_on),
    hasAccount: row.user_id !== null && row.user_id !== undefined,
  };
}

export async function getMentor(tx: Tx, actor: Actor, id: string): Promise<MentorView> {
  const row = (await tx.execute<Row>(sql`select m.*, ${LOAD} as load from mentors m where m.id = ${id} and ${mentorScope(actor)}`)).rows[0];
  if (!row) throw notFound();
  const history = await tx.execute<Row>(sql`select from_status, to_status, changed_on, reason from mentor_status_changes
    where mentor_id = ${id} order by changed_on, created_at`);
  const training =
    await tx.execute<Row>(sql`select cm.cohort_id::text, c.name as cohort_name, p.name as programme_name, cm.enrolled_on, cm.completed_on,
      jsonb_array_length(p.sessions) as sessions, p.min_sessions,
      (select count(distinct s.session_no)::int from mentor_cohort_sessions s join mentor_attendance a on a.cohort_session_id = s.id
        where s.cohort_id = cm.cohort_id and a.mentor_id = cm.mentor_id) as attended,
      (select bool_or(d.passed) from mentor_diagnostics d where d.cohort_id = cm.cohort_id and d.mentor_id = cm.mentor_id) as passed
    from mentor_cohort_members cm join mentor_cohorts c on c.id = cm.cohort_id join mentor_training_programmes p on p.id = c.programme_id
    where cm.mentor_id = ${id} order by cm.enrolled_on`);
  return {
    ...toSummary(row),
    familyId: (row.family_id as string | null) ?? null,
    formerCaseId: (row.former_case_id as string | null) ?? null,
    userId: (row.user_id as string | null) ?? null,
    phone: row.phone as string,
    email: row.email as string,
    registeredOn: day(row.registered_on),
    note: row.note as string,
    history: history.rows.map((h) => ({
      from: (h.from_status as MentorStatus | null) ?? null,
      to: h.to_status as MentorStatus,
      changedOn: day(h.changed_on),
      reason: h.reason as string,
    })),
    training: training.rows.map((t) => ({
      cohortId: t.cohort_id as string,
      cohortName: t.cohort_name as string,
      programmeName: t.programme_name as string,
      enrolledOn: day(t.enrolled_on),
      sessions: Number(t.sessions),
      attended: Number(t.attended),
      minSessions: Number(t.min_sessions),
      diagnosticPassed: (t.passed as boolean | null) ?? null,
      completedOn: dayOrNull(t.completed_on),
    })),
    matches: await listMatches(tx, sql`mm.mentor_id = ${id} and ${caseScope(actor)}`),
    version: Number(row.version),
  };
}

/**
 * The ids a mentor's record names: its branch (one the caller works in), the resource family and its
 * earlier case (reachable by the caller; the case of that family and closed), and the account (an
 * active user of the organisation no other mentor signs in with).
 */
async function checkReferences(
  tx: Tx,
  actor: Actor,
  body: Pick<MentorInput, 'branchId' | 'familyId' | 'formerCaseId' | 'userId'> & { kind: MentorKind },
  lang: Language,
): Promise<void> {
  assertBranchInReach(actor, body.branchId, 'branchId', lang);
  if (body.kind !== 'resource_family' && (body.familyId || body.formerCaseId))
    throw field(lang, body.familyId ? 'familyId' : 'formerCaseId', 'mentoring.errors.family_only');
  if (body.formerCaseId && !body.familyId) throw field(lang, 'familyId', 'validation.required');
  if (body.familyId) await assertFamilyReference(tx, actor, body.familyId, 'familyId', lang);
  if (body.formerCaseId) {
    const found = await findOption<Row>(
      tx,
      sql`select c.status from cases c where c.id = ${body.formerCaseId} and c.family_id = ${body.familyId!} and ${caseScope(actor)}`,
      lang,
      'formerCaseId',
    );
    if (found.status !== 'closed') throw conflictField(lang, 'formerCaseId', 'mentoring.errors.case_not_closed');
  }
  if (body.userId) await findOption(tx, sql`select 1 from users where id = ${body.userId} and active`, lang, 'userId');
}

const accountTaken = (error: unknown, lang: Language) =>
  pgErrorCode(error) === UNIQUE_VIOLATION ? conflictField(lang, 'userId', 'mentoring.errors.account_taken') : error;

export function registerMentorRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/mentoring/mentors',
    tag: 'mentoring',
    summary: 'The register of mentors of the caller’s branches, with filters (status, kind, experience, branch, name)',
    access: read,
    query: MentorListQuery,
    response: z.object({ items: z.array(MentorSummary) }),
    handler: async ({ tx, actor, query, req }) => {
      // A branch the caller does not work in (or of another organisation) is refused by name, not answered empty.
      if (query.branchId) assertBranchInReach(actor, query.branchId, 'branchId', req.lang);
      const where: SQL[] = [mentorScope(actor)];
      if (query.status) where.push(sql`m.status = ${query.status}`);
      if (query.kind) where.push(sql`m.kind = ${query.kind}`);
      if (query.experience) where.push(sql`${query.experience} = any(m.experience)`);
      if (query.branchId) where.push(sql`m.branch_id = ${query.branchId}`);
      if (query.q) where.push(sql`(m.display_name ilike ${`%${query.q}%`} or m.locality ilike ${`%${query.q}%`})`);
      const rows = await tx.execute<Row>(sql`select m.*, ${LOAD} as load from mentors m where ${sql.join(where, sql` and `)}
        order by m.status = 'withdrawn', lower(m.display_name) limit 500`);
      return { items: rows.rows.map(toSummary) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/mentoring/mentors/:id',
    tag: 'mentoring',
    summary: 'A mentor’s card: contacts, experience, status path, training, matches of the cases the caller reaches',
    access: read,
    params: IdParams,
    response: MentorView,
    handler: async ({ tx, actor, params }) => {
      await findMentorRow(tx, actor, params.id);
      return getMentor(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/mentors',
    tag: 'mentoring',
    summary: 'Register a mentor (a candidate): a resource family, a specialist or a volunteer',
    access: manage,
    body: MentorInput,
    response: MentorView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req, deps }) => {
      assertDays([{ path: 'registeredOn', value: body.registeredOn }], todayOf(deps.now()), req.lang);
      await checkReferences(tx, actor, body, req.lang);
      let id: string;
      try {
        const rows = await tx.execute<{
          id: string;
        }>(sql`insert into mentors (org_id, branch_id, kind, display_name, family_id, former_case_id,
            user_id, phone, email, locality, experience, capacity, status, status_on, registered_on, note, created_by)
          values (${actor.orgId}, ${body.branchId}, ${body.kind}, ${body.displayName}, ${body.familyId ?? null}, ${body.formerCaseId ?? null},
            ${body.userId ?? null}, ${body.phone}, ${body.email}, ${body.locality}, ${`{${body.experience.join(',')}}`}::text[], ${body.capacity},
            'candidate', ${body.registeredOn}, ${body.registeredOn}, ${body.note}, ${actor.userId}) returning id::text`);
        id = rows.rows[0]!.id;
      } catch (error) {
        throw accountTaken(error, req.lang);
      }
      await tx.execute(sql`insert into mentor_status_changes (org_id, mentor_id, from_status, to_status, changed_on, changed_by)
        values (${actor.orgId}, ${id}, null, 'candidate', ${body.registeredOn}, ${actor.userId})`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'mentor',
        recordId: id,
        details: {
          kind: auditCode(body.kind),
          fields: auditCodes(Object.keys(body)),
          ...(body.formerCaseId && { formerCaseId: auditCode(body.formerCaseId) }),
        },
      });
      return getMentor(tx, actor, id);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/mentoring/mentors/:id',
    tag: 'mentoring',
    summary: 'Change a mentor’s contacts, experience, place, capacity or account',
    access: manage,
    params: IdParams,
    body: MentorUpdateInput,
    response: MentorView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const before = await findMentorRow(tx, actor, params.id, true);
      if (Number(before.version) !== body.version) throw conflict();
      await checkReferences(tx, actor, { ...body, kind: before.kind as MentorKind }, req.lang);
      const load = Number(
        (
          await tx.execute<{ n: number }>(
            sql`select count(*)::int as n from mentor_matches where mentor_id = ${params.id} and status <> 'ended'`,
          )
        ).rows[0]!.n,
      );
      if (body.capacity < load) throw conflictField(req.lang, 'capacity', 'mentoring.errors.capacity_below_load', { load });
      try {
        await tx.execute(sql`update mentors set branch_id = ${body.branchId}, display_name = ${body.displayName}, family_id = ${body.familyId ?? null},
          former_case_id = ${body.formerCaseId ?? null}, user_id = ${body.userId ?? null}, phone = ${body.phone}, email = ${body.email},
          locality = ${body.locality}, experience = ${`{${body.experience.join(',')}}`}::text[], capacity = ${body.capacity}, note = ${body.note},
          version = version + 1 where id = ${params.id}`);
      } catch (error) {
        throw accountTaken(error, req.lang);
      }
      const changed = Object.keys(body).filter((key) => key !== 'version');
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'mentor',
        recordId: params.id,
        details: { fields: auditCodes(changed) },
      });
      return getMentor(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/mentors/:id/status',
    tag: 'mentoring',
    summary: 'Move a mentor along the status path (active, paused, withdrawn…) with the date and, to pause or withdraw, the reason',
    access: manage,
    params: IdParams,
    body: MentorStatusInput,
    response: MentorView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const mentor = await findMentorRow(tx, actor, params.id, true);
      if (Number(mentor.version) !== body.version) throw conflict();
      const from = mentor.status as MentorStatus;
      if (!canMoveMentor(from, body.status)) throw conflictField(req.lang, 'status', 'mentoring.errors.transition');
      if (reasonRequired(body.status) && !body.reason) throw field(req.lang, 'reason', 'validation.required');
      assertDays([{ path: 'changedOn', value: body.changedOn, notBefore: day(mentor.status_on) }], todayOf(deps.now()), req.lang);
      await moveMentor(tx, actor, mentor, body.status, body.changedOn, body.reason);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'mentor',
        recordId: params.id,
        details: { fields: auditCodes(['status']), from: auditCode(from), to: auditCode(body.status) },
      });
      return getMentor(tx, actor, params.id);
    },
  });
}
