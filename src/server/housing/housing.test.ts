// Housing through the HTTP app: facilities, check-in to check-out with moves, extensions and a
// return, refusals that write nothing, reception seeing first names only, the journal, figures,
// and simultaneous check-ins to one place (the second is refused, with the free places named).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, buildUser, login, TEST_DB, type Client, type TestApp } from '../testing/harness.js';
import { buildHousingWorld, daysFrom, today, waitingCase, type HousingWorld } from '../testing/housing.js';

let t: TestApp;
let w: HousingWorld;
let reception: Client;
let caseWorker: Client;
let other: Client;

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildHousingWorld(t);
  reception = await login(t, (await buildUser(t, w.org, ['shelter_admin'], [w.org.branchIds[0]!])).email);
  caseWorker = await login(t, (await buildUser(t, w.org, ['case_worker'], [w.org.branchIds[0]!])).email);
  other = await login(t, (await buildUser(t, w.org, ['case_worker'], [w.org.branchIds[0]!])).email);
});
afterAll(() => t.close());

const room1 = () => w.rooms.find((r) => r.places.length === 4)!;
const room2 = () => w.rooms.find((r) => r.places.length === 2)!;
const stayCount = async () => (await w.coordinator.get(`/api/housing/figures?from=2000-01-01&to=${today()}`)).json().staysStarted as number;

describe('facilities', () => {
  it('shows the address only to authorised staff, and audits each read of it', async () => {
    const desk = await reception.get(`/api/housing/facilities/${w.facilityId}`);
    expect(desk.json().address).toContain('CANARY-ADDRESS');
    expect(desk.json().motherPlaces).toBe(3);
    expect(desk.json().childPlaces).toBe(3);
    const worker = await caseWorker.get(`/api/housing/facilities/${w.facilityId}`);
    expect(worker.statusCode).toBe(200);
    expect(worker.json().address).toBeNull();
    expect(worker.body).not.toContain('CANARY-ADDRESS');
    expect((await caseWorker.get('/api/housing/facilities')).body).not.toContain('CANARY-ADDRESS');
    const audit = await w.admin.get(`/api/audit?recordType=facility&recordId=${w.facilityId}&action=read_sensitive`);
    expect(audit.json().items.length).toBeGreaterThanOrEqual(1);
  });

  it('refuses a closure ending before it starts, naming the field', async () => {
    const res = await w.coordinator.post(`/api/housing/facilities/${w.facilityId}/closures`, {
      startsOn: '2030-02-10',
      endsOn: '2030-02-01',
      reason: 'Ремонт',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0].path).toBe('endsOn');
  });
});

