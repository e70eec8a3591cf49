// List exports of the operational lists in the browser: the demo coordinator opens the aid requests,
// shows them all and downloads them as Excel (the XLSX read back: each request's lines as rows, in the
// order of the cards on screen, with the family's first name, the status in words and the item) and
// as CSV (the dates as on screen, ДД.ММ.ГГГГ); then chooses the warehouse's view ("К выдаче") and the
// CSV holds only the requests that view shows. On the group sessions page the coordinator chooses a
// kind; the buttons carry the period and the kind on screen and the file holds the sessions shown.
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { csvRows, sheetRows } from '../../src/server/testing/exports.js';
import { downloaded, unexpected } from './downloads.js';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

const isoDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** The cards on screen as the file's rows: one per line of a request — family, status, date (ДД.ММ.ГГГГ), item. */
async function screenRows(cards: Locator): Promise<string[][]> {
  return cards.evaluateAll((elements) =>
    elements.flatMap((card) => {
      const text = (id: string) => (card.querySelector(`[data-testid="${id}"]`)?.textContent ?? '').trim();
      const date = text('aid-request-date').split(' · ')[0]!.trim();
      return Array.from(card.querySelectorAll('[data-testid="aid-request-line"]')).map((line) => [
        text('aid-request-family'),
        text('aid-request-status'),
        date,
        (line.textContent ?? '').split(' — ')[0]!.trim(),
      ]);
    }),
  );
}

describe('the aid requests export', () => {
  it('downloads the requests on screen, then those of the view chosen', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Запросы помощи' }).click();
    await page.locator('.mantine-SegmentedControl-root').getByText('Все', { exact: true }).click();
    const cards = page.getByTestId('aid-request');
    await expect.poll(() => page.getByTestId('aid-requests-export-xlsx').getAttribute('href')).toBe('/api/aid/requests.xlsx?view=all');
    // Loaded once the cards are no longer only those awaiting a decision (the view it opened on).
    const statuses = async () => new Set((await screenRows(cards)).map((r) => r[1]));
    await expect.poll(async () => (await statuses()).size).toBeGreaterThan(1);
    const all = await screenRows(cards);

    const file = await downloaded(page, () => page.getByTestId('aid-requests-export-xlsx').click());
    expect(file.name).toMatch(/^Запросы помощи .*\.xlsx$/);
    const rows = await sheetRows(file.content);
    expect(rows[0]!.slice(0, 6)).toEqual(['Семья', 'Статус', 'Способ выдачи', 'Дата запроса', 'Запросил(а)', 'Наименование']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[5]])).toEqual(all.map(([family, status, , item]) => [family, status, item]));
    const csv = csvRows((await downloaded(page, () => page.getByTestId('aid-requests-export-csv').click())).content);
    expect(csv.slice(1).map((r) => [r[0], r[3]])).toEqual(all.map(([family, , date]) => [family, date]));

    // The warehouse's view: only the approved requests, in the file as on screen.
    await page.locator('.mantine-SegmentedControl-root').getByText('К выдаче', { exact: true }).click();
    await expect
      .poll(() => page.getByTestId('aid-requests-export-csv').getAttribute('href'))
      .toBe('/api/aid/requests.csv?view=to_hand_out');
    await expect.poll(async () => [...(await statuses())]).toEqual(['Одобрено']);
    const toHandOut = await screenRows(cards);
    expect(toHandOut.length).toBeLessThan(all.length);
    const handOut = csvRows((await downloaded(page, () => page.getByTestId('aid-requests-export-csv').click())).content);
    expect(handOut.slice(1).map((r) => [r[0], r[1], r[3], r[5]])).toEqual(toHandOut);
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });
});

describe('the group sessions export', () => {
  it('downloads the sessions on screen with the period and the kind chosen', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    // The demo the browser tests use has no group work: three sessions of two kinds, days apart.
    const created = await page.evaluate(
      async (days: string[]) => {
        const { me, csrfToken } = (await (await fetch('/api/auth/me')).json()) as {
          me: { id: string; branchIds: string[] };
          csrfToken: string;
        };
        const statuses: number[] = [];
        for (const [i, date] of days.entries()) {
          const res = await fetch('/api/group-sessions', {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-csrf-token': csrfToken },
            body: JSON.stringify({
              branchId: me.branchIds[0],
              kind: i === 1 ? 'workshop' : 'parents_club',
              series: i === 1 ? '' : 'Клуб по средам',
              topic: `Выгрузка: занятие ${i + 1}`,
              date,
              durationMinutes: 60,
              facilitatorIds: [me.id],
              summary: 'О чём говорили — не для файла',
            }),
          });
          statuses.push(res.status);
        }
        return statuses;
      },
      [isoDay(-20), isoDay(-10), isoDay(-5)],
    );
    expect(created).toEqual([201, 201, 201]);
    await page.goto('/groups');
    const cards = page.getByTestId('group-session');
    await cards.first().waitFor();
    const kind = 'Родительский клуб';
    await page.getByRole('combobox', { name: 'Вид' }).click();
    await page.getByRole('option', { name: kind, exact: true }).click();
    await expect.poll(() => page.getByTestId('groups-export-xlsx').getAttribute('href')).toMatch(/[?&]kind=/);
    const href = new URL((await page.getByTestId('groups-export-xlsx').getAttribute('href'))!, 'http://x');
    expect([...href.searchParams.keys()].sort()).toEqual(['from', 'kind', 'to']);
    const topics = (await page.getByTestId('group-topic').allTextContents()).map((t) => t.trim());
    expect(topics.length).toBeGreaterThan(0);
    const rows = await sheetRows((await downloaded(page, () => page.getByTestId('groups-export-xlsx').click())).content);
    expect(rows[0]!.slice(2, 5)).toEqual(['Вид', 'Серия', 'Тема']);
    expect(rows.slice(1).map((r) => r[4])).toEqual(topics);
    expect(topics).toEqual(['Выгрузка: занятие 3', 'Выгрузка: занятие 1']);
    expect(new Set(rows.slice(1).map((r) => r[2]))).toEqual(new Set([kind]));
    expect(JSON.stringify(rows)).not.toContain('не для файла');
    expect(unexpected(errors), errors.join('\n')).toEqual([]);
  });
});
