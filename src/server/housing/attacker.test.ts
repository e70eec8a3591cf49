// Housing as an attacker inside the organisation would try it: every id a route carries — in the path,
// the body or the query: facility, room, place, branch, programme, case, member, stay — replaced by
// another organisation's (and, where the id must be within the caller's reach, another branch's).
// Each answer is a 404 (the record itself out of reach) or a 400 naming the field, and nothing is
// written anywhere: the rows of every housing table and of the audit, in both organisations, are
// counted before and after. Then every role without the right (and the right role of another branch
// or organisation) tries every write route on this organisation's records: 403 or 404 (a case out of
// reach named at check-in: 400 naming caseId), and again nothing is written.
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { refusals, roleClients, rowsIn, type Attempt } from '../testing/attacker.js';
import { buildTestApp, type TestApp } from '../testing/harness.js';
import { buildHousingWorld, today, waitingCase, type HousingWorld } from '../testing/housing.js';

let t: TestApp;
let w: HousingWorld;
let x: HousingWorld;
/** This organisation's open stay (the mother in room 1; her child not yet in) and the other organisation's. */
const ours = { stayId: '', caseId: '', motherId: '', childId: '', spareCase: '', spareMother: '' };
const theirs = { stayId: '', caseId: '', motherId: '', childId: '', placeId: '' };

const TABLES = [
  'facilities',
  'rooms',
  'places',
  'housing_closures',
  'stays',
  'placements',
  'stay_extensions',
  'house_journal',
  'case_events',
];
const rowCounts = () => rowsIn(t, [w.org.orgId, x.org.orgId], TABLES);

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildHousingWorld(t);
  x = await buildHousingWorld(t);
  // The mother checks in; her child is not a resident yet, so it may be sent to join.
  const checkIn = async (world: HousingWorld) => {
    const c = await waitingCase(world);
    const res = await world.coordinator.post('/api/housing/stays', {
      caseId: c.caseId,
      roomId: world.rooms[0]!.id,
      checkInOn: today(),
      members: [{ memberId: c.motherId }],
    });
    expect(res.statusCode, res.body).toBe(201);
    return { stayId: res.json().id as string, caseId: c.caseId, motherId: c.motherId, childId: c.childId };
  };
  Object.assign(ours, await checkIn(w));
  Object.assign(theirs, await checkIn(x));
  theirs.placeId = x.rooms[1]!.places[0]!.id;
  const spare = await waitingCase(w);
  ours.spareCase = spare.caseId;
  ours.spareMother = spare.motherId;
});
afterAll(() => t.close());

const stayVersion = async () => (await w.coordinator.get(`/api/housing/stays/${ours.stayId}`)).json().version as number;

