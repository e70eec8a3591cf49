// A stay's life (issue 12): a child leaves for hospital and comes back, a baby is born in the house
// and joins the mother's stay — with the figures checked against a hand calculation; stays entered
// after the fact in any order; an extension dated the day it was decided; the birth route's
// authorization (every role, another branch, another organisation's ids).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildUser, login, type Client, type TestApp, buildTestApp } from '../testing/harness.js';
import { buildHousingWorld, daysFrom, today, type HousingWorld } from '../testing/housing.js';

let t: TestApp;
let w: HousingWorld;
let reception: Client;
/** A facility of this file only, so its figures are exactly the stays below: one bed, two cots. */
let facilityId: string;
let roomId: string;
/** A second facility with one room of one bed, for stays entered out of order. */
let paperRoomId: string;
let paperFacilityId: string;

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildHousingWorld(t);
  reception = await login(t, (await buildUser(t, w.org, ['shelter_admin'], [w.org.branchIds[0]!])).email);
  const facility = await w.coordinator.post('/api/housing/facilities', {
    branchId: w.org.branchIds[0],
    kind: 'crisis_apartment',
    name: 'Квартира для расчёта',
  });
  facilityId = facility.json().id;
  const room = await w.coordinator.post(`/api/housing/facilities/${facilityId}/rooms`, {
    name: 'Спальня',
    motherPlaces: 1,
    childPlaces: 2,
  });
  roomId = room.json().rooms[0].id;
  const paper = await w.coordinator.post('/api/housing/facilities', {
    branchId: w.org.branchIds[0],
    kind: 'crisis_apartment',
    name: 'Квартира из архива',
  });
  paperFacilityId = paper.json().id;
  const paperRoom = await w.coordinator.post(`/api/housing/facilities/${paperFacilityId}/rooms`, {
    name: 'Комната',
    motherPlaces: 1,
    childPlaces: 0,
  });
  paperRoomId = paperRoom.json().rooms[0].id;
});
afterAll(() => t.close());

const caseOf = (openedOn = '2026-01-01') =>
  buildCase(w.coordinator, { branchId: w.org.branchIds[0]!, programmeId: w.programmeId, leadId: w.coordinatorId, openedOn });
const timeline = async (caseId: string) =>
  (await w.coordinator.get(`/api/cases/${caseId}/timeline?limit=200`)).json().items as {
    kind: string;
    occurredOn: string;
    data: Record<string, unknown>;
  }[];

