// Volunteers in the browser: an application arrives through the public form (no log-in, the consent
// shown and agreed to), the coordinator screens it (interview, certificate of no criminal record,
// induction, agreement), moves it to screened and active and makes the account; the coordinator plans
// a child-care shift a couple of minutes ahead; the new volunteer logs in and signs up to it from
// «Мои смены»; once it has begun the coordinator records it completed with 2 hours, and the hours show
// in the figures. And the coordinator's Monday: My work lists a volunteer's certificate ending, with a
// link to the card, where the certificate's scan is attached; a volunteer coordinator whose role has
// the register and no casework has My work too, with the reminders and no case sections.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { samplePdf } from '../../src/server/testing/files.js';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
}, 300_000);

afterAll(async () => {
  await hearth?.close();
});

const pad = (n: number) => String(n).padStart(2, '0');
/** A moment as a datetime-local input takes it, in the browser's (and this process's) time zone. */
const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
const today = () => local(new Date()).slice(0, 10);

async function choose(page: Page, label: RegExp, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}

describe('volunteers', () => {
  it('from the public form to a child-care shift completed with hours, shown in the figures', async () => {
    // The public form, without a log-in.
    const applicant = await hearth.open();
    await applicant.page.goto('/apply/volunteer/ochag-demo');
    await applicant.page.getByRole('heading', { name: 'Анкета волонтёра' }).waitFor();
    await applicant.page.getByLabel(/^Фамилия/).fill('Кузнецова');
    await applicant.page.getByLabel(/^Имя/).fill('Мария');
    await applicant.page.getByLabel(/^Отчество/).fill('Петровна');
    await applicant.page.getByLabel(/^Телефон/).fill('+7 913 222-11-00');
    await choose(applicant.page, /^Город/, 'Москва');
    await applicant.page.getByLabel('Что вы умеете, чем хотели бы помогать').fill('Работала няней, люблю малышей');
    await applicant.page.getByText('152-ФЗ', { exact: false }).waitFor();
    await applicant.page.getByLabel('Я согласен(на) на обработку персональных данных').check();
    // A person takes longer than the form's minimum fill time.
    await applicant.page.waitForTimeout(3_500);
    await applicant.page.getByRole('button', { name: 'Отправить анкету' }).click();
    await applicant.page.getByTestId('application-sent').waitFor();

    // The coordinator screens and activates it, and makes the account.
    const { page } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/volunteers');
    await page.getByRole('button', { name: 'Кузнецова Мария Петровна' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Согласие дано', { exact: false }).waitFor();
    for (const label of [
      'Дата собеседования',
      'Справка об отсутствии судимости: дата выдачи',
      'Вводное обучение пройдено',
      'Соглашение о волонтёрской деятельности подписано',
    ])
      await dialog.getByLabel(label).fill(today());
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('Справка действует до', { exact: false }).waitFor();
    await dialog.getByRole('button', { name: 'Сменить статус' }).click();
    await dialog.getByText('Проверен').first().waitFor();
    await dialog.getByRole('button', { name: 'Сменить статус' }).click();
    await dialog.getByRole('button', { name: 'Создать учётную запись' }).waitFor();
    await dialog.getByLabel('Эл. почта').fill('maria.kuznetsova@volunteer.test');
    await dialog.getByLabel('Пароль').fill('correct horse battery staple');
    await dialog.getByRole('button', { name: 'Создать учётную запись' }).click();
    await dialog.getByRole('button', { name: 'Создать учётную запись' }).waitFor({ state: 'detached' });
    await page.keyboard.press('Escape');

    // A child-care shift starting in two minutes.
    const starts = new Date(Date.now() + 120_000);
    await page.goto('/volunteers/board');
    await page.getByRole('button', { name: 'Новая задача' }).click();
    await choose(page, /^Филиал/, /^Москва/);
    await dialog.getByLabel('Название').fill('Присмотр за малышами (новая волонтёрка)');
    await dialog.getByLabel('Начало').fill(local(starts));
    await dialog.getByLabel('Окончание').fill(local(new Date(starts.getTime() + 3 * 3_600_000)));
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await dialog.getByText('0 из 2').waitFor();
    await page.keyboard.press('Escape');

    // The new volunteer logs in and signs up.
    const volunteer = await hearth.open();
    await logIn(volunteer.page, 'maria.kuznetsova@volunteer.test', 'correct horse battery staple');
    // A fresh account's first log-in on a busy machine: Argon2 and the shell's first load.
    await volunteer.page.getByTestId('page-title').waitFor({ timeout: 60_000 });
    await volunteer.page.goto('/volunteers/mine');
    const shift = volunteer.page.getByTestId('volunteer-task').filter({ hasText: 'Присмотр за малышами (новая волонтёрка)' });
    await shift.getByRole('button', { name: 'Записаться' }).click();
    await volunteer.page
      .getByTestId('volunteer-task')
      .filter({ hasText: 'Присмотр за малышами (новая волонтёрка)' })
      .getByRole('button', { name: 'Отказаться' })
      .waitFor();

    // Once it has begun, the coordinator records it done with 2 hours.
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, starts.getTime() - Date.now() + 2_000)));
    await page.reload();
    await page.getByRole('button', { name: 'Присмотр за малышами (новая волонтёрка)' }).click();
    await dialog.getByText('Кузнецова Мария Петровна').waitFor();
    await dialog.getByRole('textbox', { name: 'Часы' }).fill('2');
    await dialog.getByRole('button', { name: 'Выполнено' }).click();
    await dialog.getByText('Выполнена').waitFor();
    await page.keyboard.press('Escape');

    // The hours in the figures, and on the volunteer's own screen.
    await page.getByRole('tab', { name: 'Часы волонтёров' }).click();
    const row = page.getByTestId('volunteer-hours').getByRole('row', { name: /Кузнецова Мария Петровна/ });
    await expect.poll(async () => (await row.textContent()) ?? '').toMatch(/Кузнецова Мария Петровна\s*1\s*2$/);
    await volunteer.page.reload();
    await expect.poll(async () => (await volunteer.page.getByTestId('my-hours').textContent()) ?? '').toContain('всего 2');
  }, 420_000);

  it('the coordinator’s Monday: My work lists a certificate ending with a link to the card, where its scan is attached', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    // The shell's first load on a busy machine.
    await page.getByTestId('page-title').waitFor({ timeout: 60_000 });
    await page.goto('/my-work');
    // The demo's Ковалёва: a certificate ending within the reminder days.
    const reminders = page.getByTestId('work-volunteer-certificates');
    await reminders.getByText('справка', { exact: false }).first().waitFor();
    await reminders.getByRole('link', { name: 'Ковалёва Дарья Сергеевна' }).click();
    await page.waitForURL(/\/volunteers\?volunteer=[0-9a-f-]{36}$/);
    const card = page.getByRole('dialog').filter({ has: page.getByTestId('volunteer-files') });
    await card.getByText('Справка об отсутствии судимости (скан)').waitFor();
    const panel = card.locator('[data-testid^="files-volunteer_certificate-"]');
    await panel.getByRole('button', { name: 'Добавить файлы' }).click();
    const upload = page.getByRole('dialog').filter({ has: page.getByTestId('file-input') });
    await upload
      .getByTestId('file-input')
      .setInputFiles({ name: 'справка-ковалёва.pdf', mimeType: 'application/pdf', buffer: samplePdf(1) });
    await upload.getByLabel(/^Название/).fill('Справка МВД, Ковалёва');
    await upload.getByRole('button', { name: 'Загрузить' }).click();
    await upload.waitFor({ state: 'detached' });
    await panel.getByTestId('file-row').filter({ hasText: 'Справка МВД, Ковалёва' }).waitFor();
    // Closing the card drops the volunteer from the address.
    await page.keyboard.press('Escape');
    await page.waitForURL(/\/volunteers$/);
    expect(errors).toEqual([]);
  }, 180_000);

  it('a volunteer coordinator without casework (a role with only the register) has My work with the reminders and no case sections', async () => {
    // The admin makes the role and the account through the API, as the roles and staff pages do.
    const admin = await hearth.open();
    const headers = { origin: hearth.baseUrl };
    const login = await admin.context.request.post('/api/auth/login', {
      data: { email: 'admin@demo.hearth', password: DEMO_PASSWORD },
      headers,
    });
    expect(login.status()).toBe(200);
    const write = { ...headers, 'x-csrf-token': ((await login.json()) as { csrfToken: string }).csrfToken };
    const role = await admin.context.request.post('/api/roles', {
      headers: write,
      data: { name: 'Координатор волонтёров', permissions: ['volunteers.read', 'volunteers.manage'] },
    });
    expect(role.status(), await role.text()).toBe(201);
    const branches = ((await (await admin.context.request.get('/api/branches')).json()) as { items: { id: string }[] }).items;
    const user = await admin.context.request.post('/api/users', {
      headers: write,
      data: {
        lastName: 'Волонтёрская',
        firstName: 'Нина',
        email: 'volunteer-coordinator@demo.hearth',
        password: DEMO_PASSWORD,
        roles: [((await role.json()) as { code: string }).code],
        branchIds: branches.map((b) => b.id),
      },
    });
    expect(user.status(), await user.text()).toBe(201);

    const { page, errors } = await hearth.open();
    await logIn(page, 'volunteer-coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Мои дела' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Мои дела');
    await page.getByTestId('work-volunteer-certificates').getByRole('link', { name: 'Ковалёва Дарья Сергеевна' }).waitFor();
    // No case sections: the role reaches no case.
    expect(await page.getByTestId('work-overdue').count()).toBe(0);
    expect(await page.getByTestId('work-week').count()).toBe(0);
    expect(errors).toEqual([]);
  }, 180_000);
});
