// Accounts through the real HTTP app: log-in answers that do not tell whether an account exists,
// lockout and per-address throttling that expire by themselves, session fixation, log-out, idle and
// absolute expiry, password change, and the TOTP second factor (replay, enrolment required by the
// organisation, reset by an admin). Time is moved with the test clock, never waited for.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import {
  buildOrganization,
  buildTestApp,
  buildUser,
  login,
  PASSWORD,
  type Client,
  type TestApp,
  type TestOrganization,
} from '../testing/harness.js';
import { THROTTLE } from './throttle.js';
import { totpCode, totpStep } from './totp.js';

let t: TestApp;
let org: TestOrganization;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
});
afterAll(() => t.close());

const MINUTE = 60_000;
let addressCounter = 0;
/** A fresh client address, so failures in one test never throttle another. */
const newAddress = () => `10.1.${Math.floor(++addressCounter / 250)}.${addressCounter % 250}`;

function attempt(email: string, password: string, options: { ip?: string; totp?: string; headers?: Record<string, string> } = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email, password, ...(options.totp && { totp: options.totp }) },
    remoteAddress: options.ip ?? '127.0.0.1',
    ...(options.headers && { headers: options.headers }),
  });
}

/** The error body without its request id, which differs on every answer by design. */
function errorOf(res: { json(): unknown }) {
  const { error } = res.json() as { error: Record<string, unknown> };
  const { requestId, ...rest } = error;
  expect(requestId).toEqual(expect.any(String));
  return rest;
}

const sessionCookie = (res: { cookies: { name: string; value: string }[] }) => res.cookies.find((c) => c.name === 'hearth_session');

async function throttleRow(key: string) {
  const result = await system(t.engine, (tx) =>
    tx.execute<{ failures: number }>(sql`select failures from login_throttle where key = ${key}`),
  );
  return result.rows[0];
}

