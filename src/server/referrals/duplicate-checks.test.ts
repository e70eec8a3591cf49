// The duplicate hint per role (issue 11, defect 8): a match outside the caller's reach is told only
// as "a possible match exists" — no branch, name or what matched — and a new referral with one asks
// the coordinators of the matched family's branch to check it; nobody else sees that request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildFamily, motherInput } from '../testing/casework.js';

let t: TestApp;
let org: TestOrganization;
const c: Record<string, Client> = {};
let hiddenFamily: { id: string };
let ownFamily: { id: string };
let referralId: string;

const HIDDEN = { lastName: 'Скрытнова', firstName: 'Алёна', middleName: 'Игоревна', birthDate: '1991-02-03', phone: '+7 903 555-12-34' };
const OWN = { lastName: 'Видимова', firstName: 'Олеся', birthDate: '1993-05-06', phone: '+7 903 777-00-11' };

const referral = (client: typeof HIDDEN | typeof OWN, branch: 0 | 1 = 0) => ({
  branchId: org.branchIds[branch],
  receivedAt: new Date().toISOString(),
  source: 'self',
  clientLastName: client.lastName,
  clientFirstName: client.firstName,
  clientBirthDate: client.birthDate,
  summary: 'Просит помощи с жильём',
});

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const users: [string, Parameters<typeof buildUser>[2], 0 | 1][] = [
    ['workerA', ['case_worker'], 0],
    ['coordA', ['coordinator'], 0],
    ['coordB', ['coordinator'], 1],
    ['supervisorB', ['supervisor'], 1],
    ['workerB', ['case_worker'], 1],
    ['deskA', ['shelter_admin'], 0],
  ];
  for (const [name, roles, branch] of users) c[name] = await login(t, (await buildUser(t, org, roles, [org.branchIds[branch]!])).email);
  const other = await buildOrganization(t);
  c.otherOrg = await login(t, (await buildUser(t, other, ['coordinator', 'supervisor'], other.branchIds)).email);
  hiddenFamily = await buildFamily(c.coordB!, org.branchIds[1]!, [motherInput(HIDDEN)]);
  ownFamily = await buildFamily(c.coordA!, org.branchIds[0]!, [motherInput(OWN)]);
});
afterAll(() => t.close());

describe('the duplicate hint', () => {
  it('outside the caller’s reach says only that a possible match exists: no branch, no name, no what-matched', async () => {
    for (const query of [
      { lastName: HIDDEN.lastName, firstName: HIDDEN.firstName, birthDate: HIDDEN.birthDate },
      { phone: HIDDEN.phone },
    ]) {
      const res = await c.workerA!.post('/api/families/matches', query);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toEqual({ items: [], outsideReach: true });
    }
  });

  it('within reach keeps the detailed hint; nothing alike is nothing', async () => {
    const own = (await c.coordA!.post('/api/families/matches', { lastName: OWN.lastName, firstName: OWN.firstName })).json();
    expect(own).toMatchObject({ outsideReach: false, items: [{ familyId: ownFamily.id, branchName: 'Москва' }] });
    expect(own.items[0].reasons).toContain('name');
    const theirs = (await c.coordB!.post('/api/families/matches', { lastName: HIDDEN.lastName, firstName: HIDDEN.firstName })).json();
    expect(theirs).toMatchObject({ outsideReach: false, items: [{ familyId: hiddenFamily.id, branchName: 'Псков' }] });
    expect((await c.workerA!.post('/api/families/matches', { lastName: 'Никтоева', firstName: 'Зоя' })).json()).toEqual({
      items: [],
      outsideReach: false,
    });
    expect((await c.otherOrg!.post('/api/families/matches', { phone: HIDDEN.phone })).json()).toEqual({ items: [], outsideReach: false });
  });

  it('a new referral with a match outside reach asks the coordinators of that branch to check it', async () => {
    const res = await c.workerA!.post('/api/referrals', referral(HIDDEN));
    expect(res.statusCode, res.body).toBe(201);
    referralId = res.json().id;
    expect(res.body).not.toContain(hiddenFamily.id);
    // A match within the author's reach she saw in full: no request for it.
    expect((await c.coordA!.post('/api/referrals', referral(OWN))).statusCode).toBe(201);

    for (const name of ['coordB', 'supervisorB']) {
      const list = await c[name]!.get('/api/duplicate-checks');
      expect(list.statusCode, name).toBe(200);
      expect(list.json().items, name).toEqual([
        expect.objectContaining({
          status: 'open',
          referral: expect.objectContaining({ id: referralId, branchName: 'Москва', clientLastName: HIDDEN.lastName }),
          family: expect.objectContaining({ id: hiddenFamily.id, branchName: 'Псков' }),
          reasons: expect.arrayContaining(['name', 'birth_date']),
        }),
      ]);
    }
  });

  it('nobody else sees the request: the author, branch A’s coordinator, branch B’s worker, reception, another organisation', async () => {
    const got: Record<string, number | number[]> = {};
    for (const name of ['workerA', 'coordA', 'workerB', 'deskA', 'otherOrg']) {
      const res = await c[name]!.get('/api/duplicate-checks');
      got[name] = res.statusCode === 200 ? res.json().items.length : res.statusCode;
    }
    expect(got).toEqual({ workerA: 403, coordA: 0, workerB: 403, deskA: 403, otherOrg: 0 });
  });

  it('the coordinator of that branch resolves it once; stale or out-of-reach attempts change nothing', async () => {
    const check = (await c.coordB!.get('/api/duplicate-checks')).json().items[0];
    const attempts: Record<string, number> = {};
    for (const name of ['coordA', 'otherOrg', 'workerA', 'workerB'])
      attempts[name] = (
        await c[name]!.post(`/api/duplicate-checks/${check.id}/resolve`, { outcome: 'same_family', version: 1 })
      ).statusCode;
    expect(attempts).toEqual({ coordA: 404, otherOrg: 404, workerA: 403, workerB: 403 });
    const bad = await c.coordB!.post(`/api/duplicate-checks/${check.id}/resolve`, { outcome: 'maybe', version: 1 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('outcome');
    expect((await c.coordB!.post(`/api/duplicate-checks/${check.id}/resolve`, { outcome: 'not_same', version: 7 })).statusCode).toBe(409);
    const done = await c.coordB!.post(`/api/duplicate-checks/${check.id}/resolve`, { outcome: 'same_family', version: 1 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'same_family', version: 2 });
    expect((await c.supervisorB!.post(`/api/duplicate-checks/${check.id}/resolve`, { outcome: 'not_same', version: 1 })).statusCode).toBe(
      409,
    );
    expect((await c.coordB!.get('/api/duplicate-checks')).json().items).toEqual([]);
    expect((await c.coordB!.get('/api/duplicate-checks?status=resolved')).json().items).toEqual([
      expect.objectContaining({ id: check.id, status: 'same_family' }),
    ]);
    const audit = (await login(t, org.adminEmail)).get(`/api/audit?recordType=duplicate_check&recordId=${check.id}`);
    const entries = (await audit).json().items;
    expect(entries.map((e: { action: string }) => e.action).sort()).toEqual(['create', 'update']);
    expect(JSON.stringify(entries)).not.toContain(HIDDEN.lastName);
  });
});
