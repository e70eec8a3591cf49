// Import from spreadsheets in the browser (issue 16, point 3): the coordinator uploads a 300-row
// spreadsheet of families with 20 bad rows and 5 possible duplicates of families already known, maps
// its columns, sees the problems and duplicates, links one duplicate, imports with a progress bar,
// downloads the report of the rows not imported, fixes them and uploads the fixed file again (its
// mapping remembered), and finds the families.
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext } from 'playwright-core';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
}, 120_000);

afterAll(async () => {
  await hearth?.close();
});

const HEADERS = ['№ семьи', 'ФИО', 'Кем приходится', 'Дата рождения', 'Телефон', 'Филиал'];
// Names made of syllables, so that no two rows look alike to the trigram check (as real names rarely do).
const SYLLABLES = ['ба', 'ве', 'ги', 'до', 'жу', 'зы', 'ка', 'ле', 'мо', 'ну', 'пы', 'ро', 'са', 'ти', 'фу'];
const word = (n: number, ending: string) => {
  const w = SYLLABLES[n % 15]! + SYLLABLES[Math.floor(n / 15) % 15]! + SYLLABLES[Math.floor(n / 225) % 15]! + ending;
  return w.charAt(0).toUpperCase() + w.slice(1);
};
const personName = (i: number) => `${word(i * 7 + 1, 'ова')} ${word(i * 11 + 2, 'ина')} ${word(i * 13 + 3, 'овна')}`;

async function xlsx(rows: (string | number | Date)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Семьи');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function api(request: APIRequestContext) {
  const headers = { origin: hearth.baseUrl };
  const login = await request.post('/api/auth/login', { data: { email: 'coordinator@demo.hearth', password: DEMO_PASSWORD }, headers });
  const { csrfToken, me } = (await login.json()) as { csrfToken: string; me: { branchIds: string[] } };
  return { headers: { ...headers, 'x-csrf-token': csrfToken }, me };
}

