// Stays: check-in, extension, moving rooms, check-out. Every change is checked before anything is
// written, so a refused request changes nothing (and the route's transaction rolls back anyway).
//
// No overbooking: the place rows of the target room are locked (select … for update) before the
// overlap check. Two simultaneous check-ins to one place take turns on that lock; the second then
// sees the first's placement (READ COMMITTED: a new snapshot per statement) and gets 409 with the
// places that are still free.
import { sql } from 'drizzle-orm';
import type { CheckInInput, LeaveReason, MoveInput, PlaceKind } from '../../domain/housing/contracts.js';
import { addMonths, isClosedOn, placeKindFor } from '../../domain/housing/figures.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, conflict, invalidField, notFound } from '../http/errors.js';
import { appendEvent } from '../cases/routes.js';
import { facilityScope, housingCaseScope } from './queries.js';

type RoomRow = {
  id: string;
  name: string;
  active: boolean;
  facility_id: string;
  facility_active: boolean;
  branch_id: string;
  default_stay_months: number;
};

async function findRoom(tx: Tx, roomId: string): Promise<RoomRow | undefined> {
  const rows = await tx.execute<RoomRow>(sql`
    select r.id, r.name, r.active, f.id as facility_id, f.active as facility_active, f.branch_id, f.default_stay_months
    from rooms r join facilities f on f.id = r.facility_id where r.id = ${roomId}`);
  return rows.rows[0];
}

async function assertRoomOpen(tx: Tx, room: RoomRow, on: string, lang: Language): Promise<void> {
  const closures = await tx.execute<{ facility_id: string; room_id: string | null; starts_on: string; ends_on: string }>(
    sql`select facility_id, room_id, starts_on, ends_on from housing_closures where facility_id = ${room.facility_id}`,
  );
  const list = closures.rows.map((c) => ({ facilityId: c.facility_id, roomId: c.room_id, startsOn: c.starts_on, endsOn: c.ends_on }));
  if (!room.active || !room.facility_active || isClosedOn(list, room.facility_id, room.id, on))
    throw invalidField('roomId', 'errors.housing_room_closed', translate(lang, 'errors.housing_room_closed'));
}

interface LockedPlace {
  id: string;
  kind: PlaceKind;
  label: string;
  active: boolean;
  taken: boolean;
}

/** Locks the room's places and tells which are taken from `on` on (by anyone but `exceptStay`). */
async function lockRoomPlaces(tx: Tx, roomId: string, on: string, exceptStay: string | null): Promise<LockedPlace[]> {
  const places = await tx.execute<{ id: string; kind: PlaceKind; label: string; active: boolean }>(
    sql`select id, kind, label, active from places where room_id = ${roomId} order by id for update`,
  );
  const ids = places.rows.map((p) => p.id);
  if (ids.length === 0) return [];
  const taken = await tx.execute<{ place_id: string }>(sql`
    select distinct place_id from placements
    where place_id in ${ids} and (to_on is null or to_on > ${on})
      ${exceptStay ? sql`and stay_id <> ${exceptStay}` : sql``}`);
  const takenIds = new Set(taken.rows.map((t) => t.place_id));
  return places.rows
    .map((p) => ({ ...p, taken: takenIds.has(p.id) }))
    .sort((a, b) => a.label.localeCompare(b.label, 'ru', { numeric: true }));
}

/** 409 naming the member's place field, with the places still free, so the user can pick one. */
function placeTaken(lang: Language, path: string, id: string, place: string, free: LockedPlace[], kind: PlaceKind): AppError {
  const freeLabels = free.filter((p) => p.kind === kind).map((p) => p.label);
  const params = { place, free: freeLabels.length > 0 ? freeLabels.join(', ') : translate(lang, 'housing.noFreePlaces') };
  const message = translate(lang, id, params);
  return new AppError('conflict', id, params, [{ path, code: id, params, message }]);
}

