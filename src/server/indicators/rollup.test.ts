// The monthly service totals (service_rollup, migration 0014) and the daily counts per branch
// (service_days, same migration) give exactly what the service rows give: for periods of whole
// months, with partial edges and with no whole month, in total and by branch — also after a
// service is withdrawn, a case moves to another branch and a service is deleted, which the
// database's triggers must follow. The expected figures are counted here from
// the rows with plain SQL, independently of the engine. Runs on both engines.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';
import { buildIndicatorWorld, type IndicatorWorld } from '../testing/indicators.js';

let t: TestApp;
let w: IndicatorWorld;
let me: Client;

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildIndicatorWorld(t);
  // Also coordinator of every branch, so breakdown cells are exact (./small-cells.test.ts tests suppression).
  me = await login(t, (await buildUser(t, w.org, ['me_officer', 'coordinator'], w.org.branchIds)).email);
});
afterAll(() => t.close());

const TYPES: Record<string, { codes: string[]; hours: boolean }> = {
  psy_consultations: { codes: ['psy_individual', 'psy_group'], hours: false },
  legal_consultations: { codes: ['legal_consultation'], hours: false },
  consultation_hours: { codes: ['psy_individual', 'psy_group', 'family_mediation', 'child_specialist'], hours: true },
};
const PERIODS = [
  ['2026-01-01', '2026-03-31'], // whole months only
  ['2025-12-15', '2026-04-10'], // whole months and both edges
  ['2026-02-03', '2026-02-20'], // no whole month
];

/** The figure in total and per branch, counted straight from the service rows. */
async function fromRows(code: string, from: string, to: string) {
  const { codes, hours } = TYPES[code]!;
  const rows = await system(t.engine, (tx) =>
    tx.execute<{ branch_id: string; v: string }>(sql`
      select c.branch_id::text, ${hours ? sql`sum(s.duration_minutes) / 60.0` : sql`count(*)`} as v
      from services s join cases c on c.id = s.case_id join service_types st on st.id = s.type_id
      where s.org_id = ${w.org.orgId} and s.date between ${from} and ${to} and not s.withdrawn
        and st.code = any(${sql.param(codes)}::text[])
      group by c.branch_id`),
  );
  const byBranch = Object.fromEntries(rows.rows.map((r) => [r.branch_id, Math.round(Number(r.v) * 100) / 100]));
  const total = Math.round(Object.values(byBranch).reduce((a, b) => a + b, 0) * 100) / 100;
  return { total, byBranch };
}

async function fromEngine(code: string, from: string, to: string) {
  const list = (await me.get('/api/indicators')).json() as { items: { id: string; code: string }[] };
  const id = list.items.find((i) => i.code === code)!.id;
  const res = await me.get(`/api/indicators/${id}/value?from=${from}&to=${to}&by=branch`);
  expect(res.statusCode, res.body).toBe(200);
  const result = res.json().result as { value: number; breakdown: { key: string; value: number }[] };
  return { total: result.value, byBranch: Object.fromEntries(result.breakdown.filter((b) => b.value !== 0).map((b) => [b.key, b.value])) };
}

/** The daily counts per branch (service_days, migration 0014) against the rows, day by day. */
async function expectDaysSameAsRows() {
  const [days, rows] = await system(t.engine, async (tx) => [
    await tx.execute<{ k: string; n: number }>(sql`select branch_id || ' ' || date || ' ' || type_id as k, services as n
      from service_days where org_id = ${w.org.orgId} and services <> 0 order by k`),
    await tx.execute<{ k: string; n: number }>(sql`select c.branch_id || ' ' || s.date || ' ' || s.type_id as k, count(*)::int as n
      from services s join cases c on c.id = s.case_id where s.org_id = ${w.org.orgId} and not s.withdrawn group by 1 order by k`),
  ]);
  expect(rows.rows.length).toBeGreaterThan(0);
  expect(days.rows.map((r) => [r.k, Number(r.n)])).toEqual(rows.rows.map((r) => [r.k, Number(r.n)]));
}

async function expectSameAsRows() {
  await expectDaysSameAsRows();
  for (const code of Object.keys(TYPES))
    for (const [from, to] of PERIODS)
      expect(await fromEngine(code, from!, to!), `${code} ${from}…${to}`).toEqual(await fromRows(code, from!, to!));
}

describe('service counts from the monthly totals', () => {
  it('equal the counts from the rows, whatever the period', async () => {
    const q1 = await fromRows('psy_consultations', '2026-01-01', '2026-03-31');
    expect(q1.total).toBeGreaterThan(0);
    await expectSameAsRows();
  });

  it('follow a withdrawn service, a case moved to another branch and a deleted service', async () => {
    await system(t.engine, async (tx) => {
      await tx.execute(sql`update services set withdrawn = true, withdrawn_reason = 'ошибка'
        where id = (select id from services where case_id = ${w.cases.C1} and not withdrawn order by date limit 1)`);
      await tx.execute(sql`update cases set branch_id = ${w.branchP} where id = ${w.cases.C1}`);
      await tx.execute(
        sql`delete from services where id = (select id from services where case_id = ${w.cases.C3} order by date desc limit 1)`,
      );
    });
    await expectSameAsRows();
  });
});
