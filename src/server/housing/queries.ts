// Reading housing: who reaches which facility and stay, the facility with its rooms, places and
// closures, a stay with its residents, the occupancy board and the rows the period figures need.
//
// A facility is reached by staff of its branch (a record elsewhere reads as 404). The address is
// sensitive: only holders of housing.address get it. Residents' first names go to the house desk
// (housing.stays / housing.journal) and to whoever reaches the case; others see only that a place
// is taken. The case id itself goes only to those who reach the case. A stay's details follow the
// case's need-to-know (stayDetails): reception gets first names, rooms and dates, not the reasons.
import { sql, type SQL } from 'drizzle-orm';
import type { Board, FacilityDetail, FacilityView, JournalEntry, StayView } from '../../domain/housing/contracts.js';
import { addDays } from '../../domain/housing/figures.js';
import { ageCodeOf } from '../../domain/families/people.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { caseScope } from '../cases/scope.js';

export function inList(column: SQL, values: readonly string[]): SQL {
  return values.length === 0 ? sql`false` : sql`${column} in ${values}`;
}

/** Predicate over a `facilities` row aliased `alias`: facilities of the caller's branches. */
export function facilityScope(actor: Actor, alias = 'f'): SQL {
  return inList(sql`${sql.raw(alias)}.branch_id`, actor.branchIds);
}

export const seesAddress = (actor: Actor) => actor.permissions.has('housing.address');
/** The house desk: reception and coordinators who run the house see residents' first names. */
export const isHouseDesk = (actor: Actor) => actor.permissions.has('housing.stays') || actor.permissions.has('housing.journal');

/** Predicate over a `cases` row aliased `alias` for housing actions: the case scope, or the desk of the case's branch. */
export function housingCaseScope(actor: Actor, alias = 'c'): SQL {
  const desk = actor.permissions.has('housing.stays') ? inList(sql`${sql.raw(alias)}.branch_id`, actor.branchIds) : sql`false`;
  return sql`(${caseScope(actor, alias)} or ${desk})`;
}

type FacilityRow = {
  id: string;
  branch_id: string;
  branch_name: string;
  programme_id: string | null;
  kind: FacilityView['kind'];
  name: string;
  address: string;
  default_stay_months: number;
  rules_version: string;
  active: boolean;
  version: number;
  mother_places: number;
  child_places: number;
};

function facilityView(actor: Actor, row: FacilityRow): FacilityView {
  return {
    id: row.id,
    branchId: row.branch_id,
    branchName: row.branch_name,
    programmeId: row.programme_id,
    kind: row.kind,
    name: row.name,
    address: seesAddress(actor) ? row.address : null,
    defaultStayMonths: Number(row.default_stay_months),
    rulesVersion: row.rules_version,
    active: row.active,
    version: Number(row.version),
    motherPlaces: Number(row.mother_places),
    childPlaces: Number(row.child_places),
  };
}

const FACILITY_SELECT = sql`
  select f.id, f.branch_id, b.name as branch_name, f.programme_id, f.kind, f.name, f.address, f.default_stay_months,
    f.rules_version, f.active, f.version,
    (select count(*)::int from places p join rooms r on r.id = p.room_id where p.facility_id = f.id and p.active and r.active and p.kind = 'mother') as mother_places,
    (select count(*)::int from places p join rooms r on r.id = p.room_id where p.facility_id = f.id and p.active and r.active and p.kind = 'child') as child_places
  from facilities f join branches b on b.id = f.branch_id`;

export async function listFacilities(tx: Tx, actor: Actor): Promise<FacilityView[]> {
  const rows = await tx.execute<FacilityRow>(sql`${FACILITY_SELECT} where ${facilityScope(actor)} order by b.name, f.name`);
  return rows.rows.map((row) => facilityView(actor, row));
}

