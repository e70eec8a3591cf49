// List exports in the browser, from the lists built in their route's handler: the demo coordinator
// downloads the volunteers' register as Excel (the XLSX read back: the names on screen, in the same
// order, the header in Russian), filters it by a status and downloads it as CSV (only the filtered
// volunteers, the status in words, `;` between fields); then records a consultation for a
// specialist and downloads the consultations as Excel and CSV (every row on screen, in order, with
// its date, topic and length; dates as ДД.ММ.ГГГГ in the CSV). The admin exports the staff with the
// role filter on screen (the e-mails on screen, nothing of a password).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows, sheetRows } from '../../src/server/testing/exports.js';
import { downloaded, unexpected } from './downloads.js';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('list exports from the volunteers and consultations pages', () => {
  it('exports the volunteers on screen, then only those of the status chosen', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/volunteers');
    const names = page.locator('table tbody tr td:first-child button');
    await names.first().waitFor();
    const onScreen = (await names.allTextContents()).map((n) => n.trim());
    expect(onScreen.length).toBeGreaterThan(3);

    const file = await downloaded(page, () => page.getByTestId('volunteers-export-xlsx').click());
    expect(file.name).toMatch(/^Волонтёры .*\.xlsx$/);
    const rows = await sheetRows(file.content);
    expect(rows[0]![0]).toBe('ФИО');
    expect(rows.slice(1).map((r) => r[0])).toEqual(onScreen);

    // The status filter on screen goes into the file: the active volunteers only.
    await page.getByRole('combobox', { name: 'Статус' }).click();
    await page.getByRole('option', { name: 'Активен', exact: true }).click();
    await expect.poll(async () => (await names.allTextContents()).length).toBeLessThan(onScreen.length);
    const active = (await names.allTextContents()).map((n) => n.trim());
    expect(active.length).toBeGreaterThan(0);
    const csv = csvRows((await downloaded(page, () => page.getByTestId('volunteers-export-csv').click())).content);
    expect(csv[0]![0]).toBe('ФИО');
    const status = csv[0]!.indexOf('Статус');
    expect(csv.slice(1).map((r) => r[0])).toEqual(active);
    expect(new Set(csv.slice(1).map((r) => r[status]))).toEqual(new Set(['Активен']));
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });

  it('exports the consultations for specialists on screen, a new one included', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/trainings/consultations');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Консультации специалистам');
    await page.locator('table tbody tr').first().waitFor();
    // The specialist of the demo's consultation, by surname (the first word of the specialists' cell).
    const surname = (await page.locator('table tbody tr td:nth-child(3)').first().textContent())!.trim().split(' ')[0]!;

    // One more consultation, given three days ago, so that the file has rows in the list's order.
    await page.getByRole('button', { name: 'Новая консультация' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новая консультация' });
    await dialog.getByLabel(/^Дата консультации/).fill(isoDay(-3));
    await dialog.getByLabel(/^Длительность, мин/).fill('45');
    await dialog.getByLabel(/^Тема/).fill('Выгрузка: сопровождение семьи после выхода');
    await dialog.getByPlaceholder('Поиск по фамилии, профессии, городу').fill(surname);
    await page
      .getByRole('option', { name: new RegExp(`^${surname} `) })
      .first()
      .click();
    await page.keyboard.press('Escape').catch(() => undefined);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.locator('table tbody tr');
    await row.filter({ hasText: 'Выгрузка: сопровождение семьи' }).waitFor();

    const screen = await row.evaluateAll((trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => (td.textContent ?? '').trim())),
    );
    expect(screen.length).toBeGreaterThan(1);
    const file = await downloaded(page, () => page.getByTestId('consultations-export-xlsx').click());
    expect(file.name).toMatch(/\.xlsx$/);
    const rows = await sheetRows(file.content);
    expect(rows[0]!.slice(0, 3)).toEqual(['Дата консультации', 'Тема', 'Длительность, мин']);
    expect(rows.slice(1)).toHaveLength(screen.length);
    rows.slice(1).forEach(([, topic, minutes], i) => {
      // On screen the topic cell may add the case's link (and its note) under the topic: not in the file.
      expect(screen[i]![1]!.startsWith(topic!), `${i}: ${topic}`).toBe(true);
      expect(screen[i]![3]).toBe(minutes);
    });
    const csv = csvRows((await downloaded(page, () => page.getByTestId('consultations-export-csv').click())).content);
    expect(csv.slice(1).map((r) => r[0])).toEqual(screen.map((cells) => cells[0]));
    expect(csv.slice(1).map((r) => r[0])).toContain(isoDay(-3).split('-').reverse().join('.'));
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });

  it('exports the staff with the role chosen on screen', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'admin@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/admin/users');
    const rows = page.getByTestId('user-row');
    await rows.first().waitFor();
    const all = await rows.count();
    await page.getByRole('combobox', { name: 'Роли' }).click();
    await page.getByRole('option', { name: 'Координатор', exact: true }).click();
    await expect.poll(() => rows.count()).toBeLessThan(all);
    const emails = await rows.evaluateAll((trs) =>
      trs.map((tr) => (tr.querySelector('td p + p')?.textContent ?? '').split(' · ')[0]!.trim()),
    );
    expect(emails.length).toBeGreaterThan(0);
    const file = await downloaded(page, () => page.getByTestId('users-export-xlsx').click());
    expect(file.name).toMatch(/^Сотрудники .*\.xlsx$/);
    const exported = await sheetRows(file.content);
    expect(exported[0]!.slice(0, 2)).toEqual(['ФИО', 'Электронная почта']);
    expect(exported.slice(1).map((r) => r[1])).toEqual(emails);
    expect(exported.slice(1).every((r) => r[3]!.includes('Координатор'))).toBe(true);
    expect(JSON.stringify(exported)).not.toMatch(/argon2|\$/);
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });
});