describe('log-in', () => {
  it('succeeds with the right password and sets an HttpOnly cookie', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const res = await attempt(email.toUpperCase(), PASSWORD);
    expect(res.statusCode).toBe(200);
    expect(res.json().me).toMatchObject({ email, roles: ['case_worker'], pending: null });
    expect(res.json().csrfToken).toMatch(/^[\w-]{24,}$/);
    expect(sessionCookie(res)).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(res.body).not.toContain('passwordHash');
  });

  it('gives the same 401 for a wrong password, an unknown e-mail and a deactivated account', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const deactivated = await buildUser(t, org, ['lawyer']);
    await system(t.engine, (tx) => tx.execute(sql`update users set active = false where id = ${deactivated.id}`));
    const answers = [
      await attempt(email, 'wrong password', { ip: newAddress() }),
      await attempt(`nobody-${email}`, 'wrong password', { ip: newAddress() }),
      await attempt(deactivated.email, PASSWORD, { ip: newAddress() }),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(sessionCookie(res)).toBeUndefined();
    }
    const bodies = answers.map(errorOf);
    expect(bodies[0]).toEqual({ kind: 'unauthenticated', id: 'auth.invalidCredentials', message: 'Неверная почта или пароль' });
    expect(bodies[1]).toEqual(bodies[0]);
    expect(bodies[2]).toEqual(bodies[0]);
  });

  it(`locks an account after ${THROTTLE.accountFailures} failures, from any address, until the lock expires by itself`, async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    for (let i = 0; i < THROTTLE.accountFailures; i++) {
      expect((await attempt(email, `wrong ${i}`, { ip: newAddress() })).statusCode).toBe(401);
    }
    // Now even the right password, from yet another address, is refused.
    const locked = await attempt(email, PASSWORD, { ip: newAddress() });
    expect(locked.statusCode).toBe(429);
    expect(errorOf(locked)).toMatchObject({ kind: 'rate_limited', id: 'auth.lockedOut' });
    expect(sessionCookie(locked)).toBeUndefined();
    t.clock.advance(THROTTLE.lockMinutes * MINUTE - 2 * MINUTE);
    expect((await attempt(email, PASSWORD, { ip: newAddress() })).statusCode).toBe(429);
    t.clock.advance(3 * MINUTE);
    expect((await attempt(email, PASSWORD, { ip: newAddress() })).statusCode).toBe(200);
    // Success clears the account's count: one more failure does not lock it again.
    expect((await attempt(email, 'wrong again', { ip: newAddress() })).statusCode).toBe(401);
    expect((await attempt(email, PASSWORD, { ip: newAddress() })).statusCode).toBe(200);
  });

  it('locks a nonexistent e-mail the same way, so lockout does not tell whether an account exists', async () => {
    const ghost = `ghost-${Date.now()}@nowhere.test`;
    const real = (await buildUser(t, org, ['case_worker'])).email;
    const answers: { ghost: number[]; real: number[] } = { ghost: [], real: [] };
    for (let i = 0; i <= THROTTLE.accountFailures; i++) {
      answers.ghost.push((await attempt(ghost, 'guess', { ip: newAddress() })).statusCode);
      answers.real.push((await attempt(real, 'guess', { ip: newAddress() })).statusCode);
    }
    expect(answers.ghost).toEqual([401, 401, 401, 401, 401, 429]);
    expect(answers.real).toEqual(answers.ghost);
    const [g, r] = [await attempt(ghost, 'guess', { ip: newAddress() }), await attempt(real, 'guess', { ip: newAddress() })];
    expect(errorOf(g)).toEqual(errorOf(r));
    t.clock.advance(THROTTLE.lockMinutes * MINUTE + 1000);
  });

  it(`throttles an address after ${THROTTLE.addressFailures} failures on any accounts, for every account, until it expires`, async () => {
    const ip = newAddress();
    const { email } = await buildUser(t, org, ['case_worker']);
    // Different e-mails each time, so no single account reaches its own limit.
    for (let i = 0; i < THROTTLE.addressFailures; i++) {
      expect((await attempt(`spray-${i}@nowhere.test`, 'guess', { ip })).statusCode).toBe(401);
    }
    expect((await attempt(email, PASSWORD, { ip })).statusCode).toBe(429);
    // The account itself is not locked: from another address it logs in.
    expect((await attempt(email, PASSWORD, { ip: newAddress() })).statusCode).toBe(200);
    t.clock.advance(THROTTLE.lockMinutes * MINUTE + 1000);
    expect((await attempt(email, PASSWORD, { ip })).statusCode).toBe(200);
  });

  it('parallel guesses cannot slip past the lockout', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt(email, `parallel ${i}`, { ip: newAddress() })));
    const statuses = burst.map((res) => res.statusCode).sort();
    expect(statuses).toEqual([...Array(THROTTLE.accountFailures).fill(401), ...Array(10 - THROTTLE.accountFailures).fill(429)]);
    t.clock.advance(THROTTLE.lockMinutes * MINUTE + 1000);
  });

  it('counts failures only within the window', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    for (let i = 0; i < THROTTLE.accountFailures - 1; i++) await attempt(email, 'wrong', { ip: newAddress() });
    t.clock.advance(THROTTLE.windowMinutes * MINUTE + 1000);
    expect((await attempt(email, 'wrong', { ip: newAddress() })).statusCode).toBe(401);
    expect((await throttleRow(`account:${email}`))?.failures).toBe(1);
    expect((await attempt(email, PASSWORD, { ip: newAddress() })).statusCode).toBe(200);
  });

  it('refuses malformed log-in bodies with 400', async () => {
    for (const payload of [{}, { email: 'a@b.test' }, { email: 'a@b.test', password: 'x', remember: true }, { email: 1, password: 2 }]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode).toBe(400);
    }
  });
});

