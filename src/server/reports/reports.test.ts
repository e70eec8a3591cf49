// Plan vs actual through the real HTTP app: targets (validation naming the row and field, nothing
// written on error, 409 on a stale row), the report's figures against hand-counted fixtures, the
// narrative, the records behind a figure per caller, and the XLSX and PDF read back from the bytes.
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildTestApp, type TestApp } from '../testing/harness.js';
import { buildReportsWorld, client, PERIOD, type ReportsWorld } from '../testing/reports.js';

let t: TestApp;
let w: ReportsWorld;

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildReportsWorld(t);
});
afterAll(() => t.close());

const targetsUrl = () => `/api/programmes/${w.programmeId}/targets`;
const reportUrl = (extra = '') => `/api/reports/plan-vs-actual?programmeId=${w.programmeId}&from=${PERIOD.from}&to=${PERIOD.to}${extra}`;

async function targetCount(): Promise<number> {
  return system(t.engine, async (tx) => {
    const rows = await tx.execute<{ n: number }>(sql`select count(*)::int as n from indicator_targets where org_id = ${w.org.orgId}`);
    return Number(rows.rows[0]!.n);
  });
}

async function auditCount(recordType: string): Promise<number> {
  return system(t.engine, async (tx) => {
    const rows = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from audit_log where org_id = ${w.org.orgId} and record_type = ${recordType}`,
    );
    return Number(rows.rows[0]!.n);
  });
}

async function pdfText(buffer: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}

async function familyNames(): Promise<string[]> {
  return system(t.engine, async (tx) => {
    const rows = await tx.execute<{ name: string; last_name: string }>(
      sql`select f.name, m.last_name from families f join members m on m.family_id = f.id where f.org_id = ${w.org.orgId}`,
    );
    return rows.rows.flatMap((r) => [r.name, r.last_name]).filter((n) => n.length > 3);
  });
}

describe('targets', () => {
  it('refuses a bad batch naming the row and field, and writes nothing', async () => {
    const before = await targetCount();
    const cases = [
      {
        body: {
          ...PERIOD,
          targets: [
            { indicatorId: w.indicators.families, branchId: null, planned: 10 },
            { indicatorId: w.indicators.opened, planned: -1 },
          ],
        },
        path: 'targets.1.planned',
      },
      {
        body: {
          ...PERIOD,
          targets: [
            { indicatorId: w.indicators.families, planned: 10 },
            { indicatorId: crypto.randomUUID(), planned: 3 },
          ],
        },
        path: 'targets.1.indicatorId',
      },
      {
        body: { ...PERIOD, targets: [{ indicatorId: w.indicators.families, branchId: crypto.randomUUID(), planned: 3 }] },
        path: 'targets.0.branchId',
      },
      { body: { from: '2026-12-31', to: '2026-01-01', targets: [{ indicatorId: w.indicators.families, planned: 3 }] }, path: 'to' },
      {
        body: {
          ...PERIOD,
          targets: [
            { indicatorId: w.indicators.families, planned: 3 },
            { indicatorId: w.indicators.families, planned: 4 },
          ],
        },
        path: 'targets.1.indicatorId',
      },
    ];
    for (const c of cases) {
      const res = await w.me.put(targetsUrl(), c.body);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(c.path);
    }
    expect(await targetCount()).toBe(before);
  });

  it('saves a batch in total and per branch, audits it, and answers 409 on a stale row without writing', async () => {
    const [a, b] = w.org.branchIds as [string, string];
    const res = await w.me.put(targetsUrl(), {
      ...PERIOD,
      targets: [
        { indicatorId: w.indicators.families, branchId: null, planned: 10 },
        { indicatorId: w.indicators.families, branchId: a, planned: 7 },
        { indicatorId: w.indicators.families, branchId: b, planned: 3 },
        { indicatorId: w.indicators.opened, branchId: null, planned: 12 },
        { indicatorId: w.indicators.share, branchId: null, planned: 50 },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json().items as { indicatorId: string; branchId: string | null; planned: number; version: number }[];
    expect(saved).toHaveLength(5);
    expect(await auditCount('indicator_target')).toBe(5);
    const total = saved.find((s) => s.indicatorId === w.indicators.families && s.branchId === null)!;

    const listed = await w.coordA.get(`${targetsUrl()}?from=${PERIOD.from}&to=${PERIOD.to}`);
    expect(listed.json().items).toHaveLength(5);
    // The programme's own period is the default.
    expect((await w.coordA.get(targetsUrl())).json().items).toHaveLength(5);
    expect((await w.coordA.get(`${targetsUrl()}?from=2026-01-01&to=2026-03-31`)).json().items).toHaveLength(0);

    const updated = await w.me.put(targetsUrl(), {
      ...PERIOD,
      targets: [{ indicatorId: w.indicators.families, planned: 9, version: total.version }],
    });
    expect(updated.statusCode, updated.body).toBe(200);
    // The same edit again is stale now; the batch's fresh row is not written either.
    const stale = await w.me.put(targetsUrl(), {
      ...PERIOD,
      targets: [
        { indicatorId: w.indicators.opened, branchId: a, planned: 5 },
        { indicatorId: w.indicators.families, planned: 11, version: total.version },
      ],
    });
    expect(stale.statusCode).toBe(409);
    // A "new" target where one exists already is stale too (someone created it meanwhile).
    expect((await w.me.put(targetsUrl(), { ...PERIOD, targets: [{ indicatorId: w.indicators.opened, planned: 1 }] })).statusCode).toBe(409);
    const after = (await w.me.get(targetsUrl())).json().items as { indicatorId: string; branchId: string | null; planned: number }[];
    expect(after).toHaveLength(5);
    expect(after.find((s) => s.indicatorId === w.indicators.families && s.branchId === null)!.planned).toBe(9);
    // Back to 10 for the report below.
    const v = (await w.me.get(targetsUrl()))
      .json()
      .items.find((s: { indicatorId: string; branchId: string | null }) => s.indicatorId === w.indicators.families && s.branchId === null);
    expect(
      (await w.me.put(targetsUrl(), { ...PERIOD, targets: [{ indicatorId: w.indicators.families, planned: 10, version: v.version }] }))
        .statusCode,
    ).toBe(200);
  });
});

describe('plan vs actual', () => {
  it('reports planned, achieved and percent in total and per branch, with the definition version', async () => {
    const res = await w.coordA.get(reportUrl());
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const [a, b] = w.org.branchIds as [string, string];
    const families = report.rows.find((r: { code: string }) => r.code === 't_families');
    // Eight families under support in 2026: six in branch A, two in B (see fixtures).
    expect(families).toMatchObject({ planned: 10, achieved: 8, percent: 80, definitionVersion: 1, unit: 'count' });
    expect(families.branches.find((x: { branchId: string }) => x.branchId === a)).toMatchObject({ planned: 7, achieved: 6, percent: 85.7 });
    // Branch B's cases are not coordinator A's to open: its two families are a small cell to her.
    expect(families.branches.find((x: { branchId: string }) => x.branchId === b)).toMatchObject({
      planned: 3,
      achieved: null,
      percent: null,
      suppressed: '<5',
    });
    const exact = (await w.coordB.get(reportUrl())).json().rows.find((r: { code: string }) => r.code === 't_families');
    expect(exact.branches.find((x: { branchId: string }) => x.branchId === b)).toMatchObject({ planned: 3, achieved: 2, percent: 66.7 });
    const opened = report.rows.find((r: { code: string }) => r.code === 't_opened');
    // Admitted in 2026: four of branch A (two came in 2025) and both of B.
    expect(opened).toMatchObject({ planned: 12, achieved: 6, percent: 50 });
    const share = report.rows.find((r: { code: string }) => r.code === 't_share_opened');
    expect(share).toMatchObject({ planned: 50, achieved: 75, percent: 150, numerator: 6, denominator: 8, unit: 'share' });
    expect(report.programme).toMatchObject({ name: 'Мамин дом 2026', funder: 'Фонд президентских грантов' });
    expect(report.abilities).toEqual({ manage: false, seeRecords: true });
    // No identities in the report: no family name anywhere in the answer.
    for (const name of await familyNames()) expect(res.body).not.toContain(name);
  });

  it('narrows to one branch, lists only targeted indicators unless asked for all, and refuses a reversed period', async () => {
    const [a] = w.org.branchIds as [string, string];
    const one = (await w.me.get(reportUrl(`&branchId=${a}`))).json();
    expect(one.rows.find((r: { code: string }) => r.code === 't_families')).toMatchObject({ achieved: 6 });
    expect(one.rows.find((r: { code: string }) => r.code === 't_families').branches).toHaveLength(1);
    const quarter = (await w.me.get(`/api/reports/plan-vs-actual?programmeId=${w.programmeId}&from=2026-01-01&to=2026-03-31`)).json();
    // No targets in that quarter: only what the library shows without one (families moved to post-support).
    expect(quarter.rows.map((r: { code: string }) => r.code)).toEqual(['families_post_support']);
    const all = (await w.me.get(`/api/reports/plan-vs-actual?programmeId=${w.programmeId}&from=2026-01-01&to=2026-03-31&all=true`)).json();
    expect(all.rows.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['t_families', 't_opened', 't_share_opened']));
    // Two families were under support in the first quarter: those admitted in 2025.
    expect(all.rows.find((r: { code: string }) => r.code === 't_families')).toMatchObject({ planned: null, achieved: 2, percent: null });
    const reversed = await w.me.get(`/api/reports/plan-vs-actual?programmeId=${w.programmeId}&from=2026-05-01&to=2026-04-01`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().error.fields[0].path).toBe('query.to');
  });

  it('keeps a narrative per indicator with versions (409 when stale)', async () => {
    const body = { programmeId: w.programmeId, ...PERIOD, indicatorId: w.indicators.families, text: 'Набор идёт по плану' };
    const created = await w.me.put('/api/reports/narratives', body);
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().version).toBe(1);
    expect((await w.me.put('/api/reports/narratives', body)).statusCode).toBe(409);
    const planted = await w.me.put('/api/reports/narratives', { ...body, text: '=HYPERLINK("http://evil.test","нажми")', version: 1 });
    expect(planted.statusCode).toBe(200);
    expect((await w.me.put('/api/reports/narratives', { ...body, text: 'x', version: 1 })).statusCode).toBe(409);
    const report = (await w.me.get(reportUrl())).json();
    expect(report.rows.find((r: { code: string }) => r.code === 't_families').narrative).toEqual({
      text: '=HYPERLINK("http://evil.test","нажми")',
      version: 2,
    });
    expect(await auditCount('report_narrative')).toBe(2);
  });
});

describe('small cells of the branch lines (issue 11, defect 6)', () => {
  type Line = { branchId: string; achieved: number | null; percent: number | null; numerator: number | null; suppressed?: string };
  const lines = async (who: typeof w.me, extra = '') => {
    const res = await who.get(reportUrl(extra));
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as { code: string; achieved: number | null; suppressed?: string; branches: Line[] }[];
    const [a, b] = w.org.branchIds as [string, string];
    const at = (code: string, branch: string) => rows.find((r) => r.code === code)!.branches.find((x) => x.branchId === branch)!;
    return { rows, a: (code: string) => at(code, a), b: (code: string) => at(code, b) };
  };

  it('the M&E officer, who opens no case, reads small branch lines as "<5" ("—" for a share) and the totals exactly', async () => {
    const { rows, a, b } = await lines(w.me);
    expect(a('t_families')).toMatchObject({ achieved: 6, percent: 85.7 });
    expect(a('t_opened')).toMatchObject({ achieved: null, percent: null, suppressed: '<5' });
    expect(b('t_families')).toEqual(expect.objectContaining({ achieved: null, percent: null, numerator: null, suppressed: '<5' }));
    expect(b('t_share_opened')).toEqual(expect.objectContaining({ achieved: null, numerator: null, denominator: null, suppressed: '—' }));
    expect(rows.find((r) => r.code === 't_families')).toMatchObject({ achieved: 8 });
    expect(rows.find((r) => r.code === 't_families')!.suppressed).toBeUndefined();
    // Narrowed to branch B, the total is branch B's cell: suppressed the same way.
    const narrowed = await lines(w.me, `&branchId=${w.org.branchIds[1]}`);
    expect(narrowed.rows.find((r) => r.code === 't_families')).toMatchObject({ achieved: null, suppressed: '<5' });
  });

  it('a coordinator reads her own branch exactly and the other’s small lines suppressed; one of both branches reads all', async () => {
    const coordB = await lines(w.coordB);
    expect(coordB.b('t_families')).toMatchObject({ achieved: 2, percent: 66.7 });
    expect(coordB.b('t_share_opened')).toMatchObject({ achieved: 100, numerator: 2, denominator: 2 });
    expect(coordB.a('t_opened')).toMatchObject({ achieved: null, suppressed: '<5' });
    expect(coordB.a('t_families')).toMatchObject({ achieved: 6 });
    expect((await lines(w.coordB, `&branchId=${w.org.branchIds[1]}`)).rows.find((r) => r.code === 't_families')).toMatchObject({
      achieved: 2,
    });
    const both = await lines(await client(t, w.org, ['coordinator'], w.org.branchIds));
    expect(both.a('t_opened')).toMatchObject({ achieved: 4 });
    expect(both.b('t_families')).toMatchObject({ achieved: 2, percent: 66.7 });
    for (const row of both.rows) for (const line of row.branches) expect(line.suppressed).toBeUndefined();
  });
});

describe('records behind a figure', () => {
  const url = (extra = '') =>
    `/api/reports/records?programmeId=${w.programmeId}&from=${PERIOD.from}&to=${PERIOD.to}&indicatorId=${w.indicators.families}${extra}`;

  it("lists the coordinator's branch cases and counts the rest", async () => {
    const res = await w.coordA.get(url());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ total: 8, outsideScope: 2, identitiesHidden: false });
    expect(body.items.map((i: { caseId: string }) => i.caseId).sort()).toEqual([...w.casesA].sort());
    expect(body.items[0]).toMatchObject({ programmeName: 'Мамин дом 2026', branchName: 'Москва' });
    expect(body.items[0].familyName.length).toBeGreaterThan(0);
  });

  it('gives a case worker (whose role was granted the figures) only the cases of their team', async () => {
    const roles = (await w.admin.get('/api/roles')).json().items as { code: string; permissions: string[]; version: number }[];
    const worker = roles.find((r) => r.code === 'case_worker')!;
    const granted = await w.admin.put('/api/roles/case_worker', {
      permissions: [...worker.permissions, 'indicators.read'],
      version: worker.version,
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const fresh = await client(t, w.org, ['case_worker']);
    expect((await fresh.get(url())).json()).toMatchObject({ total: 8, outsideScope: 8, items: [] });
    const res = await w.workerA.get(url());
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .items.map((i: { caseId: string }) => i.caseId)
        .sort(),
    ).toEqual([...w.workerCases].sort());
    expect(res.json().outsideScope).toBe(5);
    await w.admin.put('/api/roles/case_worker', { permissions: worker.permissions, version: worker.version + 1 });
  });

  it('gives the M&E officer the count only, never identities, and audits every read', async () => {
    const before = await auditCount('indicator_records');
    const res = await w.me.get(url(`&branchId=${w.org.branchIds[0]}`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ total: 6, outsideScope: 6, identitiesHidden: true, items: [] });
    // Branch B's two families are a small cell to her: the records behind it do not give them back.
    const small = await w.me.get(url(`&branchId=${w.org.branchIds[1]}`));
    expect(small.json()).toEqual({ total: null, outsideScope: null, suppressed: '<5', identitiesHidden: true, items: [] });
    // Nor to coordinator A; branch B's own coordinator sees them.
    expect((await w.coordA.get(url(`&branchId=${w.org.branchIds[1]}`))).json()).toMatchObject({ total: null, suppressed: '<5', items: [] });
    expect((await w.coordB.get(url(`&branchId=${w.org.branchIds[1]}`))).json()).toMatchObject({ total: 2, outsideScope: 0 });
    for (const name of await familyNames()) expect(res.body).not.toContain(name);
    const numerator = (await w.me.get(`${url().replace(w.indicators.families, w.indicators.share)}&part=denominator`)).json();
    expect(numerator.total).toBe(8);
    expect(await auditCount('indicator_records')).toBe(before + 5);
  });
});

describe('exports', () => {
  const exportUrl = (format: 'xlsx' | 'pdf', audience: 'internal' | 'external') =>
    `/api/reports/plan-vs-actual.${format}?programmeId=${w.programmeId}&from=${PERIOD.from}&to=${PERIOD.to}&audience=${audience}`;

  // The lines of the test's own indicators: the library's post-support row, shown without a target, comes first.
  const ours = (rows: unknown[][]) => rows.slice(rows.findIndex((r) => r[0] === 'Семьи на сопровождении'));

  async function sheetValues(buffer: Buffer): Promise<unknown[][]> {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    return rows;
  }

  it('exports XLSX with plan, fact and %, neutralised formulas, suppression for outside, no family names', async () => {
    const before = await auditCount('plan_vs_actual');
    const internal = await w.coordB.get(exportUrl('xlsx', 'internal'));
    expect(internal.statusCode, internal.body).toBe(200);
    expect(internal.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(internal.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(decodeURIComponent(String(internal.headers['content-disposition']).split("''")[1]!)).toBe(
      'Мамин дом 2026 2026-01-01–2026-12-31.xlsx',
    );
    const rows = await sheetValues(internal.rawPayload);
    const flat = rows.flat().map(String);
    expect(flat).toContain('Фонд президентских грантов');
    const families = rows.find((r) => r[0] === 'Семьи на сопровождении')!;
    expect(families.slice(0, 5)).toEqual(['Семьи на сопровождении', 10, 8, 80, 'v1']);
    // The planted narrative is text, prefixed so it cannot run as a formula.
    expect(families[5]).toBe('\'=HYPERLINK("http://evil.test","нажми")');
    expect(flat.some((v) => v.startsWith('='))).toBe(false);
    // Internal, to branch B's coordinator: its two families are shown as they are.
    const branchB = ours(rows).filter((r) => r[0] === 'Псков');
    // A percentage in whole per cent unless the organisation asks for decimals (2 of 3 = 66.7 → 67).
    expect(branchB[0]!.slice(1, 4)).toEqual([3, 2, 67]);
    for (const name of await familyNames()) expect(flat.join(' ')).not.toContain(name);

    const external = await w.me.get(exportUrl('xlsx', 'external'));
    expect(external.statusCode).toBe(200);
    const outside = await sheetValues(external.rawPayload);
    const outB = ours(outside).filter((r) => r[0] === 'Псков');
    // Two families → "<5", and the percentage that would give them back is not shown.
    expect(outB[0]!.slice(1, 4)).toEqual([3, '<5', '—']);
    // A share built on small counts (branch B: 2 of 2) is not shown either; the totals are.
    expect(outB[2]![2]).toBe('—');
    expect(outside.find((r) => r[0] === 'Семьи на сопровождении')!.slice(1, 4)).toEqual([10, 8, 80]);
    expect(
      outside
        .flat()
        .map(String)
        .some((v) => v.includes('<5') && v.includes('«')),
    ).toBe(true);
    expect(await auditCount('plan_vs_actual')).toBe(before + 2);
  });

  it('exports a Russian PDF with the table, plan and fact figures, page numbers and no family names', async () => {
    const res = await w.coordA.get(exportUrl('pdf', 'external'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const text = await pdfText(res.rawPayload);
    for (const heading of [
      'Отчёт о выполнении плановых показателей',
      'Показатель',
      'План',
      'Факт',
      'Грантодатель',
      'Мамин дом 2026',
      'Страница 1 из 1',
    ]) {
      expect(text).toContain(heading);
    }
    expect(text).toContain('Семьи на сопровождении');
    expect(text).toMatch(/10\s+8\s+80%/);
    expect(text).toContain('<5');
    for (const name of await familyNames()) expect(text).not.toContain(name);
  });

  it("speaks the user's language", async () => {
    const res = await w.me.request('GET', exportUrl('pdf', 'external'), undefined, { 'accept-language': 'en' });
    const text = await pdfText(res.rawPayload);
    for (const heading of ['Report on planned and achieved indicators', 'Indicator', 'Actual', 'Families under support', 'Page 1 of 1']) {
      expect(text).toContain(heading);
    }
  });

  it('numbers every page of a long report and repeats the table header', async () => {
    // Every shipped indicator (all=true) with its branch lines does not fit on one A4 page.
    const res = await w.me.get(`${exportUrl('pdf', 'internal')}&all=true`);
    expect(res.statusCode).toBe(200);
    const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await pdfjs.getDocument({ data: new Uint8Array(res.rawPayload) }).promise;
    expect(doc.numPages).toBeGreaterThan(1);
    for (let i = 1; i <= doc.numPages; i += 1) {
      const content = await (await doc.getPage(i)).getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str : '')).join(' ');
      expect(text).toContain(`Страница ${i} из ${doc.numPages}`);
      expect(text).toContain('Показатель');
    }
  });

  it('uses the threshold set by the admin (409 when stale)', async () => {
    const settings = (await w.admin.get('/api/reports/settings')).json();
    expect(settings.smallCellThreshold).toBe(5);
    expect((await w.admin.put('/api/reports/settings', { smallCellThreshold: 3, version: settings.version + 5 })).statusCode).toBe(409);
    const organization = (await w.admin.get('/api/organization')).json();
    expect((await w.admin.put('/api/reports/settings', { smallCellThreshold: 3, version: settings.version })).statusCode).toBe(200);
    // The same edit again is stale; the organisation's own settings form is not made stale by it.
    expect((await w.admin.put('/api/reports/settings', { smallCellThreshold: 4, version: settings.version })).statusCode).toBe(409);
    expect((await w.admin.get('/api/organization')).json().version).toBe(organization.version);
    expect((await w.admin.get('/api/reports/settings')).json()).toEqual({
      smallCellThreshold: 3,
      percentDigits: 0,
      version: settings.version + 1,
    });
    expect((await w.me.put('/api/reports/settings', { smallCellThreshold: 1, version: settings.version + 1 })).statusCode).toBe(403);
    const outside = await sheetValues((await w.me.get(exportUrl('xlsx', 'external'))).rawPayload);
    // With 3, branch B's two families are still hidden, branch A's four admissions are not.
    expect(
      ours(outside)
        .filter((r) => r[0] === 'Псков')[0]!
        .slice(1, 4),
    ).toEqual([3, '<3', '—']);
    expect(
      ours(outside)
        .filter((r) => r[0] === 'Москва')[1]!
        .slice(2, 3),
    ).toEqual([4]);
    // One decimal in percentages: branch B's 2 of 3 is 66.7 % of plan again.
    const digits = await w.admin.put('/api/reports/settings', { smallCellThreshold: 3, percentDigits: 1, version: settings.version + 1 });
    expect(digits.json()).toEqual({ smallCellThreshold: 3, percentDigits: 1, version: settings.version + 2 });
    const inside = await sheetValues((await w.coordB.get(exportUrl('xlsx', 'internal'))).rawPayload);
    expect(
      ours(inside)
        .filter((r) => r[0] === 'Псков')[0]!
        .slice(1, 4),
    ).toEqual([3, 2, 66.7]);
    // The M&E officer opens no case: even her internal export hides the small cell, as the app does.
    const hers = await sheetValues((await w.me.get(exportUrl('xlsx', 'internal'))).rawPayload);
    expect(
      ours(hers)
        .filter((r) => r[0] === 'Псков')[0]!
        .slice(1, 4),
    ).toEqual([3, '<3', '—']);
    expect(
      (await w.admin.put('/api/reports/settings', { smallCellThreshold: 3, percentDigits: 3, version: settings.version + 2 })).statusCode,
    ).toBe(400);
    const now = (await w.admin.get('/api/reports/settings')).json();
    await w.admin.put('/api/reports/settings', { smallCellThreshold: 5, percentDigits: 0, version: now.version });
  });

  it('shows an indicator of one programme only in that programme\u2019s report', async () => {
    const other = await system(t.engine, async (tx) => {
      const rows = await tx.execute<{ id: string }>(sql`insert into programmes (org_id, name, period_start, period_end)
        select org_id, 'Другая программа', '2026-01-01', '2026-12-31' from programmes where id = ${w.programmeId} returning id::text`);
      return rows.rows[0]!.id;
    });
    const definition = (code: string, programmeId: string) => ({
      code,
      name: { ru: code, en: code },
      measure: { kind: 'count', of: { subject: 'families', filters: [] } },
      programmeId,
    });
    expect((await w.admin.post('/api/indicators', { definition: definition('t_ours_only', w.programmeId) })).statusCode).toBe(201);
    expect((await w.admin.post('/api/indicators', { definition: definition('t_theirs_only', other) })).statusCode).toBe(201);
    const codes = async (programmeId: string) =>
      (
        (await w.me.get(`/api/reports/plan-vs-actual?programmeId=${programmeId}&from=2026-01-01&to=2026-03-31&all=true`)).json() as {
          rows: { code: string }[];
        }
      ).rows.map((r) => r.code);
    const ours = await codes(w.programmeId);
    expect(ours).toContain('t_ours_only');
    expect(ours).not.toContain('t_theirs_only');
    const theirs = await codes(other);
    expect(theirs).toContain('t_theirs_only');
    expect(theirs).not.toContain('t_ours_only');
  });
});
