// Training of mentors: the programme as data (sessions with hours, the completion rule), cohorts with
// dates and trainers, enrolment (the mentor goes in training), attendance per session, the primary
// diagnostic (an assessment by a template kept with the other templates) and completion with its
// date — refused, naming what is missing, without the attendance or a passed diagnostic.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { answerProblem, scoreDomains, TemplateInput, type Answers } from '../../domain/assessments/template.js';
import {
  AttendanceInput,
  CohortInput,
  CohortSummary,
  CohortView,
  CompletionInput,
  DiagnosticInput,
  EnrolInput,
  TrainingProgrammeInput,
  TrainingProgrammeUpdateInput,
  TrainingProgrammeView,
  type MentorStatus,
} from '../../domain/mentoring/contracts.js';
import { completionProblems, diagnosticPassed } from '../../domain/mentoring/rules.js';
import { MENTOR_DIAGNOSTIC, MENTOR_DIAGNOSTIC_CODE } from '../../domain/mentoring/shipped.js';
import type { FieldError } from '../../domain/errors.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { auditCode, auditCodes, writeAudit } from '../audit/audit.js';
import { findCurrentTemplate } from '../assessments/templates.js';
import type { TemplateView } from '../../domain/assessments/contracts.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { assertBranchInReach } from '../access/reach.js';
import {
  assertDays,
  conflictField,
  conflictFields,
  day,
  dayOrNull,
  field,
  findOption,
  findMentorRow,
  inList,
  manage,
  moveMentor,
  parseJson,
  read,
  todayOf,
  type Row,
} from './common.js';

const MemberParams = z.strictObject({ id: z.uuid({ message: 'i18n:invalid_uuid' }), mentorId: z.uuid({ message: 'i18n:invalid_uuid' }) });

function toProgrammeView(row: Row): TrainingProgrammeView {
  const sessions = parseJson<{ title: string; hours: number }[]>(row.sessions);
  return {
    id: row.id as string,
    name: row.name as string,
    sessions,
    hours: sessions.reduce((sum, s) => sum + s.hours, 0),
    minSessions: Number(row.min_sessions),
    diagnosticTemplateCode: row.diagnostic_template_code as string,
    diagnosticPassScore: Number(row.diagnostic_pass_score),
    active: row.active as boolean,
    version: Number(row.version),
  };
}

/**
 * The current template of the programme's diagnostic. The shipped mentor diagnostic is installed
 * among the organisation's assessment templates the first time a programme names it, and is edited
 * there like any other template.
 */
async function diagnosticTemplate(tx: Tx, actor: Actor, code: string, lang: Language): Promise<TemplateView> {
  const found = await findCurrentTemplate(tx, code);
  if (found) return found;
  if (code !== MENTOR_DIAGNOSTIC_CODE) throw field(lang, 'diagnosticTemplateCode', 'validation.invalid_option');
  await tx.execute(sql`insert into assessment_templates (org_id, code, version, definition)
    values (${actor.orgId}, ${code}, 1, ${JSON.stringify(TemplateInput.parse(MENTOR_DIAGNOSTIC))}::jsonb)`);
  return (await findCurrentTemplate(tx, code))!;
}

/** A cohort of the caller's branches with its programme, or 404. */
async function findCohort(tx: Tx, actor: Actor, id: string): Promise<Row> {
  const rows = await tx.execute<Row>(sql`select c.*, p.name as programme_name, p.sessions, p.min_sessions, p.diagnostic_template_code,
      p.diagnostic_pass_score from mentor_cohorts c join mentor_training_programmes p on p.id = c.programme_id
    where c.id = ${id} and ${inList(sql`c.branch_id`, actor.branchIds)}`);
  if (!rows.rows[0]) throw notFound();
  return rows.rows[0];
}

interface MemberFacts {
  attended: number[];
  diagnostic: { conductedOn: string; score: number; passed: boolean } | null;
}

