// Documents and exports in the browser: the demo case worker generates the consent form from a case
// and downloads it (DOCX read back here: the family's name is in it; then the PDF), exports her case
// list to Excel (the XLSX read back: her cases, the header in Russian); the coordinator exports the
// trainings list (the same titles as on screen); the admin sees the document templates and the
// catalogue of placeholders.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import PizZip from 'pizzip';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

/**
 * Console errors other than the signed-out 401 before log-in and React's conditional use() warning
 * that the lazily loaded shell prints on this build (not of this area; reported to the lead).
 */
const unexpected = (errors: string[]) => errors.filter((e) => !e.includes('401') && !e.includes('conditional-use-of-use'));

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; content: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = await download.path();
  return { name: download.suggestedFilename(), content: fs.readFileSync(file) };
}

describe('documents and exports', () => {
  it('generates and downloads the consent form from a case, as DOCX and PDF', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'case_worker@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto(`/cases?q=${encodeURIComponent('Рахимова')}`);
    await page
      .getByRole('link', { name: /Рахимова/ })
      .first()
      .click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}/);

    await page.getByTestId('generate-document').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Шаблон').click();
    await page.getByRole('option', { name: 'Согласие на обработку персональных данных (совершеннолетний)' }).click();
    await dialog.getByText('О ком документ').waitFor();
    await hearth.screenshot(page, 'documents-generate-ru');
    const docx = await downloaded(page, () => dialog.getByTestId('document-download').click());
    expect(docx.name).toMatch(/^Согласие на обработку персональных данных.*\.docx$/);
    const xml = new PizZip(docx.content).file('word/document.xml')!.asText();
    expect(xml).toContain('Рахимова');
    expect(xml).toContain('152-ФЗ');
    expect(xml).not.toMatch(/\{[а-яё_.]+\}/);

    await page.getByTestId('generate-document').click();
    await page.getByRole('dialog').getByLabel('Шаблон').click();
    await page.getByRole('option', { name: 'Согласие на обработку персональных данных (совершеннолетний)' }).click();
    await page.getByRole('dialog').getByText('PDF', { exact: true }).click();
    const pdf = await downloaded(page, () => page.getByRole('dialog').getByTestId('document-download').click());
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.content.subarray(0, 4).toString()).toBe('%PDF');
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });

  it('exports the case list to Excel with the filters on screen', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'case_worker@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/cases?q=%D0%A0%D0%B0%D1%85%D0%B8%D0%BC%D0%BE%D0%B2%D0%B0');
    await page
      .getByRole('link', { name: /Рахимова/ })
      .first()
      .waitFor();
    const file = await downloaded(page, () => page.getByTestId('cases-export-xlsx').click());
    expect(file.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Семья');
    const families: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) families.push(String(row.getCell(1).value));
    });
    expect(families.length).toBeGreaterThan(0);
    expect(families.every((f) => f.includes('Рахимова'))).toBe(true);

    // Without a filter: as many rows as the list counts.
    await page.goto('/cases');
    await page.getByTestId('page-title').waitFor();
    const all = await downloaded(page, () => page.getByTestId('cases-export-csv').click());
    const lines = all.content
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toContain('Семья;');
    expect(lines.length).toBeGreaterThan(families.length);
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });

  it('exports the trainings list to Excel from its page', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/trainings');
    await page.getByTestId('trainings-export-xlsx').waitFor();
    const titles = await page.locator('table tbody tr td:first-child a').allTextContents();
    expect(titles.length).toBeGreaterThan(0);
    const file = await downloaded(page, () => page.getByTestId('trainings-export-xlsx').click());
    expect(file.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.content as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Тема');
    const exported: string[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) exported.push(String(row.getCell(1).value));
    });
    expect(exported).toEqual(titles.map((title) => title.trim()));
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });

  it('shows the admin the document templates and the placeholders', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'admin@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/admin/document-templates');
    await page.getByTestId('templates-table').waitFor();
    await page.getByText('Акт приёма-передачи материальной помощи').waitFor();
    await page.getByRole('tab', { name: 'Поля для шаблонов' }).click();
    await page.getByText('{заявитель.фио}', { exact: true }).first().waitFor();
    await page.getByText('ФИО заявителя').waitFor();
    await hearth.screenshot(page, 'documents-templates-ru');
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });
});