describe('sessions', () => {
  it('issues a new session id at every log-in and ends the one presented (no fixation)', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const first = await login(t, email);
    // Logging in again from the same browser (cookie and token sent along).
    const again = await first.post('/api/auth/login', { email, password: PASSWORD });
    expect(again.statusCode).toBe(200);
    const renewed = sessionCookie(again)!;
    expect(`hearth_session=${renewed.value}`).not.toBe(first.cookie);
    expect((await first.get('/api/auth/me')).statusCode).toBe(401);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `hearth_session=${renewed.value}` } });
    expect(me.statusCode).toBe(200);
  });

  it('ignores a session id chosen by someone else: log-in issues its own', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const planted = 'attacker-chosen-session-token-0123456789abcdef';
    const res = await attempt(email, PASSWORD, { headers: { cookie: `hearth_session=${planted}` } });
    expect(res.statusCode).toBe(200);
    expect(sessionCookie(res)!.value).not.toBe(planted);
    const withPlanted = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: `hearth_session=${planted}` } });
    expect(withPlanted.statusCode).toBe(401);
  });

  it('stores only a hash of the session token', async () => {
    const { id, email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    const token = client.cookie.split('=')[1]!;
    const result = await system(t.engine, (tx) => tx.execute<{ id: string }>(sql`select id from sessions where user_id = ${id}`));
    expect(result.rows).toHaveLength(1);
    expect(result.rows[0]!.id).not.toContain(token);
    expect(result.rows[0]!.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('log-out ends the session and clears the cookie', async () => {
    const client = await login(t, (await buildUser(t, org, ['case_worker'])).email);
    const res = await client.post('/api/auth/logout');
    expect(res.statusCode).toBe(200);
    const cleared = sessionCookie(res);
    expect(cleared?.value).toBe('');
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    expect((await client.get('/api/branches')).statusCode).toBe(401);
  });

  it('ends after 30 minutes without activity; activity keeps it alive', async () => {
    const client = await login(t, (await buildUser(t, org, ['case_worker'])).email);
    t.clock.advance(29 * MINUTE);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(29 * MINUTE);
    expect((await client.get('/api/auth/me')).statusCode).toBe(200);
    t.clock.advance(31 * MINUTE);
    const expired = await client.get('/api/auth/me');
    expect(expired.statusCode).toBe(401);
    // Ended for good: going back in activity does not revive it.
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('ends 12 hours after log-in however active it is', async () => {
    const client = await login(t, (await buildUser(t, org, ['case_worker'])).email);
    let elapsed = 0;
    while (elapsed + 25 * MINUTE < 12 * 60 * MINUTE) {
      t.clock.advance(25 * MINUTE);
      elapsed += 25 * MINUTE;
      expect((await client.get('/api/auth/me')).statusCode, `after ${elapsed / MINUTE} min`).toBe(200);
    }
    t.clock.advance(12 * 60 * MINUTE - elapsed + 1000);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('a password change ends the other sessions and keeps the current one', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const [here, elsewhere] = [await login(t, email), await login(t, email)];
    const newPassword = 'a brand new passphrase';
    const res = await here.post('/api/auth/password', { currentPassword: PASSWORD, newPassword });
    expect(res.statusCode).toBe(200);
    expect((await here.get('/api/auth/me')).statusCode).toBe(200);
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(401);
    expect((await attempt(email, PASSWORD, { ip: newAddress() })).statusCode).toBe(401);
    expect((await attempt(email, newPassword, { ip: newAddress() })).statusCode).toBe(200);
  });

  it("an admin's password reset ends every session of the member", async () => {
    const { id, email } = await buildUser(t, org, ['case_worker']);
    const member = await login(t, email);
    const admin = await login(t, org.adminEmail);
    expect((await admin.post(`/api/users/${id}/password`, { password: 'set by the admin 1' })).statusCode).toBe(200);
    expect((await member.get('/api/auth/me')).statusCode).toBe(401);
    expect((await attempt(email, PASSWORD, { ip: newAddress() })).statusCode).toBe(401);
    expect((await attempt(email, 'set by the admin 1', { ip: newAddress() })).statusCode).toBe(200);
  });

  it('a password change with the wrong current password changes nothing', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const [here, elsewhere] = [await login(t, email), await login(t, email)];
    const res = await here.post('/api/auth/password', { currentPassword: 'not my password', newPassword: 'a brand new passphrase' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('currentPassword');
    expect((await elsewhere.get('/api/auth/me')).statusCode).toBe(200);
    expect((await attempt(email, PASSWORD, { ip: newAddress() })).statusCode).toBe(200);
  });

  it('a too short new password is refused naming the field', async () => {
    const client = await login(t, (await buildUser(t, org, ['case_worker'])).email);
    const res = await client.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'short' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'newPassword', code: 'validation.weak_password' });
  });
});

/** The code an authenticator app would show now (the test clock's now). */
const codeNow = (secret: string, offsetSteps = 0) => totpCode(secret, totpStep(t.clock.now()) + offsetSteps);

/** Sets up and enables TOTP for a signed-in client; returns the secret. */
async function enrol(client: Client): Promise<string> {
  const setup = await client.post('/api/auth/totp/setup');
  expect(setup.statusCode).toBe(200);
  const { secret, otpauthUrl } = setup.json() as { secret: string; otpauthUrl: string };
  expect(otpauthUrl).toContain(`secret=${secret}`);
  const enabled = await client.post('/api/auth/totp/enable', { code: codeNow(secret) });
  expect(enabled.statusCode).toBe(200);
  expect(enabled.json().me).toMatchObject({ totpEnabled: true, pending: null });
  return secret;
}

describe('TOTP second factor', () => {
  it('once enabled, log-in needs a valid code; a code cannot be used twice', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    const secret = await enrol(client);
    const ip = newAddress();

    const noCode = await attempt(email, PASSWORD, { ip });
    expect(noCode.statusCode).toBe(401);
    expect(errorOf(noCode).id).toBe('auth.totpRequired');
    expect(sessionCookie(noCode)).toBeUndefined();

    // The code used to enable is spent; the next step's code works.
    expect(errorOf(await attempt(email, PASSWORD, { ip, totp: codeNow(secret) })).id).toBe('auth.totpInvalid');
    t.clock.advance(30_000);
    const code = codeNow(secret);
    const ok = await attempt(email, PASSWORD, { ip, totp: code });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().me.totpEnabled).toBe(true);

    const replay = await attempt(email, PASSWORD, { ip, totp: code });
    expect(replay.statusCode).toBe(401);
    expect(errorOf(replay).id).toBe('auth.totpInvalid');
  });

  it('two log-ins racing with one code: only one gets in', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const secret = await enrol(await login(t, email));
    t.clock.advance(30_000);
    const code = codeNow(secret);
    const race = await Promise.all([1, 2, 3].map(() => attempt(email, PASSWORD, { ip: newAddress(), totp: code })));
    expect(race.map((res) => res.statusCode).sort()).toEqual([200, 401, 401]);
  });

  it('a wrong code counts as a failed log-in, up to lockout', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const secret = await enrol(await login(t, email));
    const wrong = String((Number(codeNow(secret)) + 1) % 1_000_000).padStart(6, '0');
    for (let i = 0; i < THROTTLE.accountFailures; i++) {
      const res = await attempt(email, PASSWORD, { ip: newAddress(), totp: wrong });
      expect(res.statusCode).toBe(401);
    }
    expect((await throttleRow(`account:${email}`))?.failures).toBe(THROTTLE.accountFailures);
    t.clock.advance(30_000);
    expect((await attempt(email, PASSWORD, { ip: newAddress(), totp: codeNow(secret) })).statusCode).toBe(429);
    t.clock.advance(THROTTLE.lockMinutes * MINUTE);
    expect((await attempt(email, PASSWORD, { ip: newAddress(), totp: codeNow(secret) })).statusCode).toBe(200);
  });

  it('enabling needs a correct code; a wrong one leaves the second factor off', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    const { secret } = (await client.post('/api/auth/totp/setup')).json() as { secret: string };
    const res = await client.post('/api/auth/totp/enable', { code: codeNow(secret, 5) });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'code', code: 'auth.totpInvalid' });
    expect((await client.get('/api/auth/me')).json().me.totpEnabled).toBe(false);
    expect((await attempt(email, PASSWORD, { ip: newAddress() })).statusCode).toBe(200);
  });

  it('the secret is never shown again once enabled, nor in the user record', async () => {
    const { id, email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    const secret = await enrol(client);
    expect((await client.post('/api/auth/totp/setup')).statusCode).toBe(422);
    const admin = await login(t, org.adminEmail);
    const view = await admin.get(`/api/users/${id}`);
    expect(view.json().totpEnabled).toBe(true);
    expect(view.body).not.toContain(secret);
    expect((await client.get('/api/auth/me')).body).not.toContain(secret);
  });

  it('turning it off needs a current code', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    const secret = await enrol(client);
    t.clock.advance(30_000);
    expect((await client.post('/api/auth/totp/disable', { code: '000000' === codeNow(secret) ? '111111' : '000000' })).statusCode).toBe(
      400,
    );
    expect((await client.post('/api/auth/totp/disable', { code: codeNow(secret) })).statusCode).toBe(200);
    expect((await attempt(email, PASSWORD, { ip: newAddress() })).statusCode).toBe(200);
  });

  it('an admin can reset a lost second factor: sessions end, log-in works with the password alone', async () => {
    const { id, email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    await enrol(client);
    const colleague = await login(t, (await buildUser(t, org, ['coordinator'])).email);
    expect((await colleague.post(`/api/users/${id}/totp-reset`)).statusCode).toBe(403);

    const admin = await login(t, org.adminEmail);
    expect((await admin.post(`/api/users/${id}/totp-reset`)).statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
    const res = await attempt(email, PASSWORD, { ip: newAddress() });
    expect(res.statusCode).toBe(200);
    expect(res.json().me.totpEnabled).toBe(false);

    const other = await buildOrganization(t);
    const otherAdmin = await login(t, other.adminEmail);
    expect((await otherAdmin.post(`/api/users/${id}/totp-reset`)).statusCode).toBe(404);
  });
});

