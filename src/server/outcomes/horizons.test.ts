// Follow-up horizons: the 3/6/12-month contacts count from the day the family left the programme's
// active phase — its closing (graduation) or its move to post-support, as the programme says — and
// a contact cannot be recorded before its horizon has come.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../domain/outcomes/follow-up.js';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

const today = () => new Date().toISOString().slice(0, 10);
const ago = (months: number, days = 0) => addDays(addMonths(today(), -months), -days);

let t: TestApp;
let org: TestOrganization;
let admin: Client;
let coord: Client;
let fromClosing: string;
let fromPostSupport: string;

async function transition(caseId: string, action: string, on: string, outcome: string | null = null) {
  const detail = (await coord.get(`/api/cases/${caseId}`)).json();
  const res = await coord.post(`/api/cases/${caseId}/transition`, { action, on, outcome, reason: 'Итог', version: detail.case.version });
  expect(res.statusCode, res.body).toBe(200);
}

const contact = (caseId: string, milestone: number, contactedOn = today()) =>
  coord.post('/api/follow-ups', { caseId, milestone, contactedOn, format: 'phone', childWithFamily: 'yes', housing: 'rented' });

const fields = (res: { json(): { error: { fields: { path: string }[] } } }) => res.json().error.fields.map((f) => f.path);

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  fromClosing = (await admin.post('/api/programmes', { name: 'Выпуск', periodStart: '2024-01-01', periodEnd: '2027-12-31' })).json().id;
  const made = await admin.post('/api/programmes', {
    name: 'Постсопровождение',
    periodStart: '2024-01-01',
    periodEnd: '2027-12-31',
    followUpFrom: 'post_support',
  });
  expect(made.statusCode, made.body).toBe(201);
  fromPostSupport = made.json().id;
  coord = await login(t, (await buildUser(t, org, ['coordinator'], org.branchIds)).email);
});
afterAll(() => t.close());

const family = (programmeId: string, openedOn: string) =>
  buildCase(coord, { branchId: org.branchIds[0]!, programmeId, leadId: coord.me.id, openedOn });

describe('counted from the closing (graduation)', () => {
  it('a "6 months" contact on the day of closing is refused, naming the date; nothing written', async () => {
    const c = await family(fromClosing, ago(5));
    await transition(c.caseId, 'close', today(), 'independent_living');
    for (const milestone of [3, 6, 12]) {
      const res = await contact(c.caseId, milestone);
      expect(res.statusCode, res.body).toBe(400);
      expect(fields(res)).toEqual(['contactedOn']);
      expect(res.json().error.fields[0].params).toEqual({ date: addDays(addMonths(today(), milestone), -14) });
    }
    const outcomes = (await coord.get(`/api/cases/${c.caseId}/outcomes`)).json();
    expect(outcomes.followUps).toEqual([]);
  });

  it('a case in post-support has not left yet (422)', async () => {
    const c = await family(fromClosing, ago(10));
    await transition(c.caseId, 'activate', ago(10));
    await transition(c.caseId, 'to_post_support', ago(7));
    expect((await contact(c.caseId, 6)).statusCode).toBe(422);
    expect((await coord.get('/api/follow-ups')).json().items.map((i: { caseId: string }) => i.caseId)).not.toContain(c.caseId);
  });

  it('the contact is taken from its horizon on (14 days ahead of it, as it is listed)', async () => {
    const c = await family(fromClosing, ago(9));
    await transition(c.caseId, 'close', ago(6, -10), 'child_with_family');
    expect((await contact(c.caseId, 6)).statusCode).toBe(201);
  });
});

describe('counted from the move to post-support', () => {
  it('the programme keeps its setting; an unknown one is refused naming the field', async () => {
    const list = (await admin.get('/api/programmes')).json().items as { id: string; followUpFrom: string; version: number }[];
    expect(list.find((p) => p.id === fromPostSupport)!.followUpFrom).toBe('post_support');
    expect(list.find((p) => p.id === fromClosing)!.followUpFrom).toBe('closing');
    const bad = await admin.post('/api/programmes', {
      name: 'X',
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      followUpFrom: 'birth',
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['followUpFrom']);
  });

  it('is listed and recorded while the case is in post-support, from the day it moved there', async () => {
    const c = await family(fromPostSupport, ago(9));
    await transition(c.caseId, 'activate', ago(9));
    const moved = ago(6, 10);
    await transition(c.caseId, 'to_post_support', moved);
    const due = (await coord.get('/api/follow-ups')).json().items.find((i: { caseId: string }) => i.caseId === c.caseId);
    expect(due).toMatchObject({ leftOn: moved, closedOn: null, milestone: 6, dueOn: addMonths(moved, 6), status: 'due' });
    expect(fields(await contact(c.caseId, 12))).toEqual(['contactedOn']);
    const res = await contact(c.caseId, 6);
    expect(res.statusCode, res.body).toBe(201);
    expect((await coord.get('/api/follow-ups')).json().items.map((i: { caseId: string }) => i.caseId)).not.toContain(c.caseId);
  });

  it('a case closed after post-support still counts from the move; one closed straight from active work from its closing', async () => {
    const viaPostSupport = await family(fromPostSupport, ago(12));
    await transition(viaPostSupport.caseId, 'activate', ago(12));
    await transition(viaPostSupport.caseId, 'to_post_support', ago(3, 5));
    await transition(viaPostSupport.caseId, 'close', ago(1), 'child_with_family');
    expect((await contact(viaPostSupport.caseId, 3)).statusCode).toBe(201);
    const straight = await family(fromPostSupport, ago(8));
    await transition(straight.caseId, 'activate', ago(8));
    await transition(straight.caseId, 'close', ago(1), 'child_with_family');
    expect(fields(await contact(straight.caseId, 3))).toEqual(['contactedOn']);
  });
});
