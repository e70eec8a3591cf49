// Data protection in the browser (issue 17): the admin registers an access request for a person found
// among the families and downloads the person's data (PDF, read back here); then destroys a family
// whose case closed in 2021 (due under the retention period) from the due list and downloads the act;
// on the way, sets the period of volunteers who started and left.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

async function download(page: Page, testId: string): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return fs.readFileSync((await file.path())!);
}

async function pdfText(buffer: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer) }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  return pages.join('\n');
}

/** A family with a case opened and closed in 2021, made through the API as the demo coordinator. */
async function oldFamily(api: APIRequestContext, lastName: string): Promise<string> {
  const login = await api.post('/api/auth/login', { data: { email: 'coordinator@demo.hearth', password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const { csrfToken, me } = (await login.json()) as { csrfToken: string; me: { id: string; branchIds: string[] } };
  const headers = { 'x-csrf-token': csrfToken, origin: hearth.baseUrl };
  const programmes = (await (await api.get('/api/programmes')).json()) as { items: { id: string; active: boolean }[] };
  const family = await api.post('/api/families', {
    headers,
    data: {
      branchId: me.branchIds[0],
      members: [
        {
          relation: 'mother',
          lastName,
          firstName: 'Ирина',
          birthDate: '1995-03-04',
          sex: 'female',
          citizenship: 'RU',
          phone: '+7 900 555-12-34',
        },
      ],
      confirmedNotDuplicate: true,
    },
  });
  expect(family.status(), await family.text()).toBe(201);
  const familyId = ((await family.json()) as { id: string }).id;
  const opened = await api.post('/api/cases', {
    headers,
    data: {
      familyId,
      programmeId: programmes.items[0]!.id,
      branchId: me.branchIds[0],
      leadId: me.id,
      openedOn: '2021-02-01',
      team: [],
      riskFlags: [],
    },
  });
  expect(opened.status(), await opened.text()).toBe(201);
  const caseId = ((await opened.json()) as { id: string }).id;
  const closed = await api.post(`/api/cases/${caseId}/transition`, {
    headers,
    data: { action: 'close', on: '2021-06-30', outcome: 'child_with_family', reason: 'Сопровождение завершено', version: 1 },
  });
  expect(closed.status(), await closed.text()).toBe(200);
  await api.post('/api/auth/logout', { headers });
  return familyId;
}

describe('data protection', () => {
  it('answers an access request with the person’s data and destroys a closed case due for destruction, with its act', async () => {
    const prep = await hearth.open();
    await oldFamily(prep.context.request, 'Запросова');
    await oldFamily(prep.context.request, 'Архивная');
    await prep.context.close();

    const { page } = await hearth.open({ width: 1400, height: 900 });
    // The first load of a fresh build can be slow on a busy machine.
    await page.goto('/');
    await page.locator('input[type="email"]').waitFor({ timeout: 120_000 });
    await logIn(page, 'admin@demo.hearth', DEMO_PASSWORD);
    await page.getByRole('link', { name: 'Запросы субъектов ПДн' }).click();
    await page.getByTestId('request-new').click();
    await page.getByTestId('request-person-search').fill('Запросова');
    await page.getByTestId('request-person-option').first().click();
    await page.getByTestId('request-register').click();
    // The request's card opens: its deadline, and the person's data to give.
    const pdf = await download(page, 'subject-data-pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Сведения о персональных данных субъекта');
    expect(text).toContain('Запросова');
    await expect.poll(() => page.getByTestId('disclosure').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('request-row').count()).toBeGreaterThan(0);

    await page.getByRole('link', { name: 'Сроки хранения и уничтожение' }).click();
    // The period of volunteers who started and left, in years, saved with the other periods.
    const former = page.getByTestId('retention-formerVolunteerYears');
    await expect.poll(() => former.inputValue()).toBe('3');
    await former.fill('4');
    await page.getByTestId('retention-save').click();
    await expect.poll(() => page.getByTestId('retention-save').isDisabled()).toBe(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('retention-formerVolunteerYears').inputValue()).toBe('4');
    const row = page.getByTestId('due-row').filter({ hasText: 'Архивная' });
    await row.waitFor();
    await row.getByTestId('due-destroy').click();
    await page.getByTestId('destroy-sure').check();
    await page.getByTestId('destroy-confirm').click();
    await page.getByTestId('destroyed-act').waitFor();
    await expect.poll(() => page.getByTestId('due-row').filter({ hasText: 'Архивная' }).count()).toBe(0);
    const act = await download(page, 'act-download');
    const actText = await pdfText(act);
    expect(actText).toContain('АКТ №');
    expect(actText).toContain('Мать');
    expect(actText).not.toContain('Архивная');

    await page.getByRole('link', { name: 'Акты об уничтожении' }).click();
    await expect.poll(() => page.getByTestId('act-row').count()).toBe(1);
    await hearth.screenshot(page, 'privacy-acts');
  }, 300_000);
});