const FOREIGN: Record<string, Attempt> = {
  'facility create: branch': {
    method: 'POST',
    url: () => '/api/housing/facilities',
    body: () => ({ branchId: x.org.branchIds[0], kind: 'shelter', name: 'Чужой дом' }),
    field: 'branchId',
  },
  'facility create: another branch': {
    method: 'POST',
    url: () => '/api/housing/facilities',
    body: () => ({ branchId: w.org.branchIds[1], kind: 'shelter', name: 'Дом Б' }),
    field: 'branchId',
  },
  'facility create: programme': {
    method: 'POST',
    url: () => '/api/housing/facilities',
    body: () => ({ branchId: w.org.branchIds[0], programmeId: x.programmeId, kind: 'shelter', name: 'Дом П' }),
    field: 'programmeId',
  },
  'facility read: path': { method: 'GET', url: () => `/api/housing/facilities/${x.facilityId}` },
  'facility update: path': {
    method: 'PUT',
    url: () => `/api/housing/facilities/${x.facilityId}`,
    body: () => ({ branchId: w.org.branchIds[0], kind: 'shelter', name: 'Тёплый дом', version: x.version }),
  },
  'facility update: branch': {
    method: 'PUT',
    url: () => `/api/housing/facilities/${w.facilityId}`,
    body: async () => ({
      branchId: x.org.branchIds[0],
      kind: 'shelter',
      name: 'Тёплый дом',
      version: (await w.coordinator.get(`/api/housing/facilities/${w.facilityId}`)).json().version,
    }),
    field: 'branchId',
  },
  'facility update: programme': {
    method: 'PUT',
    url: () => `/api/housing/facilities/${w.facilityId}`,
    body: async () => ({
      branchId: w.org.branchIds[0],
      programmeId: x.programmeId,
      kind: 'shelter',
      name: 'Тёплый дом',
      version: (await w.coordinator.get(`/api/housing/facilities/${w.facilityId}`)).json().version,
    }),
    field: 'programmeId',
  },
  'room add: facility': { method: 'POST', url: () => `/api/housing/facilities/${x.facilityId}/rooms`, body: () => ({ name: 'К' }) },
  'room add: another branch’s facility': {
    method: 'POST',
    url: () => `/api/housing/facilities/${w.facilityB}/rooms`,
    body: () => ({ name: 'К' }),
  },
  'room update: room': {
    method: 'PUT',
    url: () => `/api/housing/rooms/${x.rooms[0]!.id}`,
    body: () => ({ name: 'К', active: true, version: 1 }),
  },
  'place add: room': {
    method: 'POST',
    url: () => `/api/housing/rooms/${x.rooms[0]!.id}/places`,
    body: () => ({ kind: 'mother', label: 'К' }),
  },
  'closure: facility': {
    method: 'POST',
    url: () => `/api/housing/facilities/${x.facilityId}/closures`,
    body: () => ({ startsOn: '2030-01-01', endsOn: '2030-01-02', reason: 'Ремонт' }),
  },
  'closure: room': {
    method: 'POST',
    url: () => `/api/housing/facilities/${w.facilityId}/closures`,
    body: () => ({ roomId: x.rooms[0]!.id, startsOn: '2030-01-01', endsOn: '2030-01-02', reason: 'Ремонт' }),
    field: 'roomId',
  },
  'closure: another facility’s room': {
    method: 'POST',
    url: () => `/api/housing/facilities/${w.facilityId}/closures`,
    body: () => ({ roomId: w.roomB, startsOn: '2030-01-01', endsOn: '2030-01-02', reason: 'Ремонт' }),
    field: 'roomId',
  },
  'board: branch': { method: 'GET', url: () => `/api/housing/board?branchId=${x.org.branchIds[0]}`, field: 'branchId' },
  'board: another branch': { method: 'GET', url: () => `/api/housing/board?branchId=${w.org.branchIds[1]}`, field: 'branchId' },
  'figures: facility': { method: 'GET', url: () => `/api/housing/figures?from=2026-01-01&to=${today()}&facilityId=${x.facilityId}` },
  'figures: branch': {
    method: 'GET',
    url: () => `/api/housing/figures?from=2026-01-01&to=${today()}&branchId=${x.org.branchIds[0]}`,
    field: 'branchId',
  },
  'check-in: case': {
    method: 'POST',
    url: () => '/api/housing/stays',
    body: () => ({ caseId: theirs.caseId, roomId: w.rooms[1]!.id, checkInOn: today(), members: [{ memberId: theirs.motherId }] }),
    field: 'caseId',
  },
  'check-in: room': {
    method: 'POST',
    url: () => '/api/housing/stays',
    body: () => ({ caseId: ours.spareCase, roomId: x.rooms[1]!.id, checkInOn: today(), members: [{ memberId: ours.spareMother }] }),
    field: 'roomId',
  },
  'check-in: another branch’s room': {
    method: 'POST',
    url: () => '/api/housing/stays',
    body: () => ({ caseId: ours.spareCase, roomId: w.roomB, checkInOn: today(), members: [{ memberId: ours.spareMother }] }),
    field: 'roomId',
  },
  'check-in: member': {
    method: 'POST',
    url: () => '/api/housing/stays',
    body: () => ({ caseId: ours.spareCase, roomId: w.rooms[1]!.id, checkInOn: today(), members: [{ memberId: theirs.motherId }] }),
    field: 'members.0.memberId',
  },
  'check-in: place': {
    method: 'POST',
    url: () => '/api/housing/stays',
    body: () => ({
      caseId: ours.spareCase,
      roomId: w.rooms[1]!.id,
      checkInOn: today(),
      members: [{ memberId: ours.spareMother, placeId: theirs.placeId }],
    }),
    field: 'members.0.placeId',
  },
  'stay read: stay': { method: 'GET', url: () => `/api/housing/stays/${theirs.stayId}` },
  'extend: stay': {
    method: 'POST',
    url: () => `/api/housing/stays/${theirs.stayId}/extend`,
    body: () => ({ plannedLeaveOn: '2031-01-01', reason: 'Нужно', version: 1 }),
  },
  'move: stay': {
    method: 'POST',
    url: () => `/api/housing/stays/${theirs.stayId}/move`,
    body: () => ({ roomId: x.rooms[1]!.id, on: today(), version: 1 }),
  },
  'move: room': {
    method: 'POST',
    url: () => `/api/housing/stays/${ours.stayId}/move`,
    body: async () => ({ roomId: x.rooms[1]!.id, on: today(), version: await stayVersion() }),
    field: 'roomId',
  },
  'move: member': {
    method: 'POST',
    url: () => `/api/housing/stays/${ours.stayId}/move`,
    body: async () => ({ roomId: w.rooms[1]!.id, on: today(), members: [{ memberId: theirs.motherId }], version: await stayVersion() }),
    field: 'members.0.memberId',
  },
  'move: place': {
    method: 'POST',
    url: () => `/api/housing/stays/${ours.stayId}/move`,
    body: async () => ({
      roomId: w.rooms[1]!.id,
      on: today(),
      members: [{ memberId: ours.motherId, placeId: theirs.placeId }],
      version: await stayVersion(),
    }),
    field: 'members.0.placeId',
  },
  'resident joins: stay': {
    method: 'POST',
    url: () => `/api/housing/stays/${theirs.stayId}/residents`,
    body: () => ({ memberId: theirs.childId, on: today(), reason: 'returned', version: 1 }),
  },
  'resident joins: member': {
    method: 'POST',
    url: () => `/api/housing/stays/${ours.stayId}/residents`,
    body: async () => ({ memberId: theirs.childId, on: today(), reason: 'returned', version: await stayVersion() }),
    field: 'memberId',
  },
  'resident joins: room': {
    method: 'POST',
    url: () => `/api/housing/stays/${ours.stayId}/residents`,
    body: async () => ({ memberId: ours.childId, on: today(), reason: 'returned', roomId: x.rooms[1]!.id, version: await stayVersion() }),
    field: 'roomId',
  },
  'resident joins: another branch’s room': {
    method: 'POST',
    url: () => `/api/housing/stays/${ours.stayId}/residents`,
    body: async () => ({ memberId: ours.childId, on: today(), reason: 'returned', roomId: w.roomB, version: await stayVersion() }),
    field: 'roomId',
  },
  // The place named must be one of the room's: the 400 names the body's own field, `placeId`.
  'resident joins: place': {
    method: 'POST',
    url: () => `/api/housing/stays/${ours.stayId}/residents`,
    body: async () => ({ memberId: ours.childId, on: today(), reason: 'returned', placeId: theirs.placeId, version: await stayVersion() }),
    field: 'placeId',
  },
  'resident leaves: stay': {
    method: 'POST',
    url: () => `/api/housing/stays/${theirs.stayId}/residents/leave`,
    body: () => ({ memberId: theirs.childId, on: today(), reason: 'hospital', version: 1 }),
  },
  'resident leaves: member': {
    method: 'POST',
    url: () => `/api/housing/stays/${ours.stayId}/residents/leave`,
    body: async () => ({ memberId: theirs.childId, on: today(), reason: 'hospital', version: await stayVersion() }),
    field: 'memberId',
  },
  'check-out: stay': {
    method: 'POST',
    url: () => `/api/housing/stays/${theirs.stayId}/check-out`,
    body: () => ({ on: today(), reason: 'to_relatives', version: 1 }),
  },
  'journal read: facility': { method: 'GET', url: () => `/api/housing/facilities/${x.facilityId}/journal` },
  'journal write: facility': {
    method: 'POST',
    url: () => `/api/housing/facilities/${x.facilityId}/journal`,
    body: () => ({ kind: 'event', at: new Date().toISOString(), shift: 'day', text: 'Тихо' }),
  },
  'journal write: stay': {
    method: 'POST',
    url: () => `/api/housing/facilities/${w.facilityId}/journal`,
    body: () => ({ kind: 'event', at: new Date().toISOString(), shift: 'day', text: 'Тихо', stayId: theirs.stayId }),
    field: 'stayId',
  },
  'journal write: member': {
    method: 'POST',
    url: () => `/api/housing/facilities/${w.facilityId}/journal`,
    body: () => ({ kind: 'walk', at: new Date().toISOString(), shift: 'day', stayId: ours.stayId, memberId: theirs.childId }),
    field: 'memberId',
  },
};

