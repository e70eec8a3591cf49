// Matching a mentor with a family, from the family's case: suggestions by experience, locality and
// free capacity; the proposal, both sides' agreement, the start, and the end with its reason. A
// family may have a mentor family and a mentoring specialist at once (one running match per role).
// The mentoring log kept by staff, and the concerns a mentor raised, which reach the case lead at
// once (on their "My work" page) until acknowledged.
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  AgreementInput,
  CaseMentoring,
  ConcernList,
  LogEntryInput,
  LogList,
  MatchEndInput,
  MatchInput,
  MatchStartInput,
  MatchView,
  Suggestion,
  SuggestionQuery,
  type ExperienceTag,
  LogEntryView,
  type MatchView as MatchViewType,
  type MentorStatus,
} from '../../domain/mentoring/contracts.js';
import { hasFreePlace, MATCHABLE, matchRoleOf, startProblems, suggestionScore } from '../../domain/mentoring/rules.js';
import type { Language } from '../../domain/i18n/index.js';
import { isoDate } from '../../domain/validation.js';
import { auditCode, auditCodes, writeAudit, type AuditContext } from '../audit/audit.js';
import { caseBegan } from '../cases/dates.js';
import { caseInScope, caseScope } from '../cases/scope.js';
import { appendEvent } from '../cases/timeline.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import {
  assertDays,
  conflictField,
  conflictFields,
  day,
  dayOrNull,
  field,
  findOption,
  match as matchAccess,
  mentorScope,
  moveMentor,
  todayOf,
  type Row,
} from './common.js';

const CaseParams = z.strictObject({ caseId: z.uuid({ message: 'i18n:invalid_uuid' }) });

const MATCH_SELECT = sql`select mm.*, mt.display_name as mentor_name from mentor_matches mm
  join mentors mt on mt.id = mm.mentor_id join cases c on c.id = mm.case_id`;

export function toMatchView(row: Row): MatchViewType {
  return {
    id: row.id as string,
    caseId: row.case_id as string,
    mentorId: row.mentor_id as string,
    mentorName: row.mentor_name as string,
    role: row.role as MatchViewType['role'],
    status: row.status as MatchViewType['status'],
    proposedOn: day(row.proposed_on),
    familyAgreedOn: dayOrNull(row.family_agreed_on),
    mentorAgreedOn: dayOrNull(row.mentor_agreed_on),
    startedOn: dayOrNull(row.started_on),
    endedOn: dayOrNull(row.ended_on),
    endReason: (row.end_reason as MatchViewType['endReason']) ?? null,
    note: row.note as string,
    minutes: Number(row.minutes),
    version: Number(row.version),
  };
}

/** Matches by a predicate over `mm` (the match), `mt` (its mentor) and `c` (its case). */
export async function listMatches(tx: Tx, where: SQL): Promise<MatchViewType[]> {
  const rows = await tx.execute<Row>(sql`${MATCH_SELECT} where ${where} order by mm.proposed_on desc, mm.created_at desc`);
  return rows.rows.map(toMatchView);
}

/** A match whose case the caller reaches, locked for a change; or 404. */
async function findMatch(tx: Tx, actor: Actor, id: string): Promise<Row> {
  const rows = await tx.execute<Row>(sql`select mm.*, c.status as case_status from mentor_matches mm join cases c on c.id = mm.case_id
    where mm.id = ${id} and ${caseScope(actor)} for update of mm`);
  if (!rows.rows[0]) throw notFound();
  return rows.rows[0];
}

async function matchView(tx: Tx, id: string): Promise<MatchViewType> {
  return (await listMatches(tx, sql`mm.id = ${id}`))[0]!;
}

type MatchEvent = 'mentoring_proposed' | 'mentoring_started' | 'mentoring_ended' | 'mentoring_concern';

/**
 * Tells the case's timeline about its mentoring, on the day it happened: who mentors (the mentor's
 * name as it was then) in which role, and why a match ended. The timeline is read only by those who
 * reach the case; mentors never do.
 */
