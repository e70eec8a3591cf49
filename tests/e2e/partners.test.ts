// Partners in the browser: the coordinator adds two partner organisations (a guardianship office
// with its contact person and agreement — an agreement ending before it starts is refused on its
// field — and a polyclinic) and five external specialists from two cities, finds them again, and
// records a referral from the guardianship office's contact person, which the referral then names.
// On a phone the directory fits the screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function choose(page: Page, scope: Locator, label: string, option: string | RegExp): Promise<void> {
  // A required field's accessible name ends with the asterisk: match the label's start.
  await scope
    .getByLabel(new RegExp(`^${label}`))
    .first()
    .click();
  await page.getByRole('option', { name: option }).first().click();
}

const SPECIALISTS = [
  { last: 'Кудрявцева', first: 'Елена', profession: 'Специалист органов опеки', city: 'Тверь', phone: '+7 900 555-01-01' },
  { last: 'Богданова', first: 'Ирина', profession: 'Логопед', city: 'Тверь', phone: '+7 900 555-01-02' },
  { last: 'Сорокин', first: 'Андрей', profession: 'Психолог', city: 'Тверь', phone: '+7 900 555-01-03' },
  { last: 'Лебедева', first: 'Марина', profession: 'Дефектолог', city: 'Ржев', phone: '+7 900 555-01-04' },
  { last: 'Захарова', first: 'Ольга', profession: 'Врач', city: 'Ржев', phone: '+7 900 555-01-05' },
];

