// Care lists' exports in the browser: the demo coordinator filters the register of mentors and
// downloads it as Excel (the XLSX read back: the names on screen, in the same order, the header in
// Russian), then downloads the post-support visits as CSV (the families on screen, `;` between
// fields, dates as ДД.ММ.ГГГГ); the specialists', follow-ups' and shifts' buttons carry the filters on
// screen (the shifts file downloaded).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloaded, unexpected } from './downloads.js';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

describe('care lists exports', () => {
  it('exports the register of mentors with the filter on screen, and the post-support visits', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();

    await page.goto('/mentoring/mentors');
    await page.getByTestId('mentor-row').first().waitFor();
    const all = await page.getByTestId('mentor-row').count();
    // Filter by the kind of the first mentor on screen: the file must hold the filtered rows only.
    const kind = (await page.getByTestId('mentor-row').first().locator('td').nth(1).textContent())!.trim();
    await page.getByRole('combobox', { name: 'Кто наставляет' }).click();
    await page.getByRole('option', { name: kind, exact: true }).click();
    await page.waitForFunction(
      ([expectedKind]) =>
        [...document.querySelectorAll('[data-testid="mentor-row"]')].every(
          (row) => row.querySelectorAll('td')[1]?.textContent === expectedKind,
        ),
      [kind],
    );
    const names = (await page.getByTestId('mentor-row').locator('td:first-child').allTextContents()).map((n) => n.trim());
    expect(names.length).toBeGreaterThan(0);
    const file = await downloaded(page, () => page.getByTestId('mentors-export-xlsx').click());
    expect(file.name).toMatch(/^Наставники .*\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Имя или название семьи');
    const exported: string[] = [];
    const kinds = new Set<string>();
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      exported.push(String(row.getCell(1).value));
      kinds.add(String(row.getCell(2).value));
    });
    expect(exported).toEqual(names);
    expect([...kinds]).toEqual([kind]);
    expect(exported.length).toBeLessThanOrEqual(all);

    await page.goto('/post-support');
    await page.getByTestId('page-title').waitFor();
    await page.getByTestId('post-support-export-csv').waitFor();
    await page.getByTestId('visit').first().waitFor();
    const families = (await page.getByTestId('visit').locator('td:first-child').allTextContents()).map((n) => n.trim());
    const csv = await downloaded(page, () => page.getByTestId('post-support-export-csv').click());
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.content
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Семья;Ведущий;В постсопровождении с;Последний визит;Визит до;Статус');
    expect(lines.slice(1).map((line) => line.split(';')[0])).toEqual(families);
    expect(lines[1]).toMatch(/;\d{2}\.\d{2}\.\d{4};/);
    await hearth.screenshot(page, 'exports-care-post-support-ru');
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });
  it('puts the export buttons, with the filters on screen, on the specialists, follow-ups and shifts pages', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    const href = (testId: string) => page.getByTestId(testId).getAttribute('href');

    await page.goto('/partners/specialists');
    await page.getByRole('textbox', { name: 'Город' }).fill('Псков');
    await expect.poll(() => href('specialists-export-xlsx')).toBe(`/api/specialists.xlsx?city=${encodeURIComponent('Псков')}`);

    await page.goto('/follow-ups');
    await page.getByTestId('follow-ups-export-csv').waitFor();
    expect(await href('follow-ups-export-csv')).toBe('/api/follow-ups.csv');
    await page.getByTestId('follow-up-filter').getByText('Просрочено').click();
    await expect.poll(() => href('follow-ups-export-csv')).toBe('/api/follow-ups.csv?status=overdue');

    await page.goto('/shifts');
    await page.getByTestId('shifts-export-xlsx').waitFor();
    expect(await href('shifts-export-xlsx')).toMatch(/^\/api\/shifts\.xlsx\?from=\d{4}-01-01$/);
    const file = await downloaded(page, () => page.getByTestId('shifts-export-xlsx').click());
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]!.getRow(1).getCell(1).value).toBe('Название');
    await hearth.screenshot(page, 'exports-care-shifts-ru');
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });
});
