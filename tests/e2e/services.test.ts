// Services in the browser: a psychologist records a consultation from the case page in under five
// interactions, enters a group session with attendance, and sees both in the family's timeline and
// in her month; a day's consultations from one screen with the error on its row; the coordinator's
// post-support visits; the same screens in English and on a phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;
let caseUrl = '';

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

async function openRahimova(page: Page): Promise<void> {
  if (caseUrl) {
    await page.goto(caseUrl);
  } else {
    await page.goto(`/cases?q=${encodeURIComponent('Рахимова')}`);
    await page
      .getByRole('link', { name: /Рахимов/ })
      .first()
      .click();
    await page.getByTestId('case-status').waitFor();
    caseUrl = new URL(page.url()).pathname;
  }
  await page.getByTestId('case-status').waitFor();
}

describe('services', () => {
  it('a psychologist records a consultation from the case page in under five interactions', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'psychologist@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await openRahimova(page);

    // Every click and fill of the user counts.
    let interactions = 0;
    const act = async (step: () => Promise<void>) => {
      interactions += 1;
      await step();
    };
    await act(() => page.getByRole('button', { name: 'Записать услугу' }).click());
    const form = page.getByRole('form', { name: 'Записать услугу' });
    // The psychologist's most likely type is already chosen, with today and «me».
    await expect.poll(() => form.getByLabel(/^Вид услуги/).inputValue()).toBe('Индивидуальная психологическая консультация');
    await act(() => form.getByRole('button', { name: '45 мин' }).click());
    await act(() => form.getByRole('switch', { name: 'По просьбе клиента' }).click());
    await hearth.screenshot(page, 'service-quick-form');
    await act(() => form.getByRole('button', { name: 'Записать', exact: true }).click());
    await page.getByText('Услуга записана').waitFor();
    await form.waitFor({ state: 'detached' });
    expect(interactions).toBeLessThan(5);

    // In the timeline at once, and in the family's service history with the totals.
    const history = page.getByRole('region', { name: 'История' });
    await history.getByText('Оказана услуга').waitFor();
    await history.getByText('Индивидуальная психологическая консультация').waitFor();
    await page.getByRole('tab', { name: 'Услуги' }).click();
    await expect.poll(() => page.getByTestId('service-totals').textContent()).toBe('Итого: 1 · 0,8 ч');
    await page
      .getByTestId('service-row')
      .getByText('По просьбе клиента')
      .or(page.getByTestId('service-row').getByText('Клиент'))
      .first()
      .waitFor();
    await hearth.screenshot(page, 'service-history');
    expect(errors.filter((error) => !error.includes('401'))).toEqual([]);
  }, 120_000);

  it('enters a group session with attendance; both show in the timeline and in the month', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'psychologist@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Групповая работа' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Групповая работа');
    await page.getByRole('button', { name: 'Новое занятие' }).click();
    const dialog = page.getByRole('dialog', { name: 'Новое занятие' });
    await dialog.getByLabel(/^Серия/).fill('Родительский клуб по средам');
    await dialog.getByLabel(/^Тема/).fill('Как говорить с ребёнком о переезде');
    await dialog.getByLabel('Взрослых со стороны').fill('2');
    await hearth.screenshot(page, 'group-new');
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Как говорить с ребёнком о переезде');

    // Attendance: the family from her cases, the mother and her son.
    await page.getByRole('combobox', { name: 'Добавить семью' }).fill('Рахим');
    await page
      .getByRole('option', { name: /Рахимов/ })
      .first()
      .click();
    const family = page.getByTestId('attendance-family');
    await family.getByRole('checkbox').first().waitFor();
    const boxes = family.getByRole('checkbox');
    const count = await boxes.count();
    for (let index = 0; index < count; index += 1) await boxes.nth(index).check();
    await page.getByRole('button', { name: /Сохранить посещаемость/ }).click();
    await page.getByText('Посещаемость сохранена').waitFor();
    await expect
      .poll(() => page.getByTestId('session-attendee-total').textContent())
      .toBe(`${count + 2} ${count + 2 === 3 || count + 2 === 4 ? 'участника' : 'участников'}`);
    await hearth.screenshot(page, 'group-attendance');
    await page.getByRole('link', { name: 'Все занятия' }).click();
    await page.getByTestId('group-session').getByText('Как говорить с ребёнком о переезде').waitFor();
    await hearth.screenshot(page, 'groups-list');

    // The family's timeline shows the session next to the consultation.
    await openRahimova(page);
    const history = page.getByRole('region', { name: 'История' });
    await history.getByText('Участие в групповом занятии').waitFor();
    await history.getByText('Оказана услуга').waitFor();
    await history.getByText(/Как говорить с ребёнком о переезде/).waitFor();
    await hearth.screenshot(page, 'case-timeline-services');

    // Her month: the consultation with its hours.
    await page.getByRole('link', { name: 'Нагрузка' }).click();
    const month = page.getByTestId('workload-specialist').first();
    await month.getByText('Индивидуальная психологическая консультация').first().waitFor();
    await expect.poll(() => month.getByTestId('workload-total').textContent()).toBe('1 услуга · 0,8 ч');
    await hearth.screenshot(page, 'workload-ru');
  }, 120_000);

  it('a day of consultations from one screen: an error shows on its row and field, then all are saved at once', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'psychologist@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Мой день' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Мой день');
    const rows = page.getByTestId('day-row');
    for (const index of [0, 1]) {
      await rows
        .nth(index)
        .getByLabel(/^Семья/)
        .fill('Рахим');
      await page
        .getByRole('option', { name: /Рахимов/ })
        .first()
        .click();
    }
    await rows
      .nth(1)
      .getByLabel(/^Длительность/)
      .fill('0');
    await page.getByRole('button', { name: /Сохранить все/ }).click();
    await rows.nth(1).getByText('Длительность — от 1 минуты до 24 часов').waitFor();
    await page.getByText('Строка 2: проверьте поля').waitFor();
    await hearth.screenshot(page, 'my-day-error');
    await rows.nth(1).getByRole('button', { name: '30 мин' }).click();
    await page.getByRole('button', { name: /Сохранить все/ }).click();
    await page.getByText('Записаны 2 услуги').waitFor();

    await page.getByRole('link', { name: 'Нагрузка' }).click();
    await expect
      .poll(() => page.getByTestId('workload-specialist').first().getByTestId('workload-total').textContent())
      .toBe('3 услуги · 2,3 ч');
  }, 120_000);

  it('the coordinator sees the post-support visits due, records one, and sees the team month', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Постсопровождение' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Постсопровождение');
    const visit = page.getByTestId('visit').first();
    await visit.waitFor();
    await hearth.screenshot(page, 'post-support');
    await visit.getByRole('button', { name: 'Записать визит' }).click();
    await page.getByText(/Визит записан/).waitFor();
    await page.getByRole('link', { name: 'Нагрузка' }).click();
    await page.getByText('Визит супервизора (постсопровождение)').first().waitFor();
    await page.getByText('Индивидуальная психологическая консультация').first().waitFor();
    await hearth.screenshot(page, 'workload-team');
  }, 120_000);

  it('the admin adds a service type to the catalogue and retires it', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'admin@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Каталог услуг' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Каталог услуг');
    await page.getByRole('button', { name: 'Добавить вид услуги' }).click();
    const dialog = page.getByRole('dialog', { name: 'Добавить вид услуги' });
    await dialog.getByLabel(/^Код/).fill('Арт-терапия');
    await dialog.getByLabel(/^Название \(русский\)/).fill('Арт-терапия');
    await dialog.getByLabel(/^Название \(английский\)/).fill('Art therapy');
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await dialog.getByText('Код: латинские строчные буквы, цифры и _').waitFor();
    await dialog.getByLabel(/^Код/).fill('art_therapy');
    await dialog.getByRole('button', { name: 'Создать' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByTestId('service-type-row').filter({ hasText: 'art_therapy' });
    await row.getByText('Арт-терапия').waitFor();
    await row.getByRole('button', { name: 'Вывести из употребления' }).click();
    await row.getByText('Выведена из употребления').waitFor();
    await row.getByRole('button', { name: 'Вернуть' }).waitFor();
    await hearth.screenshot(page, 'service-catalogue');
  }, 120_000);

  it('in English and on a phone (390 px) the quick form, the group work and the month fit the screen', async () => {
    const { page } = await hearth.open({ width: 390, height: 844 });
    await logIn(page, 'psychologist@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await openRahimova(page);
    await page.getByRole('button', { name: 'Записать услугу' }).click();
    await page.getByRole('form', { name: 'Записать услугу' }).waitFor();
    await hearth.screenshot(page, 'service-quick-form-390');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.goto('/my-day');
    await page.getByTestId('day-row').first().waitFor();
    await hearth.screenshot(page, 'my-day-390');
    expect(await overflow(page)).toBeLessThanOrEqual(0);

    // The English catalogue is fetched when chosen, then the choice is saved to the account: a page
    // opened before the save would come back in Russian.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/me/locale') && r.request().method() === 'PUT');
    await page.getByText('EN', { exact: true }).click();
    await saved;
    await page.goto(caseUrl);
    await page.getByRole('button', { name: 'Record a service' }).click();
    await page.getByRole('form', { name: 'Record a service' }).getByRole('button', { name: '60 min' }).waitFor();
    await page.getByRole('region', { name: 'History' }).getByText('Service given').first().waitFor();
    await hearth.screenshot(page, 'service-quick-form-en-390');
    await page.goto('/groups');
    await page.getByTestId('group-session').first().waitFor();
    await hearth.screenshot(page, 'groups-en-390');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.goto('/workload');
    await page.getByText('Hours by service type').first().waitFor();
    await hearth.screenshot(page, 'workload-en-390');
    expect(await overflow(page)).toBeLessThanOrEqual(0);
    await page.getByText('RU', { exact: true }).click();
    await page.getByText('Часы по видам услуг').first().waitFor();
  }, 120_000);
});