describe('partners', () => {
  it('adds two partners and five specialists from two cities, and a referral names the partner and its contact person', async () => {
    const { page, errors } = await hearth.open();
    const missing: string[] = [];
    page.on('response', (response) => {
      if (response.status() === 404) missing.push(response.url());
    });
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Партнёры', exact: true }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Справочник партнёров');

    // The guardianship office.
    await page.getByRole('button', { name: 'Добавить организацию' }).click();
    let dialog = page.getByRole('dialog', { name: 'Добавить организацию' });
    await choose(page, dialog, 'Вид организации', 'Органы опеки');
    await dialog.getByLabel(/^Название/).fill('Опека Заречного района');
    await dialog.getByLabel('Регион').fill('Тверская область');
    await dialog.getByLabel('Город').fill('Тверь');
    await dialog.getByLabel(/^Телефоны/).fill('+7 4822 00-11-22');
    await dialog.getByLabel('Что предлагает').fill('Направляет семьи в трудной ситуации, сопровождение опекунов');
    await hearth.screenshot(page, 'partner-new');
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await dialog.waitFor({ state: 'detached' });
    const card = page.getByTestId('partner-card');
    await card.getByRole('heading', { name: 'Опека Заречного района' }).waitFor();

    // Its contact person.
    await card.getByRole('button', { name: 'Добавить контактное лицо' }).click();
    dialog = page.getByRole('dialog', { name: 'Добавить контактное лицо' });
    await dialog.getByLabel(/^ФИО/).fill('Кудрявцева Елена Михайловна');
    await dialog.getByLabel('Должность').fill('Ведущий специалист');
    await dialog.getByLabel('Телефон').fill('+7 4822 00-11-23');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card.getByTestId('partner-contacts').getByText('Кудрявцева Елена Михайловна').waitFor();

    // Its agreement: an end before the start is refused on the end's field, then corrected.
    await card.getByRole('button', { name: 'Добавить соглашение' }).click();
    dialog = page.getByRole('dialog', { name: 'Добавить соглашение' });
    await dialog.getByLabel(/^Номер/).fill('Д-7/2026');
    await dialog.getByLabel(/^Дата подписания/).fill(isoDay(-10));
    await dialog.getByLabel(/^Действует с/).fill(isoDay(-10));
    await dialog.getByLabel(/^Действует по/).fill(isoDay(-20));
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Дата окончания раньше даты начала').waitFor();
    await dialog.getByLabel(/^Действует по/).fill(isoDay(355));
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await card
      .getByTestId('partner-agreements')
      .getByText(/Д-7\/2026/)
      .waitFor();
    await card.getByTestId('partner-agreements').getByText('действует', { exact: true }).waitFor();
    await hearth.screenshot(page, 'partner-card');
    await page.keyboard.press('Escape');
    await card.waitFor({ state: 'detached' });

    // The polyclinic in another city.
    await page.getByRole('button', { name: 'Добавить организацию' }).click();
    dialog = page.getByRole('dialog', { name: 'Добавить организацию' });
    await choose(page, dialog, 'Вид организации', 'Поликлиника');
    await dialog.getByLabel(/^Название/).fill('Детская поликлиника Ржева');
    await dialog.getByLabel('Регион').fill('Тверская область');
    await dialog.getByLabel('Город').fill('Ржев');
    await dialog.getByLabel('Что предлагает').fill('Логопед, невролог, педиатр');
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByTestId('partner-card').getByRole('heading', { name: 'Детская поликлиника Ржева' }).waitFor();
    await page.keyboard.press('Escape');

    // Found again by a fragment of its name or services.
    await page.getByPlaceholder('Поиск по названию, услугам, месту').fill('заречн');
    await expect.poll(() => page.getByTestId('partner-row').count()).toBe(1);
    await page.getByPlaceholder('Поиск по названию, услугам, месту').fill('невролог ржев');
    await expect.poll(() => page.getByTestId('partner-row').count()).toBe(1);
    await page.getByPlaceholder('Поиск по названию, услугам, месту').fill('');

    // Five specialists from Тверь and Ржев.
    await page.getByRole('link', { name: 'Внешние специалисты' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Внешние специалисты');
    for (const s of SPECIALISTS) {
      await page.getByRole('button', { name: 'Добавить специалиста' }).click();
      dialog = page.getByRole('dialog', { name: 'Добавить специалиста' });
      await dialog.getByLabel(/^Фамилия/).fill(s.last);
      await dialog.getByLabel(/^Имя/).fill(s.first);
      await choose(page, dialog, 'Специальность', s.profession);
      await choose(page, dialog, 'Организация', s.city === 'Тверь' ? /Опека Заречного района/ : /Детская поликлиника Ржева/);
      await dialog.getByLabel('Регион').fill('Тверская область');
      await dialog.getByLabel('Город').fill(s.city);
      await dialog.getByLabel('Телефон').fill(s.phone);
      await dialog.getByLabel(/^Дата согласия/).fill(isoDay(-3));
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await dialog.waitFor({ state: 'detached' });
    }
    await page.getByPlaceholder('Регион').fill('Тверская область');
    await expect.poll(() => page.getByTestId('specialist-row').count()).toBe(5);
    await page.getByPlaceholder('Город').fill('Ржев');
    await expect.poll(() => page.getByTestId('specialist-row').count()).toBe(2);
    await hearth.screenshot(page, 'specialists');

    // One already registered: a hint, not a refusal.
    await page.getByRole('button', { name: 'Добавить специалиста' }).click();
    dialog = page.getByRole('dialog', { name: 'Добавить специалиста' });
    await dialog.getByLabel(/^Фамилия/).fill('Богданова');
    await dialog.getByLabel(/^Имя/).fill('Ирина');
    await dialog.getByLabel('Телефон').fill('8 900 555 01 02');
    await dialog.getByTestId('specialist-duplicate').waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });

    // A referral from the guardianship office's contact person.
    await page.getByRole('link', { name: 'Обращения' }).click();
    await page.getByRole('button', { name: 'Новое обращение' }).click();
    dialog = page.getByRole('dialog');
    await dialog.getByLabel('Фамилия').fill('Белкина');
    await dialog.getByLabel(/^Имя/).fill('Дарья');
    await dialog.getByLabel(/^Суть обращения/).fill('Опека просит поддержать маму с двумя детьми после пожара');
    await choose(page, dialog, 'Источник', 'Органы опеки');
    await choose(page, dialog, 'Обращение от партнёра', /Опека Заречного района/);
    await choose(page, dialog, 'Кто направил', /Кудрявцева Елена Михайловна/);
    expect(await dialog.getByLabel('Организация').inputValue()).toBe('Опека Заречного района');
    expect(await dialog.getByLabel('Кто звонил / обратился').inputValue()).toBe('Кудрявцева Елена Михайловна');
    await hearth.screenshot(page, 'referral-from-partner');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.waitFor({ state: 'detached' });
    const named = page.getByTestId('referral-partner');
    await named.waitFor();
    expect(await named.textContent()).toContain('Опека Заречного района (Органы опеки) — Кудрявцева Елена Михайловна, Ведущий специалист');
    await hearth.screenshot(page, 'referral-partner');
    // The console may name the session probe before logging in (401) and the refused agreement (400).
    expect(missing).toEqual([]);
    expect(errors.filter((e) => !e.includes('status of 400') && !e.includes('401'))).toEqual([]);
  });

  it('on a phone (390 px) the directory and a partner card fit the screen', async () => {
    const { page } = await hearth.open({ width: 390, height: 844 });
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/partners');
    await page.getByTestId('partner-row').first().waitFor();
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await hearth.screenshot(page, 'partners-390');
    await page.getByTestId('partner-row').first().click();
    await page.getByTestId('partner-card').waitFor();
    await hearth.screenshot(page, 'partner-card-390');
    await page.goto('/partners/specialists');
    await page.getByTestId('specialist-row').first().waitFor();
    expect(await overflow()).toBeLessThanOrEqual(0);
  });
});
