// Trainings in the browser: the coordinator runs a two-session seminar teaching the case-management
// technology for the partners' demo specialists from two cities (Москва, Великие Луки) — an end
// before the start is refused on its field, the seminar is then changed (length and rule) —, marks
// attendance and pre/post tests, records completion for those who met the rule (one completion
// recorded by mistake is undone and recorded again), issues numbered certificates and downloads one;
// records a consultation for a speech therapist about a demo family's child (found through the
// caseload search) and deletes one recorded by mistake. The M&E officer sets the programme's targets
// and sees "specialists trained" and "hours of consultations for specialists" in plan vs actual,
// without the child's note.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, logOut, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ruDay = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;

/** Opens a select and picks an option; its options may still be loading, so it tries again. */
async function pick(page: Page, input: Locator, option: string | RegExp): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await input.click();
    try {
      await page.getByRole('option', { name: option }).first().click({ timeout: 5_000 });
      return;
    } catch (error) {
      if (attempt >= 4) throw error;
      await input.blur();
    }
  }
}

const PROGRAMME = 'Кризисные квартиры «Дом для мамы»';
const TITLE = 'Технология ведения случая для специалистов партнёров';
const FIRST = isoDay(-9);
const SECOND = isoDay(-8);
// The partners' demo specialists: two of Москва, two of Великие Луки. Антонова comes to the first day only.
const PEOPLE = [
  { search: 'Орлова', name: 'Орлова Наталья Сергеевна', days: [FIRST, SECOND], pre: 40, post: 85 },
  { search: 'Власов', name: 'Власов Денис Игоревич', days: [FIRST, SECOND], pre: 35, post: 70 },
  { search: 'Никитина', name: 'Никитина Ирина Павловна', days: [FIRST, SECOND], pre: 50, post: 90 },
  { search: 'Антонова', name: 'Антонова Вера Николаевна', days: [FIRST], pre: 30, post: 40 },
];
const NOTE = 'Полине 7 лет, звукопроизношение: упражнения дома с мамой';

