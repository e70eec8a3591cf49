// Break-glass (issue 17, point 3): in an emergency a worker opens a case outside their reach by
// stating a reason. The grant lasts the organisation's minutes; while it lasts, the case's scope
// (cases/scope.ts, the one place reach is decided) lets the worker in; sensitive sections follow the
// worker's own role (never a lead's). The case lead and the coordinators and supervisors of the
// case's branch see it at once on My work, and review it (justified or misuse).
//
// Refused for a role the organisation has not allowed, and always for volunteers and mentors. The
// reason stays on the grant, readable by the reviewers; the audit keeps the ids only.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../domain/access/contracts.js';
import type { RoleCode } from '../../domain/access/permissions.js';
import {
  BreakGlassCreated,
  BreakGlassGrantList,
  BreakGlassListQuery,
  BreakGlassMine,
  BreakGlassRequest,
  BreakGlassReviewInput,
  BreakGlassSettings,
  BreakGlassSettingsInput,
  NEVER_BREAK_GLASS,
  type BreakGlassGrant,
} from '../../domain/breakglass/contracts.js';
import { translate } from '../../domain/i18n/index.js';
import { auditCode, auditCodes, auditIds, writeAudit } from '../audit/audit.js';
import { caseScope, responsibleBranches } from '../cases/scope.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { businessRule, conflict, forbidden, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';

const TAG = 'breakglass';

const DEFAULTS = { allowedRoles: ['case_worker', 'psychologist', 'lawyer', 'coordinator', 'supervisor'] as RoleCode[], minutes: 60 };

async function readSettings(tx: Tx): Promise<BreakGlassSettings> {
  const rows = await tx.execute<{ allowed_roles: RoleCode[]; minutes: number; version: number }>(
    sql`select allowed_roles, minutes, version from breakglass_settings`,
  );
  const row = rows.rows[0];
  return row
    ? { allowedRoles: row.allowed_roles, minutes: Number(row.minutes), version: Number(row.version) }
    : { ...DEFAULTS, version: 0 };
}

function mayUse(actor: Actor, settings: BreakGlassSettings): boolean {
  return actor.roles.some((role) => !NEVER_BREAK_GLASS.includes(role) && settings.allowedRoles.includes(role));
}

const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());

const GRANT_COLUMNS = sql`g.id::text, g.case_id::text, g.user_id::text, g.reason, g.granted_at, g.expires_at, g.expires_at > now() as active,
  g.review, g.review_note, g.reviewed_by::text, g.reviewed_at, g.version, f.name as family_name,
  trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as user_name`;

function toGrant(row: Record<string, unknown>): BreakGlassGrant {
  return {
    id: row.id as string,
    caseId: row.case_id as string,
    userId: row.user_id as string,
    userName: row.user_name as string,
    familyName: row.family_name as string,
    reason: row.reason as string,
    grantedAt: iso(row.granted_at)!,
    expiresAt: iso(row.expires_at)!,
    active: row.active === true,
    review: row.review as BreakGlassGrant['review'],
    reviewNote: row.review_note as string,
    reviewedBy: (row.reviewed_by as string | null) ?? null,
    reviewedAt: iso(row.reviewed_at),
    version: Number(row.version),
  };
}

/** Grants on cases whose branch the actor answers for (coordinator, supervisor). */
function reviewerScope(actor: Actor): ReturnType<typeof sql> {
  const branches = responsibleBranches(actor);
  return branches.length === 0 ? sql`false` : sql`c.branch_id in ${branches}`;
}

