// Mentoring in the browser: the coordinator registers two resource families, trains them in a cohort
// (five sessions, the primary diagnostic, completion), matches one to a family of «Выход» from its
// case page with both sides' agreement; the mentor (the demo's Сомовы) logs two meetings from «Мои
// семьи», seeing first names and ages only; the M&E officer sees the trained mentors in plan vs actual.
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

const PROGRAMME = 'Семейное наставничество «Выход»';
const FAMILIES = ['Семья Кругловых', 'Семья Петренко'];

async function choose(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page
    .getByRole('dialog')
    .getByRole('combobox', { name: new RegExp(`^${label}\\s*\\*?$`) })
    .click();
  await page.getByRole('option', { name: option }).first().click();
}

async function registerMentor(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: 'Новый наставник' }).click();
  await page
    .getByRole('dialog')
    .getByLabel(/^Имя или название семьи/)
    .fill(name);
  await choose(page, 'Филиал', 'Тёплый дом — Москва');
  await page.getByRole('dialog').getByLabel('Где живёт (город, район)').fill('Москва');
  await page.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click();
  await page.getByTestId('mentor-card').getByText(name).waitFor();
  await page.keyboard.press('Escape');
}

describe('mentoring', () => {
  it('trains two mentor families, matches one, the mentor logs two meetings, the figures reach plan vs actual', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();

    // The register: two resource families, candidates.
    await page.goto('/mentoring/mentors');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Реестр наставников');
    for (const name of FAMILIES) await registerMentor(page, name);

    // The training: a cohort, both enrolled, five sessions, the diagnostic, completion.
    await page.goto('/mentoring/training');
    await page.getByRole('button', { name: 'Новая группа' }).click();
    await choose(page, 'Программа обучения', 'Школа наставников');
    await choose(page, 'Филиал', 'Тёплый дом — Москва');
    await page
      .getByRole('dialog')
      .getByLabel(/^Название/)
      .fill('Осенняя группа');
    await page.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click();
    await page.getByTestId('cohort-row').filter({ hasText: 'Осенняя группа' }).getByText('Осенняя группа').click();
    for (const name of FAMILIES) {
      await page.getByRole('combobox', { name: 'Зачислить' }).click();
      await page.getByRole('option', { name }).click();
      await page.locator(`[data-testid="cohort-member"][data-name="${name}"]`).waitFor();
    }
    for (let session = 1; session <= 5; session++) {
      await page.getByRole('button', { name: 'Отметить занятие' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Сохранить' }).click();
      await page.getByRole('dialog').waitFor({ state: 'detached' });
      await expect
        .poll(async () => (await page.locator(`[data-testid="cohort-member"][data-name="${FAMILIES[0]}"]`).textContent()) ?? '')
        .toContain(`Посещено ${session} из 6`);
    }
    for (const name of FAMILIES) {
      const member = page.locator(`[data-testid="cohort-member"][data-name="${name}"]`);
      await member.getByRole('button', { name: 'Провести диагностику' }).click();
      const dialog = page.getByRole('dialog');
      const questions = dialog.getByRole('combobox');
      await expect.poll(() => questions.count()).toBe(7);
      for (let i = 0; i < 7; i++) {
        await questions.nth(i).click();
        await page.getByRole('option', { name: /^2 — / }).first().click();
      }
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await dialog.waitFor({ state: 'detached' });
      await expect.poll(async () => (await member.textContent()) ?? '').toContain('Диагностика пройдена');
      await member.getByRole('button', { name: 'Завершить обучение' }).click();
      await expect.poll(async () => (await member.textContent()) ?? '').toContain('Обучение завершено');
    }
    await hearth.screenshot(page, 'mentoring-cohort');

    // Matching from the case: the Гусевы's proposal to the Лебедевы did not fit; the Кругловы instead.
    const found = await page.request.get('/api/cases?q=Гусева');
    const caseId = ((await found.json()) as { items: { id: string }[] }).items[0]!.id;
    await page.goto(`/cases/${caseId}?tab=mentoring`);
    const lebedevy = page.locator('[data-testid="match-card"][data-mentor="Семья Лебедевых"]');
    await lebedevy.getByRole('button', { name: 'Завершить' }).click();
    await choose(page, 'Причина окончания', 'Не подошли друг другу');
    await page.getByRole('dialog').getByRole('button', { name: 'Завершить' }).click();
    await expect.poll(async () => (await lebedevy.textContent()) ?? '').toContain('Завершено');
    await page.getByRole('button', { name: 'Предложить наставника' }).click();
    const proposal = page.getByRole('dialog');
    await proposal.getByText('Кого можно предложить').waitFor();
    await hearth.screenshot(page, 'mentoring-suggestions');
    await page
      .locator(`[data-testid="suggestion"][data-name="${FAMILIES[0]}"]`)
      .getByRole('button', { name: 'Предложить наставника' })
      .click();
    const match = page.locator(`[data-testid="match-card"][data-mentor="${FAMILIES[0]}"]`);
    await match.getByRole('button', { name: 'Семья согласна' }).click();
    await match.getByRole('button', { name: 'Наставник согласен' }).click();
    await match.getByRole('button', { name: 'Начать наставничество' }).click();
    await expect.poll(async () => (await match.textContent()) ?? '').toContain('Идёт');
    // The case's story beside the tabs tells of it: the match that did not fit, the one begun.
    const begun = page.locator('[data-kind="mentoring_started"]').filter({ hasText: FAMILIES[0] });
    await expect.poll(() => begun.count()).toBe(1);
    expect(await begun.textContent()).toContain('Началось наставничество');
    const ended = page.locator('[data-kind="mentoring_ended"]').filter({ hasText: 'Семья Лебедевых' });
    expect(await ended.textContent()).toContain('Причина: Не подошли друг другу');
    await hearth.screenshot(page, 'mentoring-case');
    await logOut(page);

    // The mentor: her family by first names and ages, two meetings logged.
    await logIn(page, 'mentor@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Мои семьи' }).click();
    const family = page.getByTestId('my-family').first();
    await family.getByText('Ксения').waitFor();
    expect(await family.textContent()).not.toContain('Васильева');
    for (const [days, note] of [
      [3, 'Гуляли в парке с детьми'],
      [1, 'Вместе готовили обед'],
    ] as const) {
      await family.getByRole('button', { name: 'Записать встречу или звонок' }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Дата').fill(new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10));
      await dialog.getByLabel('Заметка').fill(note);
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByTestId('my-log-entry').filter({ hasText: note }).waitFor();
    }
    await hearth.screenshot(page, 'mentoring-mine');
    await logOut(page);

    // The funder's figures.
    await logIn(page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'План и факт' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('План и факт');
    await page.getByTestId('programme-select').click();
    await page.getByRole('option', { name: PROGRAMME }).click();
    await page.getByTestId('show-all').click();
    const trained = page.locator('[data-testid="report-row"][data-code="mentors_trained"]');
    await trained.waitFor();
    await expect.poll(async () => Number((await trained.locator('td').nth(2).textContent())?.trim())).toBeGreaterThanOrEqual(2);
    const hours = page.locator('[data-testid="report-row"][data-code="mentoring_hours"]');
    await hours.waitFor();
    expect(errors.filter((error) => !error.includes('401'))).toEqual([]);
  }, 600_000);

  it('the mentor’s families and the register work on a phone', async () => {
    const phone = await hearth.open({ width: 390, height: 844 });
    await logIn(phone.page, 'mentor@demo.hearth', DEMO_PASSWORD);
    await phone.page.getByTestId('page-title').waitFor();
    await phone.page.goto('/mentoring/my-families');
    await phone.page.getByTestId('my-family').first().waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    // The mentor reaches nothing else of the casework.
    await phone.page.goto('/cases');
    await expect.poll(async () => (await phone.page.locator('body').textContent()) ?? '').toContain('нет доступа');
  }, 120_000);
});
