// Feedback through the HTTP app: shipped templates, responses per case and unsigned at a shelter,
// validation that names the field and writes nothing, the summary (figures worked out by hand
// below, never the text answers), template edits with versions and 409, and the authorization
// matrix of every feedback route (roles × own/other branch × case team × other organisation).
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHousingWorld, today, waitingCase, type HousingWorld } from '../testing/housing.js';
import { buildOrganization, buildUser, login, type Client, type TestApp, buildTestApp } from '../testing/harness.js';

let t: TestApp;
let w: HousingWorld;
let worker: Client;
let workerId: string;
let caseA: string;
let caseA2: string;
const clients: Record<string, Client> = {};

const summary = async (client: Client, code: string, extra = '') =>
  client.get(`/api/feedback/summary?templateCode=${code}&from=2026-01-01&to=${today()}${extra}`);

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildHousingWorld(t);
  const [a, b] = w.org.branchIds as [string, string];
  const u = await buildUser(t, w.org, ['case_worker'], [a]);
  workerId = u.id;
  worker = await login(t, u.email);
  caseA = (await waitingCase(w, w.coordinatorId, [{ userId: workerId, role: 'case_worker' }])).caseId;
  caseA2 = (await waitingCase(w)).caseId;
  const actors: [string, Parameters<typeof buildUser>[2], string[]][] = [
    ['coordB', ['coordinator'], [b]],
    ['deskA', ['shelter_admin'], [a]],
    ['deskB', ['shelter_admin'], [b]],
    ['otherWorkerA', ['case_worker'], [a]],
    ['meA', ['me_officer'], [a]],
    ['volunteerA', ['volunteer'], [a]],
  ];
  for (const [name, roles, branches] of actors) clients[name] = await login(t, (await buildUser(t, w.org, roles, branches)).email);
  clients.admin = w.admin;
  clients.coordA = w.coordinator;
  clients.workerA = worker;
  const other = await buildOrganization(t);
  clients.otherOrgCoord = await login(t, (await buildUser(t, other, ['coordinator'], other.branchIds)).email);
});
afterAll(() => t.close());