export async function getFacility(tx: Tx, actor: Actor, id: string): Promise<FacilityDetail> {
  const rows = await tx.execute<FacilityRow>(sql`${FACILITY_SELECT} where f.id = ${id} and ${facilityScope(actor)}`);
  if (!rows.rows[0]) throw notFound();
  const rooms = await tx.execute<{ id: string; name: string; active: boolean; version: number }>(
    sql`select id, name, active, version from rooms where facility_id = ${id} order by name`,
  );
  const places = await tx.execute<{ id: string; room_id: string; kind: 'mother' | 'child'; label: string; active: boolean }>(
    sql`select id, room_id, kind, label, active from places where facility_id = ${id} order by kind desc, label`,
  );
  const closures = await tx.execute<{ id: string; room_id: string | null; starts_on: string; ends_on: string; reason: string }>(
    sql`select id, room_id, starts_on, ends_on, reason from housing_closures where facility_id = ${id} order by starts_on desc`,
  );
  return {
    ...facilityView(actor, rows.rows[0]),
    rooms: rooms.rows.map((r) => ({
      id: r.id,
      name: r.name,
      active: r.active,
      version: Number(r.version),
      places: places.rows.filter((p) => p.room_id === r.id).map((p) => ({ id: p.id, kind: p.kind, label: p.label, active: p.active })),
    })),
    closures: closures.rows.map((c) => ({ id: c.id, roomId: c.room_id, startsOn: c.starts_on, endsOn: c.ends_on, reason: c.reason })),
  };
}

/**
 * How much of a stay the caller may see. Whoever reaches the case (lead, team, the coordinators and
 * supervisors responsible for its branch) sees everything: ages, relations, why it was extended and
 * why people joined or left. The house desk of the facility's branch (housing.stays or
 * housing.journal) without the case sees what reception needs: first names, room and place, dates.
 * Anyone else (casework of other cases, the M&E officer, the admin) reads a stay as not found, and
 * the board gives them no stay id.
 */
export function stayDetails(actor: Actor, reachCase: boolean): StayView['details'] | null {
  if (reachCase) return 'case';
  return isHouseDesk(actor) ? 'reception' : null;
}

export async function getStay(tx: Tx, actor: Actor, id: string, on: string): Promise<StayView> {
  const rows = await tx.execute<{
    id: string;
    facility_id: string;
    facility_name: string;
    case_id: string;
    reach_case: boolean;
    previous_stay_id: string | null;
    check_in_on: string;
    planned_leave_on: string;
    check_out_on: string | null;
    leave_reason: StayView['leaveReason'];
    version: number;
  }>(sql`
    select s.id, s.facility_id, f.name as facility_name, s.case_id, s.previous_stay_id, s.check_in_on, s.planned_leave_on,
      s.check_out_on, s.leave_reason, s.version,
      exists (select 1 from cases c where c.id = s.case_id and ${caseScope(actor)}) as reach_case
    from stays s join facilities f on f.id = s.facility_id
    where s.id = ${id} and ${facilityScope(actor)}`);
  const stay = rows.rows[0];
  // Stay details follow the case's need-to-know (see stayDetails above): the case's people see it
  // all, the house desk of the branch sees reception's part, anyone else finds nothing.
  const details = stay ? stayDetails(actor, stay.reach_case) : null;
  if (!stay || !details) throw notFound();
  const full = details === 'case';
  // The latest placement of each person: where she sleeps now, or slept last.
  const residents = await tx.execute<{
    member_id: string;
    first_name: string;
    relation: string;
    birth_date: string | null;
    approximate_age: number | null;
    place_id: string;
    place_label: string;
    place_kind: 'mother' | 'child';
    room_id: string;
    room_name: string;
    from_on: string;
    to_on: string | null;
    joined_reason: StayView['residents'][number]['joinedReason'];
    left_reason: StayView['residents'][number]['leftReason'];
  }>(sql`
    select distinct on (pl.member_id) pl.member_id, m.first_name, m.relation, m.birth_date, m.approximate_age,
      p.id as place_id, p.label as place_label, p.kind as place_kind, r.id as room_id, r.name as room_name,
      pl.from_on, pl.to_on, pl.joined_reason, pl.left_reason
    from placements pl join members m on m.id = pl.member_id join places p on p.id = pl.place_id join rooms r on r.id = p.room_id
    where pl.stay_id = ${id}
    order by pl.member_id, pl.from_on desc`);
  const joinable = stay.check_out_on
    ? { rows: [] }
    : await tx.execute<{ id: string; first_name: string }>(sql`
        select m.id, m.first_name from members m join stays s on s.family_id = m.family_id
        where s.id = ${id} and m.relation <> 'unborn_child'
          and not exists (select 1 from placements pl where pl.member_id = m.id and pl.to_on is null)
        order by m.position`);
  const extensions = await tx.execute<{ from_on: string; to_on: string; decided_on: string; reason: string; created_at: Date | string }>(
    sql`select from_on, to_on, decided_on, reason, created_at from stay_extensions where stay_id = ${id} order by decided_on, created_at`,
  );
  return {
    id: stay.id,
    details,
    facilityId: stay.facility_id,
    facilityName: stay.facility_name,
    caseId: stay.reach_case ? stay.case_id : null,
    previousStayId: stay.previous_stay_id,
    checkInOn: stay.check_in_on,
    plannedLeaveOn: stay.planned_leave_on,
    checkOutOn: stay.check_out_on,
    leaveReason: full ? stay.leave_reason : null,
    version: Number(stay.version),
    residents: residents.rows
      .sort((a, b) => (a.place_kind === b.place_kind ? 0 : a.place_kind === 'mother' ? -1 : 1))
      .map((r) => ({
        memberId: r.member_id,
        firstName: r.first_name,
        relation: full ? r.relation : null,
        age: full ? ageCodeOf(r.birth_date, r.approximate_age, on) : null,
        placeId: r.place_id,
        placeLabel: r.place_label,
        roomId: r.room_id,
        roomName: r.room_name,
        placeKind: r.place_kind,
        fromOn: r.from_on,
        toOn: r.to_on,
        joinedReason: full ? r.joined_reason : null,
        leftReason: full ? r.left_reason : null,
      })),
    joinable: joinable.rows.map((m) => ({ memberId: m.id, firstName: m.first_name })),
    extensions: extensions.rows.map((e) => ({
      fromOn: e.from_on,
      toOn: e.to_on,
      on: e.decided_on,
      reason: full ? e.reason : null,
      at: new Date(e.created_at).toISOString(),
    })),
  };
}

