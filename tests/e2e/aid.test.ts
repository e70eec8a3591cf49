// Aid in the browser: the family's worker asks for firewood and a food package from the case page,
// the coordinator approves it and — keeping the rural branch's store — hands it out from the
// warehouse; the hand-over act prints, the stock falls by what left, and the donors' report counts it.
// The centre's storekeeper sees her own warehouse with the lot that expires soon marked.
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

async function stockOf(page: Page, itemLabel: string): Promise<string> {
  const row = page.getByTestId('stock').getByRole('row').filter({ hasText: itemLabel });
  await row.first().waitFor();
  return (await row.first().getByRole('cell').nth(1).textContent()) ?? '';
}

async function chooseItem(page: Page, line: number, search: string, option: string): Promise<void> {
  const field = page.getByTestId('aid-line').nth(line).getByLabel('Наименование');
  await field.click();
  await field.fill(search);
  await page.getByRole('option', { name: option }).click();
}

describe('aid', () => {
  it('is requested by the worker, approved and handed out, and the act, stock and report follow', async () => {
    const { page, errors } = await hearth.open();

    // The stock of the rural warehouse before.
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Склады' }).click();
    await page.locator('input[aria-label="Склад"]').click();
    await page.getByRole('option', { name: 'Склад в Великих Луках' }).click();
    const firewoodBefore = await stockOf(page, 'Дрова');
    await logOut(page);

    // The worker asks from the case page.
    await logIn(page, 'case_worker@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto(`/cases?q=${encodeURIComponent('Иванова Светлана')}`);
    await page
      .getByRole('link', { name: /Иванова Светлана/ })
      .first()
      .click();
    await page.getByTestId('case-status').waitFor();
    await page.getByRole('tab', { name: 'Помощь' }).click();
    await page.getByRole('button', { name: 'Запросить помощь' }).click();
    const dialog = page.getByRole('dialog');
    await chooseItem(page, 0, 'Дрова', 'Дрова (м³)');
    await dialog
      .getByTestId('aid-line')
      .nth(0)
      .getByLabel(/^Количество/)
      .fill('2,5');
    await dialog.getByRole('button', { name: 'Добавить строку' }).click();
    await chooseItem(page, 1, 'Продукт', 'Продуктовый набор (компл.)');
    await dialog
      .getByTestId('aid-line')
      .nth(1)
      .getByLabel(/^Количество/)
      .fill('1');
    await dialog.getByLabel(/^Зачем нужно/).fill('Печь топить нечем, в доме грудной ребёнок');
    await hearth.screenshot(page, 'aid-request');
    await dialog.getByRole('button', { name: 'Запросить помощь' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = page.getByTestId('aid-request').filter({ hasText: 'Печь топить нечем' });
    await card.getByText('Запрошено').waitFor();
    await logOut(page);

    // The coordinator decides and, keeping the branch's store, hands it out.
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Запросы помощи' }).click();
    const waiting = page.getByTestId('aid-request').filter({ hasText: 'Печь топить нечем' });
    await waiting.getByRole('button', { name: /Одобрить/ }).click();
    // This month's food package was already approved for the family: above the programme's norm, so
    // the coordinator says why.
    const decision = page.getByRole('dialog');
    await decision.getByText('Сверх нормы').first().waitFor();
    await decision.getByLabel('Комментарий координатора').fill('Семья с грудным ребёнком, в доме холодно');
    await decision.getByRole('button', { name: 'Одобрить' }).click();
    await decision.waitFor({ state: 'detached' });
    await page.getByText('К выдаче').click();
    const approved = page.getByTestId('aid-request').filter({ hasText: 'Печь топить нечем' });
    await approved.getByText('Одобрено').waitFor();
    await approved.getByRole('button', { name: 'Выдать' }).click();
    const handout = page.getByRole('dialog');
    await expect.poll(() => handout.getByLabel(/^Склад/).inputValue()).toBe('Склад в Великих Луках');
    await handout.getByRole('button', { name: 'Выдать' }).click();
    await handout.waitFor({ state: 'detached' });
    await page.getByText('Все', { exact: true }).click();
    const done = page.getByTestId('aid-request').filter({ hasText: 'Печь топить нечем' });
    await done.getByText('Выдано').waitFor();
    await hearth.screenshot(page, 'aid-handed-out');

    // The act prints, in Russian, as PDF and DOCX.
    const href = await done.getByRole('link', { name: /Акт приёма-передачи/ }).getAttribute('href');
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');

    // The stock fell by 2.5 m³.
    await page.getByRole('link', { name: 'Склады' }).click();
    await page.locator('input[aria-label="Склад"]').click();
    await page.getByRole('option', { name: 'Склад в Великих Луках' }).click();
    const parse = (text: string) => Number(text.replace(/[^\d,]/g, '').replace(',', '.'));
    await expect.poll(async () => parse(await stockOf(page, 'Дрова'))).toBe(parse(firewoodBefore) - 2.5);

    // The donors' report counts it.
    await page.getByRole('link', { name: 'Отчёт по помощи' }).click();
    await page.getByTestId('aid-handed-out').getByText('Продуктовый набор').waitFor();

    // The case timeline tells the story in words, not by the events' codes.
    await page.goto(`/cases?q=${encodeURIComponent('Иванова Светлана')}`);
    await page
      .getByRole('link', { name: /Иванова Светлана/ })
      .first()
      .click();
    const history = page.getByRole('region', { name: 'История' });
    await history.getByText('Помощь выдана').first().waitFor();
    await history.getByText('Помощь одобрена').first().waitFor();
    await history.getByText('Запрошена помощь').first().waitFor();
    expect(await history.getByText('aid_handed_out').count()).toBe(0);
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('region', { name: 'History' }).getByText('Aid handed out').first().waitFor();
    expect(errors.filter((error) => !error.includes('401'))).toEqual([]);
  }, 180_000);

  it('shows the centre’s storekeeper her warehouse with the lot that expires soon, and no other branch’s', async () => {
    const { page } = await hearth.open({ width: 390, height: 800 });
    await logIn(page, 'shelter_admin@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/aid/warehouses');
    await page.getByTestId('stock').getByText('Детская смесь').waitFor();
    await page.getByTestId('stock').getByText('Скоро истекает срок').waitFor();
    await page.locator('input[aria-label="Склад"]').click();
    expect(await page.getByRole('option', { name: 'Склад в Великих Луках' }).count()).toBe(0);
    await hearth.screenshot(page, 'aid-warehouse-phone');
  }, 120_000);
});
