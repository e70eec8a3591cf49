// Trainings, internships and supervision for specialists: the event with its sessions and trainers,
// participants (external specialists and own staff) registered on a date, attendance per session,
// pre- and post-test scores, completion judged by the event's own rule on the day it happened, and
// certificates numbered per organisation and year of issue.
//
// A training belongs to the branch that holds it; holders of trainings.read / trainings.manage
// reach the trainings of the branches they work in, others read 404. Nothing here touches a case:
// participants and trainers see nothing of the families. Every change is audited by ids and field
// names.
import crypto from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams, Ok } from '../../domain/access/contracts.js';
import type { Language } from '../../domain/i18n/index.js';
import {
  AttendanceInput,
  CertificatesInput,
  CompletionInput,
  ParticipantInput,
  ParticipantList,
  ScoresInput,
  SessionInput,
  SessionUpdateInput,
  SessionView,
  TrainingInput,
  TrainingListQuery,
  TrainingSummary,
  TrainingUpdateInput,
  TrainingView,
  type ParticipantView,
  type PersonRef,
  type TrainingKind,
} from '../../domain/trainings/contracts.js';
import {
  attendedHours,
  certificateNumber,
  completionProblem,
  cpdHours,
  eventProblems,
  nextSequences,
  roundHours,
  sessionProblem,
} from '../../domain/trainings/rules.js';
import { auditCodes, changes, filledFields, writeAudit, type AuditContext } from '../audit/audit.js';
import { assertBranchInReach } from '../access/reach.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { assertPeople, assertProgramme, branchScope, field, peopleOf, personOf, today, type PersonKey } from './people.js';

type Row = Record<string, unknown>;
const TAG = 'trainings';
const read = { kind: 'permission', permission: 'trainings.read', records: 'organization' } as const;
const manage = { kind: 'permission', permission: 'trainings.manage', records: 'organization' } as const;
const day = (value: unknown) => (value === null || value === undefined ? null : String(value).slice(0, 10));
const num = (value: unknown) => Number(value);
/** The training's completion rule as the domain judges it. */
const ruleOf = (training: Row) => ({
  minHours: num(training.min_hours),
  minPostScore: training.min_post_score === null ? null : num(training.min_post_score),
});

const SessionParams = IdParams.extend({ sessionId: z.uuid({ message: 'i18n:invalid_uuid' }) });
const VersionQuery = z.strictObject({ version: z.coerce.number().int().min(1) });
const ParticipantParams = IdParams.extend({ participantId: z.uuid({ message: 'i18n:invalid_uuid' }) });

/** The training row within the caller's reach (the branches they work in), or 404; locked for writes. */
export async function findTraining(tx: Tx, actor: Actor, id: string, lock = false): Promise<Row> {
  const row = (
    await tx.execute<Row>(sql`select t.*, t.id::text as tid from trainings t where t.id = ${id} and ${branchScope(actor, 't.branch_id')}
      ${lock ? sql`for update` : sql``}`)
  ).rows[0];
  if (!row) throw notFound();
  return row;
}

type SessionRow = {
  id: string;
  held_on: string;
  hours: string;
  topic: string;
  version: number;
};

async function sessionsOf(tx: Tx, trainingId: string) {
  const rows = await tx.execute<SessionRow>(sql`select id::text, held_on::text, hours::text, topic, version from training_sessions
    where training_id = ${trainingId} order by held_on, created_at`);
  return rows.rows.map((r) => ({ id: r.id, heldOn: r.held_on, hours: num(r.hours), topic: r.topic, version: num(r.version) }));
}

