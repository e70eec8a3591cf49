// Away profile shifts in the browser: the coordinator records a three-day shift of the mentoring
// programme after it happened, with two families and the psychologist as its specialist, and marks
// attendance per day; the psychologist records the parent–child interaction diagnostic of both
// children at the start and the end, writes the analysis and the summary; the shift then reads
// "held with diagnostics and summary" and is counted in plan vs actual beside the demo's summer
// shift. The page works on a phone too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, logOut, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
}, 300_000);

afterAll(async () => {
  await hearth?.close();
});

const dateAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const [d1, d2, d3] = [dateAgo(12), dateAgo(11), dateAgo(10)];
const TITLE = 'Осенняя смена «Мы рядом»';
const PROGRAMME = 'Семейное наставничество «Выход»';

/** A select by its label (a required field's name ends with the asterisk), then one of its options. */
async function choose(page: Page, label: string, option: string | RegExp, scope = page.locator('body')): Promise<void> {
  await scope.getByRole('combobox', { name: new RegExp(`^${label}\\s*\\*?$`) }).click();
  await page.getByRole('option', { name: option }).first().click();
}

async function addFamily(page: Page, search: string, family: RegExp, names: string[]): Promise<void> {
  const picker = page.getByRole('combobox', { name: 'Семья (случай)' });
  await picker.click();
  await picker.fill(search);
  await page.getByRole('option', { name: family }).first().click();
  for (const name of names) await page.getByRole('checkbox', { name, exact: true }).check();
  await page.getByRole('button', { name: 'Добавить участников' }).click();
  await page.getByTestId('shift-participants').getByText(names[0]!, { exact: true }).waitFor();
}

async function diagnose(page: Page, stage: 'Входная' | 'Итоговая', child: string, on: string, points: number[]): Promise<void> {
  await page.getByRole('button', { name: 'Записать диагностику' }).click();
  await choose(page, 'Этап', stage);
  await choose(page, 'Методика', 'Взаимодействие родителя и ребёнка');
  await page.getByLabel('Дата оценки').fill(on);
  await choose(page, 'Ребёнок', child);
  const scales = ['Чувствительность', 'Контроль и конфликт', 'Предвосхищение', 'Эмоциональная теплота', 'Управление стрессом'];
  for (const [i, scale] of scales.entries())
    await page.getByRole('radiogroup', { name: scale }).getByText(String(points[i]), { exact: true }).click();
  await page.getByRole('button', { name: 'Сохранить оценку' }).click();
  await page.getByRole('button', { name: 'Записать диагностику' }).waitFor();
}

