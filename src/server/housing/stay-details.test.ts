// A stay's details follow the case's need-to-know (issue 11, defect 4): the case's people see ages,
// relations and reasons; the house desk of the branch sees first names, rooms and dates; everyone
// else — other casework, the M&E officer, the admin, another branch, another organisation — finds
// nothing, and the board and its leavings give them no stay id to ask with.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';
import { buildHousingWorld, daysFrom, today, waitingCase, type HousingWorld } from '../testing/housing.js';

const REASON = 'CANARY-EXTENSION причина продления';

let t: TestApp;
let w: HousingWorld;
let stayId: string;
const clients: Record<string, Client> = {};

const ACTORS: { name: string; roles: RoleCode[]; branch: 0 | 1 }[] = [
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'teamWorker', roles: ['case_worker'], branch: 0 },
  { name: 'otherWorker', roles: ['case_worker'], branch: 0 },
  { name: 'deskA', roles: ['shelter_admin'], branch: 0 },
  { name: 'deskB', roles: ['shelter_admin'], branch: 1 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'volunteerA', roles: ['volunteer'], branch: 0 },
];

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildHousingWorld(t);
  const ids: Record<string, string> = {};
  for (const a of ACTORS) {
    const user = await buildUser(t, w.org, a.roles, [w.org.branchIds[a.branch]!]);
    ids[a.name] = user.id;
    clients[a.name] = await login(t, user.email);
  }
  clients.admin = w.admin;
  const other = await buildOrganization(t);
  clients.otherOrg = await login(t, (await buildUser(t, other, ['coordinator', 'shelter_admin'], other.branchIds)).email);

  const c = await waitingCase(w, w.coordinatorId, [{ userId: ids.teamWorker!, role: 'case_worker' }]);
  const res = await w.coordinator.post('/api/housing/stays', {
    caseId: c.caseId,
    roomId: w.rooms[0]!.id,
    checkInOn: today(),
    members: [{ memberId: c.motherId }, { memberId: c.childId }],
  });
  expect(res.statusCode, res.body).toBe(201);
  stayId = res.json().id;
  const ext = await w.coordinator.post(`/api/housing/stays/${stayId}/extend`, {
    plannedLeaveOn: daysFrom(20),
    reason: REASON,
    version: res.json().version,
  });
  expect(ext.statusCode, ext.body).toBe(200);
});
afterAll(() => t.close());

describe('stay details per role', () => {
  it('the case’s people see everything: relations, ages, the extension’s reason, the case', async () => {
    for (const name of ['coordA', 'supervisorA', 'teamWorker']) {
      const res = await clients[name]!.get(`/api/housing/stays/${stayId}`);
      expect(res.statusCode, name).toBe(200);
      const stay = res.json();
      expect(stay.details, name).toBe('case');
      expect(stay.caseId, name).not.toBeNull();
      expect(stay.extensions[0].reason, name).toBe(REASON);
      const mother = stay.residents.find((r: { placeKind: string }) => r.placeKind === 'mother');
      expect(mother, name).toMatchObject({ firstName: 'Дарья', relation: 'mother' });
      expect(mother.age, name).toMatch(/^\d+y$/);
    }
  });

  it('the house desk of the branch sees first names, rooms, places and dates — no ages, relations or reasons', async () => {
    const res = await clients.deskA!.get(`/api/housing/stays/${stayId}`);
    expect(res.statusCode).toBe(200);
    const stay = res.json();
    expect(stay).toMatchObject({ details: 'reception', caseId: null, checkInOn: today(), plannedLeaveOn: daysFrom(20) });
    expect(stay.extensions).toEqual([expect.objectContaining({ toOn: daysFrom(20), reason: null })]);
    for (const r of stay.residents) {
      expect(r.firstName).not.toBe('');
      expect(r.roomName).toBe('Комната 1');
      expect(r).toMatchObject({ relation: null, age: null, joinedReason: null, leftReason: null });
    }
    expect(res.body).not.toContain('CANARY-EXTENSION');
    expect(res.body).not.toContain('"relation":"');
  });

  it('anyone else reads the stay as not found (403 without housing at all), another organisation too', async () => {
    const got: Record<string, number> = {};
    for (const name of ['otherWorker', 'meA', 'admin', 'deskB', 'coordB', 'volunteerA', 'otherOrg'])
      got[name] = (await clients[name]!.get(`/api/housing/stays/${stayId}`)).statusCode;
    expect(got).toEqual({ otherWorker: 404, meA: 404, admin: 404, deskB: 404, coordB: 404, volunteerA: 403, otherOrg: 404 });
  });

  it('the board and its leavings give a stay id only to those who may open it', async () => {
    for (const name of ['otherWorker', 'meA', 'admin']) {
      const board = await clients[name]!.get(`/api/housing/board?weeks=8`);
      expect(board.statusCode, name).toBe(200);
      expect(board.body, name).not.toContain(stayId);
      expect(board.body, name).toContain('"occupied"');
    }
    for (const name of ['deskA', 'teamWorker', 'coordA']) {
      const board = (await clients[name]!.get(`/api/housing/board?weeks=8`)).json();
      expect(
        board.leavings.map((l: { stayId: string }) => l.stayId),
        name,
      ).toContain(stayId);
    }
  });
});
