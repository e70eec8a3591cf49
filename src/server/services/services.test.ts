// Services, group work and post-support through the HTTP app: recording (single, batch, retry),
// bad input naming the field, note confidentiality, history and workload, attendance, visits due.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';

let t: TestApp;
let org: TestOrganization;
let coordinator: Client;
let lead: Client;
let leadId: string;
let psychologist: Client;
let psychologistId: string;
let lawyer: Client;
let outsider: Client;
let c: BuiltCase;
let types: Record<string, string>;
const today = new Date().toISOString().slice(0, 10);
const month = today.slice(0, 7);

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  const programmeId = (
    await admin.post('/api/programmes', { name: 'Неразлучные', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
  ).json().id;
  coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  const l = await buildUser(t, org, ['case_worker']);
  leadId = l.id;
  lead = await login(t, l.email);
  const p = await buildUser(t, org, ['psychologist']);
  psychologistId = p.id;
  psychologist = await login(t, p.email);
  const law = await buildUser(t, org, ['lawyer']);
  lawyer = await login(t, law.email);
  outsider = await login(t, (await buildUser(t, org, ['psychologist'])).email);
  c = await buildCase(coordinator, {
    branchId: org.branchIds[0]!,
    programmeId,
    leadId,
    team: [
      { userId: psychologistId, role: 'psychologist' },
      { userId: law.id, role: 'lawyer' },
    ],
  });
  types = Object.fromEntries((await lead.get('/api/service-types')).json().items.map((x: { code: string; id: string }) => [x.code, x.id]));
});
afterAll(() => t.close());

const service = (overrides: Record<string, unknown> = {}) => ({
  caseId: c.caseId,
  typeId: types.psy_individual,
  date: today,
  durationMinutes: 60,
  specialistIds: [psychologistId],
  format: 'in_person',
  initiatedBy: 'client',
  note: 'Говорили о страхе остаться одной — CANARY-PSYNOTE',
  ...overrides,
});

