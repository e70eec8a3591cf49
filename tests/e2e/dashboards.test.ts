// Dashboards and feedback in the browser. The coordinator opens her dashboard from the menu and
// sees the charts (with their text alternatives) and the overdue work, in Russian and, on a phone
// 390 px wide, in English; the M&E officer sees indicators over time and by branch; an unsigned
// survey filled in at the shelter shows in the summary, without its words.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, logOut, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

const number = async (page: Page, testId: string) => Number(await page.getByTestId(testId).textContent());

describe('dashboards', () => {
  it('shows the coordinator her month, caseload and overdue work with charts', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Мой дашборд' }).first().click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Дашборд координатора');

    // The figures come from the demo organisation's records of her two branches.
    await page.getByTestId('services-this-month').waitFor();
    expect(await number(page, 'services-this-month')).toBeGreaterThanOrEqual(0);
    for (const id of ['overdue-tasks', 'overdue-visits', 'overdue-referrals', 'overdue-first-plans'])
      expect(Number.isInteger(await number(page, id))).toBe(true);
    const overdueTotal =
      (await number(page, 'overdue-tasks')) +
      (await number(page, 'overdue-visits')) +
      (await number(page, 'overdue-referrals')) +
      (await number(page, 'overdue-first-plans'));
    expect(overdueTotal).toBeGreaterThan(0);

    // Charts are drawn (SVG) and each carries its title, summary and data table for screen readers.
    for (const chart of ['chart-running', 'chart-status', 'chart-leads']) {
      const card = page.getByTestId(chart);
      await card.locator('svg.recharts-surface').first().waitFor();
      expect(await card.getByRole('figure').getAttribute('aria-labelledby')).toBeTruthy();
      expect(await card.locator('table caption').textContent()).toContain('Данные графика');
    }
    await page.getByTestId('chart-running').getByText('Этот месяц').first().waitFor();
    expect(await page.getByTestId('chart-status').textContent()).toContain('Сопровождение');
    await page.getByTestId('month-targets').waitFor();
    await hearth.screenshot(page, 'dashboard-coordinator');

    // A figure links to its list.
    const active = await page.getByTestId('status-active').textContent();
    await page.getByTestId('status-active').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Случаи');
    expect(page.url()).toContain('status=active');
    expect(active).toMatch(/Сопровождение: \d+/);
    // The only console error allowed is the 401 of the session check before logging in.
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });

  it('works in English on a phone 390 px wide', async () => {
    const { page } = await hearth.open({ width: 390, height: 844 });
    // The language picked on the login page is kept after logging in.
    await page.goto('/');
    await page.getByText('EN', { exact: true }).click();
    // The English catalogue is fetched when chosen: log in once the page speaks it.
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/dashboards/coordinator');
    await page.getByTestId('services-this-month').waitFor();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe("Coordinator's dashboard");
    await page.getByTestId('chart-running').locator('svg.recharts-surface').first().waitFor();
    expect(await page.getByTestId('chart-running').textContent()).toContain('This month');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await hearth.screenshot(page, 'dashboard-coordinator-390-en');
  });

  it('shows the M&E officer indicators over time and by branch', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Показатели в динамике' }).first().click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Показатели в динамике');
    const chart = page.getByTestId('chart-over-time');
    await chart.locator('svg.recharts-surface').first().waitFor();
    // Three indicators by default, each a line with its name in the legend and a row in the table.
    await expect.poll(() => chart.locator('.recharts-line').count()).toBe(3);
    expect(await chart.locator('table tbody tr').count()).toBe(12);
    await page.locator('[data-testid^="chart-branch-"]').first().locator('svg.recharts-surface').waitFor();
    await hearth.screenshot(page, 'dashboard-indicators');

    // The director's view of the same figures: every running programme with its traffic lights.
    await page.getByRole('link', { name: 'Итоги программ' }).first().click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Итоги программ');
    await expect.poll(() => page.getByTestId('programme-card').count()).toBeGreaterThan(0);
    await page.locator('[data-testid^="light-"]').first().waitFor();
    expect(await page.locator('[data-testid^="light-"]').first().textContent()).toMatch(/В графике|Отстаёт|Сильно отстаёт|Нет данных/);
    await hearth.screenshot(page, 'dashboard-programmes');
  });
});

