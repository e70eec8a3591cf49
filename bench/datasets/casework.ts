// Casework at the scale of a large organisation (issue 3): families with their members, one case per
// family with a lead and a team, a few history events per case, consents for most adults, and some
// sensitive notes and social contacts. Branch sizes follow the number of case workers in each branch,
// and the first branch (the capital) is twice as big: its coordinator is the heavy caseload measured.
import type { RiskFlag } from '../../src/domain/cases/sensitive.js';
import { CASE_STATUSES, CLOSING_OUTCOMES, type CaseStatus } from '../../src/domain/cases/lifecycle.js';
import { RISK_FLAGS, SENSITIVE_SECTIONS } from '../../src/domain/cases/sensitive.js';
import { phoneDigits } from '../../src/domain/families/people.js';
import { familyDisplayName } from '../../src/server/families/queries.js';
import type { RoleCode } from '../../src/domain/access/permissions.js';
import { bulkInsert } from '../lib/bulk.js';
import { pick, uuidFrom, weighted } from '../lib/random.js';
import type { Dataset } from '../lib/types.js';
import { personName } from './names.js';
import type { StaffData, StaffMember } from './staff.js';

const PROGRAMMES = [
  ['Сохранение семьи', 'Фонд президентских грантов'],
  ['Кризисный центр для мам', 'Частные пожертвования'],
  ['Сопровождение после выпуска', 'Региональная субсидия'],
  ['Профилактика отказов в роддомах', 'Благотворительный фонд'],
  ['Семейный юрист', 'Корпоративный донор'],
] as const;

const STATUS_WEIGHTS: Record<CaseStatus, number> = { intake: 5, active: 45, post_support: 15, closed: 35 };
const CHILDREN_WEIGHTS = { one: 45, two: 35, three: 20 } as const;
const CHILDREN = { one: 1, two: 2, three: 3 } as const;
/** Staff roles that join case teams, with the case role they hold there. */
const TEAM_ROLES: Partial<Record<RoleCode, string>> = {
  case_worker: 'case_worker',
  psychologist: 'psychologist',
  lawyer: 'lawyer',
  shelter_admin: 'shelter_admin',
  volunteer: 'volunteer',
};
const DAY = 86_400_000;

