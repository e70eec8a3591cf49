// The public form's throttle kept in the database (migration 0047), on both engines: two server
// processes on one database share one count per address (and take each other's form tokens), a
// restart forgets nothing, the address is stored only as a keyed hash (an IPv6 address by its /64),
// stale rows are deleted as the form is used, and an address found over its limit is refused from
// the process's memory without asking the database again.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildApp } from '../http/app.js';
import { buildOrganization, buildTestApp, buildUser, login, type TestApp, type TestOrganization } from '../testing/harness.js';
import { application } from '../testing/volunteers.js';
import { PUBLIC_FORM_LIMITS, addressKey, resetPublicFormThrottle } from './public-form.js';

let t: TestApp;
let org: TestOrganization;
let slug: string;
/** A second server process on the same database (its own memory, its own routes). */
let second: FastifyInstance;

const secondProcess = async () => {
  const app = await buildApp({ engine: t.engine, config: t.config, now: t.clock.now });
  await app.ready();
  return app;
};

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const coord = await login(t, (await buildUser(t, org, ['coordinator'], org.branchIds)).email);
  slug = (await coord.get('/api/volunteers/settings')).json().formSlug;
  second = await secondProcess();
}, 120_000);
afterAll(async () => {
  await second.close();
  await t.close();
});
beforeEach(() => resetPublicFormThrottle(t.engine));

const open = async (app: FastifyInstance, ip: string) => {
  const res = await app.inject({ method: 'GET', url: `/api/public/volunteer-form/${slug}`, remoteAddress: ip });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().formToken as string;
};
const send = (app: FastifyInstance, ip: string, token: string, lastName: string) =>
  app.inject({
    method: 'POST',
    url: `/api/public/volunteer-form/${slug}`,
    payload: application(org.branchIds[0]!, token, { lastName }),
    remoteAddress: ip,
  });
const rows = () =>
  system(t.engine, async (tx) => {
    const found = await tx.execute<{ address_hash: Uint8Array; attempts: number }>(
      sql`select address_hash, attempts from public_form_throttle order by attempts desc`,
    );
    return found.rows.map((r) => ({ hash: Buffer.from(r.address_hash).toString('hex'), attempts: Number(r.attempts) }));
  });
const applications = () =>
  system(t.engine, async (tx) => Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from volunteers`)).rows[0]!.n));

describe('the public form’s throttle across server processes', () => {
  it('holds across two processes on one database: the address gets its limit once, not once per process', async () => {
    const ip = '198.51.100.21';
    const token = await open(t.app, ip);
    t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
    const before = await applications();
    const answers: number[] = [];
    // Alternating between the processes, as a load balancer would send them.
    for (let i = 0; i < 12; i++) answers.push((await send(i % 2 === 0 ? t.app : second, ip, token, `Двое${i}`)).statusCode);
    expect(answers.filter((s) => s === 201)).toHaveLength(PUBLIC_FORM_LIMITS.perAddress);
    expect(answers.slice(PUBLIC_FORM_LIMITS.perAddress).every((s) => s === 429)).toBe(true);
    expect(await applications()).toBe(before + PUBLIC_FORM_LIMITS.perAddress);
    // Another address is served by both.
    expect((await send(second, '198.51.100.22', token, 'Другая')).statusCode).toBe(201);
  });

  it('a form opened at one process is sent through the other (one installation secret, not one per process)', async () => {
    const token = await open(second, '198.51.100.23');
    t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
    const res = await send(t.app, '198.51.100.23', token, 'Токенова');
    expect(res.statusCode, res.body).toBe(201);
  });

  it('a restart forgets nothing: a new process refuses the address still over its limit', async () => {
    const ip = '198.51.100.24';
    const token = await open(t.app, ip);
    t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
    for (let i = 0; i < PUBLIC_FORM_LIMITS.perAddress; i++) expect((await send(t.app, ip, token, `Рестарт${i}`)).statusCode).toBe(201);
    const restarted = await secondProcess();
    try {
      expect((await send(restarted, ip, token, 'ПослеРестарта')).statusCode).toBe(429);
      // Once the window has passed, the address is served again.
      t.clock.advance(PUBLIC_FORM_LIMITS.windowMs);
      const fresh = await open(restarted, ip);
      t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
      expect((await send(restarted, ip, fresh, 'ЧерезОкно')).statusCode).toBe(201);
    } finally {
      await restarted.close();
    }
  });

  it('keeps a keyed hash of the address, never the address; an IPv6 address counts by its /64', async () => {
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressKey('198.51.100.7')).toBe('198.51.100.7');
    const token = await open(t.app, '2001:db8:1:2::1');
    t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
    // A new address of the same /64 for every submission does not escape the count.
    const answers: number[] = [];
    for (let i = 0; i < PUBLIC_FORM_LIMITS.perAddress + 2; i++)
      answers.push((await send(t.app, `2001:db8:1:2::${(i + 10).toString(16)}`, token, `Шестая${i}`)).statusCode);
    expect(answers.filter((s) => s === 201)).toHaveLength(PUBLIC_FORM_LIMITS.perAddress);
    const stored = await rows();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    const dump = await system(t.engine, async (tx) =>
      JSON.stringify((await tx.execute(sql`select encode(address_hash, 'escape') as raw, * from public_form_throttle`)).rows),
    );
    expect(dump).not.toContain('2001:db8');
    expect(dump).not.toContain('2001');
  });

  it('deletes stale rows as it counts, so the table holds only the current window', async () => {
    const token = await open(t.app, '198.51.100.30');
    t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
    for (let i = 0; i < 4; i++) expect((await send(t.app, `198.51.100.${30 + i}`, token, `Старая${i}`)).statusCode).toBe(201);
    expect(await rows()).toHaveLength(4);
    t.clock.advance(PUBLIC_FORM_LIMITS.windowMs + PUBLIC_FORM_LIMITS.cleanupEveryMs);
    const fresh = await open(t.app, '198.51.100.40');
    t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
    expect((await send(t.app, '198.51.100.40', fresh, 'Новая')).statusCode).toBe(201);
    expect(await rows()).toEqual([{ hash: expect.stringMatching(/^[0-9a-f]{64}$/), attempts: 1 }]);
  });

  it('refuses the rest of a flood from memory, without asking the database', async () => {
    const ip = '198.51.100.50';
    const token = await open(t.app, ip);
    t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
    for (let i = 0; i <= PUBLIC_FORM_LIMITS.perAddress; i++) await send(t.app, ip, token, `Поток${i}`);
    const counted = (await rows())[0]!.attempts;
    expect(counted).toBe(PUBLIC_FORM_LIMITS.perAddress + 1);
    for (let i = 0; i < 50; i++) expect((await send(t.app, ip, token, `Поток${i}`)).statusCode).toBe(429);
    // The database was not asked again: the count stands where the limit was found.
    expect((await rows())[0]!.attempts).toBe(counted);
  });
});
