// API contracts of crisis housing: facilities with rooms, places and closures; stays from check-in
// to check-out (extend, move, return); the occupancy board; the house journal; period figures.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';

export const FACILITY_KINDS = ['shelter', 'crisis_apartment'] as const;
export const FacilityKind = z.enum(FACILITY_KINDS);
export const PLACE_KINDS = ['mother', 'child'] as const;
export const PlaceKind = z.enum(PLACE_KINDS);
export type PlaceKind = z.infer<typeof PlaceKind>;

/** Why a stay ended (the issue's list; graduation = independent living). */
export const LEAVE_REASONS = [
  'graduated',
  'to_relatives',
  'shared_rent',
  'home_country',
  'other_shelter',
  'left_voluntarily',
  'asked_to_leave',
  'hospital',
] as const;
export const LeaveReason = z.enum(LEAVE_REASONS);
export type LeaveReason = z.infer<typeof LeaveReason>;

export const JOURNAL_KINDS = ['event', 'visitor', 'incident', 'handover', 'rules_ack', 'violation', 'duty', 'child_care', 'walk'] as const;
export const JournalKind = z.enum(JOURNAL_KINDS);
export type JournalKind = z.infer<typeof JournalKind>;
export const SHIFTS = ['day', 'night'] as const;
export const Shift = z.enum(SHIFTS);

const periodOrder = <T extends { startsOn: string; endsOn: string }>(value: T, ctx: z.RefinementCtx) => {
  if (value.endsOn < value.startsOn) ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'i18n:period_order' });
};

// ---- facilities ----
export const FacilityInput = z.strictObject({
  branchId: uuid,
  programmeId: uuid.nullable().default(null),
  kind: FacilityKind,
  name: text(200),
  address: optionalText(500),
  defaultStayMonths: z.number().int().min(1).max(60).default(6),
  rulesVersion: optionalText(50),
  active: z.boolean().default(true),
});
export type FacilityInput = z.infer<typeof FacilityInput>;
export const FacilityUpdateInput = FacilityInput.extend({ version });
export type FacilityUpdateInput = z.infer<typeof FacilityUpdateInput>;

export const RoomInput = z.strictObject({
  name: text(100),
  motherPlaces: z.number().int().min(0).max(20).default(1),
  childPlaces: z.number().int().min(0).max(20).default(1),
});
export type RoomInput = z.infer<typeof RoomInput>;
export const RoomUpdateInput = z.strictObject({ name: text(100), active: z.boolean(), version });
export const PlaceInput = z.strictObject({ kind: PlaceKind, label: text(100) });

export const ClosureInput = z
  .strictObject({ roomId: uuid.nullable().default(null), startsOn: isoDate, endsOn: isoDate, reason: text(500) })
  .superRefine(periodOrder);
export type ClosureInput = z.infer<typeof ClosureInput>;

export const PlaceView = z.object({ id: uuid, kind: PlaceKind, label: z.string(), active: z.boolean() });
export const RoomView = z.object({ id: uuid, name: z.string(), active: z.boolean(), version: z.number(), places: z.array(PlaceView) });
export const ClosureView = z.object({
  id: uuid,
  roomId: uuid.nullable(),
  startsOn: isoDate,
  endsOn: isoDate,
  reason: z.string(),
});
export const FacilityView = z.object({
  id: uuid,
  branchId: uuid,
  branchName: z.string(),
  programmeId: uuid.nullable(),
  kind: FacilityKind,
  name: z.string(),
  /** Null when the caller may not see it (sensitive). */
  address: z.string().nullable(),
  defaultStayMonths: z.number(),
  rulesVersion: z.string(),
  active: z.boolean(),
  version: z.number(),
  motherPlaces: z.number(),
  childPlaces: z.number(),
});
export type FacilityView = z.infer<typeof FacilityView>;
export const FacilityDetail = FacilityView.extend({ rooms: z.array(RoomView), closures: z.array(ClosureView) });
export type FacilityDetail = z.infer<typeof FacilityDetail>;
export const FacilityList = z.object({ items: z.array(FacilityView) });

