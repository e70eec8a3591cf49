// Reading housing: who reaches which facility and stay, the facility with its rooms, places and
// closures, a stay with its residents, the occupancy board and the rows the period figures need.
//
// A facility is reached by staff of its branch (a record elsewhere reads as 404). The address is
// sensitive: only holders of housing.address get it. Residents' first names go to the house desk
// (housing.stays / housing.journal) and to whoever reaches the case; others see only that a place
// is taken. The case id itself goes only to those who reach the case.
import { sql, type SQL } from 'drizzle-orm';
import type { Board, FacilityDetail, FacilityView, JournalEntry, StayView } from '../../domain/housing/contracts.js';
import { addDays } from '../../domain/housing/figures.js';
import { ageOn } from '../../domain/families/people.js';
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

const age = (birth: string | null, approximate: number | null, on: string) => (birth ? ageOn(birth, on) : (approximate ?? null));

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
  if (!stay) throw notFound();
  const names = isHouseDesk(actor) || stay.reach_case;
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
  }>(sql`
    select distinct on (pl.member_id) pl.member_id, m.first_name, m.relation, m.birth_date, m.approximate_age,
      p.id as place_id, p.label as place_label, p.kind as place_kind, r.id as room_id, r.name as room_name
    from placements pl join members m on m.id = pl.member_id join places p on p.id = pl.place_id join rooms r on r.id = p.room_id
    where pl.stay_id = ${id}
    order by pl.member_id, pl.from_on desc`);
  const extensions = await tx.execute<{ from_on: string; to_on: string; reason: string; created_at: Date | string }>(
    sql`select from_on, to_on, reason, created_at from stay_extensions where stay_id = ${id} order by created_at`,
  );
  return {
    id: stay.id,
    facilityId: stay.facility_id,
    facilityName: stay.facility_name,
    caseId: stay.reach_case ? stay.case_id : null,
    previousStayId: stay.previous_stay_id,
    checkInOn: stay.check_in_on,
    plannedLeaveOn: stay.planned_leave_on,
    checkOutOn: stay.check_out_on,
    leaveReason: stay.leave_reason,
    version: Number(stay.version),
    residents: residents.rows
      .sort((a, b) => (a.place_kind === b.place_kind ? 0 : a.place_kind === 'mother' ? -1 : 1))
      .map((r) => ({
        memberId: r.member_id,
        firstName: names ? r.first_name : '',
        relation: r.relation,
        ageYears: age(r.birth_date, r.approximate_age, on),
        placeId: r.place_id,
        placeLabel: r.place_label,
        roomId: r.room_id,
        roomName: r.room_name,
        placeKind: r.place_kind,
      })),
    extensions: extensions.rows.map((e) => ({
      fromOn: e.from_on,
      toOn: e.to_on,
      reason: e.reason,
      at: new Date(e.created_at).toISOString(),
    })),
  };
}

/**
 * Who is on which place on a date. The few current placements come first through their own indexes;
 * names and stays are then fetched by id. (Joined in one query, the planner misjudges how few there
 * are and scans every stay and person, each row through the row-level-security check.)
 */
async function currentPlacements(tx: Tx, actor: Actor, facilityIds: string[], on: string, desk: boolean) {
  const placements = await tx.execute<{ place_id: string; stay_id: string; member_id: string }>(sql`
    select pl.place_id, pl.stay_id, pl.member_id from placements pl
    where ${inList(sql`pl.facility_id`, facilityIds)} and (pl.to_on is null or pl.to_on > ${on}) and pl.from_on <= ${on}`);
  const stayIds = [...new Set(placements.rows.map((p) => p.stay_id))];
  const memberIds = placements.rows.map((p) => p.member_id);
  const stays = await tx.execute<{ id: string; planned_leave_on: string; reach_case: boolean }>(sql`
    select s.id, s.planned_leave_on,
      ${desk ? sql`true` : sql`exists (select 1 from cases c where c.id = s.case_id and ${caseScope(actor)})`} as reach_case
    from stays s where ${inList(sql`s.id`, stayIds)}`);
  const names = await tx.execute<{ id: string; first_name: string }>(
    sql`select id, first_name from members where ${inList(sql`id`, memberIds)}`,
  );
  const stayById = new Map(stays.rows.map((s) => [s.id, s]));
  const nameById = new Map(names.rows.map((m) => [m.id, m.first_name]));
  return {
    rows: placements.rows.map((p) => ({
      place_id: p.place_id,
      stay_id: p.stay_id,
      first_name: nameById.get(p.member_id) ?? '',
      planned_leave_on: stayById.get(p.stay_id)?.planned_leave_on ?? '',
      reach_case: stayById.get(p.stay_id)?.reach_case ?? false,
    })),
  };
}