describe('import from a spreadsheet', () => {
  it('imports 300 rows with 20 bad and 5 duplicates, and the fixed report uploads again', async () => {
    const setup = await hearth.open();
    const { headers, me } = await api(setup.context.request);
    const branches = (await (await setup.context.request.get('/api/branches')).json()) as { items: { id: string; name: string }[] };
    const branch = branches.items.find((b) => b.id === me.branchIds[0])!.name;
    // Five families already known to the coordinator: their mothers come again in the file.
    const known: { name: string; birth: string }[] = [];
    for (let i = 0; i < 5; i += 1) {
      const person = { lastName: `Знакомова${'абвгд'[i]}`, firstName: 'Евпраксия', middleName: 'Силовна', birthDate: `1990-0${i + 1}-15` };
      const created = await setup.context.request.post('/api/families', {
        headers,
        data: { branchId: me.branchIds[0], confirmedNotDuplicate: true, members: [{ relation: 'mother', sex: 'female', ...person }] },
      });
      expect(created.status(), await created.text()).toBe(201);
      known.push({ name: `${person.lastName} ${person.firstName} ${person.middleName}`, birth: `15.0${i + 1}.1990` });
    }
    const rows: (string | number | Date)[][] = [HEADERS];
    const bad = new Set<number>();
    for (let i = 0; i < 300; i += 1) {
      const family = `С-${i + 1}`;
      const name = personName(i);
      const kind = i % 15; // every 15th row is bad (20 rows), every 60th from the 7th a duplicate (5 rows)
      if (i % 60 === 7) {
        const k = known[(i - 7) / 60]!;
        rows.push([family, k.name, 'мать', k.birth, '', branch]);
      } else if (kind === 3) {
        bad.add(i);
        const which = bad.size % 3;
        rows.push([
          family,
          which === 1 ? '' : name,
          'мать',
          which === 0 ? '31.02.1991' : '12.03.1991',
          which === 2 ? '12-34' : `8 (914) ${String(100 + (i % 900)).padStart(3, '0')}-00-${String(i % 100).padStart(2, '0')}`,
          branch,
        ]);
      } else {
        rows.push([
          family,
          name,
          'мать',
          i % 2 ? `${1 + (i % 28)}.${1 + (i % 12)}.19${80 + (i % 20)}` : new Date(Date.UTC(1985, i % 12, 1 + (i % 27))),
          `+7 914 ${String(200 + (i % 700)).padStart(3, '0')} ${String(i % 100).padStart(2, '0')} 11`,
          branch,
        ]);
      }
    }
    expect(bad.size).toBe(20);

    const { page } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByRole('link', { name: 'Импорт из таблиц' }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'семьи.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await xlsx(rows),
    });
    await page.getByTestId('import-upload').click();
    // The columns were guessed from the Russian headers.
    await page.getByTestId('import-mapping').waitFor();
    await expect.poll(() => page.getByTestId('map-1').inputValue()).toBe('ФИО');
    expect(await page.getByTestId('map-0').inputValue()).toBe('Семья');
    await page.getByTestId('import-check').click();
    await page.getByTestId('count-problems').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('count-problems').textContent()).toBe('С ошибками: 20');
    expect(await page.getByTestId('count-duplicates').textContent()).toBe('Возможные дубли: 5');
    expect(await page.getByTestId('count-ready').textContent()).toBe('Готовы: 275');
    await hearth.screenshot(page, 'import-preview');

    // The first duplicate is the family already known: link it; the others stay skipped.
    await page.getByTestId('import-filter').getByText('Возможные дубли').click();
    await page.getByTestId('decision-9').click();
    await page.getByRole('option', { name: 'Это та же семья: Знакомоваа Евпраксия' }).click();
    await page.getByText('Решение сохранено').waitFor();

    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('count-imported').textContent()).toBe('Загружено: 275');
    expect(await page.getByTestId('count-linked').textContent()).toBe('Привязано: 1');
    await hearth.screenshot(page, 'import-done');

    // The report of the rows not imported, with what to fix.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report-xlsx').click()]);
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheet = report.worksheets[0]!;
    const lines: string[][] = [];
    sheet.eachRow((row) => lines.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    expect(lines[0]).toEqual([...HEADERS, 'Что исправить']);
    expect(lines).toHaveLength(1 + 20 + 4);
    expect(lines.filter((l) => l[6]!.includes('Дата рождения'))).toHaveLength(6);
    expect(lines.filter((l) => l[6]!.includes('ФИО: Обязательное поле'))).toHaveLength(7);
    expect(lines.filter((l) => l[6]!.includes('Телефон'))).toHaveLength(7);
    expect(lines.filter((l) => l[6]!.includes('дубль'))).toHaveLength(4);

    // Fix the 20 bad rows (the skipped duplicates are left out) and upload the file again.
    const fixed = lines
      .slice(1)
      .filter((l) => !l[6]!.includes('дубль'))
      .map((l, i) => [
        l[0]!,
        l[1] || personName(1000 + i),
        l[2]!,
        l[3] === '31.02.1991' ? '28.02.1991' : l[3]!,
        l[4] === '12-34' ? `8 914 700 00 ${String(i).padStart(2, '0')}` : l[4]!,
        l[5]!,
      ]);
    await page.getByRole('link', { name: 'Новый импорт' }).click();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'семьи-исправлено.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: await xlsx([HEADERS, ...fixed]),
    });
    await page.getByTestId('import-upload').click();
    await page.getByText('Сопоставление взято из прошлой загрузки').waitFor();
    await page.getByTestId('import-check').click();
    await page.getByTestId('count-ready').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('count-ready').textContent()).toBe('Готовы: 20');
    expect(await page.getByTestId('count-problems').count()).toBe(0);
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-done').waitFor({ timeout: 60_000 });
    expect(await page.getByTestId('count-imported').textContent()).toBe('Загружено: 20');

    // Both imports in the history; the families are there, found as any family is.
    await page.getByRole('link', { name: 'Новый импорт' }).click();
    await expect.poll(() => page.getByTestId('import-history').locator('tbody tr').count()).toBe(2);
    for (const person of [
      { lastName: personName(0).split(' ')[0]!, firstName: personName(0).split(' ')[1]! },
      { lastName: personName(1000).split(' ')[0]!, firstName: personName(1000).split(' ')[1]! },
    ]) {
      const found = await setup.context.request.post('/api/families/matches', { headers, data: person });
      expect(((await found.json()) as { items: unknown[] }).items.length, JSON.stringify(person)).toBeGreaterThan(0);
    }
    await hearth.screenshot(page, 'import-history');
  }, 300_000);
});
