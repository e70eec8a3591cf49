// Cases: the caseload list, opening a case, the case page, team/lead/flags, status transitions.
// Transitions follow the one table in src/domain/cases/lifecycle.ts (409 for a forbidden one);
// every change is appended to case_events, never overwritten.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { IdParams, StaffList } from '../../domain/access/contracts.js';
import {
  CaseCreateInput,
  CaseDetail,
  CaseList,
  CaseListQuery,
  CaseSummary,
  CaseUpdateInput,
  TimelinePage,
  TimelineQuery,
  TransitionInput,
  VolunteerFamilies,
} from '../../domain/cases/contracts.js';
import { ACTION_TARGET, canTransition, type CaseStatus } from '../../domain/cases/lifecycle.js';
import { ageCodeOf, today as todayIso } from '../../domain/families/people.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { auditCode, auditCodes, auditIds, writeAudit, type AuditContext } from '../audit/audit.js';
import { branches, programmes, users } from '../access/tables.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { conflict, forbidden, invalidField } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { assertBranchInReach, assertFamilyReference, assertWorksIn } from '../access/reach.js';
import { visibleFlags, type RiskFlag } from '../../domain/cases/sensitive.js';
import { sectionsFor } from './scope.js';
import { endMatchesOfClosingCase } from '../mentoring/matches.js';
import { readCase, readCasePage } from './case-read.js';
import { getCaseSummary, listCases } from './queries.js';
import { caseEvents, cases, caseTeam } from './tables.js';
import { appendEvent, timelinePage } from './timeline.js';

const TAG = 'cases';
const read = { kind: 'permission', permission: 'cases.read', records: 'case_team' } as const;

async function assertStaff(tx: Tx, ids: string[], field: string, lang: Language): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(inArray(users.id, unique), eq(users.active, true)));
  if (found.length !== unique.length) throw invalidField(field, 'errors.not_staff', translate(lang, 'errors.not_staff'));
}

