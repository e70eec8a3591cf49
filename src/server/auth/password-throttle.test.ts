// Wrong current passwords on a password change are throttled per user (issue 11, defect 10): someone
// holding a stolen session cannot guess the password behind it. Each wrong attempt is counted even
// though its request fails and rolls back; past the limit the route answers 429 with Retry-After,
// the right password included, until the lock expires by itself. Through the real HTTP app.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildOrganization, buildTestApp, buildUser, login, PASSWORD, type TestApp, type TestOrganization } from '../testing/harness.js';
import { passwordKey, THROTTLE } from './throttle.js';

let t: TestApp;
let org: TestOrganization;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
});
afterAll(() => t.close());

const MINUTE = 60_000;
const WRONG = { currentPassword: 'not my password', newPassword: 'a brand new passphrase' };
const RIGHT = { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' };

async function failures(userId: string): Promise<number | undefined> {
  const result = await system(t.engine, (tx) =>
    tx.execute<{ failures: number }>(sql`select failures from login_throttle where key = ${passwordKey(userId)}`),
  );
  return result.rows[0]?.failures;
}

async function passwordHash(userId: string): Promise<string> {
  const result = await system(t.engine, (tx) => tx.execute<{ h: string }>(sql`select password_hash as h from users where id = ${userId}`));
  return result.rows[0]!.h;
}

describe('password change throttle', () => {
  it(`counts every wrong current password, then refuses with 429 and Retry-After — the right one too — until the lock expires`, async () => {
    const { id, email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    const hash = await passwordHash(id);
    for (let i = 1; i <= THROTTLE.accountFailures; i++) {
      const res = await client.post('/api/auth/password', WRONG);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('currentPassword');
      // Recorded although the request failed and its transaction rolled back.
      expect(await failures(id)).toBe(i);
    }
    const locked = await client.post('/api/auth/password', RIGHT);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toMatchObject({ kind: 'rate_limited', id: 'auth.lockedOut' });
    expect(Number(locked.headers['retry-after'])).toBe(THROTTLE.lockMinutes * 60);
    expect(await passwordHash(id)).toBe(hash);
    // A refused attempt is not counted again, and the lock holds until it expires.
    expect(await failures(id)).toBe(THROTTLE.accountFailures);
    t.clock.advance(THROTTLE.lockMinutes * MINUTE - 5 * MINUTE);
    const later = await client.post('/api/auth/password', RIGHT);
    expect(later.statusCode).toBe(429);
    expect(Number(later.headers['retry-after'])).toBe(5 * 60);

    t.clock.advance(5 * MINUTE + 1000);
    expect((await client.post('/api/auth/password', RIGHT)).statusCode).toBe(200);
    expect(await passwordHash(id)).not.toBe(hash);
    expect(await failures(id)).toBeUndefined();
  });

  it('a success clears the count; the lock is per user and leaves the log-in alone', async () => {
    const first = await buildUser(t, org, ['case_worker']);
    const other = await buildUser(t, org, ['case_worker']);
    const client = await login(t, first.email);
    for (let i = 1; i < THROTTLE.accountFailures; i++) expect((await client.post('/api/auth/password', WRONG)).statusCode).toBe(400);
    expect((await client.post('/api/auth/password', RIGHT)).statusCode).toBe(200);
    expect(await failures(first.id)).toBeUndefined();
    const back = { currentPassword: RIGHT.newPassword, newPassword: PASSWORD };
    for (let i = 1; i <= THROTTLE.accountFailures; i++) expect((await client.post('/api/auth/password', WRONG)).statusCode).toBe(400);
    expect((await client.post('/api/auth/password', back)).statusCode).toBe(429);

    // Another user of the organisation is not touched, and the locked user can still log in.
    const otherClient = await login(t, other.email);
    expect((await otherClient.post('/api/auth/password', RIGHT)).statusCode).toBe(200);
    expect((await login(t, first.email, RIGHT.newPassword)).me.id).toBe(first.id);
  });

  it('a burst of parallel guesses gets no more than the limit checked', async () => {
    const { id, email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    const statuses = (await Promise.all(Array.from({ length: 10 }, () => client.post('/api/auth/password', WRONG)))).map(
      (r) => r.statusCode,
    );
    expect(statuses.filter((s) => s === 400)).toHaveLength(THROTTLE.accountFailures);
    expect(statuses.filter((s) => s === 429)).toHaveLength(10 - THROTTLE.accountFailures);
    expect(await failures(id)).toBe(THROTTLE.accountFailures);
  });

  it('a refused new password (validation) is not counted as a guess', async () => {
    const { id, email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    for (let i = 0; i < THROTTLE.accountFailures + 1; i++) {
      expect((await client.post('/api/auth/password', { currentPassword: 'x', newPassword: 'short' })).statusCode).toBe(400);
    }
    expect(await failures(id)).toBeUndefined();
    expect((await client.post('/api/auth/password', RIGHT)).statusCode).toBe(200);
  });
});
