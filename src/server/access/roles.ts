// Roles and what each may do (permissions as data), and the organisation's own settings.
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import crypto from 'node:crypto';
import {
  OrganizationUpdateInput,
  OrganizationView,
  RoleCode,
  RoleCreateInput,
  RoleDeleteQuery,
  RoleUpdateInput,
  RoleView,
} from '../../domain/access/contracts.js';
import { isPermission, ROLE_CODES, type Permission } from '../../domain/access/permissions.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import { DEFAULT_SENSITIVE_ACCESS, SENSITIVE_SECTIONS } from '../../domain/cases/sensitive.js';
import { auditCodes, changes, writeAudit } from '../audit/audit.js';
import { businessRule, conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { organizations, roles } from './tables.js';

/** The admin role always keeps these, so nobody can lock the organisation out of its own settings. */
const ADMIN_FLOOR: Permission[] = ['users.manage', 'roles.manage', 'organization.manage'];
const manage = { kind: 'permission', permission: 'roles.manage', records: 'organization' } as const;
const CodeParams = z.strictObject({ code: RoleCode });
const sorted = (permissions: readonly Permission[]) => [...new Set(permissions)].sort();

const ROLE_SELECT = sql`select r.code, r.name, r.permissions, r.version,
    (select count(*)::int from user_roles ur where ur.role_code = r.code) as holders
  from roles r`;

function toRoleView(row: Record<string, unknown>): RoleView {
  const code = row.code as string;
  const permissions = (Array.isArray(row.permissions) ? row.permissions : []) as string[];
  return {
    code,
    name: row.name as string,
    builtin: (ROLE_CODES as readonly string[]).includes(code),
    holders: Number(row.holders),
    permissions: permissions.filter(isPermission),
    version: Number(row.version),
  };
}

async function listRoles(tx: Tx): Promise<RoleView[]> {
  const rows = await tx.execute<Record<string, unknown>>(sql`${ROLE_SELECT} order by r.name <> '', lower(r.name), r.code`);
  return rows.rows.map(toRoleView);
}

async function getRole(tx: Tx, code: string): Promise<RoleView> {
  const rows = await tx.execute<Record<string, unknown>>(sql`${ROLE_SELECT} where r.code = ${code}`);
  if (!rows.rows[0]) throw notFound();
  return toRoleView(rows.rows[0]);
}

/** Two roles of one organisation never share a name (case and spacing aside). */
async function assertNameFree(tx: Tx, name: string, except: string | null, lang: Language): Promise<void> {
  const taken = await tx.execute(sql`select 1 from roles where lower(name) = lower(${name}) and code is distinct from ${except}`);
  if (taken.rows.length > 0) throw invalidField('name', 'validation.duplicate', translate(lang, 'validation.duplicate'));
}

export function registerRoleRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/roles',
    tag: 'roles',
    summary: 'Roles and their permissions: the shipped ones, then the organisation’s own by name',
    access: { kind: 'permission', permission: 'roles.read', records: 'organization' },
    response: z.object({ items: z.array(RoleView) }),
    handler: async ({ tx }) => ({ items: await listRoles(tx) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/roles',
    tag: 'roles',
    summary: 'Make a role of the organisation’s own (a defectologist, a storekeeper…) from the permissions',
    access: manage,
    body: RoleCreateInput,
    response: RoleView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      await assertNameFree(tx, body.name, null, req.lang);
      // The code is generated: it is a key that accounts refer to, the name is what people read.
      const code = `custom_${crypto.randomBytes(5).toString('hex')}`;
      await tx.insert(roles).values({ orgId: actor.orgId, code, name: body.name, permissions: sorted(body.permissions) });
      const view = await getRole(tx, code);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'role',
        recordId: code,
        details: { fields: auditCodes(['name', 'permissions']) },
      });
      return view;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/roles/:code',
    tag: 'roles',
    summary: 'Change the permissions a role carries; rename a role of the organisation’s own',
    access: manage,
    params: CodeParams,
    body: RoleUpdateInput,
    response: RoleView,
    handler: async ({ tx, audit, params, body, req }) => {
      const before = await getRole(tx, params.code);
      if (params.code === 'admin' && !ADMIN_FLOOR.every((p) => body.permissions.includes(p))) throw businessRule('errors.last_admin');
      if (body.name !== undefined && body.name !== before.name) {
        if (before.builtin) throw invalidField('name', 'roleEditor.errors.builtin', translate(req.lang, 'roleEditor.errors.builtin'));
        await assertNameFree(tx, body.name, params.code, req.lang);
      }
      const [updated] = await tx
        .update(roles)
        .set({
          permissions: sorted(body.permissions),
          ...(body.name !== undefined && !before.builtin && { name: body.name }),
          version: sql`${roles.version} + 1`,
        })
        .where(and(eq(roles.code, params.code), eq(roles.version, body.version)))
        .returning({ code: roles.code });
      if (!updated) throw conflict();
      const after = await getRole(tx, params.code);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'role',
        recordId: params.code,
        details: { fields: changes(before, after) },
      });
      return after;
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/roles/:code',
    tag: 'roles',
    summary: 'Delete a role of the organisation’s own that no account holds (shipped roles stay)',
    access: manage,
    params: CodeParams,
    query: RoleDeleteQuery,
    response: z.object({ ok: z.literal(true) }),
    handler: async ({ tx, audit, params, query }) => {
      const before = await getRole(tx, params.code);
      if (before.builtin) throw businessRule('roleEditor.errors.builtin');
      if (before.holders > 0) throw businessRule('roleEditor.errors.in_use');
      if (before.version !== query.version) throw conflict();
      // Nobody holds it, so the only other mention is the list of roles that must use a second factor.
      await tx.execute(sql`update organizations set mfa_required_roles = array_remove(mfa_required_roles, ${params.code})`);
      const deleted = await tx
        .delete(roles)
        .where(and(eq(roles.code, params.code), eq(roles.version, query.version)))
        .returning({ code: roles.code });
      if (deleted.length === 0) throw conflict();
      await writeAudit(tx, audit, { action: 'delete', recordType: 'role', recordId: params.code });
      return { ok: true as const };
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
    handler: async ({ tx, actor, audit, body, req }) => {
      const [before] = await tx.select().from(organizations);
      if (!before) throw notFound();
      const known = new Set((await listRoles(tx)).map((role) => role.code));
      const unknown = body.mfaRequiredRoles.findIndex((code) => !known.has(code));
      if (unknown >= 0) {
        throw invalidField(`mfaRequiredRoles.${unknown}`, 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
      }
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