async function assertExists(tx: Tx, table: typeof branches | typeof programmes, id: string, field: string, lang: Language): Promise<void> {
  const found = await tx.select({ id: table.id }).from(table).where(eq(table.id, id));
  if (found.length === 0) throw invalidField(field, 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
}

// Areas append to a case's history through this one function (it lives with the timeline).
export { appendEvent };

/** Opens a case (shared by POST /api/cases and an intake that admits). */
export async function openCase(tx: Tx, actor: Actor, input: CaseCreateInput, lang: Language): Promise<string> {
  await assertFamilyReference(tx, actor, input.familyId, 'familyId', lang);
  await assertExists(tx, programmes, input.programmeId, 'programmeId', lang);
  await assertExists(tx, branches, input.branchId, 'branchId', lang);
  assertBranchInReach(actor, input.branchId, 'branchId', lang);
  await assertStaff(tx, [input.leadId], 'leadId', lang);
  await assertWorksIn(tx, input.leadId, input.branchId, 'leadId', lang);
  await assertStaff(
    tx,
    input.team.map((m) => m.userId),
    'team',
    lang,
  );
  const [row] = await tx
    .insert(cases)
    .values({
      orgId: actor.orgId,
      familyId: input.familyId,
      programmeId: input.programmeId,
      branchId: input.branchId,
      leadId: input.leadId,
      openedOn: input.openedOn,
      riskFlags: input.riskFlags,
      referralId: input.referralId,
      createdBy: actor.userId,
    })
    .returning({ id: cases.id });
  const caseId = row!.id;
  const team = [{ userId: input.leadId, role: 'lead' }, ...input.team.filter((m) => m.role !== 'lead')];
  await tx.insert(caseTeam).values(team.map((m) => ({ orgId: actor.orgId, caseId, userId: m.userId, role: m.role })));
  if (input.referralId) {
    const referral = await tx.execute<{ received_at: string; received_by: string; source: string }>(
      sql`select received_at, received_by::text, source from referrals where id = ${input.referralId}`,
    );
    const r = referral.rows[0];
    if (r) {
      // The referral is credited to the person who took it, on the day it came in.
      await tx.insert(caseEvents).values({
        orgId: actor.orgId,
        caseId,
        actorId: r.received_by,
        kind: 'referral_received',
        at: new Date(r.received_at),
        occurredOn: new Date(r.received_at).toISOString().slice(0, 10),
        data: { referralId: input.referralId, source: r.source },
      });
    }
  }
  await appendEvent(
    tx,
    actor,
    caseId,
    'case_opened',
    { programmeId: input.programmeId, leadId: input.leadId, openedOn: input.openedOn, referralId: input.referralId },
    input.openedOn,
  );
  return caseId;
}

/**
 * Moves a case along its lifecycle (the one table in domain/cases/lifecycle.ts): shared by the route
 * and the spreadsheet import, which brings in cases already active or in post-support.
 */
export async function transitionCase(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  caseId: string,
  body: TransitionInput,
  lang: Language,
): Promise<void> {
  const before = await getCaseSummary(tx, actor, caseId, todayIso());
  if (!actor.permissions.has('cases.manage') && before.lead_id !== actor.userId) throw forbidden();
  const status = before.status as CaseStatus;
  if (Number(before.version) !== body.version) throw conflict();
  if (!canTransition(status, body.action)) throw conflict('errors.transition_not_allowed');
  const openedOn = String(before.opened_on).slice(0, 10);
  if (body.on < openedOn) throw invalidField('on', 'validation.before_start', translate(lang, 'validation.before_start'));
  // The story stays in order: a change entered after the fact cannot come before the last one.
  const last = await tx.execute<{ last_on: string | null }>(
    sql`select max(occurred_on)::text as last_on from case_events where case_id = ${caseId} and kind = 'status_changed'`,
  );
  const lastOn = last.rows[0]?.last_on ?? null;
  if (lastOn && body.on < lastOn)
    throw invalidField('on', 'validation.before_last_status', translate(lang, 'validation.before_last_status', { date: lastOn }));
  const target = ACTION_TARGET[body.action];
  const closing = target === 'closed';
  // The family's mentoring ends with its case (issue 14), on the closing day, in this transaction.
  if (closing) await endMatchesOfClosingCase(tx, actor, audit, caseId, body.on, lang);
  const updated = await tx
    .update(cases)
    .set({
      status: target,
      closedOn: closing ? body.on : null,
      ...(target === 'post_support' && { postSupportSince: body.on }),
      closingOutcome: closing ? body.outcome : null,
      closingReason: closing ? body.reason : '',
      version: sql`${cases.version} + 1`,
      updatedAt: sql`now()`,
    })
    .where(and(eq(cases.id, caseId), eq(cases.version, body.version)))
    .returning({ id: cases.id });
  if (updated.length === 0) throw conflict();
  await appendEvent(
    tx,
    actor,
    caseId,
    'status_changed',
    {
      status: { from: status, to: target },
      action: body.action,
      on: body.on,
      ...(body.outcome && { outcome: body.outcome }),
      ...(body.reason && { reason: body.reason }),
    },
    body.on,
  );
  await writeAudit(tx, audit, {
    action: 'update',
    recordType: 'case',
    recordId: caseId,
    details: { fields: auditCodes(['status']), from: auditCode(status), to: auditCode(target), action: auditCode(body.action) },
  });
}

export function registerCaseRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/cases',
    tag: TAG,
    summary: 'The caseload: cases within the caller’s scope, filtered, searched by name or phone, sorted and paged, with counts per status',
    access: read,
    query: CaseListQuery,
    response: CaseList,
    handler: async ({ tx, actor, query }) => listCases(tx, actor, query, todayIso()),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/cases',
    tag: TAG,
    summary: 'Open a case: enrol a family in a programme with a lead and team',
    access: { kind: 'permission', permission: 'cases.manage', records: 'case_team' },
    body: CaseCreateInput,
    response: CaseSummary,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      const caseId = await openCase(tx, actor, body, req.lang);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'case',
        recordId: caseId,
        details: auditIds({ familyId: body.familyId, programmeId: body.programmeId }),
      });
      return readCase(tx, actor, caseId, todayIso());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:id',
    tag: TAG,
    summary: 'The case page: family, team, consent and documents status, sensitive notes the caller may see, allowed actions, timeline',
    access: read,
    params: IdParams,
    response: CaseDetail,
    handler: async ({ tx, actor, audit, params }) => {
      const detail = await readCasePage(tx, actor, params.id, todayIso(), audit);
      await writeAudit(tx, audit, { action: 'read', recordType: 'case', recordId: params.id });
      return detail;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/cases/:id/timeline',
    tag: TAG,
    summary: 'A page of the case timeline, newest first by the day things happened (the page after `before`)',
    access: read,
    params: IdParams,
    query: TimelineQuery,
    response: TimelinePage,
    handler: async ({ tx, actor, params, query }) => {
      const row = await getCaseSummary(tx, actor, params.id, todayIso());
      const sections = await sectionsFor(tx, actor, row.family_id as string);
      return timelinePage(tx, params.id, sections, query);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/cases/:id',
    tag: TAG,
    summary: 'Change the lead, team and risk flags (stale versions get 409); the lead or a responsible coordinator may',
    access: read,
    params: IdParams,
    body: CaseUpdateInput,
    response: CaseDetail.shape.case,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const before = await getCaseSummary(tx, actor, params.id, todayIso());
      if (!actor.permissions.has('cases.manage') && before.lead_id !== actor.userId) throw forbidden();
      // Flags of sections the caller may not see were never shown to them: keep them as they are.
      const sections = await sectionsFor(tx, actor, before.family_id as string);
      const hiddenFlags = ((before.risk_flags as RiskFlag[]) ?? []).filter((flag) => visibleFlags([flag], sections).length === 0);
      const riskFlags = [...new Set([...hiddenFlags, ...body.riskFlags])];
      await assertStaff(tx, [body.leadId], 'leadId', req.lang);
      if (body.leadId !== before.lead_id) await assertWorksIn(tx, body.leadId, before.branch_id as string, 'leadId', req.lang);
      await assertStaff(
        tx,
        body.team.map((m) => m.userId),
        'team',
        req.lang,
      );
      const updated = await tx
        .update(cases)
        .set({ leadId: body.leadId, riskFlags, version: sql`${cases.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(cases.id, params.id), eq(cases.version, body.version)))
        .returning({ id: cases.id });
      if (updated.length === 0) throw conflict();
      const oldTeam = await tx.select().from(caseTeam).where(eq(caseTeam.caseId, params.id));
      await tx.delete(caseTeam).where(eq(caseTeam.caseId, params.id));
      const team = [{ userId: body.leadId, role: 'lead' as const }, ...body.team.filter((m) => m.role !== 'lead')];
      const unique = [...new Map(team.map((m) => [`${m.userId}:${m.role}`, m])).values()];
      await tx.insert(caseTeam).values(unique.map((m) => ({ orgId: actor.orgId, caseId: params.id, userId: m.userId, role: m.role })));
      const data: Record<string, unknown> = {};
      if (before.lead_id !== body.leadId) data.leadId = { from: before.lead_id, to: body.leadId };
      const oldFlags = (before.risk_flags as string[]) ?? [];
      if (JSON.stringify([...oldFlags].sort()) !== JSON.stringify([...new Set(body.riskFlags)].sort()))
        data.riskFlags = { from: oldFlags, to: body.riskFlags };
      const key = (m: { userId: string; role: string }) => `${m.userId}:${m.role}`;
      if (JSON.stringify(oldTeam.map(key).sort()) !== JSON.stringify(unique.map(key).sort())) {
        data.team = { from: oldTeam.map((m) => ({ userId: m.userId, role: m.role })), to: unique };
      }
      if (Object.keys(data).length > 0) await appendEvent(tx, actor, params.id, 'case_updated', data);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'case',
        recordId: params.id,
        details: { fields: auditCodes(Object.keys(data)) },
      });
      return readCase(tx, actor, params.id, todayIso());
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/cases/:id/transition',
    tag: TAG,
    summary: 'Move a case along its lifecycle (activate, post-support, close with outcome, reopen); 409 when not allowed',
    access: read,
    params: IdParams,
    body: TransitionInput,
    response: CaseDetail.shape.case,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      await transitionCase(tx, actor, audit, params.id, body, req.lang);
      return readCase(tx, actor, params.id, todayIso());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteer/families',
    tag: TAG,
    summary: 'Families a volunteer is assigned to: first names and ages only',
    access: { kind: 'permission', permission: 'volunteer.families', records: 'case_team' },
    response: VolunteerFamilies,
    handler: async ({ tx, actor }) => {
      const rows = await tx.execute<{
        case_id: string;
        first_name: string;
        birth_date: string | null;
        approximate_age: number | null;
        relation: string;
      }>(sql`
        select c.id::text as case_id, m.first_name, m.birth_date, m.approximate_age, m.relation
        from case_team t join cases c on c.id = t.case_id join members m on m.family_id = c.family_id
        where t.user_id = ${actor.userId} and t.role = 'volunteer' and c.status <> 'closed' and m.relation <> 'unborn_child'
        order by c.id, m.position`);
      const today = todayIso();
      const byCase = new Map<string, { firstName: string; age: string }[]>();
      for (const row of rows.rows) {
        const age = ageCodeOf(row.birth_date, row.approximate_age, today) ?? '?';
        byCase.set(row.case_id, [...(byCase.get(row.case_id) ?? []), { firstName: row.first_name, age }]);
      }
      return { items: [...byCase].map(([caseId, people]) => ({ caseId, people })) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/staff',
    tag: TAG,
    summary: 'Active staff to choose a case lead, team member or intake worker from (names and roles only)',
    access: { kind: 'permission', permission: 'referrals.read', records: 'organization' },
    response: StaffList,
    handler: async ({ tx }) => {
      const rows = await tx.execute<{ id: string; name: string; roles: string[] | null; branch_ids: string[] | null }>(sql`
        select u.id::text, trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as name,
          (select array_agg(role_code order by role_code) from user_roles r where r.user_id = u.id) as roles,
          (select array_agg(branch_id::text) from user_branches b where b.user_id = u.id) as branch_ids
        from users u where u.active order by u.last_name, u.first_name`);
      return { items: rows.rows.map((r) => ({ id: r.id, name: r.name, roles: r.roles ?? [], branchIds: r.branch_ids ?? [] })) };
    },
  });
}
