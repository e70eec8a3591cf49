// Issue 12, point 9, through the HTTP app: an assessment of parent–child interaction names the child
// (a child of the case's family, refused by field otherwise, nothing written), shown by first name on
// the assessment, its list and the timeline; the needs assessment has a legal domain (divorce,
// alimony, housing rights…) from which a plan goal is made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';
import { buildCase, buildFamily, motherInput, type BuiltCase } from '../testing/casework.js';

let t: TestApp;
let lead: Client;
let leadId: string;
let psychologist: Client;
let outsider: Client;
let c: BuiltCase;
let childId: string;
let unbornId: string;
let otherFamilyChildId: string;
let foreignChildId: string;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  t = await buildTestApp();
  const org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  const programmeId = (
    await admin.post('/api/programmes', { name: 'Мама и малыш', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
  ).json().id;
  const coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  const l = await buildUser(t, org, ['case_worker']);
  leadId = l.id;
  lead = await login(t, l.email);
  const psy = await buildUser(t, org, ['psychologist']);
  psychologist = await login(t, psy.email);
  outsider = await login(t, (await buildUser(t, org, ['psychologist'])).email);
  c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId, team: [{ userId: psy.id, role: 'psychologist' }] });
  const family = (await coordinator.get(`/api/families/${c.familyId}`)).json();
  childId = family.members.find((m: { relation: string }) => m.relation === 'child').id;
  const unborn = await coordinator.post(`/api/families/${c.familyId}/members`, {
    relation: 'unborn_child',
    firstName: '',
    expectedBirthDate: new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10),
  });
  expect(unborn.statusCode, unborn.body).toBeLessThan(300);
  unbornId = (await coordinator.get(`/api/families/${c.familyId}`))
    .json()
    .members.find((m: { relation: string }) => m.relation === 'unborn_child').id;
  const other = await buildFamily(coordinator, org.branchIds[0]!, [
    motherInput(),
    { relation: 'child', firstName: 'Лиза', birthDate: '2025-11-02', sex: 'female' },
  ]);
  otherFamilyChildId = other.members.find((m) => m.relation === 'child')!.id;

  const orgB = await buildOrganization(t);
  const coordinatorB = await login(t, (await buildUser(t, orgB, ['coordinator'])).email);
  const familyB = await buildFamily(coordinatorB, orgB.branchIds[0]!);
  foreignChildId = familyB.members.find((m) => m.relation === 'child')!.id;
});
afterAll(() => t.close());

const interaction = (memberId?: string) => ({
  templateCode: 'parent_child_interaction',
  ...(memberId === undefined ? {} : { memberId }),
  conductedOn: today,
  answers: { sensitivity_score: 3, warmth_score: 4 },
});

async function count(): Promise<number> {
  return (await psychologist.get(`/api/cases/${c.caseId}/assessments`)).json().items.length;
}

