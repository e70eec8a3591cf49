// Period figures of housing: loads the rows of the caller's facilities that touch the period and
// hands them to the pure computation in src/domain/housing/figures.ts.
import { sql } from 'drizzle-orm';
import type { Figures, LeaveReason, PlaceKind } from '../../domain/housing/contracts.js';
import { computeFigures } from '../../domain/housing/figures.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { cellRule, countCell } from '../indicators/small-cells.js';
import { facilityScope, inList, isHouseDesk } from './queries.js';

export async function loadFigures(
  tx: Tx,
  actor: Actor,
  query: { from: string; to: string; facilityId?: string; branchId?: string },
): Promise<Figures> {
  const { from, to } = query;
  const facilities = await tx.execute<{ id: string; branch_id: string }>(sql`
    select f.id, f.branch_id::text as branch_id from facilities f where ${facilityScope(actor)}
      ${query.facilityId ? sql`and f.id = ${query.facilityId}` : sql``}
      ${query.branchId ? sql`and f.branch_id = ${query.branchId}` : sql``}`);
  if (query.facilityId && facilities.rows.length === 0) throw notFound();
  const ids = facilities.rows.map((f) => f.id);
  const inFacilities = inList(sql`facility_id`, ids);
  const [places, closures, placements, stays] = [
    await tx.execute<{ id: string; facility_id: string; room_id: string; kind: PlaceKind }>(sql`
      select p.id, p.facility_id, p.room_id, p.kind from places p join rooms r on r.id = p.room_id
      where ${inList(sql`p.facility_id`, ids)} and p.active and r.active`),
    await tx.execute<{ facility_id: string; room_id: string | null; starts_on: string; ends_on: string }>(sql`
      select facility_id, room_id, starts_on, ends_on from housing_closures
      where ${inFacilities} and starts_on <= ${to} and ends_on >= ${from}`),
    await tx.execute<{ member_id: string; person: 'woman' | 'child'; kind: PlaceKind; from_on: string; to_on: string | null }>(sql`
      select pl.member_id, pl.person, pl.kind, pl.from_on, pl.to_on from placements pl
      where ${inList(sql`pl.facility_id`, ids)} and (pl.to_on is null or pl.to_on >= ${from}) and pl.from_on <= ${to}`),
    await tx.execute<{
      check_in_on: string;
      check_out_on: string | null;
      leave_reason: LeaveReason | null;
      previous_out: string | null;
    }>(sql`
      select s.check_in_on, s.check_out_on, s.leave_reason,
        (select ps.check_out_on from stays ps where ps.id = s.previous_stay_id) as previous_out
      from stays s
      where ${inList(sql`s.facility_id`, ids)} and (s.check_out_on is null or s.check_out_on >= ${from}) and s.check_in_on <= ${to}`),
  ];
  const figures = computeFigures({
    from,
    to,
    places: places.rows.map((p) => ({ id: p.id, facilityId: p.facility_id, roomId: p.room_id, kind: p.kind })),
    closures: closures.rows.map((c) => ({ facilityId: c.facility_id, roomId: c.room_id, startsOn: c.starts_on, endsOn: c.ends_on })),
    placements: placements.rows.map((p) => ({
      memberId: p.member_id,
      person: p.person,
      placeKind: p.kind,
      fromOn: p.from_on,
      toOn: p.to_on,
    })),
    stays: stays.rows.map((s) => ({
      checkInOn: s.check_in_on,
      checkOutOn: s.check_out_on,
      leaveReason: s.leave_reason,
      previousCheckOutOn: s.previous_out,
    })),
  });
  // The women, children and stays are cells (issue 11, point 6): exact for a reader who reaches the
  // cases of every branch whose houses are counted — those branches' coordinators and supervisors, and
  // the house desk of them (who check the families in); hidden under the threshold ("<N", a length of
  // stay on hidden stays "—") from the M&E officer, a director or admin without case access. Bed-nights
  // are time and places, not people: never hidden.
  const rule = await cellRule(tx, actor, {});
  const desk = isHouseDesk(actor) ? new Set(actor.branchIds) : new Set<string>();
  if (facilities.rows.every((f) => rule.exact(f.branch_id) || desk.has(f.branch_id))) return figures;
  const cell = (value: number | string) => (typeof value === 'number' ? countCell(value, false, rule.threshold) : value);
  const staysEnded = cell(figures.staysEnded);
  const length = (value: number | string | null) => (typeof staysEnded === 'string' && value !== null ? '—' : value);
  return {
    ...figures,
    women: cell(figures.women),
    children: cell(figures.children),
    staysStarted: cell(figures.staysStarted),
    staysEnded,
    averageLengthDays: length(figures.averageLengthDays),
    medianLengthDays: length(figures.medianLengthDays),
    endedByReason: Object.fromEntries(Object.entries(figures.endedByReason).map(([k, v]) => [k, cell(v)])) as Figures['endedByReason'],
    graduations: cell(figures.graduations),
    returnsWithinYear: cell(figures.returnsWithinYear),
  };
}