describe('feedback responses and summary', () => {
  it('ships the exit interview and the satisfaction survey in Russian and English', async () => {
    const res = await worker.get('/api/feedback/templates');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { code: string; definition: { name: { ru: string; en: string }; anonymous: boolean } }[];
    expect(items.map((i) => i.code)).toEqual(['exit_interview', 'satisfaction']);
    expect(items[0]!.definition.name).toEqual({ ru: 'Интервью при выходе из программы', en: 'Exit interview' });
    expect(items.map((i) => i.definition.anonymous)).toEqual([false, true]);
  });

  it('refuses bad answers naming the field, and writes nothing', async () => {
    const post = (body: unknown) => worker.post(`/api/feedback/cases/${caseA}/responses`, body);
    const base = { templateCode: 'exit_interview', respondedOn: today() };
    const outOfScale = await post({ ...base, answers: { helped: 6 } });
    expect(outOfScale.statusCode).toBe(400);
    expect(outOfScale.json().error.fields).toEqual([expect.objectContaining({ path: 'answers.helped', code: 'validation.out_of_scale' })]);
    const unknown = await post({ ...base, answers: { helped: 4, colour: 'red' } });
    expect(unknown.json().error.fields).toEqual([expect.objectContaining({ path: 'answers.colour', code: 'validation.unknown_field' })]);
    const badChoice = await post({ ...base, answers: { most_useful: 'spa' } });
    expect(badChoice.json().error.fields[0].path).toBe('answers.most_useful');
    const empty = await post({ ...base, answers: {} });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0].path).toBe('answers');
    const noTemplate = await post({ ...base, templateCode: 'no_such', answers: { helped: 4 } });
    expect(noTemplate.json().error.fields[0].path).toBe('templateCode');
    const future = await post({ ...base, respondedOn: '2999-01-01', answers: { helped: 4 } });
    expect(future.json().error.fields[0].path).toBe('respondedOn');
    const unsignedExit = await w.coordinator.post(`/api/feedback/facilities/${w.facilityId}/responses`, {
      ...base,
      answers: { helped: 4 },
    });
    expect(unsignedExit.statusCode).toBe(400);
    expect(unsignedExit.json().error.fields[0]).toMatchObject({ path: 'templateCode', code: 'validation.feedback_not_anonymous' });
    expect((await summary(w.coordinator, 'exit_interview')).json().responses).toBe(0);
    expect((await worker.get(`/api/feedback/cases/${caseA}/responses`)).json().items).toEqual([]);
  });

  it('summarises figures per period without the words, which only the case team reads', async () => {
    const r1 = await worker.post(`/api/feedback/cases/${caseA}/responses`, {
      templateCode: 'exit_interview',
      respondedOn: today(),
      answers: {
        helped: 5,
        trust: 4,
        ready: 3,
        most_useful: 'psychologist',
        recommend: true,
        contact_after: true,
        improve: 'CANARY-WORDS',
      },
    });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json().answers.improve).toBe('CANARY-WORDS');
    const r2 = await w.coordinator.post(`/api/feedback/cases/${caseA2}/responses`, {
      templateCode: 'exit_interview',
      respondedOn: today(),
      answers: { helped: 3, trust: 4, most_useful: 'psychologist', recommend: false, contact_after: true },
    });
    expect(r2.statusCode, r2.body).toBe(201);
    const r3 = await w.coordinator.post(`/api/feedback/cases/${caseA2}/responses`, {
      templateCode: 'exit_interview',
      respondedOn: '2025-12-31',
      answers: { helped: 1 },
    });
    expect(r3.statusCode).toBe(201);
    const unsigned = await clients.deskA!.post(`/api/feedback/facilities/${w.facilityId}/responses`, {
      templateCode: 'satisfaction',
      respondedOn: today(),
      answers: { overall: 4, heard: true, contact_way: 'phone', comment: 'CANARY-UNSIGNED' },
    });
    expect(unsigned.statusCode, unsigned.body).toBe(201);
    expect(unsigned.json().caseId).toBeNull();

    // By hand: two exit interviews in the period (the one of 2025-12-31 is outside it).
    // helped 5 and 3 → average 4; trust 4 and 4 → 4; ready only 3 (answered once);
    // most useful: psychologist twice; recommend yes once of two → 0.5; keep in touch 2 of 2 → 1.
    // Read exactly by the branch's coordinator, who opens every case behind the figures.
    const res = await summary(clients.coordA!, 'exit_interview');
    expect(res.statusCode).toBe(200);
    const s = res.json();
    expect(s.responses).toBe(2);
    expect(s.anonymousResponses).toBe(0);
    const q = Object.fromEntries((s.questions as { code: string }[]).map((x) => [x.code, x])) as Record<string, Record<string, unknown>>;
    expect(Object.keys(q)).toEqual(['helped', 'trust', 'ready', 'most_useful', 'recommend', 'contact_after']);
    expect(q.helped).toMatchObject({ answered: 2, average: 4 });
    expect((q.helped!.distribution as { value: string; count: number }[]).map((d) => d.count)).toEqual([0, 0, 1, 0, 1]);
    expect(q.ready).toMatchObject({ answered: 1, average: 3 });
    expect(q.trust).toMatchObject({ answered: 2, average: 4 });
    expect((q.most_useful!.distribution as { value: string; count: number }[]).find((d) => d.value === 'psychologist')!.count).toBe(2);
    expect((q.most_useful!.distribution as { value: string; count: number }[]).find((d) => d.value === 'housing')!.count).toBe(0);
    expect(q.recommend).toMatchObject({ answered: 2, yesShare: 0.5 });
    expect(q.contact_after).toMatchObject({ answered: 2, yesShare: 1 });
    expect(res.body).not.toContain('CANARY');
    expect(res.body).not.toContain('improve');

    // The M&E officer and another branch's coordinator cannot open those cases: the cells under the
    // threshold read as the funder exports show them (issue 11, point 6); the total of responses stays.
    for (const reader of [clients.meA!, clients.coordB!]) {
      const hidden = await summary(reader, 'exit_interview');
      expect(hidden.statusCode).toBe(200);
      const h = Object.fromEntries((hidden.json().questions as { code: string }[]).map((x) => [x.code, x])) as Record<
        string,
        Record<string, unknown>
      >;
      expect(hidden.json().responses).toBe(2);
      expect(h.helped).toMatchObject({ answered: '<5', average: '—' });
      expect((h.helped!.distribution as { count: unknown }[]).map((d) => d.count)).toEqual([0, 0, '<5', 0, '<5']);
      expect(h.recommend).toMatchObject({ answered: '<5', yesShare: '—' });
      expect(h.contact_after).toMatchObject({ answered: '<5', yesShare: '—' });
      // Narrowed to the branch, the number of responses is its cell too.
      expect((await summary(reader, 'exit_interview', `&branchId=${w.org.branchIds[0]}`)).json().responses).toBe('<5');
    }
    expect((await summary(clients.coordA!, 'exit_interview', `&branchId=${w.org.branchIds[0]}`)).json().responses).toBe(2);

    const all = await clients.coordA!.get(`/api/feedback/summary?templateCode=exit_interview&from=2025-01-01&to=${today()}`);
    expect(all.json().responses).toBe(3);
    expect(all.json().questions[0]).toMatchObject({ code: 'helped', answered: 3, average: 3 });
    expect((await summary(clients.meA!, 'exit_interview', `&branchId=${w.org.branchIds[1]}`)).json().responses).toBe(0);
    expect((await summary(clients.meA!, 'exit_interview', `&programmeId=${w.programmeId}`)).json().responses).toBe(2);

    const satisfaction = await summary(clients.coordA!, 'satisfaction');
    expect(satisfaction.json()).toMatchObject({ responses: 1, anonymousResponses: 1 });
    expect((await summary(clients.meA!, 'satisfaction')).json()).toMatchObject({ responses: 1, anonymousResponses: '<5' });
    expect(satisfaction.body).not.toContain('CANARY');

    const team = await worker.get(`/api/feedback/cases/${caseA}/responses`);
    expect(team.json().items).toHaveLength(1);
    expect(team.json().items[0].answers.improve).toBe('CANARY-WORDS');
    const desk = await clients.deskA!.get(`/api/feedback/facilities/${w.facilityId}/responses`);
    expect(desk.json().items[0].answers.comment).toBe('CANARY-UNSIGNED');
    const audit = await w.admin.get('/api/audit?recordType=feedback_response');
    expect(audit.json().items.length).toBe(4);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await clients.meA!.get('/api/feedback/summary?templateCode=exit_interview&from=2026-05-01&to=2026-04-01');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('to');
    const badDate = await clients.meA!.get('/api/feedback/summary?templateCode=exit_interview&from=2026-13-01&to=2026-04-01');
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json().error.fields[0].path).toContain('from');
  });
});