describe('feedback', () => {
  it('an unsigned survey filled in at the shelter shows in the summary, without its words', async () => {
    const { page } = await hearth.open();
    const responses = async () => {
      await page.goto('/feedback/summary');
      await page.getByTestId('summary-template').click();
      await page.getByRole('option', { name: 'Опрос удовлетворённости' }).click();
      await page.getByTestId('summary-responses').waitFor();
      await expect.poll(() => page.getByTestId('summary-overall').count()).toBe(1);
      return number(page, 'summary-responses');
    };
    await logIn(page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    const before = await responses();
    await logOut(page);

    await logIn(page, 'shelter_admin@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Анкета без подписи в центре' }).click();
    await page.getByRole('combobox', { name: 'Объект' }).click();
    await page.getByRole('option').first().click();
    const overall = page.getByTestId('question-overall');
    await overall.getByText('5', { exact: true }).click();
    await page.getByTestId('question-heard').getByText('Да', { exact: true }).click();
    await page.getByTestId('question-comment').locator('textarea').fill('CANARY-WORDS: спасибо за заботу');
    await page.getByTestId('feedback-save').click();
    await page.getByText('Анкета сохранена').waitFor();
    await page.getByText('CANARY-WORDS: спасибо за заботу').first().waitFor({ state: 'attached' });
    await logOut(page);

    await logIn(page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await expect.poll(responses).toBe(before + 1);
    await page.getByTestId('summary-overall').locator('svg.recharts-surface').waitFor();
    expect(await page.content()).not.toContain('CANARY-WORDS');
    await hearth.screenshot(page, 'feedback-summary');
  });

  it('the case worker holds the exit interview from the case page; its words stay with the team', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'case_worker@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto(`/cases?q=${encodeURIComponent('Рахимова')}`);
    await page
      .getByRole('link', { name: /Рахимов/ })
      .first()
      .click();
    await page.getByTestId('case-status').waitFor();
    await page.getByRole('tab', { name: 'Обратная связь' }).click();
    await page.getByTestId('feedback-record').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('question-helped').getByText('4', { exact: true }).click();
    await dialog.getByTestId('question-recommend').getByText('Да', { exact: true }).click();
    await dialog.getByTestId('question-most_useful').getByText('Помощь юриста и документы').click();
    await dialog.getByTestId('question-improve').locator('textarea').fill('Больше встреч с юристом');
    await dialog.getByTestId('feedback-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Интервью при выходе из программы').first().click();
    await page.getByText('Больше встреч с юристом').waitFor();
    await hearth.screenshot(page, 'feedback-case');
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });

  it('the admin edits a form: a new version with the new question, which the next form asks', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'admin@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Анкеты обратной связи' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Анкеты обратной связи');
    await page.getByRole('link', { name: 'Изменить' }).last().click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Анкета «Опрос удовлетворённости»');
    await page.getByRole('button', { name: 'Добавить вопрос' }).click();
    // Saved without a code and texts: the shared schema names the fields before anything is sent.
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await page.getByText('Код: латинские строчные буквы, цифры и _').waitFor();
    const codes = page.getByLabel('Код', { exact: true });
    await codes.last().fill('again');
    await page.getByLabel('Вопрос (рус.)').last().fill('Обратились бы вы к нам снова?');
    await page.getByLabel('Вопрос (англ.)').last().fill('Would you turn to us again?');
    await page.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Анкеты обратной связи');
    await page.getByText('Версия 2').waitFor();
    await page.goto('/feedback/summary');
    await page.getByTestId('summary-template').click();
    await page.getByRole('option', { name: 'Опрос удовлетворённости' }).click();
    await page.getByTestId('summary-again').getByText('Обратились бы вы к нам снова?', { exact: true }).waitFor();
    expect(errors.filter((e) => !e.includes('status of 401'))).toEqual([]);
  });
});
