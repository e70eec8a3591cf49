// Indicators and results (issue 7) on top of the casework, plans, services and housing datasets:
// targets for every current indicator of the library for one programme-year — the programme with the
// most cases, the last full calendar year — in total and for each branch, as an M&E officer sets
// them from a grant agreement. The report and the dashboards then compute over the whole dataset.
import { sql } from 'drizzle-orm';
import { system } from '../../src/server/db/gateway.js';
import { bulkInsert } from '../lib/bulk.js';
import { uuidFrom } from '../lib/random.js';
import type { Dataset } from '../lib/types.js';
import type { CaseworkData } from './casework.js';
import { staffWithRole, type StaffData } from './staff.js';

export interface ResultsData {
  programmeId: string;
  from: string;
  to: string;
  /** An M&E officer (figures, no identities) and a coordinator of the biggest branch. */
  meEmail: string;
  coordinatorEmail: string;
  /** Who looks at the director's dashboard: a supervisor of the first three branches. */
  directorEmail: string;
  counts: Record<string, number>;
}

export const resultsDataset: Dataset<ResultsData, { staff: StaffData; casework: CaseworkData }> = {
  name: 'results',
  description: 'targets for every indicator of the library for the biggest programme’s last full year, in total and per branch',
  after: ['staff', 'casework', 'plans', 'services', 'housing'],
  size: { option: 'target-branches', default: 10, describe: 'branches with their own targets (besides the programme total)' },
  async generate({ engine, size, needs, random, log }) {
    const { orgId } = needs.staff;
    const query = <T>(statement: ReturnType<typeof sql>) =>
      system(engine, async (tx) => (await tx.execute<T & Record<string, unknown>>(statement)).rows);
    const [biggest] = await query<{ id: string; n: number }>(
      sql`select programme_id::text as id, count(*)::int as n from cases group by programme_id order by n desc limit 1`,
    );
    if (!biggest) throw new Error('results: no cases to report on');
    const year = new Date().getUTCFullYear() - 1;
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const indicators = await query<{ id: string }>(sql`select id::text from indicators where org_id = ${orgId} and not retired`);
    const branchIds = needs.casework.branchIds.slice(0, size);
    const rows: Record<string, unknown>[] = [];
    for (const indicator of indicators) {
      for (const branchId of [null, ...branchIds]) {
        rows.push({
          id: uuidFrom(random),
          org_id: orgId,
          programme_id: biggest.id,
          indicator_id: indicator.id,
          period_start: from,
          period_end: to,
          branch_id: branchId,
          planned: branchId === null ? 100 + Math.floor(random() * 900) : 10 + Math.floor(random() * 90),
        });
      }
    }
    await bulkInsert(
      engine,
      'indicator_targets',
      {
        id: 'uuid',
        org_id: 'uuid',
        programme_id: 'uuid',
        indicator_id: 'uuid',
        period_start: 'date',
        period_end: 'date',
        branch_id: 'uuid',
        planned: 'numeric',
      },
      rows,
    );
    log(`${indicators.length} indicators × ${branchIds.length + 1} targets for ${year} of the programme with ${biggest.n} cases`);
    const me = staffWithRole(needs.staff, 'me_officer')[0];
    const supervisor = staffWithRole(needs.staff, 'supervisor')[0];
    if (!me || !supervisor) throw new Error('results: the staff dataset has no M&E officer or supervisor; use more --users');
    return {
      programmeId: biggest.id,
      from,
      to,
      meEmail: me.email,
      coordinatorEmail: needs.casework.coordinatorEmail,
      directorEmail: supervisor.email,
      counts: { indicators: indicators.length, targets: rows.length, programmeCases: biggest.n },
    };
  },
  describe: (info) => info.counts,
};
