// Every id a request carries is checked to be in the caller's organisation (issue 11, point 5), on
// create and update alike: another organisation's branch, programme, user, family, member, case,
// task, assessment or service type in any id field is a 400 that names the field, and nothing is
// written. Where it matters, the id must also be within the caller's reach (a family moved to a
// branch its editor does not work in, a case lead who does not work in the case's branch). Two
// organisations of the same shape are built; each row below sends A's request with one of B's ids.
import { sql } from 'drizzle-orm';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOREIGN_KEY_VIOLATION, foreignKeyField, pgErrorCode } from './errors.js';
import { scoped, system } from './gateway.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildCase } from '../testing/casework.js';

const today = new Date().toISOString().slice(0, 10);

interface World {
  org: TestOrganization;
  branchId: string;
  otherBranchId: string;
  admin: Client;
  coordinator: Client;
  lead: Client;
  leadId: string;
  programmeId: string;
  caseId: string;
  familyId: string;
  motherId: string;
  planId: string;
  taskId: string;
  assessmentId: string;
  typeId: string;
}

let t: TestApp;
let a: World;
let b: World;

function plan(w: World, change: (p: Record<string, unknown>) => void = () => undefined) {
  const body: Record<string, unknown> = {
    desiredFuture: 'Жить с сыном в своей комнате',
    participants: [
      { kind: 'mother', name: 'Дарья' },
      { kind: 'staff', name: 'Специалист', userId: w.leadId },
    ],
    startOn: today,
    nextReviewOn: today,
    goals: [
      {
        domain: 'housing',
        title: 'Найти жильё',
        fromAssessmentId: w.assessmentId,
        tasks: [{ title: 'Подать заявление', responsibleKind: 'staff', responsibleUserId: w.leadId, dueOn: today }],
      },
    ],
  };
  change(body);
  return body;
}

async function world(slug: string): Promise<World> {
  const org = await buildOrganization(t, slug);
  const admin = await login(t, org.adminEmail);
  const programme = await admin.post('/api/programmes', { name: 'Выход', periodStart: '2026-01-01', periodEnd: '2026-12-31' });
  expect(programme.statusCode, programme.body).toBe(201);
  const programmeId = programme.json().id as string;
  const coordinator = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  const l = await buildUser(t, org, ['case_worker']);
  const lead = await login(t, l.email);
  const c = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId: l.id, openedOn: today });
  const assessment = await lead.post(`/api/cases/${c.caseId}/assessments`, {
    templateCode: 'family_needs',
    conductedOn: today,
    answers: { housing_need: 3, housing_risk: 2 },
  });
  expect(assessment.statusCode, assessment.body).toBe(201);
  const w = {
    org,
    branchId: org.branchIds[0]!,
    otherBranchId: org.branchIds[1]!,
    admin,
    coordinator,
    lead,
    leadId: l.id,
    programmeId,
    caseId: c.caseId,
    familyId: c.familyId,
    motherId: c.motherId,
    assessmentId: assessment.json().id as string,
    planId: '',
    taskId: '',
    typeId: '',
  };
  const made = await lead.post(`/api/cases/${c.caseId}/plan`, plan(w));
  expect(made.statusCode, made.body).toBe(201);
  w.planId = made.json().id;
  w.taskId = made.json().goals[0].tasks[0].id;
  w.typeId = await system(t.engine, async (tx) => {
    const rows = await tx.execute<{ id: string }>(
      sql`select id::text from service_types where org_id = ${org.orgId} and not retired limit 1`,
    );
    return rows.rows[0]!.id;
  });
  return w;
}

beforeAll(async () => {
  t = await buildTestApp();
  a = await world('alpha');
  b = await world('beta');
});
afterAll(() => t.close());

/** Everything A's request could have written: A's rows of the tables it touches, and A's audit log. */
async function fingerprint(tables: string[]): Promise<string> {
  return system(t.engine, async (tx) => {
    const parts: string[] = [];
    for (const table of [...tables, 'audit_log']) {
      const rows = await tx.execute<{ h: string | null; n: number }>(
        sql`select md5(string_agg(x::text, ',' order by x::text)) as h, count(*)::int as n from ${sql.identifier(table)} x where x.org_id = ${a.org.orgId}`,
      );
      parts.push(`${table}:${rows.rows[0]!.n}:${rows.rows[0]!.h ?? ''}`);
    }
    return parts.join(' ');
  });
}

