// The indicator language of issue 12 (points 7 and 12) on a small hand-built world, through the
// real API, on both engines: the referral source as a filter and referrals as a subject, returns to
// the centre, services by the member they were given to, attendance, the house journal, scale
// filters of assessments (custom templates too), outcomes achieved by evidence or by mark, and the
// average of per-family shares. The world is written straight into the tables (as the owner) so
// that every date is the one the arithmetic below reasons about.
//
// Period: Q1 2026 (2026-01-01 … 2026-03-31); programme A; branches M and P.
//   F1 mother + child   C1 A/M opened 2025-12-01 from R1 (guardianship, received 2025-11-28)
//   F2 mother + child   C2 A/M opened 2026-01-15 from R2 (guardianship, 2026-01-10, admitted)
//   F3 mother           C3 A/P opened 2026-02-01 from R3 (maternity hospital, 2026-01-25, admitted)
//   F4 mother           C4 A/M opened 2026-02-10, no referral
//   Other referrals: R4 M guardianship 2026-03-01 signposted; R5 P self 2026-03-15 declined;
//   R6 M hotline 2026-04-02 new (after the period).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Count, IndicatorDefinition, Measure } from '../../domain/indicators/definition.js';
import type { Tx } from '../db/engine.js';
import { system } from '../db/gateway.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';

let t: TestApp;
let me: Client;
let org: Awaited<ReturnType<typeof buildOrganization>>;
let ids: Record<string, string>;
const Q1 = 'from=2026-01-01&to=2026-03-31';

async function one(tx: Tx, query: ReturnType<typeof sql>): Promise<string> {
  return (await tx.execute<{ id: string }>(query)).rows[0]!.id;
}

