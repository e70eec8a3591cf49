// Routes of away profile shifts: the list and the page, creating and editing a shift, its
// participants, the programme and attendance of each day, the diagnostics at the start and the end,
// the analysis and the summary, and the counts the M&E officer reads (no names, no texts).
// Reach and the held rule: ./shifts.ts. Every change is audited with ids, field names and codes only.
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  AnalysisInput,
  AttendanceInput,
  DayParams,
  DayProgrammeInput,
  DiagnosticInput,
  ParticipantsInput,
  ShiftCounts,
  ShiftCountsQuery,
  ShiftInput,
  ShiftList,
  ShiftListQuery,
  ShiftUpdateInput,
  ShiftView,
  SummaryInput,
  type ShiftInput as ShiftInputType,
} from '../../domain/shifts/contracts.js';
import { MAX_SHIFT_DAYS, shiftLength } from '../../domain/shifts/rules.js';
import { answerProblem, scoreDomains, type Answers } from '../../domain/assessments/template.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import { auditCode, auditCodes, auditIds, changes, filledFields, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, conflict, forbidden, invalidField, notFound } from '../http/errors.js';
import { defineRoute, type ScopedInput } from '../http/route.js';
import { assertBranchInReach } from '../access/reach.js';
import { caseScope } from '../cases/scope.js';
import { cellRule, suppressedCell } from '../indicators/small-cells.js';
import { appendEvent } from '../cases/timeline.js';
import { findCurrentTemplate } from '../assessments/templates.js';
import { mentorScope } from '../mentoring/common.js';
import { getShift, heldSql, listShifts, shiftToManage } from './shifts.js';

type Row = Record<string, unknown>;
const read = { kind: 'permission', permission: 'shifts.read', records: 'organization' } as const;
const manage = { kind: 'permission', permission: 'shifts.manage', records: 'organization' } as const;
const TAG = 'shifts';
const today = (now: Date) => now.toISOString().slice(0, 10);
const day = (value: unknown) => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const field = (lang: Language, path: string, code: string, params: Record<string, unknown> = {}) =>
  invalidField(path, code, translate(lang, code, params), params);
const ParticipantParams = z.strictObject({ id: z.uuid(), participantId: z.uuid() });
const DiagnosticParams = z.strictObject({ id: z.uuid(), diagnosticId: z.uuid() });

/** Branch within reach, programme of the organisation, specialists active staff, a shift of days not months. */
async function checkShift(tx: Tx, actor: Actor, body: ShiftInputType, lang: Language): Promise<void> {
  assertBranchInReach(actor, body.branchId, 'branchId', lang);
  if ((await tx.execute(sql`select 1 from programmes where id = ${body.programmeId}`)).rows.length === 0)
    throw field(lang, 'programmeId', 'validation.invalid_option');
  if (shiftLength(body.startsOn, body.endsOn) > MAX_SHIFT_DAYS)
    throw field(lang, 'endsOn', 'shifts.errors.too_long', { max: MAX_SHIFT_DAYS });
  const specialists = [...new Set(body.specialistIds)];
  if (specialists.length > 0) {
    const found = await tx.execute(sql`select 1 from users where active and id in ${specialists}`);
    if (found.rows.length !== specialists.length) throw field(lang, 'specialistIds', 'errors.not_staff');
  }
}

async function setSpecialists(tx: Tx, actor: Actor, shiftId: string, userIds: string[]): Promise<void> {
  await tx.execute(sql`delete from shift_specialists where shift_id = ${shiftId}`);
  for (const userId of new Set(userIds))
    await tx.execute(sql`insert into shift_specialists (org_id, shift_id, user_id) values (${actor.orgId}, ${shiftId}, ${userId})`);
}

/** A member of the family of a case the caller reaches; the case of the shift's programme when `programmeId` is given. */
async function checkMember(
  tx: Tx,
  actor: Actor,
  ref: { caseId: string; memberId: string },
  programmeId: string | null,
  path: string,
  lang: Language,
): Promise<FieldError | null> {
  const rows = await tx.execute<Row>(sql`select c.programme_id::text,
      exists (select 1 from members m where m.id = ${ref.memberId} and m.family_id = c.family_id) as member_ok
    from cases c where c.id = ${ref.caseId} and ${caseScope(actor)}`);
  const row = rows.rows[0];
  const error = (p: string, code: string) => ({ path: `${path}.${p}`, code, message: translate(lang, code) });
  if (!row) return error('caseId', 'validation.invalid_option');
  if (programmeId && row.programme_id !== programmeId) return error('caseId', 'shifts.errors.case_programme');
  if (!row.member_ok) return error('memberId', 'validation.invalid_option');
  return null;
}

