// Referrals: registering a request for help, triage (schedule an intake, signpost, decline, merge
// with a known family), and the intake meeting whose decision may admit the family into a case.
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../domain/access/contracts.js';
import {
  EligibilityInput,
  IntakeInput,
  OPEN_REFERRAL_STATUSES,
  ReferralInput,
  ReferralList,
  ReferralListQuery,
  ReferralView,
  TriageInput,
} from '../../domain/referrals/contracts.js';
import { CASE_ROLES, type CaseRole } from '../../domain/cases/sensitive.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { auditCode, auditIds, changes, writeAudit } from '../audit/audit.js';
import { branches, programmes, users } from '../access/tables.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { businessRule, conflict, forbidden, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { referralScope } from '../cases/scope.js';
import { referrals } from '../cases/tables.js';
import { openCase } from '../cases/routes.js';
import { requestDuplicateChecks } from './duplicate-checks.js';
import { recordFamilyEvent } from '../families/queries.js';
import { assertFamilyReference } from '../access/reach.js';
import { assertContactOf, assertPartnerReference } from '../partners/directory.js';
import { SignpostOutcomeInput } from '../../domain/partners/contracts.js';
import type { z } from 'zod';

const TAG = 'referrals';
type Row = Record<string, unknown>;
const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());

const dayOf = (value: unknown) =>
  value === null || value === undefined ? null : value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10);

function toView(row: Row, waitHours: number, now: Date, seesContacts: boolean): ReferralView {
  const status = row.status as ReferralView['status'];
  const waitedMs = now.getTime() - new Date(row.received_at as string).getTime();
  const intake = (typeof row.intake === 'string' ? JSON.parse(row.intake) : row.intake) as ReferralView['intake'];
  return {
    id: row.id as string,
    branchId: row.branch_id as string,
    programmeId: (row.programme_id as string | null) ?? null,
    receivedAt: iso(row.received_at)!,
    receivedBy: row.received_by_name as string,
    source: row.source as ReferralView['source'],
    sourceOrganization: row.source_organization as string,
    callerName: row.caller_name as string,
    callerContact: row.caller_contact as string,
    clientLastName: row.client_last_name as string,
    clientFirstName: row.client_first_name as string,
    clientMiddleName: row.client_middle_name as string,
    clientBirthDate: row.client_birth_date === null ? null : String(row.client_birth_date).slice(0, 10),
    clientPhone: row.client_phone as string,
    summary: row.summary as string,
    urgency: row.urgency as ReferralView['urgency'],
    status,
    familyId: (row.family_id as string | null) ?? null,
    intakeScheduledAt: iso(row.intake_scheduled_at),
    intakeLocation: row.intake_location as string,
    intakeAssignedTo: (row.intake_assigned_to as string | null) ?? null,
    outcomeNote: row.outcome_note as string,
    intake: intake ?? null,
    partner: row.partner_id ? { id: row.partner_id as string, name: row.partner_name as string, kind: row.partner_kind as string } : null,
    // The contact person is personal data of the partner directory: named to its readers only.
    partnerContact:
      row.partner_contact_id && seesContacts
        ? {
            id: row.partner_contact_id as string,
            name: row.partner_contact_name as string,
            position: row.partner_contact_position as string,
          }
        : null,
    signpost:
      status === 'signposted'
        ? {
            partnerId: (row.signpost_partner_id as string | null) ?? null,
            partnerName: (row.signpost_partner_name as string | null) ?? null,
            takenUp: ((row.signpost_taken_up as string | null) ?? 'unknown') as 'yes' | 'no' | 'unknown',
            followUpOn: dayOf(row.signpost_follow_up_on),
            followedUpOn: dayOf(row.signpost_followed_up_on),
          }
        : null,
    // Waiting too long means: still new (nobody triaged it) past the organisation's limit.
    overdue: status === 'new' && waitedMs > waitHours * 3_600_000,
    version: Number(row.version),
  };
}

