// Break-glass (issue 17, point 3) and "who saw what" (point 4) on the engine under test: who may
// open a case outside their reach (never a volunteer or mentor, never a role the organisation has
// not allowed, never without a reason), what the grant opens and until when, who sees it at once,
// who reviews it; every route's authorization by role, branch and organisation; the audit queries
// find the reads of one person's data and one user's actions, without values.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import { buildCase } from '../testing/casework.js';
import {
  buildOrganization,
  buildTestApp,
  buildUser,
  login,
  TEST_DB,
  type Client,
  type TestApp,
  type TestOrganization,
} from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
let caseId: string;
let familyId: string;
let motherId: string;
let otherCaseId: string;

const ACTORS: { name: string; roles: RoleCode[]; branch: 0 | 1; other?: boolean }[] = [
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'leadA', roles: ['case_worker'], branch: 0 },
  { name: 'workerB', roles: ['case_worker'], branch: 1 },
  { name: 'psychB', roles: ['psychologist'], branch: 1 },
  { name: 'lawyerB', roles: ['lawyer'], branch: 1 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'volunteerB', roles: ['volunteer'], branch: 1 },
  { name: 'mentorB', roles: ['mentor'], branch: 1 },
  { name: 'shelterB', roles: ['shelter_admin'], branch: 1 },
  { name: 'meB', roles: ['me_officer'], branch: 1 },
  { name: 'otherCoord', roles: ['coordinator'], branch: 0, other: true },
  { name: 'otherWorker', roles: ['case_worker'], branch: 0, other: true },
];

