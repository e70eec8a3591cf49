// Indicators in the browser, as the M&E officer: open the library, see values for a period, define
// a new indicator, and get the server's refusal of a broken one on the field it names.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

describe('indicators', () => {
  it('shows the library with values, creates an indicator and names the field of a broken one', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();

    await page.getByRole('link', { name: 'Показатели', exact: true }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Библиотека показателей');
    await page.getByTestId('period-from').fill('2026-01-01');
    await page.getByTestId('period-to').fill('2026-12-31');
    for (const group of ['Люди и семьи', 'Проделанная работа', 'Качество']) await page.getByRole('heading', { name: group }).waitFor();
    // The demo organisation has families under support this year: a figure, with its definition version.
    await expect.poll(async () => Number(await page.getByTestId('value-families_supported').textContent())).toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId('indicator-families_supported').getByText('в. 1').count()).toBe(1);
    await expect.poll(() => page.getByTestId('indicator-consultation_hours_per_family').getByText('в. 2').count()).toBe(1);
    await hearth.screenshot(page, 'indicators-library');

    // The value broken down by branch: the branches' figures with the same total as the library.
    const supported = (await page.getByTestId('value-families_supported').textContent())!.trim();
    await page.getByTestId('breakdown-families_supported').click();
    const breakdown = page.getByRole('dialog');
    await breakdown.getByTestId('breakdown-table').waitFor();
    await expect.poll(() => breakdown.getByTestId('breakdown-total').textContent()).toBe(supported);
    await breakdown.getByText('Москва', { exact: false }).first().waitFor();
    await hearth.screenshot(page, 'indicators-breakdown');
    await page.keyboard.press('Escape');
    await breakdown.waitFor({ state: 'hidden' });

    // A new indicator of her own: legal consultations.
    await page.getByTestId('new-indicator').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Новый показатель');
    await page.getByTestId('code').fill('legal_at_shelter');
    await page.getByTestId('name-ru').fill('Юридические консультации в центре');
    await page.getByTestId('name-en').fill('Legal consultations at the shelter');
    await page.getByTestId('of-subject').click();
    await page.getByRole('option', { name: 'Услуги', exact: true }).click();
    await page.getByTestId('of-add-filter').click();
    await page.getByTestId('of-filter-0-field').click();
    await page.getByRole('option', { name: 'Вид услуги' }).click();
    await page.getByTestId('of-filter-0-values').click();
    await page.getByRole('option', { name: 'Юридическая консультация' }).click();
    await page.getByTestId('of-filter-0-values').press('Escape');
    await hearth.screenshot(page, 'indicators-editor');
    await page.getByTestId('save-indicator').click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Библиотека показателей');
    await page.getByTestId('indicator-legal_at_shelter').getByText('Юридические консультации в центре').waitFor();
    await page.getByTestId('value-legal_at_shelter').waitFor();

    // A share without its denominator cannot be computed: the server says so on the denominator.
    await page.getByTestId('new-indicator').click();
    await page.getByTestId('code').fill('broken_share');
    await page.getByTestId('name-ru').fill('Доля без знаменателя');
    await page.getByTestId('name-en').fill('Share without a denominator');
    await page.getByTestId('measure').click();
    await page.getByRole('option', { name: 'Доля, % (числитель и знаменатель)' }).click();
    await page.getByTestId('numerator-subject').click();
    await page.getByRole('option', { name: 'Случаи', exact: true }).click();
    await page.getByTestId('save-indicator').click();
    await page.getByTestId('denominator').getByText('Укажите эту часть показателя').waitFor();
    await hearth.screenshot(page, 'indicators-field-error');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Новый показатель');

    // Nothing was written: the library has no such indicator.
    await page.getByRole('link', { name: 'Показатели', exact: true }).click();
    await page.getByTestId('indicator-legal_at_shelter').waitFor();
    expect(await page.getByTestId('indicator-broken_share').count()).toBe(0);
    // The only console errors are the expected answers: 401 before logging in, 400 for the broken one.
    expect(errors.filter((e) => !/status of (401|400)/.test(e))).toEqual([]);
  });
});