describe('an assessment of parent–child interaction names the child', () => {
  it('is a template about a child', async () => {
    const template = (await psychologist.get('/api/assessment-templates/parent_child_interaction')).json();
    expect(template.definition.subject).toBe('child');
  });

  it('refuses no child, the mother, an expected child, a child of another family or organisation — 400 on memberId, nothing written', async () => {
    const before = await count();
    const missing = await psychologist.post(`/api/cases/${c.caseId}/assessments`, interaction());
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.fields).toEqual([expect.objectContaining({ path: 'memberId' })]);

    const mother = await psychologist.post(`/api/cases/${c.caseId}/assessments`, interaction(c.motherId));
    expect(mother.statusCode).toBe(400);
    expect(mother.json().error.fields).toEqual([expect.objectContaining({ path: 'memberId', message: 'Выберите ребёнка из этой семьи' })]);
    const inEnglish = await psychologist.post(`/api/cases/${c.caseId}/assessments`, interaction(c.motherId), { 'accept-language': 'en' });
    expect(inEnglish.json().error.fields).toEqual([
      expect.objectContaining({ path: 'memberId', message: 'Choose a child of this family' }),
    ]);

    const unborn = await psychologist.post(`/api/cases/${c.caseId}/assessments`, interaction(unbornId));
    expect(unborn.statusCode).toBe(400);
    expect(unborn.json().error.fields[0].path).toBe('memberId');

    for (const id of [otherFamilyChildId, foreignChildId, '00000000-0000-4000-8000-000000000000']) {
      const res = await psychologist.post(`/api/cases/${c.caseId}/assessments`, interaction(id));
      expect(res.statusCode, id).toBe(400);
      expect(res.json().error.fields[0].path).toBe('memberId');
    }
    expect(await count()).toBe(before);
  });

  it('takes a child of the family and names her on the assessment, its list and the timeline', async () => {
    const res = await psychologist.post(`/api/cases/${c.caseId}/assessments`, interaction(childId));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ memberId: childId, memberFirstName: 'Миша' });
    const id = res.json().id;
    expect((await psychologist.get(`/api/assessments/${id}`)).json()).toMatchObject({ memberId: childId, memberFirstName: 'Миша' });
    const listed = (await lead.get(`/api/cases/${c.caseId}/assessments`)).json().items.find((a: { id: string }) => a.id === id);
    expect(listed).toMatchObject({ memberId: childId, memberFirstName: 'Миша' });
    const timeline = (await lead.get(`/api/cases/${c.caseId}/timeline`)).json();
    const event = timeline.items.find(
      (e: { kind: string; data: { assessmentId?: string } }) => e.kind === 'assessment_completed' && e.data.assessmentId === id,
    );
    expect(event.data).toMatchObject({ templateCode: 'parent_child_interaction', memberId: childId });
  });

  it('is out of reach outside the case team (404), in another organisation too', async () => {
    expect((await outsider.post(`/api/cases/${c.caseId}/assessments`, interaction(childId))).statusCode).toBe(404);
  });

  it('a family assessment still needs no member', async () => {
    const res = await lead.post(`/api/cases/${c.caseId}/assessments`, {
      templateCode: 'family_needs',
      conductedOn: today,
      answers: { housing_need: 1 },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ memberId: null, memberFirstName: null });
  });
});

describe('the legal domain of the needs assessment', () => {
  it('scores legal needs with the matters chosen, and a plan goal is made from it', async () => {
    const template = (await lead.get('/api/assessment-templates/family_needs')).json();
    const legal = template.definition.domains.find((d: { code: string }) => d.code === 'legal');
    expect(legal.title).toEqual({ ru: 'Правовые вопросы', en: 'Legal matters' });
    const res = await lead.post(`/api/cases/${c.caseId}/assessments`, {
      templateCode: 'family_needs',
      conductedOn: today,
      answers: { legal_need: 2, legal_risk: 1, legal_matters: ['divorce', 'alimony', 'housing_rights'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().scores.find((s: { domain: string }) => s.domain === 'legal')).toMatchObject({ score: 3, level: 'medium' });
    expect(res.json().answers.legal_matters).toEqual(['divorce', 'alimony', 'housing_rights']);

    const wrong = await lead.post(`/api/cases/${c.caseId}/assessments`, {
      templateCode: 'family_needs',
      conductedOn: today,
      answers: { legal_matters: ['bankruptcy'] },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('answers.legal_matters');

    const plan = await lead.post(`/api/cases/${c.caseId}/plan`, {
      desiredFuture: 'Развестись, получать алименты и жить с сыном отдельно',
      participants: [{ kind: 'mother', name: 'Дарья' }],
      startOn: today,
      nextReviewOn: new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10),
      goals: [
        {
          domain: 'legal',
          title: 'Правовые вопросы: развод, алименты, жилищные права',
          fromAssessmentId: res.json().id,
          tasks: [{ title: 'Подать на развод и алименты', responsibleKind: 'staff', responsibleUserId: leadId, dueOn: today }],
        },
      ],
    });
    expect(plan.statusCode, plan.body).toBe(201);
    expect(plan.json().goals[0]).toMatchObject({ domain: 'legal', fromAssessmentId: res.json().id });
  });
});