export function registerBreakGlassRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/breakglass/settings',
    tag: TAG,
    summary: 'Which roles may use break-glass and for how many minutes a grant lasts',
    access: { kind: 'permission', permission: 'organization.manage', records: 'organization' },
    response: BreakGlassSettings,
    handler: async ({ tx }) => readSettings(tx),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/breakglass/settings',
    tag: TAG,
    summary: 'Set the roles allowed to use break-glass (never volunteers or mentors) and the minutes a grant lasts',
    access: { kind: 'permission', permission: 'organization.manage', records: 'organization' },
    body: BreakGlassSettingsInput,
    response: BreakGlassSettings,
    handler: async ({ tx, actor, audit, body }) => {
      const current = await readSettings(tx);
      if (current.version !== body.version) throw conflict();
      const roles = [...new Set(body.allowedRoles)];
      if (current.version === 0) {
        await tx.execute(sql`insert into breakglass_settings (org_id, allowed_roles, minutes, version, updated_by)
          values (${actor.orgId}, string_to_array(${roles.join(',')}, ','), ${body.minutes}, 1, ${actor.userId})`);
      } else {
        await tx.execute(sql`update breakglass_settings set allowed_roles = string_to_array(${roles.join(',')}, ','), minutes = ${body.minutes}, version = version + 1,
          updated_by = ${actor.userId}, updated_at = now()`);
      }
      const fields = [
        ...(JSON.stringify([...current.allowedRoles].sort()) !== JSON.stringify([...roles].sort()) ? ['allowedRoles'] : []),
        ...(current.minutes !== body.minutes ? ['minutes'] : []),
      ];
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'breakglass_settings',
        recordId: actor.orgId,
        details: { fields: auditCodes(fields), allowedRoles: auditCodes(roles), minutes: body.minutes },
      });
      return readSettings(tx);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/breakglass/mine',
    tag: TAG,
    summary: "The caller's break-glass: whether they may use it, for how long, and their grants in force",
    access: { kind: 'signed_in', records: 'own' },
    response: BreakGlassMine,
    handler: async ({ tx, actor }) => {
      const settings = await readSettings(tx);
      const active = await tx.execute<{ id: string; case_id: string; expires_at: string }>(
        sql`select id::text, case_id::text, expires_at from breakglass_grants where user_id = ${actor.userId} and expires_at > now()
          order by expires_at desc`,
      );
      return {
        allowed: mayUse(actor, settings),
        minutes: settings.minutes,
        active: active.rows.map((row) => ({ id: row.id, caseId: row.case_id, expiresAt: iso(row.expires_at)! })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/breakglass/grants',
    tag: TAG,
    summary: 'Open a case outside one’s reach in an emergency, stating the reason (granted for the organisation’s minutes)',
    access: { kind: 'permission', permission: 'cases.read', records: 'organization' },
    body: BreakGlassRequest,
    response: BreakGlassCreated,
    status: 201,
    handler: async ({ tx, actor, audit, body, req }) => {
      if (actor.roles.every((role) => NEVER_BREAK_GLASS.includes(role))) throw forbidden('protection.errors.volunteer_mentor');
      const settings = await readSettings(tx);
      if (!mayUse(actor, settings)) throw forbidden('protection.errors.breakglass_role');
      const found = await tx.execute<{ reach: boolean }>(sql`select ${caseScope(actor)} as reach from cases c where c.id = ${body.caseId}`);
      const target = found.rows[0];
      if (!target) throw invalidField('caseId', 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
      if (target.reach) throw businessRule('protection.errors.breakglass_reaches');
      const created = await tx.execute<{ id: string; expires_at: string }>(sql`
        insert into breakglass_grants (org_id, case_id, user_id, reason, expires_at)
        values (${actor.orgId}, ${body.caseId}, ${actor.userId}, ${body.reason}, now() + make_interval(mins => ${settings.minutes}::int))
        returning id::text, expires_at`);
      const grant = created.rows[0]!;
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'breakglass',
        recordId: grant.id,
        details: { ...auditIds({ caseId: body.caseId }), minutes: settings.minutes, fields: auditCodes(['reason']) },
      });
      return { id: grant.id, caseId: body.caseId, expiresAt: iso(grant.expires_at)! };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/breakglass/alerts',
    tag: TAG,
    summary: 'Break-glass openings of the cases the caller leads or answers for (coordinator, supervisor) in the last 7 days or unreviewed',
    access: { kind: 'signed_in', records: 'own' },
    response: BreakGlassGrantList,
    handler: async ({ tx, actor }) => {
      const branches = responsibleBranches(actor);
      const rows = await tx.execute<Record<string, unknown>>(sql`
        select ${GRANT_COLUMNS} from breakglass_grants g join cases c on c.id = g.case_id join families f on f.id = c.family_id
          join users u on u.id = g.user_id
        where g.user_id <> ${actor.userId}
          and (c.lead_id = ${actor.userId} or ${branches.length === 0 ? sql`false` : sql`c.branch_id in ${branches}`})
          and (g.granted_at > now() - interval '7 days' or g.review = 'pending')
        order by g.granted_at desc limit 50`);
      return { items: rows.rows.map(toGrant) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/breakglass/grants',
    tag: TAG,
    summary: 'Break-glass grants on the cases of the reviewer’s branches, for review (pending by default)',
    access: { kind: 'permission', permission: 'breakglass.review', records: 'organization' },
    query: BreakGlassListQuery,
    response: BreakGlassGrantList,
    handler: async ({ tx, actor, query }) => {
      const rows = await tx.execute<Record<string, unknown>>(sql`
        select ${GRANT_COLUMNS} from breakglass_grants g join cases c on c.id = g.case_id join families f on f.id = c.family_id
          join users u on u.id = g.user_id
        where ${reviewerScope(actor)} ${query.review === 'all' ? sql`` : sql`and g.review = ${query.review}`}
        order by g.granted_at desc limit 500`);
      return { items: rows.rows.map(toGrant) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/breakglass/grants/:id/review',
    tag: TAG,
    summary: 'Review a break-glass grant: justified, or misuse (with a note)',
    access: { kind: 'permission', permission: 'breakglass.review', records: 'organization' },
    params: IdParams,
    body: BreakGlassReviewInput,
    response: BreakGlassGrantList.shape.items.element,
    handler: async ({ tx, actor, audit, params, body }) => {
      const found = await tx.execute<{ user_id: string; review: string; version: number }>(sql`
        select g.user_id::text, g.review, g.version from breakglass_grants g join cases c on c.id = g.case_id
        where g.id = ${params.id} and ${reviewerScope(actor)} for update of g`);
      const grant = found.rows[0];
      if (!grant) throw notFound();
      // Nobody reviews their own emergency access.
      if (grant.user_id === actor.userId) throw forbidden();
      if (Number(grant.version) !== body.version) throw conflict();
      if (grant.review !== 'pending') throw businessRule('protection.errors.breakglass_reviewed');
      await tx.execute(sql`update breakglass_grants set review = ${body.review}, review_note = ${body.note}, reviewed_by = ${actor.userId},
        reviewed_at = now(), version = version + 1 where id = ${params.id}`);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'breakglass',
        recordId: params.id,
        details: { fields: auditCodes(body.note ? ['review', 'reviewNote'] : ['review']), review: auditCode(body.review) },
      });
      const rows = await tx.execute<Record<string, unknown>>(sql`
        select ${GRANT_COLUMNS} from breakglass_grants g join cases c on c.id = g.case_id join families f on f.id = c.family_id
          join users u on u.id = g.user_id where g.id = ${params.id}`);
      return toGrant(rows.rows[0]!);
    },
  });
}
