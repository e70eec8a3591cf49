// Test fixtures of housing: an organisation with a facility of two rooms in branch A (and one in
// branch B), a housing programme, and cases waiting for a place.
import { expect } from 'vitest';
import { buildCase, type BuiltCase } from './casework.js';
import { buildOrganization, buildUser, login, type Client, type TestApp, type TestOrganization } from './harness.js';

export const today = () => new Date().toISOString().slice(0, 10);
export const daysFrom = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

export interface HousingWorld {
  org: TestOrganization;
  admin: Client;
  coordinator: Client;
  coordinatorId: string;
  programmeId: string;
  facilityId: string;
  /** Room 1: two beds and two cots; room 2: one bed and one cot. */
  rooms: { id: string; places: { id: string; kind: 'mother' | 'child'; label: string }[] }[];
  facilityB: string;
  roomB: string;
  version: number;
}

export async function buildHousingWorld(t: TestApp): Promise<HousingWorld> {
  const org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  const programmeId = (
    await admin.post('/api/programmes', { name: 'Тёплый дом', periodStart: '2026-01-01', periodEnd: '2027-12-31' })
  ).json().id as string;
  const coord = await buildUser(t, org, ['coordinator'], [org.branchIds[0]!]);
  const coordinator = await login(t, coord.email);
  const created = await coordinator.post('/api/housing/facilities', {
    branchId: org.branchIds[0],
    programmeId,
    kind: 'shelter',
    name: 'Тёплый дом',
    address: 'CANARY-ADDRESS ул. Тайная, 7',
    rulesVersion: '2026-1',
  });
  expect(created.statusCode, created.body).toBe(201);
  const facilityId = created.json().id as string;
  await coordinator.post(`/api/housing/facilities/${facilityId}/rooms`, { name: 'Комната 1', motherPlaces: 2, childPlaces: 2 });
  const detail = await coordinator.post(`/api/housing/facilities/${facilityId}/rooms`, {
    name: 'Комната 2',
    motherPlaces: 1,
    childPlaces: 1,
  });
  expect(detail.statusCode, detail.body).toBe(201);
  const adminB = await admin.post('/api/housing/facilities', {
    branchId: org.branchIds[1],
    kind: 'crisis_apartment',
    name: 'Квартира Псков',
  });
  const roomB = await admin.post(`/api/housing/facilities/${adminB.json().id}/rooms`, { name: 'Спальня', motherPlaces: 1, childPlaces: 1 });
  return {
    org,
    admin,
    coordinator,
    coordinatorId: coord.id,
    programmeId,
    facilityId,
    rooms: detail.json().rooms,
    facilityB: adminB.json().id,
    roomB: roomB.json().rooms[0].id,
    version: detail.json().version,
  };
}

export async function waitingCase(
  w: HousingWorld,
  leadId = w.coordinatorId,
  team: { userId: string; role: string }[] = [],
): Promise<BuiltCase & { childId: string }> {
  const c = await buildCase(w.coordinator, { branchId: w.org.branchIds[0]!, programmeId: w.programmeId, leadId, team });
  const family = (await w.coordinator.get(`/api/families/${c.familyId}`)).json();
  const child = family.members.find((m: { relation: string }) => m.relation === 'child');
  return { ...c, childId: child.id };
}
