// List exports of the operational lists in the browser: the demo coordinator opens the aid requests,
// shows them all and downloads them as Excel (the XLSX read back: each request's lines as rows, in the
// order of the cards on screen, with the family's first name, the status in words and the item) and
// as CSV (the dates as on screen, ДД.ММ.ГГГГ); then chooses the warehouse's view ("К выдаче") and the
// CSV holds only the requests that view shows.
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