interface Row {
  name: string;
  /** Who sends it (of A). */
  as: () => Client;
  method: HTTPMethods;
  url: () => string;
  /** A's valid request with one of B's ids (or an id outside the caller's reach) in `field`. */
  body: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  field: string;
  /** The tables the request writes to. */
  tables: string[];
}

const familyUpdate = async (branchId: string) => {
  const family = (await a.coordinator.get(`/api/families/${a.familyId}`)).json();
  return { notes: family.notes, branchId, version: family.version };
};
const caseCreate = (change: Record<string, unknown>) => ({
  familyId: a.familyId,
  programmeId: a.programmeId,
  branchId: a.branchId,
  leadId: a.leadId,
  openedOn: today,
  team: [],
  riskFlags: [],
  ...change,
});
const caseUpdate = async (change: Record<string, unknown>) => {
  const detail = (await a.coordinator.get(`/api/cases/${a.caseId}`)).json();
  return { leadId: a.leadId, team: [], riskFlags: [], version: detail.case.version, ...change };
};
const planUpdate = async (change: (p: Record<string, unknown>) => void) => {
  const current = (await a.lead.get(`/api/cases/${a.caseId}/plan`)).json();
  return { ...plan(a, change), version: current.plan.version };
};
const service = (change: Record<string, unknown>) => ({
  caseId: a.caseId,
  typeId: a.typeId,
  date: today,
  durationMinutes: 30,
  specialistIds: [a.leadId],
  memberIds: [],
  format: 'in_person',
  initiatedBy: 'team',
  taskIds: [],
  ...change,
});
const group = (change: Record<string, unknown>) => ({
  branchId: a.branchId,
  kind: 'parents_club',
  topic: 'Режим дня',
  date: today,
  durationMinutes: 60,
  facilitatorIds: [a.leadId],
  ...change,
});
const referral = (change: Record<string, unknown>) => ({
  branchId: a.branchId,
  receivedAt: new Date().toISOString(),
  source: 'self',
  clientFirstName: 'Ольга',
  summary: 'Просит помощи с жильём',
  ...change,
});
const user = (change: Record<string, unknown>) => ({
  lastName: 'Сидорова',
  firstName: 'Нина',
  email: `nina-${Math.random().toString(36).slice(2, 8)}@alpha.test`,
  password: 'correct horse battery staple',
  roles: ['case_worker'],
  branchIds: [a.branchId],
  ...change,
});
const userUpdate = async (change: Record<string, unknown>) => {
  const me = (await a.admin.get(`/api/users/${a.leadId}`)).json();
  return {
    lastName: me.lastName,
    firstName: me.firstName,
    middleName: me.middleName,
    email: me.email,
    phone: me.phone,
    roles: me.roles,
    branchIds: me.branchIds,
    active: true,
    version: me.version,
    ...change,
  };
};

