// Volunteers who started and then left: a retention kind of the privacy area (retention.ts), on PGlite
// and PostgreSQL. Back-dated leaving days: one who left 4 years ago is due (default 3 years), one who
// left last month is held; destroying the first leaves no trace of their name, e-mail, reason for
// leaving or account anywhere, cuts their names out of the task they worked, keeps their hours in every
// figure, and is refused to every role but the holder of privacy.manage and to another organisation.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import { tracesOfAll } from '../testing/traces.js';
import { buildTask, buildVolunteer, isoDay } from '../testing/volunteers.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let admin: Client;
let otherAdmin: Client;
let coord: Client;
const YEAR = 365;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  otherAdmin = await login(t, other.adminEmail);
  coord = await login(t, (await buildUser(t, org, ['coordinator'], org.branchIds)).email);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

interface Former {
  id: string;
  surname: string;
  email: string;
  reason: string;
  taskId: string;
}

/**
 * A volunteer who applied `startedDaysAgo` + 60 days ago, became active, was given a sign-in account,
 * worked one 3-hour shift the week after starting (its title names them as «Маша …») and left on
 * `leftDaysAgo` days ago with a reason.
 */
async function buildFormer(startedDaysAgo: number, leftDaysAgo: number): Promise<Former> {
  const mark = crypto.randomBytes(3).toString('hex');
  const surname = `Ушедшая${mark}`;
  const branchId = org.branchIds[0]!;
  const v = await buildVolunteer(coord, { branchId, lastName: surname, firstName: 'Мария', appliedDaysAgo: startedDaysAgo + 44 });
  const email = `former-${mark}@example.test`;
  const account = await coord.post(`/api/volunteers/${v.id}/account`, { email, password: 'Длинный-пароль-1', version: v.version });
  expect(account.statusCode, account.body).toBe(200);
  const task = await buildTask(
    coord,
    { branchId, kind: 'aid_delivery', title: `Маша ${surname} везёт продукты`, needs: `Позвонить Маше заранее` },
    -(startedDaysAgo - 7),
    3,
  );
  const assigned = await coord.post(`/api/volunteers/tasks/${task.id}/assign`, { volunteerId: v.id });
  expect(assigned.statusCode, assigned.body).toBe(200);
  const signupId = (assigned.json().signups as { id: string; volunteerId: string }[]).find((s) => s.volunteerId === v.id)!.id;
  const done = await coord.post(`/api/volunteers/signups/${signupId}/outcome`, { outcome: 'completed', hours: 3 });
  expect(done.statusCode, done.body).toBe(200);
  const reason = `Переехала ${mark} в другой город`;
  const left = await coord.post(`/api/volunteers/${v.id}/status`, {
    status: 'left',
    changedOn: isoDay(-leftDaysAgo),
    reason,
    version: account.json().version,
  });
  expect(left.statusCode, left.body).toBe(200);
  return { id: v.id, surname, email, reason, taskId: task.id };
}

type Due = { recordKind: string; recordId: string; endedOn: string; dueFrom: string; hold: string | null };
const dueItems = async (include: 'due' | 'all') => (await admin.get(`/api/privacy/due?include=${include}`)).json().items as Due[];

const destroy = (client: Client, id: string, recordKind = 'former_volunteer') =>
  client.post('/api/privacy/destructions', { recordKind, recordId: id, basis: 'retention', reason: 'Истёк срок хранения', confirm: true });

