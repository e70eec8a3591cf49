// Field work (issue 19): planning visits, the offline pack (only what the visits need), syncing
// queue items once each with refusals for cases that changed, and locking a lost device. The
// authorization matrix covers every route × role, another branch's worker, and another
// organisation's ids in every id field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

const ACTORS: { name: string; roles: RoleCode[]; branch: 0 | 1; other?: true }[] = [
  { name: 'admin', roles: ['admin'], branch: 0 },
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'workerA', roles: ['case_worker'], branch: 0 },
  { name: 'teamA', roles: ['case_worker'], branch: 0 },
  { name: 'workerB', roles: ['case_worker'], branch: 1 },
  { name: 'psyA', roles: ['psychologist'], branch: 0 },
  { name: 'lawyerA', roles: ['lawyer'], branch: 0 },
  { name: 'deskA', roles: ['shelter_admin'], branch: 0 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'volunteerA', roles: ['volunteer'], branch: 0 },
  { name: 'mentorA', roles: ['mentor'], branch: 0 },
  { name: 'otherWorker', roles: ['case_worker'], branch: 0, other: true },
];

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
let programmeId: string;
let kase: BuiltCase;
let otherCase: BuiltCase;
let types: Record<string, string>;
let otherTypes: Record<string, string>;
let taskIds: string[];
let deviceId: string;
let otherDeviceId: string;
const today = new Date().toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
let keyCounter = 0;
const newKey = () => `item-${Date.now()}-${(keyCounter += 1)}`;

