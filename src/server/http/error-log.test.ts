// A server error leaves no personal data in the log (issue 11, defect 2). Triggers that fail every
// write of a family, a member and a user force a 500 on requests full of personal data; the log the
// app wrote (development and production mode) must hold the request id, route, error class and
// code, and none of the text, names, phone, e-mail, password or password hash the requests carried.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.js';
import { system } from '../db/gateway.js';
import { buildFamily, motherInput } from '../testing/casework.js';
import { buildOrganization, buildUser, createTestDatabase, login, type TestApp, type TestDatabase } from '../testing/harness.js';
import { buildApp } from './app.js';
import { errorLine, errorRecord } from './error-log.js';

let db: TestDatabase;
const MARKERS = [
  'MARK-NOTE-TEXT',
  'MARK-SURNAME',
  'MARK-FIRSTNAME',
  '123-45-67',
  'mark-email@leak.test',
  'MARK-password-typed',
  'MARK-LASTNAME',
];

beforeAll(async () => {
  db = await createTestDatabase();
}, 120_000);
afterAll(() => db.drop());

/** An app writing its log into an array, in development or production mode. */
async function appWithLog(production: boolean): Promise<{ t: TestApp; lines: string[] }> {
  const lines: string[] = [];
  const config = { ...loadConfig({}), serveWeb: false, production };
  const app = await buildApp({ engine: db.engine, config, now: () => new Date(), logStream: { write: (line) => void lines.push(line) } });
  await app.ready();
  const t: TestApp = {
    app,
    engine: db.engine,
    config,
    clock: { now: () => new Date(), advance: () => undefined },
    close: () => app.close(),
  };
  return { t, lines };
}

async function failEveryWrite(table: string): Promise<void> {
  await system(db.engine, async (tx) => {
    await tx.execute(
      sql.raw(`create or replace function test_fail_write() returns trigger language plpgsql as $$
      begin raise exception 'write refused by the test' using errcode = 'XX000'; end $$`),
    );
    await tx.execute(
      sql.raw(`create trigger aaa_test_fail before insert or update on ${table} for each row execute function test_fail_write()`),
    );
  });
}

describe.each([
  { mode: 'development', production: false },
  { mode: 'production', production: true },
])('a 500 in $mode mode', ({ production }) => {
  it('logs request id, route, class and code; never the values the request carried', async () => {
    const { t, lines } = await appWithLog(production);
    const org = await buildOrganization(t);
    const admin = await login(t, org.adminEmail);
    const coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
    const family = await buildFamily(coordinator, org.branchIds[0]!);
    for (const table of ['families', 'members', 'users']) await failEveryWrite(table);
    try {
      const requests = [
        coordinator.put(`/api/families/${family.id}`, { notes: 'MARK-NOTE-TEXT', branchId: org.branchIds[0], version: family.version }),
        coordinator.post(`/api/families/${family.id}/members`, {
          ...motherInput({ lastName: 'MARK-SURNAME', firstName: 'MARK-FIRSTNAME', phone: '+7 999 123-45-67' }),
          relation: 'other_relative',
        }),
        admin.post('/api/users', {
          lastName: 'MARK-LASTNAME',
          firstName: 'Вера',
          email: 'mark-email@leak.test',
          password: 'MARK-password-typed',
          roles: ['lawyer'],
        }),
      ];
      const ids: string[] = [];
      for (const res of await Promise.all(requests)) {
        expect(res.statusCode, res.body).toBe(500);
        ids.push(res.json().error.requestId);
        for (const marker of MARKERS) expect(res.body).not.toContain(marker);
      }
      const log = lines.join('');
      for (const marker of [...MARKERS, '$argon2', 'Failed query', 'params', 'insert into', 'update "families"'])
        expect(log, `the log holds ${marker}`).not.toContain(marker);
      const failures = lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((entry) => entry.msg === 'request failed');
      expect(failures.map((entry) => entry.requestId).sort()).toEqual([...ids].sort());
      expect(failures.map((entry) => entry.route).sort()).toEqual(['/api/families/:id', '/api/families/:id/members', '/api/users']);
      for (const entry of failures) {
        const error = entry.error as { errorClass: string; code: string; stack: string[] };
        expect(error.code).toBe('XX000');
        expect(error.errorClass).toMatch(/Error/);
        expect(error.stack.length).toBeGreaterThan(0);
        expect(error.stack.every((frame) => frame.startsWith('at '))).toBe(true);
      }
    } finally {
      await system(db.engine, async (tx) => {
        for (const table of ['families', 'members', 'users']) await tx.execute(sql.raw(`drop trigger if exists aaa_test_fail on ${table}`));
      });
      await t.close();
    }
  });
});

describe('errors outside a request', () => {
  it('a database error is told by class and code; our own messages stay', () => {
    const cause = Object.assign(new Error('duplicate key value violates unique constraint: Key (email)=(x@y.test)'), { code: '23505' });
    const wrapped = new Error('Failed query: insert into users (email) values ($1)\nparams: x@y.test', { cause });
    expect(errorLine(wrapped)).toBe('Error < Error (23505)');
    expect(JSON.stringify(errorRecord(wrapped))).not.toContain('x@y.test');
    expect(errorLine(new Error('an organisation already exists'))).toBe('an organisation already exists');
  });
});
