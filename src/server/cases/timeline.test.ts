// Records entered after the fact keep the day they happened (the plan, a task done, a sensitive
// note, a status change): refused in the future or before the case, naming the field; rules are
// judged on that day; the timeline tells the story in the order things happened, a page at a time,
// with who entered each event and when; a referral is credited to the person who took it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildCase, buildFamily } from '../testing/casework.js';
import { system } from '../db/gateway.js';
import { sql } from 'drizzle-orm';

let t: TestApp;
let org: TestOrganization;
let programmeId: string;
let coordinator: Client;
let lead: Client;
let leadId: string;
const daysFrom = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
const today = daysFrom(0);

interface Event {
  id: string;
  kind: string;
  occurredOn: string;
  recordedAt: string;
  recordedBy: string | null;
  data: Record<string, unknown>;
}

const plan = (madeOn?: string) => ({
  desiredFuture: 'Жить с сыном в своей квартире',
  participants: [{ kind: 'mother', name: 'Дарья' }],
  startOn: daysFrom(-30),
  nextReviewOn: daysFrom(60),
  goals: [
    {
      domain: 'housing',
      title: 'Жильё',
      tasks: [{ title: 'Подать заявление', responsibleKind: 'mother', dueOn: daysFrom(10) }],
    },
  ],
  ...(madeOn && { madeOn }),
});

const fields = (res: { json(): { error: { fields: { path: string }[] } } }) =>
  res
    .json()
    .error.fields.map((f) => f.path)
    .sort();