export interface CaseworkData {
  /** Branch ids, the biggest (the capital's) first. */
  branchIds: string[];
  programmeIds: string[];
  /** Case count per branch id. */
  casesPerBranch: Record<string, number>;
  /** A coordinator whose only branch is the biggest one. */
  coordinatorEmail: string;
  /** The ids of every case in that branch (what the coordinator may open). */
  coordinatorCaseIds: string[];
  /** Surnames (nominative, masculine form) and phone numbers that occur in the coordinator's branch, for search terms. */
  surnames: string[];
  phones: string[];
  counts: Record<string, number>;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The masculine form of a surname given in either form (Иванова → Иванов, Соловьёва → Соловьёв). */
const masculine = (surname: string) =>
  surname.endsWith('ая') ? `${surname.slice(0, -2)}ий` : surname.endsWith('а') ? surname.slice(0, -1) : surname;
const feminine = (surname: string) => (surname.endsWith('ий') ? `${surname.slice(0, -2)}ая` : `${surname}а`);

function phone(random: () => number): string {
  const n = String(Math.floor(random() * 1e9)).padStart(9, '0');
  return `+7 (9${n.slice(0, 2)}) ${n.slice(2, 5)}-${n.slice(5, 7)}-${n.slice(7)}`;
}

function sample<T>(random: () => number, items: readonly T[], count: number): T[] {
  const pool = [...items];
  const chosen: T[] = [];
  while (chosen.length < count && pool.length > 0) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return chosen;
}

export const caseworkDataset: Dataset<CaseworkData, { staff: StaffData }> = {
  name: 'casework',
  description: 'families with members, one case each with lead and team, history, consents, sensitive notes',
  after: ['staff'],
  size: { option: 'families', default: 100_000, describe: 'number of families (≈3 people and 1 case each)' },
  async generate({ engine, size, needs, random, log }) {
    const { orgId, branchIds: allBranches, staff } = needs.staff;
    const now = Date.now();
    const active = staff.filter((member) => member.active);
    const inBranch = (branchId: string, role: RoleCode) => active.filter((m) => m.roles.includes(role) && m.branchIds.includes(branchId));

    // Branches weighted by their case workers; the first one (the capital) twice as heavy.
    const leadsByBranch = new Map(allBranches.map((id) => [id, inBranch(id, 'case_worker')]));
    const branchIds = allBranches.filter((id) => leadsByBranch.get(id)!.length > 0);
    const weights = Object.fromEntries(branchIds.map((id, i) => [id, leadsByBranch.get(id)!.length * (i === 0 ? 2 : 1)]));
    const teamByBranch = new Map(
      branchIds.map((id) => [
        id,
        active.filter((m) => m.branchIds.includes(id) && m.roles.some((role) => role in TEAM_ROLES && role !== 'volunteer')),
      ]),
    );
    const volunteersByBranch = new Map(branchIds.map((id) => [id, inBranch(id, 'volunteer')]));
    const coordinator = active.find((m) => m.roles.length === 1 && m.roles[0] === 'coordinator' && m.branchIds.join() === branchIds[0]);
    if (!coordinator) throw new Error('casework: no coordinator in the first branch; use more --users');

    const programmeRows = PROGRAMMES.map(([name, funder]) => ({
      id: uuidFrom(random),
      org_id: orgId,
      name,
      period_start: isoDate(now - 4 * 365 * DAY),
      period_end: isoDate(now + 2 * 365 * DAY),
      funder,
    }));
    await bulkInsert(
      engine,
      'programmes',
      { id: 'uuid', org_id: 'uuid', name: 'text', period_start: 'date', period_end: 'date', funder: 'text' },
      programmeRows,
    );
    const programmeIds = programmeRows.map((row) => row.id);

    const families: Record<string, unknown>[] = [];
    const members: Record<string, unknown>[] = [];
    const cases: Record<string, unknown>[] = [];
    const team: Record<string, unknown>[] = [];
    const events: Record<string, unknown>[] = [];
    const consents: Record<string, unknown>[] = [];
    const notes: Record<string, unknown>[] = [];
    const contacts: Record<string, unknown>[] = [];
    const casesPerBranch: Record<string, number> = {};
    const coordinatorCaseIds: string[] = [];
    const surnames = new Set<string>();
    const phones: string[] = [];

    for (let i = 0; i < size; i++) {
      const familyId = uuidFrom(random);
      const branchId = weighted(random, weights);
      const lead: StaffMember = pick(random, leadsByBranch.get(branchId)!);
      const openedMs = now - Math.floor(random() * 3 * 365 * DAY) - DAY;
      const createdAt = new Date(openedMs - Math.floor(random() * 30) * DAY).toISOString();

      // The people: a mother, one to three children (sometimes still expected), sometimes a partner.
      const mother = personName(random, 1);
      const people: { id: string; relation: string; lastName: string; firstName: string; adult: boolean }[] = [];
      const addMember = (row: Record<string, unknown>) => {
        const id = uuidFrom(random);
        members.push({
          id,
          org_id: orgId,
          family_id: familyId,
          position: people.length,
          citizenship: 'RU',
          languages: '{ru}',
          registered_address: '',
          actual_address: '',
          phone: '',
          phone_digits: '',
          birth_date: null,
          expected_birth_date: null,
          documents: '[]',
          ...row,
        });
        people.push({
          id,
          relation: row.relation as string,
          lastName: row.last_name as string,
          firstName: row.first_name as string,
          adult: row.relation !== 'child' && row.relation !== 'unborn_child',
        });
        return id;
      };
      const migrant = random() < 0.08;
      const motherPhone = random() < 0.92 ? phone(random) : '';
      addMember({
        relation: 'mother',
        last_name: mother.lastName,
        first_name: mother.firstName,
        middle_name: mother.middleName,
        sex: 'female',
        birth_date: isoDate(now - (18 + random() * 27) * 365.25 * DAY),
        citizenship: migrant ? pick(random, ['UZ', 'TJ', 'KG']) : 'RU',
        languages: migrant ? '{ru,uz}' : '{ru}',
        phone: motherPhone,
        phone_digits: phoneDigits(motherPhone),
        actual_address: `г. ${branchId === branchIds[0] ? 'Москва' : 'N'}, ул. Садовая, д. ${1 + Math.floor(random() * 120)}`,
        documents: JSON.stringify([
          { kind: migrant ? 'foreign_passport' : 'passport', status: random() < 0.1 ? 'lost' : 'have', note: '' },
          { kind: 'snils', status: random() < 0.15 ? 'never_had' : 'have', note: '' },
          { kind: 'medical_policy', status: random() < 0.1 ? 'being_restored' : 'have', note: '' },
        ]),
      });
      if (branchId === branchIds[0]) {
        surnames.add(masculine(mother.lastName));
        if (motherPhone && phones.length < 2000) phones.push(phoneDigits(motherPhone));
      }
      const childCount = CHILDREN[weighted(random, CHILDREN_WEIGHTS)];
      for (let c = 0; c < childCount; c++) {
        const girl = random() < 0.5;
        const child = personName(random, girl ? 1 : 0);
        const expected = c === childCount - 1 && random() < 0.06;
        addMember({
          relation: expected ? 'unborn_child' : 'child',
          last_name: expected ? '' : girl ? feminine(masculine(mother.lastName)) : masculine(mother.lastName),
          first_name: expected ? '' : child.firstName,
          middle_name: expected ? '' : child.middleName,
          sex: expected ? 'unknown' : girl ? 'female' : 'male',
          birth_date: expected ? null : isoDate(now - random() * 17 * 365.25 * DAY),
          expected_birth_date: expected ? isoDate(now + (10 + random() * 180) * DAY) : null,
          documents: expected
            ? '[]'
            : JSON.stringify([{ kind: 'birth_certificate', status: random() < 0.07 ? 'being_restored' : 'have', note: '' }]),
        });
      }
      if (random() < 0.25) {
        const partner = personName(random, 0);
        const partnerPhone = random() < 0.7 ? phone(random) : '';
        addMember({
          relation: 'partner',
          last_name: partner.lastName,
          first_name: partner.firstName,
          middle_name: partner.middleName,
          sex: 'male',
          birth_date: isoDate(now - (20 + random() * 30) * 365.25 * DAY),
          phone: partnerPhone,
          phone_digits: phoneDigits(partnerPhone),
        });
      }
      families.push({
        id: familyId,
        org_id: orgId,
        branch_id: branchId,
        name: familyDisplayName(people),
        created_by: lead.id,
        created_at: createdAt,
        updated_at: createdAt,
      });

      // The case: one per family, with its status, lead, team and history.
      const caseId = uuidFrom(random);
      const status = weighted(random, STATUS_WEIGHTS);
      const closedMs = status === 'closed' ? openedMs + Math.floor(random() * (now - openedMs)) : null;
      const updatedMs = closedMs ?? openedMs + Math.floor(random() * (now - openedMs));
      const flags = sample(random, RISK_FLAGS, Math.floor(random() * 3.5)) as RiskFlag[];
      cases.push({
        id: caseId,
        org_id: orgId,
        family_id: familyId,
        programme_id: pick(random, programmeIds),
        branch_id: branchId,
        lead_id: lead.id,
        status,
        opened_on: isoDate(openedMs),
        closed_on: closedMs === null ? null : isoDate(closedMs),
        closing_outcome: closedMs === null ? null : pick(random, CLOSING_OUTCOMES),
        closing_reason: closedMs === null ? '' : 'Цели сопровождения достигнуты',
        risk_flags: `{${flags.join(',')}}`,
        created_by: lead.id,
        created_at: new Date(openedMs).toISOString(),
        updated_at: new Date(updatedMs).toISOString(),
      });
      casesPerBranch[branchId] = (casesPerBranch[branchId] ?? 0) + 1;
      if (branchId === branchIds[0]) coordinatorCaseIds.push(caseId);
      team.push({ org_id: orgId, case_id: caseId, user_id: lead.id, role: 'lead' });
      const candidates = teamByBranch.get(branchId)!.filter((m) => m.id !== lead.id);
      for (const helper of sample(random, candidates, 1 + Math.floor(random() * 3))) {
        const role = TEAM_ROLES[helper.roles.find((r) => r in TEAM_ROLES && r !== 'volunteer')!]!;
        team.push({ org_id: orgId, case_id: caseId, user_id: helper.id, role });
      }
      const volunteers = volunteersByBranch.get(branchId)!.filter((m) => m.id !== lead.id);
      if (random() < 0.2 && volunteers.length > 0)
        team.push({ org_id: orgId, case_id: caseId, user_id: pick(random, volunteers).id, role: 'volunteer' });
      const event = (atMs: number, kind: string, data: Record<string, unknown>, actor = lead.id) =>
        events.push({
          org_id: orgId,
          case_id: caseId,
          at: new Date(atMs).toISOString(),
          actor_id: actor,
          kind,
          data: JSON.stringify(data),
        });
      event(openedMs, 'case_opened', { leadId: lead.id, openedOn: isoDate(openedMs) });
      const path = CASE_STATUSES.slice(1, CASE_STATUSES.indexOf(status) + 1);
      let at = openedMs;
      let from: CaseStatus = 'intake';
      for (const to of path) {
        at += Math.floor(random() * Math.max(1, (updatedMs - at) / 2));
        if (to === 'post_support' && status === 'closed' && random() < 0.5) continue;
        event(at, 'status_changed', { status: { from, to }, on: isoDate(at) });
        from = to;
      }
      if (random() < 0.4) event(openedMs + (updatedMs - openedMs) / 3, 'family_updated', { fields: ['notes'] });

      // Consents for most adults; a few special-category ones; sometimes withdrawn.
      for (const person of people.filter((p) => p.adult)) {
        if (random() > (person.relation === 'mother' ? 0.88 : 0.5)) continue;
        const given = isoDate(openedMs);
        const kinds = ['personal_data', ...(random() < 0.6 ? ['special_categories'] : []), ...(random() < 0.3 ? ['photo_video'] : [])];
        for (const kind of kinds)
          consents.push({
            id: uuidFrom(random),
            org_id: orgId,
            family_id: familyId,
            member_id: person.id,
            kind,
            given_on: given,
            scope: 'Сопровождение семьи в программе',
            taken_by: lead.id,
            withdrawn_on: random() < 0.03 ? isoDate(openedMs + (now - openedMs) / 2) : null,
          });
      }
      if (random() < 0.06)
        notes.push({
          id: uuidFrom(random),
          org_id: orgId,
          family_id: familyId,
          member_id: people[0]!.id,
          section: pick(random, SENSITIVE_SECTIONS),
          text: 'Запись специалиста (нагрузочный тест)',
          recorded_by: lead.id,
          recorded_at: new Date(openedMs + DAY).toISOString(),
        });
      if (random() < 0.3)
        contacts.push({
          id: uuidFrom(random),
          org_id: orgId,
          family_id: familyId,
          name: `${personName(random).firstName} (${pick(random, ['сестра', 'подруга', 'соседка', 'бабушка'])})`,
          kind: pick(random, ['relative', 'friend', 'neighbour'] as const),
          nature: pick(random, ['supportive', 'supportive', 'neutral', 'conflictual'] as const),
          reachable: random() < 0.8,
        });
    }

    const stamp = () => `${Math.round(performance.now() / 100) / 10} s`;
    log(`built ${families.length} families, ${members.length} people, ${cases.length} cases in memory (${stamp()})`);
    await bulkInsert(
      engine,
      'families',
      {
        id: 'uuid',
        org_id: 'uuid',
        branch_id: 'uuid',
        name: 'text',
        created_by: 'uuid',
        created_at: 'timestamptz',
        updated_at: 'timestamptz',
      },
      families,
    );
    await bulkInsert(
      engine,
      'members',
      {
        id: 'uuid',
        org_id: 'uuid',
        family_id: 'uuid',
        position: 'integer',
        relation: 'text',
        last_name: 'text',
        first_name: 'text',
        middle_name: 'text',
        sex: 'text',
        birth_date: 'date',
        expected_birth_date: 'date',
        citizenship: 'text',
        languages: 'text[]',
        phone: 'text',
        phone_digits: 'text',
        registered_address: 'text',
        actual_address: 'text',
        documents: 'jsonb',
      },
      members,
    );
    log(`families and members written (${stamp()})`);
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
        closing_outcome: 'text',
        closing_reason: 'text',
        risk_flags: 'text[]',
        created_by: 'uuid',
        created_at: 'timestamptz',
        updated_at: 'timestamptz',
      },
      cases,
    );
    await bulkInsert(engine, 'case_team', { org_id: 'uuid', case_id: 'uuid', user_id: 'uuid', role: 'text' }, team);
    await bulkInsert(
      engine,
      'case_events',
      { org_id: 'uuid', case_id: 'uuid', at: 'timestamptz', actor_id: 'uuid', kind: 'text', data: 'jsonb' },
      events,
    );
    await bulkInsert(
      engine,
      'consents',
      {
        id: 'uuid',
        org_id: 'uuid',
        family_id: 'uuid',
        member_id: 'uuid',
        kind: 'text',
        given_on: 'date',
        scope: 'text',
        taken_by: 'uuid',
        withdrawn_on: 'date',
      },
      consents,
    );
    await bulkInsert(
      engine,
      'sensitive_notes',
      {
        id: 'uuid',
        org_id: 'uuid',
        family_id: 'uuid',
        member_id: 'uuid',
        section: 'text',
        text: 'text',
        recorded_by: 'uuid',
        recorded_at: 'timestamptz',
      },
      notes,
    );
    await bulkInsert(
      engine,
      'social_contacts',
      { id: 'uuid', org_id: 'uuid', family_id: 'uuid', name: 'text', kind: 'text', nature: 'text', reachable: 'boolean' },
      contacts,
    );
    log(`cases, teams, history, consents, notes and contacts written (${stamp()})`);
    return {
      branchIds,
      programmeIds,
      casesPerBranch,
      coordinatorEmail: coordinator.email,
      coordinatorCaseIds,
      surnames: [...surnames].sort(),
      phones,
      counts: {
        programmes: programmeRows.length,
        families: families.length,
        members: members.length,
        cases: cases.length,
        caseTeam: team.length,
        caseEvents: events.length,
        consents: consents.length,
        sensitiveNotes: notes.length,
        socialContacts: contacts.length,
        coordinatorCases: coordinatorCaseIds.length,
      },
    };
  },
  describe: (data) => data.counts,
};