/** Sessions a cohort member attended and their best diagnostic, each on or before `on` when given. */
async function memberFacts(tx: Tx, cohortId: string, mentorId: string, on?: string): Promise<MemberFacts> {
  const until = on ? sql`and s.held_on <= ${on}` : sql``;
  const attended = await tx.execute<{ n: number }>(sql`select distinct s.session_no as n from mentor_cohort_sessions s
    join mentor_attendance a on a.cohort_session_id = s.id where s.cohort_id = ${cohortId} and a.mentor_id = ${mentorId} ${until} order by 1`);
  const diagnostics = await tx.execute<Row>(sql`select conducted_on, score, passed from mentor_diagnostics d
    where d.cohort_id = ${cohortId} and d.mentor_id = ${mentorId} ${on ? sql`and d.conducted_on <= ${on}` : sql``}
    order by d.passed desc, d.conducted_on desc limit 1`);
  const d = diagnostics.rows[0];
  return {
    attended: attended.rows.map((r) => Number(r.n)),
    diagnostic: d ? { conductedOn: day(d.conducted_on), score: Number(d.score), passed: d.passed as boolean } : null,
  };
}

export async function getCohort(tx: Tx, actor: Actor, id: string): Promise<CohortView> {
  const c = await findCohort(tx, actor, id);
  const sessions = parseJson<{ title: string; hours: number }[]>(c.sessions);
  const held = await tx.execute<Row>(sql`select session_no, held_on from mentor_cohort_sessions where cohort_id = ${id}`);
  const heldOn = new Map(held.rows.map((h) => [Number(h.session_no), day(h.held_on)]));
  const trainers = await tx.execute<Row>(sql`select u.id::text, trim(u.last_name || ' ' || u.first_name) as name
    from mentor_cohort_trainers t join users u on u.id = t.user_id where t.cohort_id = ${id} order by 2`);
  const members = await tx.execute<Row>(sql`select cm.mentor_id::text, cm.enrolled_on, cm.completed_on, m.display_name, m.status
    from mentor_cohort_members cm join mentors m on m.id = cm.mentor_id where cm.cohort_id = ${id} order by lower(m.display_name)`);
  const minSessions = Number(c.min_sessions);
  const list = [];
  for (const m of members.rows) {
    const facts = await memberFacts(tx, id, m.mentor_id as string);
    list.push({
      mentorId: m.mentor_id as string,
      displayName: m.display_name as string,
      status: m.status as MentorStatus,
      enrolledOn: day(m.enrolled_on),
      attended: facts.attended,
      diagnostic: facts.diagnostic,
      completedOn: dayOrNull(m.completed_on),
      canComplete:
        m.completed_on === null &&
        completionProblems({
          sessions: sessions.length,
          minSessions,
          attended: facts.attended.length,
          diagnosticPassed: facts.diagnostic?.passed ?? null,
        }).length === 0,
    });
  }
  return {
    id,
    programmeId: c.programme_id as string,
    programmeName: c.programme_name as string,
    branchId: c.branch_id as string,
    name: c.name as string,
    startsOn: day(c.starts_on),
    endsOn: day(c.ends_on),
    trainers: trainers.rows.map((t) => ({ id: t.id as string, name: t.name as string })),
    sessions: sessions.map((s, i) => ({ number: i + 1, title: s.title, hours: s.hours, heldOn: heldOn.get(i + 1) ?? null })),
    minSessions,
    members: list,
  };
}

async function cohortMember(tx: Tx, cohortId: string, mentorId: string): Promise<Row> {
  const row = (
    await tx.execute<Row>(sql`select * from mentor_cohort_members where cohort_id = ${cohortId} and mentor_id = ${mentorId} for update`)
  ).rows[0];
  if (!row) throw notFound();
  return row;
}