const rows: Row[] = [
  // Families
  {
    name: 'register a family in another organisation’s branch',
    as: () => a.coordinator,
    method: 'POST',
    url: () => '/api/families',
    body: () => ({
      branchId: b.branchId,
      members: [{ relation: 'mother', firstName: 'Вера', lastName: 'Тестова', sex: 'female' }],
      confirmedNotDuplicate: true,
    }),
    field: 'branchId',
    tables: ['families', 'members'],
  },
  {
    name: 'move a family to another organisation’s branch',
    as: () => a.coordinator,
    method: 'PUT',
    url: () => `/api/families/${a.familyId}`,
    body: () => familyUpdate(b.branchId),
    field: 'branchId',
    tables: ['families'],
  },
  {
    name: 'move a family to a branch the caller does not work in',
    as: () => a.coordinator,
    method: 'PUT',
    url: () => `/api/families/${a.familyId}`,
    body: () => familyUpdate(a.otherBranchId),
    field: 'branchId',
    tables: ['families'],
  },
  {
    name: 'a consent for another organisation’s member',
    as: () => a.lead,
    method: 'POST',
    url: () => `/api/families/${a.familyId}/consents`,
    body: () => ({ memberId: b.motherId, kind: 'special_categories', givenOn: today, scope: 'Здоровье' }),
    field: 'memberId',
    tables: ['consents'],
  },
  // Cases
  ...(['familyId', 'programmeId', 'branchId', 'leadId'] as const).map((field): Row => ({
    name: `open a case with another organisation’s ${field}`,
    as: () => a.coordinator,
    method: 'POST',
    url: () => '/api/cases',
    body: () => caseCreate({ [field]: b[field] }),
    field,
    tables: ['cases', 'case_team'],
  })),
  {
    name: 'open a case with another organisation’s team member',
    as: () => a.coordinator,
    method: 'POST',
    url: () => '/api/cases',
    body: () => caseCreate({ team: [{ userId: b.leadId, role: 'lawyer' }] }),
    field: 'team',
    tables: ['cases', 'case_team'],
  },
  {
    name: 'open a case in a branch the caller does not work in',
    as: () => a.coordinator,
    method: 'POST',
    url: () => '/api/cases',
    body: () => caseCreate({ branchId: a.otherBranchId }),
    field: 'branchId',
    tables: ['cases', 'case_team'],
  },
  {
    name: 'hand a case to another organisation’s lead',
    as: () => a.coordinator,
    method: 'PUT',
    url: () => `/api/cases/${a.caseId}`,
    body: () => caseUpdate({ leadId: b.leadId }),
    field: 'leadId',
    tables: ['cases', 'case_team'],
  },
  {
    name: 'put another organisation’s user on the team',
    as: () => a.coordinator,
    method: 'PUT',
    url: () => `/api/cases/${a.caseId}`,
    body: () => caseUpdate({ team: [{ userId: b.leadId, role: 'lawyer' }] }),
    field: 'team',
    tables: ['cases', 'case_team'],
  },
  // Plans
  {
    name: 'a plan participant of another organisation',
    as: () => a.lead,
    method: 'PUT',
    url: () => `/api/plans/${a.planId}`,
    body: () => planUpdate((p) => void ((p.participants as Record<string, unknown>[])[1]!.userId = b.leadId)),
    field: 'participants.1.userId',
    tables: ['plans', 'plan_goals', 'plan_tasks'],
  },
  {
    name: 'a plan task for another organisation’s user',
    as: () => a.lead,
    method: 'PUT',
    url: () => `/api/plans/${a.planId}`,
    body: () => planUpdate((p) => void ((p.goals as { tasks: Record<string, unknown>[] }[])[0]!.tasks[0]!.responsibleUserId = b.leadId)),
    field: 'goals.0.tasks.0.responsibleUserId',
    tables: ['plans', 'plan_goals', 'plan_tasks'],
  },
  {
    name: 'a plan goal from another organisation’s assessment',
    as: () => a.lead,
    method: 'PUT',
    url: () => `/api/plans/${a.planId}`,
    body: () => planUpdate((p) => void ((p.goals as Record<string, unknown>[])[0]!.fromAssessmentId = b.assessmentId)),
    field: 'goals.0.fromAssessmentId',
    tables: ['plans', 'plan_goals', 'plan_tasks'],
  },
  // Services and groups
  {
    name: 'a service of another organisation’s type',
    as: () => a.lead,
    method: 'POST',
    url: () => '/api/services',
    body: () => service({ typeId: b.typeId }),
    field: 'typeId',
    tables: ['services'],
  },
  {
    name: 'a service by another organisation’s specialist',
    as: () => a.lead,
    method: 'POST',
    url: () => '/api/services',
    body: () => service({ specialistIds: [b.leadId] }),
    field: 'specialistIds',
    tables: ['services'],
  },
  {
    name: 'a service to another organisation’s member',
    as: () => a.lead,
    method: 'POST',
    url: () => '/api/services',
    body: () => service({ memberIds: [b.motherId] }),
    field: 'memberIds',
    tables: ['services'],
  },
  {
    name: 'a service for another organisation’s plan task',
    as: () => a.lead,
    method: 'POST',
    url: () => '/api/services',
    body: () => service({ taskIds: [b.taskId] }),
    field: 'taskIds',
    tables: ['services', 'plan_tasks'],
  },
  {
    name: 'a group session in another organisation’s branch',
    as: () => a.coordinator,
    method: 'POST',
    url: () => '/api/group-sessions',
    body: () => group({ branchId: b.branchId }),
    field: 'branchId',
    tables: ['group_sessions'],
  },
  {
    name: 'a group session led by another organisation’s user',
    as: () => a.coordinator,
    method: 'POST',
    url: () => '/api/group-sessions',
    body: () => group({ facilitatorIds: [b.leadId] }),
    field: 'facilitatorIds',
    tables: ['group_sessions'],
  },
  // Referrals
  {
    name: 'a referral to another organisation’s branch',
    as: () => a.coordinator,
    method: 'POST',
    url: () => '/api/referrals',
    body: () => referral({ branchId: b.branchId }),
    field: 'branchId',
    tables: ['referrals'],
  },
  {
    name: 'a referral to another organisation’s programme',
    as: () => a.coordinator,
    method: 'POST',
    url: () => '/api/referrals',
    body: () => referral({ programmeId: b.programmeId }),
    field: 'programmeId',
    tables: ['referrals'],
  },
  {
    name: 'a referral about another organisation’s family',
    as: () => a.coordinator,
    method: 'POST',
    url: () => '/api/referrals',
    body: () => referral({ familyId: b.familyId }),
    field: 'familyId',
    tables: ['referrals'],
  },
  // Staff
  {
    name: 'a user in another organisation’s branch',
    as: () => a.admin,
    method: 'POST',
    url: () => '/api/users',
    body: () => user({ branchIds: [b.branchId] }),
    field: 'branchIds',
    tables: ['users', 'user_branches'],
  },
  {
    name: 'a user moved to another organisation’s branch',
    as: () => a.admin,
    method: 'PUT',
    url: () => `/api/users/${a.leadId}`,
    body: () => userUpdate({ branchIds: [b.branchId] }),
    field: 'branchIds',
    tables: ['users', 'user_branches'],
  },
  // Assessments
  {
    name: 'an assessment of another organisation’s member',
    as: () => a.lead,
    method: 'POST',
    url: () => `/api/cases/${a.caseId}/assessments`,
    body: () => ({ templateCode: 'family_needs', memberId: b.motherId, conductedOn: today, answers: { housing_need: 1 } }),
    field: 'memberId',
    tables: ['assessments'],
  },
];

