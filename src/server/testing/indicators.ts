// A hand-built world for the indicator tests, written straight into the tables (as the owner) so
// that every date — admissions, closings, plan creation, contacts recorded — is the one the test
// reasons about. The expected figures are worked out by hand in indicators.test.ts from the list
// below; change one here and the arithmetic there must change with it.
//
// Period under test: Q1 2026 (2026-01-01 … 2026-03-31). Branches M (Москва) and P (Псков);
// programmes A (first plan within 14 days) and B (within 30 days).
//   F1 mother 1995-05-10 RU + son 2024; passport restored.       C1  A/M opened 2025-11-10, active
//   F2 mother 2000-01-15 TJ + daughter; passport lost.           C2  A/M opened 2026-01-20, active
//   F3 mother 1988-03-03 RU + son + daughter; snils being
//      restored, passport restored.                              C3  A/P opened 2026-02-01, closed 2026-03-15 child_with_family
//   F4 mother 1990-07-07 RU, no documents.                       C4a A/M 2025-06-01 … 2025-12-20 (before the period)
//                                                                C4b A/M reopened 2026-02-10, active
//                                                                C4c B/M opened 2026-01-05, post-support since 2026-03-01
//   F5 mother 1979-01-01 UA; passport have.                      C5a A/P 2026-01-10 … 2026-01-31 contact_lost
//                                                                C5b A/P reopened 2026-03-01, active
//   F6 mother.                                                   C6  A/M opened 2026-04-05 (after the period)
//   F7 mother 1985-06-01 RU; birth certificate never had.        C7  B/P 2025-09-01 … 2026-02-28 child_in_state_care
import { sql } from 'drizzle-orm';
import type { Citizenship } from '../../domain/families/citizenship.js';
import type { Tx } from '../db/engine.js';
import { system } from '../db/gateway.js';
import { buildOrganization, type TestApp, type TestOrganization } from './harness.js';

export interface IndicatorWorld {
  org: TestOrganization;
  adminId: string;
  programmeA: string;
  programmeB: string;
  branchM: string;
  branchP: string;
  cases: Record<string, string>;
}

type Doc = { kind: string; status: string };
interface Person {
  relation: 'mother' | 'child';
  name: string;
  birth: string;
  sex: 'female' | 'male';
  citizenship?: Citizenship;
  documents?: Doc[];
}

async function one(tx: Tx, query: ReturnType<typeof sql>): Promise<string> {
  const rows = await tx.execute<{ id: string }>(query);
  return rows.rows[0]!.id;
}