async function matchEvent(
  tx: Tx,
  actor: Actor,
  kind: MatchEvent,
  match: MatchViewType,
  on: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await appendEvent(tx, actor, match.caseId, kind, { matchId: match.id, role: match.role, mentorName: match.mentorName, ...extra }, on);
}

/**
 * A case closes (the case transition, in its transaction): its proposed and running matches end on
 * the closing day with the reason "case closed", each audited and told on the timeline. A closing
 * day before a match began (its proposal or start) or before its last logged contact is refused
 * naming `on`, so that no match ends before it happened; nothing is written then.
 */
export async function endMatchesOfClosingCase(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  caseId: string,
  on: string,
  lang: Language,
): Promise<void> {
  const rows = await tx.execute<Row>(sql`select mm.id::text, mm.proposed_on, mm.started_on,
      (select max(l.occurred_on) from mentoring_log l where l.match_id = mm.id)::text as last_contact
    from mentor_matches mm where mm.case_id = ${caseId} and mm.status <> 'ended' order by mm.proposed_on for update of mm`);
  const latest = rows.rows
    .flatMap((r) => [dayOrNull(r.started_on) ?? day(r.proposed_on), (r.last_contact as string | null) ?? ''])
    .sort()
    .at(-1);
  if (latest && on < latest) throw field(lang, 'on', 'mentoring.errors.closed_before_match', { date: latest });
  for (const r of rows.rows) {
    const id = r.id as string;
    await tx.execute(sql`update mentor_matches set status = 'ended', ended_on = ${on}, end_reason = 'case_closed', version = version + 1
      where id = ${id}`);
    await writeAudit(tx, audit, {
      action: 'update',
      recordType: 'mentor_match',
      recordId: id,
      details: { fields: auditCodes(['status', 'endedOn', 'endReason']), reason: auditCode('case_closed') },
    });
    await matchEvent(tx, actor, 'mentoring_ended', await matchView(tx, id), on, { reason: 'case_closed' });
  }
}

