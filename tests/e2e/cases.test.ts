// Casework in the browser: a coordinator takes a referral through triage and intake to an open case;
// people outside the case cannot open it; two people saving the same case do not overwrite each other.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, logOut, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;
let caseUrl = '';

const CLIENT = { lastName: 'Проверкина', firstName: 'Злата', middleName: 'Игоревна', phone: '+7 900 555-12-34' };
const CHILD = 'Мирослава';

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

function isoDay(offsetDays = 0): string {
  const date = new Date(Date.now() + offsetDays * 86_400_000);
  return date.toISOString().slice(0, 10);
}

/** Picks an option of a Mantine select by the field's label. */
async function choose(page: Page, scope: ReturnType<Page['getByRole']>, label: string, option: string | RegExp): Promise<void> {
  // A required field's accessible name ends with the asterisk: match the label's start.
  await scope.getByLabel(new RegExp(`^${label}`)).click();
  await page.getByRole('option', { name: option }).first().click();
}

describe('casework', () => {
  it('registers a referral, schedules and records the intake with admission, and lands on the case with its history', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Обращения' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Обращения');
    await hearth.screenshot(page, 'referrals-queue');

    // A call from a maternity hospital: the quick form.
    await page.getByRole('button', { name: 'Новое обращение' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.getByText('Обязательное поле').first().waitFor();
    await dialog.getByLabel('Фамилия').fill(CLIENT.lastName);
    await dialog.getByLabel('Имя').fill(CLIENT.firstName);
    await dialog.getByLabel('Отчество').fill(CLIENT.middleName);
    await dialog.getByLabel('Телефон').fill(CLIENT.phone);
    await dialog.getByLabel('Суть обращения').fill('Мама собирается отказаться от новорождённой дочери: негде жить, нет документов.');
    await choose(page, dialog, 'Источник', 'Роддом');
    await dialog.getByLabel('Организация').fill('Роддом № 3');
    await dialog.getByLabel('Кто звонил / обратился').fill('Социальный работник роддома');
    await choose(page, dialog, 'Срочность', 'Высокая');
    await hearth.screenshot(page, 'referral-new');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect
      .poll(() => page.getByTestId('page-title').textContent())
      .toBe(`${CLIENT.lastName} ${CLIENT.firstName} ${CLIENT.middleName}`);
    await expect.poll(() => page.getByTestId('referral-status').textContent()).toBe('Новое');

    // Triage: schedule the intake meeting in the hospital.
    const triage = page.getByRole('region', { name: 'Разбор' });
    await triage.getByLabel('Дата и время встречи').fill(`${isoDay(1)}T11:00`);
    await triage.getByLabel('Место встречи').fill('Роддом № 3, 2 этаж');
    await triage.getByRole('button', { name: 'Назначить встречу' }).click();
    await expect.poll(() => page.getByTestId('referral-status').textContent()).toBe('Назначена встреча');

    // The intake: findings, programme, decision to admit; the family is created from the referral.
    const intake = page.getByRole('region', { name: 'Первичная встреча и решение' });
    await intake.getByLabel('Что выяснили').fill('Готова остаться с ребёнком при поддержке; нужна помощь с жильём и документами.');
    await choose(page, intake, 'Программа', 'Центр временного пребывания для мам с детьми');
    await intake.getByRole('button', { name: 'Записать итог встречи' }).click();
    await intake.getByText('Для приёма нужна семья: создайте её или выберите найденную').waitFor();
    await intake.getByRole('button', { name: 'Создать семью из данных обращения' }).click();
    const familyDialog = page.getByRole('dialog', { name: 'Новая семья' });
    await expect.poll(() => familyDialog.getByLabel('Фамилия').first().inputValue()).toBe(CLIENT.lastName);
    await familyDialog.getByRole('button', { name: 'Добавить члена семьи' }).click();
    await familyDialog.getByLabel('Имя').nth(1).fill(CHILD);
    await familyDialog.getByLabel('Дата рождения').nth(1).fill(isoDay(-95));
    await hearth.screenshot(page, 'family-create');
    await familyDialog.getByRole('button', { name: 'Сохранить семью' }).click();
    await familyDialog.waitFor({ state: 'detached' });
    await expect.poll(() => intake.getByTestId('intake-family').textContent()).toContain(CLIENT.lastName);
    await choose(page, intake, 'Ведущий специалист случая', /Кузнецова Анна/);
    await hearth.screenshot(page, 'intake-admit');
    await intake.getByRole('button', { name: 'Записать итог встречи' }).click();

    // The case page: the family, the child's age said the Russian way, and the history.
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    caseUrl = new URL(page.url()).pathname;
    await expect.poll(() => page.getByTestId('page-title').textContent()).toContain(CLIENT.lastName);
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Приём');
    await page.getByText(`${CLIENT.lastName} ${CHILD}`, { exact: true }).waitFor();
    await page.getByText('3 мес.').first().waitFor();
    await page.getByText('Не хватает обязательных согласий').waitFor();
    const history = page.getByRole('region', { name: 'История' });
    await history.getByText('Случай открыт').waitFor();
    await history.getByText('Проведена первичная встреча').waitFor();
    await expect.poll(() => page.getByTestId('case-lead').textContent()).toContain('Кузнецова Анна');
    await hearth.screenshot(page, 'case-ru');

    // The lifecycle table offers only what the status allows.
    expect(await page.getByRole('button', { name: 'Начать сопровождение' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Открыть снова' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Начать сопровождение' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Подтвердить' }).click();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Сопровождение');
    // The timeline tells what the change did, not only that the status changed.
    await history.getByText('Семья принята в программу').waitFor();
    await history.getByText('Приём → Сопровождение').waitFor();

    // The caseload finds it by phone.
    await page.getByRole('link', { name: 'Случаи' }).click();
    await page.getByLabel('Имя или телефон').fill('8 900 555 12 34');
    await page.getByText('Всего: 1').waitFor();
    await page.getByRole('link', { name: new RegExp(CLIENT.lastName) }).waitFor();
    await hearth.screenshot(page, 'caseload-ru');

    // The same pages in English.
    await page.getByText('EN', { exact: true }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Cases');
    await hearth.screenshot(page, 'caseload-en');
    await page.goto(caseUrl);
    await page.getByRole('region', { name: 'History' }).getByText('Case opened').waitFor();
    await page.getByText('3 months').first().waitFor();
    await hearth.screenshot(page, 'case-en');
    await page.getByText('RU', { exact: true }).click();
    await expect.poll(() => page.getByTestId('case-status').textContent()).toBe('Сопровождение');
    // The whole journey in one browser takes ~40 s, more on a busy machine.
  }, 180_000);

  it('records a consent, a social contact and a health note (with the audited override when consent is missing)', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto(caseUrl);
    await page.getByTestId('case-status').waitFor();

    // Consent of the mother to personal-data processing.
    await page.getByRole('tab', { name: 'Согласия' }).click();
    await page.getByRole('button', { name: 'Записать согласие' }).click();
    const consent = page.getByRole('dialog', { name: 'Записать согласие' });
    await consent.getByLabel('Объём согласия').fill('Обработка ПДн для сопровождения семьи');
    await consent.getByRole('button', { name: 'Сохранить' }).click();
    await consent.waitFor({ state: 'detached' });
    await page
      .getByText(/^с \d{2}\.\d{2}\.\d{4}$/)
      .first()
      .waitFor();
    await hearth.screenshot(page, 'case-consents');

    // A supportive grandmother in the map of social contacts.
    await page.getByRole('tab', { name: 'Семья' }).click();
    await page.getByRole('button', { name: 'Добавить связь' }).click();
    const contact = page.getByRole('dialog', { name: 'Добавить связь' });
    await contact.getByLabel('Кто').fill('Валентина Петровна');
    await contact.getByLabel('Кем приходится').fill('бабушка');
    await contact.getByRole('button', { name: 'Сохранить' }).click();
    await contact.waitFor({ state: 'detached' });
    await page.getByText('Валентина Петровна').waitFor();
    await hearth.screenshot(page, 'case-family');

    // A health note about the baby, who has no special-category consent: refused, then saved with a reason.
    await page.getByRole('tab', { name: 'Особые сведения' }).click();
    await page.getByRole('button', { name: 'Добавить запись' }).click();
    const note = page.getByRole('dialog', { name: 'Добавить запись' });
    await choose(page, note, 'О ком', `${CLIENT.lastName} ${CHILD}`);
    await note.getByLabel('Запись').fill('Недоношенность, наблюдается у неонатолога');
    await note.getByRole('button', { name: 'Сохранить' }).click();
    await note.getByText('нет согласия на обработку специальных категорий').waitFor();
    await note.getByLabel('Обоснование').fill('Срочно нужно для плана медицинской помощи, согласие подпишут завтра');
    await note.getByRole('button', { name: 'Сохранить с обоснованием' }).click();
    await note.waitFor({ state: 'detached' });
    await page.getByText('Недоношенность, наблюдается у неонатолога').waitFor();
    await hearth.screenshot(page, 'case-sensitive');
    await page.getByRole('region', { name: 'История' }).getByText('Добавлены особые сведения').waitFor();
  });

  it('on a phone (390 px) the caseload, the case and the referral form fit the screen', async () => {
    const { page } = await hearth.open({ width: 390, height: 844 });
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/cases');
    await page.getByRole('link', { name: new RegExp(CLIENT.lastName) }).waitFor();
    await hearth.screenshot(page, 'caseload-390');
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto(caseUrl);
    await page.getByTestId('case-status').waitFor();
    await hearth.screenshot(page, 'case-390');
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.goto('/referrals');
    await page.getByRole('button', { name: 'Новое обращение' }).click();
    await page.getByRole('dialog').getByLabel('Суть обращения').waitFor();
    await hearth.screenshot(page, 'referral-new-390');
  });

  it('a volunteer has no case list and cannot open the case; staff outside its team read it as not found', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'volunteer@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Мои семьи' }).waitFor();
    expect(await page.getByRole('link', { name: 'Случаи' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Обращения' }).count()).toBe(0);
    await page.goto(caseUrl);
    await page.getByText('Недостаточно прав').waitFor();
    expect(await page.getByText(CLIENT.lastName).count()).toBe(0);
    await hearth.screenshot(page, 'case-volunteer');
    await page.goto('/cases');
    await page.getByText('Недостаточно прав').waitFor();
    await page.getByRole('link', { name: 'Мои семьи' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Мои семьи');
    await hearth.screenshot(page, 'volunteer-families');
    await logOut(page);

    // A psychologist of the same branch, not on this case's team: the case reads as not found.
    await logIn(page, 'psychologist@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto(caseUrl);
    await page.getByText('Случай не найден или у вас нет доступа').waitFor();
    expect(await page.getByText(CLIENT.lastName).count()).toBe(0);
  });

  it('reports a concurrent edit of the team and flags, and offers to reload', async () => {
    const { page: first, context } = await hearth.open();
    await logIn(first, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await first.getByTestId('page-title').waitFor();
    await first.goto(caseUrl);
    await first.getByTestId('case-status').waitFor();
    const second = await context.newPage();
    await second.goto(caseUrl);
    await second.getByTestId('case-status').waitFor();

    // The first tab adds a flag and saves.
    await first.getByRole('button', { name: 'Команда и флаги' }).click();
    const firstDialog = first.getByRole('dialog', { name: 'Команда и флаги' });
    await firstDialog.getByText('Срочно', { exact: true }).click();
    await firstDialog.getByRole('button', { name: 'Сохранить' }).click();
    await firstDialog.waitFor({ state: 'detached' });
    await expect.poll(() => first.getByTestId('case-flags').textContent()).toContain('Срочно');

    // The second tab still shows the old version; its save is refused, nothing is overwritten.
    await second.getByRole('button', { name: 'Команда и флаги' }).click();
    const secondDialog = second.getByRole('dialog', { name: 'Команда и флаги' });
    await secondDialog.getByText('Младенец', { exact: true }).click();
    await secondDialog.getByRole('button', { name: 'Сохранить' }).click();
    await secondDialog.getByText('Кто-то уже изменил этот случай').waitFor();
    await hearth.screenshot(second, 'case-conflict');
    await secondDialog.getByRole('button', { name: 'Обновить' }).click();
    await secondDialog.getByText('Кто-то уже изменил этот случай').waitFor({ state: 'detached' });
    expect(await secondDialog.getByRole('checkbox', { name: 'Срочно' }).isChecked()).toBe(true);
    await secondDialog.getByText('Младенец', { exact: true }).click();
    await secondDialog.getByRole('button', { name: 'Сохранить' }).click();
    await secondDialog.waitFor({ state: 'detached' });
    await expect.poll(() => second.getByTestId('case-flags').textContent()).toMatch(/Срочно.*Младенец|Младенец.*Срочно/);
    await second.getByRole('region', { name: 'История' }).getByText('Изменены команда или флаги').first().waitFor();
  });
});