async function timeline(client: Client, caseId: string, query = ''): Promise<{ items: Event[]; next: string | null }> {
  const res = await client.get(`/api/cases/${caseId}/timeline${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  programmeId = (await admin.post('/api/programmes', { name: 'Мама и малыш', periodStart: '2025-01-01', periodEnd: '2027-12-31' })).json()
    .id;
  coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  const l = await buildUser(t, org, ['case_worker']);
  leadId = l.id;
  lead = await login(t, l.email);
});
afterAll(() => t.close());

describe('the plan keeps the day it was made with the mother', () => {
  it('a plan typed in three weeks late but made within 14 days of admission is on time', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId, openedOn: daysFrom(-30) });
    const res = await lead.post(`/api/cases/${c.caseId}/plan`, plan(daysFrom(-21)));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().madeOn).toBe(daysFrom(-21));
    const got = (await lead.get(`/api/cases/${c.caseId}/plan`)).json();
    expect(got.firstPlan).toEqual({ dueOn: daysFrom(-16), state: 'met', metOn: daysFrom(-21) });
    const events = (await timeline(lead, c.caseId)).items;
    const created = events.find((e) => e.kind === 'plan_created')!;
    expect(created.occurredOn).toBe(daysFrom(-21));
    expect(created.recordedAt.slice(0, 10)).toBe(today);
  });

  it('the same plan dated the day it is typed in is late', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId, openedOn: daysFrom(-30) });
    expect((await lead.post(`/api/cases/${c.caseId}/plan`, plan())).statusCode).toBe(201);
    const got = (await lead.get(`/api/cases/${c.caseId}/plan`)).json();
    expect(got.firstPlan).toMatchObject({ state: 'met_late', metOn: today });
  });

  it('refuses a plan dated in the future or before the case, naming the field, and writes nothing', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId, openedOn: daysFrom(-10) });
    const future = await lead.post(`/api/cases/${c.caseId}/plan`, plan(daysFrom(2)));
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual(['madeOn']);
    const before = await lead.request('POST', `/api/cases/${c.caseId}/plan`, plan(daysFrom(-11)), { 'accept-language': 'en' });
    expect(before.statusCode).toBe(400);
    expect(fields(before)).toEqual(['madeOn']);
    expect(before.json().error.fields[0].message).toContain('before the case began');
    const ru = await lead.post(`/api/cases/${c.caseId}/plan`, plan(daysFrom(-11)));
    expect(ru.json().error.fields[0].message).toContain('раньше начала работы');
    expect((await lead.get(`/api/cases/${c.caseId}/plan`)).json().plan).toBeNull();
    expect((await timeline(lead, c.caseId)).items.map((e) => e.kind)).toEqual(['case_opened']);
  });

  it('a task is marked done on the day it was done; a day ahead or before the case is refused', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId, openedOn: daysFrom(-20) });
    const made = (await lead.post(`/api/cases/${c.caseId}/plan`, plan(daysFrom(-15)))).json();
    const task = made.goals[0].tasks[0];
    const url = `/api/plans/${made.id}/tasks/${task.id}/status`;
    const ahead = await lead.post(url, { status: 'done', completedOn: daysFrom(1), version: task.version });
    expect(ahead.statusCode).toBe(400);
    expect(fields(ahead)).toEqual(['completedOn']);
    const early = await lead.post(url, { status: 'done', completedOn: daysFrom(-21), version: task.version });
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual(['completedOn']);
    const done = await lead.post(url, { status: 'done', completedOn: daysFrom(-5), version: task.version });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().goals[0].tasks[0].completedOn).toBe(daysFrom(-5));
    const event = (await timeline(lead, c.caseId)).items.find((e) => e.kind === 'task_completed')!;
    expect(event.occurredOn).toBe(daysFrom(-5));
  });

  it('a whole-plan save keeps the day a task was done and refuses one before the case', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId, openedOn: daysFrom(-20) });
    const made = (await lead.post(`/api/cases/${c.caseId}/plan`, plan(daysFrom(-15)))).json();
    const save = (completedOn: string) => ({
      ...plan(),
      version: made.version,
      goals: [{ ...plan().goals[0], tasks: [{ ...plan().goals[0]!.tasks[0], status: 'done', completedOn }] }],
    });
    const early = await lead.put(`/api/plans/${made.id}`, save(daysFrom(-25)));
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual(['goals.0.tasks.0.completedOn']);
    const saved = await lead.put(`/api/plans/${made.id}`, save(daysFrom(-3)));
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().goals[0].tasks[0].completedOn).toBe(daysFrom(-3));
    // The plan keeps the day it was made when a save does not name one.
    expect(saved.json().madeOn).toBe(daysFrom(-15));
  });
});

describe('sensitive notes and status changes entered after the fact', () => {
  it('a sensitive note keeps the day it was learnt; a day before the case or ahead is refused', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId, openedOn: daysFrom(-40) });
    const note = (notedOn: string) => ({ section: 'criminal_record', text: 'Условный срок', notedOn, overrideReason: 'Нужна справка' });
    for (const day of [daysFrom(-41), daysFrom(1)]) {
      const res = await lead.post(`/api/families/${c.familyId}/sensitive`, note(day));
      expect(res.statusCode, day).toBe(400);
      expect(fields(res)).toEqual(['notedOn']);
    }
    const res = await lead.post(`/api/families/${c.familyId}/sensitive`, note(daysFrom(-35)));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().notedOn).toBe(daysFrom(-35));
    const event = (await timeline(lead, c.caseId)).items.find((e) => e.kind === 'sensitive_note_added')!;
    expect(event.occurredOn).toBe(daysFrom(-35));
    expect(JSON.stringify(event)).not.toContain('Условный срок');
  });

  it('a status change keeps its day, not before the case nor before the previous change', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId, openedOn: daysFrom(-60) });
    const move = (body: Record<string, unknown>) => lead.post(`/api/cases/${c.caseId}/transition`, body);
    const early = await move({ action: 'activate', on: daysFrom(-61), version: 1 });
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual(['on']);
    expect((await move({ action: 'activate', on: daysFrom(-50), version: 1 })).statusCode).toBe(200);
    const beforeLast = await move({ action: 'to_post_support', on: daysFrom(-55), version: 2 });
    expect(beforeLast.statusCode).toBe(400);
    expect(fields(beforeLast)).toEqual(['on']);
    expect((await move({ action: 'to_post_support', on: daysFrom(-20), version: 2 })).statusCode).toBe(200);
    const events = (await timeline(lead, c.caseId)).items.filter((e) => e.kind === 'status_changed');
    expect(events.map((e) => [e.occurredOn, e.data.status])).toEqual([
      [daysFrom(-20), { from: 'active', to: 'post_support' }],
      [daysFrom(-50), { from: 'intake', to: 'active' }],
    ]);
  });
});

describe('the timeline', () => {
  it('orders by the day things happened, whatever order they were entered in, and says who entered them and when', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId, openedOn: daysFrom(-90) });
    // Entered today, in this order: activation (day -80), the plan (day -85, made at intake), a note (day -70).
    await lead.post(`/api/cases/${c.caseId}/transition`, { action: 'activate', on: daysFrom(-80), version: 1 });
    await lead.post(`/api/cases/${c.caseId}/plan`, plan(daysFrom(-85)));
    await lead.post(`/api/families/${c.familyId}/sensitive`, {
      section: 'health',
      text: 'Аллергия',
      notedOn: daysFrom(-70),
      overrideReason: 'Нужно для ухода',
    });
    const { items } = await timeline(lead, c.caseId);
    expect(items.map((e) => [e.kind, e.occurredOn])).toEqual([
      ['sensitive_note_added', daysFrom(-70)],
      ['status_changed', daysFrom(-80)],
      ['plan_created', daysFrom(-85)],
      ['case_opened', daysFrom(-90)],
    ]);
    expect(items.every((e) => e.recordedAt.slice(0, 10) === today)).toBe(true);
    expect(items.find((e) => e.kind === 'plan_created')!.recordedBy).toBe('Петрова Ольга');
  });

  it('comes a page at a time: the case page holds the first 50, the rest follow the cursor without gaps or repeats', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId, openedOn: daysFrom(-200) });
    // 60 events of earlier days written straight into the history, many entered at the same
    // instant (as a bulk import would) so that only the id tells them apart.
    await system(t.engine, (tx) =>
      tx.execute(sql`insert into case_events (org_id, case_id, at, actor_id, kind, occurred_on, data)
        select ${org.orgId}, ${c.caseId}, now() - interval '1 hour', ${leadId}, 'case_updated',
          current_date - 100 + (i % 20), jsonb_build_object('riskFlags', jsonb_build_object('from', '[]'::jsonb, 'to', '[]'::jsonb))
        from generate_series(1, 60) i`),
    );
    const page = (await lead.get(`/api/cases/${c.caseId}`)).json().timeline;
    expect(page.items).toHaveLength(50);
    expect(page.next).toEqual(expect.any(String));
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const got: { items: Event[]; next: string | null } = await timeline(lead, c.caseId, `?limit=7${next ? `&before=${next}` : ''}`);
      seen.push(...got.items.map((e) => e.id));
      next = got.next;
    } while (next);
    expect(seen).toHaveLength(61);
    expect(new Set(seen).size).toBe(61);
    const all = await timeline(lead, c.caseId, '?limit=200');
    expect(all.next).toBeNull();
    expect(all.items.map((e) => e.id)).toEqual(seen);
    expect(page.items.map((e: Event) => e.id)).toEqual(seen.slice(0, 50));
  });

  it('refuses a malformed cursor or limit, naming the field', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId });
    const bad = await lead.get(`/api/cases/${c.caseId}/timeline?before=2026-01-01'--`);
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual(['query.before']);
    const big = await lead.get(`/api/cases/${c.caseId}/timeline?limit=5000`);
    expect(fields(big)).toEqual(['query.limit']);
  });

  it('credits a referral to the person who took it, on the day it came in', async () => {
    const taker = await buildUser(t, org, ['coordinator']);
    const takerClient = await login(t, taker.email);
    const family = await buildFamily(coordinator, org.branchIds[0]!);
    const received = new Date(Date.now() - 8 * 86_400_000).toISOString();
    const referral = await takerClient.post('/api/referrals', {
      branchId: org.branchIds[0],
      receivedAt: received,
      source: 'maternity_hospital',
      clientFirstName: 'Дарья',
      summary: 'Роддом: мама с новорождённым без жилья',
      familyId: family.id,
    });
    expect(referral.statusCode, referral.body).toBe(201);
    const opened = await coordinator.post('/api/cases', {
      familyId: family.id,
      programmeId,
      branchId: org.branchIds[0],
      leadId,
      openedOn: daysFrom(-2),
      referralId: referral.json().id,
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const { items } = await timeline(coordinator, opened.json().id);
    const event = items.find((e) => e.kind === 'referral_received')!;
    expect(event.occurredOn).toBe(received.slice(0, 10));
    expect(event.recordedBy).toBe('Петрова Ольга');
    expect(items.map((e) => e.kind)).toEqual(['case_opened', 'referral_received']);
  });
});