/** The participants of a training with their attendance, hours, scores, completion and certificate. */
export async function participantsOf(tx: Tx, training: Row, lang: Language): Promise<ParticipantView[]> {
  const trainingId = training.tid as string;
  const sessions = await sessionsOf(tx, trainingId);
  const rows = await tx.execute<Row>(sql`select p.id::text, p.user_id::text, p.specialist_id::text, p.registered_on::text,
      p.pre_score::text, p.post_score::text, p.completed_on::text, p.certificate_number, p.certificate_issued_on::text, p.version,
      coalesce(a.attended, '{}') as attended
    from training_participants p
    -- Attendance read by the training's sessions (a range of its key each), not probed per participant.
    left join (select a.participant_id, array_agg(a.session_id::text) as attended from training_attendance a
      where a.session_id in (select s.id from training_sessions s where s.training_id = ${trainingId}) group by a.participant_id) a
      on a.participant_id = p.id
    where p.training_id = ${trainingId}`);
  const people = await peopleOf(
    tx,
    rows.rows.map((r) => ({ userId: r.user_id as string | null, specialistId: r.specialist_id as string | null })),
    lang,
  );
  const rule = ruleOf(training);
  const list = rows.rows.map((r): ParticipantView => {
    const attended = new Set(r.attended as string[]);
    const hours = attendedHours(sessions, attended);
    const postScore = r.post_score === null ? null : num(r.post_score);
    const completedOn = day(r.completed_on);
    return {
      id: r.id as string,
      person: personOf(people, { userId: r.user_id as string | null, specialistId: r.specialist_id as string | null }),
      registeredOn: day(r.registered_on)!,
      attended: sessions.filter((s) => attended.has(s.id)).map((s) => s.id),
      attendedHours: hours,
      preScore: r.pre_score === null ? null : num(r.pre_score),
      postScore,
      meetsRule: completionProblem(rule, { attendedHours: hours, postScore }) === null,
      completedOn,
      certificateNumber: (r.certificate_number as string | null) ?? null,
      certificateIssuedOn: day(r.certificate_issued_on),
      cpdHours: cpdHours(hours, completedOn !== null),
      version: num(r.version),
    };
  });
  return list.sort((a, b) => a.person.name.localeCompare(b.person.name, 'ru') || a.id.localeCompare(b.id));
}

function summaryOf(row: Row): z.infer<typeof TrainingSummary> {
  return {
    id: row.tid as string,
    branchId: row.branch_id as string,
    programmeId: (row.programme_id as string | null) ?? null,
    kind: row.kind as TrainingKind,
    title: row.title as string,
    startsOn: day(row.starts_on)!,
    endsOn: day(row.ends_on)!,
    hours: num(row.hours),
    online: row.online as boolean,
    place: row.place as string,
    teachesCaseManagement: row.teaches_case_management as boolean,
    participants: num(row.participant_count ?? 0),
    completed: num(row.completed_count ?? 0),
    version: num(row.version),
  };
}

async function present(tx: Tx, row: Row, lang: Language): Promise<TrainingView> {
  const id = row.tid as string;
  const sessions = await sessionsOf(tx, id);
  const participants = await participantsOf(tx, row, lang);
  const trainerRows = await tx.execute<{ user_id: string | null; specialist_id: string | null }>(sql`
    select user_id::text, specialist_id::text from training_trainers where training_id = ${id} order by position`);
  const trainerKeys: PersonKey[] = trainerRows.rows.map((r) => ({ userId: r.user_id, specialistId: r.specialist_id }));
  const people = await peopleOf(tx, trainerKeys, lang);
  const { participants: _count, ...summary } = summaryOf(row);
  return {
    ...summary,
    completed: participants.filter((p) => p.completedOn !== null).length,
    curriculum: row.curriculum as string,
    ...ruleOf(row),
    trainers: trainerKeys.map((k) => personOf(people, k)),
    sessions,
    participants,
    sessionHours: roundHours(sessions.reduce((sum, s) => sum + s.hours, 0)),
  };
}

type EventBody = z.infer<typeof TrainingInput>;

/** The event's own checks: the branch reached, the programme, the dates and rule, the trainers. */
async function checkEvent(tx: Tx, actor: Actor, body: EventBody, lang: Language): Promise<void> {
  assertBranchInReach(actor, body.branchId, 'branchId', lang);
  await assertProgramme(tx, body.programmeId, lang);
  const problem = eventProblems(body)[0];
  if (problem) throw field(lang, problem.field, `trainings.errors.${problem.code}`);
  await assertPeople(
    tx,
    body.trainers.map((ref, i) => ({ ref, path: `trainers.${i}` })),
    lang,
  );
}