describe('a stay whose residents change', () => {
  let c: Awaited<ReturnType<typeof caseOf>>;
  let childId: string;
  let babyId: string;
  let stayId: string;

  it('a child goes to hospital and comes back, the stay going on; a baby born in the house joins it', async () => {
    c = await caseOf();
    const family = (await w.coordinator.get(`/api/families/${c.familyId}`)).json();
    childId = family.members.find((m: { relation: string }) => m.relation === 'child').id;
    // The pregnancy is noted late: the due date has already passed.
    const expected = await w.coordinator.post(`/api/families/${c.familyId}/members`, {
      relation: 'unborn_child',
      expectedBirthDate: daysFrom(-30),
    });
    expect(expected.statusCode, expected.body).toBe(201);
    babyId = expected.json().id;

    const checkIn = await reception.post('/api/housing/stays', {
      caseId: c.caseId,
      roomId,
      checkInOn: daysFrom(-40),
      members: [{ memberId: c.motherId }, { memberId: childId }],
    });
    expect(checkIn.statusCode, checkIn.body).toBe(201);
    stayId = checkIn.json().id;
    let version = checkIn.json().version as number;

    // An unborn child takes no place: refused, nothing written.
    const unborn = await reception.post(`/api/housing/stays/${stayId}/residents`, {
      memberId: babyId,
      on: daysFrom(-35),
      reason: 'born',
      version,
    });
    expect(unborn.statusCode).toBe(400);
    expect(unborn.json().error.fields[0].path).toBe('memberId');

    const left = await reception.post(`/api/housing/stays/${stayId}/residents/leave`, {
      memberId: childId,
      on: daysFrom(-30),
      reason: 'hospital',
      version,
    });
    expect(left.statusCode, left.body).toBe(200);
    version = left.json().version;
    // Reception sees the dates; why she left, only those who reach the case.
    const forDesk = left.json().residents.find((r: { memberId: string }) => r.memberId === childId);
    expect(forDesk).toMatchObject({ toOn: daysFrom(-30), leftReason: null });
    const forCase = (await w.coordinator.get(`/api/housing/stays/${stayId}`)).json();
    expect(forCase.residents.find((r: { memberId: string }) => r.memberId === childId)).toMatchObject({ leftReason: 'hospital' });

    // Coming back on a day before she left, or in the future, is refused.
    for (const on of [daysFrom(-35), daysFrom(1)]) {
      const bad = await reception.post(`/api/housing/stays/${stayId}/residents`, { memberId: childId, on, reason: 'returned', version });
      expect(bad.statusCode, on).toBe(400);
      expect(bad.json().error.fields[0].path).toMatch(/^(on|memberId)$/);
    }
    const back = await reception.post(`/api/housing/stays/${stayId}/residents`, {
      memberId: childId,
      on: daysFrom(-25),
      reason: 'returned',
      version,
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(
      (await w.coordinator.get(`/api/housing/stays/${stayId}`)).json().residents.find((r: { memberId: string }) => r.memberId === childId),
    ).toMatchObject({
      fromOn: daysFrom(-25),
      toOn: null,
      joinedReason: 'returned',
    });
    expect(back.json().checkOutOn).toBeNull();

    const born = await w.coordinator.post(`/api/families/${c.familyId}/members/${babyId}/birth`, {
      birthDate: daysFrom(-20),
      sex: 'female',
      firstName: 'Алиса',
      joinStay: true,
      version: expected.json().version,
    });
    expect(born.statusCode, born.body).toBe(200);
    expect(born.json()).toMatchObject({
      member: { relation: 'child', birthDate: daysFrom(-20), expectedBirthDate: null, firstName: 'Алиса', sex: 'female' },
      openStayId: stayId,
      joinedStay: true,
    });
    const stay = (await w.coordinator.get(`/api/housing/stays/${stayId}`)).json();
    expect(stay.residents.find((r: { memberId: string }) => r.memberId === babyId)).toMatchObject({
      fromOn: daysFrom(-20),
      joinedReason: 'born',
      placeKind: 'child',
    });
    // One stay, never split: no return counted.
    const stays = await w.coordinator.get(`/api/housing/figures?from=2026-01-01&to=${today()}&facilityId=${facilityId}`);
    expect(stays.json()).toMatchObject({ staysStarted: 1, staysEnded: 0, returnsWithinYear: 0 });
  });

  it('the figures count each resident’s nights: a hand calculation', async () => {
    // Period: the 40 days from check-in to yesterday. Nights that begin in it:
    //   mother  [−40, open)                    → 40
    //   child   [−40, −30) + [−25, open)       → 10 + 25 = 35
    //   baby    [−20, open)                    → 20
    // used 95 of available 3 places × 40 nights = 120 (beds 40 of 40, cots 55 of 80).
    const figures = (
      await w.coordinator.get(`/api/housing/figures?from=${daysFrom(-40)}&to=${daysFrom(-1)}&facilityId=${facilityId}`)
    ).json();
    expect(figures.bedNights).toEqual({
      used: 95,
      available: 120,
      occupancy: 0.792,
      mother: { used: 40, available: 40 },
      child: { used: 55, available: 80 },
    });
    expect(figures.women).toBe(1);
    expect(figures.children).toBe(2);
    // While the child was in hospital only the mother lived there.
    const away = (
      await w.coordinator.get(`/api/housing/figures?from=${daysFrom(-29)}&to=${daysFrom(-26)}&facilityId=${facilityId}`)
    ).json();
    expect(away.bedNights.used).toBe(4);
    expect(away.children).toBe(0);
  });

  it('the board shows the mother and both children today', async () => {
    const board = (await reception.get('/api/housing/board')).json();
    const facility = board.facilities.find((f: { id: string }) => f.id === facilityId);
    const names = facility.rooms.flatMap((r: { places: { firstName?: string }[] }) => r.places.map((p) => p.firstName)).filter(Boolean);
    expect(names.sort()).toEqual(['Алиса', 'Дарья', 'Миша']);
    expect(facility.free).toEqual({ mother: 0, child: 0 });
  });

  it('the timeline tells it by the days it happened; the born child is edited later without trouble', async () => {
    const events = await timeline(c.caseId);
    const byKind = (kind: string) => events.filter((e) => e.kind === kind);
    expect(byKind('birth').map((e) => e.occurredOn)).toEqual([daysFrom(-20)]);
    expect(byKind('stay_resident_left').map((e) => e.occurredOn)).toEqual([daysFrom(-30)]);
    expect(
      byKind('stay_resident_joined')
        .map((e) => e.occurredOn)
        .sort(),
    ).toEqual([daysFrom(-25), daysFrom(-20)]);
    expect(byKind('stay_checked_in')[0]).toMatchObject({ occurredOn: daysFrom(-40), data: { roomName: 'Спальня' } });

    const member = (await w.coordinator.get(`/api/families/${c.familyId}`)).json().members.find((m: { id: string }) => m.id === babyId);
    const { id: _id, version, ...fields } = member;
    const edit = await w.coordinator.put(`/api/families/${c.familyId}/members/${babyId}`, {
      member: { ...fields, middleName: 'Сергеевна' },
      version,
    });
    expect(edit.statusCode, edit.body).toBe(200);
    // A birth is recorded once: the member is no longer expected.
    const again = await w.coordinator.post(`/api/families/${c.familyId}/members/${babyId}/birth`, {
      birthDate: daysFrom(-20),
      sex: 'female',
      firstName: 'Алиса',
      version: edit.json().version,
    });
    expect(again.statusCode).toBe(422);
  });

  it('the last resident leaves by check-out, not by leaving the stay', async () => {
    let version = (await reception.get(`/api/housing/stays/${stayId}`)).json().version as number;
    for (const memberId of [childId, babyId]) {
      const res = await reception.post(`/api/housing/stays/${stayId}/residents/leave`, {
        memberId,
        on: today(),
        reason: 'to_relatives',
        version,
      });
      expect(res.statusCode, res.body).toBe(200);
      version = res.json().version;
    }
    const last = await reception.post(`/api/housing/stays/${stayId}/residents/leave`, {
      memberId: c.motherId,
      on: today(),
      reason: 'other',
      version,
    });
    expect(last.statusCode).toBe(422);
    expect((await reception.get(`/api/housing/stays/${stayId}`)).json().version).toBe(version);
  });
});

describe('stays entered after the fact, in any order', () => {
  it('a later stay first, then an earlier one in the same place fits; an overlapping one is refused', async () => {
    const later = await caseOf();
    const earlier = await caseOf();
    const overlapping = await caseOf();
    const first = await w.coordinator.post('/api/housing/stays', {
      caseId: later.caseId,
      roomId: paperRoomId,
      checkInOn: daysFrom(-60),
      checkOutOn: daysFrom(-50),
      leaveReason: 'graduated',
      members: [{ memberId: later.motherId }],
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ checkInOn: daysFrom(-60), checkOutOn: daysFrom(-50) });
    const second = await w.coordinator.post('/api/housing/stays', {
      caseId: earlier.caseId,
      roomId: paperRoomId,
      checkInOn: daysFrom(-80),
      checkOutOn: daysFrom(-60),
      leaveReason: 'to_relatives',
      members: [{ memberId: earlier.motherId }],
    });
    expect(second.statusCode, second.body).toBe(201);
    const before = (await w.coordinator.get(`/api/housing/figures?from=2026-01-01&to=${today()}&facilityId=${paperFacilityId}`)).json();
    const clash = await w.coordinator.post('/api/housing/stays', {
      caseId: overlapping.caseId,
      roomId: paperRoomId,
      checkInOn: daysFrom(-70),
      checkOutOn: daysFrom(-65),
      leaveReason: 'graduated',
      members: [{ memberId: overlapping.motherId }],
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.fields[0]).toMatchObject({ path: 'members.0.placeId' });
    expect(clash.json().error.fields[0].message).toContain('Нет свободного места');
    // An open stay from a day before the later one would run into it.
    const open = await w.coordinator.post('/api/housing/stays', {
      caseId: overlapping.caseId,
      roomId: paperRoomId,
      checkInOn: daysFrom(-55),
      members: [{ memberId: overlapping.motherId }],
    });
    expect(open.statusCode).toBe(409);
    const after = (await w.coordinator.get(`/api/housing/figures?from=2026-01-01&to=${today()}&facilityId=${paperFacilityId}`)).json();
    expect(after).toEqual(before);
    expect(after).toMatchObject({ staysStarted: 2, staysEnded: 2, bedNights: { used: 30 } });
  });

  it('a family’s earlier stay entered afterwards makes the later one a return; its own stays may not overlap', async () => {
    const family = await caseOf();
    const late = await w.coordinator.post('/api/housing/stays', {
      caseId: family.caseId,
      roomId: w.rooms[1]!.id,
      checkInOn: daysFrom(-120),
      checkOutOn: daysFrom(-100),
      leaveReason: 'graduated',
      members: [{ memberId: family.motherId }],
    });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json().previousStayId).toBeNull();
    const early = await w.coordinator.post('/api/housing/stays', {
      caseId: family.caseId,
      roomId: w.rooms[1]!.id,
      checkInOn: daysFrom(-200),
      checkOutOn: daysFrom(-180),
      leaveReason: 'to_relatives',
      members: [{ memberId: family.motherId }],
    });
    expect(early.statusCode, early.body).toBe(201);
    expect((await w.coordinator.get(`/api/housing/stays/${late.json().id}`)).json().previousStayId).toBe(early.json().id);
    const twice = await w.coordinator.post('/api/housing/stays', {
      caseId: family.caseId,
      roomId: paperRoomId,
      checkInOn: daysFrom(-110),
      checkOutOn: daysFrom(-105),
      leaveReason: 'graduated',
      members: [{ memberId: family.motherId }],
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.id).toBe('errors.housing_stay_overlaps');
    // Not before the case was opened, nor a check-out in the future.
    const young = await caseOf(daysFrom(-10));
    for (const [body, path] of [
      [{ checkInOn: daysFrom(-20) }, 'checkInOn'],
      [{ checkInOn: daysFrom(-5), checkOutOn: daysFrom(3), leaveReason: 'graduated' }, 'checkOutOn'],
      [{ checkInOn: daysFrom(-5), checkOutOn: daysFrom(-3) }, 'leaveReason'],
    ] as const) {
      const res = await w.coordinator.post('/api/housing/stays', {
        caseId: young.caseId,
        roomId: paperRoomId,
        members: [{ memberId: young.motherId }],
        ...body,
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
    }
  });

  it('an extension takes the day it was decided, within the stay and not in the future', async () => {
    const family = await caseOf();
    const stay = await reception.post('/api/housing/stays', {
      caseId: family.caseId,
      roomId: w.rooms[0]!.id,
      checkInOn: daysFrom(-30),
      members: [{ memberId: family.motherId }],
    });
    expect(stay.statusCode, stay.body).toBe(201);
    const id = stay.json().id as string;
    for (const on of [daysFrom(1), daysFrom(-31)]) {
      const bad = await reception.post(`/api/housing/stays/${id}/extend`, {
        plannedLeaveOn: daysFrom(200),
        reason: 'Ждёт общежитие',
        on,
        version: stay.json().version,
      });
      expect(bad.statusCode, on).toBe(400);
      expect(bad.json().error.fields[0].path).toBe('on');
    }
    const ok = await reception.post(`/api/housing/stays/${id}/extend`, {
      plannedLeaveOn: daysFrom(200),
      reason: 'Ждёт общежитие',
      on: daysFrom(-10),
      version: stay.json().version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json().extensions[0].on).toBe(daysFrom(-10));
    const extended = (await timeline(family.caseId)).find((e) => e.kind === 'stay_extended');
    expect(extended?.occurredOn).toBe(daysFrom(-10));
    const audit = (await w.admin.get(`/api/audit?recordType=stay&recordId=${id}`)).json();
    expect(JSON.stringify(audit)).not.toContain('Ждёт общежитие');
  });
});

describe('the birth route: who may record it', () => {
  it('every role, another branch and another organisation’s ids', async () => {
    const lead = await buildUser(t, w.org, ['case_worker'], [w.org.branchIds[0]!]);
    const c = await buildCase(w.coordinator, {
      branchId: w.org.branchIds[0]!,
      programmeId: w.programmeId,
      leadId: lead.id,
      openedOn: '2026-01-01',
    });
    const expected = await w.coordinator.post(`/api/families/${c.familyId}/members`, {
      relation: 'unborn_child',
      expectedBirthDate: daysFrom(10),
    });
    const babyId = expected.json().id as string;
    const actors: Record<string, Client> = {
      lead: await login(t, lead.email),
      coordA: w.coordinator,
      coordB: await login(t, (await buildUser(t, w.org, ['coordinator'], [w.org.branchIds[1]!])).email),
      workerA: await login(t, (await buildUser(t, w.org, ['case_worker'], [w.org.branchIds[0]!])).email),
      deskA: reception,
      supervisorA: await login(t, (await buildUser(t, w.org, ['supervisor'], [w.org.branchIds[0]!])).email),
      meA: await login(t, (await buildUser(t, w.org, ['me_officer'], [w.org.branchIds[0]!])).email),
      volunteerA: await login(t, (await buildUser(t, w.org, ['volunteer'], [w.org.branchIds[0]!])).email),
      admin: w.admin,
    };
    // A stale version stops a caller who reaches the member right there (409), before anything is written.
    const stale = { birthDate: today(), sex: 'male', firstName: 'Ваня', version: 999 };
    const got: Record<string, number> = {};
    for (const [name, client] of Object.entries(actors))
      got[name] = (await client.post(`/api/families/${c.familyId}/members/${babyId}/birth`, stale)).statusCode;
    expect(got).toEqual({
      lead: 409,
      coordA: 409,
      coordB: 404,
      workerA: 404,
      deskA: 403,
      supervisorA: 409,
      meA: 403,
      volunteerA: 403,
      admin: 403,
    });

    // Another organisation's coordinator with our ids, and our coordinator with theirs: not found.
    const other = await buildOrganization(t);
    const otherAdmin = await login(t, other.adminEmail);
    const otherCoord = await login(t, (await buildUser(t, other, ['coordinator'], other.branchIds)).email);
    expect((await otherCoord.post(`/api/families/${c.familyId}/members/${babyId}/birth`, stale)).statusCode).toBe(404);
    const theirProgramme = (
      await otherAdmin.post('/api/programmes', { name: 'Чужая', periodStart: '2026-01-01', periodEnd: '2027-12-31' })
    ).json().id as string;
    const coordUser = await buildUser(t, other, ['coordinator'], other.branchIds);
    const theirCase = await buildCase(await login(t, coordUser.email), {
      branchId: other.branchIds[0]!,
      programmeId: theirProgramme,
      leadId: coordUser.id,
    });
    expect((await w.coordinator.post(`/api/families/${theirCase.familyId}/members/${theirCase.motherId}/birth`, stale)).statusCode).toBe(
      404,
    );
    expect((await w.coordinator.post(`/api/families/${c.familyId}/members/${theirCase.motherId}/birth`, stale)).statusCode).toBe(404);
    // Our stay's routes with their member: not in the family.
    const stay = await reception.post('/api/housing/stays', {
      caseId: c.caseId,
      roomId: paperRoomId,
      checkInOn: daysFrom(-5),
      members: [{ memberId: c.motherId }],
    });
    expect(stay.statusCode, stay.body).toBe(201);
    const foreign = await reception.post(`/api/housing/stays/${stay.json().id}/residents`, {
      memberId: theirCase.motherId,
      on: today(),
      reason: 'other',
      version: stay.json().version,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.fields[0].path).toBe('memberId');
    expect(
      (
        await otherCoord.post(`/api/housing/stays/${stay.json().id}/residents/leave`, {
          memberId: c.motherId,
          on: today(),
          reason: 'other',
          version: 1,
        })
      ).statusCode,
    ).toBe(404);

    // The lead may record the birth but not place the baby in the house (the desk's work): 403, nothing written.
    const leadClient = actors.lead!;
    const joinAsLead = await leadClient.post(`/api/families/${c.familyId}/members/${babyId}/birth`, {
      birthDate: today(),
      sex: 'male',
      firstName: 'Ваня',
      joinStay: true,
      version: expected.json().version,
    });
    expect(joinAsLead.statusCode).toBe(403);
    const still = (await w.coordinator.get(`/api/families/${c.familyId}`)).json().members.find((m: { id: string }) => m.id === babyId);
    expect(still).toMatchObject({ relation: 'unborn_child', version: expected.json().version });
    const plain = await leadClient.post(`/api/families/${c.familyId}/members/${babyId}/birth`, {
      birthDate: today(),
      sex: 'male',
      firstName: 'Ваня',
      version: expected.json().version,
    });
    expect(plain.statusCode, plain.body).toBe(200);
    expect(plain.json()).toMatchObject({ openStayId: stay.json().id, joinedStay: false, member: { relation: 'child' } });
    const audit = (await w.admin.get(`/api/audit?recordType=member&recordId=${babyId}`)).json();
    expect(JSON.stringify(audit)).not.toContain('Ваня');
  });
});