async function device(client: Client): Promise<string> {
  const res = await client.post('/api/fieldwork/devices', { label: 'Телефон' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().deviceId;
}

function visit(overrides: Record<string, unknown> = {}) {
  return {
    caseId: kase.caseId,
    typeId: types.home_visit,
    date: today,
    durationMinutes: 60,
    memberIds: [kase.motherId],
    note: 'Дома тепло, дрова есть',
    taskIds: [],
    followUpOn: null,
    ...overrides,
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  for (const a of ACTORS) {
    const o = a.other ? other : org;
    const user = await buildUser(t, o, a.roles, [o.branchIds[a.branch]!]);
    ids[a.name] = user.id;
    c[a.name] = await login(t, user.email);
  }
  const admin = await login(t, org.adminEmail);
  programmeId = (await admin.post('/api/programmes', { name: 'P', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json().id;
  kase = await buildCase(c.coordA!, {
    branchId: org.branchIds[0]!,
    programmeId,
    leadId: ids.workerA!,
    team: [{ userId: ids.teamA!, role: 'case_worker' }],
  });
  const otherAdmin = await login(t, other.adminEmail);
  const otherProgramme = (
    await otherAdmin.post('/api/programmes', { name: 'P', periodStart: '2026-01-01', periodEnd: '2027-12-31' })
  ).json().id;
  const otherCoord = await buildUser(t, other, ['coordinator'], [other.branchIds[0]!]);
  otherCase = await buildCase(await login(t, otherCoord.email), {
    branchId: other.branchIds[0]!,
    programmeId: otherProgramme,
    leadId: ids.otherWorker!,
  });
  types = Object.fromEntries(
    (await c.workerA!.get('/api/service-types')).json().items.map((x: { code: string; id: string }) => [x.code, x.id]),
  );
  otherTypes = Object.fromEntries(
    (await c.otherWorker!.get('/api/service-types')).json().items.map((x: { code: string; id: string }) => [x.code, x.id]),
  );
  const activate = await c.coordA!.post(`/api/cases/${kase.caseId}/transition`, { action: 'activate', on: today, version: 1 });
  expect(activate.statusCode, activate.body).toBe(200);
  const plan = await c.workerA!.post(`/api/cases/${kase.caseId}/plan`, {
    desiredFuture: 'Жить с сыном дома',
    participants: [{ kind: 'mother', name: 'Дарья' }],
    startOn: today,
    nextReviewOn: inDays(30),
    goals: [
      {
        domain: 'housing',
        title: 'Тепло дома',
        tasks: [
          { title: 'Заготовить дрова', responsibleKind: 'mother', dueOn: inDays(5) },
          { title: 'Починить печь', responsibleKind: 'staff', responsibleUserId: ids.workerA, dueOn: inDays(10) },
        ],
      },
    ],
  });
  expect(plan.statusCode, plan.body).toBe(201);
  taskIds = plan.json().goals[0].tasks.map((task: { id: string }) => task.id);
  deviceId = await device(c.workerA!);
  otherDeviceId = await device(c.otherWorker!);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('planning visits', () => {
  it('lets the case team and the responsible coordinator plan; others get 404 or 403; another organisation’s case is a 400', async () => {
    const expected: Record<string, number> = {
      admin: 403,
      coordA: 201,
      coordB: 404,
      workerA: 201,
      teamA: 201,
      workerB: 404,
      psyA: 404,
      lawyerA: 404,
      deskA: 403,
      supervisorA: 201,
      meA: 403,
      volunteerA: 403,
      mentorA: 403,
      otherWorker: 400,
    };
    for (const a of ACTORS) {
      const res = await c[a.name]!.post('/api/fieldwork/visits', { caseId: kase.caseId, plannedOn: inDays(1), kind: 'home_visit' });
      expect(res.statusCode, `${a.name}: ${res.body}`).toBe(expected[a.name]);
      if (res.statusCode === 400) expect(res.json().error.fields[0].path).toBe('caseId');
    }
    const plans = await c.workerA!.get('/api/fieldwork/plan');
    expect(plans.statusCode).toBe(200);
    expect(plans.json().planned.map((v: { caseId: string }) => v.caseId)).toEqual([kase.caseId]);
    expect(plans.json().cases.map((x: { caseId: string }) => x.caseId)).toContain(kase.caseId);
    expect((await c.workerB!.get('/api/fieldwork/plan')).json().planned).toEqual([]);
    for (const name of ['admin', 'deskA', 'meA', 'volunteerA', 'mentorA'])
      expect((await c[name]!.get('/api/fieldwork/plan')).statusCode).toBe(403);
  });

  it('refuses an aid request of another case or organisation in aidRequestId', async () => {
    const res = await c.workerA!.post('/api/fieldwork/visits', {
      caseId: kase.caseId,
      plannedOn: inDays(1),
      kind: 'aid_delivery',
      aidRequestId: otherCase.caseId,
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('aidRequestId');
  });
});

describe('the offline pack', () => {
  it('holds only what the visits need: first names, children’s ages, address, phone, open tasks — no surnames, birth dates or other families', async () => {
    const res = await c.workerA!.get(`/api/fieldwork/pack?deviceId=${deviceId}`);
    expect(res.statusCode, res.body).toBe(200);
    const pack = res.json();
    expect(pack.visits).toHaveLength(1);
    const v = pack.visits[0];
    expect(v.caseId).toBe(kase.caseId);
    expect(v.family.members.map((m: { firstName: string }) => m.firstName)).toEqual(['Дарья', 'Миша']);
    expect(v.family.members.find((m: { relation: string }) => m.relation === 'child').age).toBe(0);
    expect(v.family.members.find((m: { relation: string }) => m.relation === 'mother').age).toBeNull();
    expect(v.family.phone).toMatch(/^\+7 912/);
    expect(v.openTasks.map((x: { id: string }) => x.id).sort()).toEqual([...taskIds].sort());
    expect(res.body).not.toContain('Кравцова');
    expect(res.body).not.toContain('Олеговна');
    expect(res.body).not.toContain('1998');
    expect(res.body).not.toContain('2026-05-01');
    expect(pack.serviceTypes.every((s: { category: string }) => s.category !== 'psychological')).toBe(true);
  });

  it('never holds a psychologist’s note from the last visit', async () => {
    const psyService = await c.workerA!.post('/api/services', {
      caseId: kase.caseId,
      typeId: types.psy_individual,
      date: today,
      durationMinutes: 50,
      specialistIds: [ids.workerA],
      format: 'home_visit',
      initiatedBy: 'team',
      note: 'СЕКРЕТНАЯ-ПСИХ-ЗАМЕТКА',
    });
    expect(psyService.statusCode, psyService.body).toBe(201);
    const res = await c.workerA!.get(`/api/fieldwork/pack?deviceId=${deviceId}`);
    expect(psyService.json().category).toBe('psychological');
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('СЕКРЕТНАЯ-ПСИХ-ЗАМЕТКА');
  });

  it('is only for one’s own device: another user’s or organisation’s device id is a 400 naming deviceId', async () => {
    for (const id of [otherDeviceId, kase.caseId]) {
      const res = await c.workerA!.get(`/api/fieldwork/pack?deviceId=${id}`);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields[0].path).toBe('deviceId');
    }
    expect((await c.teamA!.get(`/api/fieldwork/pack?deviceId=${deviceId}`)).statusCode).toBe(400);
    for (const name of ['admin', 'deskA', 'meA', 'volunteerA', 'mentorA'])
      expect((await c[name]!.get(`/api/fieldwork/pack?deviceId=${deviceId}`)).statusCode).toBe(403);
  });
});

describe('syncing the queue', () => {
  it('records a visit once: a replay returns the first result, other content under the same key is a 409', async () => {
    const key = newKey();
    const item = { kind: 'visit', key, deviceId, payload: visit({ taskIds: [taskIds[0]], followUpOn: inDays(7) }) };
    const first = await c.workerA!.post('/api/fieldwork/sync', item);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ outcome: 'accepted', reason: null });
    const replay = await c.workerA!.post('/api/fieldwork/sync', item);
    expect(replay.statusCode).toBe(200);
    expect(replay.headers['idempotent-replay']).toBe('true');
    expect(replay.json()).toEqual(first.json());
    const changed = await c.workerA!.post('/api/fieldwork/sync', { ...item, payload: visit({ note: 'другое' }) });
    expect(changed.statusCode).toBe(409);
    const services = (await c.workerA!.get(`/api/cases/${kase.caseId}/services?typeId=${types.home_visit}`)).json();
    expect(services.items.filter((s: { id: string }) => s.id === first.json().recordId)).toHaveLength(1);
    expect(services.items.filter((s: { note: string }) => s.note === 'Дома тепло, дрова есть')).toHaveLength(1);
    // The task done at the visit is done; a second visit claiming it comes back refused.
    const again = await c.workerA!.post('/api/fieldwork/sync', {
      kind: 'visit',
      key: newKey(),
      deviceId,
      payload: visit({ taskIds: [taskIds[0]] }),
    });
    expect(again.json()).toMatchObject({ outcome: 'refused', reason: 'task_done' });
    // The follow-up is planned.
    expect((await c.workerA!.get('/api/fieldwork/plan')).json().planned.some((v: { plannedOn: string }) => v.plannedOn === inDays(7))).toBe(
      true,
    );
  });

  it('refuses a malformed item with 400 naming the field, writing nothing', async () => {
    const before = (await c.workerA!.get(`/api/cases/${kase.caseId}/services`)).json().total;
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'visit', key: 'x', deviceId, payload: visit() }, 'key'],
      [{ kind: 'visit', key: newKey(), deviceId, payload: visit({ durationMinutes: 0 }) }, 'payload.durationMinutes'],
      [{ kind: 'visit', key: newKey(), deviceId, payload: visit({ date: inDays(3) }) }, 'payload.date'],
      [{ kind: 'visit', key: newKey(), deviceId, payload: { ...visit(), extra: 1 } }, 'payload.extra'],
      [{ kind: 'nonsense', key: newKey(), deviceId, payload: visit() }, 'kind'],
    ];
    for (const [body, path] of cases) {
      const res = await c.workerA!.post('/api/fieldwork/sync', body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect((await c.workerA!.get(`/api/cases/${kase.caseId}/services`)).json().total).toBe(before);
  });

  it('refuses another organisation’s ids in every id field with 400 naming it', async () => {
    const attempts: [Record<string, unknown>, string][] = [
      [{ kind: 'visit', key: newKey(), deviceId: otherDeviceId, payload: visit() }, 'deviceId'],
      [{ kind: 'visit', key: newKey(), deviceId, payload: visit({ caseId: otherCase.caseId }) }, 'payload.caseId'],
      [{ kind: 'visit', key: newKey(), deviceId, payload: visit({ typeId: otherTypes.home_visit }) }, 'payload.typeId'],
      [{ kind: 'visit', key: newKey(), deviceId, payload: visit({ memberIds: [otherCase.motherId] }) }, 'payload.memberIds'],
      [{ kind: 'visit', key: newKey(), deviceId, payload: visit({ taskIds: [otherCase.caseId] }) }, 'payload.taskIds'],
      [
        {
          kind: 'aid_delivery',
          key: newKey(),
          deviceId,
          payload: { caseId: kase.caseId, requestId: otherCase.caseId, deliveredOn: today },
        },
        'payload.requestId',
      ],
    ];
    for (const [body, path] of attempts) {
      const res = await c.workerA!.post('/api/fieldwork/sync', body);
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    expect(
      (await c.otherWorker!.post('/api/fieldwork/sync', { kind: 'visit', key: newKey(), deviceId: otherDeviceId, payload: visit() }))
        .statusCode,
    ).toBe(400);
  });

  it('refuses the item of a worker taken off the case, and of a closed case, with the reason', async () => {
    const teamDevice = await device(c.teamA!);
    const queued = { kind: 'visit', key: newKey(), deviceId: teamDevice, payload: visit() };
    // The coordinator takes teamA off the case while the item waits on the phone.
    const current = (await c.coordA!.get(`/api/cases/${kase.caseId}`)).json().case;
    const update = await c.coordA!.put(`/api/cases/${kase.caseId}`, {
      leadId: ids.workerA,
      team: [],
      riskFlags: [],
      version: current.version,
    });
    expect(update.statusCode, update.body).toBe(200);
    const refused = await c.teamA!.post('/api/fieldwork/sync', queued);
    expect(refused.statusCode).toBe(200);
    expect(refused.json()).toMatchObject({ outcome: 'refused', reason: 'not_in_case', recordId: null });
    // Replaying the refused item gives the same refusal; nothing is written.
    expect((await c.teamA!.post('/api/fieldwork/sync', queued)).json()).toEqual(refused.json());
    for (const name of ['admin', 'deskA', 'meA', 'volunteerA', 'mentorA'])
      expect((await c[name]!.post('/api/fieldwork/sync', queued)).statusCode).toBe(403);

    const closing = await buildCase(c.coordA!, { branchId: org.branchIds[0]!, programmeId, leadId: ids.workerA! });
    await c.coordA!.post(`/api/cases/${closing.caseId}/transition`, { action: 'activate', on: today, version: 1 });
    const item = { kind: 'visit', key: newKey(), deviceId, payload: visit({ caseId: closing.caseId, memberIds: [] }) };
    const version = (await c.coordA!.get(`/api/cases/${closing.caseId}`)).json().case.version;
    const close = await c.coordA!.post(`/api/cases/${closing.caseId}/transition`, {
      action: 'close',
      on: today,
      outcome: 'other',
      reason: 'Переехали',
      version,
    });
    expect(close.statusCode, close.body).toBe(200);
    expect((await c.workerA!.post('/api/fieldwork/sync', item)).json()).toMatchObject({ outcome: 'refused', reason: 'case_closed' });
  });
});

describe('a lost device', () => {
  it('is locked by the admin: its sessions end and its next sync is refused (403), so it wipes', async () => {
    const lostUser = await buildUser(t, org, ['case_worker'], [org.branchIds[0]!]);
    const lostClient = await login(t, lostUser.email);
    const lost = await device(lostClient);
    const list = await (await login(t, org.adminEmail)).get('/api/fieldwork/devices');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((d: { id: string }) => d.id)).toContain(lost);
    expect(list.json().items.map((d: { id: string }) => d.id)).not.toContain(otherDeviceId);
    for (const name of ['coordA', 'workerA', 'meA', 'volunteerA']) {
      expect((await c[name]!.get('/api/fieldwork/devices')).statusCode).toBe(403);
      expect((await c[name]!.post(`/api/fieldwork/devices/${lost}/lock`)).statusCode).toBe(403);
    }
    const admin = await login(t, org.adminEmail);
    expect((await admin.post(`/api/fieldwork/devices/${otherDeviceId}/lock`)).statusCode).toBe(404);
    expect((await admin.post(`/api/fieldwork/devices/${lost}/lock`)).statusCode).toBe(200);
    expect((await lostClient.get('/api/auth/me')).statusCode).toBe(401);
    // Signed in again (another session), the device itself stays refused.
    const again = await login(t, lostUser.email);
    const res = await again.post('/api/fieldwork/sync', { kind: 'visit', key: newKey(), deviceId: lost, payload: visit() });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.id).toBe('fieldwork.errors.device_locked');
    expect((await again.get(`/api/fieldwork/pack?deviceId=${lost}`)).statusCode).toBe(403);
  });

  it('the wipe period is the organisation’s setting, changed by its admin only', async () => {
    expect((await c.workerA!.get('/api/fieldwork/settings')).json()).toEqual({ offlineWipeDays: 7 });
    expect((await c.coordA!.put('/api/fieldwork/settings', { offlineWipeDays: 3 })).statusCode).toBe(403);
    const admin = await login(t, org.adminEmail);
    expect((await admin.put('/api/fieldwork/settings', { offlineWipeDays: 0 })).statusCode).toBe(400);
    expect((await admin.put('/api/fieldwork/settings', { offlineWipeDays: 3 })).statusCode).toBe(200);
    expect((await c.workerA!.get('/api/fieldwork/settings')).json()).toEqual({ offlineWipeDays: 3 });
    expect((await c.otherWorker!.get('/api/fieldwork/settings')).json()).toEqual({ offlineWipeDays: 7 });
  });
});