type BoardRoomRow = {
  facility_id: string;
  facility_name: string;
  facility_kind: 'shelter' | 'crisis_apartment';
  branch_id: string;
  branch_name: string;
  facility_closed: boolean;
  room_id: string;
  room_name: string;
  room_closed: boolean;
  /** The room's active places in board order (beds before cots): [id, kind, label]. */
  places: [string, 'mother' | 'child', string][];
};

/**
 * The static part of the board: one row per room that has an active place, with the facility's and
 * room's names once and the room's places as one JSON array, and whether a closure covers the date.
 * (One row per place repeated the facility's, branch's and room's ids and names 1,200 times, and
 * reading those rows was a good part of the board's time in Node.) The closures of the date are
 * read once and looked up by hash: as a correlated subquery per room, 600 scans cost ≈3 ms.
 */
function boardRooms(tx: Tx, branchIds: string[], on: string) {
  return tx.execute<BoardRoomRow>(sql`
    with closed as (select hc.facility_id, hc.room_id from housing_closures hc where hc.starts_on <= ${on} and hc.ends_on >= ${on})
    select f.id as facility_id, f.name as facility_name, f.kind as facility_kind, f.branch_id, b.name as branch_name,
      f.id in (select c.facility_id from closed c where c.room_id is null) as facility_closed,
      r.id as room_id, r.name as room_name,
      r.id in (select c.room_id from closed c where c.room_id is not null) as room_closed,
      p.places
    from facilities f join branches b on b.id = f.branch_id
      join rooms r on r.facility_id = f.id and r.active
      join (
        select p.room_id, json_agg(json_build_array(p.id, p.kind, p.label) order by p.kind desc, p.label collate "C") as places
        from places p join facilities pf on pf.id = p.facility_id
        where p.active and ${inList(sql`pf.branch_id`, branchIds)}
        group by p.room_id) p on p.room_id = r.id
    where f.active and ${inList(sql`f.branch_id`, branchIds)}
    order by b.name collate "C", f.name collate "C", f.id, r.name collate "C", r.id`);
}

/**
 * Who is on which place on a date. The few current placements come first through their own indexes;
 * each one's name and stay are then looked up by id in the same statement. (Joined to stays and
 * people, the planner misjudges how few placements there are and scans every stay and person, each
 * row through the row-level-security check.)
 */
function boardOccupancy(tx: Tx, actor: Actor, branchIds: string[], on: string, desk: boolean) {
  const reach = desk
    ? sql`true`
    : sql`exists (select 1 from stays s join cases c on c.id = s.case_id where s.id = pl.stay_id and ${caseScope(actor)})`;
  return tx.execute<{ place_id: string; stay_id: string; first_name: string | null; planned_leave_on: string; reach_case: boolean }>(sql`
    select pl.place_id, pl.stay_id,
      (select m.first_name from members m where m.id = pl.member_id) as first_name,
      (select s.planned_leave_on from stays s where s.id = pl.stay_id) as planned_leave_on,
      ${reach} as reach_case
    from placements pl join facilities f on f.id = pl.facility_id
    where f.active and ${inList(sql`f.branch_id`, branchIds)}
      and (pl.to_on is null or pl.to_on > ${on}) and pl.from_on <= ${on}`);
}

