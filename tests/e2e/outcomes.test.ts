// Outcomes in the browser: a case worker sees outcomes the records prove on a demo case and marks
// another by hand (the history keeps it); the follow-up contacts due; the coordinator's cohort page
// with the 3/6/12-month figures, the same as the API's; the framework page for the M&E officer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

describe('outcomes', () => {
  it('a case worker sees an evidenced outcome on Гульнара’s case and marks another by hand', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'case_worker@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto(`/cases?q=${encodeURIComponent('Рахимова')}`);
    await page
      .getByRole('link', { name: /Рахимов/ })
      .first()
      .click();
    await page.getByTestId('case-status').waitFor();
    await page.getByRole('tab', { name: 'Результаты' }).click();
    const panel = page.getByTestId('case-outcomes');
    await panel.waitFor();
    // The map of social contacts is in the records: marked automatically, with its evidence.
    const mapped = panel.locator('[data-testid="outcome"][data-code="social_contacts_mapped"]');
    await expect.poll(() => mapped.getAttribute('data-status')).toBe('achieved');
    await expect
      .poll(() => mapped.getByTestId('evidence').textContent())
      .toMatch(/Подтверждено записями: Контактов в карте связей: \d+, первый внесён/);
    // The psychologist's mark from the demo is there.
    const trust = panel.locator('[data-testid="outcome"][data-code="trust_in_staff"]');
    await trust.getByText(/Отмечено вручную: Достигнут — Сама пришла обсудить/).waitFor();
    await hearth.screenshot(page, 'outcomes-case');

    // Marking by hand: the note is required (the form says so), then saved and shown with the history.
    const lawyer = panel.locator('[data-testid="outcome"][data-code="lawyer_informed"]');
    expect(await lawyer.getAttribute('data-status')).toBe('open');
    await lawyer.getByRole('button', { name: 'Отметить' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Сохранить отметку' }).click();
    await dialog.getByText('Обязательное поле').waitFor();
    await dialog.getByLabel(/Комментарий/).fill('Юрист получил копии решения суда и свидетельства о рождении');
    await dialog.getByRole('button', { name: 'Сохранить отметку' }).click();
    await page.getByText('Отметка сохранена').waitFor();
    await expect.poll(() => lawyer.getAttribute('data-status')).toBe('achieved');
    await lawyer.getByText(/Отмечено вручную: Достигнут — Юрист получил копии решения суда/).waitFor();
    await lawyer.getByRole('button', { name: '1' }).click();
    await expect.poll(() => lawyer.getByTestId('mark').count()).toBe(1);
    // The 401 is the session check before logging in.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('the coordinator opens the cohort page and sees the figures', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Когорты и катамнез' }).click();
    await page.getByRole('combobox', { name: 'Программа' }).click();
    await page.getByRole('option', { name: /Неразлучные/ }).click();
    await page.getByTestId('cohort-horizons').waitFor();
    // The same figures as the API gives for the programme and the default period (admitted 18 to 6 months ago).
    const programmes = (await (await page.request.get('/api/programmes')).json()) as { items: { id: string; name: string }[] };
    const programmeId = programmes.items.find((p) => p.name.includes('Неразлучные'))!.id;
    const iso = (months: number) => {
      const d = new Date();
      const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - months, 1));
      const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(d.getUTCDate(), last));
      return target.toISOString().slice(0, 10);
    };
    const api = (await (await page.request.get(`/api/outcomes/cohort?programmeId=${programmeId}&from=${iso(18)}&to=${iso(6)}`)).json()) as {
      admitted: number;
      left: number;
      horizons: { months: number; contacted: number; childWithFamily: number; childWithFamilyShare: number | null }[];
    };
    // The demo cohort: eight families of «Неразлучные» admitted then, six of them gone; at 3 months
    // five were contacted (Соколова, Белова, Андреева, Григорьева, Тарасова), two found the child at home.
    expect(api.admitted).toBeGreaterThanOrEqual(8);
    expect(api.horizons[0]).toMatchObject({ months: 3, contacted: 5, childWithFamily: 2 });
    await expect.poll(() => page.getByTestId('cohort-admitted').textContent()).toBe(String(api.admitted));
    expect(await page.getByTestId('cohort-left').textContent()).toBe(String(api.left));
    for (const h of api.horizons) {
      const row = page.getByTestId(`horizon-${h.months}`);
      expect(await row.locator('[data-col="contacted"]').textContent()).toBe(String(h.contacted));
      expect(await row.locator('[data-col="childWithFamily"]').textContent()).toBe(String(h.childWithFamily));
      expect(await row.locator('[data-col="share"]').textContent()).toBe(
        h.childWithFamilyShare === null ? '—' : `${Math.round(h.childWithFamilyShare * 100)}%`,
      );
    }
    await expect.poll(() => page.locator('.recharts-surface').count()).toBeGreaterThan(0);
    await hearth.screenshot(page, 'outcomes-cohort');
    // Figures only: no family is named on the page.
    expect(await page.locator('main').textContent()).not.toMatch(/Соколова|Андреева|Зайцева/);
    // The 401 is the session check before logging in.
    expect(errors.filter((e) => !e.includes('401'))).toEqual([]);
  });

  it('the case worker sees the follow-up contacts due and overdue', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'case_worker@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Контакты после выхода' }).click();
    const table = page.getByTestId('follow-ups');
    await table.waitFor();
    await table.getByRole('row', { name: /Зайцева.*через 3 месяца.*Пора связаться/ }).waitFor();
    await table.getByRole('row', { name: /Андреева.*через 6 месяцев.*Просрочено/ }).waitFor();
    await page.getByTestId('follow-up-filter').getByText('Просрочено').click();
    await expect.poll(() => table.getByRole('row', { name: /Зайцева/ }).count()).toBe(0);
    await hearth.screenshot(page, 'outcomes-follow-ups');

    // Recording the due contact: the answer is required; once saved the family leaves the list.
    await page.getByTestId('follow-up-filter').getByText('Пора связаться').click();
    await table
      .getByRole('row', { name: /Зайцева/ })
      .getByRole('button', { name: 'Записать контакт' })
      .click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Записать контакт' }).click();
    await expect.poll(() => dialog.getByText('Обязательное поле').count()).toBe(2);
    await dialog.getByRole('radio', { name: 'Да' }).check();
    await dialog.getByLabel(/^Где семья живёт сейчас/).click();
    await page.getByRole('option', { name: 'Снимает жильё' }).click();
    await dialog.getByLabel('Город, подробности').fill('Великие Луки, комната у вокзала');
    await hearth.screenshot(page, 'outcomes-follow-up-form');
    await dialog.getByRole('button', { name: 'Записать контакт' }).click();
    await page.getByText('Контакт записан').waitFor();
    await expect.poll(() => page.getByRole('row', { name: /Зайцева/ }).count()).toBe(0);
  });

  it('the M&E officer edits the framework', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'me_officer@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Рамка результатов' }).click();
    const framework = page.getByTestId('framework').first();
    await framework.getByText('Составлен индивидуальный план').waitFor();
    await framework.getByRole('button', { name: 'Добавить результат' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel(/Название \(рус\.\)/).fill('Ребёнок ходит в детский сад');
    await dialog.getByLabel(/Название \(англ\.\)/).fill('The child goes to a kindergarten');
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await framework.getByText('Ребёнок ходит в детский сад').waitFor();
    await hearth.screenshot(page, 'outcomes-framework');
  });
  it('in English on a phone: a family that left, with its follow-up contacts, and the cohort page', async () => {
    const { page } = await hearth.open({ width: 390, height: 844 });
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    // The English catalogue is fetched when chosen, then the choice is saved to the account: a page
    // opened before the save would come back in Russian.
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/auth/me/locale') && r.request().method() === 'PUT');
    await page.getByText('EN', { exact: true }).click();
    await saved;
    // Straight to the family's case (the list re-renders while the search settles, so a click could land on another row).
    const found = (await (await page.request.get(`/api/cases?q=${encodeURIComponent('Соколова Наталья')}`)).json()) as {
      items: { id: string; familyName: string }[];
    };
    await page.goto(`/cases/${found.items.find((c) => c.familyName === 'Соколова Наталья')!.id}`);
    await page.getByTestId('case-status').waitFor();
    await page.getByRole('tab', { name: 'Outcomes' }).click();
    const long = page.locator('[data-testid="outcome"][data-code="child_with_family"]');
    await expect
      .poll(() => long.getByTestId('evidence').textContent())
      .toMatch(/Shown by the records: Follow-up contact on .*: the child lives with the family/);
    const followUps = page.getByTestId('case-follow-ups');
    await expect.poll(() => followUps.getByRole('row').count()).toBe(3);
    await followUps.getByText('after 12 months').waitFor();
    await page.getByRole('button', { name: 'Record a contact' }).waitFor();
    await hearth.screenshot(page, 'outcomes-case-en-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.goto('/outcomes/cohort');
    await page.getByText('Families admitted', { exact: true }).waitFor();
    await page.getByTestId('cohort-horizons').waitFor();
    await hearth.screenshot(page, 'outcomes-cohort-en-390');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await page.getByText('RU', { exact: true }).click();
    await page.getByText('Принято семей', { exact: true }).waitFor();
  }, 120_000);
});
