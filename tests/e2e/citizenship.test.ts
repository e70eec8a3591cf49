// Citizenship in the browser (issue 11, defect 6): the member form offers it as a searchable list —
// Russia and the countries the programmes meet first at the top — not a text box; typed text that
// names no country is not kept; the family card shows the country's name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

describe('citizenship on the member form', () => {
  it('is chosen from a list and shown by name', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();

    await page.goto('/cases?q=%D0%A0%D0%B0%D1%85%D0%B8%D0%BC%D0%BE%D0%B2%D0%B0');
    await page
      .getByRole('link', { name: /Рахимова/ })
      .first()
      .click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('tab', { name: 'Семья' }).click();
    // The card names the country (the record holds the code TJ).
    await page
      .getByText(/Таджикистан/)
      .first()
      .waitFor();

    await page.getByRole('button', { name: /^Изменить: Рахимова Гульнара/ }).click();
    const dialog = page.getByRole('dialog');
    const field = dialog.getByTestId('member-citizenship');
    if (!(await field.isVisible())) await dialog.getByRole('button', { name: 'Гражданство, адреса, документы' }).click();
    await expect.poll(() => field.inputValue()).toBe('Таджикистан');

    // A list, Russia first and the CIS next, not a text box.
    await field.fill('');
    await field.click();
    const options = page.getByRole('option');
    await options.first().waitFor();
    expect((await options.allTextContents()).slice(0, 4)).toEqual(['Россия', 'Украина', 'Беларусь', 'Казахстан']);
    await hearth.screenshot(page, 'citizenship-list');

    // Searching finds a country by part of its name.
    await field.fill('Узбек');
    await page.getByRole('option', { name: 'Узбекистан' }).click();
    await expect.poll(() => field.inputValue()).toBe('Узбекистан');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page
      .getByText(/Узбекистан/)
      .first()
      .waitFor();
    expect(await page.getByText(/Таджикистан/).count()).toBe(0);
  });
});