describe('trainings', () => {
  it('runs a two-session seminar to certificates, a consultation about a child, and the figures in plan vs actual', async () => {
    const { page, context, errors } = await hearth.open({ width: 1400, height: 900 });
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Обучение и стажировки' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Обучение и стажировки');

    // The seminar: an end before the start is refused on its field, then corrected.
    await page.getByRole('button', { name: 'Новое обучение' }).click();
    let dialog = page.getByRole('dialog', { name: 'Новое обучение' });
    await pick(page, dialog.getByRole('combobox', { name: 'Программа', exact: true }), PROGRAMME);
    await dialog.getByLabel(/^Тема/).fill(TITLE);
    await dialog.getByLabel('Программа обучения').fill('День 1: оценка потребностей семьи.\nДень 2: индивидуальный план.');
    await dialog.getByLabel(/^Начало/).fill(FIRST);
    await dialog.getByLabel(/^Окончание/).fill(isoDay(-10));
    await dialog.getByLabel(/^Часов всего/).fill('12');
    await dialog.getByLabel('Обучает технологии ведения случая').check();
    await dialog.getByLabel(/^Для завершения: не меньше часов/).fill('10');
    await dialog.getByLabel(/^Для завершения: итоговый тест/).fill('60');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Окончание раньше начала').waitFor();
    await dialog.getByLabel(/^Окончание/).fill(SECOND);
    await hearth.screenshot(page, 'training-new');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe(TITLE);

    // Changed in the browser: two days of eight hours, the rule twelve hours, a place.
    await page.getByRole('button', { name: 'Изменить обучение' }).click();
    dialog = page.getByRole('dialog', { name: 'Изменить обучение' });
    expect(await dialog.getByLabel(/^Тема/).inputValue()).toBe(TITLE);
    await dialog.getByLabel(/^Часов всего/).fill('16');
    await dialog.getByLabel(/^Для завершения: не меньше часов/).fill('12');
    await dialog.getByLabel('Место').fill('Москва, ул. Садовая, 12');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByText('Условие завершения: не меньше 12 ч и итоговый тест не ниже 60%').waitFor();
    await expect.poll(async () => (await page.locator('main').textContent()) ?? '').toContain('Часов всего: 16');

    // Two sessions.
    for (const [heldOn, topic] of [
      [FIRST, 'Оценка потребностей, рисков и ресурсов'],
      [SECOND, 'Индивидуальный план и команда случая'],
    ] as const) {
      await page.getByLabel('Дата', { exact: true }).fill(heldOn);
      await page.getByLabel('Часов', { exact: true }).fill('8');
      await page.getByLabel('Тема', { exact: true }).fill(topic);
      await page.getByRole('button', { name: 'Добавить занятие' }).click();
      await page.getByRole('cell', { name: topic }).waitFor();
    }
    await page.getByText('Занятий на 16 ч из 16 ч').waitFor();

    // Four specialists of the partners, registered on the day they signed up.
    for (const person of PEOPLE) {
      const input = page.getByRole('combobox', { name: 'Участник' });
      await input.fill(person.search);
      await page.getByRole('option', { name: new RegExp(`^${person.name}`) }).click();
      await page.getByLabel('Дата регистрации').fill(isoDay(-14));
      await page.getByRole('button', { name: 'Зарегистрировать' }).click();
      await page.getByRole('row').filter({ hasText: person.name }).waitFor();
    }
    const row = (name: string) => page.getByRole('row').filter({ hasText: name });
    expect(await row('Никитина Ирина Павловна').textContent()).toContain('Великие Луки');

    // Attendance per session, then the tests.
    for (const person of PEOPLE)
      for (const heldOn of person.days) await page.getByRole('checkbox', { name: `${person.name} ${ruDay(heldOn)}` }).check();
    await page.getByRole('button', { name: 'Сохранить посещаемость' }).click();
    await expect.poll(() => row('Антонова Вера Николаевна').locator('td').nth(4).textContent()).toBe('8 ');
    for (const person of PEOPLE) {
      await row(person.name).getByLabel('Входной тест, %').fill(String(person.pre));
      await row(person.name).getByLabel('Итоговый тест, %').fill(String(person.post));
      await row(person.name).getByRole('button', { name: 'Сохранить результаты тестов' }).click();
      await row(person.name).getByRole('button', { name: 'Сохранить результаты тестов' }).waitFor({ state: 'detached' });
    }
    await hearth.screenshot(page, 'training-attendance');

    // Completion for everyone who met the rule; one recorded by mistake is undone and recorded again.
    await page.getByRole('button', { name: 'Завершение для всех, кто выполнил условие' }).click();
    await row('Орлова Наталья Сергеевна').getByRole('button', { name: 'Отменить завершение' }).waitFor();
    expect(await row('Антонова Вера Николаевна').getByRole('button', { name: 'Отменить завершение' }).count()).toBe(0);
    await row('Власов Денис Игоревич').getByRole('button', { name: 'Отменить завершение' }).click();
    await row('Власов Денис Игоревич').getByRole('button', { name: 'Отменить завершение' }).waitFor({ state: 'detached' });
    await row('Власов Денис Игоревич').getByText('Выполнил(а) условие завершения').waitFor();
    await page.getByRole('button', { name: 'Завершение для всех, кто выполнил условие' }).click();
    await row('Власов Денис Игоревич').getByRole('button', { name: 'Отменить завершение' }).waitFor();

    // Certificates for the three who completed; Антонова's box cannot be ticked.
    expect(await page.getByRole('checkbox', { name: 'Антонова Вера Николаевна', exact: true }).isDisabled()).toBe(true);
    for (const person of PEOPLE.slice(0, 3)) await page.getByRole('checkbox', { name: person.name, exact: true }).check();
    await page.getByRole('button', { name: 'Выдать сертификаты' }).click();
    await page.getByText('3 сертификатов выдано').waitFor();
    const link = row('Орлова Наталья Сергеевна').getByRole('link', { name: /^№ \d{4}-\d{4}$/ });
    await link.waitFor();
    // Issued, the completion stays: no undo.
    expect(await row('Орлова Наталья Сергеевна').getByRole('button', { name: 'Отменить завершение' }).count()).toBe(0);
    await hearth.screenshot(page, 'training-certificates');
    const pdf = await context.request.get(new URL((await link.getAttribute('href'))!, hearth.baseUrl).toString());
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(pdf.headers()['content-disposition']).toMatch(/certificate-\d{4}-\d{4}\.pdf/);
    expect((await pdf.body()).subarray(0, 4).toString()).toBe('%PDF');

    // Антонова was registered by mistake: removed with her marks; those who completed offer no removal.
    expect(
      await row('Орлова Наталья Сергеевна')
        .getByRole('button', { name: /^Убрать из участников/ })
        .count(),
    ).toBe(0);
    await row('Антонова Вера Николаевна').getByRole('button', { name: 'Убрать из участников: Антонова Вера Николаевна' }).click();
    dialog = page.getByRole('dialog', { name: 'Убрать из участников' });
    await dialog.getByText(/Антонова Вера Николаевна будет убран/).waitFor();
    await dialog.getByRole('button', { name: 'Убрать из участников' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row('Антонова Вера Николаевна').waitFor({ state: 'detached' });
    await row('Орлова Наталья Сергеевна').waitFor();

    // The family whose child the speech therapist is consulted about, found through the caseload search.
    await page.goto('/cases?q=Иванова');
    await page
      .getByRole('link', { name: /Иванова Светлана/ })
      .first()
      .waitFor();

    // The consultation, and one recorded by mistake that is deleted.
    await page.goto('/trainings/consultations');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Консультации специалистам');
    for (const [topic, minutes, aboutChild] of [
      ['Речевое развитие ребёнка 7 лет: домашние упражнения', '90', true],
      ['Ошибочная запись', '30', false],
    ] as const) {
      await page.getByRole('button', { name: 'Новая консультация' }).click();
      dialog = page.getByRole('dialog', { name: 'Новая консультация' });
      await dialog.getByLabel(/^Дата консультации/).fill(isoDay(-2));
      await dialog.getByLabel(/^Длительность, мин/).fill(minutes);
      await dialog.getByLabel(/^Тема/).fill(topic);
      await dialog.getByPlaceholder('Поиск по фамилии, профессии, городу').fill('Орлова');
      await page.getByRole('option', { name: /^Орлова Наталья Сергеевна · Логопед/ }).click();
      await page.keyboard.press('Escape').catch(() => undefined);
      if (aboutChild) {
        await pick(page, dialog.getByRole('combobox', { name: 'Программа', exact: true }), PROGRAMME);
        await dialog.getByRole('combobox', { name: /^Случай семьи/ }).fill('Иванова');
        await page
          .getByRole('option', { name: /Иванова Светлана/ })
          .first()
          .click();
        await dialog.getByLabel(/^О ребёнке/).fill(NOTE);
      }
      await dialog.getByRole('button', { name: 'Сохранить' }).click();
      await dialog.waitFor({ state: 'detached' });
      await page.getByRole('row').filter({ hasText: topic }).waitFor();
    }
    const consultation = page.getByRole('row').filter({ hasText: 'Речевое развитие' });
    expect(await consultation.textContent()).toContain(NOTE);
    await consultation.getByRole('link').waitFor();
    const mistake = page.getByRole('row').filter({ hasText: 'Ошибочная запись' });
    // Corrected first (its length typed wrong), the form holding what was recorded; then deleted.
    await mistake.getByRole('button', { name: 'Изменить консультацию' }).click();
    dialog = page.getByRole('dialog', { name: 'Изменить консультацию' });
    expect(await dialog.getByLabel(/^Тема/).inputValue()).toBe('Ошибочная запись');
    await dialog.getByLabel(/^Длительность, мин/).fill('45');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => mistake.locator('td').nth(3).textContent()).toBe('45');
    expect(await mistake.textContent()).toContain('Орлова Наталья Сергеевна');
    await mistake.getByRole('button', { name: 'Удалить консультацию' }).click();
    dialog = page.getByRole('dialog', { name: 'Удалить консультацию' });
    await dialog.getByRole('button', { name: 'Удалить', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await mistake.waitFor({ state: 'detached' });
    await hearth.screenshot(page, 'training-consultations');
    await logOut(page);

    // The M&E officer: the consultation without the child's note, then the programme's targets and figures.
    await logIn(page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/trainings/consultations');
    await page.getByRole('row').filter({ hasText: 'Речевое развитие' }).waitFor();
    expect(await page.locator('main').textContent()).not.toContain(NOTE);
    await page.getByRole('link', { name: 'План и факт' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('План и факт');
    await page.getByTestId('programme-select').click();
    await page.getByRole('option', { name: PROGRAMME }).click();
    await page.getByTestId('show-all').click();
    const trained = page.locator('[data-testid="report-row"][data-code="specialists_trained"]');
    const hours = page.locator('[data-testid="report-row"][data-code="specialist_consultation_hours"]');
    await trained.waitFor();
    await page.getByRole('button', { name: 'Изменить план' }).click();
    await page.getByLabel('План: Специалисты, прошедшие обучение', { exact: true }).fill('30');
    await page.getByLabel('План: Часы консультаций для специалистов', { exact: true }).fill('110');
    await page.getByRole('button', { name: 'Сохранить план' }).click();
    await page.getByText('План сохранён').waitFor();
    await expect.poll(() => trained.locator('td').nth(1).textContent()).toBe('30');
    expect((await trained.locator('td').nth(2).textContent())?.trim()).toBe('3');
    expect(await trained.locator('td').nth(3).textContent()).toContain('10%');
    expect((await hours.locator('td').nth(1).textContent())?.trim()).toBe('110');
    expect((await hours.locator('td').nth(2).textContent())?.trim()).toBe('1,5');
    const learned = page.locator('[data-testid="report-row"][data-code="specialists_case_management"]');
    expect((await learned.locator('td').nth(2).textContent())?.trim()).toBe('3');
    await hearth.screenshot(page, 'training-plan-vs-actual');
    // The console may name the session probe before logging in (401) and the refused seminar (400).
    expect(errors.filter((e) => !e.includes('status of 400') && !e.includes('401'))).toEqual([]);
  }, 600_000);
});
