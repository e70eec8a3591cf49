// The demo lives: seeded on a fresh database, the current period shows real figures on the
// coordinator's, M&E and director's dashboards and in plan vs actual of a current programme, and
// today's occupancy stays the named families' (the history only ever checked out).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildTestApp, login, type TestApp } from '../testing/harness.js';
import { seedDemo } from './demo.js';

const PASSWORD = 'demo history password';
let t: TestApp;
let seconds = 0;

beforeAll(async () => {
  t = await buildTestApp();
  const started = Date.now();
  await seedDemo(t.engine, PASSWORD);
  seconds = (Date.now() - started) / 1000;
  process.stdout.write(`demo seeded in ${seconds.toFixed(1)} s (${t.engine.kind})\n`);
}, 120_000);
afterAll(() => t.close());

describe('the demo organisation', () => {
  it('seeds in a sane time (the README gives the measured first start)', () => {
    // A generous bound for a loaded machine; the real figure is a few seconds.
    expect(seconds).toBeLessThan(60);
  });

  it("shows this month's work and caseload on the coordinator's dashboard", async () => {
    const coordinator = await login(t, 'coordinator@demo.hearth', PASSWORD);
    const res = await coordinator.get('/api/dashboards/coordinator');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.services.thisMonth + body.services.lastMonth).toBeGreaterThan(10);
    expect(body.services.lastMonth).toBeGreaterThan(0);
    expect(body.consultations.lastMonth).toBeGreaterThan(0);
    expect(body.caseload.byStatus.active).toBeGreaterThan(5);
    expect(body.caseload.byStatus.post_support).toBeGreaterThan(0);
  });

  it('shows months of figures on the M&E dashboard and targets met in part on the director’s', async () => {
    const me = await login(t, 'me_officer@demo.hearth', PASSWORD);
    const res = await me.get('/api/dashboards/indicators?codes=families_supported,psy_consultations,residents');
    expect(res.statusCode).toBe(200);
    const series = res.json().series as { code: string; values: (number | null)[] }[];
    for (const s of series) expect(s.values.filter((v) => (v ?? 0) > 0).length, s.code).toBeGreaterThanOrEqual(6);
    const director = await login(t, 'admin@demo.hearth', PASSWORD);
    const programmes = (await director.get('/api/dashboards/programmes')).json().programmes as {
      name: string;
      familiesUnderSupport: number;
      indicators: { code: string; achieved: number | null }[];
    }[];
    expect(programmes.length).toBeGreaterThan(0);
    for (const p of programmes) {
      expect(p.familiesUnderSupport, p.name).toBeGreaterThan(0);
      if (p.indicators.length > 0) expect(p.indicators.filter((i) => (i.achieved ?? 0) > 0).length, p.name).toBeGreaterThan(0);
    }
  });

  it('fills plan vs actual of the shelter programme’s current year', async () => {
    const me = await login(t, 'me_officer@demo.hearth', PASSWORD);
    const programmes = await system(t.engine, (tx) =>
      tx.execute<{ id: string }>(sql`select id::text from programmes where name like 'Центр временного пребывания%'`),
    );
    const year = new Date().toISOString().slice(0, 4);
    const res = await me.get(`/api/reports/plan-vs-actual?programmeId=${programmes.rows[0]!.id}&from=${year}-01-01&to=${year}-12-31`);
    expect(res.statusCode).toBe(200);
    const rows = res.json().rows as { code: string; achieved: number | null }[];
    const achieved = Object.fromEntries(rows.map((r) => [r.code, r.achieved ?? 0]));
    for (const code of ['residents', 'families_admitted', 'psy_consultations', 'legal_consultations', 'average_stay_days'])
      expect(achieved[code], code).toBeGreaterThan(0);
  });

  it('keeps every place used by one stay at a time, and the history checked out before today', async () => {
    const overlaps = await system(t.engine, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from placements a join placements b
        on a.place_id = b.place_id and a.id < b.id
        and daterange(a.from_on, coalesce(a.to_on, 'infinity'), '[]') && daterange(b.from_on, coalesce(b.to_on, 'infinity'), '[]')`),
    );
    expect(overlaps.rows[0]!.n).toBe(0);
    const open = await system(t.engine, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from stays where check_out_on is null or check_out_on >= current_date`),
    );
    // Only Гульнара's stay is open today (the named demo families' board).
    expect(open.rows[0]!.n).toBe(1);
  });
});
