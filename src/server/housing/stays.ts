// Stays: check-in (or a whole past stay entered from paper), extension, moving rooms, residents
// joining and leaving a stay under way, check-out. Every change is checked before anything is
// written, so a refused request changes nothing (and the route's transaction rolls back anyway).
//
// No overbooking: the place rows of the target room are locked (select … for update) before the
// overlap check. Two simultaneous check-ins to one place take turns on that lock; the second then
// sees the first's placement (READ COMMITTED: a new snapshot per statement) and gets 409 with the
// places that are still free. A place is taken only for the days a placement covers
// [from_on, to_on): stays entered after the fact in any order fit around each other.
import { sql, type SQL } from 'drizzle-orm';
import type {
  CheckInInput,
  LeaveReason,
  MoveInput,
  PlaceKind,
  ResidentJoinInput,
  ResidentLeaveInput,
} from '../../domain/housing/contracts.js';
import { addMonths, isClosedOn, placeKindFor } from '../../domain/housing/figures.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, businessRule, conflict, invalidField, notFound } from '../http/errors.js';
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

/**
 * Locks the room's places and tells which are taken on any day of [from, until) (until null = from
 * `from` on, open-ended) by anyone but `exceptStay`. A placement that begins after `until` leaves the
 * place free: an earlier stay entered after a later one fits before it.
 */