/** The house now: every facility of the caller's branches, places free/taken/closed, leavings, the waiting list. */
export async function getBoard(tx: Tx, actor: Actor, opts: { branchId?: string; on: string; weeks: number }): Promise<Board> {
  const branchIds = opts.branchId ? actor.branchIds.filter((b) => b === opts.branchId) : actor.branchIds;
  const desk = isHouseDesk(actor);
  const on = opts.on;
  const rooms = await boardRooms(tx, branchIds, on);
  const occupied = await boardOccupancy(tx, actor, branchIds, on, desk);
  const leavings = await boardLeavings(tx, actor, branchIds, addDays(on, opts.weeks * 7), desk);
  const waiting = await waitingList(tx, actor, branchIds, on);
  const byPlace = new Map(occupied.rows.map((o) => [o.place_id, o]));
  const facilities: Board['facilities'] = [];
  let facility: Board['facilities'][number] | undefined;
  for (const r of rooms.rows) {
    if (facility?.id !== r.facility_id) {
      facility = {
        id: r.facility_id,
        name: r.facility_name,
        kind: r.facility_kind,
        branchId: r.branch_id,
        branchName: r.branch_name,
        closedToday: r.facility_closed,
        free: { mother: 0, child: 0 },
        total: { mother: 0, child: 0 },
        rooms: [],
      };
      facilities.push(facility);
    }
    const closed = r.facility_closed || r.room_closed;
    const places: Board['facilities'][number]['rooms'][number]['places'] = [];
    for (const [id, kind, label] of r.places) {
      const taken = byPlace.get(id);
      facility.total[kind] += 1;
      if (taken) {
        places.push({
          id,
          kind,
          label,
          status: 'occupied',
          // A stay id only to those who may open the stay (stayDetails): others see a taken place.
          ...(taken.reach_case && { stayId: taken.stay_id }),
          ...(taken.reach_case && taken.first_name !== null && { firstName: taken.first_name }),
          plannedLeaveOn: taken.planned_leave_on,
        });
      } else {
        if (!closed) facility.free[kind] += 1;
        places.push({ id, kind, label, status: closed ? 'closed' : 'free' });
      }
    }
    facility.rooms.push({ id: r.room_id, name: r.room_name, closed, places });
  }
  return {
    on,
    facilities,
    leavings: leavings.rows.map((l) => ({
      stayId: l.stay_id,
      facilityId: l.facility_id,
      facilityName: l.facility_name,
      firstName: l.reach_case ? l.first_name : null,
      roomName: l.room_name,
      plannedLeaveOn: l.planned_leave_on,
    })),
    waiting,
  };
}

/** Stays under way whose planned leaving falls before `until`, soonest first: the desk's all, others' those of their cases. */
function boardLeavings(tx: Tx, actor: Actor, branchIds: string[], until: string, desk: boolean) {
  return tx.execute<{
    stay_id: string;
    facility_id: string;
    facility_name: string;
    first_name: string | null;
    room_name: string;
    planned_leave_on: string;
    reach_case: boolean;
  }>(sql`
    select s.id as stay_id, f.id as facility_id, f.name as facility_name, s.planned_leave_on,
      (select m.first_name from placements pl join members m on m.id = pl.member_id join places p on p.id = pl.place_id
        where pl.stay_id = s.id order by p.kind desc, pl.from_on desc limit 1) as first_name,
      coalesce((select r.name from placements pl join places p on p.id = pl.place_id join rooms r on r.id = p.room_id
        where pl.stay_id = s.id and pl.to_on is null limit 1), '') as room_name,
      ${desk ? sql`true` : sql`exists (select 1 from cases c where c.id = s.case_id and ${caseScope(actor)})`} as reach_case
    from stays s join facilities f on f.id = s.facility_id
    where ${inList(sql`f.branch_id`, branchIds)} and s.check_out_on is null and s.planned_leave_on <= ${until}
      ${desk ? sql`` : sql`and exists (select 1 from cases c where c.id = s.case_id and ${caseScope(actor)})`}
    order by s.planned_leave_on limit 100`);
}

