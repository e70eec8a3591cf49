// Roles and what each may do (permissions as data), and the organisation's own settings.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OrganizationUpdateInput, OrganizationView, RoleCode, RoleUpdateInput, RoleView } from '../../domain/access/contracts.js';
import type { Permission } from '../../domain/access/permissions.js';
import { DEFAULT_SENSITIVE_ACCESS, SENSITIVE_SECTIONS } from '../../domain/cases/sensitive.js';
import { changes, writeAudit } from '../audit/audit.js';
import { businessRule, conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { organizations, roles } from './tables.js';

/** The admin role always keeps these, so nobody can lock the organisation out of its own settings. */
const ADMIN_FLOOR: Permission[] = ['users.manage', 'roles.manage', 'organization.manage'];

export function registerRoleRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/roles',
    tag: 'roles',
    summary: 'Roles and their permissions',
    access: { kind: 'permission', permission: 'roles.read', records: 'organization' },
    response: z.object({ items: z.array(RoleView) }),
    handler: async ({ tx }) => ({ items: (await tx.select().from(roles).orderBy(asc(roles.code))) as RoleView[] }),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/roles/:code',
    tag: 'roles',
    summary: 'Change the permissions a role carries',
    access: { kind: 'permission', permission: 'roles.manage', records: 'organization' },
    params: z.strictObject({ code: RoleCode }),
    body: RoleUpdateInput,
    response: RoleView,
    handler: async ({ tx, audit, params, body }) => {
      const [before] = await tx.select().from(roles).where(eq(roles.code, params.code));
      if (!before) throw notFound();
      if (params.code === 'admin' && !ADMIN_FLOOR.every((p) => body.permissions.includes(p))) throw businessRule('errors.last_admin');
      const [after] = await tx
        .update(roles)
        .set({ permissions: [...new Set(body.permissions)].sort(), version: sql`${roles.version} + 1` })
        .where(and(eq(roles.code, params.code), eq(roles.version, body.version)))
        .returning();
      if (!after) throw conflict();
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'role',
        recordId: params.code,
        details: { fields: changes(before, after) },
      });
      return after as RoleView;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/organization',
    tag: 'organization',
    summary: "The caller's organisation and its settings",
    access: { kind: 'signed_in', records: 'organization' },
    response: OrganizationView,
    handler: async ({ tx }) => {
      const [org] = await tx.select().from(organizations);
      if (!org) throw notFound();
      return toOrganizationView(org);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/organization',
    tag: 'organization',
    summary: 'Rename the organisation; roles that must use a second factor; referral waiting limit; who sees sensitive sections',
    access: { kind: 'permission', permission: 'organization.manage', records: 'organization' },
    body: OrganizationUpdateInput,
    response: OrganizationView,
    handler: async ({ tx, actor, audit, body }) => {
      const [before] = await tx.select().from(organizations);
      if (!before) throw notFound();
      const [after] = await tx
        .update(organizations)
        .set({
          name: body.name,
          mfaRequiredRoles: [...new Set(body.mfaRequiredRoles)],
          ...(body.referralWaitHours !== undefined && { referralWaitHours: body.referralWaitHours }),
          ...(body.sensitiveAccess !== undefined && { sensitiveAccess: body.sensitiveAccess }),
          version: sql`${organizations.version} + 1`,
        })
        .where(and(eq(organizations.id, actor.orgId), eq(organizations.version, body.version)))
        .returning();
      if (!after) throw conflict();
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'organization',
        recordId: actor.orgId,
        details: { fields: changes(before, after) },
      });
      return toOrganizationView(after);
    },
  });
}

/** The stored settings, with the safe defaults where the organisation has configured nothing. */
function toOrganizationView(org: typeof organizations.$inferSelect): z.infer<typeof OrganizationView> {
  const configured = org.sensitiveAccess ?? {};
  const sensitiveAccess = Object.fromEntries(
    SENSITIVE_SECTIONS.map((section) => [section, configured[section] ?? [...DEFAULT_SENSITIVE_ACCESS[section]]]),
  ) as z.infer<typeof OrganizationView>['sensitiveAccess'];
  return {
    id: org.id,
    name: org.name,
    mfaRequiredRoles: org.mfaRequiredRoles as z.infer<typeof OrganizationView>['mfaRequiredRoles'],
    referralWaitHours: org.referralWaitHours,
    sensitiveAccess,
    version: org.version,
  };
}
