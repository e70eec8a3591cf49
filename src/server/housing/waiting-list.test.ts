// The waiting list on the occupancy board follows the case's need-to-know like a stay's details
// (issue 11, point 4): reception (the house desk without the case) sees first names and the dates it
// needs to check a family in — no ages, no relations, no expected child; the case's coordinator and
// team see them all; casework outside the case sees no such family at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';
import { buildHousingWorld, daysFrom, type HousingWorld, waitingCase } from '../testing/housing.js';

let t: TestApp;
let w: HousingWorld;
let caseId: string;
const clients: Record<string, Client> = {};

type Waiting = {
  caseId: string;
  openedOn: string;
  members: { id: string; firstName: string; relation: string | null; age: string | null }[];
};

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildHousingWorld(t);
  const branch = w.org.branchIds[0]!;
  const team = await buildUser(t, w.org, ['case_worker'], [branch]);
  clients.teamWorker = await login(t, team.email);
  clients.desk = await login(t, (await buildUser(t, w.org, ['shelter_admin'], [branch])).email);
  clients.otherWorker = await login(t, (await buildUser(t, w.org, ['case_worker'], [branch])).email);
  clients.coordinator = w.coordinator;
  const c = await waitingCase(w, w.coordinatorId, [{ userId: team.id, role: 'case_worker' }]);
  caseId = c.caseId;
  const unborn = await w.coordinator.post(`/api/families/${c.familyId}/members`, {
    relation: 'unborn_child',
    expectedBirthDate: daysFrom(60),
  });
  expect(unborn.statusCode, unborn.body).toBe(201);
}, 180_000);
afterAll(() => t.close());

async function waitingOf(name: string): Promise<{ body: string; family: Waiting | undefined }> {
  const res = await clients[name]!.get('/api/housing/board');
  expect(res.statusCode, res.body).toBe(200);
  return { body: res.body, family: (res.json().waiting as Waiting[]).find((x) => x.caseId === caseId) };
}

describe('the waiting list per role', () => {
  it('reception sees first names and the date, never ages, relations or an expected child', async () => {
    const { family, body } = await waitingOf('desk');
    expect(family).toBeDefined();
    expect(family!.openedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(family!.members.map((m) => m.firstName)).toEqual(['Дарья', 'Миша']);
    for (const m of family!.members) expect(m).toMatchObject({ relation: null, age: null });
    expect(body).not.toContain('unborn_child');
    expect(body).not.toMatch(/"age":"\d+[dwmy]"/);
  });

  it('the coordinator and the case team see relations and ages, the expected child too', async () => {
    for (const name of ['coordinator', 'teamWorker']) {
      const { family } = await waitingOf(name);
      expect(
        family!.members.map((m) => m.relation),
        name,
      ).toEqual(['mother', 'child', 'unborn_child']);
      expect(family!.members[0]!.age, name).toMatch(/^\d+y$/);
      expect(family!.members[1]!.age, name).not.toBeNull();
    }
  });

  it('casework outside the case does not see the family waiting', async () => {
    expect((await waitingOf('otherWorker')).family).toBeUndefined();
  });
});
