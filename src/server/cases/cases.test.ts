// Cases end to end through the HTTP app: referral → intake → admission → case page and timeline;
// the lifecycle table enforced; concurrent edits detected; bad input refused with nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildCase, buildFamily, motherInput } from '../testing/casework.js';

let t: TestApp;
let org: TestOrganization;
let coordinator: Client;
let worker: Client;
let workerId: string;
let programmeId: string;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  const programme = await admin.post('/api/programmes', { name: 'Тёплый дом', periodStart: '2026-01-01', periodEnd: '2026-12-31' });
  programmeId = programme.json().id;
  await admin.put(`/api/programmes/${programmeId}/eligibility`, {
    criteria: [
      { code: 'infant', label: 'Ребёнок до года или поздний срок беременности' },
      { code: 'no_addiction', label: 'Нет активной зависимости' },
    ],
  });
  coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  const w = await buildUser(t, org, ['case_worker']);
  workerId = w.id;
  worker = await login(t, w.email);
});
afterAll(() => t.close());

describe('referral to case', () => {
  it('registers a referral, schedules the intake, admits the family and shows the case with its timeline', async () => {
    const referral = await worker.post('/api/referrals', {
      branchId: org.branchIds[0]!,
      programmeId,
      receivedAt: new Date().toISOString(),
      source: 'maternity_hospital',
      sourceOrganization: 'Роддом № 3',
      callerName: 'Акушерка Ирина',
      clientFirstName: 'Алёна',
      clientLastName: 'Семёнова',
      summary: 'Молодая мама думает об отказе от новорождённого, нет жилья.',
      urgency: 'high',
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const r = referral.json();
    expect(r.status).toBe('new');

    const scheduled = await coordinator.post(`/api/referrals/${r.id}/triage`, {
      action: 'schedule_intake',
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      location: 'Роддом № 3',
      assignedTo: workerId,
      version: r.version,
    });
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json().status).toBe('intake_scheduled');

    const family = await buildFamily(worker, org.branchIds[0]!, [motherInput({ lastName: 'Семёнова', firstName: 'Алёна' })]);
    const intake = await worker.post(`/api/referrals/${r.id}/intake`, {
      metOn: new Date().toISOString().slice(0, 10),
      location: 'Роддом № 3',
      staffIds: [workerId],
      participants: 'Алёна, специалист',
      findings: 'Готова переехать в центр.',
      programmeId,
      eligibility: [
        { code: 'infant', met: true, note: '' },
        { code: 'no_addiction', met: true, note: '' },
      ],
      decision: 'admit',
      familyId: family.id,
      leadId: workerId,
      version: scheduled.json().version,
    });
    expect(intake.statusCode, intake.body).toBe(200);
    const caseId = intake.json().intake.caseId;
    expect(intake.json().status).toBe('admitted');

    const page = await worker.get(`/api/cases/${caseId}`);
    expect(page.statusCode, page.body).toBe(200);
    const detail = page.json();
    expect(detail.family.name).toBe('Семёнова Алёна');
    expect(detail.case.status).toBe('intake');
    expect(detail.allowedActions).toEqual(['activate', 'close']);
    expect(detail.timeline.items.map((e: { kind: string }) => e.kind)).toEqual(expect.arrayContaining(['case_opened', 'intake_recorded']));
    expect(detail.missingConsents[0].kinds).toContain('personal_data');
    expect(detail.documentsMissing).toBe(1);
  });

  it('a triaged referral cannot be triaged again', async () => {
    const referral = (
      await worker.post('/api/referrals', {
        branchId: org.branchIds[0]!,
        receivedAt: new Date().toISOString(),
        source: 'self',
        clientFirstName: 'Ольга',
        summary: 'Звонок на горячую линию',
      })
    ).json();
    const declined = await coordinator.post(`/api/referrals/${referral.id}/triage`, {
      action: 'decline',
      reason: 'Не наш регион',
      version: referral.version,
    });
    expect(declined.json().status).toBe('declined');
    const again = await coordinator.post(`/api/referrals/${referral.id}/triage`, {
      action: 'decline',
      reason: 'x',
      version: declined.json().version,
    });
    expect(again.statusCode).toBe(422);
  });

  it('flags referrals that wait longer than the organisation allows', async () => {
    const old = new Date(Date.now() - 72 * 3_600_000).toISOString();
    const res = await worker.post('/api/referrals', {
      branchId: org.branchIds[0]!,
      receivedAt: old,
      source: 'hotline',
      clientFirstName: 'Вера',
      summary: 'Ждёт ответа',
    });
    expect(res.json().overdue).toBe(true);
    const list = await coordinator.get('/api/referrals?overdue=true');
    expect(list.json().items.map((r: { id: string }) => r.id)).toContain(res.json().id);
  });

  it('a retried referral with the same Idempotency-Key is registered once', async () => {
    const body = {
      branchId: org.branchIds[0]!,
      receivedAt: new Date().toISOString(),
      source: 'self',
      clientFirstName: 'Дубль',
      summary: 'Двойной клик',
    };
    const headers = { 'idempotency-key': 'referral-double-click-1' };
    const [a, b] = await Promise.all([worker.post('/api/referrals', body, headers), worker.post('/api/referrals', body, headers)]);
    expect(a.json().id).toBe(b.json().id);
  });
});

describe('case lifecycle', () => {
  it('follows the transition table: allowed moves succeed, others get 409, every change is in the history', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId: workerId });
    const today = new Date().toISOString().slice(0, 10);
    const post = (body: Record<string, unknown>) => worker.post(`/api/cases/${c.caseId}/transition`, { on: today, ...body });
    expect((await post({ action: 'to_post_support', version: 1 })).statusCode).toBe(409);
    const active = await post({ action: 'activate', version: 1 });
    expect(active.statusCode, active.body).toBe(200);
    expect(active.json().status).toBe('active');
    const noOutcome = await post({ action: 'close', version: 2 });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['outcome', 'reason']);
    const closed = await post({ action: 'close', outcome: 'child_with_family', reason: 'Мама справляется сама', version: 2 });
    expect(closed.json()).toMatchObject({ status: 'closed', closingOutcome: 'child_with_family', closedOn: today });
    expect((await post({ action: 'activate', version: 3 })).statusCode).toBe(409);
    const reopened = await post({ action: 'reopen', reason: 'Снова нужна помощь', version: 3 });
    expect(reopened.json()).toMatchObject({ status: 'active', closedOn: null });
    const detail = (await worker.get(`/api/cases/${c.caseId}`)).json();
    const changes = detail.timeline.items
      .filter((e: { kind: string }) => e.kind === 'status_changed')
      .map((e: { data: { status: { from: string; to: string } } }) => `${e.data.status.from}>${e.data.status.to}`);
    expect(changes).toEqual(['closed>active', 'active>closed', 'intake>active']);
  });

  it('detects a concurrent edit: the stale save gets 409 and nothing is overwritten', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId: workerId });
    const first = await worker.put(`/api/cases/${c.caseId}`, { leadId: workerId, team: [], riskFlags: ['no_housing'], version: 1 });
    expect(first.statusCode, first.body).toBe(200);
    const stale = await coordinator.put(`/api/cases/${c.caseId}`, { leadId: workerId, team: [], riskFlags: ['debts'], version: 1 });
    expect(stale.statusCode).toBe(409);
    expect((await worker.get(`/api/cases/${c.caseId}`)).json().case.riskFlags).toEqual(['no_housing']);
  });

  it('refuses bad family input naming the field, and writes nothing', async () => {
    const before = (await coordinator.get('/api/cases')).json().total;
    const future = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
    const res = await coordinator.post('/api/families', {
      branchId: org.branchIds[0]!,
      members: [
        motherInput({ birthDate: future }),
        // A due date already past is accepted (the pregnancy noted late, the birth after it): issue 12.
        { relation: 'unborn_child', expectedBirthDate: '2020-01-01' },
        { relation: 'cousin', firstName: 'X' },
      ],
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(expect.arrayContaining(['members.0.birthDate', 'members.2.relation']));
    expect(paths).not.toContain('members.1.expectedBirthDate');
    expect(res.json().error.fields.find((f: { path: string }) => f.path === 'members.0.birthDate').message).toBe(
      'Дата не может быть в будущем',
    );
    const tooLong = await coordinator.post('/api/families', {
      branchId: org.branchIds[0]!,
      members: [motherInput({ firstName: 'Я'.repeat(101) })],
    });
    expect(tooLong.json().error.fields[0].path).toBe('members.0.firstName');
    expect((await coordinator.get('/api/cases')).json().total).toBe(before);
  });
});