export function toLogView(row: Row): LogEntryView {
  return {
    id: row.id as string,
    matchId: row.match_id as string,
    kind: row.kind as LogEntryView['kind'],
    occurredOn: day(row.occurred_on),
    durationMinutes: Number(row.duration_minutes),
    note: row.note as string,
    concern: row.concern as string,
    enteredByMentor: row.entered_by_mentor as boolean,
    enteredBy: (row.entered_by_name as string | null) ?? '',
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

/**
 * A match's log, newest first. For the mentor (`mentorUserId`), the notes of entries staff made are
 * left out: a worker's note may carry case content, the mentor keeps and reads their own.
 */
export async function logOf(tx: Tx, matchId: string, mentorUserId?: string): Promise<LogEntryView[]> {
  const rows = await tx.execute<Row>(sql`select l.*, trim(u.last_name || ' ' || u.first_name) as entered_by_name
    from mentoring_log l join users u on u.id = l.entered_by where l.match_id = ${matchId}
    order by l.occurred_on desc, l.created_at desc limit 500`);
  return rows.rows.map((row) =>
    mentorUserId === undefined || row.entered_by === mentorUserId ? toLogView(row) : { ...toLogView(row), note: '', concern: '' },
  );
}

/**
 * Adds an entry to a running match's log (by staff or by the mentor): the day within the match
 * (not before it started, not after it ended, not in the future). A concern is kept on the entry
 * and listed for the case lead until acknowledged.
 */
export async function addLogEntry(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  matchRow: Row,
  body: LogEntryInput,
  byMentor: boolean,
  today: string,
  lang: Language,
): Promise<LogEntryView> {
  if (matchRow.status === 'proposed') throw conflictField(lang, 'occurredOn', 'mentoring.errors.not_started');
  const ended = dayOrNull(matchRow.ended_on);
  assertDays(
    [{ path: 'occurredOn', value: body.occurredOn, notBefore: day(matchRow.started_on) }],
    ended && ended < today ? ended : today,
    lang,
  );
  const rows = await tx.execute<{ id: string }>(sql`insert into mentoring_log (org_id, match_id, case_id, mentor_id, kind, occurred_on,
      duration_minutes, note, concern, entered_by, entered_by_mentor)
    values (${actor.orgId}, ${matchRow.id as string}, ${matchRow.case_id as string}, ${matchRow.mentor_id as string}, ${body.kind}, ${body.occurredOn},
      ${body.durationMinutes}, ${body.note}, ${body.concern}, ${actor.userId}, ${byMentor}) returning id::text`);
  const id = rows.rows[0]!.id;
  await writeAudit(tx, audit, {
    action: 'create',
    recordType: 'mentoring_log',
    recordId: id,
    details: { matchId: auditCode(matchRow.id as string), kind: auditCode(body.kind), concern: body.concern !== '', byMentor },
  });
  // The concern goes into the case's story too (the case team reads it there; the mentor does not).
  if (body.concern !== '')
    await matchEvent(tx, actor, 'mentoring_concern', await matchView(tx, matchRow.id as string), body.occurredOn, {
      logId: id,
      concern: body.concern,
      byMentor,
    });
  const entry = await tx.execute<Row>(sql`select l.*, trim(u.last_name || ' ' || u.first_name) as entered_by_name
    from mentoring_log l join users u on u.id = l.entered_by where l.id = ${id}`);
  return toLogView(entry.rows[0]!);
}

async function caseRow(tx: Tx, actor: Actor, caseId: string): Promise<Row> {
  await caseInScope(tx, actor, caseId);
  return (await tx.execute<Row>(sql`select c.* from cases c where c.id = ${caseId}`)).rows[0]!;
}

export function registerMatchRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:caseId/mentoring',
    tag: 'mentoring',
    summary: 'A case’s mentoring: its matches, and the resource family it became (point 7)',
    access: { kind: 'permission', permission: 'mentoring.read', records: 'case_team' },
    params: CaseParams,
    response: CaseMentoring,
    handler: async ({ tx, actor, params }) => {
      const kase = await caseRow(tx, actor, params.caseId);
      const became = await tx.execute<Row>(sql`select m.id::text, m.display_name, m.registered_on, m.status from mentors m
        where m.former_case_id = ${params.caseId} order by m.registered_on limit 1`);
      const b = became.rows[0];
      return {
        caseId: params.caseId,
        caseStatus: kase.status as string,
        matches: await listMatches(tx, sql`mm.case_id = ${params.caseId}`),
        becameMentor: b
          ? {
              mentorId: b.id as string,
              displayName: b.display_name as string,
              registeredOn: day(b.registered_on),
              status: b.status as MentorStatus,
            }
          : null,
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:caseId/mentoring/suggestions',
    tag: 'mentoring',
    summary: 'Mentors to propose to the family: trained or active, with a free place, by experience, locality and branch',
    access: matchAccess,
    params: CaseParams,
    query: SuggestionQuery,
    response: z.object({ items: z.array(Suggestion) }),
    handler: async ({ tx, actor, params, query }) => {
      const kase = await caseRow(tx, actor, params.caseId);
      const wanted: ExperienceTag[] = query.experience;
      const addresses = await tx.execute<Row>(
        sql`select m.actual_address, m.registered_address from members m where m.family_id = ${kase.family_id as string}`,
      );
      const family = {
        experience: wanted,
        addresses: addresses.rows.flatMap((a) => [a.actual_address as string, a.registered_address as string]).filter(Boolean),
        branchId: kase.branch_id as string,
      };
      const kinds = query.role === 'mentor_family' ? ['resource_family'] : ['specialist', 'volunteer'];
      const rows =
        await tx.execute<Row>(sql`select m.*, (select count(*)::int from mentor_matches mm where mm.mentor_id = m.id and mm.status <> 'ended') as load
        from mentors m where ${mentorScope(actor)} and m.status in ${MATCHABLE} and m.kind in ${kinds}
          and (m.family_id is null or m.family_id <> ${kase.family_id as string})
          and not exists (select 1 from mentor_matches x where x.mentor_id = m.id and x.case_id = ${params.caseId} and x.status <> 'ended')`);
      const items = rows.rows.flatMap((m) => {
        const fit = suggestionScore(
          {
            experience: (m.experience as ExperienceTag[]) ?? [],
            locality: m.locality as string,
            branchId: m.branch_id as string,
            capacity: Number(m.capacity),
            load: Number(m.load),
          },
          family,
        );
        return fit
          ? [
              {
                mentorId: m.id as string,
                displayName: m.display_name as string,
                kind: m.kind as Suggestion['kind'],
                locality: m.locality as string,
                experience: (m.experience as ExperienceTag[]) ?? [],
                ...fit,
              },
            ]
          : [];
      });
      items.sort((a, b) => b.score - a.score || b.free - a.free || a.displayName.localeCompare(b.displayName, 'ru'));
      return { items: items.slice(0, 20) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/cases/:caseId/mentoring/matches',
    tag: 'mentoring',
    summary: 'Propose a mentor to the family (not for a closed case, nor a mentor at capacity)',
    access: matchAccess,
    params: CaseParams,
    body: MatchInput,
    response: MatchView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const kase = await caseRow(tx, actor, params.caseId);
      if (kase.status === 'closed') throw conflictField(req.lang, 'caseId', 'mentoring.errors.case_closed');
      // The mentor's row is locked, so two proposals for the last place take turns.
      const mentor = await findOption<Row>(
        tx,
        sql`select m.* from mentors m where m.id = ${body.mentorId} and ${mentorScope(actor)} for update`,
        req.lang,
        'mentorId',
      );
      if (!MATCHABLE.includes(mentor.status as MentorStatus)) throw conflictField(req.lang, 'mentorId', 'mentoring.errors.not_matchable');
      if (mentor.family_id === kase.family_id) throw field(req.lang, 'mentorId', 'mentoring.errors.own_family');
      const load = Number(
        (
          await tx.execute<{ n: number }>(
            sql`select count(*)::int as n from mentor_matches where mentor_id = ${body.mentorId} and status <> 'ended'`,
          )
        ).rows[0]!.n,
      );
      if (!hasFreePlace(Number(mentor.capacity), load))
        throw conflictField(req.lang, 'mentorId', 'mentoring.errors.capacity', { capacity: Number(mentor.capacity) });
      const role = matchRoleOf(mentor.kind as 'resource_family');
      const running = await tx.execute(
        sql`select 1 from mentor_matches where case_id = ${params.caseId} and role = ${role} and status <> 'ended'`,
      );
      if (running.rows.length > 0) throw conflictField(req.lang, 'mentorId', `mentoring.errors.role_taken_${role}`);
      assertDays(
        [{ path: 'proposedOn', value: body.proposedOn, notBefore: await caseBegan(tx, params.caseId) }],
        todayOf(deps.now()),
        req.lang,
      );
      const rows = await tx.execute<{
        id: string;
      }>(sql`insert into mentor_matches (org_id, case_id, mentor_id, role, proposed_on, note, created_by)
        values (${actor.orgId}, ${params.caseId}, ${body.mentorId}, ${role}, ${body.proposedOn}, ${body.note}, ${actor.userId}) returning id::text`);
      const id = rows.rows[0]!.id;
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'mentor_match',
        recordId: id,
        details: { caseId: auditCode(params.caseId), mentorId: auditCode(body.mentorId), role: auditCode(role) },
      });
      const view = await matchView(tx, id);
      await matchEvent(tx, actor, 'mentoring_proposed', view, body.proposedOn);
      return view;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/matches/:id/agreement',
    tag: 'mentoring',
    summary: 'Record one side’s agreement (the family’s or the mentor’s) to a proposed match',
    access: matchAccess,
    params: IdParams,
    body: AgreementInput,
    response: MatchView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const m = await findMatch(tx, actor, params.id);
      if (Number(m.version) !== body.version) throw conflict();
      if (m.status !== 'proposed') throw conflictField(req.lang, 'side', 'mentoring.errors.not_proposed');
      assertDays([{ path: 'agreedOn', value: body.agreedOn, notBefore: day(m.proposed_on) }], todayOf(deps.now()), req.lang);
      const column = body.side === 'family' ? sql`family_agreed_on` : sql`mentor_agreed_on`;
      await tx.execute(sql`update mentor_matches set ${column} = ${body.agreedOn}, version = version + 1 where id = ${params.id}`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'mentor_match',
        recordId: params.id,
        details: { fields: auditCodes([body.side === 'family' ? 'familyAgreedOn' : 'mentorAgreedOn']) },
      });
      return matchView(tx, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/matches/:id/start',
    tag: 'mentoring',
    summary: 'Start a proposed match once both sides agreed (the mentor becomes active)',
    access: matchAccess,
    params: IdParams,
    body: MatchStartInput,
    response: MatchView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const m = await findMatch(tx, actor, params.id);
      if (Number(m.version) !== body.version) throw conflict();
      if (m.status !== 'proposed') throw conflictField(req.lang, 'startedOn', 'mentoring.errors.not_proposed');
      if (m.case_status === 'closed') throw conflictField(req.lang, 'caseId', 'mentoring.errors.case_closed');
      const missing = startProblems({ familyAgreedOn: dayOrNull(m.family_agreed_on), mentorAgreedOn: dayOrNull(m.mentor_agreed_on) });
      if (missing.length > 0)
        throw conflictFields(
          req.lang,
          missing.map((path) => ({ path, key: 'mentoring.errors.agreement_missing' })),
        );
      const agreed = [day(m.family_agreed_on), day(m.mentor_agreed_on)].sort().at(-1)!;
      assertDays([{ path: 'startedOn', value: body.startedOn, notBefore: agreed }], todayOf(deps.now()), req.lang);
      await tx.execute(
        sql`update mentor_matches set status = 'active', started_on = ${body.startedOn}, version = version + 1 where id = ${params.id}`,
      );
      const mentor = (await tx.execute<Row>(sql`select * from mentors where id = ${m.mentor_id as string} for update`)).rows[0]!;
      if (mentor.status === 'trained' && body.startedOn >= day(mentor.status_on))
        await moveMentor(tx, actor, mentor, 'active', body.startedOn);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'mentor_match',
        recordId: params.id,
        details: { fields: auditCodes(['status', 'startedOn']), to: auditCode('active') },
      });
      const view = await matchView(tx, params.id);
      await matchEvent(tx, actor, 'mentoring_started', view, body.startedOn);
      return view;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/matches/:id/end',
    tag: 'mentoring',
    summary: 'End a match with its reason (goals reached, did not fit, the family or the mentor withdrew)',
    access: matchAccess,
    params: IdParams,
    body: MatchEndInput,
    response: MatchView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const m = await findMatch(tx, actor, params.id);
      if (Number(m.version) !== body.version) throw conflict();
      if (m.status === 'ended') throw conflictField(req.lang, 'endedOn', 'mentoring.errors.ended');
      const last = await tx.execute<{ last: string | null }>(
        sql`select max(occurred_on)::text as last from mentoring_log where match_id = ${params.id}`,
      );
      const notBefore = [dayOrNull(m.started_on) ?? day(m.proposed_on), last.rows[0]?.last ?? ''].sort().at(-1)!;
      assertDays([{ path: 'endedOn', value: body.endedOn, notBefore }], todayOf(deps.now()), req.lang);
      await tx.execute(sql`update mentor_matches set status = 'ended', ended_on = ${body.endedOn}, end_reason = ${body.reason}, end_note = ${body.note},
        version = version + 1 where id = ${params.id}`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'mentor_match',
        recordId: params.id,
        details: { fields: auditCodes(['status', 'endedOn', 'endReason']), reason: auditCode(body.reason) },
      });
      const view = await matchView(tx, params.id);
      await matchEvent(tx, actor, 'mentoring_ended', view, body.endedOn, { reason: body.reason });
      return view;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/mentoring/matches/:id/log',
    tag: 'mentoring',
    summary: 'The mentoring log of a match (meetings, calls, joint activities), newest first',
    access: { kind: 'permission', permission: 'mentoring.read', records: 'case_team' },
    params: IdParams,
    response: LogList,
    handler: async ({ tx, actor, params }) => {
      const found = await tx.execute(
        sql`select 1 from mentor_matches mm join cases c on c.id = mm.case_id where mm.id = ${params.id} and ${caseScope(actor)}`,
      );
      if (found.rows.length === 0) throw notFound();
      return { items: await logOf(tx, params.id) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/matches/:id/log',
    tag: 'mentoring',
    summary: 'Add a meeting, call or joint activity to a match’s log (entered by staff)',
    access: matchAccess,
    params: IdParams,
    body: LogEntryInput,
    response: z.object({ entry: LogEntryView, match: MatchView }),
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const m = await findMatch(tx, actor, params.id);
      const entry = await addLogEntry(tx, actor, audit, m, body, false, todayOf(deps.now()), req.lang);
      return { entry, match: await matchView(tx, params.id) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/mentoring/concerns',
    tag: 'mentoring',
    summary: 'Concerns mentors raised about the families the caller leads, not yet acknowledged',
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    response: ConcernList,
    handler: async ({ tx, actor }) => {
      const rows =
        await tx.execute<Row>(sql`select l.id::text, l.case_id::text, l.match_id::text, l.occurred_on, l.concern, l.concern_acknowledged_on,
          f.name as family_name, mt.display_name as mentor_name
        from mentoring_log l join cases c on c.id = l.case_id join families f on f.id = c.family_id join mentors mt on mt.id = l.mentor_id
        where l.concern <> '' and l.concern_acknowledged_on is null and c.lead_id = ${actor.userId}
        order by l.occurred_on desc, l.created_at desc limit 200`);
      return {
        items: rows.rows.map((r) => ({
          id: r.id as string,
          caseId: r.case_id as string,
          matchId: r.match_id as string,
          familyName: r.family_name as string,
          mentorName: r.mentor_name as string,
          occurredOn: day(r.occurred_on),
          concern: r.concern as string,
          acknowledgedOn: dayOrNull(r.concern_acknowledged_on),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/concerns/:id/acknowledge',
    tag: 'mentoring',
    summary: 'The case lead (or whoever reaches the case) acknowledges a concern a mentor raised',
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    params: IdParams,
    body: z.strictObject({ acknowledgedOn: isoDate }),
    response: z.object({ id: z.uuid(), acknowledgedOn: isoDate }),
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const row = (
        await tx.execute<Row>(sql`select l.occurred_on, l.concern_acknowledged_on from mentoring_log l join cases c on c.id = l.case_id
          where l.id = ${params.id} and l.concern <> '' and ${caseScope(actor)} for update of l`)
      ).rows[0];
      if (!row) throw notFound();
      if (row.concern_acknowledged_on) throw conflictField(req.lang, 'acknowledgedOn', 'mentoring.errors.acknowledged');
      assertDays([{ path: 'acknowledgedOn', value: body.acknowledgedOn, notBefore: day(row.occurred_on) }], todayOf(deps.now()), req.lang);
      await tx.execute(sql`update mentoring_log set concern_acknowledged_on = ${body.acknowledgedOn}, concern_acknowledged_by = ${actor.userId}
        where id = ${params.id}`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'mentoring_log',
        recordId: params.id,
        details: { fields: auditCodes(['concernAcknowledgedOn']) },
      });
      return { id: params.id, acknowledgedOn: body.acknowledgedOn };
    },
  });
}