describe('housing: another organisation’s (or branch’s) id in every id field', () => {
  it('is a 404 for the record itself or a 400 naming the field, and nothing is written in either organisation', async () => {
    const before = await rowCounts();
    const { got, want } = await refusals(w.coordinator, FOREIGN);
    expect(got).toEqual(want);
    expect(await rowCounts()).toEqual(before);
  });
});

const ROLES: { name: string; roles: RoleCode[]; branch: 0 | 1; other?: true }[] = [
  { name: 'workerA', roles: ['case_worker'], branch: 0 },
  { name: 'psychologistA', roles: ['psychologist'], branch: 0 },
  { name: 'volunteerA', roles: ['volunteer'], branch: 0 },
  { name: 'mentorA', roles: ['mentor'], branch: 0 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'deskB', roles: ['shelter_admin'], branch: 1 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'otherDesk', roles: ['shelter_admin', 'coordinator'], branch: 0, other: true },
];

describe('housing: every write route, by roles without the right or out of reach', () => {
  it('answers 403 or 404 (never reaching the record) and writes nothing', async () => {
    const clients = await roleClients(
      t,
      ROLES.map((r) => ({ ...r, org: r.other ? x.org : w.org })),
    );
    const version = await stayVersion();
    const facilityVersion = (await w.coordinator.get(`/api/housing/facilities/${w.facilityId}`)).json().version as number;
    const at = new Date().toISOString();
    const WRITES: { name: string; method: HTTPMethods; url: string; body: unknown }[] = [
      {
        name: 'facility update',
        method: 'PUT',
        url: `/api/housing/facilities/${w.facilityId}`,
        body: { branchId: w.org.branchIds[0], kind: 'shelter', name: 'Взломан', version: facilityVersion },
      },
      { name: 'room add', method: 'POST', url: `/api/housing/facilities/${w.facilityId}/rooms`, body: { name: 'Взлом' } },
      {
        name: 'room update',
        method: 'PUT',
        url: `/api/housing/rooms/${w.rooms[0]!.id}`,
        body: { name: 'Взлом', active: false, version: 1 },
      },
      { name: 'place add', method: 'POST', url: `/api/housing/rooms/${w.rooms[0]!.id}/places`, body: { kind: 'child', label: 'Взлом' } },
      {
        name: 'closure',
        method: 'POST',
        url: `/api/housing/facilities/${w.facilityId}/closures`,
        body: { startsOn: '2030-01-01', endsOn: '2030-01-02', reason: 'Взлом' },
      },
      {
        name: 'check-in',
        method: 'POST',
        url: '/api/housing/stays',
        body: { caseId: ours.spareCase, roomId: w.rooms[1]!.id, checkInOn: today(), members: [{ memberId: ours.spareMother }] },
      },
      {
        name: 'extend',
        method: 'POST',
        url: `/api/housing/stays/${ours.stayId}/extend`,
        body: { plannedLeaveOn: '2031-01-01', reason: 'Взлом', version },
      },
      {
        name: 'move',
        method: 'POST',
        url: `/api/housing/stays/${ours.stayId}/move`,
        body: { roomId: w.rooms[1]!.id, on: today(), version },
      },
      {
        name: 'resident joins',
        method: 'POST',
        url: `/api/housing/stays/${ours.stayId}/residents`,
        body: { memberId: ours.childId, on: today(), reason: 'returned', version },
      },
      {
        name: 'resident leaves',
        method: 'POST',
        url: `/api/housing/stays/${ours.stayId}/residents/leave`,
        body: { memberId: ours.motherId, on: today(), reason: 'hospital', version },
      },
      {
        name: 'check-out',
        method: 'POST',
        url: `/api/housing/stays/${ours.stayId}/check-out`,
        body: { on: today(), reason: 'to_relatives', version },
      },
      {
        name: 'journal',
        method: 'POST',
        url: `/api/housing/facilities/${w.facilityId}/journal`,
        body: { kind: 'event', at, shift: 'day', text: 'Взлом', stayId: ours.stayId },
      },
    ];
    const before = await rowCounts();
    // 403 (no right), 404 (the record out of reach), or 400 naming an id of the body out of reach
    // (the case of another branch at check-in) — never the record reached.
    const reached: string[] = [];
    for (const r of ROLES)
      for (const route of WRITES) {
        const res = await clients[r.name]!.request(route.method, route.url, route.body);
        const refusedBy400 = res.statusCode === 400 && (res.json().error.fields as { path: string }[]).some((f) => f.path === 'caseId');
        if (res.statusCode !== 403 && res.statusCode !== 404 && !refusedBy400) reached.push(`${r.name} ${route.name}: ${res.statusCode}`);
      }
    expect(reached).toEqual([]);
    expect(await rowCounts()).toEqual(before);
    // Nor did any of them read the stay.
    for (const r of ROLES)
      expect([403, 404], r.name).toContain((await clients[r.name]!.get(`/api/housing/stays/${ours.stayId}`)).statusCode);
  });
});