describe('finding a known family', () => {
  it('matches a name with typos and ё/е, a birth date and a phone; outside the scope only that a match exists', async () => {
    await buildFamily(coordinator, org.branchIds[0]!, [
      motherInput({
        lastName: 'Белоусова',
        firstName: 'Алёна',
        middleName: 'Игоревна',
        birthDate: '1995-02-03',
        phone: '+7 (921) 555-12-34',
      }),
    ]);
    const byName = await coordinator.post('/api/families/matches', { lastName: 'Белоусова', firstName: 'Алена', middleName: 'Игоревна' });
    expect(byName.json().items[0]).toMatchObject({ reasons: expect.arrayContaining(['name']) });
    expect(byName.json().items[0].familyId).not.toBeNull();
    const typo = await coordinator.post('/api/families/matches', { lastName: 'Белаусова', firstName: 'Алена', birthDate: '1995-02-03' });
    expect(typo.json().items[0].reasons).toEqual(expect.arrayContaining(['name', 'birth_date']));
    const byPhone = await coordinator.post('/api/families/matches', { firstName: 'А', phone: '8 921 555 12 34' });
    expect(byPhone.json().items[0].reasons).toContain('phone');
    // A case worker of another branch gets told a match exists — not who, where or what matched (issue 11).
    const outsider = await login(t, (await buildUser(t, org, ['case_worker'], [org.branchIds[1]!])).email);
    const hidden = (await outsider.post('/api/families/matches', { lastName: 'Белоусова', firstName: 'Алёна' })).json();
    expect(hidden).toEqual({ items: [], outsideReach: true });
    // Registering without confirming gets 422 so the user looks at the matches first.
    const dup = await outsider.post('/api/families', {
      branchId: org.branchIds[1]!,
      members: [motherInput({ lastName: 'Белоусова', firstName: 'Алёна', middleName: 'Игоревна' })],
    });
    expect(dup.statusCode).toBe(422);
    expect(dup.json().error.id).toBe('errors.possible_duplicates');
  });

  it('searches the caseload by name and by phone', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId: workerId });
    const family = (await coordinator.get(`/api/families/${c.familyId}`)).json();
    const mother = family.members[0];
    const byName = await coordinator.get(`/api/cases?q=${encodeURIComponent(mother.lastName.replace('а', 'a'))}`);
    expect(byName.statusCode).toBe(200);
    const byPhone = await coordinator.get(`/api/cases?q=${encodeURIComponent(mother.phone.replace(/\D/g, '').slice(-7))}`);
    expect(byPhone.json().items.map((i: { id: string }) => i.id)).toContain(c.caseId);
    const exact = await coordinator.get(`/api/cases?q=${encodeURIComponent(mother.lastName)}`);
    expect(exact.json().items.map((i: { id: string }) => i.id)).toContain(c.caseId);
  });
});

