// Intake to team without dead ends: the worker who holds an intake reaches the family it names (not
// its other records), records the meeting, and the admission opens the case with the lead the
// decision names and her on the team — so the case page she lands on is hers. Others still get 404.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildFamily, motherInput } from '../testing/casework.js';

let t: TestApp;
let org: TestOrganization;
let coordinator: Client;
let operator: Client;
let intakeWorker: Client;
let intakeWorkerId: string;
let leadId: string;
let outsider: Client;
let programmeId: string;
let foreignFamilyId: string;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  programmeId = (await admin.post('/api/programmes', { name: 'Мама и малыш', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json()
    .id;
  coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  // The hotline operator takes the call and registers the family; she never works the case.
  operator = await login(t, (await buildUser(t, org, ['case_worker'])).email);
  const w = await buildUser(t, org, ['psychologist']);
  intakeWorkerId = w.id;
  intakeWorker = await login(t, w.email);
  leadId = (await buildUser(t, org, ['case_worker'])).id;
  outsider = await login(t, (await buildUser(t, org, ['case_worker'])).email);
  const other = await buildOrganization(t);
  const otherCoordinator = await login(t, (await buildUser(t, other, ['coordinator'])).email);
  foreignFamilyId = (await buildFamily(otherCoordinator, other.branchIds[0]!)).id;
});
afterAll(() => t.close());

async function scheduledReferral(familyId: string | null) {
  const referral = await coordinator.post('/api/referrals', {
    branchId: org.branchIds[0]!,
    programmeId,
    receivedAt: new Date().toISOString(),
    source: 'maternity_hospital',
    clientFirstName: 'Алёна',
    clientLastName: 'Семёнова',
    summary: 'Роддом: мама с новорождённым, нет жилья.',
    urgency: 'high',
    familyId,
  });
  expect(referral.statusCode, referral.body).toBe(201);
  const scheduled = await coordinator.post(`/api/referrals/${referral.json().id}/triage`, {
    action: 'schedule_intake',
    scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    location: 'Роддом № 3',
    assignedTo: intakeWorkerId,
    version: referral.json().version,
  });
  expect(scheduled.statusCode, scheduled.body).toBe(200);
  return scheduled.json() as { id: string; version: number };
}

const intake = (familyId: string, version: number, extra: Record<string, unknown> = {}) => ({
  metOn: new Date().toISOString().slice(0, 10),
  location: 'Роддом № 3',
  staffIds: [intakeWorkerId],
  findings: 'Готова переехать в центр.',
  programmeId,
  decision: 'admit',
  familyId,
  leadId,
  version,
  ...extra,
});

describe('intake by the assigned worker', () => {
  it('reaches the family, admits it and lands on a case she is on the team of', async () => {
    const family = await buildFamily(operator, org.branchIds[0]!, [motherInput({ lastName: 'Семёнова', firstName: 'Алёна' })]);
    const r = await scheduledReferral(family.id);

    // The family named by the intake she holds is hers to read; a colleague's is not.
    expect((await intakeWorker.get(`/api/families/${family.id}`)).statusCode).toBe(200);
    expect((await outsider.get(`/api/families/${family.id}`)).statusCode).toBe(404);
    // Someone else's intake stays out of reach.
    expect((await outsider.post(`/api/referrals/${r.id}/intake`, intake(family.id, r.version))).statusCode).toBe(404);

    const recorded = await intakeWorker.post(`/api/referrals/${r.id}/intake`, intake(family.id, r.version));
    expect(recorded.statusCode, recorded.body).toBe(200);
    const caseId = recorded.json().intake.caseId as string;
    expect(recorded.json().status).toBe('admitted');

    const page = await intakeWorker.get(`/api/cases/${caseId}`);
    expect(page.statusCode, page.body).toBe(200);
    const team = page.json().case.team as { userId: string; role: string }[];
    expect(team).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ userId: leadId, role: 'lead' }),
        expect.objectContaining({ userId: intakeWorkerId, role: 'psychologist' }),
      ]),
    );
    expect(page.json().case.leadId ?? team.find((m) => m.role === 'lead')?.userId).toBe(leadId);
    expect((await outsider.get(`/api/cases/${caseId}`)).statusCode).toBe(404);
  });

  it('a family she registered at the meeting is hers too; no duplicate team row when she leads', async () => {
    const r = await scheduledReferral(null);
    const family = await buildFamily(intakeWorker, org.branchIds[0]!, [motherInput()]);
    const recorded = await intakeWorker.post(`/api/referrals/${r.id}/intake`, intake(family.id, r.version, { leadId: intakeWorkerId }));
    expect(recorded.statusCode, recorded.body).toBe(200);
    const team = (await intakeWorker.get(`/api/cases/${recorded.json().intake.caseId}`)).json().case.team as { userId: string }[];
    expect(team.filter((m) => m.userId === intakeWorkerId)).toHaveLength(1);
  });

  it("another organisation's family or a family out of her reach is refused, nothing written", async () => {
    const r = await scheduledReferral(null);
    for (const familyId of [foreignFamilyId, (await buildFamily(coordinator, org.branchIds[0]!, [motherInput()])).id]) {
      const refused = await intakeWorker.post(`/api/referrals/${r.id}/intake`, intake(familyId, r.version));
      expect(refused.statusCode, refused.body).toBe(400);
      expect(refused.json().fields?.familyId ?? refused.json().field ?? refused.body).toBeTruthy();
    }
    expect((await intakeWorker.get(`/api/referrals/${r.id}`)).json().status).toBe('intake_scheduled');
  });

  it('the family leaves her reach once the referral is closed without a case', async () => {
    const family = await buildFamily(operator, org.branchIds[0]!, [motherInput()]);
    const r = await scheduledReferral(family.id);
    const declined = await intakeWorker.post(`/api/referrals/${r.id}/intake`, {
      ...intake(family.id, r.version),
      decision: 'decline',
      decisionReason: 'Не подходит по критериям',
      leadId: null,
    });
    expect(declined.statusCode, declined.body).toBe(200);
    expect((await intakeWorker.get(`/api/families/${family.id}`)).statusCode).toBe(404);
  });
});
