// Assessments and plans through the HTTP app: scoring and change, amendments, versioned templates,
// sensitive domains, the plan with its tasks, reviews, print, "my work", conflicts and authorization.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';

let t: TestApp;
let org: TestOrganization;
let admin: Client;
let coordinator: Client;
let lead: Client;
let leadId: string;
let lawyer: Client;
let outsider: Client;
let volunteer: Client;
let c: BuiltCase;
const today = new Date().toISOString().slice(0, 10);
const daysFrom = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  const programmeId = (await admin.post('/api/programmes', { name: 'Выход', periodStart: '2026-01-01', periodEnd: '2026-12-31' })).json()
    .id;
  coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  const l = await buildUser(t, org, ['case_worker']);
  leadId = l.id;
  lead = await login(t, l.email);
  const law = await buildUser(t, org, ['lawyer']);
  lawyer = await login(t, law.email);
  outsider = await login(t, (await buildUser(t, org, ['case_worker'])).email);
  const vol = await buildUser(t, org, ['volunteer']);
  volunteer = await login(t, vol.email);
  c = await buildCase(coordinator, {
    branchId: org.branchIds[0]!,
    programmeId,
    leadId,
    team: [
      { userId: law.id, role: 'lawyer' },
      { userId: vol.id, role: 'volunteer' },
    ],
  });
  await lead.post(`/api/families/${c.familyId}/consents`, {
    memberId: c.motherId,
    kind: 'special_categories',
    givenOn: today,
    scope: 'Здоровье',
  });
});
afterAll(() => t.close());