/** The house now: every facility of the caller's branches, places free/taken/closed, leavings, the waiting list. */
export async function getBoard(tx: Tx, actor: Actor, opts: { branchId?: string; on: string; weeks: number }): Promise<Board> {
  const branchIds = opts.branchId ? actor.branchIds.filter((b) => b === opts.branchId) : actor.branchIds;
  const scope = inList(sql`f.branch_id`, branchIds);
  const desk = isHouseDesk(actor);
  const on = opts.on;
  const places = await tx.execute<{
    facility_id: string;
    facility_name: string;
    facility_kind: 'shelter' | 'crisis_apartment';
    branch_id: string;
    branch_name: string;
    room_id: string;
    room_name: string;
    place_id: string;
    kind: 'mother' | 'child';
    label: string;
  }>(sql`
    select f.id as facility_id, f.name as facility_name, f.kind as facility_kind, f.branch_id, b.name as branch_name,
      r.id as room_id, r.name as room_name, p.id as place_id, p.kind, p.label
    from facilities f join branches b on b.id = f.branch_id
      join rooms r on r.facility_id = f.id and r.active
      join places p on p.room_id = r.id and p.active
    where f.active and ${scope}
    order by b.name collate "C", f.name collate "C", r.name collate "C", p.kind desc, p.label collate "C"`);
  const facilityIds = [...new Set(places.rows.map((p) => p.facility_id))];
  const occupied = await currentPlacements(tx, actor, facilityIds, on, desk);
  const closures = await tx.execute<{ facility_id: string; room_id: string | null }>(sql`
    select facility_id, room_id from housing_closures
    where ${inList(sql`facility_id`, facilityIds)} and starts_on <= ${on} and ends_on >= ${on}`);
  const byPlace = new Map(occupied.rows.map((o) => [o.place_id, o]));
  const facilities = new Map<string, Board['facilities'][number]>();
  for (const p of places.rows) {
    let facility = facilities.get(p.facility_id);
    if (!facility) {
      facility = {
        id: p.facility_id,
        name: p.facility_name,
        kind: p.facility_kind,
        branchId: p.branch_id,
        branchName: p.branch_name,
        closedToday: closures.rows.some((c) => c.facility_id === p.facility_id && c.room_id === null),
        free: { mother: 0, child: 0 },
        total: { mother: 0, child: 0 },
        rooms: [],
      };
      facilities.set(p.facility_id, facility);
    }
    let room = facility.rooms.find((r) => r.id === p.room_id);
    if (!room) {
      const closed = facility.closedToday || closures.rows.some((c) => c.room_id === p.room_id);
      room = { id: p.room_id, name: p.room_name, closed, places: [] };
      facility.rooms.push(room);
    }
    const taken = byPlace.get(p.place_id);
    const status = taken ? 'occupied' : room.closed ? 'closed' : 'free';
    facility.total[p.kind] += 1;
    if (status === 'free') facility.free[p.kind] += 1;
    room.places.push({
      id: p.place_id,
      kind: p.kind,
      label: p.label,
      status,
      stayId: taken?.stay_id ?? null,
      firstName: taken && taken.reach_case ? taken.first_name : null,
      plannedLeaveOn: taken?.planned_leave_on ?? null,
    });
  }
  const leavings = await tx.execute<{
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
    where ${scope} and s.check_out_on is null and s.planned_leave_on <= ${addDays(on, opts.weeks * 7)}
    order by s.planned_leave_on limit 100`);
  return {
    on,
    facilities: [...facilities.values()],
    leavings: leavings.rows.map((l) => ({
      stayId: l.stay_id,
      facilityId: l.facility_id,
      facilityName: l.facility_name,
      firstName: l.reach_case ? l.first_name : null,
      roomName: l.room_name,
      plannedLeaveOn: l.planned_leave_on,
    })),
    waiting: await waitingList(tx, actor, branchIds, on),
  };
}

/**
 * Admitted families with no place yet: open cases of a programme that has a facility in the same
 * branch, with no stay under way. The desk sees its branches' list; others, the cases they reach.
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
    members: { id: string; first_name: string; relation: string; birth_date: string | null; approximate_age: number | null }[];
  }>(sql`
    select c.id as case_id, c.branch_id, b.name as branch_name, c.opened_on,
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
    members: (r.members ?? []).map((m) => ({
      id: m.id,
      firstName: m.first_name,
      relation: m.relation,
      ageYears: age(m.birth_date, m.approximate_age, on),
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
