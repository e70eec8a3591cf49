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