describe('assessments', () => {
  let first: string;

  it('scores a needs assessment per domain with an overall level, and strips sensitive domains for a lawyer', async () => {
    const res = await lead.post(`/api/cases/${c.caseId}/assessments`, {
      templateCode: 'family_needs',
      conductedOn: today,
      answers: {
        housing_need: 3,
        housing_risk: 2,
        documents_need: 2,
        documents_risk: 1,
        psychological_need: 2,
        psychological_risk: 3,
        psychological_resources: 'CANARY-PSY-991',
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    first = res.json().id;
    const scores = Object.fromEntries(
      res.json().scores.map((s: { domain: string; score: number; level: string }) => [s.domain, [s.score, s.level]]),
    );
    expect(scores.housing).toEqual([5, 'high']);
    expect(scores.documents).toEqual([3, 'medium']);
    expect(scores.psychological).toEqual([5, 'high']);
    expect(res.json().overallLevel).toBe('high');
    const asLawyer = await lawyer.get(`/api/assessments/${first}`);
    expect(asLawyer.statusCode).toBe(200);
    expect(asLawyer.json().hiddenDomains).toEqual(expect.arrayContaining(['psychological', 'mother_health', 'addictions']));
    expect(asLawyer.body).not.toContain('CANARY-PSY-991');
    expect(asLawyer.json().scores.map((s: { domain: string }) => s.domain)).not.toContain('psychological');
    const list = await lawyer.get(`/api/cases/${c.caseId}/assessments`);
    const listed = list.json().items.find((a: { id: string }) => a.id === first);
    expect(listed.scores.map((s: { domain: string }) => s.domain)).not.toContain('psychological');
    expect(list.body).not.toContain('CANARY-PSY-991');
  });

  it('refuses answers outside the scale or for unknown questions, naming the field, and writes nothing', async () => {
    const before = (await lead.get(`/api/cases/${c.caseId}/assessments`)).json().items.length;
    const res = await lead.post(`/api/cases/${c.caseId}/assessments`, {
      templateCode: 'family_needs',
      conductedOn: today,
      answers: { housing_need: 7, nonsense: 1 },
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['answers.housing_need', 'answers.nonsense']);
    expect(res.json().error.fields.find((f: { path: string }) => f.path === 'answers.housing_need').message).toBe('Значение вне шкалы');
    expect((await lead.get(`/api/cases/${c.caseId}/assessments`)).json().items.length).toBe(before);
  });

  it('a repeat shows the change per domain; a correction is an amendment, the original stays', async () => {
    const second = await lead.post(`/api/cases/${c.caseId}/assessments`, {
      templateCode: 'family_needs',
      conductedOn: today,
      answers: { housing_need: 1, housing_risk: 0, documents_need: 2, documents_risk: 1 },
    });
    const change = Object.fromEntries(
      second.json().change.map((x: { domain: string; delta: number; direction: string }) => [x.domain, [x.delta, x.direction]]),
    );
    expect(change.housing).toEqual([-4, 'better']);
    expect(change.documents).toEqual([0, 'same']);
    const amended = await lead.post(`/api/assessments/${second.json().id}/amendments`, {
      answers: { documents_risk: 3 },
      reason: 'Выяснилось: паспорт утерян',
    });
    expect(amended.statusCode, amended.body).toBe(201);
    expect(amended.json().answers.documents_risk).toBe(1);
    expect(amended.json().amendments[0]).toMatchObject({ reason: 'Выяснилось: паспорт утерян', answers: { documents_risk: 3 } });
    expect(amended.json().scores.find((s: { domain: string }) => s.domain === 'documents').score).toBe(5);
    expect(amended.json().amended).toBe(true);
    const timeline = (await lead.get(`/api/cases/${c.caseId}`)).json().timeline.items.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['assessment_completed', 'assessment_amended']));
  });

  it('only roles named by the template may fill it in', async () => {
    const res = await lawyer.post(`/api/cases/${c.caseId}/assessments`, {
      templateCode: 'parent_child_interaction',
      memberId: c.motherId,
      conductedOn: today,
      answers: { sensitivity_score: 3 },
    });
    expect(res.statusCode).toBe(403);
  });

  it('editing a template makes a new version; past assessments keep theirs; bad templates are refused', async () => {
    const current = (await admin.get('/api/assessment-templates/family_needs')).json();
    const renamed = { ...current.definition, name: { ru: 'Оценка потребностей (2027)', en: 'Needs (2027)' } };
    const v2 = await admin.put('/api/assessment-templates/family_needs', { definition: renamed, version: current.version });
    expect(v2.statusCode, v2.body).toBe(200);
    expect(v2.json().version).toBe(current.version + 1);
    expect((await admin.put('/api/assessment-templates/family_needs', { definition: renamed, version: current.version })).statusCode).toBe(
      409,
    );
    const old = (await lead.get(`/api/assessments/${first}`)).json();
    expect(old.templateVersion).toBe(current.version);
    expect(old.templateName).toBe('Потребности, риски и ресурсы семьи');
    const empty = await admin.post('/api/assessment-templates', { definition: { ...renamed, code: 'empty_one', domains: [] } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.fields[0]).toMatchObject({
      path: 'definition.domains',
      message: 'В шаблоне должна быть хотя бы одна область',
    });
    const dup = await admin.post('/api/assessment-templates', {
      definition: { ...renamed, code: 'dup_one', domains: [renamed.domains[0], renamed.domains[0]] },
    });
    expect(dup.json().error.fields.map((f: { path: string }) => f.path)).toContain('definition.domains.1.questions.0.code');
    expect((await lead.post('/api/assessment-templates', { definition: { ...renamed, code: 'x_one' } })).statusCode).toBe(403);
  });

  it('is out of reach outside the case team', async () => {
    expect((await outsider.get(`/api/assessments/${first}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/cases/${c.caseId}/assessments`)).statusCode).toBe(404);
    expect((await volunteer.get(`/api/assessments/${first}`)).statusCode).toBe(403);
  });
});

describe('plans', () => {
  const plan = () => ({
    desiredFuture: 'Жить с сыном в своей комнате, работать поваром',
    participants: [
      { kind: 'mother', name: 'Дарья' },
      { kind: 'staff', name: 'Специалист', userId: leadId },
    ],
    startOn: today,
    nextReviewOn: daysFrom(30),
    goals: [
      {
        domain: 'housing',
        title: 'Найти жильё',
        tasks: [
          { title: 'Подать заявление на соцжильё', responsibleKind: 'staff', responsibleUserId: leadId, dueOn: today },
          { title: 'Посмотреть три комнаты', responsibleKind: 'mother', dueOn: daysFrom(10) },
        ],
      },
      {
        domain: 'documents',
        title: 'Восстановить паспорт',
        tasks: [{ title: 'Запрос в МВД', responsibleKind: 'organization', responsibleName: 'МФЦ', dueOn: daysFrom(20) }],
      },
    ],
  });
  let planId: string;

  it('refuses a plan without the mother, with a task due before the start, or a task without a responsible person', async () => {
    const bad = plan();
    bad.participants = [{ kind: 'staff', name: 'Специалист', userId: leadId }];
    bad.goals[0]!.tasks[1]!.dueOn = '2020-01-01';
    (bad.goals[1]!.tasks[0] as Record<string, unknown>).responsibleName = '';
    const res = await lead.post(`/api/cases/${c.caseId}/plan`, bad);
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['goals.0.tasks.1.dueOn', 'goals.1.tasks.0.responsibleName', 'participants']);
    expect((await lead.get(`/api/cases/${c.caseId}/plan`)).json().plan).toBeNull();
  });

  it('draws up the plan, meets the first-plan deadline and shows progress in the case list', async () => {
    const res = await lead.post(`/api/cases/${c.caseId}/plan`, plan());
    expect(res.statusCode, res.body).toBe(201);
    planId = res.json().id;
    expect(res.json().progress).toEqual({ tasksTotal: 3, tasksDone: 0, goalsTotal: 2, goalsAchieved: 0, share: 0 });
    const got = (await lead.get(`/api/cases/${c.caseId}/plan`)).json();
    // The case was opened on 2026-09-01, so a plan made today is past the 14-day deadline.
    expect(got.firstPlan).toEqual({ dueOn: '2026-09-15', state: 'met_late', metOn: today });
    expect((await lead.post(`/api/cases/${c.caseId}/plan`, plan())).statusCode).toBe(422);
    const row = (await lead.get('/api/cases')).json().items.find((i: { id: string }) => i.id === c.caseId);
    expect(row.planProgress).toMatchObject({ tasksTotal: 3, tasksDone: 0 });
  });

  it('"my work" lists the tasks due for the worker; completing one updates progress and the timeline', async () => {
    const work = (await lead.get('/api/my-work')).json();
    const item = [...work.tasksThisWeek, ...work.tasksOverdue].find(
      (x: { task: { title: string } }) => x.task.title === 'Подать заявление на соцжильё',
    );
    expect(item).toBeDefined();
    const done = await lead.post(`/api/plans/${planId}/tasks/${item.task.id}/status`, {
      status: 'done',
      note: 'Подано',
      version: item.task.version,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().progress.tasksDone).toBe(1);
    const stale = await lead.post(`/api/plans/${planId}/tasks/${item.task.id}/status`, { status: 'not_done', version: item.task.version });
    expect(stale.statusCode).toBe(409);
    const again = (await lead.get('/api/my-work')).json();
    expect(JSON.stringify(again)).not.toContain('Подать заявление на соцжильё');
    const timeline = (await lead.get(`/api/cases/${c.caseId}`)).json().timeline.items.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['plan_created', 'task_completed']));
  });

  it('a stale plan edit gets 409 and changes nothing', async () => {
    const current = (await lead.get(`/api/cases/${c.caseId}/plan`)).json().plan;
    const edit = (title: string) => ({
      ...current,
      id: undefined,
      caseId: undefined,
      progress: undefined,
      reviews: undefined,
      createdAt: undefined,
      goals: current.goals.map((g: Record<string, unknown>, i: number) => ({
        id: g.id,
        domain: g.domain,
        title: i === 0 ? title : g.title,
        status: g.status,
        fromAssessmentId: g.fromAssessmentId,
        tasks: (g.tasks as Record<string, unknown>[]).map((tk) => ({
          id: tk.id,
          title: tk.title,
          responsibleKind: tk.responsibleKind,
          responsibleUserId: tk.responsibleUserId,
          responsibleName: tk.responsibleName,
          dueOn: tk.dueOn,
          status: tk.status,
          note: tk.note,
        })),
      })),
    });
    const first = await lead.put(`/api/plans/${planId}`, edit('Найти своё жильё'));
    expect(first.statusCode, first.body).toBe(200);
    const second = await coordinator.put(`/api/plans/${planId}`, edit('Другое название'));
    expect(second.statusCode).toBe(409);
    expect((await lead.get(`/api/cases/${c.caseId}/plan`)).json().plan.goals[0].title).toBe('Найти своё жильё');
  });

  it('a review keeps the plan as it was and what changed; the plan prints as a Russian DOCX', async () => {
    const review = await lead.post(`/api/plans/${planId}/reviews`, {
      reviewedOn: today,
      participants: [{ kind: 'mother', name: 'Дарья' }],
      summary: 'Жильё найдено частично',
      nextReviewOn: daysFrom(60),
    });
    expect(review.statusCode, review.body).toBe(201);
    const reviewId = review.json().reviews[0].id;
    expect(review.json().nextReviewOn).toBe(daysFrom(60));
    const current = review.json();
    await lead.post(`/api/plans/${planId}/tasks/${current.goals[0].tasks[1].id}/status`, {
      status: 'done',
      version: current.goals[0].tasks[1].version,
    });
    const snapshot = (await lead.get(`/api/plans/${planId}/reviews/${reviewId}`)).json();
    expect(snapshot.snapshot.goals[0].tasks[1].status).toBe('planned');
    expect(snapshot.changes).toEqual(['first review']);
    const file = await lead.get(`/api/plans/${planId}/export.docx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('wordprocessingml');
    expect(file.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('a task marked done elsewhere makes an editor open on the older plan stale (409), not silently undone', async () => {
    const open = (await lead.get(`/api/cases/${c.caseId}/plan`)).json().plan;
    const task = open.goals[1].tasks[0];
    expect(
      (await coordinator.post(`/api/plans/${planId}/tasks/${task.id}/status`, { status: 'done', version: task.version })).statusCode,
    ).toBe(200);
    const stale = await lead.put(`/api/plans/${planId}`, {
      desiredFuture: open.desiredFuture,
      participants: open.participants,
      startOn: open.startOn,
      nextReviewOn: open.nextReviewOn,
      goals: open.goals.map((g: { id: string; domain: string; title: string; status: string; tasks: Record<string, unknown>[] }) => ({
        id: g.id,
        domain: g.domain,
        title: g.title,
        status: g.status,
        tasks: g.tasks.map((tk) => ({
          id: tk.id,
          title: tk.title,
          responsibleKind: tk.responsibleKind,
          responsibleUserId: tk.responsibleUserId,
          responsibleName: tk.responsibleName,
          dueOn: tk.dueOn,
          status: tk.status,
          note: tk.note,
        })),
      })),
      version: open.version,
    });
    expect(stale.statusCode).toBe(409);
    expect((await lead.get(`/api/cases/${c.caseId}/plan`)).json().plan.goals[1].tasks[0].status).toBe('done');
  });

  it('is out of reach outside the case team', async () => {
    expect((await outsider.get(`/api/cases/${c.caseId}/plan`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/plans/${planId}/export.docx`)).statusCode).toBe(404);
    expect((await outsider.put(`/api/plans/${planId}`, { ...plan(), version: 1 })).statusCode).toBe(404);
    expect((await volunteer.get(`/api/cases/${c.caseId}/plan`)).statusCode).toBe(403);
    // My work is every staff member's, but its case sections need cases.read: the admin's has none of them.
    const adminWork = await admin.get('/api/my-work');
    expect(adminWork.statusCode).toBe(200);
    expect(adminWork.json()).toMatchObject({ tasksOverdue: [], tasksThisWeek: [], reviewsDue: [], firstPlansDue: [], assessmentsDue: [] });
    expect((await volunteer.get('/api/my-work')).statusCode).toBe(403);
  });
});
