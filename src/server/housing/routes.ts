// Housing routes: facilities with rooms, places and closures (managed by the admin and the
// coordinator), the occupancy board, stays (check-in, extend, move, check-out — the house desk),
// the house journal and the period figures. Every change is audited; stay changes also go to the
// case timeline. Records of another branch read as 404.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  Board,
  BoardQuery,
  CheckInInput,
  CheckOutInput,
  ClosureInput,
  ExtendInput,
  FacilityDetail,
  FacilityInput,
  FacilityList,
  FacilityUpdateInput,
  Figures,
  FiguresQuery,
  JournalEntry,
  JournalInput,
  JournalList,
  JournalQuery,
  MoveInput,
  PlaceInput,
  ResidentJoinInput,
  ResidentLeaveInput,
  RoomInput,
  RoomUpdateInput,
  StayView,
} from '../../domain/housing/contracts.js';
import { today as todayIso } from '../../domain/families/people.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { auditCode, auditCodes, changes, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { assertBranchInReach } from '../access/reach.js';
import { loadFigures } from './figures.js';
import { facilityScope, getBoard, getFacility, getStay, listFacilities, listJournal, seesAddress } from './queries.js';
import { addResident, checkIn, checkOut, extendStay, lockStay, moveStay, removeResident } from './stays.js';

const TAG = 'housing';
const read = { kind: 'permission', permission: 'housing.read', records: 'organization' } as const;
const manage = { kind: 'permission', permission: 'housing.manage', records: 'organization' } as const;
const desk = { kind: 'permission', permission: 'housing.stays', records: 'organization' } as const;
const journal = { kind: 'permission', permission: 'housing.journal', records: 'organization' } as const;

/** The facility (within the caller's branches) a room, place or closure change applies to; 404 outside. */
async function facilityOf(tx: Tx, actor: Actor, table: 'facilities' | 'rooms', id: string): Promise<string> {
  const rows =
    table === 'facilities'
      ? await tx.execute<{ id: string }>(sql`select f.id from facilities f where f.id = ${id} and ${facilityScope(actor)}`)
      : await tx.execute<{ id: string }>(
          sql`select f.id from rooms r join facilities f on f.id = r.facility_id where r.id = ${id} and ${facilityScope(actor)}`,
        );
  if (!rows.rows[0]) throw notFound();
  return rows.rows[0].id;
}

async function checkFacilityInput(tx: Tx, actor: Actor, input: FacilityInput, lang: Language): Promise<void> {
  if (!actor.branchIds.includes(input.branchId))
    throw invalidField('branchId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  if (input.programmeId) {
    const found = await tx.execute(sql`select 1 from programmes where id = ${input.programmeId}`);
    if (found.rows.length === 0)
      throw invalidField('programmeId', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  }
}

async function facilityDetail(tx: Tx, actor: Actor, id: string, audit: Parameters<typeof writeAudit>[1]) {
  const detail = await getFacility(tx, actor, id);
  // The address is sensitive: every read that returns it is on record.
  if (detail.address !== null)
    await writeAudit(tx, audit, {
      action: 'read_sensitive',
      recordType: 'facility',
      recordId: id,
      details: { field: auditCode('address') },
    });
  return detail;
}

const StayParams = IdParams;

/**
 * A resident joins or leaves a stay under way: the two routes differ only in their input, the
 * change made to the stay and the audit's key for the member; both lock the stay at the version the
 * desk saw, audit who moved on which date for which reason code, and answer the stay as it is now.
 */
function residentRoute<B extends ResidentJoinInput | ResidentLeaveInput>(
  app: FastifyInstance,
  spec: {
    url: string;
    summary: string;
    body: z.ZodType<B>;
    change: (tx: Tx, actor: Actor, stay: Awaited<ReturnType<typeof lockStay>>, body: B, today: string, lang: Language) => Promise<unknown>;
    audited: 'residentJoined' | 'residentLeft';
  },
): void {
  defineRoute(app, {
    method: 'POST',
    url: spec.url,
    tag: TAG,
    summary: spec.summary,
    access: desk,
    params: StayParams,
    body: spec.body,
    response: StayView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const stay = await lockStay(tx, actor, params.id, body.version);
      await spec.change(tx, actor, stay, body, todayIso(), req.lang);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'stay',
        recordId: params.id,
        details: { [spec.audited]: auditCode(body.memberId), on: auditCode(body.on), reason: auditCode(body.reason) },
      });
      return getStay(tx, actor, params.id, todayIso());
    },
  });
}