const REASON = 'Звонок из роддома ночью: мама в реанимации, нужен контакт бабушки';

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  for (const a of ACTORS) {
    const o = a.other ? other : org;
    const user = await buildUser(t, o, a.roles, [o.branchIds[a.branch]!]);
    ids[a.name] = user.id;
    c[a.name] = await login(t, user.email);
  }
  c.admin = await login(t, org.adminEmail);
  c.otherAdmin = await login(t, other.adminEmail);
  const programme = (await c.admin!.post('/api/programmes', { name: 'Семья', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json()
    .id;
  const built = await buildCase(c.coordA!, { branchId: org.branchIds[0]!, programmeId: programme, leadId: ids.leadA! });
  ({ caseId, familyId, motherId } = built);
  const otherProgramme = (
    await c.otherAdmin!.post('/api/programmes', { name: 'Семья', periodStart: '2026-01-01', periodEnd: '2027-12-31' })
  ).json().id;
  otherCaseId = (await buildCase(c.otherCoord!, { branchId: other.branchIds[0]!, programmeId: otherProgramme, leadId: ids.otherWorker! }))
    .caseId;
}, 300_000);

afterAll(async () => {
  await t.close();
});

const auditRows = (recordType: string) =>
  system(
    t.engine,
    async (tx) =>
      (await tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where record_type = ${recordType}`)).rows[0]!.n,
  );

describe(`break-glass (${TEST_DB})`, () => {
  it('is refused for volunteers, mentors and roles the organisation has not allowed, and without a reason; nothing is written', async () => {
    const body = { caseId, reason: REASON };
    for (const name of ['volunteerB', 'mentorB', 'meB', 'shelterB'])
      expect((await c[name]!.post('/api/breakglass/grants', body)).statusCode, name).toBe(403);
    const settings = (await c.admin!.get('/api/breakglass/settings')).json();
    expect(settings.allowedRoles).toEqual(['case_worker', 'psychologist', 'lawyer', 'coordinator', 'supervisor']);
    // The organisation allows volunteers: refused naming the field, nothing changes.
    const bad = await c.admin!.put('/api/breakglass/settings', {
      allowedRoles: ['case_worker', 'volunteer'],
      minutes: 30,
      version: settings.version,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('allowedRoles');
    const set = await c.admin!.put('/api/breakglass/settings', {
      allowedRoles: ['case_worker', 'psychologist', 'coordinator'],
      minutes: 30,
      version: 0,
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ minutes: 30, version: 1 });
    expect((await c.lawyerB!.post('/api/breakglass/grants', body)).statusCode).toBe(403);
    const noReason = await c.workerB!.post('/api/breakglass/grants', { caseId });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields[0].path).toBe('reason');
    const shortReason = await c.workerB!.post('/api/breakglass/grants', { caseId, reason: '   срочно   ' });
    expect(shortReason.json().error.fields[0].path).toBe('reason');
    // Another organisation's case, and no case: 400 naming caseId.
    for (const id of [otherCaseId, '00000000-0000-4000-8000-000000000000']) {
      const res = await c.workerB!.post('/api/breakglass/grants', { caseId: id, reason: REASON });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('caseId');
    }
    // Someone who already reaches the case needs no break-glass.
    expect((await c.leadA!.post('/api/breakglass/grants', body)).statusCode).toBe(422);
    const count = await system(
      t.engine,
      async (tx) => (await tx.execute<{ n: number }>(sql`select count(*)::int as n from breakglass_grants`)).rows[0]!.n,
    );
    expect(count).toBe(0);
  });

  it('opens the case for the minutes set, with the role’s own sections, shown at once to the lead and the coordinator, then expires', async () => {
    expect((await c.workerB!.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await c.workerB!.get(`/api/families/${familyId}`)).statusCode).toBe(404);
    const res = await c.workerB!.post('/api/breakglass/grants', { caseId, reason: REASON });
    expect(res.statusCode, res.body).toBe(201);
    const grant = res.json();
    const minutes = (new Date(grant.expiresAt).getTime() - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(28);
    expect(minutes).toBeLessThan(31);
    expect((await c.workerB!.get(`/api/cases/${caseId}`)).statusCode).toBe(200);
    expect((await c.workerB!.get(`/api/families/${familyId}`)).statusCode).toBe(200);
    expect((await c.workerB!.get('/api/breakglass/mine')).json()).toMatchObject({ allowed: true, minutes: 30, active: [{ caseId }] });
    // Not another branch's colleague, nor anyone else.
    expect((await c.psychB!.get(`/api/cases/${caseId}`)).statusCode).toBe(404);

    // The lead and the branch's coordinator see it at once; the worker's own branch's coordinator does not.
    for (const name of ['leadA', 'coordA', 'supervisorA']) {
      const alerts = (await c[name]!.get('/api/breakglass/alerts')).json().items;
      expect(alerts, name).toHaveLength(1);
      expect(alerts[0]).toMatchObject({ caseId, userId: ids.workerB, reason: REASON, active: true, review: 'pending' });
    }
    for (const name of ['coordB', 'workerB', 'otherCoord'])
      expect((await c[name]!.get('/api/breakglass/alerts')).json().items, name).toHaveLength(0);

    // The audit keeps ids only, never the reason.
    const entries = await system(
      t.engine,
      async (tx) => (await tx.execute<{ details: unknown }>(sql`select details from audit_log where record_type = 'breakglass'`)).rows,
    );
    expect(JSON.stringify(entries)).not.toContain('роддом');
    expect(JSON.stringify(entries)).toContain(caseId);

    // Time passes: the grant ends and the case is out of reach again.
    await system(t.engine, (tx) =>
      tx.execute(sql`update breakglass_grants set granted_at = now() - interval '2 hours', expires_at = now() - interval '1 minute'`),
    );
    expect((await c.workerB!.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
    expect((await c.workerB!.get('/api/breakglass/mine')).json().active).toHaveLength(0);
  });

  it('is reviewed by the coordinator or supervisor of the case’s branch only; misuse is marked once', async () => {
    const pending = (await c.coordA!.get('/api/breakglass/grants')).json().items;
    expect(pending).toHaveLength(1);
    const grant = pending[0];
    for (const name of ['coordB', 'otherCoord']) expect((await c[name]!.get('/api/breakglass/grants')).json().items, name).toHaveLength(0);
    for (const name of ['admin', 'leadA', 'workerB', 'volunteerB', 'mentorB', 'meB'])
      expect((await c[name]!.get('/api/breakglass/grants')).statusCode, name).toBe(403);
    const body = { review: 'misuse', note: 'Не было экстренной ситуации', version: grant.version };
    for (const name of ['coordB', 'otherCoord'])
      expect((await c[name]!.post(`/api/breakglass/grants/${grant.id}/review`, body)).statusCode, name).toBe(404);
    expect(
      (await c.coordA!.post(`/api/breakglass/grants/${grant.id}/review`, { ...body, review: 'bad' })).json().error.fields[0].path,
    ).toBe('review');
    expect((await c.coordA!.post(`/api/breakglass/grants/${grant.id}/review`, { ...body, version: 99 })).statusCode).toBe(409);
    const done = await c.coordA!.post(`/api/breakglass/grants/${grant.id}/review`, body);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ review: 'misuse', reviewedBy: ids.coordA });
    expect(
      (await c.supervisorA!.post(`/api/breakglass/grants/${grant.id}/review`, { ...body, version: done.json().version })).statusCode,
    ).toBe(422);
    expect((await c.coordA!.get('/api/breakglass/grants?review=misuse')).json().items).toHaveLength(1);
    expect(await auditRows('breakglass')).toBe(2);
  });

  it('settings: the admin only (organization.manage), of their own organisation', async () => {
    for (const name of ['coordA', 'leadA', 'volunteerB', 'mentorB', 'meB'])
      expect((await c[name]!.get('/api/breakglass/settings')).statusCode, name).toBe(403);
    expect((await c.otherAdmin!.get('/api/breakglass/settings')).json()).toMatchObject({ minutes: 60, version: 0 });
    expect((await c.admin!.put('/api/breakglass/settings', { allowedRoles: [], minutes: 1, version: 1 })).json().error.fields[0].path).toBe(
      'minutes',
    );
  });
});

describe(`who saw what (${TEST_DB})`, () => {
  it('finds everyone who read or changed one person’s data and everything one user did, admin only, without values', async () => {
    await c.leadA!.get(`/api/cases/${caseId}`);
    const byMember = await c.admin!.get(`/api/audit/person?memberId=${motherId}`);
    expect(byMember.statusCode, byMember.body).toBe(200);
    const report = byMember.json();
    const users = report.people.map((p: { userId: string }) => p.userId);
    expect(users).toEqual(expect.arrayContaining([ids.leadA, ids.workerB, ids.coordA]));
    expect(users).not.toContain(ids.psychB);
    expect(report.items.some((e: { recordId: string; action: string }) => e.recordId === caseId && e.action === 'read')).toBe(true);
    // The grant's entry names the case in its details only (its record is the grant): found by the case column of 0045.
    expect(report.items.some((e: { recordType: string; recordId: string }) => e.recordType === 'breakglass' && e.recordId !== caseId)).toBe(
      true,
    );
    expect(JSON.stringify(report)).not.toContain('роддом');
    const byFamily = (await c.admin!.get(`/api/audit/person?familyId=${familyId}`)).json();
    expect(byFamily.total).toBe(report.total);

    const activity = (await c.admin!.get(`/api/audit/activity?userId=${ids.workerB}`)).json();
    expect(activity.items.some((e: { recordType: string }) => e.recordType === 'breakglass')).toBe(true);
    const future = (await c.admin!.get(`/api/audit/activity?userId=${ids.workerB}&from=2099-01-01T00:00:00Z`)).json();
    expect(future.total).toBe(0);

    const csv = await c.admin!.get(`/api/audit/person.csv?memberId=${motherId}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const xlsx = await c.admin!.get(`/api/audit/activity.xlsx?userId=${ids.workerB}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');

    // Bad input names the field; another organisation's ids are 400s naming theirs; only audit.read.
    expect((await c.admin!.get('/api/audit/person')).json().error.fields[0].path).toBe('memberId');
    expect((await c.admin!.get(`/api/audit/person?memberId=${motherId}&familyId=${familyId}`)).statusCode).toBe(400);
    expect((await c.otherAdmin!.get(`/api/audit/person?memberId=${motherId}`)).json().error.fields[0].path).toBe('memberId');
    expect((await c.otherAdmin!.get(`/api/audit/person?familyId=${familyId}`)).json().error.fields[0].path).toBe('familyId');
    expect((await c.otherAdmin!.get(`/api/audit/activity?userId=${ids.workerB}`)).json().error.fields[0].path).toBe('userId');
    expect((await c.admin!.get('/api/audit/activity?userId=x')).json().error.fields[0].path).toBe('query.userId');
    for (const name of ['coordA', 'leadA', 'supervisorA', 'volunteerB', 'mentorB', 'meB']) {
      expect((await c[name]!.get(`/api/audit/person?memberId=${motherId}`)).statusCode, name).toBe(403);
      expect((await c[name]!.get(`/api/audit/activity.csv?userId=${ids.workerB}`)).statusCode, name).toBe(403);
    }
  });
});