describe('casework settings', () => {
  it('the waiting limit for referrals and who sees which sensitive section are the organisation’s to set', async () => {
    const admin = await login(t, org.adminEmail);
    const current = (await admin.get('/api/organization')).json();
    expect(current.referralWaitHours).toBe(48);
    expect(current.sensitiveAccess.mental_state).toEqual(['lead', 'psychologist', 'supervisor']);
    const bad = await admin.put('/api/organization', {
      name: current.name,
      mfaRequiredRoles: [],
      referralWaitHours: 0,
      sensitiveAccess: { ...current.sensitiveAccess, health: ['wizard'] },
      version: current.version,
    });
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toEqual(
      expect.arrayContaining(['referralWaitHours', 'sensitiveAccess.health.0']),
    );
    const saved = await admin.put('/api/organization', {
      name: current.name,
      mfaRequiredRoles: [],
      referralWaitHours: 2,
      sensitiveAccess: { ...current.sensitiveAccess, mental_state: ['lead', 'psychologist', 'supervisor', 'coordinator'] },
      version: current.version,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const threeHoursAgo = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const referral = await worker.post('/api/referrals', {
      branchId: org.branchIds[0]!,
      receivedAt: threeHoursAgo,
      source: 'self',
      clientFirstName: 'Инна',
      summary: 'Звонок',
    });
    expect(referral.json().overdue).toBe(true);
    // The coordinator now sees mental-state notes of the cases she oversees.
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId: workerId });
    await worker.post(`/api/families/${c.familyId}/consents`, {
      memberId: c.motherId,
      kind: 'special_categories',
      givenOn: '2026-09-01',
      scope: 'Психическое здоровье',
    });
    expect(
      (
        await worker.post(`/api/families/${c.familyId}/sensitive`, {
          memberId: c.motherId,
          section: 'mental_state',
          text: 'Депрессия после родов',
        })
      ).statusCode,
    ).toBe(201);
    const detail = (await coordinator.get(`/api/cases/${c.caseId}`)).json();
    expect(detail.visibleSections).toContain('mental_state');
    expect(detail.sensitive.map((n: { text: string }) => n.text)).toContain('Депрессия после родов');
  });
});