/**
 * Admitted families with no place yet: open cases of a programme that has a facility in the same
 * branch, with no stay under way. The desk sees its branches' list; others, the cases they reach.
 * Like a stay's details (stayDetails), a family's people follow the case's need-to-know: those who
 * reach the case see relations and ages; the desk without the case (reception) sees what it needs to
 * check a family in — first names and the dates — and not an expected child, which it cannot place.
 */
async function waitingList(tx: Tx, actor: Actor, branchIds: string[], on: string): Promise<Board['waiting']> {
  const reach = actor.permissions.has('housing.stays')
    ? inList(sql`c.branch_id`, branchIds)
    : sql`(${inList(sql`c.branch_id`, branchIds)} and ${caseScope(actor)})`;
  const rows = await tx.execute<{
    case_id: string;
    branch_id: string;
    branch_name: string;
    opened_on: string;
    reach_case: boolean;
    members: { id: string; first_name: string; relation: string; birth_date: string | null; approximate_age: number | null }[];
  }>(sql`
    select c.id as case_id, c.branch_id, b.name as branch_name, c.opened_on, ${caseScope(actor)} as reach_case,
      (select json_agg(json_build_object('id', m.id, 'first_name', m.first_name, 'relation', m.relation,
          'birth_date', m.birth_date, 'approximate_age', m.approximate_age) order by m.position)
        from members m where m.family_id = c.family_id) as members
    from cases c join branches b on b.id = c.branch_id
    where c.status in ('intake', 'active') and ${reach}
      and exists (select 1 from facilities f where f.programme_id = c.programme_id and f.branch_id = c.branch_id and f.active)
      and not exists (select 1 from stays s where s.family_id = c.family_id and s.check_out_on is null)
    order by c.opened_on limit 100`);
  return rows.rows.map((r) => ({
    caseId: r.case_id,
    branchId: r.branch_id,
    branchName: r.branch_name,
    openedOn: r.opened_on,
    members: (r.members ?? [])
      .filter((m) => r.reach_case || m.relation !== 'unborn_child')
      .map((m) => ({
        id: m.id,
        firstName: m.first_name,
        relation: r.reach_case ? m.relation : null,
        age: r.reach_case ? ageCodeOf(m.birth_date, m.approximate_age, on) : null,
      })),
  }));
}

export async function listJournal(
  tx: Tx,
  facilityId: string,
  query: { id?: string; kind?: string; from?: string; to?: string; limit: number },
): Promise<JournalEntry[]> {
  const rows = await tx.execute<{
    id: string;
    kind: JournalEntry['kind'];
    at: Date | string;
    shift: 'day' | 'night';
    on_duty_name: string;
    stay_id: string | null;
    resident_name: string | null;
    text: string;
    rules_version: string | null;
    consequence: string | null;
    chore: string | null;
    duty_on: string | null;
    carer: string | null;
    until_at: Date | string | null;
  }>(sql`
    select j.id, j.kind, j.at, j.shift, trim(u.last_name || ' ' || u.first_name) as on_duty_name, j.stay_id,
      coalesce((select m.first_name from members m where m.id = j.member_id),
        (select m.first_name from placements pl join members m on m.id = pl.member_id join places p on p.id = pl.place_id
          where pl.stay_id = j.stay_id order by p.kind desc limit 1)) as resident_name,
      j.text, j.rules_version, j.consequence, j.chore, j.duty_on, j.carer, j.until_at
    from house_journal j join users u on u.id = j.on_duty_id
    where j.facility_id = ${facilityId}
      ${query.id ? sql`and j.id = ${query.id}` : sql``}
      ${query.kind ? sql`and j.kind = ${query.kind}` : sql``}
      ${query.from ? sql`and j.at >= ${query.from}::date` : sql``}
      ${query.to ? sql`and j.at < (${query.to}::date + 1)` : sql``}
    order by j.at desc limit ${query.limit}`);
  return rows.rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    at: new Date(r.at).toISOString(),
    shift: r.shift,
    onDutyName: r.on_duty_name,
    stayId: r.stay_id,
    residentName: r.resident_name,
    text: r.text,
    rulesVersion: r.rules_version,
    consequence: r.consequence,
    chore: r.chore,
    dutyOn: r.duty_on,
    carer: r.carer,
    untilAt: r.until_at === null ? null : new Date(r.until_at).toISOString(),
  }));
}