function checkAnswers(domains: Parameters<typeof scoreDomains>[0], answers: Answers, lang: Language): void {
  const questions = new Map(domains.flatMap((d) => d.questions.map((q) => [q.code, q] as const)));
  const fields: FieldError[] = [];
  for (const [code, value] of Object.entries(answers)) {
    const question = questions.get(code);
    const problem = question ? answerProblem(question, value) : 'unknown_field';
    if (problem) fields.push({ path: `answers.${code}`, code: `validation.${problem}`, message: translate(lang, `validation.${problem}`) });
  }
  if (fields.length > 0) throw new AppError('validation', 'errors.validation', {}, fields);
}

/** The cases with a member on the shift. */
async function casesOnShift(tx: Tx, shiftId: string): Promise<Set<string>> {
  const rows = await tx.execute<{ case_id: string }>(
    sql`select distinct case_id::text from shift_participants where shift_id = ${shiftId} and kind = 'member'`,
  );
  return new Set(rows.rows.map((r) => r.case_id));
}

/** A family on (or off) an away shift, in its case's timeline: the shift's title and dates as they were then. */
async function shiftEvent(
  tx: Tx,
  actor: Actor,
  caseId: string,
  kind: 'shift_joined' | 'shift_left',
  shift: Row,
  on: string,
): Promise<void> {
  await appendEvent(
    tx,
    actor,
    caseId,
    kind,
    { shiftId: shift.id as string, title: shift.title as string, startsOn: day(shift.starts_on), endsOn: day(shift.ends_on) },
    on,
  );
}