async function writeTrainers(tx: Tx, actor: Actor, trainingId: string, trainers: readonly PersonRef[]): Promise<void> {
  await tx.execute(sql`delete from training_trainers where training_id = ${trainingId}`);
  for (const [i, ref] of trainers.entries())
    await tx.execute(sql`insert into training_trainers (org_id, training_id, position, user_id, specialist_id)
      values (${actor.orgId}, ${trainingId}, ${i}, ${'userId' in ref ? ref.userId : null}, ${'specialistId' in ref ? ref.specialistId : null})`);
}

/** What the audit keeps of an event: its fields as compared, never their values. */
const eventFields = (body: EventBody) => ({
  branchId: body.branchId,
  programmeId: body.programmeId ?? null,
  kind: body.kind,
  title: body.title,
  curriculum: body.curriculum,
  startsOn: body.startsOn,
  endsOn: body.endsOn,
  hours: body.hours,
  place: body.place,
  online: body.online,
  teachesCaseManagement: body.teachesCaseManagement,
  minHours: body.minHours,
  minPostScore: body.minPostScore,
  trainers: body.trainers,
});

function fieldsOfRow(row: Row, trainers: PersonRef[]) {
  return {
    branchId: row.branch_id as string,
    programmeId: (row.programme_id as string | null) ?? null,
    kind: row.kind as string,
    title: row.title as string,
    curriculum: row.curriculum as string,
    startsOn: day(row.starts_on),
    endsOn: day(row.ends_on),
    hours: num(row.hours),
    place: row.place as string,
    online: row.online as boolean,
    teachesCaseManagement: row.teaches_case_management as boolean,
    ...ruleOf(row),
    trainers,
  };
}

async function participantRow(tx: Tx, trainingId: string, participantId: string): Promise<Row> {
  const row = (
    await tx.execute<Row>(sql`select p.*, p.id::text as pid from training_participants p
      where p.id = ${participantId} and p.training_id = ${trainingId} for update`)
  ).rows[0];
  if (!row) throw notFound();
  return row;
}

/** The day of a completion: not in the future, not before the event starts. */
function checkCompletionDay(training: Row, completedOn: string, now: string, lang: Language): void {
  if (completedOn > now) throw field(lang, 'completedOn', 'validation.date_in_future');
  if (completedOn < day(training.starts_on)!) throw field(lang, 'completedOn', 'trainings.errors.before_start');
}

/** The training's rule met by the participant, or 400 naming what is missing. */
function checkCompletion(training: Row, participant: ParticipantView, lang: Language): void {
  const rule = ruleOf(training);
  const problem = completionProblem(rule, { attendedHours: participant.attendedHours, postScore: participant.postScore });
  if (problem === 'not_enough_hours')
    throw field(lang, 'attendedHours', 'trainings.errors.not_enough_hours', {
      attended: participant.attendedHours,
      required: rule.minHours,
    });
  if (problem === 'post_test_missing') throw field(lang, 'postScore', 'trainings.errors.post_test_missing');
  if (problem === 'post_test_below') throw field(lang, 'postScore', 'trainings.errors.post_test_below', { score: rule.minPostScore });
}

/** Sets columns of one participant, bumps its version and audits the fields by name. */
async function updateParticipant(tx: Tx, audit: AuditContext, participantId: string, set: SQL, fields: readonly string[]): Promise<void> {
  await tx.execute(sql`update training_participants set ${set}, version = version + 1 where id = ${participantId}`);
  await writeAudit(tx, audit, {
    action: 'update',
    recordType: 'training_participant',
    recordId: participantId,
    details: { fields: auditCodes([...fields]) },
  });
}

