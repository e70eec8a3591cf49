// Housing at network scale (issue 6): 50 facilities in the first three branches (12 beds for mothers
// and 12 cots each), and stays over the last five years — back to back on each bed with short gaps,
// most mothers with a baby on the cot beside her, ended with the reasons, the latest still
// under way — plus admitted families waiting for a place. Each stay has its own family and case.
import type { LeaveReason } from '../../src/domain/housing/contracts.js';
import { addMonths } from '../../src/domain/housing/figures.js';
import { bulkInsert } from '../lib/bulk.js';
import { pick, uuidFrom, weighted } from '../lib/random.js';
import type { Dataset } from '../lib/types.js';
import { personName } from './names.js';
import { staffWithRole, type StaffData } from './staff.js';

const DAY = 86_400_000;
const FACILITIES = 50;
const ROOMS = 6;
const YEARS = 5;
const WAITING = 200;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const REASON_WEIGHTS = {
  graduated: 40,
  to_relatives: 15,
  shared_rent: 8,
  home_country: 4,
  other_shelter: 8,
  left_voluntarily: 12,
  asked_to_leave: 8,
  hospital: 5,
} satisfies Record<LeaveReason, number>;

export interface HousingData {
  /** A supervisor of the three branches holding every facility (the heaviest board and figures). */
  email: string;
  facilityIds: string[];
  firstYear: number;
  lastYear: number;
  counts: Record<string, number>;
}