export function registerShiftRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/shifts',
    tag: TAG,
    summary: 'Away shifts within the caller’s reach (its team, or a participating family’s case team), newest first',
    access: read,
    query: ShiftListQuery,
    response: ShiftList,
    handler: async ({ tx, actor, query, req, deps }) => {
      // A branch or programme not of the organisation is refused by name, not answered empty. (A branch
      // the caller does not work in is a fair filter here: she may run a shift of another branch.)
      if (query.branchId && (await tx.execute(sql`select 1 from branches where id = ${query.branchId}`)).rows.length === 0)
        throw field(req.lang, 'branchId', 'validation.invalid_option');
      if (query.programmeId && (await tx.execute(sql`select 1 from programmes where id = ${query.programmeId}`)).rows.length === 0)
        throw field(req.lang, 'programmeId', 'validation.invalid_option');
      const where: SQL[] = [];
      if (query.from) where.push(sql`s.ends_on >= ${query.from}`);
      if (query.to) where.push(sql`s.starts_on <= ${query.to}`);
      if (query.branchId) where.push(sql`s.branch_id = ${query.branchId}`);
      if (query.programmeId) where.push(sql`s.programme_id = ${query.programmeId}`);
      return { items: await listShifts(tx, actor, where, today(deps.now())) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/shifts/counts',
    tag: TAG,
    summary: 'Away shifts in a period as counts per branch (held with summary, families, days) — no titles, texts or names',
    access: { kind: 'permission', permission: 'indicators.read', records: 'organization' },
    query: ShiftCountsQuery,
    response: ShiftCounts,
    handler: async ({ tx, actor, query, deps }) => {
      // Each branch's line is a cell: small counts hidden from a reader who cannot open that branch's
      // cases (the M&E officer), exactly for its coordinators and supervisors, as the group-work counts
      // read (issue 11, defect 6). Days are a sum of time, not a count of people: never suppressed.
      const rule = await cellRule(tx, actor, {});
      const count = (value: number, exact: boolean) => (exact ? value : (suppressedCell('count', { value }, rule.threshold) ?? value));
      const to = query.to ?? today(deps.now());
      const from = query.from ?? `${to.slice(0, 4)}-01-01`;
      const asOf = today(deps.now());
      const rows = await tx.execute<Row>(sql`select s.branch_id::text, b.name as branch_name, count(*)::int as shifts,
          count(*) filter (where s.ends_on <= ${to} and ${heldSql('s', sql`${asOf}::date`)})::int as held,
          sum((select count(distinct p.case_id) from shift_participants p where p.shift_id = s.id and p.kind = 'member'))::int as families,
          sum(s.ends_on - s.starts_on + 1)::int as days
        from shifts s join branches b on b.id = s.branch_id
        where s.starts_on <= ${to} and s.ends_on >= ${from}
        group by s.branch_id, b.name order by b.name`);
      return {
        from,
        to,
        items: rows.rows.map((r) => {
          const exact = rule.exact(r.branch_id as string);
          return {
            branchId: r.branch_id as string,
            branchName: r.branch_name as string,
            shifts: count(Number(r.shifts), exact),
            heldWithSummary: count(Number(r.held), exact),
            families: count(Number(r.families), exact),
            days: Number(r.days),
          };
        }),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/shifts/:id',
    tag: TAG,
    summary: 'One away shift: participants, days with attendance, diagnostics, the change per scale, analysis and summary',
    access: read,
    params: IdParams,
    response: ShiftView,
    handler: async ({ tx, actor, params, req, deps }) => getShift(tx, actor, params.id, req.lang, today(deps.now())),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/shifts',
    tag: TAG,
    summary: 'Record an away shift (planned, running, or typed in after it happened)',
    access: manage,
    body: ShiftInput,
    response: ShiftView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req, deps }) => {
      await checkShift(tx, actor, body, req.lang);
      const rows = await tx.execute<{ id: string }>(sql`insert into shifts
          (org_id, branch_id, programme_id, title, venue, description, starts_on, ends_on, created_by)
        values (${actor.orgId}, ${body.branchId}, ${body.programmeId}, ${body.title}, ${body.venue}, ${body.description},
          ${body.startsOn}, ${body.endsOn}, ${actor.userId}) returning id::text`);
      const id = rows.rows[0]!.id;
      await setSpecialists(tx, actor, id, body.specialistIds);
      await writeAudit(tx, audit, { action: 'create', recordType: 'shift', recordId: id, details: { fields: filledFields(body) } });
      return getShift(tx, actor, id, req.lang, today(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/shifts/:id',
    tag: TAG,
    summary: 'Edit an away shift: title, venue, programme, dates, specialists (version checked)',
    access: manage,
    params: IdParams,
    body: ShiftUpdateInput,
    response: ShiftView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const before = await shiftToManage(tx, actor, params.id);
      await checkShift(tx, actor, body, req.lang);
      // Days, attendance and diagnostics already recorded must stay within the new dates.
      const outside =
        await tx.execute(sql`select 1 from shift_attendance where shift_id = ${params.id} and (day < ${body.startsOn} or day > ${body.endsOn})
        union all select 1 from shift_diagnostics where shift_id = ${params.id} and (conducted_on < ${body.startsOn} or conducted_on > ${body.endsOn})
        union all select 1 from shift_days where shift_id = ${params.id} and programme <> '' and (day < ${body.startsOn} or day > ${body.endsOn})
        union all select 1 from shifts where id = ${params.id} and (analysed_on < ${body.endsOn} or summary_on < ${body.endsOn})`);
      if (outside.rows.length > 0) throw field(req.lang, 'endsOn', 'shifts.errors.participants_outside');
      const updated =
        await tx.execute(sql`update shifts set branch_id = ${body.branchId}, programme_id = ${body.programmeId}, title = ${body.title},
          venue = ${body.venue}, description = ${body.description}, starts_on = ${body.startsOn}, ends_on = ${body.endsOn},
          version = version + 1, updated_at = now()
        where id = ${params.id} and version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      const specialistsBefore = await tx.execute<{ user_id: string }>(
        sql`select user_id::text from shift_specialists where shift_id = ${params.id} order by user_id`,
      );
      await setSpecialists(tx, actor, params.id, body.specialistIds);
      await tx.execute(sql`delete from shift_days where shift_id = ${params.id} and (day < ${body.startsOn} or day > ${body.endsOn})`);
      const old = {
        branchId: before.branch_id,
        programmeId: before.programme_id,
        title: before.title,
        venue: before.venue,
        description: before.description,
        startsOn: day(before.starts_on),
        endsOn: day(before.ends_on),
        specialistIds: specialistsBefore.rows.map((r) => r.user_id),
      };
      const next = { ...body, specialistIds: [...new Set(body.specialistIds)].sort() };
      await writeAudit(tx, audit, { action: 'update', recordType: 'shift', recordId: params.id, details: { fields: changes(old, next) } });
      return getShift(tx, actor, params.id, req.lang, today(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/shifts/:id/participants',
    tag: TAG,
    summary: 'Add participants: members of families of the shift’s programme the caller reaches, and mentors',
    access: manage,
    params: IdParams,
    body: ParticipantsInput,
    response: ShiftView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const shift = await shiftToManage(tx, actor, params.id);
      const fields: FieldError[] = [];
      for (const [i, m] of body.members.entries()) {
        const problem = await checkMember(tx, actor, m, shift.programme_id as string, `members.${i}`, req.lang);
        if (problem) fields.push(problem);
      }
      for (const [i, m] of body.mentors.entries()) {
        // A mentor of the register, of a branch the caller works in, not withdrawn.
        const mentor = await tx.execute(
          sql`select 1 from mentors m where m.id = ${m.mentorId} and m.status <> 'withdrawn' and ${mentorScope(actor)}`,
        );
        if (mentor.rows.length === 0)
          fields.push({
            path: `mentors.${i}.mentorId`,
            code: 'validation.invalid_option',
            message: translate(req.lang, 'validation.invalid_option'),
          });
      }
      if (fields.length > 0) throw new AppError('validation', 'errors.validation', {}, fields);
      const casesBefore = await casesOnShift(tx, params.id);
      let added = 0;
      const insert = async (kind: 'member' | 'mentor', caseId: string | null, memberId: string | null, mentorId: string | null) => {
        const done = await tx.execute(sql`insert into shift_participants (org_id, shift_id, kind, case_id, member_id, mentor_id)
          values (${actor.orgId}, ${params.id}, ${kind}, ${caseId}, ${memberId}, ${mentorId}) on conflict do nothing returning id`);
        added += done.rows.length;
      };
      for (const m of body.members) await insert('member', m.caseId, m.memberId, null);
      for (const m of body.mentors) await insert('mentor', null, null, m.mentorId);
      // A family newly on the shift: its case's timeline says so, on the shift's first day (or today
      // for a shift still ahead: the day it was arranged).
      const joinedOn = [day(shift.starts_on), today(deps.now())].sort()[0]!;
      for (const caseId of new Set(body.members.map((m) => m.caseId)))
        if (!casesBefore.has(caseId)) await shiftEvent(tx, actor, caseId, 'shift_joined', shift, joinedOn);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'shift',
        recordId: params.id,
        details: { fields: auditCodes(['participants']), added, caseIds: auditCodes([...new Set(body.members.map((m) => m.caseId))]) },
      });
      return getShift(tx, actor, params.id, req.lang, today(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/shifts/:id/participants/:participantId',
    tag: TAG,
    summary: 'Remove a participant (and their attendance) from the shift',
    access: manage,
    params: ParticipantParams,
    response: ShiftView,
    handler: async ({ tx, actor, audit, params, req, deps }) => {
      const shift = await shiftToManage(tx, actor, params.id);
      const removed = await tx.execute<{ case_id: string | null }>(
        sql`delete from shift_participants where id = ${params.participantId} and shift_id = ${params.id} returning case_id::text`,
      );
      if (removed.rows.length === 0) throw notFound();
      // The family's last member taken off: its case's timeline says so, on the day it was done.
      const caseId = removed.rows[0]!.case_id;
      if (caseId && !(await casesOnShift(tx, params.id)).has(caseId))
        await shiftEvent(tx, actor, caseId, 'shift_left', shift, today(deps.now()));
      await writeAudit(tx, audit, {
        action: 'delete',
        recordType: 'shift_participant',
        recordId: params.participantId,
        details: auditIds({ shiftId: params.id }),
      });
      return getShift(tx, actor, params.id, req.lang, today(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/shifts/:id/days/:day',
    tag: TAG,
    summary: 'Write the programme of one day of the shift (version checked)',
    access: manage,
    params: DayParams,
    body: DayProgrammeInput,
    response: ShiftView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const shift = await shiftToManage(tx, actor, params.id);
      if (params.day < day(shift.starts_on) || params.day > day(shift.ends_on)) throw notFound();
      const done =
        body.version === 0
          ? await tx.execute(sql`insert into shift_days (org_id, shift_id, day, programme) values (${actor.orgId}, ${params.id}, ${params.day}, ${body.programme})
              on conflict do nothing returning day`)
          : await tx.execute(sql`update shift_days set programme = ${body.programme}, version = version + 1
              where shift_id = ${params.id} and day = ${params.day} and version = ${body.version} returning day`);
      if (done.rows.length === 0) throw conflict();
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'shift',
        recordId: params.id,
        details: { fields: auditCodes(['days.programme']), day: auditCode(params.day) },
      });
      return getShift(tx, actor, params.id, req.lang, today(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/shifts/:id/days/:day/attendance',
    tag: TAG,
    summary: 'Set who was present on one day of the shift (a day that has come; participants of the shift only)',
    access: manage,
    params: DayParams,
    body: AttendanceInput,
    response: ShiftView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const shift = await shiftToManage(tx, actor, params.id);
      if (params.day < day(shift.starts_on) || params.day > day(shift.ends_on)) throw notFound();
      if (params.day > today(deps.now())) throw field(req.lang, 'day', 'shifts.errors.day_in_future');
      const ids = [...new Set(body.participantIds)];
      if (ids.length > 0) {
        const found = await tx.execute(sql`select 1 from shift_participants where shift_id = ${params.id} and id in ${ids}`);
        if (found.rows.length !== ids.length) throw field(req.lang, 'participantIds', 'shifts.errors.not_participant');
      }
      await tx.execute(sql`delete from shift_attendance where shift_id = ${params.id} and day = ${params.day}`);
      for (const participantId of ids)
        await tx.execute(sql`insert into shift_attendance (org_id, shift_id, day, participant_id)
          values (${actor.orgId}, ${params.id}, ${params.day}, ${participantId})`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'shift',
        recordId: params.id,
        details: { fields: auditCodes(['attendance']), day: auditCode(params.day), present: ids.length },
      });
      return getShift(tx, actor, params.id, req.lang, today(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/shifts/:id/diagnostics',
    tag: TAG,
    summary: 'Record the start or end diagnostic of a participating family or member, from an assessment template',
    access: manage,
    params: IdParams,
    body: DiagnosticInput,
    response: ShiftView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const shift = await shiftToManage(tx, actor, params.id);
      const lang = req.lang;
      const template = await findCurrentTemplate(tx, body.templateCode);
      if (!template || !template.active) throw field(lang, 'templateCode', 'errors.assessment_unknown_template');
      // Diagnostics at a shift are read by its whole team: templates with sensitive sections stay with the case.
      if (template.definition.domains.some((d) => d.sensitiveSection))
        throw field(lang, 'templateCode', 'shifts.errors.template_sensitive');
      if (!template.definition.roles.some((role) => actor.roles.includes(role))) throw forbidden('errors.not_in_template_roles');
      if (template.definition.subject !== 'family' && !body.memberId) throw field(lang, 'memberId', 'validation.required');
      if (template.definition.subject === 'family' && body.memberId) throw field(lang, 'memberId', 'validation.invalid_option');
      const participant = await tx.execute<{ relation: string | null }>(sql`select m.relation from shift_participants p
        left join members m on m.id = p.member_id and m.id = ${body.memberId}
        where p.shift_id = ${params.id} and p.kind = 'member' and p.case_id = ${body.caseId}
          and (${body.memberId}::uuid is null or p.member_id = ${body.memberId}) limit 1`);
      if (participant.rows.length === 0) throw field(lang, body.memberId ? 'memberId' : 'caseId', 'shifts.errors.not_participant');
      // A template about a child (the parent–child interaction) is filled for a child of the family.
      if (template.definition.subject === 'child' && participant.rows[0]!.relation !== 'child')
        throw field(lang, 'memberId', 'validation.invalid_option');
      if (body.conductedOn < day(shift.starts_on) || body.conductedOn > day(shift.ends_on))
        throw field(lang, 'conductedOn', 'shifts.errors.day_outside');
      if (body.conductedOn > today(deps.now())) throw field(lang, 'conductedOn', 'validation.date_in_future');
      checkAnswers(template.definition.domains, body.answers, lang);
      const scores = scoreDomains(template.definition.domains, body.answers);
      const rows = await tx.execute<{ id: string }>(sql`insert into shift_diagnostics
          (org_id, shift_id, stage, case_id, member_id, template_id, template_code, conducted_on, conducted_by, answers, scores, notes)
        values (${actor.orgId}, ${params.id}, ${body.stage}, ${body.caseId}, ${body.memberId}, ${template.id}, ${template.code}, ${body.conductedOn},
          ${actor.userId}, ${JSON.stringify(body.answers)}::jsonb, ${JSON.stringify(scores)}::jsonb, ${body.notes})
        on conflict on constraint shift_diagnostics_once do nothing returning id::text`);
      if (rows.rows.length === 0) throw conflict('shifts.errors.diagnostic_exists');
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'shift_diagnostic',
        recordId: rows.rows[0]!.id,
        details: { ...auditIds({ shiftId: params.id, caseId: body.caseId, stage: body.stage, template: template.code }) },
      });
      return getShift(tx, actor, params.id, lang, today(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/shifts/:id/diagnostics/:diagnosticId',
    tag: TAG,
    summary: 'Delete a diagnostic recorded by mistake',
    access: manage,
    params: DiagnosticParams,
    response: ShiftView,
    handler: async ({ tx, actor, audit, params, req, deps }) => {
      await shiftToManage(tx, actor, params.id);
      const removed = await tx.execute(
        sql`delete from shift_diagnostics where id = ${params.diagnosticId} and shift_id = ${params.id} returning id`,
      );
      if (removed.rows.length === 0) throw notFound();
      await writeAudit(tx, audit, {
        action: 'delete',
        recordType: 'shift_diagnostic',
        recordId: params.diagnosticId,
        details: auditIds({ shiftId: params.id }),
      });
      return getShift(tx, actor, params.id, req.lang, today(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/shifts/:id/analysis',
    tag: TAG,
    summary: 'Write the analysis of the shift’s results (the change per scale is computed from the diagnostics)',
    access: manage,
    params: IdParams,
    body: AnalysisInput,
    response: ShiftView,
    handler: async (input) =>
      saveResult(input, 'analysis', { text: input.body.text, on: input.body.analysedOn, field: 'analysedOn', version: input.body.version }),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/shifts/:id/summary',
    tag: TAG,
    summary: 'Write the written summary of the shift’s results, with its date',
    access: manage,
    params: IdParams,
    body: SummaryInput,
    response: ShiftView,
    handler: async (input) =>
      saveResult(input, 'summary', { text: input.body.text, on: input.body.writtenOn, field: 'writtenOn', version: input.body.version }),
  });
}

/** The analysis or the summary: written on a day after the shift ended (not in the future), version checked. */
async function saveResult(
  { tx, actor, audit, params, req, deps }: ScopedInput<unknown, unknown, { id: string }>,
  part: 'analysis' | 'summary',
  value: { text: string; on: string; field: string; version: number },
): Promise<ShiftView> {
  const shift = await shiftToManage(tx, actor, params.id);
  if (value.on < day(shift.ends_on)) throw field(req.lang, value.field, 'shifts.errors.before_end');
  if (value.on > today(deps.now())) throw field(req.lang, value.field, 'validation.date_in_future');
  const set =
    part === 'analysis'
      ? sql`analysis = ${value.text}, analysed_on = ${value.on}, analysed_by = ${actor.userId}`
      : sql`summary = ${value.text}, summary_on = ${value.on}, summary_by = ${actor.userId}`;
  const updated = await tx.execute(sql`update shifts set ${set}, version = version + 1, updated_at = now()
    where id = ${params.id} and version = ${value.version} returning id`);
  if (updated.rows.length === 0) throw conflict();
  await writeAudit(tx, audit, { action: 'update', recordType: 'shift', recordId: params.id, details: { fields: auditCodes([part]) } });
  return getShift(tx, actor, params.id, req.lang, today(deps.now()));
}
