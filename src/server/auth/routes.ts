// Log-in, log-out, the current user, password change and the TOTP second factor.
import { and, eq, lt, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import {
  LocaleInput,
  LoginInput,
  Ok,
  PasswordChangeInput,
  Session,
  TotpCodeInput,
  TotpEnrolment,
  type Me,
} from '../../domain/access/contracts.js';
import type { RoleCode } from '../../domain/access/permissions.js';
import { users, organizations } from '../access/tables.js';
import { auditCode, changes, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { system } from '../db/gateway.js';
import type { Actor } from '../http/context.js';
import { AppError, businessRule, rateLimited, unauthenticated } from '../http/errors.js';
import { auditContext, defineRoute } from '../http/route.js';
import { dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { clearSessionCookie, createSession, endSession, endUserSessions, SESSION_COOKIE, setSessionCookie } from './sessions.js';
import { accountKey, addressKey, clearFailures, countPasswordAttempt, isLocked, passwordKey, recordFailure, THROTTLE } from './throttle.js';
import { matchTotp, newTotpSecret, otpauthUrl } from './totp.js';

const TAG = 'auth';

export async function loadMe(tx: Tx, userId: string, pending: Actor['pending']): Promise<Me> {
  const result = await tx.execute<Record<string, unknown>>(sql`
    select u.id::text, u.org_id::text, o.name as org_name, u.email, u.last_name, u.first_name, u.middle_name, u.locale,
      u.totp_enabled,
      coalesce((select array_agg(ur.role_code order by ur.role_code) from user_roles ur where ur.user_id = u.id), '{}') as roles,
      coalesce((select array_agg(distinct p order by p) from user_roles ur join roles r on r.org_id = ur.org_id and r.code = ur.role_code,
        unnest(r.permissions) p where ur.user_id = u.id), '{}') as permissions,
      coalesce((select array_agg(ub.branch_id::text) from user_branches ub where ub.user_id = u.id), '{}') as branch_ids
    from users u join organizations o on o.id = u.org_id where u.id = ${userId}`);
  const row = result.rows[0];
  if (!row) throw unauthenticated();
  return {
    id: row.id as string,
    orgId: row.org_id as string,
    orgName: row.org_name as string,
    email: row.email as string,
    lastName: row.last_name as string,
    firstName: row.first_name as string,
    middleName: row.middle_name as string,
    locale: row.locale as Me['locale'],
    roles: row.roles as Me['roles'],
    permissions: row.permissions as Me['permissions'],
    branchIds: row.branch_ids as string[],
    totpEnabled: row.totp_enabled as boolean,
    pending,
  };
}

/**
 * Marks a TOTP step as used, only if it is later than the last one used. The condition is in the
 * UPDATE itself, so of two requests racing with the same code only one claims it (the other's UPDATE
 * waits for the row, then finds the step taken and changes nothing).
 */
async function claimTotpStep(tx: Tx, userId: string, step: number): Promise<boolean> {
  const claimed = await tx
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), lt(users.totpLastStep, step)))
    .returning({ id: users.id });
  return claimed.length === 1;
}

/** Whether the organisation requires a second factor of someone holding these roles. */
async function mfaRequired(tx: Tx, orgId: string, roles: string[]): Promise<boolean> {
  const [org] = await tx.select({ required: organizations.mfaRequiredRoles }).from(organizations).where(eq(organizations.id, orgId));
  return (org?.required ?? []).some((role) => roles.includes(role));
}