describe('another organisation’s id (or one outside the caller’s reach) in a request', () => {
  it.each(rows.map((row) => [row.name, row] as const))('%s: 400 naming the field, nothing written', async (_, row) => {
    const body = await row.body();
    const before = await fingerprint(row.tables);
    const res = await row.as().request(row.method, row.url(), body);
    expect(res.statusCode, res.body).toBe(400);
    expect(
      res.json().error.fields?.map((f: { path: string }) => f.path),
      res.body,
    ).toContain(row.field);
    expect(res.json().error.fields.find((f: { path: string }) => f.path === row.field).message).not.toBe('');
    expect(await fingerprint(row.tables)).toBe(before);
  });

  it('a foreign-key violation the application did not foresee names the field (the error handler’s 400)', async () => {
    // The database is the last line: a write that skipped the application's checks is refused by
    // the composite key, and the violation says which column — on both engines' error shapes.
    // As a request runs: the app role under row-level security, where the error hides the key.
    const error = await scoped(t.engine, { orgId: a.org.orgId, userId: a.leadId }, (tx) =>
      tx.execute(sql`update families set branch_id = ${b.branchId} where id = ${a.familyId}`),
    ).catch((e: unknown) => e);
    expect(pgErrorCode(error)).toBe(FOREIGN_KEY_VIOLATION);
    expect(foreignKeyField(error)).toBe('branchId');
    // The other side of a key — a row still referenced — is not a field of the request.
    const referenced = await system(t.engine, (tx) => tx.execute(sql`delete from branches where id = ${a.branchId}`)).catch(
      (e: unknown) => e,
    );
    expect(pgErrorCode(referenced)).toBe(FOREIGN_KEY_VIOLATION);
    expect(foreignKeyField(referenced)).toBeUndefined();
  });
});
