// A plan typed in after the fact keeps the day it was made (issue 12, point 3): a case opened four
// weeks ago gets its plan, made with the mother three weeks ago (within the 14 days), entered today.
// The case page and "My work" judge the first-plan deadline on that day — on time, not overdue — and
// the timeline shows the plan at its date, saying it was entered later. A day before the case is
// refused with the server's message under the date; a done task takes the day it was done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

function isoDay(offsetDays = 0): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** dd.mm.yyyy, as the pages show a date in Russian. */
function ru(day: string): string {
  const [y, m, d] = day.split('-');
  return `${d}.${m}.${y}`;
}

const MOTHER = { lastName: 'Зарецкая', firstName: 'Милана', middleName: 'Игоревна', birthDate: '2001-03-14' };

/** The coordinator opens, through the API, a case led by herself that began four weeks ago. */
async function openCaseFourWeeksAgo(context: BrowserContext): Promise<void> {
  const headers = { origin: hearth.baseUrl };
  const login = await context.request.post('/api/auth/login', {
    data: { email: 'coordinator@demo.hearth', password: DEMO_PASSWORD },
    headers,
  });
  expect(login.status()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const write = { ...headers, 'x-csrf-token': csrfToken };
  const { me } = (await (await context.request.get('/api/auth/me')).json()) as { me: { id: string; branchIds: string[] } };
  const programmes = (await (await context.request.get('/api/programmes')).json()) as { items: { id: string; active: boolean }[] };
  const family = await context.request.post('/api/families', {
    headers: write,
    data: { branchId: me.branchIds[0], confirmedNotDuplicate: true, members: [{ relation: 'mother', ...MOTHER, sex: 'female' }] },
  });
  expect(family.status(), await family.text()).toBe(201);
  const opened = await context.request.post('/api/cases', {
    headers: write,
    data: {
      familyId: ((await family.json()) as { id: string }).id,
      programmeId: programmes.items.find((p) => p.active)!.id,
      branchId: me.branchIds[0],
      leadId: me.id,
      openedOn: isoDay(-28),
      team: [],
      riskFlags: [],
    },
  });
  expect(opened.status(), await opened.text()).toBe(201);
}

describe('a plan entered after the fact', () => {
  it('made three weeks ago, within the deadline, reads as made on time on the case page, in My work and in the timeline', async () => {
    const setup = await hearth.open();
    await openCaseFourWeeksAgo(setup.context);

    const { page } = await hearth.open({ width: 1280, height: 900 });
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();

    // Before: the first plan was due 14 days after the opening, two weeks ago.
    await page.goto('/my-work');
    const due = page.getByTestId('work-first-plans');
    await due.getByText(/Зарецкая/).waitFor();
    await page.goto(`/cases?q=${encodeURIComponent(MOTHER.lastName)}`);
    await page
      .getByRole('link', { name: /Зарецкая/ })
      .first()
      .click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}/);
    await page.getByRole('tab', { name: 'План', exact: true }).click();
    await expect.poll(() => page.getByTestId('first-plan').getAttribute('data-state')).toBe('overdue');

    // The plan as made with the mother three weeks ago, typed in today.
    await page.getByRole('button', { name: 'Составить план' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Образ желаемого будущего').fill('Жить с сыном в своей комнате, выйти на работу');
    const madeOn = dialog.getByLabel('Дата составления плана');
    expect(await madeOn.inputValue()).toBe(isoDay());
    // A day before the case began is refused by the server, named under the date.
    await madeOn.fill(isoDay(-40));
    await dialog.getByLabel('Начало плана').fill(isoDay(-40));
    await dialog.getByRole('button', { name: 'Создать план' }).click();
    await dialog.getByText(/Дата раньше начала работы со случаем/).waitFor();
    await madeOn.fill(isoDay(-21));
    await dialog.getByLabel('Начало плана').fill(isoDay(-21));
    await dialog.getByRole('button', { name: 'Создать план' }).click();
    await dialog.waitFor({ state: 'detached' });

    // Judged on the day it was made: on time.
    await expect.poll(() => page.getByTestId('first-plan').getAttribute('data-state')).toBe('met');
    expect(await page.getByTestId('first-plan').textContent()).toBe(`План составлен вовремя (${ru(isoDay(-21))})`);
    expect(await page.getByTestId('plan-made-on').textContent()).toContain(ru(isoDay(-21)));

    // The timeline shows the plan at its date, entered later.
    const history = page.getByRole('region', { name: 'История' });
    const planned = history.locator('.mantine-Timeline-item', { hasText: 'Составлен план сопровождения' });
    await planned.waitFor();
    expect(await planned.getByTestId('occurred-on').textContent()).toBe(ru(isoDay(-21)));
    await planned.getByText('внесено позже').waitFor();
    await hearth.screenshot(page, 'back-dated-plan');

    // My work no longer lists the case's first plan as due.
    await page.goto('/my-work');
    await page.getByTestId('page-title').waitFor();
    await page.waitForLoadState('networkidle');
    expect(
      await page
        .getByTestId('work-first-plans')
        .getByText(/Зарецкая/)
        .count(),
    ).toBe(0);
  }, 180_000);
});