// ---- stays ----
export const StayMemberInput = z.strictObject({ memberId: uuid, placeId: uuid.optional() });

export const CheckInInput = z
  .strictObject({
    caseId: uuid,
    roomId: uuid,
    checkInOn: isoDate,
    /** Default: check-in + the facility's default stay (six months). */
    plannedLeaveOn: isoDate.optional(),
    members: z.array(StayMemberInput).min(1).max(12),
    /**
     * A stay already over, entered from paper: its check-out with the reason, in the same request,
     * so the places are taken only for the days it covered and later stays in them stay valid.
     */
    checkOutOn: isoDate.optional(),
    leaveReason: LeaveReason.optional(),
    leaveNote: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (value.plannedLeaveOn && value.plannedLeaveOn <= value.checkInOn)
      ctx.addIssue({ code: 'custom', path: ['plannedLeaveOn'], message: 'i18n:before_start' });
    if (value.checkOutOn && value.checkOutOn < value.checkInOn)
      ctx.addIssue({ code: 'custom', path: ['checkOutOn'], message: 'i18n:before_start' });
    if (value.checkOutOn && !value.leaveReason) ctx.addIssue({ code: 'custom', path: ['leaveReason'], message: 'i18n:required' });
    if (value.leaveReason && !value.checkOutOn) ctx.addIssue({ code: 'custom', path: ['checkOutOn'], message: 'i18n:required' });
    const seen = new Set<string>();
    value.members.forEach((m, i) => {
      if (seen.has(m.memberId)) ctx.addIssue({ code: 'custom', path: ['members', i, 'memberId'], message: 'i18n:duplicate' });
      seen.add(m.memberId);
    });
  });
export type CheckInInput = z.infer<typeof CheckInInput>;

/** `on`: the day the extension was decided (default today), within the stay and not in the future. */
export const ExtendInput = z.strictObject({ plannedLeaveOn: isoDate, reason: text(1000), on: isoDate.optional(), version });
export const MoveInput = z.strictObject({ roomId: uuid, on: isoDate, members: z.array(StayMemberInput).max(12).optional(), version });
export type MoveInput = z.infer<typeof MoveInput>;
export const CheckOutInput = z.strictObject({ on: isoDate, reason: LeaveReason, note: optionalText(2000), version });

/** Why a person joined a stay under way: born in the house, back from hospital or relatives, other. */
export const RESIDENT_JOIN_REASONS = ['born', 'returned', 'other'] as const;
export const ResidentJoinReason = z.enum(RESIDENT_JOIN_REASONS);
export type ResidentJoinReason = z.infer<typeof ResidentJoinReason>;
/** Why a person left a stay that goes on without them. */
export const RESIDENT_LEAVE_REASONS = ['hospital', 'to_relatives', 'other'] as const;
export const ResidentLeaveReason = z.enum(RESIDENT_LEAVE_REASONS);
export type ResidentLeaveReason = z.infer<typeof ResidentLeaveReason>;

/** A family member joins the stay from a date, on a place of the stay's room (or of the room given). */
export const ResidentJoinInput = z.strictObject({
  memberId: uuid,
  on: isoDate,
  reason: ResidentJoinReason,
  roomId: uuid.optional(),
  placeId: uuid.optional(),
  version,
});
export type ResidentJoinInput = z.infer<typeof ResidentJoinInput>;
/** A resident leaves the stay from a date (the night of that date is not spent there); the stay goes on. */
export const ResidentLeaveInput = z.strictObject({ memberId: uuid, on: isoDate, reason: ResidentLeaveReason, version });
export type ResidentLeaveInput = z.infer<typeof ResidentLeaveInput>;

/**
 * A resident of a stay. Relation, age and why she joined or left are case details: null in the
 * reception view of a stay (see StayView.details).
 */