async function buildWorld(orgId: string, [branchM, branchP]: string[]): Promise<Record<string, string>> {
  const id: Record<string, string> = { branchM: branchM!, branchP: branchP! };
  return system(t.engine, async (tx) => {
    const admin = await one(tx, sql`select id::text from users where org_id = ${orgId} limit 1`);
    id.A = await one(
      tx,
      sql`insert into programmes (org_id, name, period_start, period_end) values (${orgId}, 'Программа А', '2025-01-01', '2027-12-31') returning id::text`,
    );
    id.B = await one(
      tx,
      sql`insert into programmes (org_id, name, period_start, period_end) values (${orgId}, 'Программа Б', '2025-01-01', '2027-12-31') returning id::text`,
    );
    const referral = async (key: string, branch: string, source: string, at: string, status: string) => {
      id[key] = await one(
        tx,
        sql`insert into referrals (org_id, branch_id, programme_id, received_at, received_by, source, client_first_name, summary, status)
          values (${orgId}, ${branch}, ${id.A}, ${`${at}T12:00:00Z`}, ${admin}, ${source}, 'Мария', 'Обращение', ${status}) returning id::text`,
      );
    };
    await referral('R1', branchM!, 'guardianship', '2025-11-28', 'admitted');
    await referral('R2', branchM!, 'guardianship', '2026-01-10', 'admitted');
    await referral('R3', branchP!, 'maternity_hospital', '2026-01-25', 'admitted');
    await referral('R4', branchM!, 'guardianship', '2026-03-01', 'signposted');
    await referral('R5', branchP!, 'self', '2026-03-15', 'declined');
    await referral('R6', branchM!, 'hotline', '2026-04-02', 'new');
    const family = async (key: string, branch: string, withChild: boolean) => {
      id[key] = await one(tx, sql`insert into families (org_id, branch_id, name) values (${orgId}, ${branch}, ${key}) returning id::text`);
      id[`${key}.mother`] = await one(
        tx,
        sql`insert into members (org_id, family_id, position, relation, first_name, birth_date, sex)
          values (${orgId}, ${id[key]}, 0, 'mother', 'Мама', '1995-01-01', 'female') returning id::text`,
      );
      if (withChild)
        id[`${key}.child`] = await one(
          tx,
          sql`insert into members (org_id, family_id, position, relation, first_name, birth_date, sex)
            values (${orgId}, ${id[key]}, 1, 'child', 'Ребёнок', '2025-06-01', 'male') returning id::text`,
        );
    };
    const openCase = async (key: string, fam: string, branch: string, opened: string, referralKey: string | null) => {
      id[key] = await one(
        tx,
        sql`insert into cases (org_id, family_id, programme_id, branch_id, lead_id, status, opened_on, referral_id)
          values (${orgId}, ${id[fam]}, ${id.A}, ${branch}, ${admin}, 'active', ${opened}, ${referralKey ? id[referralKey]! : null}) returning id::text`,
      );
    };
    await family('F1', branchM!, true);
    await family('F2', branchM!, true);
    await family('F3', branchP!, false);
    await family('F4', branchM!, false);
    await openCase('C1', 'F1', branchM!, '2025-12-01', 'R1');
    await openCase('C2', 'F2', branchM!, '2026-01-15', 'R2');
    await openCase('C3', 'F3', branchP!, '2026-02-01', 'R3');
    await openCase('C4', 'F4', branchM!, '2026-02-10', null);

    // Stays: F1 left 01-10 and came back 02-01 (a return); F2 moved from house M to house P on 02-15
    // (a move, not a return); F3 went to hospital 02-20 and came back 03-01 (a return).
    const facility = async (key: string, branch: string) => {
      id[key] = await one(
        tx,
        sql`insert into facilities (org_id, branch_id, programme_id, kind, name) values (${orgId}, ${branch}, ${id.A}, 'shelter', ${key}) returning id::text`,
      );
    };
    await facility('Fa', branchM!);
    await facility('Fb', branchP!);
    const stay = async (
      key: string,
      fac: string,
      branch: string,
      c: string,
      fam: string,
      from: string,
      to: string | null,
      reason: string | null,
      previous?: string,
    ) => {
      id[key] = await one(
        tx,
        sql`insert into stays (org_id, facility_id, branch_id, case_id, family_id, check_in_on, planned_leave_on, check_out_on, leave_reason, previous_stay_id)
          values (${orgId}, ${id[fac]}, ${branch}, ${id[c]}, ${id[fam]}, ${from}, '2026-12-31', ${to}, ${reason}, ${previous ? id[previous]! : null}) returning id::text`,
      );
    };
    await stay('S1', 'Fa', branchM!, 'C1', 'F1', '2025-12-01', '2026-01-10', 'to_relatives');
    await stay('S2', 'Fa', branchM!, 'C1', 'F1', '2026-02-01', null, null);
    await stay('S3', 'Fa', branchM!, 'C2', 'F2', '2026-01-16', '2026-02-15', 'other_shelter');
    await stay('S4', 'Fb', branchP!, 'C2', 'F2', '2026-02-15', null, null, 'S3');
    await stay('S5', 'Fb', branchP!, 'C3', 'F3', '2026-02-01', '2026-02-20', 'hospital');
    await stay('S6', 'Fb', branchP!, 'C3', 'F3', '2026-03-01', null, null);

    // Services: [case, type, date, initiated by, members it was given to]
    const types = await tx.execute<{ id: string; code: string }>(sql`select id::text, code from service_types where org_id = ${orgId}`);
    const typeId = new Map(types.rows.map((r) => [r.code, r.id]));
    const services: [string, string, string, 'client' | 'team', string[]][] = [
      ['C1', 'psy_individual', '2026-01-10', 'client', ['F1.mother']],
      ['C1', 'psy_individual', '2026-01-20', 'team', ['F1.mother']],
      ['C1', 'child_specialist', '2026-02-01', 'team', ['F1.child']],
      ['C1', 'psy_individual', '2026-02-15', 'client', ['F1.mother']],
      ['C2', 'psy_individual', '2026-02-01', 'client', ['F2.mother']],
      ['C3', 'psy_individual', '2026-02-10', 'team', ['F3.mother']],
      ['C3', 'psy_individual', '2026-03-10', 'team', []],
    ];
    for (const [c, code, date, initiatedBy, members] of services)
      await tx.execute(sql`insert into services (org_id, case_id, type_id, date, duration_minutes, format, initiated_by, specialist_ids, member_ids, created_by)
        values (${orgId}, ${id[c]}, ${typeId.get(code)!}, ${date}, 60, 'in_person', ${initiatedBy}, ${`{${admin}}`}::uuid[],
          ${`{${members.map((m) => id[m]).join(',')}}`}::uuid[], ${admin})`);

    // Group sessions: [branch, kind, date, attended by (case, member)]
    const sessions: [string, string, string, [string, string][]][] = [
      [
        branchM!,
        'house_meeting',
        '2026-01-15',
        [
          ['C1', 'F1.mother'],
          ['C2', 'F2.mother'],
          ['C1', 'F1.child'],
        ],
      ],
      [branchM!, 'workshop', '2026-02-20', [['C1', 'F1.mother']]],
      [branchP!, 'parents_club', '2026-03-01', [['C3', 'F3.mother']]],
      [branchM!, 'house_meeting', '2025-12-20', [['C4', 'F4.mother']]],
    ];
    for (const [branch, kind, date, attendance] of sessions) {
      const session = await one(
        tx,
        sql`insert into group_sessions (org_id, branch_id, kind, topic, date, duration_minutes, facilitator_ids, created_by)
          values (${orgId}, ${branch}, ${kind}, 'Тема', ${date}, 60, ${`{${admin}}`}::uuid[], ${admin}) returning id::text`,
      );
      for (const [c, m] of attendance)
        await tx.execute(
          sql`insert into group_attendance (org_id, session_id, case_id, member_id) values (${orgId}, ${session}, ${id[c]}, ${id[m]})`,
        );
    }

    // House journal of house M: [kind, at, stay]
    const journal: [string, string, string | null][] = [
      ['walk', '2026-01-20T11:00:00Z', 'S3'],
      ['walk', '2026-02-05T11:00:00Z', 'S3'],
      ['walk', '2026-04-01T11:00:00Z', 'S2'],
      ['incident', '2026-03-02T11:00:00Z', null],
    ];
    for (const [kind, at, s] of journal)
      await tx.execute(sql`insert into house_journal (org_id, facility_id, kind, at, shift, on_duty_id, stay_id, text, recorded_by)
        values (${orgId}, ${id.Fa}, ${kind}, ${at}, 'day', ${admin}, ${s ? id[s]! : null}, 'Запись', ${admin})`);

    // Assessments: a shipped template and the organisation's own ("independence", scale "readiness").
    id.independence = await one(
      tx,
      sql`insert into assessment_templates (org_id, code, version, definition) values (${orgId}, 'independence', 1, '{}'::jsonb) returning id::text`,
    );
    id.pci = await one(
      tx,
      sql`select id::text from assessment_templates where org_id = ${orgId} and code = 'parent_child_interaction' and is_current`,
    );
    const assessments: [string, string, string, string, [string, number, string][]][] = [
      [
        'C1',
        'F1.mother',
        'pci',
        '2025-12-05',
        [
          ['sensitivity', 2, 'medium'],
          ['warmth', 3, 'medium'],
        ],
      ],
      [
        'C1',
        'F1.mother',
        'pci',
        '2026-02-01',
        [
          ['sensitivity', 3, 'low'],
          ['warmth', 3, 'medium'],
        ],
      ],
      [
        'C1',
        'F1.mother',
        'pci',
        '2026-03-20',
        [
          ['sensitivity', 2.5, 'medium'],
          ['warmth', 4, 'low'],
        ],
      ],
      ['C2', 'F2.mother', 'pci', '2026-01-20', [['sensitivity', 1, 'high']]],
      ['C2', 'F2.mother', 'pci', '2026-03-01', [['sensitivity', 2, 'medium']]],
      ['C3', 'F3.mother', 'pci', '2026-02-05', [['sensitivity', 3, 'low']]],
      ['C1', 'F1.mother', 'independence', '2026-01-10', [['readiness', 4, 'low']]],
      ['C1', 'F1.mother', 'independence', '2026-03-10', [['readiness', 3, 'low']]],
      ['C2', 'F2.mother', 'independence', '2026-02-10', [['readiness', 5, 'low']]],
      ['C3', 'F3.mother', 'independence', '2026-03-30', [['readiness', 4, 'high']]],
    ];
    for (const [c, m, template, on, scores] of assessments) {
      const list = scores.map(([domain, score, level]) => ({ domain, score, level, answered: 1 }));
      await tx.execute(sql`insert into assessments (org_id, case_id, template_id, member_id, conducted_on, conducted_by, answers, scores, created_at)
        values (${orgId}, ${id[c]}, ${id[template]}, ${id[m]}, ${on}, ${admin}, '{}'::jsonb, ${JSON.stringify(list)}::jsonb, ${`${on}T12:00:00Z`})`);
    }

    // Plans (the day drawn up) and marks of outcomes.
    for (const [c, on] of [
      ['C1', '2025-12-10'],
      ['C2', '2026-01-25'],
    ] as const)
      await tx.execute(sql`insert into plans (org_id, case_id, desired_future, participants, start_on, next_review_on, made_on, created_at)
        values (${orgId}, ${id[c]}, 'Жить самостоятельно', '[]'::jsonb, ${on}, ${on}, ${on}, ${`${on}T10:00:00Z`})`);
    const outcome = async (code: string) =>
      one(
        tx,
        sql`select o.id::text from outcomes o join outcome_frameworks f on f.id = o.framework_id where f.programme_id is null and o.code = ${code}`,
      );
    const trust = await outcome('trust_in_staff');
    const marks: [string, string, string, string][] = [
      ['C1', 'achieved', '2026-02-01', '2026-02-01T10:00:00Z'],
      ['C3', 'achieved', '2026-02-15', '2026-02-15T10:00:00Z'],
      ['C3', 'not_achieved', '2026-03-01', '2026-03-01T10:00:00Z'],
      ['C4', 'achieved', '2026-04-03', '2026-04-03T10:00:00Z'],
    ];
    for (const [c, status, on, at] of marks)
      await tx.execute(sql`insert into outcome_marks (org_id, case_id, outcome_id, status, on_date, note, marked_by, created_at)
        values (${orgId}, ${id[c]}, ${trust}, ${status}, ${on}, 'Отметка', ${admin}, ${at})`);
    return id;
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  ids = await buildWorld(org.orgId, org.branchIds);
  // Also coordinator of every branch: these tests check the engine's arithmetic, so the caller sees
  // small breakdown cells exactly (./small-cells.test.ts tests who does not).
  me = await login(t, (await buildUser(t, org, ['me_officer', 'coordinator'], org.branchIds)).email);
});
afterAll(() => t.close());

const f = (field: string, ...values: (string | number)[]) => ({ field, values });
const of = (subject: Count['subject'], ...filters: ReturnType<typeof f>[]): Count => ({ subject, filters });
let made = 0;

/** Saves a definition through the API (validated there) and returns its value for the query. */
async function valueOf(measure: Measure, query = Q1, extra: Partial<IndicatorDefinition> = {}) {
  const code = `t${++made}`;
  const created = await me.post('/api/indicators', {
    definition: { code, name: { ru: code, en: code }, group: 'work', measure, disaggregations: ['branch'], ...extra },
  });
  expect(created.statusCode, created.body).toBe(201);
  const id = (created.json() as { id: string }).id;
  const res = await me.get(`/api/indicators/${id}/value?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as { result: { value: number | null; breakdown?: { key: string; value: number | null }[] } }).result;
}
const count = async (c: Count, query = Q1) => (await valueOf({ kind: 'count', of: c }, query)).value;

describe('referrals and their source (point 7)', () => {
  it('counts the families a source referred among the new ones', async () => {
    // Admitted in Q1: C2, C3, C4 = 3; of them referred by the guardianship service: C2 (R2) = 1.
    expect(await count(of('families', f('event', 'opened')))).toBe(3);
    expect(await count(of('families', f('event', 'opened'), f('referralSource', 'guardianship')))).toBe(1);
    // Under support in Q1 and referred by guardianship: C1 (R1, received before the period), C2 = 2.
    expect(await count(of('families', f('referralSource', 'guardianship')))).toBe(2);
    expect(await count(of('cases', f('referralSource', 'maternity_hospital')))).toBe(1);
  });

  it('counts referrals received in the period by source and by what became of them', async () => {
    // Received in Q1: R2, R3, R4, R5 = 4 (R1 before, R6 after).
    expect(await count(of('referrals'))).toBe(4);
    // Guardianship: R2, R4 = 2; signposted: R4; declined: R5; either: 2.
    expect(await count(of('referrals', f('referralSource', 'guardianship')))).toBe(2);
    expect(await count(of('referrals', f('referralStatus', 'signposted')))).toBe(1);
    expect(await count(of('referrals', f('referralStatus', 'signposted', 'declined')))).toBe(2);
    // By branch: M R2, R4; P R3, R5.
    const byBranch = await valueOf({ kind: 'count', of: of('referrals') }, `${Q1}&by=branch`);
    expect(byBranch.breakdown!.map((b) => [b.key, b.value]).sort()).toEqual(
      [
        [ids.branchM, 2],
        [ids.branchP, 2],
      ].sort(),
    );
  });
});

describe('returns to the centre (point 7)', () => {
  it('counts a check-in after an earlier stay ended, not a move between houses', async () => {
    // Checked in during Q1: S2 (F1, 02-01), S3 (F2, 01-16), S4 (F2 moved, 02-15), S5 (F3, 02-01),
    // S6 (F3, 03-01) = 5.
    expect(await count(of('stays', f('event', 'checked_in')))).toBe(5);
    // Returns: S2 (F1 left 01-10) and S6 (F3 left 02-20) = 2; S4 continues S3 (a move), S3 is F2's first.
    expect(await count(of('stays', f('event', 'returned')))).toBe(2);
    // In house P only: S6 = 1.
    expect(await count(of('stays', f('event', 'returned'), f('facilityId', ids.Fb!)))).toBe(1);
  });
});

describe('services by the member they were given to (point 12)', () => {
  it('tells mothers from children', async () => {
    // Given to a child: C1 child_specialist 02-01 = 1. To a mother: C1 ×3, C2, C3 02-10 = 5 (C3 03-10
    // names nobody: given to the family as a whole).
    expect(await count(of('services', f('memberRelation', 'child')))).toBe(1);
    expect(await count(of('services', f('memberRelation', 'mother')))).toBe(5);
    expect(await count(of('services'))).toBe(7);
  });
});

describe('the average of per-family shares (point 12)', () => {
  it('averages each family\u2019s own share instead of pooling the records', async () => {
    const measure: Measure = {
      kind: 'share_average',
      numerator: of('services', f('serviceCategory', 'psychological'), f('initiatedBy', 'client')),
      denominator: of('services', f('serviceCategory', 'psychological')),
    };
    // Psychological services in Q1: F1 3 (2 by her) → 2/3; F2 1 (1) → 1; F3 2 (0) → 0. Average
    // (0.6667 + 1 + 0) / 3 = 55.6 % — the pooled share would be 3/6 = 50 %.
    const value = await valueOf(measure, `${Q1}&by=branch`);
    expect(value.value).toBe(55.6);
    // Москва: F1 2/3, F2 1 → 83.3 %; Псков: F3 → 0 %.
    expect(value.breakdown!.map((b) => [b.key, b.value]).sort()).toEqual(
      [
        [ids.branchM, 83.3],
        [ids.branchP, 0],
      ].sort(),
    );
    expect((await valueOf({ kind: 'proportion', numerator: measure.numerator, denominator: measure.denominator })).value).toBe(50);
  });

  it('refuses parts over different subjects or a subject without persons', async () => {
    const bad = await me.post('/api/indicators', {
      definition: {
        code: 'bad_share',
        name: { ru: 'x', en: 'x' },
        measure: { kind: 'share_average', numerator: of('families'), denominator: of('stays') },
      },
    });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json() as { error: { fields: { path: string }[] } }).error.fields.map((x) => x.path);
    expect(fields).toEqual(expect.arrayContaining(['definition.measure.denominator.subject', 'definition.measure.numerator.subject']));
  });
});

describe('attendance and the house journal (point 12)', () => {
  it('counts distinct mothers at house meetings or workshops', async () => {
    // House meeting 01-15: F1 mother, F2 mother, F1 child; workshop 02-20: F1 mother → mothers F1, F2 = 2.
    expect(await count(of('attendance', f('groupKind', 'house_meeting', 'workshop'), f('relation', 'mother')))).toBe(2);
    // Any session in Q1: mothers F1, F2, F3 (club 03-01) = 3; the 2025-12-20 meeting is outside.
    expect(await count(of('attendance', f('relation', 'mother')))).toBe(3);
    expect(await count(of('attendance', f('relation', 'child')))).toBe(1);
  });

  it('counts journal entries by kind', async () => {
    // Walks in Q1: 01-20, 02-05 = 2 (04-01 after); all entries: + incident 03-02 = 3.
    expect(await count(of('house_journal', f('journalKind', 'walk')))).toBe(2);
    expect(await count(of('house_journal'))).toBe(3);
    expect(await count(of('house_journal', f('facilityId', ids.Fb!)))).toBe(0);
  });
});

describe('assessment scales (point 12)', () => {
  it('a named scale improved since the first assessment, at any time or on the latest', async () => {
    // Sensitivity +1 on an assessment in Q1: F1 (02-01: 3 − 2), F2 (03-01: 2 − 1) = 2; F3 was assessed once.
    expect(await count(of('assessments', f('scale', 'sensitivity'), f('scaleImprovedBy', 1)))).toBe(2);
    // On the latest one by 03-31: F1's 03-20 is 2.5 − 2 = 0.5 → only F2 = 1.
    expect(await count(of('assessments', f('scale', 'sensitivity'), f('scaleImprovedBy', 1), f('latest', 'true')))).toBe(1);
    // Warmth +1: F1 (03-20: 4 − 3) = 1.
    expect(await count(of('assessments', f('scale', 'warmth'), f('scaleImprovedBy', 1)))).toBe(1);
  });

  it('an own template\u2019s score and level', async () => {
    // Readiness ≥ 4 on any assessment in Q1: F1 (01-10: 4), F2 (5), F3 (4) = 3; on the latest: F1
    // now 3 → F2, F3 = 2.
    const ready = [f('templateCode', 'independence'), f('scale', 'readiness'), f('scoreAtLeast', 4)];
    expect(await count(of('assessments', ...ready))).toBe(3);
    expect(await count(of('assessments', ...ready, f('latest', 'true')))).toBe(2);
    expect(await count(of('assessments', f('scale', 'readiness'), f('scoreAtMost', 3)))).toBe(1);
    // Level high on some scale: F2 (sensitivity 01-20), F3 (readiness) = 2; on readiness: F3 = 1.
    expect(await count(of('assessments', f('level', 'high')))).toBe(2);
    expect(await count(of('assessments', f('scale', 'readiness'), f('level', 'high')))).toBe(1);
  });
});

describe('outcomes achieved in the period (point 12)', () => {
  it('by evidence or by the team\u2019s latest mark', async () => {
    // Evidence in Q1: F2's plan drawn up 01-25 (and her desired future); interaction improved: F2
    // (latest 03-01, sensitivity +1 over 01-20) and F1 (latest 03-20, warmth +1 over 2025-12-05).
    // F1's plan (2025-12-10) is before the period. Marks: F1 trust achieved 02-01; F3's achieved
    // 02-15 was overturned 03-01; F4's is after the period. Families: F1, F2 = 2.
    expect(await count(of('outcomes'))).toBe(2);
    expect(await count(of('outcomes', f('achievedBy', 'mark')))).toBe(1);
    expect(await count(of('outcomes', f('outcomeCode', 'plan_drawn_up')))).toBe(1);
    expect(await count(of('outcomes', f('outcomeCode', 'interaction_improved')))).toBe(2);
    expect(await count(of('outcomes', f('outcomeCode', 'trust_in_staff')))).toBe(1);
    // Through April: F4's mark of 04-03 counts too.
    expect(await count(of('outcomes', f('outcomeCode', 'trust_in_staff')), 'from=2026-01-01&to=2026-04-30')).toBe(2);
  });
});

describe('an indicator of one programme (point 7)', () => {
  it('names a programme of the organisation: another organisation\u2019s or an unknown one is refused', async () => {
    const other = await buildOrganization(t);
    const foreign = await system(t.engine, async (tx) => {
      const rows = await tx.execute<{ id: string }>(sql`insert into programmes (org_id, name, period_start, period_end)
        values (${other.orgId}, 'Чужая', '2026-01-01', '2026-12-31') returning id::text`);
      return rows.rows[0]!.id;
    });
    const definition = (programmeId: string) => ({
      code: `p_${made++}`,
      name: { ru: 'x', en: 'x' },
      measure: { kind: 'count', of: of('families') },
      programmeId,
    });
    for (const programmeId of [foreign, '00000000-0000-4000-8000-000000000000']) {
      const res = await me.post('/api/indicators', { definition: definition(programmeId) });
      expect(res.statusCode).toBe(400);
      expect((res.json() as { error: { fields: { path: string }[] } }).error.fields[0]!.path).toBe('definition.programmeId');
    }
    expect((await me.post('/api/indicators', { definition: definition(ids.B!) })).statusCode).toBe(201);
  });
});

describe('education and occupation of a member (point 12)', () => {
  it('are closed lists on the member, counted and broken down', async () => {
    const coordinator = await login(t, (await buildUser(t, org, ['coordinator'], [ids.branchM!])).email);
    const family = (await coordinator.get(`/api/families/${ids.F1}`)).json() as {
      members: { id: string; version: number; relation: string; firstName: string; birthDate: string; sex: string }[];
    };
    const mother = family.members.find((m) => m.id === ids['F1.mother'])!;
    const member = { relation: 'mother', firstName: mother.firstName, birthDate: mother.birthDate, sex: 'female' };
    const url = `/api/families/${ids.F1}/members/${mother.id}`;
    const bad = await coordinator.put(url, { member: { ...member, education: 'phd' }, version: mother.version });
    expect(bad.statusCode).toBe(400);
    expect((bad.json() as { error: { fields: { path: string }[] } }).error.fields[0]!.path).toBe('member.education');
    const ok = await coordinator.put(url, {
      member: { ...member, education: 'higher', occupation: 'unemployed' },
      version: mother.version,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ education: 'higher', occupation: 'unemployed' });
    await system(t.engine, (tx) =>
      tx.execute(sql`update members set education = 'secondary_general', occupation = 'parental_leave' where id = ${ids['F2.mother']!}`),
    );
    // People under support in Q1 with higher education: F1's mother = 1; on parental leave: F2's = 1.
    expect(await count(of('people', f('education', 'higher')))).toBe(1);
    expect(await count(of('people', f('occupation', 'parental_leave', 'unemployed')))).toBe(2);
    // Families under support (F1–F4) by the mother's education: higher F1, secondary F2, not stated F3, F4.
    const byEducation = await valueOf({ kind: 'count', of: of('families') }, `${Q1}&by=education`, { disaggregations: ['education'] });
    expect(byEducation.breakdown!.map((b) => [b.key, b.value])).toEqual([
      ['', 2],
      ['higher', 1],
      ['secondary_general', 1],
    ]);
  });
});
