// Failed log-in throttling: per account (the e-mail typed, known or not, so the answer never tells
// whether an account exists) and per client address. Past the limit the key is locked for a while;
// the lock expires by itself. Runs as the owner: it is consulted before anyone is known.
import { eq, sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import { loginThrottle } from './tables.js';

export const THROTTLE = {
  windowMinutes: 15,
  lockMinutes: 15,
  accountFailures: 5,
  addressFailures: 30,
} as const;

export const accountKey = (email: string) => `account:${email.toLowerCase()}`;
export const addressKey = (ip: string) => `address:${ip}`;

export async function isLocked(tx: Tx, keys: string[], now: Date): Promise<boolean> {
  const rows = await tx
    .select({ lockedUntil: loginThrottle.lockedUntil })
    .from(loginThrottle)
    .where(sql`${loginThrottle.key} in ${keys}`);
  return rows.some((row) => row.lockedUntil !== null && row.lockedUntil > now);
}

export async function recordFailure(tx: Tx, key: string, limit: number, now: Date): Promise<void> {
  const windowStart = new Date(now.getTime() - THROTTLE.windowMinutes * 60_000);
  const lockUntil = new Date(now.getTime() + THROTTLE.lockMinutes * 60_000);
  // One statement, so two failures at the same moment both count.
  await tx.execute(sql`
    insert into login_throttle as t (key, failures, window_started_at) values (${key}, 1, ${now})
    on conflict (key) do update set
      failures = case when t.window_started_at < ${windowStart} then 1 else t.failures + 1 end,
      window_started_at = case when t.window_started_at < ${windowStart} then ${now} else t.window_started_at end,
      locked_until = case when t.window_started_at >= ${windowStart} and t.failures + 1 >= ${limit} then ${lockUntil} else t.locked_until end`);
}

export async function clearFailures(tx: Tx, key: string): Promise<void> {
  await tx.delete(loginThrottle).where(eq(loginThrottle.key, key));
}

/**
 * Wrong current passwords on a password change, per user: someone holding a stolen session must
 * not be able to guess the password behind it (issue 11, defect 10). Same limits as the account
 * key of the log-in, a key of its own so the two never lock each other.
 */
export const passwordKey = (userId: string) => `password:${userId}`;

/**
 * Counts a password-change attempt before the password is checked, in its own committed transaction
 * (the request's transaction rolls back on a wrong password, and would take the count with it); a
 * success clears it. Counting first also bounds parallel guesses: each one is counted before any is
 * checked. Returns the seconds left of a lock in force (the attempt is then refused, not counted),
 * or null when the attempt may go ahead.
 */
export async function countPasswordAttempt(tx: Tx, userId: string, now: Date): Promise<number | null> {
  const key = passwordKey(userId);
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${key}))`);
  const [row] = await tx.select({ lockedUntil: loginThrottle.lockedUntil }).from(loginThrottle).where(eq(loginThrottle.key, key));
  if (row?.lockedUntil && row.lockedUntil > now) return Math.max(1, Math.ceil((row.lockedUntil.getTime() - now.getTime()) / 1000));
  await recordFailure(tx, key, THROTTLE.accountFailures, now);
  return null;
}
