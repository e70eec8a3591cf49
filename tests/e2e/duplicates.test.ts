// The duplicate hint in the browser (issue 11, defect 8): a case worker typing a person who is a
// client of a branch she does not work in is told only that a possible match exists and that the
// coordinator is asked to check it — no branch, no name, no what-matched; the supervisor of that
// branch then finds the request on the referrals page and resolves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD, logIn, logOut, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;
const PERSON = { lastName: 'Тайнова', firstName: 'Зарина', middleName: 'Руслановна', birthDate: '1994-07-15' };
const HIDDEN_BRANCH = 'Дом для мамы — Хабаровск';

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

/** The supervisor (all branches) registers the family in Khabarovsk, where the case worker does not work. */
async function registerHiddenFamily(context: BrowserContext): Promise<void> {
  const headers = { origin: hearth.baseUrl };
  const login = await context.request.post('/api/auth/login', {
    data: { email: 'supervisor@demo.hearth', password: DEMO_PASSWORD },
    headers,
  });
  expect(login.status()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const branches = (await (await context.request.get('/api/branches')).json()) as { items: { id: string; name: string }[] };
  const branchId = branches.items.find((b) => b.name === HIDDEN_BRANCH)!.id;
  const created = await context.request.post('/api/families', {
    headers: { ...headers, 'x-csrf-token': csrfToken },
    data: {
      branchId,
      confirmedNotDuplicate: true,
      members: [{ relation: 'mother', ...PERSON, sex: 'female' }],
    },
  });
  expect(created.status(), await created.text()).toBe(201);
}

describe('the duplicate hint', () => {
  it('tells a case worker only that a match exists and the coordinator is asked; the branch’s supervisor resolves it', async () => {
    const setup = await hearth.open();
    await registerHiddenFamily(setup.context);

    const { page } = await hearth.open();
    await logIn(page, 'case_worker@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Обращения' }).click();
    await page.getByRole('button', { name: 'Новое обращение' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Фамилия').fill(PERSON.lastName);
    await dialog.getByLabel(/^Имя/).fill(PERSON.firstName);
    await dialog.getByLabel('Дата рождения').fill(PERSON.birthDate);
    const hint = dialog.getByTestId('match-outside-reach');
    await hint.waitFor();
    expect(await hint.textContent()).toBe(
      'Есть возможное совпадение. Координатору направлен запрос — он проверит совпадение, когда вы сохраните направление.',
    );
    const region = await dialog.getByRole('region', { name: 'Возможно, семья уже известна' }).textContent();
    expect(region).not.toMatch(/Хабаровск|Тайнова|ФИО|дата рождения|совпадает/);
    await hearth.screenshot(page, 'duplicate-hint-outside-reach');

    await dialog.getByLabel('Суть обращения').fill('Просит помощи: негде жить с ребёнком.');
    await dialog.getByRole('button', { name: 'Зарегистрировать' }).click();
    await dialog.waitFor({ state: 'detached' });
    await logOut(page);

    await logIn(page, 'supervisor@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Обращения' }).click();
    const checks = page.getByRole('region', { name: 'Возможные повторы на проверку' });
    const row = checks.getByTestId('duplicate-check').filter({ hasText: PERSON.lastName });
    await row.waitFor();
    expect(await row.textContent()).toContain(HIDDEN_BRANCH);
    await hearth.screenshot(page, 'duplicate-checks');
    await row.getByRole('button', { name: 'Это другая семья' }).click();
    await row.waitFor({ state: 'detached' });
  }, 240_000);
});
