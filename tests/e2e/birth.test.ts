// A baby born during a stay, in the browser: the coordinator records the birth of Гульнара's
// expected child in the family tab, placing the baby in the mother's stay from the birth date; the
// board shows two children in her room, the figures count one child more, and the case timeline
// tells the birth and the stay's new resident in Russian (not by their codes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

describe('a birth during a stay', () => {
  it('records the birth, the baby joins the stay: two children on the board and in the figures', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();

    await page.goto('/housing/figures');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Показатели проживания');
    await page.getByTestId('children').waitFor();
    const childrenBefore = Number(await page.getByTestId('children').textContent());

    await page.goto('/cases?q=%D0%A0%D0%B0%D1%85%D0%B8%D0%BC%D0%BE%D0%B2%D0%B0');
    await page
      .getByRole('link', { name: /Рахимова/ })
      .first()
      .click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('tab', { name: 'Семья' }).click();
    await page.getByRole('button', { name: 'Родился ребёнок' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/^Имя/).fill('Лейла');
    await dialog.getByLabel(/^Пол/).click();
    await page.getByRole('option', { name: 'Женский' }).click();
    await expect.poll(() => dialog.getByLabel('Ребёнок живёт в центре с мамой с даты рождения').isChecked()).toBe(true);
    await hearth.screenshot(page, 'birth-dialog');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The expected member is now a child: no birth button left.
    await expect.poll(() => page.getByRole('button', { name: 'Родился ребёнок' }).count()).toBe(0);

    const history = page.getByRole('region', { name: 'История' });
    await history.getByText('Рождение ребёнка').first().waitFor();
    await history.getByText(/Лейла: Родился в центре, с /).waitFor();
    await history.getByText('Заселение').first().waitFor();
    expect(await history.getByText('stay_', { exact: false }).count()).toBe(0);

    await page.goto('/housing/board');
    const centre = page.getByTestId('facility-Тёплый дом');
    await centre.getByText('Лейла').waitFor();
    await centre.getByText('Амир').first().waitFor();
    await centre.getByRole('button', { name: /Лейла/ }).click();
    const stay = page.getByRole('dialog');
    await expect.poll(() => stay.getByTestId('stay-resident').count()).toBe(3);
    await hearth.screenshot(page, 'birth-stay');
    await page.keyboard.press('Escape');

    await page.goto('/housing/figures');
    await expect.poll(async () => Number(await page.getByTestId('children').textContent())).toBe(childrenBefore + 1);
  }, 120_000);
});
