// Services as recorded over three years (issue 5), on top of the casework dataset: about 20 per case
// on average (1 to 39), of the shipped types in realistic shares, dated between the case's opening and
// its closing (or today), by a member of the case team (sometimes two), with durations by type and
// notes on half of them. Two million rows are generated inside the database (INSERT … SELECT with a
// seeded random()), in 16 slices by case id, which takes a fraction of the time of sending them.
import { sql } from 'drizzle-orm';
import { system } from '../../src/server/db/gateway.js';
import type { Dataset } from '../lib/types.js';
import type { CaseworkData } from './casework.js';
import type { StaffData } from './staff.js';

/** Shares of the shipped types (by code) among recorded services; codes not listed get 1. */
const TYPE_WEIGHTS: Record<string, number> = {
  psy_individual: 20,
  psy_group: 4,
  legal_consultation: 10,
  legal_representation: 2,
  family_mediation: 4,
  medical_help: 6,
  documents_restoring: 6,
  benefits_application: 6,
  accompaniment: 8,
  employment_help: 4,
  home_visit: 12,
  supervisor_visit: 3,
  remote_consultation: 12,
  after_leaving_help: 2,
  child_specialist: 5,
};

export interface ServicesData {
  /** A case worker (that role only) of the biggest branch: records services to the open cases they lead. */
  workerEmail: string;
  workerId: string;
  /** Open cases the worker leads, each with its mother's member id (or null). */
  workerCases: { caseId: string; motherId: string | null }[];
  /** Types that may be recorded (not retired). */
  typeIds: string[];
  counts: Record<string, number>;
}

export const servicesDataset: Dataset<ServicesData, { staff: StaffData; casework: CaseworkData }> = {
  name: 'services',
  description: 'services over three years for every case (≈20 each), shipped types, durations, specialists from the team',
  after: ['staff', 'casework'],
  size: { option: 'services', default: 2_000_000, describe: 'number of service records (spread over all cases)' },
  async generate({ engine, size, needs, random, log }) {
    const { orgId, staff } = needs.staff;
    const branchId = needs.casework.branchIds[0]!;
    const query = <T>(statement: ReturnType<typeof sql>) =>
      system(engine, async (tx) => (await tx.execute<T & Record<string, unknown>>(statement)).rows);

    const types = await query<{ id: string; code: string }>(sql`select id::text, code from service_types where not retired order by code`);
    // The weighted pick is done in SQL from an array holding each type as often as its weight.
    const pool = types.flatMap((t) => Array<string>(TYPE_WEIGHTS[t.code] ?? 1).fill(t.id));
    const caseCount = Number((await query<{ n: number }>(sql`select count(*)::int as n from cases`))[0]!.n);
    const spread = Math.max(1, Math.round((2 * size) / caseCount) - 1);
    const started = performance.now();
    let written = 0;
    for (let slice = 0; slice < 16; slice++) {
      const prefix = slice.toString(16);
      const seed = random() * 2 - 1;
      const inserted = await system(engine, async (tx) => {
        await tx.execute(sql`select setseed(${seed})`);
        return tx.execute(sql`
          insert into services (org_id, case_id, type_id, date, duration_minutes, format, initiated_by, specialist_ids, note, created_by, created_at)
          select ${orgId}::uuid, x.case_id, x.type_id, x.date,
            case when t.unit = 'hours' then 60 + 30 * floor(x.r1 * 7)::int else (array[30, 45, 60, 60, 90])[1 + floor(x.r1 * 5)::int] end,
            (array['in_person', 'in_person', 'phone', 'online', 'home_visit', 'at_shelter'])[1 + floor(x.r2 * 6)::int],
            case when x.r3 < 0.35 then 'client' else 'team' end,
            case when x.r4 < 0.1 and cardinality(x.team) > 1 then array[x.team[1], x.team[2]] else array[x.team[1 + floor(x.r4 * cardinality(x.team))::int]] end,
            case when x.r5 < 0.5 then 'Обсудили с мамой ситуацию и следующие шаги (нагрузочный тест)' else '' end,
            x.team[1 + floor(x.r4 * cardinality(x.team))::int],
            x.date + make_interval(mins => 540 + floor(x.r2 * 540)::int)
          from (
            select c.id as case_id, c.team,
              (${`{${pool.join(',')}}`}::uuid[])[1 + floor(random() * ${pool.length})::int] as type_id,
              c.opened_on + floor(random() * (c.until - c.opened_on + 1))::int as date,
              random() as r1, random() as r2, random() as r3, random() as r4, random() as r5
            from (
              select c.id, c.opened_on, least(coalesce(c.closed_on, current_date), current_date) as until,
                (select array_agg(ct.user_id order by ct.role <> 'lead', ct.user_id) from case_team ct
                  where ct.case_id = c.id and ct.role <> 'volunteer') as team,
                1 + floor(random() * ${spread})::int as n
              from cases c where left(c.id::text, 1) = ${prefix}
            ) c cross join lateral generate_series(1, c.n) g
          ) x join service_types t on t.id = x.type_id`);
      });
      written += inserted.rowCount ?? 0;
      if (slice % 4 === 3) log(`${written} services written (${Math.round((performance.now() - started) / 100) / 10} s)`);
    }
    if (written === 0) {
      const counted = await query<{ n: number }>(sql`select count(*)::int as n from services`);
      written = Number(counted[0]!.n);
    }

    // The worker who records: only the case_worker role, in the biggest branch, leading the most open cases.
    const candidates = new Set(
      staff
        .filter((m) => m.active && m.roles.length === 1 && m.roles[0] === 'case_worker' && m.branchIds.join() === branchId)
        .map((m) => m.id),
    );
    const leads = await query<{ lead_id: string; n: number }>(sql`
      select lead_id::text, count(*)::int as n from cases where branch_id = ${branchId} and status <> 'closed'
      group by lead_id order by n desc, lead_id`);
    const worker = staff.find((m) => m.id === leads.find((row) => candidates.has(row.lead_id))?.lead_id);
    if (!worker) throw new Error('services: no case worker in the first branch; use more --users');
    const workerCases = await query<{ case_id: string; mother_id: string | null }>(sql`
      select c.id::text as case_id,
        (select m.id::text from members m where m.family_id = c.family_id and m.relation = 'mother' limit 1) as mother_id
      from cases c where c.lead_id = ${worker.id} and c.status <> 'closed' order by c.id`);
    return {
      workerEmail: worker.email,
      workerId: worker.id,
      workerCases: workerCases.map((row) => ({ caseId: row.case_id, motherId: row.mother_id })),
      typeIds: types.map((t) => t.id),
      counts: { services: written, serviceTypes: types.length, workerCases: workerCases.length },
    };
  },
  describe: (data) => data.counts,
};
