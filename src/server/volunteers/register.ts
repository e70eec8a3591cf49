// The register of volunteers: applications (entered by staff here, or arriving from the public
// form), screening and onboarding (interview, certificate of no criminal record with its validity
// from the organisation's setting, induction, agreement), the status path with dates and reasons, the
// volunteer's account (made from an active record with the shipped volunteer role, deactivated when
// they leave), the settings and the coordinator's reminders. Reached by the staff of the volunteer's
// branch who hold volunteers.read (volunteers.manage to change anything).
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import type { Language } from '../../domain/i18n/index.js';
import {
  AccountInput,
  Reminders,
  ScreeningInput,
  SettingsInput,
  SettingsView,
  VolunteerInput,
  VolunteerListQuery,
  VolunteerStatusInput,
  VolunteerSummary,
  VolunteerUpdateInput,
  VolunteerView,
  type SignupStatus,
  type TaskKind,
  type VolunteerStatus,
} from '../../domain/volunteers/contracts.js';
import { canMoveVolunteer, certificateCovers, certificateValidUntil, reasonRequired } from '../../domain/volunteers/rules.js';
import { assertBranchInReach } from '../access/reach.js';
import { auditCode, auditCodes, writeAudit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { endUserSessions } from '../auth/sessions.js';
import type { Tx } from '../db/engine.js';
import { pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../db/errors.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { findReminders } from './reminders.js';
import {
  assertDays,
  branchScope,
  conflictField,
  day,
  dayOrNull,
  field,
  findVolunteerRow,
  fullName,
  iso,
  manage,
  num,
  read,
  readSettings,
  todayOf,
  type Row,
} from './common.js';

const HOURS = sql`(select coalesce(sum(s.hours), 0) from volunteer_signups s where s.volunteer_id = v.id and s.status = 'completed')`;

export function toSummary(row: Row): VolunteerSummary {
  return {
    id: row.id as string,
    name: row.name as string,
    branchId: row.branch_id as string,
    city: row.city as string,
    phone: row.phone as string,
    status: row.status as VolunteerStatus,
    statusOn: day(row.status_on),
    appliedOn: day(row.applied_on),
    source: row.source as 'staff' | 'public_form',
    certificateValidUntil: dayOrNull(row.certificate_valid_until),
    hours: num(row.hours),
    hasAccount: row.user_id !== null && row.user_id !== undefined,
  };
}

export async function getVolunteer(tx: Tx, actor: Actor, id: string): Promise<VolunteerView> {
  const row = (
    await tx.execute<Row>(sql`select v.*, ${fullName('v')} as name, ${HOURS} as hours from volunteers v
      where v.id = ${id} and ${branchScope(actor, 'v')}`)
  ).rows[0];
  if (!row) throw notFound();
  const history = await tx.execute<Row>(sql`select from_status, to_status, changed_on, reason from volunteer_status_changes
    where volunteer_id = ${id} order by changed_on, created_at`);
  const teams = await tx.execute<Row>(sql`select t.id::text, t.name, t.leader_id = ${id} as leader from volunteer_team_members m
    join volunteer_teams t on t.id = m.team_id where m.volunteer_id = ${id} order by t.name`);
  const shifts =
    await tx.execute<Row>(sql`select s.id::text as signup_id, t.id::text as task_id, t.title, t.kind, t.starts_at, s.status, s.hours,
      t.child_related, s.task_on from volunteer_signups s join volunteer_tasks t on t.id = s.task_id
    where s.volunteer_id = ${id} order by t.starts_at desc limit 100`);
  const validUntil = dayOrNull(row.certificate_valid_until);
  return {
    ...toSummary(row),
    lastName: row.last_name as string,
    firstName: row.first_name as string,
    middleName: row.middle_name as string,
    email: row.email as string,
    skills: row.skills as string,
    availability: row.availability as string,
    heardFrom: row.heard_from as string,
    consentText: row.consent_text as string,
    consentOn: dayOrNull(row.consent_on),
    interviewOn: dayOrNull(row.interview_on),
    interviewNotes: row.interview_notes as string,
    certificateIssuedOn: dayOrNull(row.certificate_issued_on),
    inductionOn: dayOrNull(row.induction_on),
    agreementOn: dayOrNull(row.agreement_on),
    userId: (row.user_id as string | null) ?? null,
    history: history.rows.map((h) => ({
      from: (h.from_status as VolunteerStatus | null) ?? null,
      to: h.to_status as VolunteerStatus,
      changedOn: day(h.changed_on),
      reason: h.reason as string,
    })),
    teams: teams.rows.map((t) => ({ id: t.id as string, name: t.name as string, leader: t.leader === true })),
    shifts: shifts.rows.map((s) => ({
      signupId: s.signup_id as string,
      taskId: s.task_id as string,
      title: s.title as string,
      kind: s.kind as TaskKind,
      startsAt: iso(s.starts_at),
      status: s.status as SignupStatus,
      hours: s.hours === null ? null : num(s.hours),
      onHold: s.status === 'signed_up' && s.child_related === true && !certificateCovers(validUntil, day(s.task_on)),
    })),
    version: num(row.version),
  };
}

/** Moves a volunteer along the status path, keeping the change with its date and reason. */
export async function moveVolunteer(tx: Tx, actor: Actor, volunteer: Row, to: VolunteerStatus, changedOn: string, reason = '') {
  await tx.execute(
    sql`update volunteers set status = ${to}, status_on = ${changedOn}, version = version + 1 where id = ${volunteer.id as string}`,
  );
  await tx.execute(sql`insert into volunteer_status_changes (org_id, volunteer_id, from_status, to_status, changed_on, reason, changed_by)
    values (${actor.orgId}, ${volunteer.id as string}, ${volunteer.status as string}, ${to}, ${changedOn}, ${reason}, ${actor.userId})`);
}

/** What each step of the path needs recorded first (409 naming the missing field). */
function missingForStep(volunteer: Row, to: VolunteerStatus): string | null {
  if (to === 'screened' && !volunteer.interview_on) return 'interviewOn';
  if (to === 'active' && !volunteer.induction_on) return 'inductionOn';
  if (to === 'active' && !volunteer.agreement_on) return 'agreementOn';
  return null;
}

const emailTaken = (error: unknown, lang: Language) =>
  pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'users_email_key' ? field(lang, 'email', 'errors.email_taken') : error;

export function registerRegisterRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers',
    tag: 'volunteers',
    summary: 'Volunteers and applications of the caller’s branches, with filters (status, branch, name)',
    access: read,
    query: VolunteerListQuery,
    response: z.object({ items: z.array(VolunteerSummary) }),
    handler: async ({ tx, actor, query, req }) => {
      if (query.branchId) assertBranchInReach(actor, query.branchId, 'branchId', req.lang);
      const where: SQL[] = [branchScope(actor, 'v')];
      if (query.status) where.push(sql`v.status = ${query.status}`);
      if (query.branchId) where.push(sql`v.branch_id = ${query.branchId}`);
      if (query.q) where.push(sql`(${fullName('v')} ilike ${`%${query.q}%`} or v.phone ilike ${`%${query.q}%`})`);
      const rows = await tx.execute<Row>(sql`select v.*, ${fullName('v')} as name, ${HOURS} as hours from volunteers v
        where ${sql.join(where, sql` and `)} order by v.status = 'left', v.status <> 'applicant', lower(v.last_name), v.first_name limit 500`);
      return { items: rows.rows.map(toSummary) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers/:id',
    tag: 'volunteers',
    summary: 'A volunteer’s card: application, consent, screening, status path, teams, shifts and hours',
    access: read,
    params: IdParams,
    response: VolunteerView,
    handler: async ({ tx, actor, params, audit }) => {
      const view = await getVolunteer(tx, actor, params.id);
      // The screening (a certificate of no criminal record, interview notes) is read under audit.
      await writeAudit(tx, audit, { action: 'read', recordType: 'volunteer', recordId: params.id });
      return view;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/volunteers',
    tag: 'volunteers',
    summary: 'Enter an application taken by staff (a call, a paper form)',
    access: manage,
    body: VolunteerInput,
    response: VolunteerView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req, deps }) => {
      assertBranchInReach(actor, body.branchId, 'branchId', req.lang);
      assertDays([{ path: 'appliedOn', value: body.appliedOn }], todayOf(deps.now()), req.lang);
      const city = (await tx.execute<Row>(sql`select city from branches where id = ${body.branchId}`)).rows[0]?.city as string;
      const id = (
        await tx.execute<{
          id: string;
        }>(sql`insert into volunteers (org_id, branch_id, last_name, first_name, middle_name, phone, email, city,
          skills, availability, heard_from, source, applied_on, status_on, created_by)
        values (${actor.orgId}, ${body.branchId}, ${body.lastName}, ${body.firstName}, ${body.middleName}, ${body.phone}, ${body.email},
          ${city ?? ''}, ${body.skills}, ${body.availability}, ${body.heardFrom}, 'staff', ${body.appliedOn}, ${body.appliedOn}, ${actor.userId})
        returning id::text`)
      ).rows[0]!.id;
      await tx.execute(sql`insert into volunteer_status_changes (org_id, volunteer_id, from_status, to_status, changed_on, changed_by)
        values (${actor.orgId}, ${id}, null, 'applicant', ${body.appliedOn}, ${actor.userId})`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'volunteer',
        recordId: id,
        details: { fields: auditCodes(Object.keys(body)), source: auditCode('staff') },
      });
      return getVolunteer(tx, actor, id);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/volunteers/:id',
    tag: 'volunteers',
    summary: 'Change a volunteer’s name, contacts, branch, skills or availability',
    access: manage,
    params: IdParams,
    body: VolunteerUpdateInput,
    response: VolunteerView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const before = await findVolunteerRow(tx, actor, params.id, true);
      if (num(before.version) !== body.version) throw conflict();
      assertBranchInReach(actor, body.branchId, 'branchId', req.lang);
      const city = (await tx.execute<Row>(sql`select city from branches where id = ${body.branchId}`)).rows[0]?.city as string;
      await tx.execute(sql`update volunteers set branch_id = ${body.branchId}, last_name = ${body.lastName}, first_name = ${body.firstName},
        middle_name = ${body.middleName}, phone = ${body.phone}, email = ${body.email}, city = ${city ?? ''}, skills = ${body.skills},
        availability = ${body.availability}, heard_from = ${body.heardFrom}, version = version + 1 where id = ${params.id}`);
      const names: Record<string, string> = {
        branchId: 'branch_id',
        lastName: 'last_name',
        firstName: 'first_name',
        middleName: 'middle_name',
        phone: 'phone',
        email: 'email',
        skills: 'skills',
        availability: 'availability',
        heardFrom: 'heard_from',
      };
      const changed = Object.entries(names)
        .filter(([key, column]) => String(before[column] ?? '') !== String((body as Record<string, unknown>)[key] ?? ''))
        .map(([key]) => key);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'volunteer',
        recordId: params.id,
        details: { fields: auditCodes(changed) },
      });
      return getVolunteer(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/volunteers/:id/screening',
    tag: 'volunteers',
    summary: 'Record the screening and onboarding: interview, certificate of no criminal record, induction, agreement',
    access: manage,
    params: IdParams,
    body: ScreeningInput,
    response: VolunteerView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const before = await findVolunteerRow(tx, actor, params.id, true);
      if (num(before.version) !== body.version) throw conflict();
      const applied = day(before.applied_on);
      assertDays(
        [
          { path: 'interviewOn', value: body.interviewOn, notBefore: applied },
          // A certificate may have been issued before the application.
          { path: 'certificateIssuedOn', value: body.certificateIssuedOn },
          { path: 'inductionOn', value: body.inductionOn, notBefore: applied },
          { path: 'agreementOn', value: body.agreementOn, notBefore: applied },
        ],
        todayOf(deps.now()),
        req.lang,
      );
      const settings = await readSettings(tx);
      const sameCertificate = dayOrNull(before.certificate_issued_on) === body.certificateIssuedOn;
      const validUntil = body.certificateIssuedOn
        ? sameCertificate
          ? dayOrNull(before.certificate_valid_until)
          : certificateValidUntil(body.certificateIssuedOn, settings.certificateValidMonths)
        : null;
      await tx.execute(sql`update volunteers set interview_on = ${body.interviewOn}, interview_notes = ${body.interviewNotes},
        certificate_issued_on = ${body.certificateIssuedOn}, certificate_valid_until = ${validUntil}, induction_on = ${body.inductionOn},
        agreement_on = ${body.agreementOn}, version = version + 1 where id = ${params.id}`);
      const columns: Record<string, string> = {
        interviewOn: 'interview_on',
        interviewNotes: 'interview_notes',
        certificateIssuedOn: 'certificate_issued_on',
        inductionOn: 'induction_on',
        agreementOn: 'agreement_on',
      };
      const changed = Object.entries(columns)
        .filter(([key, column]) => {
          const was = column === 'interview_notes' ? String(before[column]) : dayOrNull(before[column]);
          return (was ?? '') !== ((body as Record<string, unknown>)[key] ?? '');
        })
        .map(([key]) => key);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'volunteer',
        recordId: params.id,
        details: { fields: auditCodes(changed) },
      });
      return getVolunteer(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/volunteers/:id/status',
    tag: 'volunteers',
    summary: 'Move a volunteer along the path (screened, active, paused, left) with the date and, to pause or leave, the reason',
    access: manage,
    params: IdParams,
    body: VolunteerStatusInput,
    response: VolunteerView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const volunteer = await findVolunteerRow(tx, actor, params.id, true);
      if (num(volunteer.version) !== body.version) throw conflict();
      const from = volunteer.status as VolunteerStatus;
      if (!canMoveVolunteer(from, body.status)) throw conflictField(req.lang, 'status', 'volunteers.errors.transition');
      if (reasonRequired(body.status) && !body.reason) throw field(req.lang, 'reason', 'validation.required');
      const missing = missingForStep(volunteer, body.status);
      if (missing) throw conflictField(req.lang, missing, 'volunteers.errors.step_needs');
      assertDays([{ path: 'changedOn', value: body.changedOn, notBefore: day(volunteer.status_on) }], todayOf(deps.now()), req.lang);
      await moveVolunteer(tx, actor, volunteer, body.status, body.changedOn, body.reason);
      if (body.status === 'left') {
        // Leaving ends the account and whatever the volunteer had signed up for from that day on.
        await tx.execute(sql`update volunteer_signups s set status = 'withdrawn' from volunteer_tasks t
          where t.id = s.task_id and s.volunteer_id = ${params.id} and s.status = 'signed_up' and s.task_on >= ${body.changedOn}`);
        if (volunteer.user_id) {
          await tx.execute(sql`update users set active = false, version = version + 1 where id = ${volunteer.user_id as string}`);
          await endUserSessions(tx, volunteer.user_id as string);
        }
      }
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'volunteer',
        recordId: params.id,
        details: { fields: auditCodes(['status']), from: auditCode(from), to: auditCode(body.status) },
      });
      return getVolunteer(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/volunteers/:id/account',
    tag: 'volunteers',
    summary: 'Make the sign-in account of an active volunteer (the volunteer role, in the volunteer’s branch)',
    access: manage,
    params: IdParams,
    body: AccountInput,
    response: VolunteerView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const volunteer = await findVolunteerRow(tx, actor, params.id, true);
      if (num(volunteer.version) !== body.version) throw conflict();
      if (volunteer.status !== 'active') throw conflictField(req.lang, 'status', 'volunteers.errors.account_needs_active');
      if (volunteer.user_id) throw conflictField(req.lang, 'email', 'volunteers.errors.account_exists');
      const passwordHash = await hashPassword(body.password);
      let userId: string;
      try {
        userId = (
          await tx.execute<{ id: string }>(sql`insert into users (org_id, email, last_name, first_name, middle_name, phone, password_hash)
          values (${actor.orgId}, ${body.email}, ${volunteer.last_name as string}, ${volunteer.first_name as string},
            ${volunteer.middle_name as string}, ${volunteer.phone as string}, ${passwordHash}) returning id::text`)
        ).rows[0]!.id;
      } catch (error) {
        throw emailTaken(error, req.lang);
      }
      await tx.execute(sql`insert into user_roles (org_id, user_id, role_code) values (${actor.orgId}, ${userId}, 'volunteer')`);
      await tx.execute(
        sql`insert into user_branches (org_id, user_id, branch_id) values (${actor.orgId}, ${userId}, ${volunteer.branch_id as string})`,
      );
      await tx.execute(sql`update volunteers set user_id = ${userId}, version = version + 1 where id = ${params.id}`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'user',
        recordId: userId,
        details: { volunteerId: auditCode(params.id) },
      });
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'volunteer',
        recordId: params.id,
        details: { fields: auditCodes(['userId']) },
      });
      return getVolunteer(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers/settings',
    tag: 'volunteers',
    summary: 'The organisation’s volunteer settings: the public form’s address and consent text, certificate validity, reminders',
    access: read,
    response: SettingsView,
    handler: async ({ tx }) => readSettings(tx),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/volunteers/settings',
    tag: 'volunteers',
    summary: 'Change the volunteer settings',
    access: manage,
    body: SettingsInput,
    response: SettingsView,
    handler: async ({ tx, actor, audit, body, req }) => {
      const before = await readSettings(tx);
      if (before.version !== body.version) throw conflict();
      const taken = await tx.execute<{ taken: boolean }>(
        sql`select hearth_volunteer_form_slug_taken(${body.formSlug}, ${actor.orgId}) as taken`,
      );
      if (taken.rows[0]?.taken) throw conflictField(req.lang, 'formSlug', 'volunteers.errors.slug_taken');
      await tx.execute(sql`update volunteer_settings set form_slug = ${body.formSlug}, form_open = ${body.formOpen},
        consent_text = ${body.consentText}, certificate_valid_months = ${body.certificateValidMonths}, reminder_days = ${body.reminderDays},
        child_related_kinds = ${`{${[...new Set(body.childRelatedKinds)].join(',')}}`}::text[], version = version + 1`);
      const changed = (Object.keys(body) as (keyof typeof before)[]).filter(
        (key) => key !== 'version' && JSON.stringify(before[key]) !== JSON.stringify(body[key]),
      );
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'volunteer_settings',
        recordId: actor.orgId,
        details: { fields: auditCodes(changed) },
      });
      return readSettings(tx);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers/reminders',
    tag: 'volunteers',
    summary: 'The coordinator’s reminders: certificates ending soon or ended, and child-related shifts put on hold by them',
    access: read,
    response: Reminders,
    handler: async ({ tx, actor, deps }) => findReminders(tx, actor, todayOf(deps.now())),
  });
}