/** Assigns each person a place of the right kind: the one asked for if free, else the first free one. */
function assignPlaces(
  lang: Language,
  people: { memberId: string; placeId?: string; kind: PlaceKind; index: number }[],
  places: LockedPlace[],
): Map<string, LockedPlace> {
  const result = new Map<string, LockedPlace>();
  const used = new Set<string>();
  const free = () => places.filter((p) => p.active && !p.taken && !used.has(p.id));
  for (const person of people.filter((p) => p.placeId)) {
    const path = `members.${person.index}.placeId`;
    const place = places.find((p) => p.id === person.placeId);
    if (!place) throw invalidField(path, 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
    if (!place.active || place.taken || used.has(place.id))
      throw placeTaken(lang, path, 'errors.housing_place_taken', place.label, free(), place.kind);
    used.add(place.id);
    result.set(person.memberId, place);
  }
  for (const person of people.filter((p) => !p.placeId)) {
    const place = free().find((p) => p.kind === person.kind);
    if (!place) throw placeTaken(lang, `members.${person.index}.placeId`, 'errors.housing_no_free_place', '', free(), person.kind);
    used.add(place.id);
    result.set(person.memberId, place);
  }
  return result;
}

async function familyMembers(tx: Tx, familyId: string) {
  const rows = await tx.execute<{ id: string; relation: string }>(sql`select id, relation from members where family_id = ${familyId}`);
  return new Map(rows.rows.map((m) => [m.id, m.relation]));
}

function peopleOf(lang: Language, members: CheckInInput['members'], family: Map<string, string>) {
  return members.map((m, index) => {
    const relation = family.get(m.memberId);
    const path = `members.${index}.memberId`;
    if (!relation) throw invalidField(path, 'errors.housing_not_in_family', translate(lang, 'errors.housing_not_in_family'));
    const kind = placeKindFor(relation);
    if (!kind) throw invalidField(path, 'errors.housing_unborn', translate(lang, 'errors.housing_unborn'));
    return { memberId: m.memberId, placeId: m.placeId, kind, index, person: relation === 'child' ? 'child' : 'woman' };
  });
}

export async function checkIn(tx: Tx, actor: Actor, input: CheckInInput, today: string, lang: Language): Promise<string> {
  if (input.checkInOn > today) throw invalidField('checkInOn', 'validation.date_in_future', translate(lang, 'validation.date_in_future'));
  // The case row is locked too: two check-ins of one family take turns and the second sees the first.
  const cases = await tx.execute<{ id: string; family_id: string; branch_id: string; status: string }>(
    sql`select c.id, c.family_id, c.branch_id, c.status from cases c where c.id = ${input.caseId} and ${housingCaseScope(actor)} for update of c`,
  );
  const theCase = cases.rows[0];
  if (!theCase) throw invalidField('caseId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  if (theCase.status === 'closed')
    throw invalidField('caseId', 'errors.housing_case_closed', translate(lang, 'errors.housing_case_closed'));
  const room = await findRoom(tx, input.roomId);
  if (!room || !actor.branchIds.includes(room.branch_id))
    throw invalidField('roomId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  if (room.branch_id !== theCase.branch_id)
    throw invalidField('roomId', 'errors.housing_other_branch', translate(lang, 'errors.housing_other_branch'));
  await assertRoomOpen(tx, room, input.checkInOn, lang);
  const people = peopleOf(lang, input.members, await familyMembers(tx, theCase.family_id));
  const open = await tx.execute(sql`select 1 from stays where family_id = ${theCase.family_id} and check_out_on is null`);
  if (open.rows.length > 0) throw conflict('errors.housing_already_staying');
  const places = assignPlaces(lang, people, await lockRoomPlaces(tx, room.id, input.checkInOn, null));
  const previous = await tx.execute<{ id: string }>(
    sql`select id from stays where family_id = ${theCase.family_id} and check_out_on is not null order by check_out_on desc limit 1`,
  );
  const plannedLeaveOn = input.plannedLeaveOn ?? addMonths(input.checkInOn, Number(room.default_stay_months));
  const inserted = await tx.execute<{ id: string }>(sql`
    insert into stays (org_id, facility_id, branch_id, case_id, family_id, previous_stay_id, check_in_on, planned_leave_on, created_by)
    values (${actor.orgId}, ${room.facility_id}, ${room.branch_id}, ${theCase.id}, ${theCase.family_id}, ${previous.rows[0]?.id ?? null},
      ${input.checkInOn}, ${plannedLeaveOn}, ${actor.userId})
    returning id`);
  const stayId = inserted.rows[0]!.id;
  for (const person of people) {
    const place = places.get(person.memberId)!;
    await tx.execute(sql`
      insert into placements (org_id, stay_id, facility_id, member_id, place_id, kind, person, from_on)
      values (${actor.orgId}, ${stayId}, ${room.facility_id}, ${person.memberId}, ${place.id}, ${place.kind}, ${person.person},
        ${input.checkInOn})`);
  }
  await appendEvent(tx, actor, theCase.id, 'stay_checked_in', {
    stayId,
    facilityId: room.facility_id,
    roomName: room.name,
    checkInOn: input.checkInOn,
    plannedLeaveOn,
    previousStayId: previous.rows[0]?.id ?? null,
  });
  return stayId;
}

type OpenStay = {
  id: string;
  case_id: string;
  facility_id: string;
  check_in_on: string;
  planned_leave_on: string;
  check_out_on: string | null;
  version: number;
};

/** The stay within the caller's facilities, locked for the change; 404 outside; 409 on a stale version. */
export async function lockStay(tx: Tx, actor: Actor, id: string, version: number): Promise<OpenStay> {
  const rows = await tx.execute<OpenStay>(sql`
    select s.id, s.case_id, s.facility_id, s.check_in_on, s.planned_leave_on, s.check_out_on, s.version
    from stays s join facilities f on f.id = s.facility_id
    where s.id = ${id} and ${facilityScope(actor)} for update of s`);
  const stay = rows.rows[0];
  if (!stay) throw notFound();
  if (Number(stay.version) !== version) throw conflict();
  if (stay.check_out_on !== null) throw conflict('errors.housing_stay_ended');
  return stay;
}

async function bump(tx: Tx, id: string, set: ReturnType<typeof sql>): Promise<void> {
  await tx.execute(sql`update stays set ${set}, version = version + 1, updated_at = now() where id = ${id}`);
}

export async function extendStay(
  tx: Tx,
  actor: Actor,
  stay: OpenStay,
  input: { plannedLeaveOn: string; reason: string },
  lang: Language,
): Promise<void> {
  if (input.plannedLeaveOn <= stay.check_in_on)
    throw invalidField('plannedLeaveOn', 'validation.before_start', translate(lang, 'validation.before_start'));
  await tx.execute(sql`
    insert into stay_extensions (org_id, stay_id, from_on, to_on, reason, created_by)
    values (${actor.orgId}, ${stay.id}, ${stay.planned_leave_on}, ${input.plannedLeaveOn}, ${input.reason}, ${actor.userId})`);
  await bump(tx, stay.id, sql`planned_leave_on = ${input.plannedLeaveOn}`);
  await appendEvent(tx, actor, stay.case_id, 'stay_extended', {
    stayId: stay.id,
    plannedLeaveOn: { from: stay.planned_leave_on, to: input.plannedLeaveOn },
    reason: input.reason,
  });
}

export async function moveStay(tx: Tx, actor: Actor, stay: OpenStay, input: MoveInput, today: string, lang: Language): Promise<string> {
  if (input.on < stay.check_in_on) throw invalidField('on', 'validation.before_start', translate(lang, 'validation.before_start'));
  if (input.on > today) throw invalidField('on', 'validation.date_in_future', translate(lang, 'validation.date_in_future'));
  const room = await findRoom(tx, input.roomId);
  if (!room || room.facility_id !== stay.facility_id)
    throw invalidField('roomId', 'errors.housing_other_facility', translate(lang, 'errors.housing_other_facility'));
  await assertRoomOpen(tx, room, input.on, lang);
  const current = await tx.execute<{ id: string; member_id: string; relation: string; from_on: string }>(sql`
    select pl.id, pl.member_id, m.relation, pl.from_on from placements pl join members m on m.id = pl.member_id
    where pl.stay_id = ${stay.id} and pl.to_on is null`);
  const wanted = input.members ?? current.rows.map((c) => ({ memberId: c.member_id }));
  const people = wanted.map((m, index) => {
    const row = current.rows.find((c) => c.member_id === m.memberId);
    if (!row) throw invalidField(`members.${index}.memberId`, 'errors.housing_not_in_stay', translate(lang, 'errors.housing_not_in_stay'));
    if (input.on < row.from_on) throw invalidField('on', 'validation.before_start', translate(lang, 'validation.before_start'));
    return {
      memberId: m.memberId,
      placeId: 'placeId' in m ? (m.placeId as string | undefined) : undefined,
      kind: placeKindFor(row.relation) ?? 'mother',
      index,
      row,
    };
  });
  // The stay's own places count as free: a mother and baby may swap beds within their room.
  const places = assignPlaces(lang, people, await lockRoomPlaces(tx, room.id, input.on, stay.id));
  for (const person of people) {
    const place = places.get(person.memberId)!;
    // A move on the day the placement began corrects it rather than leaving a zero-night placement behind.
    if (person.row.from_on === input.on)
      await tx.execute(sql`update placements set place_id = ${place.id}, kind = ${place.kind} where id = ${person.row.id}`);
    else {
      await tx.execute(sql`update placements set to_on = ${input.on} where id = ${person.row.id}`);
      await tx.execute(sql`
        insert into placements (org_id, stay_id, facility_id, member_id, place_id, kind, person, from_on)
        values (${actor.orgId}, ${stay.id}, ${stay.facility_id}, ${person.memberId}, ${place.id}, ${place.kind},
          ${person.row.relation === 'child' ? 'child' : 'woman'}, ${input.on})`);
    }
  }
  await bump(tx, stay.id, sql`planned_leave_on = planned_leave_on`);
  await appendEvent(tx, actor, stay.case_id, 'stay_moved', { stayId: stay.id, roomName: room.name, on: input.on });
  return room.name;
}

export async function checkOut(
  tx: Tx,
  actor: Actor,
  stay: OpenStay,
  input: { on: string; reason: LeaveReason; note: string },
  today: string,
  lang: Language,
): Promise<void> {
  if (input.on < stay.check_in_on)
    throw invalidField('on', 'errors.housing_checkout_before_checkin', translate(lang, 'errors.housing_checkout_before_checkin'));
  if (input.on > today) throw invalidField('on', 'validation.date_in_future', translate(lang, 'validation.date_in_future'));
  const last = await tx.execute<{ from_on: string }>(sql`select max(from_on) as from_on from placements where stay_id = ${stay.id}`);
  const lastMove = last.rows[0]?.from_on;
  if (lastMove && input.on < lastMove)
    throw invalidField('on', 'errors.housing_checkout_before_move', translate(lang, 'errors.housing_checkout_before_move'));
  await tx.execute(sql`update placements set to_on = ${input.on} where stay_id = ${stay.id} and (to_on is null or to_on > ${input.on})`);
  await bump(tx, stay.id, sql`check_out_on = ${input.on}, leave_reason = ${input.reason}, leave_note = ${input.note}`);
  await appendEvent(tx, actor, stay.case_id, 'stay_checked_out', { stayId: stay.id, on: input.on, reason: input.reason });
}