export function registerAuthRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/login',
    tag: TAG,
    summary: 'Log in with e-mail and password (and a TOTP code when the account has one)',
    access: { kind: 'public' },
    body: LoginInput,
    response: Session,
    handler: async ({ body, req, reply, deps }) => {
      const now = deps.now();
      const keys = [accountKey(body.email), addressKey(req.ip)];
      // Each outcome commits its own counters and audit record, then answers.
      const outcome = await system(deps.engine, async (tx) => {
        // Attempts on one account take turns: otherwise a burst of parallel guesses would all pass the
        // lock check before any failure is counted, and the lockout would not hold (PostgreSQL server).
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${keys[0]!}))`);
        if (await isLocked(tx, keys, now)) {
          await writeAudit(tx, auditContext(req, null), { action: 'login_failed', details: { reason: auditCode('locked') } });
          return { error: rateLimited('auth.lockedOut') } as const;
        }
        const [user] = await tx
          .select()
          .from(users)
          .where(sql`lower(${users.email}) = ${body.email}`);
        const passwordOk = user
          ? await verifyPassword(user.passwordHash, body.password)
          : await verifyPassword(await dummyHash(), body.password);
        const fail = async (reason: string, id: string) => {
          await recordFailure(tx, keys[0]!, THROTTLE.accountFailures, now);
          await recordFailure(tx, keys[1]!, THROTTLE.addressFailures, now);
          const ctx = { orgId: user?.orgId ?? null, userId: user?.id ?? null, ip: req.ip, requestId: req.id };
          await writeAudit(tx, ctx, {
            action: 'login_failed',
            recordType: 'user',
            recordId: user?.id ?? '',
            details: { reason: auditCode(reason) },
          });
          return { error: unauthenticated(id) } as const;
        };
        if (!user || !passwordOk) return fail('credentials', 'auth.invalidCredentials');
        if (!user.active) return fail('inactive', 'auth.invalidCredentials');
        if (user.totpEnabled && user.totpSecret) {
          if (!body.totp) return { error: unauthenticated('auth.totpRequired') } as const;
          const step = matchTotp(user.totpSecret, body.totp, now, user.totpLastStep);
          if (step === null || !(await claimTotpStep(tx, user.id, step))) return fail('totp', 'auth.totpInvalid');
        }
        await clearFailures(tx, keys[0]!);
        const roleRows = await tx.execute<{ role_code: string }>(sql`select role_code from user_roles where user_id = ${user.id}`);
        const roles = roleRows.rows.map((row) => row.role_code);
        const pending = !user.totpEnabled && (await mfaRequired(tx, user.orgId, roles)) ? 'totp_enrolment' : null;
        // A new session id at every log-in; a session the browser already had is ended.
        const presented = req.actor?.sessionId;
        if (presented) await endSession(tx, presented);
        const session = await createSession(tx, deps, user, pending, req.ip);
        await writeAudit(
          tx,
          { orgId: user.orgId, userId: user.id, ip: req.ip, requestId: req.id },
          { action: 'login', recordType: 'user', recordId: user.id },
        );
        return { session, me: await loadMe(tx, user.id, pending) } as const;
      });
      if ('error' in outcome) throw outcome.error;
      setSessionCookie(reply, req, outcome.session.token, deps);
      return { me: outcome.me, csrfToken: outcome.session.csrfToken };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/logout',
    tag: TAG,
    summary: 'End the current session',
    access: { kind: 'signed_in', records: 'own', allowPending: true },
    response: Ok,
    handler: async ({ actor, tx, audit, reply, req, deps }) => {
      await endSession(tx, actor.sessionId);
      await writeAudit(tx, audit, { action: 'logout', recordType: 'user', recordId: actor.userId });
      clearSessionCookie(reply, req, deps);
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/auth/me',
    tag: TAG,
    summary: 'The signed-in user, their roles and permissions, and the CSRF token for writes',
    access: { kind: 'signed_in', records: 'own', allowPending: true },
    response: Session,
    handler: async ({ actor, tx }) => ({ me: await loadMe(tx, actor.userId, actor.pending), csrfToken: actor.csrfToken }),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/auth/me/locale',
    tag: TAG,
    summary: 'Set the interface language of the signed-in user',
    access: { kind: 'signed_in', records: 'own', allowPending: true },
    body: LocaleInput,
    response: Ok,
    handler: async ({ actor, tx, audit, body }) => {
      // Every write to a staff record is audited with its previous value, preferences included.
      const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, actor.userId));
      await tx.update(users).set({ locale: body.locale }).where(eq(users.id, actor.userId));
      if (before && before.locale !== body.locale) {
        await writeAudit(tx, audit, {
          action: 'update',
          recordType: 'user',
          recordId: actor.userId,
          details: { fields: changes(before, { locale: body.locale }) },
        });
      }
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/password',
    tag: TAG,
    summary: 'Change own password; every other session of the user ends',
    access: { kind: 'signed_in', records: 'own' },
    body: PasswordChangeInput,
    response: Ok,
    // Wrong current passwords are throttled per user like log-ins. The count is kept as the owner
    // outside the request's transaction (login_throttle is closed to hearth_app, and the transaction
    // rolls back on a wrong password).
    outside: {
      before: async ({ actor, reply, deps }) => {
        const retryAfter = await system(deps.engine, (tx) => countPasswordAttempt(tx, actor.userId, deps.now()));
        if (retryAfter !== null) {
          void reply.header('retry-after', String(retryAfter));
          throw rateLimited('auth.lockedOut');
        }
      },
      succeeded: ({ actor, deps }) => system(deps.engine, (tx) => clearFailures(tx, passwordKey(actor.userId))),
    },
    handler: async ({ actor, tx, audit, body, deps }) => {
      const [user] = await tx.select({ hash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
      if (!user || !(await verifyPassword(user.hash, body.currentPassword))) {
        throw new AppError('validation', 'errors.validation', {}, [
          { path: 'currentPassword', code: 'auth.invalidCredentials', message: '' },
        ]);
      }
      await tx
        .update(users)
        .set({ passwordHash: await hashPassword(body.newPassword), passwordChangedAt: deps.now(), version: sql`${users.version} + 1` })
        .where(eq(users.id, actor.userId));
      await endUserSessions(tx, actor.userId, actor.sessionId);
      await writeAudit(tx, audit, { action: 'password_changed', recordType: 'user', recordId: actor.userId });
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/totp/setup',
    tag: TAG,
    summary: 'Start setting up a TOTP second factor: returns a new secret to add to an authenticator app',
    access: { kind: 'signed_in', records: 'own', allowPending: true },
    response: TotpEnrolment,
    handler: async ({ actor, tx }) => {
      const [user] = await tx.select({ email: users.email, enabled: users.totpEnabled }).from(users).where(eq(users.id, actor.userId));
      if (!user) throw unauthenticated();
      if (user.enabled) throw businessRule('auth.totpEnabled');
      const secret = newTotpSecret();
      await tx.update(users).set({ totpSecret: secret }).where(eq(users.id, actor.userId));
      return { secret, otpauthUrl: otpauthUrl(secret, user.email) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/totp/enable',
    tag: TAG,
    summary: 'Confirm the TOTP secret with a code; from now on log-in asks for a code',
    access: { kind: 'signed_in', records: 'own', allowPending: true },
    body: TotpCodeInput,
    response: Session,
    handler: async ({ actor, tx, audit, body, deps }) => {
      const [user] = await tx.select().from(users).where(eq(users.id, actor.userId));
      if (!user?.totpSecret || user.totpEnabled) throw businessRule('auth.totpRequired');
      const step = matchTotp(user.totpSecret, body.code, deps.now(), user.totpLastStep);
      if (step === null || !(await claimTotpStep(tx, actor.userId, step)))
        throw new AppError('validation', 'errors.validation', {}, [{ path: 'code', code: 'auth.totpInvalid', message: '' }]);
      await tx.update(users).set({ totpEnabled: true }).where(eq(users.id, actor.userId));
      await tx.execute(sql`update sessions set pending = null where id = ${actor.sessionId}`);
      await writeAudit(tx, audit, { action: 'totp_enabled', recordType: 'user', recordId: actor.userId });
      return { me: await loadMe(tx, actor.userId, null), csrfToken: actor.csrfToken };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/totp/disable',
    tag: TAG,
    summary: 'Turn off the second factor (with a current code), unless the organisation requires it',
    access: { kind: 'signed_in', records: 'own' },
    body: TotpCodeInput,
    response: Ok,
    handler: async ({ actor, tx, audit, body, deps }) => {
      const [user] = await tx.select().from(users).where(eq(users.id, actor.userId));
      if (!user?.totpEnabled || !user.totpSecret) throw businessRule('auth.totpRequired');
      if (await mfaRequired(tx, actor.orgId, actor.roles as RoleCode[])) throw businessRule('auth.enrolRequired');
      const step = matchTotp(user.totpSecret, body.code, deps.now(), user.totpLastStep);
      if (step === null || !(await claimTotpStep(tx, actor.userId, step)))
        throw new AppError('validation', 'errors.validation', {}, [{ path: 'code', code: 'auth.totpInvalid', message: '' }]);
      await tx.update(users).set({ totpEnabled: false, totpSecret: null }).where(eq(users.id, actor.userId));
      await writeAudit(tx, audit, { action: 'totp_disabled', recordType: 'user', recordId: actor.userId });
      return { ok: true as const };
    },
  });
}

export { SESSION_COOKIE };