async function lockRoomPlaces(
  tx: Tx,
  roomId: string,
  from: string,
  until: string | null,
  exceptStay: string | null,
): Promise<LockedPlace[]> {
  const places = await tx.execute<{ id: string; kind: PlaceKind; label: string; active: boolean }>(
    sql`select id, kind, label, active from places where room_id = ${roomId} order by id for update`,
  );
  const ids = places.rows.map((p) => p.id);
  if (ids.length === 0) return [];
  const taken = await tx.execute<{ place_id: string }>(sql`
    select distinct place_id from placements
    where place_id in ${ids} and (to_on is null or to_on > ${from})
      ${until === null ? sql`` : sql`and from_on < ${until}`}
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
  /** The body field of a person's place: `members.N.placeId` for a family's list, `placeId` for one resident. */
  pathOf: (index: number) => string = (index) => `members.${index}.placeId`,
): Map<string, LockedPlace> {
  const result = new Map<string, LockedPlace>();
  const used = new Set<string>();
  const free = () => places.filter((p) => p.active && !p.taken && !used.has(p.id));
  for (const person of people.filter((p) => p.placeId)) {
    const path = pathOf(person.index);
    const place = places.find((p) => p.id === person.placeId);
    if (!place) throw invalidField(path, 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
    if (!place.active || place.taken || used.has(place.id))
      throw placeTaken(lang, path, 'errors.housing_place_taken', place.label, free(), place.kind);
    used.add(place.id);
    result.set(person.memberId, place);
  }
  for (const person of people.filter((p) => !p.placeId)) {
    const place = free().find((p) => p.kind === person.kind);
    if (!place) throw placeTaken(lang, pathOf(person.index), 'errors.housing_no_free_place', '', free(), person.kind);
    used.add(place.id);
    result.set(person.memberId, place);
  }
  return result;
}

const personOf = (relation: string) => (relation === 'child' ? 'child' : 'woman');

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
    return { memberId: m.memberId, placeId: m.placeId, kind, index, person: personOf(relation) };
  });
}

/**
 * The family's stay just before `on` (its check-out on or before that day) — the one a new stay is a
 * return after. Computed from dates, so stays entered in any order link up the same way.
 */
const previousStaySql = (familyId: SQL, on: SQL, except?: SQL) => sql`
  (select ps.id from stays ps where ps.family_id = ${familyId} ${except ? sql`and ps.id <> ${except}` : sql``} and ps.check_out_on <= ${on}
   order by ps.check_out_on desc, ps.check_in_on desc limit 1)`;

export async function checkIn(tx: Tx, actor: Actor, input: CheckInInput, today: string, lang: Language): Promise<string> {
  if (input.checkInOn > today) throw invalidField('checkInOn', 'validation.date_in_future', translate(lang, 'validation.date_in_future'));
  if (input.checkOutOn && input.checkOutOn > today)
    throw invalidField('checkOutOn', 'validation.date_in_future', translate(lang, 'validation.date_in_future'));
  // The case row is locked too: two check-ins of one family take turns and the second sees the first.
  const cases = await tx.execute<{ id: string; family_id: string; branch_id: string; status: string; opened_on: string }>(
    sql`select c.id, c.family_id, c.branch_id, c.status, c.opened_on from cases c
      where c.id = ${input.caseId} and ${housingCaseScope(actor)} for update of c`,
  );
  const theCase = cases.rows[0];
  if (!theCase) throw invalidField('caseId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  if (theCase.status === 'closed')
    throw invalidField('caseId', 'errors.housing_case_closed', translate(lang, 'errors.housing_case_closed'));
  if (input.checkInOn < String(theCase.opened_on).slice(0, 10))
    throw invalidField('checkInOn', 'errors.housing_before_case', translate(lang, 'errors.housing_before_case'));
  const room = await findRoom(tx, input.roomId);
  if (!room || !actor.branchIds.includes(room.branch_id))
    throw invalidField('roomId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  if (room.branch_id !== theCase.branch_id)
    throw invalidField('roomId', 'errors.housing_other_branch', translate(lang, 'errors.housing_other_branch'));
  await assertRoomOpen(tx, room, input.checkInOn, lang);
  const people = peopleOf(lang, input.members, await familyMembers(tx, theCase.family_id));
  const until = input.checkOutOn ?? null;
  // A family lives in one stay at a time: no other stay of hers may cover a day of this one.
  const overlapping = await tx.execute<{ open: boolean }>(sql`
    select check_out_on is null as open from stays
    where family_id = ${theCase.family_id} and (check_out_on is null or check_out_on > ${input.checkInOn})
      ${until === null ? sql`` : sql`and check_in_on < ${until}`}
    order by check_out_on is null desc limit 1`);
  if (overlapping.rows[0]) throw conflict(overlapping.rows[0].open ? 'errors.housing_already_staying' : 'errors.housing_stay_overlaps');
  const places = assignPlaces(lang, people, await lockRoomPlaces(tx, room.id, input.checkInOn, until, null));
  const plannedLeaveOn = input.plannedLeaveOn ?? addMonths(input.checkInOn, Number(room.default_stay_months));
  const inserted = await tx.execute<{ id: string; previous_stay_id: string | null }>(sql`
    insert into stays (org_id, facility_id, branch_id, case_id, family_id, previous_stay_id, check_in_on, planned_leave_on,
      check_out_on, leave_reason, leave_note, created_by)
    values (${actor.orgId}, ${room.facility_id}, ${room.branch_id}, ${theCase.id}, ${theCase.family_id},
      ${previousStaySql(sql`${theCase.family_id}::uuid`, sql`${input.checkInOn}::date`)},
      ${input.checkInOn}, ${plannedLeaveOn}, ${until}, ${input.leaveReason ?? null}, ${input.leaveNote}, ${actor.userId})
    returning id, previous_stay_id`);
  const stayId = inserted.rows[0]!.id;
  const previousStayId = inserted.rows[0]!.previous_stay_id;
  // Later stays of the family entered before this one now follow it: their "previous stay" is recomputed.
  await tx.execute(sql`
    update stays s set previous_stay_id = ${previousStaySql(sql`s.family_id`, sql`s.check_in_on`, sql`s.id`)}
    where s.family_id = ${theCase.family_id} and s.id <> ${stayId} and s.check_in_on >= ${input.checkInOn}`);
  for (const person of people) {
    const place = places.get(person.memberId)!;
    await tx.execute(sql`
      insert into placements (org_id, stay_id, facility_id, member_id, place_id, kind, person, from_on, to_on)
      values (${actor.orgId}, ${stayId}, ${room.facility_id}, ${person.memberId}, ${place.id}, ${place.kind}, ${person.person},
        ${input.checkInOn}, ${until})`);
  }
  await appendEvent(tx, actor, theCase.id, 'stay_checked_in', {
    stayId,
    facilityId: room.facility_id,
    roomName: room.name,
    // `on` is the day the timeline files the event under (migration 0021 reads it from the data).
    on: input.checkInOn,
    checkInOn: input.checkInOn,
    plannedLeaveOn,
    previousStayId,
  });
  if (until !== null)
    await appendEvent(tx, actor, theCase.id, 'stay_checked_out', { stayId, on: until, reason: input.leaveReason ?? null });
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
  input: { plannedLeaveOn: string; reason: string; on?: string },
  today: string,
  lang: Language,
): Promise<void> {
  const on = input.on ?? today;
  if (on > today) throw invalidField('on', 'validation.date_in_future', translate(lang, 'validation.date_in_future'));
  if (on < stay.check_in_on) throw invalidField('on', 'validation.before_start', translate(lang, 'validation.before_start'));
  if (input.plannedLeaveOn <= stay.check_in_on)
    throw invalidField('plannedLeaveOn', 'validation.before_start', translate(lang, 'validation.before_start'));
  await tx.execute(sql`
    insert into stay_extensions (org_id, stay_id, from_on, to_on, decided_on, reason, created_by)
    values (${actor.orgId}, ${stay.id}, ${stay.planned_leave_on}, ${input.plannedLeaveOn}, ${on}, ${input.reason}, ${actor.userId})`);
  await bump(tx, stay.id, sql`planned_leave_on = ${input.plannedLeaveOn}`);
  await appendEvent(tx, actor, stay.case_id, 'stay_extended', {
    stayId: stay.id,
    on,
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
  const places = assignPlaces(lang, people, await lockRoomPlaces(tx, room.id, input.on, null, stay.id));
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
          ${personOf(person.row.relation)}, ${input.on})`);
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

async function stayRoom(tx: Tx, stayId: string, roomId: string | undefined): Promise<RoomRow | undefined> {
  if (roomId) return findRoom(tx, roomId);
  // The room the stay lives in now (its latest open placement), where a newborn's cot usually is.
  const rows = await tx.execute<{ room_id: string }>(sql`
    select p.room_id from placements pl join places p on p.id = pl.place_id
    where pl.stay_id = ${stayId} and pl.to_on is null order by p.kind desc, pl.from_on desc limit 1`);
  return rows.rows[0] ? findRoom(tx, rows.rows[0].room_id) : undefined;
}

/**
 * A family member joins the stay under way from a date — a baby born in the house, a child back
 * from hospital or relatives. The stay goes on: no new stay, so no return is counted. The date lies
 * within the stay and not in the future; a baby joins no earlier than its birth.
 */
export async function addResident(
  tx: Tx,
  actor: Actor,
  stay: OpenStay,
  input: Omit<ResidentJoinInput, 'version'>,
  today: string,
  lang: Language,
): Promise<{ roomName: string; placeLabel: string }> {
  if (input.on < stay.check_in_on) throw invalidField('on', 'errors.housing_before_stay', translate(lang, 'errors.housing_before_stay'));
  if (input.on > today) throw invalidField('on', 'validation.date_in_future', translate(lang, 'validation.date_in_future'));
  const members = await tx.execute<{ relation: string; birth_date: string | null }>(sql`
    select m.relation, m.birth_date from members m join stays s on s.family_id = m.family_id
    where m.id = ${input.memberId} and s.id = ${stay.id}`);
  const member = members.rows[0];
  if (!member) throw invalidField('memberId', 'errors.housing_not_in_family', translate(lang, 'errors.housing_not_in_family'));
  const kind = placeKindFor(member.relation);
  if (!kind) throw invalidField('memberId', 'errors.housing_unborn', translate(lang, 'errors.housing_unborn'));
  if (member.birth_date && input.on < String(member.birth_date).slice(0, 10))
    throw invalidField('on', 'errors.housing_before_birth', translate(lang, 'errors.housing_before_birth'));
  // Not while living somewhere in the house already, in this stay or another, on or after that date.
  const living = await tx.execute(sql`
    select 1 from placements where member_id = ${input.memberId} and (to_on is null or to_on > ${input.on}) limit 1`);
  if (living.rows.length > 0)
    throw invalidField('memberId', 'errors.housing_already_resident', translate(lang, 'errors.housing_already_resident'));
  const room = await stayRoom(tx, stay.id, input.roomId);
  if (!room || room.facility_id !== stay.facility_id)
    throw invalidField('roomId', 'errors.housing_other_facility', translate(lang, 'errors.housing_other_facility'));
  await assertRoomOpen(tx, room, input.on, lang);
  const person = { memberId: input.memberId, placeId: input.placeId, kind, index: 0 };
  const place = assignPlaces(lang, [person], await lockRoomPlaces(tx, room.id, input.on, null, null), () => 'placeId').get(input.memberId)!;
  await tx.execute(sql`
    insert into placements (org_id, stay_id, facility_id, member_id, place_id, kind, person, from_on, joined_reason)
    values (${actor.orgId}, ${stay.id}, ${stay.facility_id}, ${input.memberId}, ${place.id}, ${place.kind}, ${personOf(member.relation)},
      ${input.on}, ${input.reason})`);
  await bump(tx, stay.id, sql`planned_leave_on = planned_leave_on`);
  await appendEvent(tx, actor, stay.case_id, 'stay_resident_joined', {
    stayId: stay.id,
    memberId: input.memberId,
    on: input.on,
    reason: input.reason,
    roomName: room.name,
  });
  return { roomName: room.name, placeLabel: place.label };
}

/** A resident leaves the stay under way from a date; the others stay. The last one leaves by check-out. */
export async function removeResident(
  tx: Tx,
  actor: Actor,
  stay: OpenStay,
  input: Omit<ResidentLeaveInput, 'version'>,
  today: string,
  lang: Language,
): Promise<void> {
  if (input.on > today) throw invalidField('on', 'validation.date_in_future', translate(lang, 'validation.date_in_future'));
  const open = await tx.execute<{ id: string; member_id: string; from_on: string }>(
    sql`select id, member_id, from_on from placements where stay_id = ${stay.id} and to_on is null`,
  );
  const row = open.rows.find((r) => r.member_id === input.memberId);
  if (!row) throw invalidField('memberId', 'errors.housing_not_in_stay', translate(lang, 'errors.housing_not_in_stay'));
  if (input.on <= String(row.from_on).slice(0, 10))
    throw invalidField('on', 'errors.housing_leave_before_join', translate(lang, 'errors.housing_leave_before_join'));
  if (open.rows.length === 1) throw businessRule('errors.housing_last_resident');
  await tx.execute(sql`update placements set to_on = ${input.on}, left_reason = ${input.reason} where id = ${row.id}`);
  await bump(tx, stay.id, sql`planned_leave_on = planned_leave_on`);
  await appendEvent(tx, actor, stay.case_id, 'stay_resident_left', {
    stayId: stay.id,
    memberId: input.memberId,
    on: input.on,
    reason: input.reason,
  });
}