export function registerHousingRoutes(app: FastifyInstance): void {
  // ---- facilities ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/housing/facilities',
    tag: TAG,
    summary: 'Facilities of the caller’s branches with their numbers of places (address only for authorised staff)',
    access: read,
    response: FacilityList,
    handler: async ({ tx, actor }) => ({ items: await listFacilities(tx, actor) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/housing/facilities',
    tag: TAG,
    summary: 'Add a shelter or crisis apartment to a branch',
    access: manage,
    body: FacilityInput,
    response: FacilityDetail,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      await checkFacilityInput(tx, actor, body, req.lang);
      const rows = await tx.execute<{ id: string }>(sql`
        insert into facilities (org_id, branch_id, programme_id, kind, name, address, default_stay_months, rules_version, active)
        values (${actor.orgId}, ${body.branchId}, ${body.programmeId}, ${body.kind}, ${body.name}, ${body.address},
          ${body.defaultStayMonths}, ${body.rulesVersion}, ${body.active})
        returning id`);
      const id = rows.rows[0]!.id;
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'facility',
        recordId: id,
        details: { branchId: auditCode(body.branchId) },
      });
      return getFacility(tx, actor, id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/housing/facilities/:id',
    tag: TAG,
    summary: 'A facility with its rooms, places and closures',
    access: read,
    params: IdParams,
    response: FacilityDetail,
    handler: async ({ tx, actor, audit, params }) => facilityDetail(tx, actor, params.id, audit),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/housing/facilities/:id',
    tag: TAG,
    summary: 'Change a facility (stale versions get 409)',
    access: manage,
    params: IdParams,
    body: FacilityUpdateInput,
    response: FacilityDetail,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const before = await getFacility(tx, actor, params.id);
      await checkFacilityInput(tx, actor, body, req.lang);
      const updated = await tx.execute(sql`
        update facilities set branch_id = ${body.branchId}, programme_id = ${body.programmeId}, kind = ${body.kind}, name = ${body.name},
          address = ${body.address}, default_stay_months = ${body.defaultStayMonths}, rules_version = ${body.rulesVersion},
          active = ${body.active}, version = version + 1, updated_at = now()
        where id = ${params.id} and version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      const { version: _v, ...after } = body;
      const previous = { ...before, address: seesAddress(actor) ? before.address : undefined };
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'facility',
        recordId: params.id,
        details: { fields: changes(previous, after) },
      });
      return getFacility(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/housing/facilities/:id/rooms',
    tag: TAG,
    summary: 'Add a room with its beds for mothers and cots for children',
    access: manage,
    params: IdParams,
    body: RoomInput,
    response: FacilityDetail,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body }) => {
      await facilityOf(tx, actor, 'facilities', params.id);
      const rows = await tx.execute<{ id: string }>(
        sql`insert into rooms (org_id, facility_id, name) values (${actor.orgId}, ${params.id}, ${body.name}) returning id`,
      );
      const roomId = rows.rows[0]!.id;
      const labels = [
        ...Array.from({ length: body.motherPlaces }, (_, i) => ({ kind: 'mother', label: `${body.name}: кровать ${i + 1}` })),
        ...Array.from({ length: body.childPlaces }, (_, i) => ({ kind: 'child', label: `${body.name}: кроватка ${i + 1}` })),
      ];
      for (const place of labels) {
        await tx.execute(sql`insert into places (org_id, facility_id, room_id, kind, label)
          values (${actor.orgId}, ${params.id}, ${roomId}, ${place.kind}, ${place.label})`);
      }
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'room',
        recordId: roomId,
        details: { facilityId: auditCode(params.id), motherPlaces: body.motherPlaces, childPlaces: body.childPlaces },
      });
      return getFacility(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/housing/rooms/:id',
    tag: TAG,
    summary: 'Rename a room or take it out of use (stale versions get 409)',
    access: manage,
    params: IdParams,
    body: RoomUpdateInput,
    response: FacilityDetail,
    handler: async ({ tx, actor, audit, params, body }) => {
      const facilityId = await facilityOf(tx, actor, 'rooms', params.id);
      const before = await tx.execute<{ name: string; active: boolean }>(sql`select name, active from rooms where id = ${params.id}`);
      const updated = await tx.execute(sql`update rooms set name = ${body.name}, active = ${body.active}, version = version + 1
        where id = ${params.id} and version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'room',
        recordId: params.id,
        details: { fields: changes(before.rows[0]!, { name: body.name, active: body.active }) },
      });
      return getFacility(tx, actor, facilityId);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/housing/rooms/:id/places',
    tag: TAG,
    summary: 'Add a bed or a cot to a room',
    access: manage,
    params: IdParams,
    body: PlaceInput,
    response: FacilityDetail,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body }) => {
      const facilityId = await facilityOf(tx, actor, 'rooms', params.id);
      const rows = await tx.execute<{ id: string }>(sql`insert into places (org_id, facility_id, room_id, kind, label)
        values (${actor.orgId}, ${facilityId}, ${params.id}, ${body.kind}, ${body.label}) returning id`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'place',
        recordId: rows.rows[0]!.id,
        details: { roomId: auditCode(params.id), kind: auditCode(body.kind) },
      });
      return getFacility(tx, actor, facilityId);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/housing/facilities/:id/closures',
    tag: TAG,
    summary: 'Close a facility or one of its rooms for a period (repairs)',
    access: manage,
    params: IdParams,
    body: ClosureInput,
    response: FacilityDetail,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      await facilityOf(tx, actor, 'facilities', params.id);
      if (body.roomId) {
        const room = await tx.execute(sql`select 1 from rooms where id = ${body.roomId} and facility_id = ${params.id}`);
        if (room.rows.length === 0)
          throw invalidField('roomId', 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
      }
      const rows = await tx.execute<{ id: string }>(sql`
        insert into housing_closures (org_id, facility_id, room_id, starts_on, ends_on, reason, created_by)
        values (${actor.orgId}, ${params.id}, ${body.roomId}, ${body.startsOn}, ${body.endsOn}, ${body.reason}, ${actor.userId}) returning id`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'housing_closure',
        recordId: rows.rows[0]!.id,
        details: {
          facilityId: auditCode(params.id),
          roomId: body.roomId ? auditCode(body.roomId) : null,
          startsOn: auditCode(body.startsOn),
          endsOn: auditCode(body.endsOn),
        },
      });
      return getFacility(tx, actor, params.id);
    },
  });

  // ---- the board and stays ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/housing/board',
    tag: TAG,
    summary: 'The occupancy board: places free and taken per facility, leavings in the next weeks, the waiting list',
    access: read,
    query: BoardQuery,
    response: Board,
    handler: async ({ tx, actor, query, req }) => {
      // A branch the caller does not work in (or of another organisation) is refused by its field, not answered empty.
      if (query.branchId) assertBranchInReach(actor, query.branchId, 'branchId', req.lang);
      return getBoard(tx, actor, { branchId: query.branchId, on: query.on ?? todayIso(), weeks: query.weeks });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/housing/stays',
    tag: TAG,
    summary: 'Check a family in: mother and children (or a pregnant woman) to places of a room; 409 with the free places when taken',
    access: desk,
    body: CheckInInput,
    response: StayView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      const id = await checkIn(tx, actor, body, todayIso(), req.lang);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'stay',
        recordId: id,
        details: {
          caseId: auditCode(body.caseId),
          roomId: auditCode(body.roomId),
          checkInOn: auditCode(body.checkInOn),
          fields: auditCodes(body.checkOutOn ? ['checkOutOn', 'leaveReason'] : []),
        },
      });
      return getStay(tx, actor, id, todayIso());
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/housing/stays/:id',
    tag: TAG,
    summary: 'A stay: residents (first names), rooms, planned leaving, extensions',
    access: read,
    params: StayParams,
    response: StayView,
    handler: async ({ tx, actor, params }) => getStay(tx, actor, params.id, todayIso()),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/housing/stays/:id/extend',
    tag: TAG,
    summary: 'Move the planned leaving date, with a reason',
    access: desk,
    params: StayParams,
    body: ExtendInput,
    response: StayView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const stay = await lockStay(tx, actor, params.id, body.version);
      await extendStay(tx, actor, stay, body, todayIso(), req.lang);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'stay',
        recordId: params.id,
        details: { fields: auditCodes(['plannedLeaveOn', 'reason']), on: auditCode(body.on ?? todayIso()) },
      });
      return getStay(tx, actor, params.id, todayIso());
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/housing/stays/:id/move',
    tag: TAG,
    summary: 'Move residents of a stay to another room of the same facility from a date',
    access: desk,
    params: StayParams,
    body: MoveInput,
    response: StayView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const stay = await lockStay(tx, actor, params.id, body.version);
      const before = await getStay(tx, actor, params.id, todayIso());
      await moveStay(tx, actor, stay, body, todayIso(), req.lang);
      const after = await getStay(tx, actor, params.id, todayIso());
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'stay',
        recordId: params.id,
        details: {
          on: auditCode(body.on),
          placesFrom: auditCodes(before.residents.map((r) => r.placeId)),
          placesTo: auditCodes(after.residents.map((r) => r.placeId)),
        },
      });
      return after;
    },
  });

  residentRoute(app, {
    url: '/api/housing/stays/:id/residents',
    summary: 'A family member joins the stay under way from a date (a baby born in the house, a child back); the stay goes on',
    body: ResidentJoinInput,
    change: addResident,
    audited: 'residentJoined',
  });

  residentRoute(app, {
    url: '/api/housing/stays/:id/residents/leave',
    summary: 'A resident leaves the stay under way from a date (to hospital, to relatives); the others stay',
    body: ResidentLeaveInput,
    change: removeResident,
    audited: 'residentLeft',
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/housing/stays/:id/check-out',
    tag: TAG,
    summary: 'Check a family out on a date with the reason it left',
    access: desk,
    params: StayParams,
    body: CheckOutInput,
    response: StayView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const stay = await lockStay(tx, actor, params.id, body.version);
      await checkOut(tx, actor, stay, body, todayIso(), req.lang);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'stay',
        recordId: params.id,
        details: { fields: auditCodes(['checkOutOn', 'leaveReason']), on: auditCode(body.on), reason: auditCode(body.reason) },
      });
      return getStay(tx, actor, params.id, todayIso());
    },
  });

  // ---- the house journal ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/housing/facilities/:id/journal',
    tag: TAG,
    summary: 'The house journal of a facility, newest first: shift entries, rules, violations, duties, child care',
    access: journal,
    params: IdParams,
    query: JournalQuery,
    response: JournalList,
    handler: async ({ tx, actor, params, query }) => {
      await facilityOf(tx, actor, 'facilities', params.id);
      return { items: await listJournal(tx, params.id, query) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/housing/facilities/:id/journal',
    tag: TAG,
    summary: 'Write in the house journal; the writer is recorded as the administrator on duty for the shift',
    access: journal,
    params: IdParams,
    body: JournalInput,
    response: JournalEntry,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      await facilityOf(tx, actor, 'facilities', params.id);
      const stayId = 'stayId' in body ? body.stayId : null;
      const memberId = 'memberId' in body ? body.memberId : null;
      if (stayId) {
        const stay = await tx.execute(sql`select 1 from stays where id = ${stayId} and facility_id = ${params.id}`);
        if (stay.rows.length === 0)
          throw invalidField('stayId', 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
        if (memberId) {
          const member = await tx.execute(sql`select 1 from placements where stay_id = ${stayId} and member_id = ${memberId}`);
          if (member.rows.length === 0)
            throw invalidField('memberId', 'errors.housing_not_in_stay', translate(req.lang, 'errors.housing_not_in_stay'));
        }
      }
      const rows = await tx.execute<{ id: string }>(sql`
        insert into house_journal (org_id, facility_id, kind, at, shift, on_duty_id, stay_id, member_id, text, rules_version,
          consequence, chore, duty_on, carer, until_at, recorded_by)
        values (${actor.orgId}, ${params.id}, ${body.kind}, ${body.at}, ${body.shift}, ${actor.userId}, ${stayId}, ${memberId}, ${body.text},
          ${'rulesVersion' in body ? body.rulesVersion : null}, ${'consequence' in body ? body.consequence : null},
          ${'chore' in body ? body.chore : null}, ${'dutyOn' in body ? body.dutyOn : null}, ${'carer' in body ? body.carer : null},
          ${'untilAt' in body ? body.untilAt : null}, ${actor.userId})
        returning id`);
      const id = rows.rows[0]!.id;
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'house_journal',
        recordId: id,
        details: { facilityId: auditCode(params.id), kind: auditCode(body.kind) },
      });
      const [entry] = await listJournal(tx, params.id, { id, limit: 1 });
      return entry!;
    },
  });

  // ---- figures ----
  defineRoute(app, {
    method: 'GET',
    url: '/api/housing/figures',
    tag: TAG,
    summary: 'Figures for a period: bed-nights used of available, women and children, length of stay, endings by reason, returns',
    access: read,
    query: FiguresQuery,
    response: Figures,
    handler: async ({ tx, actor, query, req }) => {
      if (query.branchId) assertBranchInReach(actor, query.branchId, 'branchId', req.lang);
      return loadFigures(tx, actor, query);
    },
  });
}