export function registerTrainingRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/mentoring/programmes',
    tag: 'mentoring',
    summary: 'Training programmes for mentors (sessions, hours, completion rule)',
    access: read,
    response: z.object({ items: z.array(TrainingProgrammeView) }),
    handler: async ({ tx }) => {
      const rows = await tx.execute<Row>(sql`select * from mentor_training_programmes order by active desc, lower(name)`);
      return { items: rows.rows.map(toProgrammeView) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/programmes',
    tag: 'mentoring',
    summary: 'Define a training programme: its sessions with hours and the completion rule',
    access: manage,
    body: TrainingProgrammeInput,
    response: TrainingProgrammeView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      await diagnosticTemplate(tx, actor, body.diagnosticTemplateCode, req.lang);
      const rows =
        await tx.execute<Row>(sql`insert into mentor_training_programmes (org_id, name, sessions, min_sessions, diagnostic_template_code, diagnostic_pass_score)
        values (${actor.orgId}, ${body.name}, ${JSON.stringify(body.sessions)}::jsonb, ${body.minSessions}, ${body.diagnosticTemplateCode}, ${body.diagnosticPassScore})
        returning *`);
      const view = toProgrammeView(rows.rows[0]!);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'mentor_programme',
        recordId: view.id,
        details: { fields: auditCodes(Object.keys(body)) },
      });
      return view;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/mentoring/programmes/:id',
    tag: 'mentoring',
    summary: 'Change a training programme (completions already recorded stay as they were)',
    access: manage,
    params: IdParams,
    body: TrainingProgrammeUpdateInput,
    response: TrainingProgrammeView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      if (body.minSessions > body.sessions.length) throw field(req.lang, 'minSessions', 'validation.too_big');
      await diagnosticTemplate(tx, actor, body.diagnosticTemplateCode, req.lang);
      const rows =
        await tx.execute<Row>(sql`update mentor_training_programmes set name = ${body.name}, sessions = ${JSON.stringify(body.sessions)}::jsonb,
          min_sessions = ${body.minSessions}, diagnostic_template_code = ${body.diagnosticTemplateCode}, diagnostic_pass_score = ${body.diagnosticPassScore},
          active = ${body.active}, version = version + 1
        where id = ${params.id} and version = ${body.version} returning *`);
      if (!rows.rows[0]) {
        const exists = await tx.execute(sql`select 1 from mentor_training_programmes where id = ${params.id}`);
        throw exists.rows.length ? conflict() : notFound();
      }
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'mentor_programme',
        recordId: params.id,
        details: { fields: auditCodes(Object.keys(body)) },
      });
      return toProgrammeView(rows.rows[0]);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/mentoring/cohorts',
    tag: 'mentoring',
    summary: 'Cohorts of mentors in training in the caller’s branches',
    access: read,
    response: z.object({ items: z.array(CohortSummary) }),
    handler: async ({ tx, actor }) => {
      const rows = await tx.execute<Row>(sql`select c.*, p.name as programme_name,
          (select count(*)::int from mentor_cohort_members cm where cm.cohort_id = c.id) as members,
          (select count(*)::int from mentor_cohort_members cm where cm.cohort_id = c.id and cm.completed_on is not null) as completed
        from mentor_cohorts c join mentor_training_programmes p on p.id = c.programme_id
        where ${inList(sql`c.branch_id`, actor.branchIds)} order by c.starts_on desc limit 200`);
      return {
        items: rows.rows.map((c) => ({
          id: c.id as string,
          programmeId: c.programme_id as string,
          programmeName: c.programme_name as string,
          branchId: c.branch_id as string,
          name: c.name as string,
          startsOn: day(c.starts_on),
          endsOn: day(c.ends_on),
          members: Number(c.members),
          completed: Number(c.completed),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/mentoring/cohorts/:id',
    tag: 'mentoring',
    summary: 'A cohort: sessions held, trainers, members with their attendance, diagnostic and completion',
    access: read,
    params: IdParams,
    response: CohortView,
    handler: async ({ tx, actor, params }) => getCohort(tx, actor, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/cohorts',
    tag: 'mentoring',
    summary: 'Start a cohort of a programme with its dates and trainers',
    access: manage,
    body: CohortInput,
    response: CohortView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      assertBranchInReach(actor, body.branchId, 'branchId', req.lang);
      await findOption(
        tx,
        sql`select 1 from mentor_training_programmes where id = ${body.programmeId} and active`,
        req.lang,
        'programmeId',
      );
      const trainers = [...new Set(body.trainerIds)];
      if (trainers.length > 0) {
        const staff = await tx.execute(sql`select 1 from users where active and id in ${trainers}`);
        if (staff.rows.length !== trainers.length) throw field(req.lang, 'trainerIds', 'errors.not_staff');
      }
      const rows = await tx.execute<{
        id: string;
      }>(sql`insert into mentor_cohorts (org_id, programme_id, branch_id, name, starts_on, ends_on, created_by)
        values (${actor.orgId}, ${body.programmeId}, ${body.branchId}, ${body.name}, ${body.startsOn}, ${body.endsOn}, ${actor.userId}) returning id::text`);
      const id = rows.rows[0]!.id;
      for (const trainer of trainers)
        await tx.execute(sql`insert into mentor_cohort_trainers (org_id, cohort_id, user_id) values (${actor.orgId}, ${id}, ${trainer})`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'mentor_cohort',
        recordId: id,
        details: { fields: auditCodes(Object.keys(body)) },
      });
      return getCohort(tx, actor, id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/cohorts/:id/members',
    tag: 'mentoring',
    summary: 'Enrol a candidate in a cohort (the mentor goes in training)',
    access: manage,
    params: IdParams,
    body: EnrolInput,
    response: CohortView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const cohort = await findCohort(tx, actor, params.id);
      let mentor: Row;
      try {
        mentor = await findMentorRow(tx, actor, body.mentorId, true);
      } catch {
        throw field(req.lang, 'mentorId', 'validation.invalid_option');
      }
      if (!['candidate', 'in_training'].includes(mentor.status as string))
        throw conflictField(req.lang, 'mentorId', 'mentoring.errors.not_candidate');
      const already = await tx.execute(
        sql`select 1 from mentor_cohort_members where cohort_id = ${params.id} and mentor_id = ${body.mentorId}`,
      );
      if (already.rows.length > 0) throw conflictField(req.lang, 'mentorId', 'mentoring.errors.enrolled');
      assertDays([{ path: 'enrolledOn', value: body.enrolledOn, notBefore: day(mentor.status_on) }], todayOf(deps.now()), req.lang);
      await tx.execute(sql`insert into mentor_cohort_members (org_id, cohort_id, mentor_id, enrolled_on)
        values (${actor.orgId}, ${params.id}, ${body.mentorId}, ${body.enrolledOn})`);
      if (mentor.status === 'candidate') await moveMentor(tx, actor, mentor, 'in_training', body.enrolledOn);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'mentor_cohort_member',
        recordId: params.id,
        details: { mentorId: auditCode(body.mentorId), cohortId: auditCode(cohort.id as string) },
      });
      return getCohort(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/mentoring/cohorts/:id/attendance',
    tag: 'mentoring',
    summary: 'Record a session held on a day and the members present (replaces that session’s attendance)',
    access: manage,
    params: IdParams,
    body: AttendanceInput,
    response: CohortView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const cohort = await findCohort(tx, actor, params.id);
      const sessions = parseJson<unknown[]>(cohort.sessions).length;
      if (body.session > sessions) throw field(req.lang, 'session', 'validation.invalid_option');
      assertDays([{ path: 'heldOn', value: body.heldOn, notBefore: day(cohort.starts_on) }], todayOf(deps.now()), req.lang);
      const present = [...new Set(body.present)];
      const members = await tx.execute<{ mentor_id: string; enrolled_on: string }>(
        sql`select mentor_id::text, enrolled_on::text from mentor_cohort_members where cohort_id = ${params.id}`,
      );
      const enrolled = new Map(members.rows.map((m) => [m.mentor_id, m.enrolled_on]));
      const errors: FieldError[] = [];
      body.present.forEach((id, i) => {
        if (!enrolled.has(id))
          errors.push({
            path: `present.${i}`,
            code: 'validation.invalid_option',
            message: translate(req.lang, 'validation.invalid_option'),
          });
      });
      if (errors.length > 0) throw new AppError('validation', 'errors.validation', {}, errors);
      const session = await tx.execute<{ id: string }>(sql`insert into mentor_cohort_sessions (org_id, cohort_id, session_no, held_on)
        values (${actor.orgId}, ${params.id}, ${body.session}, ${body.heldOn})
        on conflict (org_id, cohort_id, session_no) do update set held_on = excluded.held_on returning id::text`);
      const sessionId = session.rows[0]!.id;
      await tx.execute(sql`delete from mentor_attendance where cohort_session_id = ${sessionId}`);
      for (const mentorId of present)
        await tx.execute(
          sql`insert into mentor_attendance (org_id, cohort_session_id, mentor_id) values (${actor.orgId}, ${sessionId}, ${mentorId})`,
        );
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'mentor_cohort',
        recordId: params.id,
        details: { fields: auditCodes(['attendance']), session: body.session, present: present.length },
      });
      return getCohort(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/cohorts/:id/members/:mentorId/diagnostic',
    tag: 'mentoring',
    summary: 'Record a member’s primary diagnostic (by the programme’s template), scored and judged passed or not',
    access: manage,
    params: MemberParams,
    body: DiagnosticInput,
    response: CohortView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const cohort = await findCohort(tx, actor, params.id);
      const member = await cohortMember(tx, params.id, params.mentorId);
      assertDays([{ path: 'conductedOn', value: body.conductedOn, notBefore: day(member.enrolled_on) }], todayOf(deps.now()), req.lang);
      const template = await diagnosticTemplate(tx, actor, cohort.diagnostic_template_code as string, req.lang);
      const questions = new Map(template.definition.domains.flatMap((d) => d.questions.map((q) => [q.code, q])));
      const errors: FieldError[] = [];
      for (const [code, value] of Object.entries(body.answers)) {
        const question = questions.get(code);
        const problem = question ? answerProblem(question, value) : 'invalid_option';
        if (problem)
          errors.push({ path: `answers.${code}`, code: `validation.${problem}`, message: translate(req.lang, `validation.${problem}`) });
      }
      if (errors.length > 0) throw new AppError('validation', 'errors.validation', {}, errors);
      const scores = scoreDomains(template.definition.domains, body.answers as Answers);
      const result = diagnosticPassed(scores, Number(cohort.diagnostic_pass_score));
      const rows = await tx.execute<{
        id: string;
      }>(sql`insert into mentor_diagnostics (org_id, mentor_id, cohort_id, template_id, conducted_on, answers, scores, score, passed, conducted_by)
        values (${actor.orgId}, ${params.mentorId}, ${params.id}, ${template.id}, ${body.conductedOn}, ${JSON.stringify(body.answers)}::jsonb,
          ${JSON.stringify(scores)}::jsonb, ${result.score}, ${result.passed}, ${actor.userId}) returning id::text`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'mentor_diagnostic',
        recordId: rows.rows[0]!.id,
        details: { mentorId: auditCode(params.mentorId), cohortId: auditCode(params.id), passed: result.passed },
      });
      return getCohort(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/mentoring/cohorts/:id/members/:mentorId/complete',
    tag: 'mentoring',
    summary:
      'Record that a member completed the training on a day: attendance and a passed diagnostic by then, or refused naming what is missing',
    access: manage,
    params: MemberParams,
    body: CompletionInput,
    response: CohortView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const cohort = await findCohort(tx, actor, params.id);
      const member = await cohortMember(tx, params.id, params.mentorId);
      if (member.completed_on) throw conflictField(req.lang, 'completedOn', 'mentoring.errors.completed');
      assertDays([{ path: 'completedOn', value: body.completedOn, notBefore: day(member.enrolled_on) }], todayOf(deps.now()), req.lang);
      const facts = await memberFacts(tx, params.id, params.mentorId, body.completedOn);
      const problems = completionProblems({
        sessions: parseJson<unknown[]>(cohort.sessions).length,
        minSessions: Number(cohort.min_sessions),
        attended: facts.attended.length,
        diagnosticPassed: facts.diagnostic?.passed ?? null,
      });
      if (problems.length > 0)
        throw conflictFields(
          req.lang,
          problems.map((p) => ({ path: p, key: `mentoring.errors.completion_${p}` })),
        );
      await tx.execute(sql`update mentor_cohort_members set completed_on = ${body.completedOn} where id = ${member.id as string}`);
      const mentor = (await tx.execute<Row>(sql`select * from mentors where id = ${params.mentorId} for update`)).rows[0]!;
      if (['candidate', 'in_training'].includes(mentor.status as string) && body.completedOn >= day(mentor.status_on))
        await moveMentor(
          tx,
          actor,
          mentor,
          'trained',
          body.completedOn,
          '',
          sql`, trained_on = coalesce(trained_on, ${body.completedOn}::date)`,
        );
      else
        await tx.execute(
          sql`update mentors set trained_on = coalesce(trained_on, ${body.completedOn}::date) where id = ${params.mentorId}`,
        );
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'mentor_cohort_member',
        recordId: member.id as string,
        details: { fields: auditCodes(['completedOn']), mentorId: auditCode(params.mentorId) },
      });
      return getCohort(tx, actor, params.id);
    },
  });
}
