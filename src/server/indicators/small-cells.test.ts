// Small cells in indicator breakdowns (issue 11, defect 6): shown to someone who cannot open the cases
// behind them, a count below the organisation's threshold reads "<N" and a share on one "—", as the
// funder exports show them; the coordinators of every branch behind a figure see it exactly. On the
// hand-built world of ../testing/indicators.ts (Q1 2026: Москва F1, F2, F4; Псков F3, F5, F7).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIndicatorWorld, type IndicatorWorld } from '../testing/indicators.js';
import { buildUser, login, buildTestApp, type Client, type TestApp } from '../testing/harness.js';

let t: TestApp;
let w: IndicatorWorld;
const c: Record<string, Client> = {};

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildIndicatorWorld(t);
  const users = {
    me: [['me_officer'], [w.branchM, w.branchP]],
    director: [['admin'], [w.branchM, w.branchP]],
    coordM: [['coordinator'], [w.branchM]],
    coordBoth: [['coordinator'], [w.branchM, w.branchP]],
    supervisorBoth: [
      ['supervisor', 'me_officer'],
      [w.branchM, w.branchP],
    ],
  } as const;
  for (const [name, [roles, branches]] of Object.entries(users))
    c[name] = await login(t, (await buildUser(t, w.org, [...roles], [...branches])).email);
}, 180_000);
afterAll(() => t.close());

type Row = { key: string; label: string; value: number | null; numerator?: number; denominator?: number; suppressed?: string };