describe('recording services', () => {
  it('records a consultation once even when the request is retried, and shows it in the timeline', async () => {
    const headers = { 'idempotency-key': 'psy-consult-retry-1' };
    const [a, b] = await Promise.all([
      psychologist.post('/api/services', service(), headers),
      psychologist.post('/api/services', service(), headers),
    ]);
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json().id).toBe(b.json().id);
    const history = (await lead.get(`/api/cases/${c.caseId}/services`)).json();
    expect(history.total).toBe(1);
    expect(history.totalMinutes).toBe(60);
    const timeline = (await lead.get(`/api/cases/${c.caseId}`)).json().timeline.items;
    expect(timeline.some((e: { kind: string }) => e.kind === 'service_recorded')).toBe(true);
    expect(JSON.stringify(timeline)).not.toContain('CANARY-PSYNOTE');
  });

  it("keeps a psychologist's note from the lawyer of the same team, but not from the lead", async () => {
    const asLawyer = (await lawyer.get(`/api/cases/${c.caseId}/services`)).json().items[0];
    expect(asLawyer.note).toBeNull();
    expect((await lead.get(`/api/cases/${c.caseId}/services`)).json().items[0].note).toContain('CANARY-PSYNOTE');
    expect((await outsider.get(`/api/cases/${c.caseId}/services`)).statusCode).toBe(404);
    expect((await outsider.post('/api/services', service({ specialistIds: [psychologistId] }))).statusCode).toBe(404);
  });

  it('refuses zero, negative or over-24-hour durations, future dates and non-staff specialists, writing nothing', async () => {
    const before = (await lead.get(`/api/cases/${c.caseId}/services`)).json().total;
    const tomorrow = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
    for (const [body, path] of [
      [service({ durationMinutes: 0 }), 'durationMinutes'],
      [service({ durationMinutes: -30 }), 'durationMinutes'],
      [service({ durationMinutes: 24 * 60 + 1 }), 'durationMinutes'],
      [service({ date: tomorrow }), 'date'],
      [service({ specialistIds: [c.familyId] }), 'specialistIds'],
    ] as const) {
      const res = await lead.post('/api/services', body);
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect((await lead.post('/api/services', service({ durationMinutes: 0 }))).json().error.fields[0].message).toBe(
      'Длительность — от 1 минуты до 24 часов',
    );
    expect((await lead.get(`/api/cases/${c.caseId}/services`)).json().total).toBe(before);
  });

  it("enters a day's consultations at once: all or none, errors on the right row", async () => {
    const bad = await lead.post('/api/services/batch', {
      services: [service({ typeId: types.legal_consultation, note: '' }), service({ durationMinutes: 0 })],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('services.1.durationMinutes');
    const before = (await lead.get(`/api/cases/${c.caseId}/services`)).json().total;
    const ok = await lead.post('/api/services/batch', {
      services: [
        service({ typeId: types.legal_consultation, specialistIds: [leadId], initiatedBy: 'team', note: '' }),
        service({ typeId: types.home_visit, specialistIds: [leadId], durationMinutes: 90, note: '' }),
      ],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect((await lead.get(`/api/cases/${c.caseId}/services`)).json().total).toBe(before + 2);
  });

  it('counts workload per specialist and type; a withdrawn service stops counting', async () => {
    const mine = (await psychologist.get(`/api/services/workload?month=${month}`)).json();
    expect(mine.rows).toEqual([expect.objectContaining({ userId: psychologistId, count: 1, minutes: 60, clientInitiated: 1 })]);
    const team = (await coordinator.get(`/api/services/workload?month=${month}`)).json();
    expect(
      team.rows.filter((r: { userId: string }) => r.userId === leadId).reduce((n: number, r: { minutes: number }) => n + r.minutes, 0),
    ).toBe(150);
    expect((await psychologist.get(`/api/services/workload?month=${month}&userId=${leadId}`)).statusCode).toBe(403);
    const id = (await lead.get(`/api/cases/${c.caseId}/services?typeId=${types.home_visit}`)).json().items[0].id;
    const withdrawn = await lead.post(`/api/services/${id}/withdraw`, { reason: 'Записано по ошибке' });
    expect(withdrawn.json().withdrawn).toBe(true);
    const after = (await coordinator.get(`/api/services/workload?month=${month}&userId=${leadId}`)).json();
    expect(after.rows.reduce((n: number, r: { minutes: number }) => n + r.minutes, 0)).toBe(60);
    expect((await coordinator.get(`/api/services/workload?month=2026-13`)).statusCode).toBe(400);
  });

  it('a type in use is retired, not deleted; history keeps its name', async () => {
    const admin = await login(t, org.adminEmail);
    const list = (await admin.get('/api/service-types')).json().items;
    const legal = list.find((x: { code: string }) => x.code === 'legal_consultation');
    expect(legal.inUse).toBe(true);
    const retired = await admin.put(`/api/service-types/${legal.id}`, {
      name: legal.name,
      category: legal.category,
      unit: legal.unit,
      retired: true,
      version: legal.version,
    });
    expect(retired.json().retired).toBe(true);
    expect((await lead.post('/api/services', service({ typeId: legal.id }))).json().error.fields[0].path).toBe('typeId');
    expect((await lead.get(`/api/cases/${c.caseId}/services?typeId=${legal.id}`)).json().items[0].typeName).toBe(
      'Юридическая консультация',
    );
    expect(
      (await lead.post('/api/service-types', { code: 'x', name: { ru: 'x', en: 'x' }, category: 'other', unit: 'session' })).statusCode,
    ).toBe(403);
  });
});

describe('group work and post-support', () => {
  it('records a parents’ club session with attendance, shown in the family timeline; unknown sessions and members are refused', async () => {
    const session = await lead.post('/api/group-sessions', {
      branchId: org.branchIds[0],
      kind: 'parents_club',
      series: 'Клуб родителей по средам',
      topic: 'Кризисы трёх лет',
      date: today,
      durationMinutes: 90,
      facilitatorIds: [psychologistId],
      outsideAdults: 3,
    });
    expect(session.statusCode, session.body).toBe(201);
    const id = session.json().id;
    const attendance = await lead.post(`/api/group-sessions/${id}/attendance`, {
      sessionId: id,
      attendees: [{ caseId: c.caseId, memberId: c.motherId }],
    });
    expect(attendance.statusCode, attendance.body).toBe(200);
    expect(attendance.json()).toMatchObject({ attendeeCount: 1, attendees: [{ firstName: 'Дарья' }] });
    const timeline = (await lead.get(`/api/cases/${c.caseId}`)).json().timeline.items;
    expect(timeline.some((e: { kind: string }) => e.kind === 'group_attended')).toBe(true);
    const missing = await lead.post(`/api/group-sessions/${c.caseId}/attendance`, { sessionId: c.caseId, attendees: [] });
    expect(missing.statusCode).toBe(404);
    const mismatched = await lead.post(`/api/group-sessions/${id}/attendance`, { sessionId: c.caseId, attendees: [] });
    expect(mismatched.statusCode).toBe(400);
    expect(mismatched.json().error.fields[0].path).toBe('sessionId');
    // A psychologist of the branch who neither facilitates it nor reaches an attending family finds
    // nothing (groups.test.ts has the whole matrix); the team's lawyer sees her own family only.
    const foreign = await outsider.post(`/api/group-sessions/${id}/attendance`, {
      sessionId: id,
      attendees: [{ caseId: c.caseId, memberId: c.motherId }],
    });
    expect(foreign.statusCode).toBe(404);
    expect((await outsider.get(`/api/group-sessions/${id}`)).statusCode).toBe(404);
    expect((await lawyer.get(`/api/group-sessions/${id}`)).json()).toMatchObject({ attendeeCount: 1, attendees: [{ firstName: 'Дарья' }] });
  });

  it('lists post-support visits due and overdue, and a supervisor visit moves the next one', async () => {
    const ps = await buildCase(coordinator, {
      branchId: org.branchIds[0]!,
      programmeId: (await coordinator.get(`/api/cases/${c.caseId}`)).json().case.programmeId,
      leadId,
      openedOn: '2026-03-01',
    });
    let version = 1;
    for (const action of ['activate', 'to_post_support']) {
      const res = await coordinator.post(`/api/cases/${ps.caseId}/transition`, { action, on: '2026-06-01', version });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    const due = (await coordinator.get('/api/post-support/visits')).json().items.find((v: { caseId: string }) => v.caseId === ps.caseId);
    expect(due).toMatchObject({ since: '2026-06-01', lastVisitOn: null, dueOn: '2026-09-01', overdue: true });
    const visit = await lead.post(
      '/api/services',
      service({
        caseId: ps.caseId,
        typeId: types.supervisor_visit,
        specialistIds: [leadId],
        format: 'home_visit',
        initiatedBy: 'team',
        note: '',
      }),
    );
    expect(visit.statusCode, visit.body).toBe(201);
    const after = (await coordinator.get('/api/post-support/visits')).json().items.find((v: { caseId: string }) => v.caseId === ps.caseId);
    expect(after.lastVisitOn).toBe(today);
    expect(after.overdue).toBe(false);
    expect((await outsider.get('/api/post-support/visits')).json().items.some((v: { caseId: string }) => v.caseId === ps.caseId)).toBe(
      false,
    );
  });
});
