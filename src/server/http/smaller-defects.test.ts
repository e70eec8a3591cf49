// The smaller defects of issue 11 (point 10): an idempotency key reused with another body is refused
// (422); withdrawing a withdrawn service says so (422, not "changed by another user"); the log-out
// cookie is SameSite=Strict like the session cookie it clears.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
}, 120_000);
afterAll(() => t.close());

describe('idempotency keys', () => {
  it('a retry with the same body gets the first record; another body under the same key is refused, writing nothing', async () => {
    const admin = await login(t, org.adminEmail);
    const headers = { 'idempotency-key': 'branch-create-0001' };
    const first = await admin.post('/api/branches', { name: 'Тверь', city: 'Тверь' }, headers);
    expect(first.statusCode, first.body).toBe(201);
    const retry = await admin.post('/api/branches', { name: 'Тверь', city: 'Тверь' }, headers);
    expect(retry.json().id).toBe(first.json().id);
    const other = await admin.post('/api/branches', { name: 'Ржев', city: 'Ржев' }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().error.id).toBe('errors.idempotency_key_reused');
    const names = (await admin.get('/api/branches')).json().items.map((b: { name: string }) => b.name);
    expect(names).not.toContain('Ржев');
  });
});

describe('withdrawing a service twice', () => {
  it('says the service is withdrawn already', async () => {
    const admin = await login(t, org.adminEmail);
    const programmeId = (await admin.post('/api/programmes', { name: 'Семья', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json()
      .id as string;
    const coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId: coordinator.me.id });
    const typeId = (await coordinator.get('/api/service-types')).json().items[0].id as string;
    const service = await coordinator.post('/api/services', {
      caseId: c.caseId,
      typeId,
      date: new Date().toISOString().slice(0, 10),
      durationMinutes: 30,
      specialistIds: [coordinator.me.id],
      format: 'in_person',
      initiatedBy: 'team',
    });
    expect(service.statusCode, service.body).toBe(201);
    const withdraw = () => coordinator.post(`/api/services/${service.json().id}/withdraw`, { reason: 'Ошибка' });
    expect((await withdraw()).statusCode).toBe(200);
    const again = await withdraw();
    expect(again.statusCode).toBe(422);
    expect(again.json().error.id).toBe('errors.service_already_withdrawn');
    expect(again.json().error.message).not.toMatch(/другим пользователем/);
  });
});

describe('log-out', () => {
  it('clears the session cookie with the same SameSite=Strict it was set with', async () => {
    const { email } = await buildUser(t, org, ['case_worker']);
    const client = await login(t, email);
    const res = await client.post('/api/auth/logout');
    expect(res.statusCode).toBe(200);
    const cleared = res.cookies.find((c) => c.name === 'hearth_session');
    expect(cleared).toMatchObject({ sameSite: 'Strict', httpOnly: true, path: '/' });
  });
});