export const housingDataset: Dataset<HousingData, { staff: StaffData }> = {
  name: 'housing',
  description: '50 facilities, stays over five years with placements, families waiting for a place',
  after: ['staff'],
  size: { option: 'stays', default: 20_000, describe: 'number of stays over five years' },
  async generate({ engine, size, random, needs, log }) {
    const { orgId, branchIds } = needs.staff;
    const supervisor =
      staffWithRole(needs.staff, 'supervisor').find((s) => s.branchIds.length >= 3) ?? staffWithRole(needs.staff, 'supervisor')[0]!;
    const branches = supervisor.branchIds.length > 0 ? supervisor.branchIds : branchIds.slice(0, 3);
    const programmeId = uuidFrom(random);
    await bulkInsert(engine, 'programmes', { id: 'uuid', org_id: 'uuid', name: 'text', period_start: 'date', period_end: 'date' }, [
      { id: programmeId, org_id: orgId, name: 'Кризисное жильё', period_start: '2020-01-01', period_end: '2030-12-31' },
    ]);
    const facilities: Record<string, unknown>[] = [];
    const rooms: Record<string, unknown>[] = [];
    const places: { id: string; org_id: string; facility_id: string; room_id: string; kind: string; label: string }[] = [];
    const beds: { bed: string; cot: string; facility: string; branch: string }[] = [];
    for (let f = 0; f < FACILITIES; f++) {
      const id = uuidFrom(random);
      const branch = branches[f % branches.length]!;
      facilities.push({
        id,
        org_id: orgId,
        branch_id: branch,
        programme_id: programmeId,
        kind: f % 3 === 0 ? 'crisis_apartment' : 'shelter',
        name: `Объект ${f + 1}`,
        address: `ул. Тестовая, ${f + 1}`,
      });
      for (let r = 0; r < ROOMS; r++) {
        const roomId = uuidFrom(random);
        rooms.push({ id: roomId, org_id: orgId, facility_id: id, name: `Комната ${r + 1}` });
        for (let p = 1; p <= 2; p++) {
          const bed = {
            id: uuidFrom(random),
            org_id: orgId,
            facility_id: id,
            room_id: roomId,
            kind: 'mother',
            label: `К${r + 1}: кровать ${p}`,
          };
          const cot = {
            id: uuidFrom(random),
            org_id: orgId,
            facility_id: id,
            room_id: roomId,
            kind: 'child',
            label: `К${r + 1}: кроватка ${p}`,
          };
          places.push(bed, cot);
          beds.push({ bed: bed.id, cot: cot.id, facility: id, branch });
        }
      }
    }
    const now = Date.now();
    const today = Math.floor(now / DAY) * DAY;
    const start = today - YEARS * 365 * DAY;
    // Mean stay + gap so that `size` stays fill five years of every bed: bed-days / stays.
    const mean = (beds.length * YEARS * 365) / size;
    const families: Record<string, unknown>[] = [];
    const members: Record<string, unknown>[] = [];
    const cases: Record<string, unknown>[] = [];
    const stays: Record<string, unknown>[] = [];
    const placements: Record<string, unknown>[] = [];
    const newFamily = (branch: string, withChild: boolean, status: string, openedOn: string) => {
      const familyId = uuidFrom(random);
      const name = personName(random);
      const lastName = name.lastName.endsWith('ий') ? `${name.lastName.slice(0, -2)}ая` : `${name.lastName}а`;
      families.push({ id: familyId, org_id: orgId, branch_id: branch, name: `${lastName} ${name.firstName}` });
      const motherId = uuidFrom(random);
      members.push({
        id: motherId,
        org_id: orgId,
        family_id: familyId,
        position: 0,
        relation: 'mother',
        last_name: lastName,
        first_name: name.firstName,
        birth_date: isoDate(start - (18 + Math.floor(random() * 20)) * 365 * DAY),
      });
      const childId = withChild ? uuidFrom(random) : null;
      if (childId)
        members.push({
          id: childId,
          org_id: orgId,
          family_id: familyId,
          position: 1,
          relation: 'child',
          last_name: lastName,
          first_name: pick(random, ['Ева', 'Миша', 'Варя', 'Лёва', 'Аня', 'Саша']),
          birth_date: openedOn,
        });
      const caseId = uuidFrom(random);
      cases.push({
        id: caseId,
        org_id: orgId,
        family_id: familyId,
        programme_id: programmeId,
        branch_id: branch,
        lead_id: supervisor.id,
        status,
        opened_on: openedOn,
        closed_on: status === 'closed' ? openedOn : null,
      });
      return { familyId, motherId, childId, caseId };
    };
    for (let i = 0; stays.length < size && i < beds.length * 1000; i++) {
      const slot = beds[i % beds.length]!;
      // Each bed keeps its own clock; the first stay starts somewhere in the first weeks.
      const clock = (slot as unknown as { at?: number }).at ?? start + Math.floor(random() * 20) * DAY;
      if (clock >= today) continue;
      const length = Math.max(3, Math.round(mean * (0.3 + random() * 1.2)));
      const gap = Math.floor(random() * mean * 0.2);
      const checkIn = clock;
      const checkOut = checkIn + length * DAY;
      const open = checkOut > today;
      (slot as unknown as { at?: number }).at = checkOut + gap * DAY;
      const withChild = random() < 0.75;
      const fam = newFamily(slot.branch, withChild, open ? 'active' : 'closed', isoDate(checkIn));
      const stayId = uuidFrom(random);
      stays.push({
        id: stayId,
        org_id: orgId,
        facility_id: slot.facility,
        branch_id: slot.branch,
        case_id: fam.caseId,
        family_id: fam.familyId,
        check_in_on: isoDate(checkIn),
        planned_leave_on: addMonths(isoDate(checkIn), 6),
        check_out_on: open ? null : isoDate(checkOut),
        leave_reason: open ? null : weighted(random, REASON_WEIGHTS),
      });
      const to = open ? null : isoDate(checkOut);
      placements.push({
        id: uuidFrom(random),
        org_id: orgId,
        stay_id: stayId,
        facility_id: slot.facility,
        member_id: fam.motherId,
        place_id: slot.bed,
        kind: 'mother',
        person: 'woman',
        from_on: isoDate(checkIn),
        to_on: to,
      });
      if (fam.childId)
        placements.push({
          id: uuidFrom(random),
          org_id: orgId,
          stay_id: stayId,
          facility_id: slot.facility,
          member_id: fam.childId,
          place_id: slot.cot,
          kind: 'child',
          person: 'child',
          from_on: isoDate(checkIn),
          to_on: to,
        });
    }
    for (let i = 0; i < WAITING; i++) newFamily(pick(random, branches), true, 'active', isoDate(today - Math.floor(random() * 60) * DAY));
    log(`built ${facilities.length} facilities, ${stays.length} stays, ${placements.length} placements in memory`);
    await bulkInsert(
      engine,
      'facilities',
      { id: 'uuid', org_id: 'uuid', branch_id: 'uuid', programme_id: 'uuid', kind: 'text', name: 'text', address: 'text' },
      facilities,
    );
    await bulkInsert(engine, 'rooms', { id: 'uuid', org_id: 'uuid', facility_id: 'uuid', name: 'text' }, rooms);
    await bulkInsert(
      engine,
      'places',
      { id: 'uuid', org_id: 'uuid', facility_id: 'uuid', room_id: 'uuid', kind: 'text', label: 'text' },
      places,
    );
    await bulkInsert(engine, 'families', { id: 'uuid', org_id: 'uuid', branch_id: 'uuid', name: 'text' }, families);
    await bulkInsert(
      engine,
      'members',
      {
        id: 'uuid',
        org_id: 'uuid',
        family_id: 'uuid',
        position: 'int',
        relation: 'text',
        last_name: 'text',
        first_name: 'text',
        birth_date: 'date',
      },
      members,
    );
    await bulkInsert(
      engine,
      'cases',
      {
        id: 'uuid',
        org_id: 'uuid',
        family_id: 'uuid',
        programme_id: 'uuid',
        branch_id: 'uuid',
        lead_id: 'uuid',
        status: 'text',
        opened_on: 'date',
        closed_on: 'date',
      },
      cases,
    );
    await bulkInsert(
      engine,
      'stays',
      {
        id: 'uuid',
        org_id: 'uuid',
        facility_id: 'uuid',
        branch_id: 'uuid',
        case_id: 'uuid',
        family_id: 'uuid',
        check_in_on: 'date',
        planned_leave_on: 'date',
        check_out_on: 'date',
        leave_reason: 'text',
      },
      stays,
    );
    await bulkInsert(
      engine,
      'placements',
      {
        id: 'uuid',
        org_id: 'uuid',
        stay_id: 'uuid',
        facility_id: 'uuid',
        member_id: 'uuid',
        place_id: 'uuid',
        kind: 'text',
        person: 'text',
        from_on: 'date',
        to_on: 'date',
      },
      placements,
    );
    const year = new Date(today).getUTCFullYear();
    return {
      email: supervisor.email,
      facilityIds: facilities.map((f) => f.id as string),
      firstYear: year - YEARS + 1,
      lastYear: year,
      counts: {
        facilities: facilities.length,
        places: places.length,
        stays: stays.length,
        placements: placements.length,
        waiting: WAITING,
      },
    };
  },
  describe: (info) => info.counts,
};