describe('feedback templates are data the admin edits', () => {
  it('keeps a version per edit, refuses a stale one with 409 and an invalid one with 400', async () => {
    const current = (await w.admin.get('/api/feedback/templates/satisfaction')).json();
    const definition = {
      ...current.definition,
      questions: [
        ...current.definition.questions,
        { code: 'again', text: { ru: 'Придёте ли ещё?', en: 'Would you come again?' }, kind: 'yes_no' },
      ],
    };
    const bad = await w.admin.put('/api/feedback/templates/satisfaction', {
      version: current.version,
      definition: { ...definition, questions: [{ code: 'n', text: { ru: 'Число', en: 'Number' }, kind: 'number' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('definition.questions.0.kind');
    const ok = await w.admin.put('/api/feedback/templates/satisfaction', { version: current.version, definition });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().version).toBe(current.version + 1);
    const stale = await w.admin.put('/api/feedback/templates/satisfaction', { version: current.version, definition });
    expect(stale.statusCode).toBe(409);
    // Earlier responses still count under the edited template (matched by question code).
    const s = (await summary(clients.coordA!, 'satisfaction')).json();
    expect(s.responses).toBe(1);
    expect(s.questions.map((q: { code: string }) => q.code)).toContain('again');
    expect(s.questions.find((q: { code: string }) => q.code === 'overall')).toMatchObject({ answered: 1, average: 4 });
  });
});

describe('the M&E officer creates a form of her own', () => {
  const definition = (name: string) => ({
    code: 'mother_voice',
    name: { ru: name, en: 'Mother\u2019s voice' },
    purpose: 'satisfaction',
    questions: [{ code: 'heard', text: { ru: 'Вас слышат?', en: 'Are you heard?' }, kind: 'scale', min: 1, max: 5 }],
  });

  it('creates version 1, refuses the code a second time and edits it into version 2', async () => {
    const me = clients.meA!;
    const created = await me.post('/api/feedback/templates', { definition: definition('Голос мамы') });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ code: 'mother_voice', version: 1, active: true });
    const again = await me.post('/api/feedback/templates', { definition: definition('Ещё раз') });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0]).toMatchObject({ path: 'definition.code', message: 'Форма с таким кодом уже есть' });
    const bad = await me.post('/api/feedback/templates', {
      definition: { ...definition('Без вопросов'), code: 'empty_form', questions: [] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('definition.questions');
    expect((await me.get('/api/feedback/templates/empty_form')).statusCode).toBe(404);
    const edited = await me.put('/api/feedback/templates/mother_voice', { version: 1, definition: definition('Голос мамы (2)') });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ version: 2 });
    // Another organisation neither sees nor edits it, and may take the same code for its own form.
    expect((await clients.otherOrgCoord!.get('/api/feedback/templates/mother_voice')).statusCode).toBe(404);
    expect(
      (await clients.otherOrgCoord!.put('/api/feedback/templates/mother_voice', { version: 2, definition: definition('Чужая') }))
        .statusCode,
    ).toBe(404);
    expect((await clients.otherOrgCoord!.post('/api/feedback/templates', { definition: definition('Своя') })).statusCode).toBe(201);
    // A case worker may not create forms.
    expect((await worker.post('/api/feedback/templates', { definition: { ...definition('Нет'), code: 'not_mine' } })).statusCode).toBe(403);
  });
});

describe('authorization of every feedback route', () => {
  type Expect = Record<string, number>;
  const body = () => ({ templateCode: 'satisfaction', respondedOn: today(), answers: { overall: 5 } });
  const ROUTES: { name: string; method: HTTPMethods; url: () => string; body?: () => unknown; expect: Expect }[] = [
    {
      name: 'list templates',
      method: 'GET',
      url: () => '/api/feedback/templates',
      expect: {
        admin: 200,
        coordA: 200,
        coordB: 200,
        deskA: 200,
        workerA: 200,
        otherWorkerA: 200,
        meA: 200,
        volunteerA: 200,
        otherOrgCoord: 200,
      },
    },
    {
      name: 'edit template (stale version: 409 when reached)',
      method: 'PUT',
      url: () => '/api/feedback/templates/exit_interview',
      body: () => ({
        version: 99,
        definition: {
          code: 'exit_interview',
          name: { ru: 'И', en: 'I' },
          purpose: 'exit_interview',
          questions: [{ code: 'a', text: { ru: 'А', en: 'A' }, kind: 'yes_no' }],
        },
      }),
      expect: {
        admin: 409,
        coordA: 409,
        coordB: 409,
        deskA: 403,
        workerA: 403,
        otherWorkerA: 403,
        meA: 409,
        volunteerA: 403,
        otherOrgCoord: 409,
      },
    },
    {
      name: 'create a template (a code taken in every organisation: 400 when reached)',
      method: 'POST',
      url: () => '/api/feedback/templates',
      body: () => ({
        definition: {
          code: 'exit_interview',
          name: { ru: 'И', en: 'I' },
          purpose: 'exit_interview',
          questions: [{ code: 'a', text: { ru: 'А', en: 'A' }, kind: 'yes_no' }],
        },
      }),
      expect: {
        admin: 400,
        coordA: 400,
        coordB: 400,
        deskA: 403,
        workerA: 403,
        otherWorkerA: 403,
        meA: 400,
        volunteerA: 403,
        otherOrgCoord: 400,
      },
    },
    {
      name: 'case responses',
      method: 'GET',
      url: () => `/api/feedback/cases/${caseA}/responses`,
      expect: {
        admin: 403,
        coordA: 200,
        coordB: 404,
        deskA: 403,
        workerA: 200,
        otherWorkerA: 404,
        meA: 403,
        volunteerA: 403,
        otherOrgCoord: 404,
      },
    },
    {
      name: 'record a case response',
      method: 'POST',
      url: () => `/api/feedback/cases/${caseA}/responses`,
      body,
      expect: {
        admin: 403,
        coordA: 201,
        coordB: 404,
        deskA: 403,
        workerA: 201,
        otherWorkerA: 404,
        meA: 403,
        volunteerA: 403,
        otherOrgCoord: 404,
      },
    },
    {
      name: 'facility responses',
      method: 'GET',
      url: () => `/api/feedback/facilities/${w.facilityId}/responses`,
      expect: { admin: 403, coordA: 200, coordB: 404, deskA: 200, deskB: 404, workerA: 403, meA: 403, volunteerA: 403, otherOrgCoord: 404 },
    },
    {
      name: 'record an unsigned response',
      method: 'POST',
      url: () => `/api/feedback/facilities/${w.facilityId}/responses`,
      body,
      expect: { admin: 403, coordA: 201, coordB: 404, deskA: 201, deskB: 404, workerA: 403, meA: 403, volunteerA: 403, otherOrgCoord: 404 },
    },
    {
      name: 'summary',
      method: 'GET',
      url: () => `/api/feedback/summary?templateCode=satisfaction&from=2026-01-01&to=${today()}`,
      expect: {
        admin: 200,
        coordA: 200,
        coordB: 200,
        deskA: 403,
        workerA: 403,
        otherWorkerA: 403,
        meA: 200,
        volunteerA: 403,
        otherOrgCoord: 200,
      },
    },
  ];
  for (const route of ROUTES) {
    it(route.name, async () => {
      const got: Expect = {};
      for (const name of Object.keys(route.expect)) {
        const res = await clients[name]!.request(route.method, route.url(), route.body?.());
        got[name] = res.statusCode;
      }
      expect(got).toEqual(route.expect);
    });
  }

  it("another organisation's summary counts none of these responses", async () => {
    const res = await clients.otherOrgCoord!.get(`/api/feedback/summary?templateCode=satisfaction&from=2026-01-01&to=${today()}`);
    expect(res.json().responses).toBe(0);
  });
});