describe('second factor required by the organisation', () => {
  let mfaOrg: TestOrganization;

  beforeAll(async () => {
    mfaOrg = await buildOrganization(t);
    const admin = await login(t, mfaOrg.adminEmail);
    const current = (await admin.get('/api/organization')).json();
    const res = await admin.put('/api/organization', { name: current.name, mfaRequiredRoles: ['case_worker'], version: current.version });
    expect(res.statusCode).toBe(200);
  });

  it('a holder without TOTP gets a session pending enrolment, where only the auth routes work', async () => {
    const { email } = await buildUser(t, mfaOrg, ['case_worker']);
    const client = await login(t, email);
    expect(client.me.pending).toBe('totp_enrolment');
    expect((await client.get('/api/auth/me')).json().me.pending).toBe('totp_enrolment');

    for (const url of ['/api/branches', '/api/programmes', '/api/organization']) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error.id).toBe('errors.mfa_pending');
    }
    expect((await client.post('/api/branches', { name: 'x', city: 'y' })).statusCode).toBe(403);
    expect((await client.post('/api/auth/password', { currentPassword: PASSWORD, newPassword: 'another long one' })).statusCode).toBe(403);
    expect((await client.put('/api/auth/me/locale', { locale: 'en' })).statusCode).toBe(200);

    await enrol(client);
    expect((await client.get('/api/branches')).statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).json().me.pending).toBeNull();

    // From now on log-in asks for the code, and the second factor cannot be turned off.
    t.clock.advance(30_000);
    const secretless = await attempt(email, PASSWORD, { ip: newAddress() });
    expect(errorOf(secretless).id).toBe('auth.totpRequired');
  });

  it('the second factor cannot be turned off while the organisation requires it', async () => {
    const { email } = await buildUser(t, mfaOrg, ['case_worker']);
    const client = await login(t, email);
    const secret = await enrol(client);
    t.clock.advance(30_000);
    const res = await client.post('/api/auth/totp/disable', { code: codeNow(secret) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.id).toBe('auth.enrolRequired');
  });

  it('roles the organisation does not list log in as usual', async () => {
    const client = await login(t, (await buildUser(t, mfaOrg, ['psychologist'])).email);
    expect(client.me.pending).toBeNull();
    expect((await client.get('/api/branches')).statusCode).toBe(200);
  });

  it('a pending session can log out', async () => {
    const client = await login(t, (await buildUser(t, mfaOrg, ['case_worker'])).email);
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });

  it('after an admin reset, the next log-in is pending enrolment again', async () => {
    const { id, email } = await buildUser(t, mfaOrg, ['case_worker']);
    await enrol(await login(t, email));
    const admin = await login(t, mfaOrg.adminEmail);
    expect((await admin.post(`/api/users/${id}/totp-reset`)).statusCode).toBe(200);
    const client = await login(t, email);
    expect(client.me.pending).toBe('totp_enrolment');
  });
});