describe('stays', () => {
  let c: Awaited<ReturnType<typeof waitingCase>>;
  let stayId: string;
  let version: number;

  it('an admitted family waits on the board, is checked in by reception, and the board changes', async () => {
    c = await waitingCase(w, w.coordinatorId);
    const before = (await reception.get('/api/housing/board')).json();
    expect(before.waiting.map((x: { caseId: string }) => x.caseId)).toContain(c.caseId);
    const facility = before.facilities.find((f: { id: string }) => f.id === w.facilityId);
    expect(facility.free).toEqual({ mother: 3, child: 3 });

    const res = await reception.post('/api/housing/stays', {
      caseId: c.caseId,
      roomId: room1().id,
      checkInOn: daysFrom(-30),
      members: [{ memberId: c.motherId }, { memberId: c.childId }],
    });
    expect(res.statusCode, res.body).toBe(201);
    stayId = res.json().id;
    version = res.json().version;
    expect(res.json().residents.map((r: { placeKind: string }) => r.placeKind)).toEqual(['mother', 'child']);
    // default planned leaving: six months after check-in
    expect(res.json().plannedLeaveOn > daysFrom(140)).toBe(true);
    // reception reaches no case: no case id in its answer
    expect(res.json().caseId).toBeNull();

    const after = (await reception.get('/api/housing/board')).json();
    expect(after.waiting.map((x: { caseId: string }) => x.caseId)).not.toContain(c.caseId);
    const f = after.facilities.find((x: { id: string }) => x.id === w.facilityId);
    expect(f.free).toEqual({ mother: 2, child: 2 });
    const taken = f.rooms
      .flatMap((r: { places: { firstName?: string; status: string }[] }) => r.places)
      .filter((p: { status: string }) => p.status === 'occupied');
    expect(taken.map((p: { firstName?: string }) => p.firstName).sort()).toEqual(['Дарья', 'Миша']);
    // a case worker outside the case sees the place taken, not who lives there
    const asOther = (await other.get('/api/housing/board')).json();
    const places = asOther.facilities.flatMap((x: { rooms: { places: { firstName?: string; status: string }[] }[] }) =>
      x.rooms.flatMap((r) => r.places),
    );
    const occupied = places.filter((p: { status: string }) => p.status === 'occupied');
    expect(occupied.length).toBeGreaterThan(0);
    expect(occupied.every((p: { firstName?: string }) => !('firstName' in p))).toBe(true);
    expect(asOther.body ?? JSON.stringify(asOther)).not.toContain('Дарья');

    const timeline = (await w.coordinator.get(`/api/cases/${c.caseId}`)).json().timeline.items.map((e: { kind: string }) => e.kind);
    expect(timeline).toContain('stay_checked_in');
  });

  it('refuses a person not in the family, a room of another branch, a taken place and a second stay — writing nothing', async () => {
    const n = await stayCount();
    const d = await waitingCase(w);
    const stranger = await reception.post('/api/housing/stays', {
      caseId: d.caseId,
      roomId: room2().id,
      checkInOn: today(),
      members: [{ memberId: d.motherId }, { memberId: c.childId }],
    });
    expect(stranger.statusCode).toBe(400);
    expect(stranger.json().error.fields[0]).toMatchObject({ path: 'members.1.memberId', message: 'Этот человек не из семьи случая' });

    const otherBranch = await w.admin.post('/api/housing/stays', {});
    expect(otherBranch.statusCode).toBe(403);
    const branch = await w.coordinator.post('/api/housing/stays', {
      caseId: d.caseId,
      roomId: w.roomB,
      checkInOn: today(),
      members: [{ memberId: d.motherId }],
    });
    expect(branch.statusCode).toBe(400);
    expect(branch.json().error.fields[0].path).toBe('roomId');

    const takenPlace = room1().places.find((p) => p.kind === 'mother')!;
    const stay = (await reception.get(`/api/housing/stays/${stayId}`)).json();
    const occupied = stay.residents.find((r: { placeKind: string }) => r.placeKind === 'mother').placeId;
    const taken = await reception.post('/api/housing/stays', {
      caseId: d.caseId,
      roomId: room1().id,
      checkInOn: today(),
      members: [{ memberId: d.motherId, placeId: occupied }],
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.fields[0].path).toBe('members.0.placeId');
    const free = room1().places.find((p) => p.kind === 'mother' && p.id !== occupied)!;
    expect(taken.json().error.message).toContain(free.label);
    expect(takenPlace).toBeDefined();

    const again = await reception.post('/api/housing/stays', {
      caseId: c.caseId,
      roomId: room2().id,
      checkInOn: today(),
      members: [{ memberId: c.motherId }],
    });
    expect(again.statusCode).toBe(409);
    expect(await stayCount()).toBe(n);
  });

  it('extends with a reason, moves rooms, refuses a check-out before check-in, checks out as graduated', async () => {
    const ext = await reception.post(`/api/housing/stays/${stayId}/extend`, {
      plannedLeaveOn: daysFrom(300),
      reason: 'Ждёт место в общежитии',
      version,
    });
    expect(ext.statusCode, ext.body).toBe(200);
    // Reception reads its own extension without the reason; the case's coordinator reads it.
    expect(ext.json().extensions[0].reason).toBeNull();
    expect((await w.coordinator.get(`/api/housing/stays/${stayId}`)).json().extensions[0].reason).toBe('Ждёт место в общежитии');
    const stale = await reception.post(`/api/housing/stays/${stayId}/extend`, { plannedLeaveOn: daysFrom(301), reason: 'x', version });
    expect(stale.statusCode).toBe(409);

    const moved = await reception.post(`/api/housing/stays/${stayId}/move`, {
      roomId: room2().id,
      on: daysFrom(-10),
      version: ext.json().version,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().residents.every((r: { roomId: string }) => r.roomId === room2().id)).toBe(true);

    const early = await reception.post(`/api/housing/stays/${stayId}/check-out`, {
      on: daysFrom(-40),
      reason: 'graduated',
      version: moved.json().version,
    });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0]).toMatchObject({ path: 'on', message: 'Дата выезда раньше даты заселения' });
    expect((await reception.get(`/api/housing/stays/${stayId}`)).json().checkOutOn).toBeNull();

    const out = await reception.post(`/api/housing/stays/${stayId}/check-out`, {
      on: today(),
      reason: 'graduated',
      version: moved.json().version,
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toMatchObject({ checkOutOn: today(), leaveReason: null });
    expect((await w.coordinator.get(`/api/housing/stays/${stayId}`)).json()).toMatchObject({ leaveReason: 'graduated' });

    const figures = (await w.coordinator.get(`/api/housing/figures?from=${daysFrom(-60)}&to=${today()}&facilityId=${w.facilityId}`)).json();
    expect(figures.graduations).toBe(1);
    expect(figures.women).toBe(1);
    expect(figures.children).toBe(1);
    expect(figures.bedNights.used).toBe(60); // 30 nights × mother and child
    expect(figures.averageLengthDays).toBe(30);
    // Women, children and stays are cells (issue 11, point 6): the M&E officer, who reads the branch's
    // housing figures but cannot open its cases, sees the small ones as the funder exports show them;
    // the house desk and the branch's supervisor, who reach those families, read them exactly.
    const figuresUrl = `/api/housing/figures?from=${daysFrom(-60)}&to=${today()}&facilityId=${w.facilityId}`;
    const me = await login(t, (await buildUser(t, w.org, ['me_officer'], [w.org.branchIds[0]!])).email);
    const hidden = await me.get(figuresUrl);
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(hidden.json()).toMatchObject({ graduations: '<5', women: '<5', children: '<5', staysEnded: '<5', averageLengthDays: '—' });
    expect(hidden.json().endedByReason.graduated).toBe('<5');
    expect(hidden.json().bedNights.used).toBe(60);
    const supervisor = await login(t, (await buildUser(t, w.org, ['supervisor'], [w.org.branchIds[0]!])).email);
    for (const reader of [reception, supervisor]) {
      expect((await reader.get(figuresUrl)).json()).toMatchObject({ graduations: 1, women: 1, children: 1, averageLengthDays: 30 });
    }
    const timeline = (await w.coordinator.get(`/api/cases/${c.caseId}`)).json().timeline.items.map((e: { kind: string }) => e.kind);
    expect(timeline).toEqual(expect.arrayContaining(['stay_extended', 'stay_moved', 'stay_checked_out']));
    const audit = (await w.admin.get(`/api/audit?recordType=stay&recordId=${stayId}`)).json().items;
    expect(audit.length).toBeGreaterThanOrEqual(4);
  });

  it('a family that comes back gets a new stay linked to the old one, counted as a return', async () => {
    const res = await reception.post('/api/housing/stays', {
      caseId: c.caseId,
      roomId: room1().id,
      checkInOn: today(),
      members: [{ memberId: c.motherId }],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().previousStayId).toBe(stayId);
    const figures = (await w.coordinator.get(`/api/housing/figures?from=${today()}&to=${today()}`)).json();
    expect(figures.returnsWithinYear).toBe(1);
  });
});

describe('closures', () => {
  it('a room closed for repairs shows as closed on the board and takes no check-in', async () => {
    const room = w.rooms.find((r) => r.places.length === 2)!;
    const closed = await w.coordinator.post(`/api/housing/facilities/${w.facilityId}/closures`, {
      roomId: room.id,
      startsOn: daysFrom(-1),
      endsOn: daysFrom(10),
      reason: 'Ремонт',
    });
    expect(closed.statusCode, closed.body).toBe(201);
    const board = (await reception.get('/api/housing/board')).json();
    const onBoard = board.facilities.find((f: { id: string }) => f.id === w.facilityId).rooms.find((r: { id: string }) => r.id === room.id);
    expect(onBoard.closed).toBe(true);
    expect(onBoard.places.every((p: { status: string }) => p.status !== 'free')).toBe(true);
    const d = await waitingCase(w);
    const res = await reception.post('/api/housing/stays', {
      caseId: d.caseId,
      roomId: room.id,
      checkInOn: today(),
      members: [{ memberId: d.motherId }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'roomId', message: 'Комната или объект закрыты на эту дату' });
  });

  it('on a date the whole facility is closed, the board shows every room closed and no free place', async () => {
    const closed = await w.coordinator.post(`/api/housing/facilities/${w.facilityId}/closures`, {
      startsOn: daysFrom(-200),
      endsOn: daysFrom(-190),
      reason: 'Дезинфекция',
    });
    expect(closed.statusCode, closed.body).toBe(201);
    type Place = { status: string; stayId?: string };
    type Facility = { id: string; closedToday: boolean; free: object; rooms: { closed: boolean; places: Place[] }[] };
    const onDate = async (on: string) =>
      ((await reception.get(`/api/housing/board?on=${on}`)).json().facilities as Facility[]).find((f) => f.id === w.facilityId)!;
    const during = await onDate(daysFrom(-195));
    expect(during.closedToday).toBe(true);
    expect(during.free).toEqual({ mother: 0, child: 0 });
    expect(during.rooms.every((r) => r.closed)).toBe(true);
    expect(during.rooms.flatMap((r) => r.places).every((p) => p.status === 'closed' && !('stayId' in p))).toBe(true);
    const after = await onDate(daysFrom(-189));
    expect(after.closedToday).toBe(false);
    expect(after.rooms.flatMap((r) => r.places).some((p) => p.status === 'free')).toBe(true);
  });
});

describe('the house journal', () => {
  it('records entries with the administrator on duty; kinds need their own fields', async () => {
    const res = await reception.post(`/api/housing/facilities/${w.facilityId}/journal`, {
      kind: 'handover',
      at: new Date().toISOString(),
      shift: 'night',
      text: 'Ночь спокойная. Миша плохо спал.',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().onDutyName).toBe('Петрова Ольга');
    const bad = await reception.post(`/api/housing/facilities/${w.facilityId}/journal`, {
      kind: 'duty',
      at: new Date().toISOString(),
      shift: 'day',
      chore: 'Кухня',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['dutyOn', 'stayId']);
    const list = (await reception.get(`/api/housing/facilities/${w.facilityId}/journal`)).json();
    expect(list.items[0].text).toBe('Ночь спокойная. Миша плохо спал.');
    expect((await caseWorker.get(`/api/housing/facilities/${w.facilityId}/journal`)).statusCode).toBe(403);
  });
});

describe('no overbooking', () => {
  it('simultaneous check-ins to one free place: exactly one succeeds, the others are told which places are free', async () => {
    const cases = await Promise.all([1, 2, 3, 4].map(() => waitingCase(w)));
    const detail = (await w.coordinator.get(`/api/housing/facilities/${w.facilityId}`)).json();
    const board = (await w.coordinator.get('/api/housing/board')).json();
    const freePlace = board.facilities
      .find((f: { id: string }) => f.id === w.facilityId)
      .rooms.flatMap((r: { places: { id: string; kind: string; status: string }[] }) => r.places)
      .find((p: { kind: string; status: string }) => p.kind === 'mother' && p.status === 'free');
    const roomId = detail.rooms.find((r: { places: { id: string }[] }) => r.places.some((p) => p.id === freePlace.id)).id;
    const results = await Promise.all(
      cases.map((x) =>
        reception.post('/api/housing/stays', {
          caseId: x.caseId,
          roomId,
          checkInOn: today(),
          members: [{ memberId: x.motherId, placeId: freePlace.id }],
        }),
      ),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses, `${TEST_DB}: ${results.map((r) => r.body).join('\n')}`).toEqual([201, 409, 409, 409]);
    for (const r of results.filter((x) => x.statusCode === 409)) expect(r.json().error.id).toBe('errors.housing_place_taken');
    const occupants = (await w.coordinator.get('/api/housing/board'))
      .json()
      .facilities.flatMap((f: { rooms: { places: { id: string; stayId: string | null }[] }[] }) =>
        f.rooms.flatMap((r) => r.places).filter((p) => p.id === freePlace.id),
      );
    expect(occupants).toHaveLength(1);
    expect(occupants[0].stayId).toBe(results.find((r) => r.statusCode === 201)!.json().id);
  });
});
