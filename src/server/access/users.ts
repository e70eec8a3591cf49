// Staff accounts: list, view, create, edit, deactivate (their sessions end at once), reset password
// or second factor. Everything here is within the caller's organisation.
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams, Ok, UserCreateInput, UserList, UserListQuery, UserUpdateInput, UserView } from '../../domain/access/contracts.js';
import { password } from '../../domain/validation.js';
import { translate } from '../../domain/i18n/index.js';
import { changes, filledFields, writeAudit } from '../audit/audit.js';
import { hashPassword } from '../auth/passwords.js';
import { endUserSessions } from '../auth/sessions.js';
import type { Tx } from '../db/engine.js';
import { pgConstraint, pgErrorCode, UNIQUE_VIOLATION } from '../db/errors.js';
import { businessRule, conflict, invalidField } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import type { Language } from '../../domain/i18n/index.js';
import { branches, userBranches, userRoles, users } from './tables.js';
import { getUser, listUsers } from './views.js';

const TAG = 'users';

async function checkBranches(tx: Tx, branchIds: string[], lang: Language): Promise<void> {
  if (branchIds.length === 0) return;
  const found = await tx.select({ id: branches.id }).from(branches).where(inArray(branches.id, branchIds));
  if (found.length !== new Set(branchIds).size) {
    throw invalidField('branchIds', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  }
}

/** Roles are the organisation's: a shipped one or one it made (an unknown code names the field). */
async function checkRoles(tx: Tx, codes: string[], lang: Language): Promise<void> {
  const found = await tx.execute(sql`select code from roles where code in ${codes}`);
  if (found.rows.length !== new Set(codes).size) {
    throw invalidField('roles', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  }
}

async function setMemberships(tx: Tx, orgId: string, userId: string, roles: string[], branchIds: string[]): Promise<void> {
  await tx.delete(userRoles).where(eq(userRoles.userId, userId));
  await tx.delete(userBranches).where(eq(userBranches.userId, userId));
  await tx.insert(userRoles).values([...new Set(roles)].map((roleCode) => ({ orgId, userId, roleCode })));
  if (branchIds.length > 0) {
    await tx.insert(userBranches).values([...new Set(branchIds)].map((branchId) => ({ orgId, userId, branchId })));
  }
}

/** E-mail addresses are unique across Hearth (they are the log-in); a clash is a field error. */
async function guardEmail<T>(lang: Language, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION && pgConstraint(error) === 'users_email_key') {
      throw invalidField('email', 'errors.email_taken', translate(lang, 'errors.email_taken'));
    }
    throw error;
  }
}

async function activeAdmins(tx: Tx): Promise<number> {
  const result = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from users u join user_roles ur on ur.user_id = u.id and ur.role_code = 'admin' where u.active`,
  );
  return Number(result.rows[0]?.n ?? 0);
}

export function registerUserRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/users',
    tag: TAG,
    summary: 'Staff of the organisation, filtered by text, role, branch and status',
    access: { kind: 'permission', permission: 'users.read', records: 'organization' },
    query: UserListQuery,
    response: UserList,
    handler: async ({ tx, query }) => {
      const items = await listUsers(tx, { ...query, active: query.active === undefined ? undefined : query.active === 'true' });
      return { items, total: items.length };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/users/:id',
    tag: TAG,
    summary: 'One staff member',
    access: { kind: 'permission', permission: 'users.read', records: 'organization' },
    params: IdParams,
    response: UserView,
    handler: async ({ tx, params }) => getUser(tx, params.id),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/users',
    tag: TAG,
    summary: 'Create a staff account with roles and branches',
    access: { kind: 'permission', permission: 'users.manage', records: 'organization' },
    body: UserCreateInput,
    response: UserView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      await checkBranches(tx, body.branchIds, req.lang);
      await checkRoles(tx, body.roles, req.lang);
      const passwordHash = await hashPassword(body.password);
      const [created] = await guardEmail(req.lang, () =>
        tx
          .insert(users)
          .values({
            orgId: actor.orgId,
            email: body.email,
            lastName: body.lastName,
            firstName: body.firstName,
            middleName: body.middleName,
            phone: body.phone,
            locale: body.locale,
            passwordHash,
          })
          .returning({ id: users.id }),
      );
      await setMemberships(tx, actor.orgId, created!.id, body.roles, body.branchIds);
      const view = await getUser(tx, created!.id);
      await writeAudit(tx, audit, { action: 'create', recordType: 'user', recordId: view.id, details: { fields: filledFields(view) } });
      return view;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/users/:id',
    tag: TAG,
    summary: 'Edit a staff account; deactivating it ends all its sessions at once',
    access: { kind: 'permission', permission: 'users.manage', records: 'organization' },
    params: IdParams,
    body: UserUpdateInput,
    response: UserView,
    handler: async ({ tx, actor, audit, body, params, req }) => {
      // Edits of one organisation's staff take turns: two admins demoting each other at once would
      // otherwise each still see the other as admin, and both succeed (PostgreSQL server).
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`users:${actor.orgId}`}))`);
      const before = await getUser(tx, params.id);
      if (before.version !== body.version) throw conflict();
      if (params.id === actor.userId && !body.active) throw businessRule('errors.cannot_deactivate_self');
      await checkBranches(tx, body.branchIds, req.lang);
      await checkRoles(tx, body.roles, req.lang);
      const updated = await guardEmail(req.lang, () =>
        tx
          .update(users)
          .set({
            email: body.email,
            lastName: body.lastName,
            firstName: body.firstName,
            middleName: body.middleName,
            phone: body.phone,
            active: body.active,
            version: sql`${users.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(and(eq(users.id, params.id), eq(users.version, body.version)))
          .returning({ id: users.id }),
      );
      if (updated.length === 0) throw conflict();
      await setMemberships(tx, actor.orgId, params.id, body.roles, body.branchIds);
      if ((await activeAdmins(tx)) === 0) throw businessRule('errors.last_admin');
      if (!body.active) await endUserSessions(tx, params.id);
      const after = await getUser(tx, params.id);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'user',
        recordId: params.id,
        details: { fields: changes(before, after) },
      });
      return after;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/users/:id/password',
    tag: TAG,
    summary: "Set a new password for a staff member (e.g. forgotten); ends the member's sessions",
    access: { kind: 'permission', permission: 'users.manage', records: 'organization' },
    params: IdParams,
    body: z.strictObject({ password }),
    response: Ok,
    handler: async ({ tx, audit, body, params }) => {
      await getUser(tx, params.id);
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(body.password), passwordChangedAt: sql`now()`, version: sql`${users.version} + 1` })
        .where(eq(users.id, params.id));
      await endUserSessions(tx, params.id);
      await writeAudit(tx, audit, { action: 'update', recordType: 'user', recordId: params.id, details: { passwordReset: true } });
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/users/:id/totp-reset',
    tag: TAG,
    summary: 'Remove the second factor of a staff member who lost their device; ends their sessions',
    access: { kind: 'permission', permission: 'users.manage', records: 'organization' },
    params: IdParams,
    response: Ok,
    handler: async ({ tx, audit, params }) => {
      await getUser(tx, params.id);
      await tx.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, params.id));
      await endUserSessions(tx, params.id);
      await writeAudit(tx, audit, { action: 'totp_disabled', recordType: 'user', recordId: params.id, details: { byAdmin: true } });
      return { ok: true as const };
    },
  });
}