async function breakdown(who: string, code: string, by: string, extra = '') {
  const list = (await c[who]!.get('/api/indicators')).json() as { items: { id: string; code: string }[] };
  const id = list.items.find((i) => i.code === code)!.id;
  const res = await c[who]!.get(`/api/indicators/${id}/value?from=2026-01-01&to=2026-03-31&by=${by}${extra}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().result as { value: number; breakdown: Row[] };
}

const cells = (rows: Row[]) => rows.map((r) => [r.label, r.suppressed ?? r.value]).sort();

describe('who sees small cells exactly', () => {
  it('the M&E officer and a director without case access get "<5" for counts under the threshold; totals stay', async () => {
    for (const who of ['me', 'director']) {
      const branch = await breakdown(who, 'families_supported', 'branch');
      expect(branch.value, who).toBe(6);
      expect(branch.breakdown, who).toEqual([
        expect.objectContaining({ label: expect.any(String), value: null, suppressed: '<5' }),
        expect.objectContaining({ label: expect.any(String), value: null, suppressed: '<5' }),
      ]);
      const citizenship = await breakdown(who, 'families_supported', 'citizenship');
      expect(cells(citizenship.breakdown), who).toEqual([
        ['Россия', '<5'],
        ['Таджикистан', '<5'],
        ['Украина', '<5'],
      ]);
    }
  });

  it('a share on a small count is "—", with neither of its parts', async () => {
    const share = await breakdown('me', 'plans_on_time_share', 'branch');
    for (const row of share.breakdown) {
      expect(row).toEqual({ key: row.key, label: row.label, value: null, suppressed: '—' });
    }
  });

  it('a coordinator sees her own branch exactly and the other suppressed; the whole organisation suppressed unless she answers for all of it', async () => {
    const branch = await breakdown('coordM', 'families_supported', 'branch');
    expect(cells(branch.breakdown)).toEqual([
      ['Москва', 3],
      ['Псков', '<5'],
    ]);
    const organisation = await breakdown('coordM', 'families_supported', 'citizenship');
    expect(organisation.breakdown.every((r) => r.suppressed === '<5' && r.value === null)).toBe(true);
    // Москва alone: F1 RU, F2 TJ, F4 RU — every case hers to open.
    const own = await breakdown('coordM', 'families_supported', 'citizenship', `&branchId=${w.branchM}`);
    expect(cells(own.breakdown)).toEqual([
      ['Россия', 2],
      ['Таджикистан', 1],
    ]);
    const other = await breakdown('coordM', 'families_supported', 'citizenship', `&branchId=${w.branchP}`);
    expect(other.breakdown.every((r) => r.suppressed === '<5')).toBe(true);
  });

  it('the coordinator or supervisor of every branch sees every cell exactly, parts of shares included', async () => {
    for (const who of ['coordBoth', 'supervisorBoth']) {
      expect(cells((await breakdown(who, 'families_supported', 'citizenship')).breakdown), who).toEqual([
        ['Россия', 4],
        ['Таджикистан', 1],
        ['Украина', 1],
      ]);
      const share = await breakdown(who, 'plans_on_time_share', 'branch');
      expect(share.breakdown.map((r) => [r.label, r.value, r.numerator, r.denominator]).sort(), who).toEqual([
        ['Москва', 66.7, 2, 3],
        ['Псков', 33.3, 1, 3],
      ]);
    }
  });

  it("follows the organisation's threshold: a cell at or above it is shown, zero never hidden", async () => {
    const admin = c.director!;
    const settings = (await admin.get('/api/reports/settings')).json();
    const res = await admin.put('/api/reports/settings', {
      smallCellThreshold: 2,
      percentDigits: settings.percentDigits,
      version: settings.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    try {
      expect(cells((await breakdown('me', 'families_supported', 'citizenship')).breakdown)).toEqual([
        ['Россия', 4],
        ['Таджикистан', '<2'],
        ['Украина', '<2'],
      ]);
    } finally {
      const now = (await admin.get('/api/reports/settings')).json();
      await admin.put('/api/reports/settings', {
        smallCellThreshold: settings.smallCellThreshold,
        percentDigits: now.percentDigits,
        version: now.version,
      });
    }
  });
});

describe('a value narrowed to one branch is that branch’s cell', () => {
  type Result = { value: number | null; numerator?: number; denominator?: number; suppressed?: string; breakdown?: Row[] };
  async function value(who: string, code: string, extra: string): Promise<Result> {
    const list = (await c[who]!.get('/api/indicators')).json() as { items: { id: string; code: string }[] };
    const id = list.items.find((i) => i.code === code)!.id;
    const res = await c[who]!.get(`/api/indicators/${id}/value?from=2026-01-01&to=2026-03-31${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().result as Result;
  }
  async function values(who: string, extra: string): Promise<Map<string, Result>> {
    const res = await c[who]!.get(`/api/indicators/values?from=2026-01-01&to=2026-03-31${extra}`);
    expect(res.statusCode, res.body).toBe(200);
    return new Map((res.json().items as { code: string; result: Result }[]).map((i) => [i.code, i.result]));
  }

  it('without a breakdown: "<5" (a share "—", without its parts) to the M&E officer, a director and another branch’s coordinator', async () => {
    for (const [who, branch] of [
      ['me', w.branchM],
      ['me', w.branchP],
      ['director', w.branchP],
      ['coordM', w.branchP],
    ] as const) {
      expect(await value(who, 'families_supported', `&branchId=${branch}`), who).toEqual({ value: null, suppressed: '<5' });
      expect(await value(who, 'plans_on_time_share', `&branchId=${branch}`), who).toEqual({ value: null, suppressed: '—' });
      // Nor by another breakdown of it, nor through the list of every indicator's value.
      const byCitizenship = await value(who, 'families_supported', `&branchId=${branch}&by=citizenship`);
      expect(byCitizenship.value, who).toBeNull();
      expect(byCitizenship.suppressed, who).toBe('<5');
      expect(
        byCitizenship.breakdown!.every((r) => r.value === null || r.value === 0),
        who,
      ).toBe(true);
      const all = await values(who, `&branchId=${branch}`);
      expect(all.get('families_supported'), who).toEqual({ value: null, suppressed: '<5' });
      expect(all.get('plans_on_time_share'), who).toEqual({ value: null, suppressed: '—' });
    }
    // The organisation's totals stay as they are.
    expect((await value('me', 'families_supported', '')).value).toBe(6);
    expect((await values('me', '')).get('families_supported')).toEqual({ value: 6 });
  });

  it('the branch’s own coordinator, and the coordinator or supervisor of every branch, read it exactly', async () => {
    for (const who of ['coordM', 'coordBoth', 'supervisorBoth']) {
      expect(await value(who, 'families_supported', `&branchId=${w.branchM}`), who).toEqual({ value: 3 });
      expect(await value(who, 'plans_on_time_share', `&branchId=${w.branchM}`), who).toMatchObject({
        value: 66.7,
        numerator: 2,
        denominator: 3,
      });
      expect((await values(who, `&branchId=${w.branchM}`)).get('families_supported'), who).toEqual({ value: 3 });
    }
    for (const who of ['coordBoth', 'supervisorBoth'])
      expect(await value(who, 'families_supported', `&branchId=${w.branchP}&by=citizenship`), who).toMatchObject({ value: 3 });
  });
});
