// Server-side sessions. The cookie holds a random token; the database holds only its SHA-256, so a
// leaked database cannot be replayed as cookies. Idle timeout and absolute lifetime are checked on
// every request; a fresh id is issued at every log-in (no session fixation).
import crypto from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { permissionsOf, type RoleCode } from '../../domain/access/permissions.js';
import type { Tx } from '../db/engine.js';
import type { Actor, Deps } from '../http/context.js';
import { sessions } from './tables.js';

export const SESSION_COOKIE = 'hearth_session';

export const hashToken = (token: string) => crypto.createHash('sha256').update(token).digest('hex');

export async function createSession(
  tx: Tx,
  deps: Deps,
  user: { id: string; orgId: string },
  pending: Actor['pending'],
  ip: string,
): Promise<{ token: string; csrfToken: string; id: string }> {
  const token = crypto.randomBytes(32).toString('base64url');
  const csrfToken = crypto.randomBytes(24).toString('base64url');
  const id = hashToken(token);
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + deps.config.sessionLifetimeHours * 3_600_000);
  await tx
    .insert(sessions)
    .values({ id, orgId: user.orgId, userId: user.id, csrfToken, pending, ip, createdAt: now, lastSeenAt: now, expiresAt });
  return { token, csrfToken, id };
}

/** The session cookie's attributes; the cookie that clears it on log-out says the same (SameSite=Strict). */
function cookieAttributes(req: FastifyRequest, deps: Deps) {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure: deps.config.production || req.protocol === 'https' } as const;
}

export function setSessionCookie(reply: FastifyReply, req: FastifyRequest, token: string, deps: Deps): void {
  reply.setCookie(SESSION_COOKIE, token, { ...cookieAttributes(req, deps), maxAge: deps.config.sessionLifetimeHours * 3600 });
}

export function clearSessionCookie(reply: FastifyReply, req: FastifyRequest, deps: Deps): void {
  reply.clearCookie(SESSION_COOKIE, cookieAttributes(req, deps));
}

interface SessionRow extends Record<string, unknown> {
  id: string;
  org_id: string;
  user_id: string;
  csrf_token: string;
  pending: Actor['pending'];
  last_seen_at: Date | string;
  expires_at: Date | string;
  roles: RoleCode[] | null;
  permissions: string[] | null;
  branch_ids: string[] | null;
}

/** Finds the live session of a cookie token and the user's current roles; ends an expired one. */
export async function findActor(tx: Tx, deps: Deps, token: string): Promise<Actor | null> {
  const id = hashToken(token);
  const result = await tx.execute<SessionRow>(sql`
    select s.id, s.org_id::text, s.user_id::text, s.csrf_token, s.pending, s.last_seen_at, s.expires_at,
      (select array_agg(ur.role_code) from user_roles ur where ur.user_id = u.id) as roles,
      (select array_agg(distinct p) from user_roles ur join roles r on r.org_id = ur.org_id and r.code = ur.role_code,
         unnest(r.permissions) p where ur.user_id = u.id) as permissions,
      (select array_agg(ub.branch_id::text) from user_branches ub where ub.user_id = u.id) as branch_ids
    from sessions s join users u on u.id = s.user_id and u.active
    where s.id = ${id}`);
  const row = result.rows[0];
  if (!row) return null;
  const now = deps.now();
  const lastSeen = new Date(row.last_seen_at);
  const idleLimit = new Date(lastSeen.getTime() + deps.config.sessionIdleMinutes * 60_000);
  if (now > idleLimit || now > new Date(row.expires_at)) {
    await tx.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  // Touch at most once a minute: enough for a 30-minute idle timeout, and spares a write per request.
  if (now.getTime() - lastSeen.getTime() > 60_000) {
    await tx.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return {
    userId: row.user_id,
    orgId: row.org_id,
    sessionId: id,
    csrfToken: row.csrf_token,
    pending: row.pending,
    roles: row.roles ?? [],
    permissions: permissionsOf([{ permissions: row.permissions ?? [] }]),
    branchIds: row.branch_ids ?? [],
  };
}

export async function endSession(tx: Tx, sessionId: string): Promise<void> {
  await tx.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user, or every one but `keep` (after a password change). */
export async function endUserSessions(tx: Tx, userId: string, keep?: string): Promise<void> {
  await tx.delete(sessions).where(keep ? and(eq(sessions.userId, userId), ne(sessions.id, keep)) : eq(sessions.userId, userId));
}