export async function buildIndicatorWorld(t: TestApp): Promise<IndicatorWorld> {
  const org = await buildOrganization(t);
  const [branchM, branchP] = org.branchIds as [string, string];
  return system(t.engine, async (tx) => {
    const orgId = org.orgId;
    const adminId = await one(tx, sql`select id::text from users where org_id = ${orgId} limit 1`);
    const programme = (name: string, days: number) =>
      one(
        tx,
        sql`insert into programmes (org_id, name, period_start, period_end, first_plan_days)
          values (${orgId}, ${name}, '2025-01-01', '2027-12-31', ${days}) returning id::text`,
      );
    const programmeA = await programme('Программа А', 14);
    const programmeB = await programme('Программа Б', 30);
    const members: Record<string, string> = {};
    const families: Record<string, string> = {};
    const family = async (key: string, branch: string, people: Person[]) => {
      families[key] = await one(
        tx,
        sql`insert into families (org_id, branch_id, name) values (${orgId}, ${branch}, ${key}) returning id::text`,
      );
      for (const [i, p] of people.entries()) {
        members[`${key}.${p.name}`] = await one(
          tx,
          sql`insert into members (org_id, family_id, position, relation, first_name, birth_date, sex, citizenship, documents)
            values (${orgId}, ${families[key]}, ${i}, ${p.relation}, ${p.name}, ${p.birth}, ${p.sex}, ${p.citizenship ?? null},
              ${JSON.stringify((p.documents ?? []).map((d) => ({ ...d, note: '' })))}::jsonb) returning id::text`,
        );
      }
    };
    const mother = (birth: string, citizenship: Citizenship, documents: Doc[] = []): Person => ({
      relation: 'mother',
      name: 'mother',
      birth,
      sex: 'female',
      citizenship,
      documents,
    });
    const child = (name: string, birth: string, sex: 'female' | 'male', documents: Doc[] = []): Person => ({
      relation: 'child',
      name,
      birth,
      sex,
      documents,
    });
    await family('F1', branchM, [
      mother('1995-05-10', 'RU', [{ kind: 'passport', status: 'restored' }]),
      child('son', '2024-02-01', 'male', [{ kind: 'birth_certificate', status: 'have' }]),
    ]);
    await family('F2', branchM, [
      mother('2000-01-15', 'TJ', [{ kind: 'passport', status: 'lost' }]),
      child('daughter', '2025-06-01', 'female'),
    ]);
    await family('F3', branchP, [
      mother('1988-03-03', 'RU', [
        { kind: 'snils', status: 'being_restored' },
        { kind: 'passport', status: 'restored' },
      ]),
      child('son', '2019-09-09', 'male'),
      child('daughter', '2021-10-10', 'female'),
    ]);
    await family('F4', branchM, [mother('1990-07-07', 'RU')]);
    await family('F5', branchP, [mother('1979-01-01', 'UA', [{ kind: 'passport', status: 'have' }])]);
    await family('F6', branchM, [mother('1992-02-02', 'RU')]);
    await family('F7', branchP, [mother('1985-06-01', 'RU', [{ kind: 'birth_certificate', status: 'never_had' }])]);

    const cases: Record<string, string> = {};
    const openCase = async (
      key: string,
      fam: string,
      prog: string,
      branch: string,
      opened: string,
      opts: { closed?: string; outcome?: string; postSupport?: string } = {},
    ) => {
      const status = opts.closed ? 'closed' : opts.postSupport ? 'post_support' : 'active';
      cases[key] = await one(
        tx,
        sql`insert into cases (org_id, family_id, programme_id, branch_id, lead_id, status, opened_on, closed_on, closing_outcome, post_support_since)
          values (${orgId}, ${families[fam]}, ${prog}, ${branch}, ${adminId}, ${status}, ${opened}, ${opts.closed ?? null},
            ${opts.outcome ?? null}, ${opts.postSupport ?? null}) returning id::text`,
      );
    };
    await openCase('C1', 'F1', programmeA, branchM, '2025-11-10');
    await openCase('C2', 'F2', programmeA, branchM, '2026-01-20');
    await openCase('C3', 'F3', programmeA, branchP, '2026-02-01', { closed: '2026-03-15', outcome: 'child_with_family' });
    await openCase('C4a', 'F4', programmeA, branchM, '2025-06-01', { closed: '2025-12-20', outcome: 'other' });
    await openCase('C4b', 'F4', programmeA, branchM, '2026-02-10');
    await openCase('C4c', 'F4', programmeB, branchM, '2026-01-05', { postSupport: '2026-03-01' });
    await openCase('C5a', 'F5', programmeA, branchP, '2026-01-10', { closed: '2026-01-31', outcome: 'contact_lost' });
    await openCase('C5b', 'F5', programmeA, branchP, '2026-03-01');
    await openCase('C6', 'F6', programmeA, branchM, '2026-04-05');
    await openCase('C7', 'F7', programmeB, branchP, '2025-09-01', { closed: '2026-02-28', outcome: 'child_in_state_care' });

    // Plans (created_at is the day a plan is drawn up) and their tasks.
    const plan = async (caseKey: string, createdOn: string, tasks: [string, string][] = []) => {
      const planId = await one(
        tx,
        sql`insert into plans (org_id, case_id, desired_future, participants, start_on, next_review_on, made_on, created_at)
          values (${orgId}, ${cases[caseKey]}, 'Жить самостоятельно с ребёнком', '[]'::jsonb, ${createdOn}, ${createdOn}, ${createdOn}, ${`${createdOn}T10:00:00Z`}) returning id::text`,
      );
      const goalId = await one(
        tx,
        sql`insert into plan_goals (org_id, plan_id, position, domain, title) values (${orgId}, ${planId}, 0, 'housing', 'Жильё') returning id::text`,
      );
      for (const [i, [due, status]] of tasks.entries()) {
        await tx.execute(sql`insert into plan_tasks (org_id, plan_id, goal_id, position, title, responsible_kind, due_on, status)
          values (${orgId}, ${planId}, ${goalId}, ${i}, ${`Задача ${i}`}, 'mother', ${due}, ${status})`);
      }
    };
    await plan('C1', '2025-11-15', [
      ['2026-01-15', 'done'],
      ['2026-02-10', 'not_done'],
      ['2026-04-10', 'planned'],
      ['2026-03-01', 'cancelled'],
    ]);
    await plan('C2', '2026-01-30', [
      ['2026-02-15', 'done'],
      ['2026-03-20', 'in_progress'],
    ]);
    await plan('C3', '2026-02-25', [['2025-12-31', 'done']]);
    await plan('C5a', '2026-01-15');
    await plan('C4c', '2026-01-30');

    // Services: [case, type code, date, minutes, initiated by, withdrawn]
    const types = await tx.execute<{ id: string; code: string }>(sql`select id::text, code from service_types where org_id = ${orgId}`);
    const typeId = new Map(types.rows.map((r) => [r.code, r.id]));
    const services: [string, string, string, number, 'client' | 'team', boolean?][] = [
      ['C1', 'psy_individual', '2026-01-10', 60, 'client'],
      ['C1', 'psy_individual', '2026-02-10', 90, 'team'],
      ['C1', 'psy_individual', '2025-12-30', 60, 'client'],
      ['C1', 'legal_consultation', '2026-01-12', 60, 'team'],
      ['C1', 'documents_restoring', '2026-01-15', 45, 'team'],
      ['C1', 'medical_help', '2026-03-01', 30, 'team'],
      ['C1', 'psy_group', '2026-02-20', 60, 'client', true],
      ['C2', 'psy_group', '2026-02-05', 120, 'client'],
      ['C2', 'family_mediation', '2026-02-06', 60, 'team'],
      ['C2', 'benefits_application', '2026-03-05', 30, 'team'],
      ['C2', 'accompaniment', '2026-03-06', 180, 'team'],
      ['C3', 'child_specialist', '2026-02-15', 45, 'team'],
      ['C3', 'after_leaving_help', '2026-03-20', 60, 'team'],
      ['C3', 'legal_consultation', '2026-03-31', 60, 'client'],
      ['C4c', 'psy_individual', '2026-03-10', 60, 'client'],
      ['C4c', 'supervisor_visit', '2026-03-15', 60, 'team'],
      ['C7', 'medical_help', '2026-04-01', 30, 'team'],
    ];
    for (const [caseKey, code, date, minutes, initiatedBy, withdrawn] of services) {
      await tx.execute(sql`insert into services (org_id, case_id, type_id, date, duration_minutes, format, initiated_by, specialist_ids, created_by, withdrawn)
        values (${orgId}, ${cases[caseKey]}, ${typeId.get(code)!}, ${date}, ${minutes}, 'in_person', ${initiatedBy},
          ${`{${adminId}}`}::uuid[], ${adminId}, ${withdrawn ?? false})`);
    }

    // Group sessions: [branch, kind, date, end date, attended by (case, member)]
    const sessions: [string, string, string, string | null, [string, string][]][] = [
      [branchM, 'parents_club', '2026-01-20', null, [['C1', 'F1.mother']]],
      [branchM, 'parents_club', '2026-03-31', null, []],
      [branchM, 'parents_club', '2025-12-20', null, [['C1', 'F1.mother']]],
      [branchM, 'away_shift', '2025-12-28', '2026-01-03', [['C4c', 'F4.mother']]],
      [branchM, 'away_shift', '2026-04-01', '2026-04-05', []],
      [branchP, 'parents_club', '2026-02-10', null, [['C3', 'F3.mother']]],
    ];
    for (const [branch, kind, date, endDate, attendance] of sessions) {
      const sessionId = await one(
        tx,
        sql`insert into group_sessions (org_id, branch_id, kind, topic, date, end_date, duration_minutes, facilitator_ids, created_by)
          values (${orgId}, ${branch}, ${kind}, 'Тема', ${date}, ${endDate}, 90, ${`{${adminId}}`}::uuid[], ${adminId}) returning id::text`,
      );
      for (const [caseKey, member] of attendance)
        await tx.execute(
          sql`insert into group_attendance (org_id, session_id, case_id, member_id) values (${orgId}, ${sessionId}, ${cases[caseKey]}, ${members[member]})`,
        );
    }

    // Housing: facility Fa in branch M, Fb in branch P, each with one room of places.
    const facility = async (name: string, branch: string) => {
      const facilityId = await one(
        tx,
        sql`insert into facilities (org_id, branch_id, programme_id, kind, name) values (${orgId}, ${branch}, ${programmeA}, 'shelter', ${name}) returning id::text`,
      );
      const roomId = await one(
        tx,
        sql`insert into rooms (org_id, facility_id, name) values (${orgId}, ${facilityId}, 'Комната') returning id::text`,
      );
      const places: string[] = [];
      for (const [i, kind] of (['mother', 'child', 'mother', 'child', 'child', 'mother'] as const).entries())
        places.push(
          await one(
            tx,
            sql`insert into places (org_id, facility_id, room_id, kind, label) values (${orgId}, ${facilityId}, ${roomId}, ${kind}, ${`М${i}`}) returning id::text`,
          ),
        );
      return { facilityId, places };
    };
    const fa = await facility('Дом М', branchM);
    const fb = await facility('Дом П', branchP);
    const stay = async (
      f: { facilityId: string; places: string[] },
      branch: string,
      caseKey: string,
      fam: string,
      checkIn: string,
      checkOut: string | null,
      reason: string | null,
      placements: [string, 'woman' | 'child', number, string, string | null][],
    ) => {
      const stayId = await one(
        tx,
        sql`insert into stays (org_id, facility_id, branch_id, case_id, family_id, check_in_on, planned_leave_on, check_out_on, leave_reason)
          values (${orgId}, ${f.facilityId}, ${branch}, ${cases[caseKey]}, ${families[fam]}, ${checkIn}, '2026-12-31', ${checkOut}, ${reason}) returning id::text`,
      );
      for (const [member, person, place, from, to] of placements)
        await tx.execute(sql`insert into placements (org_id, stay_id, facility_id, member_id, place_id, kind, person, from_on, to_on)
          values (${orgId}, ${stayId}, ${f.facilityId}, ${members[member]}, ${f.places[place]}, ${person === 'woman' ? 'mother' : 'child'}, ${person}, ${from}, ${to})`);
    };
    await stay(fa, branchM, 'C1', 'F1', '2025-12-01', '2026-01-15', 'graduated', [
      ['F1.mother', 'woman', 0, '2025-12-01', '2026-01-15'],
      ['F1.son', 'child', 1, '2025-12-01', '2026-01-15'],
    ]);
    await stay(fa, branchM, 'C2', 'F2', '2026-03-20', null, null, [
      ['F2.mother', 'woman', 0, '2026-03-20', null],
      ['F2.daughter', 'child', 1, '2026-03-20', null],
    ]);
    await stay(fa, branchM, 'C5a', 'F5', '2026-01-10', '2026-01-31', 'to_relatives', [
      ['F5.mother', 'woman', 2, '2026-01-10', '2026-01-31'],
    ]);
    await stay(fa, branchM, 'C7', 'F7', '2025-10-01', '2025-12-31', 'graduated', [['F7.mother', 'woman', 5, '2025-10-01', '2025-12-31']]);
    await stay(fb, branchP, 'C3', 'F3', '2026-02-01', '2026-03-15', 'graduated', [
      ['F3.mother', 'woman', 0, '2026-02-01', '2026-03-15'],
      ['F3.son', 'child', 1, '2026-02-01', '2026-03-15'],
      ['F3.daughter', 'child', 3, '2026-02-01', '2026-02-20'],
      ['F3.daughter', 'child', 4, '2026-02-20', '2026-03-15'],
    ]);

    // Social contacts: [family, kind, nature, reachable, recorded on]
    const contacts: [string, string, string, boolean, string][] = [
      ['F1', 'relative', 'supportive', true, '2026-02-01'],
      ['F2', 'friend', 'supportive', true, '2026-01-20'],
      ['F3', 'relative', 'conflictual', true, '2026-02-20'],
      ['F3', 'friend', 'supportive', false, '2026-02-21'],
      ['F5', 'relative', 'supportive', true, '2026-03-10'],
      ['F7', 'professional', 'supportive', true, '2026-01-10'],
      ['F4', 'relative', 'supportive', true, '2026-04-10'],
    ];
    for (const [fam, kind, nature, reachable, on] of contacts)
      await tx.execute(sql`insert into social_contacts (org_id, family_id, name, kind, nature, reachable, created_at)
        values (${orgId}, ${families[fam]}, 'Контакт', ${kind}, ${nature}, ${reachable}, ${`${on}T09:00:00Z`})`);

    // Assessments: [case, member, template, on, scores by domain]
    const templates = await tx.execute<{ id: string; code: string }>(
      sql`select id::text, code from assessment_templates where org_id = ${orgId} and is_current`,
    );
    const templateId = new Map(templates.rows.map((r) => [r.code, r.id]));
    const assessments: [string, string, string, string, Record<string, number | null>][] = [
      ['C1', 'F1.mother', 'parent_child_interaction', '2025-12-01', { sensitivity: 2, warmth: 3 }],
      ['C1', 'F1.mother', 'parent_child_interaction', '2026-02-01', { sensitivity: 3, warmth: 3 }],
      ['C1', 'F1.mother', 'family_needs', '2026-02-02', { housing: 1 }],
      ['C2', 'F2.mother', 'parent_child_interaction', '2026-01-25', { sensitivity: 2, warmth: null }],
      ['C2', 'F2.mother', 'parent_child_interaction', '2026-03-25', { sensitivity: 2.5, warmth: 4 }],
      ['C3', 'F3.mother', 'parent_child_interaction', '2026-02-05', { sensitivity: 1 }],
      ['C5a', 'F5.mother', 'parent_child_interaction', '2026-01-12', { sensitivity: 1, warmth: 2 }],
      ['C5b', 'F5.mother', 'parent_child_interaction', '2026-03-05', { sensitivity: 2.5, warmth: 2 }],
    ];
    for (const [caseKey, member, code, on, scores] of assessments) {
      const list = Object.entries(scores).map(([domain, score]) => ({ domain, score, level: null, answered: score === null ? 0 : 1 }));
      await tx.execute(sql`insert into assessments (org_id, case_id, template_id, member_id, conducted_on, conducted_by, answers, scores, created_at)
        values (${orgId}, ${cases[caseKey]}, ${templateId.get(code)!}, ${members[member]}, ${on}, ${adminId}, '{}'::jsonb,
          ${JSON.stringify(list)}::jsonb, ${`${on}T12:00:00Z`})`);
    }
    return { org, adminId, programmeA, programmeB, branchM, branchP, cases };
  });
}