export const Resident = z.object({
  memberId: uuid,
  firstName: z.string(),
  relation: z.string().nullable(),
  /** The age code ("3w", "5m", "2y"; see ageCode in domain/families/people.ts), shown with its unit by the web. */
  age: z.string().nullable(),
  placeId: uuid,
  placeLabel: z.string(),
  roomId: uuid,
  roomName: z.string(),
  placeKind: PlaceKind,
  /** The person's latest period in the stay: from, to (null = still there) and why it began/ended mid-stay. */
  fromOn: isoDate,
  toOn: isoDate.nullable(),
  joinedReason: ResidentJoinReason.nullable(),
  leftReason: ResidentLeaveReason.nullable(),
});

/**
 * `details`: 'case' for those who reach the case (its team, the coordinators and supervisors
 * responsible for its branch) — everything; 'reception' for the house desk without the case —
 * first names, rooms, places and dates, no ages, relations or reasons.
 */
export const StayDetails = z.enum(['case', 'reception']);
export const StayView = z.object({
  id: uuid,
  details: StayDetails,
  facilityId: uuid,
  facilityName: z.string(),
  /** Only for callers who reach the case. */
  caseId: uuid.nullable(),
  previousStayId: uuid.nullable(),
  checkInOn: isoDate,
  plannedLeaveOn: isoDate,
  checkOutOn: isoDate.nullable(),
  leaveReason: LeaveReason.nullable(),
  version: z.number(),
  residents: z.array(Resident),
  /** Family members who could join the stay under way (born, not living there now): for the desk's "add" dialog. */
  joinable: z.array(z.object({ memberId: uuid, firstName: z.string() })),
  /** `on`: the day it was decided; `at`: when it was typed in. */
  extensions: z.array(z.object({ fromOn: isoDate, toOn: isoDate, on: isoDate, reason: z.string().nullable(), at: z.string() })),
});
export type StayView = z.infer<typeof StayView>;

// ---- the occupancy board ----
export const BoardQuery = z.strictObject({
  branchId: uuid.optional(),
  on: isoDate.optional(),
  weeks: z.coerce.number().int().min(1).max(26).default(4),
});

/**
 * Dates the board answers with come from the database's `date` columns: Zod's ISO date pattern (which
 * knows month lengths and leap years) checks them without turning each of ≈700 into a Date, as
 * `isoDate` does for what users type.
 */
const boardDate = z.iso.date();

/**
 * A place on the board. A free or closed place carries only what it is; an occupied one adds its
 * stay, its planned leaving and — for those who may see it — the resident's first name. (Absent
 * rather than null: the board has ≈1,200 places and most fields of a free one would be null.)
 */
export const BoardPlace = z.object({
  id: uuid,
  kind: PlaceKind,
  label: z.string(),
  status: z.enum(['free', 'occupied', 'closed']),
  stayId: uuid.optional(),
  /** Absent when the place is not taken or the caller may not see who lives there. */
  firstName: z.string().optional(),
  plannedLeaveOn: boardDate.optional(),
});
export type BoardPlace = z.infer<typeof BoardPlace>;
export const BoardRoom = z.object({ id: uuid, name: z.string(), closed: z.boolean(), places: z.array(BoardPlace) });
export const BoardFacility = z.object({
  id: uuid,
  name: z.string(),
  kind: FacilityKind,
  branchId: uuid,
  branchName: z.string(),
  closedToday: z.boolean(),
  free: z.object({ mother: z.number(), child: z.number() }),
  total: z.object({ mother: z.number(), child: z.number() }),
  rooms: z.array(BoardRoom),
});
export const WaitingFamily = z.object({
  caseId: uuid,
  branchId: uuid,
  branchName: z.string(),
  openedOn: boardDate,
  /** Relation and age only for those who reach the case; the desk without it (reception) gets first names. */
  members: z.array(z.object({ id: uuid, firstName: z.string(), relation: z.string().nullable(), age: z.string().nullable() })),
});
export const Board = z.object({
  on: boardDate,
  facilities: z.array(BoardFacility),
  leavings: z.array(
    z.object({
      stayId: uuid,
      facilityId: uuid,
      facilityName: z.string(),
      firstName: z.string().nullable(),
      roomName: z.string(),
      plannedLeaveOn: boardDate,
    }),
  ),
  waiting: z.array(WaitingFamily),
});
export type Board = z.infer<typeof Board>;

