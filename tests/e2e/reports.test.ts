// Plan vs actual in the browser. The M&E officer sets a target for a demo programme, sees planned /
// achieved / %, opens the records behind a figure (a count only: figures, not people) and downloads
// the XLSX and PDF, whose contents are read back here. Then the coordinator opens the same figure
// and sees the case links — and none of those family names is in the exported files.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return fs.readFileSync((await file.path())!);
}

async function pdfText(buffer: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer) }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}

async function xlsxRows(buffer: Buffer): Promise<unknown[][]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const rows: unknown[][] = [];
  workbook.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

const INDICATOR = 'Семьи на сопровождении';

describe('plan vs actual', () => {
  it('sets a target, shows plan vs actual, opens the records behind a figure, and exports XLSX and PDF', async () => {
    const { page } = await hearth.open({ width: 1400, height: 900 });
    await logIn(page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'План и факт' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('План и факт');
    // The shelter programme's seeded targets are listed for its own period, with their narratives.
    await page.getByTestId('programme-select').click();
    await page.getByRole('option', { name: 'Центр временного пребывания для мам с детьми' }).click();
    await page.locator('[data-testid="report-row"][data-code="psy_consultations"]').waitFor();
    const narratives = () =>
      page.getByLabel('Комментарий к показателю').evaluateAll((els) => els.map((e) => (e as HTMLTextAreaElement).value));
    await expect.poll(async () => (await narratives()).some((text) => text.startsWith('Шесть мест'))).toBe(true);

    // "Families under support" has no target yet: show all indicators and set one, total and Moscow.
    await page.getByTestId('show-all').click();
    const row = page.locator(`[data-testid="report-row"][data-code="families_supported"]`);
    await row.waitFor();
    await page.getByRole('button', { name: 'Изменить план' }).click();
    await page.getByLabel(`План: ${INDICATOR}`, { exact: true }).fill('40');
    await page.getByLabel(`План: ${INDICATOR} — Тёплый дом — Москва`).fill('25');
    await page.getByRole('button', { name: 'Сохранить план' }).click();
    await page.getByText('План сохранён').waitFor();
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('40');
    const fact = (await row.locator('td').nth(2).textContent())!.trim();
    const achieved = Number(fact.replace(/\s/g, ''));
    expect(achieved).toBeGreaterThan(0);
    const percent = `${(Math.round((achieved / 40) * 1000) / 10).toLocaleString('ru-RU')}%`;
    expect(await row.locator('td').nth(3).textContent()).toContain(percent);

    await page.getByTestId('show-all').click();
    await row.waitFor();
    await hearth.screenshot(page, 'reports-plan-vs-actual');

    // The M&E officer sees figures, not people: the count only.
    await row.getByRole('button', { name: `Открыть записи за цифрой ${fact}` }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('records-total').textContent()).toBe(`Всего записей: ${achieved}`);
    await dialog.getByTestId('records-count-only').waitFor();
    expect(await dialog.getByTestId('records-list').count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // Downloads: internal XLSX, then the funder's PDF.
    const xlsx = await xlsxRows(await download(page, 'download-xlsx'));
    const line = xlsx.find((r) => r[0] === INDICATOR)!;
    expect(line.slice(1, 3)).toEqual([40, achieved]);
    expect(xlsx.flat().map(String)).toContain('Центр временного пребывания для мам с детьми');
    await page.getByText('Для донора (малые числа скрыты)').click();
    const pdf = await pdfText(await download(page, 'download-pdf'));
    for (const text of ['Отчёт о выполнении плановых показателей', 'Фонд президентских грантов', INDICATOR, 'Страница 1 из']) {
      expect(pdf).toContain(text);
    }
    expect(pdf).toContain('40');

    // The coordinator of the branch opens the same figure and sees the cases, with links.
    const coordinator = await hearth.open({ width: 1400, height: 900 });
    await logIn(coordinator.page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await coordinator.page.getByRole('link', { name: 'План и факт' }).click();
    await coordinator.page.getByTestId('programme-select').click();
    await coordinator.page.getByRole('option', { name: 'Центр временного пребывания для мам с детьми' }).click();
    const coordRow = coordinator.page.locator(`[data-testid="report-row"][data-code="families_supported"]`);
    await coordRow.waitFor();
    await coordRow.getByRole('button', { name: /^Открыть записи за цифрой/ }).click();
    const list = coordinator.page.getByRole('dialog').getByTestId('records-list');
    await list.waitFor();
    const links = list.getByRole('link');
    expect(await links.count()).toBeGreaterThan(0);
    await hearth.screenshot(coordinator.page, 'reports-records');
    const names = (await links.allTextContents()).map((n) => n.trim()).filter(Boolean);
    const exported = `${xlsx.flat().map(String).join(' ')}\n${pdf}`;
    for (const name of names) expect(exported).not.toContain(name);
    await links.first().click();
    await expect.poll(() => coordinator.page.url()).toMatch(/\/cases\/[0-9a-f-]{36}/);

    // Two M&E officers edit the same target: the later save is told it is stale and sees the fresh plan.
    const other = await hearth.open({ width: 1400, height: 900 });
    await logIn(other.page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await other.page.getByRole('link', { name: 'План и факт' }).click();
    await other.page.getByTestId('programme-select').click();
    await other.page.getByRole('option', { name: 'Центр временного пребывания для мам с детьми' }).click();
    await other.page.locator(`[data-testid="report-row"][data-code="families_supported"]`).waitFor();
    await other.page.getByRole('button', { name: 'Изменить план' }).click();
    await other.page.getByLabel(`План: ${INDICATOR}`, { exact: true }).fill('45');
    await page.getByRole('button', { name: 'Изменить план' }).click();
    await page.getByLabel(`План: ${INDICATOR}`, { exact: true }).fill('42');
    await page.getByRole('button', { name: 'Сохранить план' }).click();
    await expect.poll(() => row.locator('td').nth(1).textContent()).toBe('42');
    await other.page.getByRole('button', { name: 'Сохранить план' }).click();
    await other.page.getByTestId('targets-conflict').waitFor();
    await expect.poll(() => other.page.getByLabel(`План: ${INDICATOR}`, { exact: true }).inputValue()).toBe('42');

    // The admin raises the small-count threshold on the organisation page; the funder's file follows.
    const admin = await hearth.open({ width: 1400, height: 900 });
    await logIn(admin.page, 'admin@demo.hearth', DEMO_PASSWORD);
    await admin.page.getByRole('link', { name: 'Организация' }).click();
    const threshold = admin.page.getByLabel('Порог малых чисел в отчётах для внешних');
    await threshold.fill('10');
    // The report settings' own save button (the threshold and the exports' percentage decimals).
    await admin.page
      .locator('form, .mantine-Paper-root')
      .filter({ has: threshold })
      .last()
      .getByRole('button', { name: 'Сохранить', exact: true })
      .click();
    await admin.page.getByText('Настройки отчётов сохранены').waitFor();
    const funder = await xlsxRows(await download(page, 'download-xlsx'));
    expect(achieved).toBeLessThan(10);
    expect(funder.find((r) => r[0] === INDICATOR)!.slice(1, 4)).toEqual([42, '<10', '—']);
  });
});