/** Completion of the participants on a day that is not before the last session each attended. */
async function recordCompletion(tx: Tx, audit: AuditContext, participantIds: string[], completedOn: string, lang: Language) {
  if (participantIds.length === 0) return;
  const rows = await tx.execute<{ last: string | null }>(sql`
    select max(s.held_on)::text as last from training_attendance a join training_sessions s on s.id = a.session_id
    where a.participant_id in ${participantIds}`);
  const last = rows.rows[0]?.last;
  if (last && completedOn < last) throw field(lang, 'completedOn', 'trainings.errors.before_last_session');
  for (const id of participantIds) await updateParticipant(tx, audit, id, sql`completed_on = ${completedOn}`, ['completedOn']);
}

export function registerTrainingRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/trainings',
    tag: TAG,
    summary: 'Trainings, internships and supervision of the branches the caller works in, newest first',
    access: read,
    query: TrainingListQuery,
    response: z.object({ items: z.array(TrainingSummary) }),
    handler: async ({ tx, actor, query, req }) => {
      // A branch the caller does not work in is refused by its field, not answered empty.
      if (query.branchId) assertBranchInReach(actor, query.branchId, 'branchId', req.lang);
      const rows = await tx.execute<Row>(sql`select t.*, t.id::text as tid,
          (select count(*) from training_participants p where p.training_id = t.id) as participant_count,
          (select count(*) from training_participants p where p.training_id = t.id and p.completed_on is not null) as completed_count
        from trainings t where ${branchScope(actor, 't.branch_id')}
          ${query.from ? sql`and t.ends_on >= ${query.from}` : sql``} ${query.to ? sql`and t.starts_on <= ${query.to}` : sql``}
          ${query.kind ? sql`and t.kind = ${query.kind}` : sql``} ${query.branchId ? sql`and t.branch_id = ${query.branchId}` : sql``}
        order by t.starts_on desc, t.created_at desc limit 500`);
      return { items: rows.rows.map(summaryOf) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/trainings',
    tag: TAG,
    summary: 'Add a training, internship or supervision: kind, topic, dates, length, place, trainers and the completion rule',
    access: manage,
    body: TrainingInput,
    response: TrainingView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      await checkEvent(tx, actor, body, req.lang);
      const id = crypto.randomUUID();
      await tx.execute(sql`insert into trainings (id, org_id, branch_id, programme_id, kind, title, curriculum, starts_on, ends_on, hours, place,
          online, teaches_case_management, min_hours, min_post_score, created_by)
        values (${id}, ${actor.orgId}, ${body.branchId}, ${body.programmeId ?? null}, ${body.kind}, ${body.title}, ${body.curriculum},
          ${body.startsOn}, ${body.endsOn}, ${body.hours}, ${body.place}, ${body.online}, ${body.teachesCaseManagement}, ${body.minHours},
          ${body.minPostScore}, ${actor.userId})`);
      await writeTrainers(tx, actor, id, body.trainers);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'training',
        recordId: id,
        details: { fields: filledFields(eventFields(body)) },
      });
      return present(tx, await findTraining(tx, actor, id), req.lang);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/trainings/:id',
    tag: TAG,
    summary: 'A training with its sessions, trainers and participants (attendance, tests, completion, certificates)',
    access: read,
    params: IdParams,
    response: TrainingView,
    handler: async ({ tx, actor, params, req }) => present(tx, await findTraining(tx, actor, params.id), req.lang),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/trainings/:id/participants',
    tag: TAG,
    summary: "A training's participants with attendance, hours, tests, completion and certificates",
    access: read,
    params: IdParams,
    response: ParticipantList,
    handler: async ({ tx, actor, params, req }) => ({
      items: await participantsOf(tx, await findTraining(tx, actor, params.id), req.lang),
    }),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/trainings/:id',
    tag: TAG,
    summary: 'Change a training (its sessions must still fit its dates and length)',
    access: manage,
    params: IdParams,
    body: TrainingUpdateInput,
    response: TrainingView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const lang = req.lang;
      const row = await findTraining(tx, actor, params.id, true);
      if (num(row.version) !== body.version) throw conflict();
      await checkEvent(tx, actor, body, lang);
      const sessions = await sessionsOf(tx, params.id);
      if (sessions.some((s) => s.heldOn < body.startsOn)) throw field(lang, 'startsOn', 'trainings.errors.sessions_outside');
      if (sessions.some((s) => s.heldOn > body.endsOn)) throw field(lang, 'endsOn', 'trainings.errors.sessions_outside');
      if (roundHours(sessions.reduce((sum, s) => sum + s.hours, 0)) > roundHours(body.hours))
        throw field(lang, 'hours', 'trainings.errors.sessions_over', { hours: body.hours });
      const trainers = await tx.execute<{ user_id: string | null; specialist_id: string | null }>(sql`
        select user_id::text, specialist_id::text from training_trainers where training_id = ${params.id} order by position`);
      const before = fieldsOfRow(
        row,
        trainers.rows.map((t): PersonRef => (t.user_id ? { userId: t.user_id } : { specialistId: t.specialist_id! })),
      );
      const after = eventFields(body);
      await tx.execute(sql`update trainings set branch_id = ${body.branchId}, programme_id = ${body.programmeId ?? null}, kind = ${body.kind},
          title = ${body.title}, curriculum = ${body.curriculum}, starts_on = ${body.startsOn}, ends_on = ${body.endsOn},
          hours = ${body.hours}, place = ${body.place}, online = ${body.online}, teaches_case_management = ${body.teachesCaseManagement},
          min_hours = ${body.minHours}, min_post_score = ${body.minPostScore}, version = version + 1, updated_at = now()
        where id = ${params.id}`);
      await writeTrainers(tx, actor, params.id, body.trainers);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'training',
        recordId: params.id,
        details: { fields: changes(before, after) },
      });
      return present(tx, await findTraining(tx, actor, params.id), lang);
    },
  });

  // ---- Sessions ----

  const checkSession = async (tx: Tx, training: Row, body: { heldOn: string; hours: number }, exceptId: string | null, lang: Language) => {
    const sessions = (await sessionsOf(tx, training.tid as string)).filter((s) => s.id !== exceptId);
    const problem = sessionProblem(
      { startsOn: day(training.starts_on)!, endsOn: day(training.ends_on)!, hours: num(training.hours) },
      body,
      sessions.reduce((sum, s) => sum + s.hours, 0),
      sessions.filter((s) => s.heldOn === body.heldOn).reduce((sum, s) => sum + s.hours, 0),
    );
    if (problem) throw field(lang, problem.field, `trainings.errors.${problem.code}`, { hours: num(training.hours) });
  };

  defineRoute(app, {
    method: 'POST',
    url: '/api/trainings/:id/sessions',
    tag: TAG,
    summary: 'Add a session (date within the training, hours within its length)',
    access: manage,
    params: IdParams,
    body: SessionInput,
    response: SessionView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const training = await findTraining(tx, actor, params.id, true);
      await checkSession(tx, training, body, null, req.lang);
      const id = crypto.randomUUID();
      await tx.execute(sql`insert into training_sessions (id, org_id, training_id, held_on, hours, topic)
        values (${id}, ${actor.orgId}, ${params.id}, ${body.heldOn}, ${body.hours}, ${body.topic})`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'training_session',
        recordId: id,
        details: { trainingId: auditCodes([params.id])[0]!, fields: filledFields(body) },
      });
      return { id, heldOn: body.heldOn, hours: body.hours, topic: body.topic, version: 1 };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/trainings/:id/sessions/:sessionId',
    tag: TAG,
    summary: 'Change a session (a session with attendance cannot move into the future)',
    access: manage,
    params: SessionParams,
    body: SessionUpdateInput,
    response: SessionView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const training = await findTraining(tx, actor, params.id, true);
      const session = (await sessionsOf(tx, params.id)).find((s) => s.id === params.sessionId);
      if (!session) throw notFound();
      if (session.version !== body.version) throw conflict();
      await checkSession(tx, training, body, session.id, lang);
      const marked = await tx.execute(sql`select 1 from training_attendance where session_id = ${session.id} limit 1`);
      if (marked.rows.length > 0 && body.heldOn > today(deps.now())) throw field(lang, 'heldOn', 'trainings.errors.session_in_future');
      await tx.execute(sql`update training_sessions set held_on = ${body.heldOn}, hours = ${body.hours}, topic = ${body.topic},
        version = version + 1 where id = ${session.id}`);
      const fields = changes(
        { heldOn: session.heldOn, hours: session.hours, topic: session.topic },
        { heldOn: body.heldOn, hours: body.hours, topic: body.topic },
      );
      await writeAudit(tx, audit, { action: 'update', recordType: 'training_session', recordId: session.id, details: { fields } });
      return { id: session.id, heldOn: body.heldOn, hours: body.hours, topic: body.topic, version: session.version + 1 };
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/trainings/:id/sessions/:sessionId',
    tag: TAG,
    summary: 'Remove a session nobody is marked present at',
    access: manage,
    params: SessionParams,
    response: Ok,
    handler: async ({ tx, actor, audit, params }) => {
      await findTraining(tx, actor, params.id, true);
      const session = (await sessionsOf(tx, params.id)).find((s) => s.id === params.sessionId);
      if (!session) throw notFound();
      const marked = await tx.execute(sql`select 1 from training_attendance where session_id = ${session.id} limit 1`);
      if (marked.rows.length > 0) throw conflict('trainings.errors.has_attendance');
      await tx.execute(sql`delete from training_sessions where id = ${session.id}`);
      await writeAudit(tx, audit, { action: 'delete', recordType: 'training_session', recordId: session.id });
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/trainings/:id/sessions/:sessionId/attendance',
    tag: TAG,
    summary: 'Who was present at a session (after it took place); a completed participant keeps what completion needed',
    access: manage,
    params: SessionParams,
    body: AttendanceInput,
    response: TrainingView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const training = await findTraining(tx, actor, params.id, true);
      const session = (await sessionsOf(tx, params.id)).find((s) => s.id === params.sessionId);
      if (!session) throw notFound();
      if (session.version !== body.version) throw conflict();
      const wanted = new Set(body.participantIds);
      if (wanted.size > 0 && session.heldOn > today(deps.now())) throw field(lang, 'participantIds', 'trainings.errors.session_in_future');
      const participants = await participantsOf(tx, training, lang);
      const byId = new Map(participants.map((p) => [p.id, p]));
      body.participantIds.forEach((id, i) => {
        if (!byId.has(id)) throw field(lang, `participantIds.${i}`, 'trainings.errors.unknown_participant');
      });
      // A completed participant may not lose the attendance their completion stands on.
      const sessions = await sessionsOf(tx, params.id);
      const rule = ruleOf(training);
      for (const p of participants) {
        if (p.completedOn === null || wanted.has(p.id) || !p.attended.includes(session.id)) continue;
        const left = new Set(p.attended.filter((s) => s !== session.id));
        if (completionProblem(rule, { attendedHours: attendedHours(sessions, left), postScore: p.postScore }) !== null)
          throw field(lang, 'participantIds', 'trainings.errors.has_completion');
      }
      const before = new Set(participants.filter((p) => p.attended.includes(session.id)).map((p) => p.id));
      await tx.execute(sql`delete from training_attendance where session_id = ${session.id}`);
      for (const id of wanted)
        await tx.execute(
          sql`insert into training_attendance (org_id, session_id, participant_id) values (${actor.orgId}, ${session.id}, ${id})`,
        );
      await tx.execute(sql`update training_sessions set version = version + 1 where id = ${session.id}`);
      const added = [...wanted].filter((id) => !before.has(id));
      const removed = [...before].filter((id) => !wanted.has(id));
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'training_session',
        recordId: session.id,
        details: { fields: auditCodes(['attendance']), added: added.length, removed: removed.length },
      });
      return present(tx, await findTraining(tx, actor, params.id), lang);
    },
  });

  // ---- Participants ----

  defineRoute(app, {
    method: 'POST',
    url: '/api/trainings/:id/participants',
    tag: TAG,
    summary: 'Register a participant: an external specialist or one of the staff, on the day they registered',
    access: manage,
    params: IdParams,
    body: ParticipantInput,
    response: TrainingView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      await findTraining(tx, actor, params.id, true);
      if (body.registeredOn > today(deps.now())) throw field(lang, 'registeredOn', 'validation.date_in_future');
      await assertPeople(tx, [{ ref: body.person, path: 'person' }], lang);
      const userId = 'userId' in body.person ? body.person.userId : null;
      const specialistId = 'specialistId' in body.person ? body.person.specialistId : null;
      const existing = await tx.execute(sql`select 1 from training_participants where training_id = ${params.id}
        and ${userId ? sql`user_id = ${userId}` : sql`specialist_id = ${specialistId}`}`);
      if (existing.rows.length > 0) throw conflict('trainings.errors.already_registered');
      const id = crypto.randomUUID();
      await tx.execute(sql`insert into training_participants (id, org_id, training_id, user_id, specialist_id, registered_on)
        values (${id}, ${actor.orgId}, ${params.id}, ${userId}, ${specialistId}, ${body.registeredOn})`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'training_participant',
        recordId: id,
        details: { trainingId: auditCodes([params.id])[0]!, fields: auditCodes([userId ? 'userId' : 'specialistId', 'registeredOn']) },
      });
      return present(tx, await findTraining(tx, actor, params.id), lang);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/trainings/:id/participants/:participantId/scores',
    tag: TAG,
    summary: "A participant's pre- and post-test scores (a completion standing on the post-test keeps it)",
    access: manage,
    params: ParticipantParams,
    body: ScoresInput,
    response: TrainingView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const lang = req.lang;
      const training = await findTraining(tx, actor, params.id, true);
      const row = await participantRow(tx, params.id, params.participantId);
      if (num(row.version) !== body.version) throw conflict();
      const before = {
        preScore: row.pre_score === null ? null : num(row.pre_score),
        postScore: row.post_score === null ? null : num(row.post_score),
      };
      const minPost = ruleOf(training).minPostScore;
      if (row.completed_on !== null && minPost !== null && (body.postScore === null || body.postScore < minPost))
        throw field(lang, 'postScore', 'trainings.errors.has_completion');
      await updateParticipant(
        tx,
        audit,
        params.participantId,
        sql`pre_score = ${body.preScore}, post_score = ${body.postScore}`,
        changes(before, { preScore: body.preScore, postScore: body.postScore }),
      );
      return present(tx, await findTraining(tx, actor, params.id), lang);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/trainings/:id/participants/:participantId',
    tag: TAG,
    summary: 'Remove a participant registered by mistake (not one who completed)',
    access: manage,
    params: ParticipantParams,
    response: Ok,
    handler: async ({ tx, actor, audit, params }) => {
      await findTraining(tx, actor, params.id, true);
      const row = await participantRow(tx, params.id, params.participantId);
      if (row.completed_on !== null) throw conflict('trainings.errors.has_completion');
      await tx.execute(sql`delete from training_attendance where participant_id = ${params.participantId}`);
      await tx.execute(sql`delete from training_participants where id = ${params.participantId}`);
      await writeAudit(tx, audit, { action: 'delete', recordType: 'training_participant', recordId: params.participantId });
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/trainings/:id/participants/:participantId/completion',
    tag: TAG,
    summary: "Record a participant's completion on the day it happened (the training's rule must be met)",
    access: manage,
    params: ParticipantParams,
    body: CompletionInput,
    response: TrainingView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const training = await findTraining(tx, actor, params.id, true);
      const row = await participantRow(tx, params.id, params.participantId);
      if (num(row.version) !== body.version) throw conflict();
      if (row.completed_on !== null) throw conflict('trainings.errors.already_completed');
      checkCompletionDay(training, body.completedOn, today(deps.now()), lang);
      const participant = (await participantsOf(tx, training, lang)).find((p) => p.id === params.participantId)!;
      checkCompletion(training, participant, lang);
      await recordCompletion(tx, audit, [participant.id], body.completedOn, lang);
      return present(tx, await findTraining(tx, actor, params.id), lang);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/trainings/:id/completions',
    tag: TAG,
    summary: 'Record completion on a day for every participant who met the rule and has not completed yet',
    access: manage,
    params: IdParams,
    body: z.strictObject({ completedOn: CompletionInput.shape.completedOn }),
    response: TrainingView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const training = await findTraining(tx, actor, params.id, true);
      checkCompletionDay(training, body.completedOn, today(deps.now()), lang);
      const ready = (await participantsOf(tx, training, lang)).filter((p) => p.completedOn === null && p.meetsRule);
      await recordCompletion(
        tx,
        audit,
        ready.map((p) => p.id),
        body.completedOn,
        lang,
      );
      return present(tx, await findTraining(tx, actor, params.id), lang);
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/trainings/:id/participants/:participantId/completion',
    tag: TAG,
    summary: 'Undo a completion recorded by mistake (not once a certificate is issued)',
    access: manage,
    params: ParticipantParams,
    query: VersionQuery,
    response: TrainingView,
    handler: async ({ tx, actor, audit, params, query, req }) => {
      await findTraining(tx, actor, params.id, true);
      const row = await participantRow(tx, params.id, params.participantId);
      if (num(row.version) !== query.version) throw conflict();
      if (row.completed_on === null) throw conflict('trainings.errors.not_completed');
      if (row.certificate_number !== null) throw conflict('trainings.errors.has_certificate');
      await updateParticipant(tx, audit, params.participantId, sql`completed_on = null`, ['completedOn']);
      return present(tx, await findTraining(tx, actor, params.id), req.lang);
    },
  });

  // ---- Certificates ----

  defineRoute(app, {
    method: 'POST',
    url: '/api/trainings/:id/certificates',
    tag: TAG,
    summary: 'Issue numbered certificates to participants who completed (numbered per organisation and year of issue)',
    access: manage,
    params: IdParams,
    body: CertificatesInput,
    response: TrainingView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const lang = req.lang;
      const training = await findTraining(tx, actor, params.id, true);
      if (body.issuedOn > today(deps.now())) throw field(lang, 'issuedOn', 'validation.date_in_future');
      const participants = new Map((await participantsOf(tx, training, lang)).map((p) => [p.id, p]));
      const ids = [...new Set(body.participantIds)];
      ids.forEach((id, i) => {
        const p = participants.get(id);
        if (!p) throw field(lang, `participantIds.${i}`, 'trainings.errors.unknown_participant');
        if (p.completedOn === null) throw field(lang, `participantIds.${i}`, 'trainings.errors.not_completed');
        if (p.certificateNumber !== null) throw field(lang, `participantIds.${i}`, 'trainings.errors.already_issued');
        if (body.issuedOn < p.completedOn) throw field(lang, 'issuedOn', 'trainings.errors.before_completion');
      });
      const year = Number(body.issuedOn.slice(0, 4));
      // One numbering per organisation and year: issuers of the same year take turns here, and the
      // unique key (org_id, certificate_year, certificate_seq) stands behind it.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`certificates:${actor.orgId}:${year}`}))`);
      const highest = (
        await tx.execute<{ max: number | null }>(
          sql`select max(certificate_seq) as max from training_participants where certificate_year = ${year}`,
        )
      ).rows[0]?.max;
      const sequences = nextSequences(highest === null || highest === undefined ? null : Number(highest), ids.length);
      for (const [i, id] of ids.entries()) {
        const seq = sequences[i]!;
        await updateParticipant(
          tx,
          audit,
          id,
          sql`certificate_year = ${year}, certificate_seq = ${seq}, certificate_number = ${certificateNumber(year, seq)},
            certificate_issued_on = ${body.issuedOn}`,
          ['certificateNumber', 'certificateIssuedOn'],
        );
      }
      return present(tx, await findTraining(tx, actor, params.id), lang);
    },
  });
}