// ---- the house journal ----
const journalBase = { at: z.iso.datetime({ offset: true }), shift: Shift, text: optionalText(5000) };
const forStay = { stayId: uuid, memberId: uuid.nullable().default(null) };

export const JournalInput = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.enum(['event', 'visitor', 'incident', 'handover']),
    ...journalBase,
    text: text(5000),
    stayId: uuid.nullable().default(null),
  }),
  z.strictObject({ kind: z.literal('rules_ack'), ...journalBase, ...forStay, rulesVersion: text(50) }),
  z.strictObject({ kind: z.literal('violation'), ...journalBase, ...forStay, text: text(5000), consequence: optionalText(1000) }),
  z.strictObject({ kind: z.literal('duty'), ...journalBase, ...forStay, chore: text(200), dutyOn: isoDate }),
  // A walk with the child (a mother-and-baby house counts them): the stay, and the child when named.
  z.strictObject({ kind: z.literal('walk'), ...journalBase, ...forStay }),
  z
    .strictObject({
      kind: z.literal('child_care'),
      ...journalBase,
      ...forStay,
      carer: text(200),
      untilAt: z.iso.datetime({ offset: true }),
    })
    .refine((v) => new Date(v.untilAt) >= new Date(v.at), { path: ['untilAt'], message: 'i18n:before_start' }),
]);
export type JournalInput = z.infer<typeof JournalInput>;

export const JournalQuery = z.strictObject({
  kind: JournalKind.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const JournalEntry = z.object({
  id: uuid,
  kind: JournalKind,
  at: z.string(),
  shift: Shift,
  onDutyName: z.string(),
  stayId: uuid.nullable(),
  residentName: z.string().nullable(),
  text: z.string(),
  rulesVersion: z.string().nullable(),
  consequence: z.string().nullable(),
  chore: z.string().nullable(),
  dutyOn: isoDate.nullable(),
  carer: z.string().nullable(),
  untilAt: z.string().nullable(),
});
export type JournalEntry = z.infer<typeof JournalEntry>;
export const JournalList = z.object({ items: z.array(JournalEntry) });

// ---- figures ----
export const FiguresQuery = z
  .strictObject({ from: isoDate, to: isoDate, facilityId: uuid.optional(), branchId: uuid.optional() })
  .superRefine((v, ctx) => {
    if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'i18n:period_order' });
  });

const FigureCount = z.union([z.number(), z.string()]);
export const Figures = z.object({
  from: isoDate,
  to: isoDate,
  bedNights: z.object({
    used: z.number(),
    available: z.number(),
    /** used / available, 0..1 (null with no available place). */
    occupancy: z.number().nullable(),
    mother: z.object({ used: z.number(), available: z.number() }),
    child: z.object({ used: z.number(), available: z.number() }),
  }),
  /** Counts of people, or "<5" where a small cell this reader may not see exactly (server/indicators/small-cells.ts). */
  women: FigureCount,
  children: FigureCount,
  staysStarted: FigureCount,
  staysEnded: FigureCount,
  /** Of the stays ended in the period, in days ("—" when built on a hidden small count). */
  averageLengthDays: z.union([z.number(), z.string()]).nullable(),
  medianLengthDays: z.union([z.number(), z.string()]).nullable(),
  endedByReason: z.record(LeaveReason, FigureCount),
  graduations: FigureCount,
  /** Stays begun in the period by a family whose previous stay ended less than a year before. */
  returnsWithinYear: FigureCount,
});
export type Figures = z.infer<typeof Figures>;