describe('volunteers who started and left (retention)', () => {
  it('keeps the period in years from the day they left, as a setting with its bounds', async () => {
    const settings = (await admin.get('/api/privacy/retention')).json() as Record<string, number>;
    expect(settings.formerVolunteerYears).toBe(3);
    for (const bad of [0, 51, 2.5, '\u0000', 'x'.repeat(100_000)]) {
      const res = await admin.put('/api/privacy/retention', { ...settings, formerVolunteerYears: bad });
      expect(res.statusCode, String(bad).slice(0, 10)).toBe(400);
      expect(res.json().error.fields[0].path).toBe('formerVolunteerYears');
    }
    const { formerVolunteerYears: _omitted, ...without } = settings;
    expect((await admin.put('/api/privacy/retention', without)).json().error.fields[0].path).toBe('formerVolunteerYears');
    const set = await admin.put('/api/privacy/retention', { ...settings, formerVolunteerYears: 4 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ formerVolunteerYears: 4, version: settings.version! + 1 });
    const back = await admin.put('/api/privacy/retention', { ...(set.json() as Record<string, number>), formerVolunteerYears: 3 });
    expect(back.statusCode, back.body).toBe(200);
    // The audit names the field changed, never its value.
    const audit = await system(
      t.engine,
      async (tx) =>
        (
          await tx.execute<{ details: unknown }>(
            sql`select details from audit_log where org_id = ${org.orgId} and record_type = 'retention_settings' order by id desc limit 1`,
          )
        ).rows[0],
    );
    expect(JSON.stringify(audit?.details)).toContain('formerVolunteerYears');
    expect(JSON.stringify(audit?.details)).not.toMatch(/[34]/);
  });

  it('lists one who left 4 years ago as due and one who left last month as held; destroys the first without a trace, the hours kept', async () => {
    const old = await buildFormer(5 * YEAR, 4 * YEAR);
    const recent = await buildFormer(YEAR, 30);
    const stillActive = await buildVolunteer(coord, { branchId: org.branchIds[0]!, lastName: 'Работающая' });

    const all = await dueItems('all');
    expect(all.find((d) => d.recordId === old.id)).toMatchObject({
      recordKind: 'former_volunteer',
      endedOn: isoDay(-4 * YEAR),
      hold: null,
    });
    expect(all.find((d) => d.recordId === recent.id)).toMatchObject({
      recordKind: 'former_volunteer',
      endedOn: isoDay(-30),
      hold: 'retention_not_expired',
    });
    expect(all.find((d) => d.recordId === stillActive.id)).toBeUndefined();
    const due = (await dueItems('due')).map((d) => d.recordId);
    expect(due).toContain(old.id);
    expect(due).not.toContain(recent.id);

    // Held, not yet due; an active volunteer is no former one; nor is either an application.
    const held = await destroy(admin, recent.id);
    expect(held.statusCode).toBe(409);
    expect(held.json().error.fields[0]).toMatchObject({ path: 'recordId', code: 'privacy.holds.retention_not_expired' });
    expect((await destroy(admin, stillActive.id)).statusCode).toBe(404);
    expect((await destroy(admin, old.id, 'volunteer_application')).statusCode).toBe(404);

    const hours = async () => {
      const figures = [];
      for (const by of ['volunteer', 'team', 'branch']) {
        const res = await coord.get(`/api/volunteers/hours?from=${isoDay(-6 * YEAR)}&to=${isoDay(0)}&by=${by}`);
        expect(res.statusCode, res.body).toBe(200);
        figures.push((res.json().rows as { id: string; hours: number; shifts: number }[]).map((r) => [r.id, r.hours, r.shifts]));
      }
      return figures;
    };
    const before = await hours();
    expect(before[0]).toContainEqual([old.id, 3, 1]);
    const secrets = [old.surname, old.email, old.reason];
    for (const [secret, tables] of Object.entries(await tracesOfAll(t.engine, secrets))) expect(tables.length, secret).toBeGreaterThan(0);

    const res = await destroy(admin, old.id);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      recordKind: 'former_volunteer',
      method: 'anonymisation',
      subjects: [{ category: 'former_volunteer', count: 1 }],
    });
    expect(res.json().dataCategories).toEqual(expect.arrayContaining(['identity', 'contacts', 'volunteer_records', 'account']));

    expect(await tracesOfAll(t.engine, secrets)).toEqual(Object.fromEntries(secrets.map((s) => [s, []])));
    expect(await hours()).toEqual(before);
    const task = (await coord.get(`/api/volunteers/tasks/${old.taskId}`)).json();
    expect({ title: task.title, needs: task.needs }).toEqual({ title: '— — везёт продукты', needs: 'Позвонить — заранее' });
    // The account is no way in any more.
    const signIn = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: old.email, password: 'Длинный-пароль-1' },
    });
    expect(signIn.statusCode).toBe(401);
    // Gone from the due list; not destroyed twice; the act downloads.
    expect((await dueItems('all')).map((d) => d.recordId)).not.toContain(old.id);
    expect((await destroy(admin, old.id)).statusCode).toBe(404);
    const pdf = await admin.get(`/api/privacy/acts/${res.json().id}/act.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toContain('application/pdf');
  }, 180_000);

  it('is refused to every role without privacy.manage and to another organisation, nothing changed', async () => {
    const former = await buildFormer(5 * YEAR, 4 * YEAR);
    // Every shipped role but the admin lacks privacy.manage.
    const roles = ROLE_CODES.filter((role) => role !== 'admin');
    for (const role of roles) {
      const client = await login(t, (await buildUser(t, org, [role], org.branchIds)).email);
      expect((await destroy(client, former.id)).statusCode, role).toBe(403);
      expect((await client.get('/api/privacy/due?include=all')).statusCode, role).toBe(403);
    }
    // Another organisation's admin: the id is not found there, and its due list does not show it.
    expect((await destroy(otherAdmin, former.id)).statusCode).toBe(404);
    const theirs = (await otherAdmin.get('/api/privacy/due?include=all')).json().items as Due[];
    expect(theirs.map((d) => d.recordId)).not.toContain(former.id);
    // Hostile ids and kinds: 400 naming the field.
    for (const [body, path] of [
      [{ recordKind: 'former_volunteer', recordId: '\u0000', basis: 'retention', reason: 'x', confirm: true }, 'recordId'],
      [{ recordKind: 'former_volunteer\ud800', recordId: former.id, basis: 'retention', reason: 'x', confirm: true }, 'recordKind'],
      [{ recordKind: 'former_volunteer', recordId: former.id, basis: 'retention', reason: 'x'.repeat(100_000), confirm: true }, 'reason'],
    ] as const) {
      const res = await admin.post('/api/privacy/destructions', body);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
    }
    // Nothing was destroyed by any of these.
    expect((await dueItems('due')).map((d) => d.recordId)).toContain(former.id);
    expect(await tracesOfAll(t.engine, [former.surname])).not.toEqual({ [former.surname]: [] });
  }, 180_000);
});