describe('who may read the timeline', () => {
  it('the team and responsible staff read it; anyone else gets 404 (outside the scope) or 403 (no permission)', async () => {
    const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId });
    const url = `/api/cases/${c.caseId}/timeline`;
    const other = await buildOrganization(t);
    const expected: [string, Client, number][] = [
      ['lead', lead, 200],
      ['coordinator', coordinator, 200],
      ['supervisor', await login(t, (await buildUser(t, org, ['supervisor'])).email), 200],
      ['another worker', await login(t, (await buildUser(t, org, ['case_worker'])).email), 404],
      ['coordinator of another branch', await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[1]!])).email), 404],
      ['volunteer', await login(t, (await buildUser(t, org, ['volunteer'])).email), 403],
      ['admin', await login(t, org.adminEmail), 403],
      ['me officer', await login(t, (await buildUser(t, org, ['me_officer'])).email), 403],
      ['coordinator of another organisation', await login(t, (await buildUser(t, other, ['coordinator'])).email), 404],
      ['supervisor of another organisation', await login(t, (await buildUser(t, other, ['supervisor'])).email), 404],
    ];
    for (const [who, client, status] of expected) expect((await client.get(url)).statusCode, who).toBe(status);
    // Another organisation's case id reads as 404 for this organisation's coordinator.
    const otherCoordinator = await login(t, (await buildUser(t, other, ['coordinator'])).email);
    const otherLead = await buildUser(t, other, ['case_worker']);
    const otherProgramme = (
      await (
        await login(t, other.adminEmail)
      ).post('/api/programmes', { name: 'Чужая', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
    ).json().id;
    const foreign = await buildCase(otherCoordinator, { branchId: other.branchIds[0]!, programmeId: otherProgramme, leadId: otherLead.id });
    expect((await coordinator.get(`/api/cases/${foreign.caseId}/timeline`)).statusCode).toBe(404);
  });
});