const SELECT = sql`select r.*, trim(u.last_name || ' ' || u.first_name) as received_by_name,
    pa.name as partner_name, pa.kind as partner_kind, pc.name as partner_contact_name, pc.position as partner_contact_position,
    sp.name as signpost_partner_name
  from referrals r join users u on u.id = r.received_by
    left join partners pa on pa.org_id = r.org_id and pa.id = r.partner_id
    left join partner_contacts pc on pc.org_id = r.org_id and pc.id = r.partner_contact_id
    left join partners sp on sp.org_id = r.org_id and sp.id = r.signpost_partner_id`;
const seesContacts = (actor: Actor) => actor.permissions.has('partners.read');

async function waitHours(tx: Tx): Promise<number> {
  const result = await tx.execute<{ h: number }>(sql`select referral_wait_hours as h from organizations`);
  return Number(result.rows[0]?.h ?? 48);
}

async function getReferral(tx: Tx, actor: Actor, id: string, now: Date): Promise<ReferralView> {
  const rows = await tx.execute<Row>(sql`${SELECT} where r.id = ${id} and ${referralScope(actor)}`);
  if (!rows.rows[0]) throw notFound();
  return toView(rows.rows[0], await waitHours(tx), now, seesContacts(actor));
}

async function checkRef(tx: Tx, table: typeof branches | typeof programmes, id: string | null, field: string, lang: Language) {
  if (!id) return;
  const found = await tx.select({ id: table.id }).from(table).where(eq(table.id, id));
  if (found.length === 0) throw invalidField(field, 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
}

async function updateReferral(tx: Tx, id: string, version: number, values: Partial<typeof referrals.$inferInsert>): Promise<void> {
  const updated = await tx
    .update(referrals)
    .set({ ...values, version: sql`${referrals.version} + 1`, updatedAt: sql`now()` })
    .where(and(eq(referrals.id, id), eq(referrals.version, version)))
    .returning({ id: referrals.id });
  if (updated.length === 0) throw conflict();
}

/**
 * Signposting to a partner: the partner (of the directory), the follow-up day (not before the
 * referral was received), the help's take-up unknown until followed up, and who signposted (their
 * my-work shows the follow-up when it is due).
 */
async function signpostValues(
  tx: Tx,
  actor: Actor,
  before: ReferralView,
  partnerId: string | null,
  followUpOn: string | null,
  partnerField: string,
  followUpField: string,
  now: Date,
  lang: Language,
): Promise<Partial<typeof referrals.$inferInsert>> {
  if (partnerId) await assertPartnerReference(tx, partnerId, partnerField, lang);
  if (followUpOn && followUpOn < before.receivedAt.slice(0, 10))
    throw invalidField(followUpField, 'validation.before_start', translate(lang, 'validation.before_start'));
  void now;
  return {
    signpostPartnerId: partnerId,
    signpostTakenUp: 'unknown',
    signpostFollowUpOn: followUpOn,
    signpostFollowedUpOn: null,
    signpostedBy: actor.userId,
  };
}

type TeamMember = { userId: string; role: CaseRole };

/** The intake worker as a team member of the case her intake opens, in the case role her own role
 *  names (a psychologist as psychologist…), unless she is its lead or only a volunteer. */
async function intakeWorkerOnTeam(tx: Tx, userId: string | null, leadId: string): Promise<TeamMember[]> {
  if (!userId || userId === leadId) return [];
  const held = await tx.execute<{ role_code: string }>(sql`select role_code from user_roles where user_id = ${userId}`);
  const codes = held.rows.map((row) => row.role_code);
  if (codes.length === 0 || codes.every((code) => code === 'volunteer')) return [];
  const role = CASE_ROLES.find((code) => code !== 'lead' && code !== 'volunteer' && codes.includes(code)) ?? 'other';
  return [{ userId, role }];
}

/** A page of the referral queue with its filters, within the caller's reach (the list and its exports). */
export async function referralList(
  tx: Tx,
  actor: Actor,
  query: z.infer<typeof ReferralListQuery>,
  now: Date,
): Promise<z.infer<typeof ReferralList>> {
  const hours = await waitHours(tx);
  const where: SQL[] = [referralScope(actor)];
  if (query.status) where.push(sql`r.status = ${query.status}`);
  if (query.open === 'true') where.push(sql`r.status in ${OPEN_REFERRAL_STATUSES}`);
  if (query.open === 'false') where.push(sql`r.status not in ${OPEN_REFERRAL_STATUSES}`);
  if (query.branchId) where.push(sql`r.branch_id = ${query.branchId}`);
  if (query.overdue) where.push(sql`r.status = 'new' and r.received_at < ${new Date(now.getTime() - hours * 3_600_000).toISOString()}`);
  const condition = sql.join(where, sql` and `);
  const offset = (query.page - 1) * query.pageSize;
  const rows = await tx.execute<Row>(sql`${SELECT} where ${condition}
    order by (r.status in ${OPEN_REFERRAL_STATUSES}) desc, case r.urgency when 'emergency' then 0 when 'high' then 1 else 2 end, r.received_at
    limit ${query.pageSize} offset ${offset}`);
  const total = await tx.execute<{ n: number }>(sql`select count(*)::int as n from referrals r where ${condition}`);
  return { items: rows.rows.map((row) => toView(row, hours, now, seesContacts(actor))), total: Number(total.rows[0]?.n ?? 0) };
}

export function registerReferralRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/referrals',
    tag: TAG,
    summary: 'Referrals the caller received, holds the intake of, or oversees; open ones first, oldest first',
    access: { kind: 'permission', permission: 'referrals.read', records: 'case_team' },
    query: ReferralListQuery,
    response: ReferralList,
    handler: async ({ tx, actor, query, deps }) => referralList(tx, actor, query, deps.now()),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/referrals',
    tag: TAG,
    summary: 'Register a request for help',
    access: { kind: 'permission', permission: 'referrals.create', records: 'organization' },
    body: ReferralInput,
    response: ReferralView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req, deps }) => {
      await checkRef(tx, branches, body.branchId, 'branchId', req.lang);
      await checkRef(tx, programmes, body.programmeId, 'programmeId', req.lang);
      if (body.familyId) await assertFamilyReference(tx, actor, body.familyId, 'familyId', req.lang);
      if (body.partnerId) await assertPartnerReference(tx, body.partnerId, 'partnerId', req.lang);
      if (body.partnerContactId) await assertContactOf(tx, body.partnerId, body.partnerContactId, 'partnerContactId', req.lang);
      const [row] = await tx
        .insert(referrals)
        .values({ ...body, orgId: actor.orgId, receivedBy: actor.userId })
        .returning({ id: referrals.id });
      // A look-alike family outside the author's reach: its branch's coordinators are asked to check.
      await requestDuplicateChecks(tx, actor, audit, row!.id, body);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'referral',
        recordId: row!.id,
        details: {
          ...auditIds({ source: body.source, urgency: body.urgency }),
          partnerId: body.partnerId ? auditCode(body.partnerId) : null,
          partnerContactId: body.partnerContactId ? auditCode(body.partnerContactId) : null,
        },
      });
      return getReferral(tx, actor, row!.id, deps.now());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/referrals/:id',
    tag: TAG,
    summary: 'One referral with its triage and intake',
    access: { kind: 'permission', permission: 'referrals.read', records: 'case_team' },
    params: IdParams,
    response: ReferralView,
    handler: async ({ tx, actor, audit, params, deps }) => {
      const view = await getReferral(tx, actor, params.id, deps.now());
      await writeAudit(tx, audit, { action: 'read', recordType: 'referral', recordId: params.id });
      return view;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/referrals/:id/triage',
    tag: TAG,
    summary: 'Triage: schedule an intake meeting, signpost elsewhere, decline with a reason, or mark as a known family',
    access: { kind: 'permission', permission: 'referrals.triage', records: 'case_team' },
    params: IdParams,
    body: TriageInput,
    response: ReferralView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const before = await getReferral(tx, actor, params.id, deps.now());
      if (!['new', 'intake_scheduled', 'waitlisted'].includes(before.status)) throw businessRule('errors.referral_closed');
      switch (body.action) {
        case 'schedule_intake': {
          const [worker] = await tx
            .select({ id: users.id })
            .from(users)
            .where(and(eq(users.id, body.assignedTo), eq(users.active, true)));
          if (!worker) throw invalidField('assignedTo', 'errors.not_staff', translate(req.lang, 'errors.not_staff'));
          await updateReferral(tx, params.id, body.version, {
            status: 'intake_scheduled',
            intakeScheduledAt: body.scheduledAt,
            intakeLocation: body.location,
            intakeAssignedTo: body.assignedTo,
          });
          break;
        }
        case 'signpost': {
          if (!body.organization && !body.partnerId)
            throw invalidField('organization', 'validation.required', translate(req.lang, 'validation.required'));
          await updateReferral(tx, params.id, body.version, {
            status: 'signposted',
            outcomeNote: [body.organization, body.note].filter(Boolean).join(' — '),
            ...(await signpostValues(tx, actor, before, body.partnerId, body.followUpOn, 'partnerId', 'followUpOn', deps.now(), req.lang)),
          });
          break;
        }
        case 'decline':
          await updateReferral(tx, params.id, body.version, { status: 'declined', outcomeNote: body.reason });
          break;
        case 'merge':
          await assertFamilyReference(tx, actor, body.familyId, 'familyId', req.lang);
          await updateReferral(tx, params.id, body.version, { status: 'merged', familyId: body.familyId });
          await recordFamilyEvent(tx, actor, body.familyId, 'referral_merged', { referralId: params.id });
          break;
      }
      const after = await getReferral(tx, actor, params.id, deps.now());
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'referral',
        recordId: params.id,
        // The decline reason and signposting note are kept on the referral (outcome note), not here.
        details: { action: auditCode(body.action), fields: changes(before, after) },
      });
      return after;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/referrals/:id/intake',
    tag: TAG,
    summary: 'Record the intake meeting and its decision; admitting opens a case for the family',
    access: { kind: 'permission', permission: 'referrals.create', records: 'case_team' },
    params: IdParams,
    body: IntakeInput,
    response: ReferralView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const before = await getReferral(tx, actor, params.id, deps.now());
      // The intake worker records the meeting; deciding on it is also open to those who triage.
      if (before.intakeAssignedTo !== actor.userId && !actor.permissions.has('referrals.triage')) throw forbidden();
      if (!['new', 'intake_scheduled', 'waitlisted'].includes(before.status)) throw businessRule('errors.referral_closed');
      await checkRef(tx, programmes, body.programmeId, 'programmeId', req.lang);
      const staff = await tx
        .select({ id: users.id })
        .from(users)
        .where(sql`${users.id} in ${body.staffIds} and ${users.active}`);
      if (staff.length !== new Set(body.staffIds).size)
        throw invalidField('staffIds', 'errors.not_staff', translate(req.lang, 'errors.not_staff'));
      let caseId: string | null = null;
      if (body.decision === 'admit') {
        caseId = await openCase(
          tx,
          actor,
          {
            familyId: body.familyId!,
            programmeId: body.programmeId,
            branchId: before.branchId,
            leadId: body.leadId!,
            openedOn: body.metOn,
            // The worker who met the family stays with it: on the team of the case she opened.
            team: await intakeWorkerOnTeam(tx, before.intakeAssignedTo, body.leadId!),
            riskFlags: [],
            referralId: params.id,
          },
          req.lang,
        );
      } else if (body.familyId) {
        await assertFamilyReference(tx, actor, body.familyId, 'familyId', req.lang);
      }
      const { version, familyId, leadId, signpostOrganization, signpostPartnerId, signpostFollowUpOn, ...record } = body;
      void leadId;
      const signpost =
        body.decision === 'signpost'
          ? await signpostValues(
              tx,
              actor,
              before,
              signpostPartnerId,
              signpostFollowUpOn,
              'signpostPartnerId',
              'signpostFollowUpOn',
              deps.now(),
              req.lang,
            )
          : {};
      const status = { admit: 'admitted', waitlist: 'waitlisted', signpost: 'signposted', decline: 'declined' }[body.decision];
      await updateReferral(tx, params.id, version, {
        status,
        familyId: familyId ?? before.familyId,
        programmeId: body.programmeId,
        intake: { ...record, caseId },
        outcomeNote: body.decision === 'signpost' ? signpostOrganization : body.decisionReason,
        ...signpost,
      });
      if (caseId) {
        await tx.execute(sql`insert into case_events (org_id, case_id, actor_id, kind, data)
          values (${actor.orgId}, ${caseId}, ${actor.userId}, 'intake_recorded', ${JSON.stringify({ referralId: params.id, metOn: body.metOn, location: body.location, decision: body.decision })}::jsonb)`);
      }
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'referral',
        recordId: params.id,
        details: { intake: auditCode(body.decision), caseId: caseId ? auditCode(caseId) : null },
      });
      return getReferral(tx, actor, params.id, deps.now());
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/referrals/:id/signpost-outcome',
    tag: TAG,
    summary: 'Follow up a signposting: was the help taken up (yes / no / still unknown, with another follow-up day)',
    access: { kind: 'permission', permission: 'referrals.create', records: 'case_team' },
    params: IdParams,
    body: SignpostOutcomeInput,
    response: ReferralView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      const before = await getReferral(tx, actor, params.id, deps.now());
      if (before.status !== 'signposted') throw businessRule('partners.errors.not_signposted');
      const received = before.receivedAt.slice(0, 10);
      if (body.followedUpOn < received)
        throw invalidField('followedUpOn', 'validation.before_start', translate(req.lang, 'validation.before_start'));
      if (body.takenUp !== 'unknown' && body.nextFollowUpOn)
        throw invalidField('nextFollowUpOn', 'validation.invalid', translate(req.lang, 'validation.invalid'));
      if (body.nextFollowUpOn && body.nextFollowUpOn < body.followedUpOn)
        throw invalidField('nextFollowUpOn', 'validation.before_start', translate(req.lang, 'validation.before_start'));
      await updateReferral(tx, params.id, body.version, {
        signpostTakenUp: body.takenUp,
        // Still unknown with another day: followed up again then; otherwise this follow-up closes it.
        signpostFollowUpOn: body.nextFollowUpOn ?? before.signpost?.followUpOn ?? null,
        signpostFollowedUpOn: body.nextFollowUpOn ? null : body.followedUpOn,
      });
      const after = await getReferral(tx, actor, params.id, deps.now());
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'referral',
        recordId: params.id,
        details: { action: auditCode('signpost_outcome'), takenUp: auditCode(body.takenUp) },
      });
      return after;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/programmes/:id/eligibility',
    tag: TAG,
    summary: "The programme's eligibility checklist for intake meetings",
    access: { kind: 'permission', permission: 'programmes.read', records: 'organization' },
    params: IdParams,
    response: EligibilityInput,
    handler: async ({ tx, params }) => {
      const rows = await tx.execute<{ criteria: unknown }>(
        sql`select eligibility_criteria as criteria from programmes where id = ${params.id}`,
      );
      if (!rows.rows[0]) throw notFound();
      const criteria = rows.rows[0].criteria;
      return { criteria: (typeof criteria === 'string' ? JSON.parse(criteria) : criteria) as z.infer<typeof EligibilityInput>['criteria'] };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/programmes/:id/eligibility',
    tag: TAG,
    summary: "Set the programme's eligibility checklist (e.g. 'child under 1 year or late pregnancy')",
    access: { kind: 'permission', permission: 'programmes.manage', records: 'organization' },
    params: IdParams,
    body: EligibilityInput,
    response: EligibilityInput,
    handler: async ({ tx, audit, params, body }) => {
      const codes = body.criteria.map((c) => c.code);
      if (new Set(codes).size !== codes.length) throw invalidField('criteria', 'validation.duplicate', 'duplicate code');
      const updated = await tx.execute(
        sql`update programmes set eligibility_criteria = ${JSON.stringify(body.criteria)}::jsonb where id = ${params.id} returning id`,
      );
      if (updated.rows.length === 0) throw notFound();
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'programme',
        recordId: params.id,
        details: { eligibility: body.criteria.length },
      });
      return body;
    },
  });
}