describe('away profile shifts', () => {
  it('runs a three-day shift with attendance, diagnostics, analysis and summary, counted in plan vs actual', async () => {
    const { page, errors } = await hearth.open();

    // The coordinator records the shift after it happened.
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Выездные смены' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Выездные смены');
    // The demo's summer shift is there, held with its summary.
    const summer = page.getByTestId('shift-card').filter({ hasText: 'Летняя профильная смена' });
    await expect.poll(() => summer.getByTestId('shift-status').textContent()).toBe('Проведена с диагностикой и итогами');

    await page.getByRole('button', { name: 'Новая смена' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Название').fill(TITLE);
    await dialog.getByLabel('Место проведения').fill('Загородный центр «Берёзка»');
    await choose(page, 'Программа', PROGRAMME, dialog);
    // An event ending before it starts is refused, naming the field.
    await dialog.getByLabel('Начало').fill(d3);
    await dialog.getByLabel('Окончание').fill(d1);
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await dialog.getByText('Дата раньше даты начала').waitFor();
    await dialog.getByLabel('Начало').fill(d1);
    await dialog.getByLabel('Окончание').fill(d3);
    await dialog.getByLabel('Специалисты').click();
    await page.getByRole('option', { name: /Лебедева Мария/ }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(TITLE);

    // Two families of the programme come: a mother and her child each.
    await addFamily(page, 'Гордеева', /Гордеева Вероника/, ['Вероника', 'Артём']);
    await addFamily(page, 'Лаптева', /Лаптева Ольга/, ['Ольга', 'Соня']);

    // Attendance per day: everybody on days 1 and 3, one of the four missed day 2.
    await page.getByRole('tab', { name: 'Программа и посещаемость' }).click();
    const grid = page.getByTestId('attendance-grid');
    const boxes = grid.getByRole('checkbox');
    await expect.poll(() => boxes.count()).toBe(12);
    for (let i = 0; i < 12; i++) if (i !== 7) await boxes.nth(i).check();
    await page.getByRole('button', { name: 'Сохранить посещаемость' }).click();
    await page.getByText('Сохранено').first().waitFor();
    await expect.poll(() => page.getByTestId(`present-${d2}`).textContent()).toBe('3');
    expect(await page.getByTestId(`present-${d1}`).textContent()).toBe('4');
    await page.getByLabel('Программа дня').first().fill('Заезд, знакомство, входная диагностика');
    await page.getByRole('button', { name: 'Сохранить программу дня' }).first().click();
    await expect.poll(() => page.getByRole('button', { name: 'Сохранить программу дня' }).first().isDisabled()).toBe(true);
    await expect.poll(() => page.getByTestId('shift-status').textContent()).toBe('Завершена');
    await logOut(page);

    // The psychologist, the shift's specialist, records the diagnostics.
    await logIn(page, 'psychologist@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Выездные смены' }).click();
    await page.getByTestId('shift-card').filter({ hasText: TITLE }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(TITLE);
    await page.getByRole('tab', { name: 'Диагностика' }).click();
    await diagnose(page, 'Входная', 'Артём', d1, [2, 3, 2, 3, 3]);
    await diagnose(page, 'Входная', 'Соня', d1, [3, 2, 3, 2, 2]);
    await diagnose(page, 'Итоговая', 'Артём', d3, [4, 3, 3, 4, 3]);
    await diagnose(page, 'Итоговая', 'Соня', d3, [4, 3, 3, 4, 2]);
    await expect.poll(() => page.getByTestId('shift-diagnostics').getByRole('row').count()).toBe(5);

    // The change per scale is computed; the analysis and the summary are written.
    await page.getByRole('tab', { name: 'Анализ и итоги' }).click();
    const changes = page.getByTestId('shift-changes');
    await changes.getByText('2 → 4').first().waitFor();
    await page.getByLabel('Вывод аналитика').fill('У обоих детей выросли чувствительность и теплота во взаимодействии с мамой.');
    await page.getByRole('button', { name: 'Сохранить анализ' }).click();
    await expect.poll(async () => (await page.getByTestId('shift-missing').textContent()) ?? '').not.toContain('анализа');
    await page.getByLabel('Итоги', { exact: true }).fill('Смена проведена полностью, обе семьи были все три дня (кроме одного дня Ольги).');
    await page.getByRole('button', { name: 'Сохранить итоги' }).click();
    await expect.poll(() => page.getByTestId('shift-status').textContent()).toBe('Проведена с диагностикой и итогами');
    await expect.poll(() => page.getByTestId('shift-missing').count()).toBe(0);
    await hearth.screenshot(page, 'shift-held');
    await logOut(page);

    // Counted in plan vs actual: the demo's summer shift and this one.
    await logIn(page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'План и факт' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('План и факт');
    await page.getByTestId('programme-select').click();
    await page.getByRole('option', { name: PROGRAMME }).click();
    await page.getByTestId('show-all').click();
    const row = page.locator('[data-testid="report-row"][data-code="away_shifts_with_summary"]');
    await row.waitFor();
    await expect.poll(async () => (await row.locator('td').nth(2).textContent())?.trim()).toBe('2');
    expect(errors.filter((error) => !error.includes('401'))).toEqual([]);
  }, 420_000); // four log-ins, four diagnostics of five scales each: room to spare when the suite runs at once

  it('shows a shift on a phone, and the M&E officer only the counts', async () => {
    const phone = await hearth.open({ width: 390, height: 844 });
    await logIn(phone.page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await phone.page.getByTestId('page-title').waitFor();
    await phone.page.goto('/shifts');
    await phone.page.getByTestId('shift-card').filter({ hasText: 'Летняя профильная смена' }).click();
    // The shift's own page (a lazy chunk: the list stays on screen until it has loaded).
    const programmeTab = phone.page.getByRole('tab', { name: 'Программа и посещаемость' });
    await programmeTab.waitFor();
    await expect.poll(() => phone.page.getByTestId('shift-status').count()).toBe(1);
    await programmeTab.click();
    await phone.page.getByTestId('attendance-grid').waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    await hearth.screenshot(phone.page, 'shift-phone');

    const me = await hearth.open();
    await logIn(me.page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await me.page.getByTestId('page-title').waitFor();
    await me.page.goto('/shifts');
    await me.page.getByTestId('shift-counts').waitFor();
    expect(await me.page.getByTestId('shift-card').count()).toBe(0);
    expect(phone.errors.filter((error) => !error.includes('401'))).toEqual([]);
  }, 120_000);
});
