// Files in the browser: the coordinator photographs a child's birth certificate with the phone's
// camera input (a JPEG carrying a phone's EXIF with a GPS position), sees its thumbnail among the
// child's documents, downloads it — and the downloaded file has no location left in it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GPS_MARKER, gpsJpeg } from '../../src/server/testing/files.js';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

describe('attachments', () => {
  it('photograph-uploads a birth certificate to a child, shows its thumbnail, downloads it without GPS', async () => {
    const { page, errors } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/cases?q=%D0%A0%D0%B0%D1%85%D0%B8%D0%BC%D0%BE%D0%B2%D0%B0');
    await page
      .getByRole('link', { name: /Рахимова/ })
      .first()
      .click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await page.getByRole('tab', { name: 'Файлы' }).click();
    await page.getByText('Документы семьи').waitFor();

    // The child's documents: open the child's section (the mother's is open first).
    const child = page.getByRole('button', { name: /Амир/ }).first();
    await child.click();
    const childPanel = page
      .locator('[data-testid^="files-person_document-"]')
      .filter({ has: page.getByRole('button', { name: 'Добавить файлы' }) });
    await expect.poll(() => childPanel.count()).toBeGreaterThan(1);
    await childPanel.last().getByRole('button', { name: 'Добавить файлы' }).click();

    const dialog = page.getByRole('dialog');
    // The camera input: `capture` opens the phone's camera; here the photo is handed to it directly.
    expect(await dialog.getByTestId('camera-input').getAttribute('capture')).toBe('environment');
    await dialog.getByTestId('camera-input').setInputFiles({ name: 'IMG_20261204_101500.jpg', mimeType: 'image/jpeg', buffer: gpsJpeg() });
    await dialog.getByLabel(/^Документ/).click();
    await page.getByRole('option', { name: 'Свидетельство о рождении' }).click();
    await dialog.getByLabel(/^Название/).fill('Свидетельство о рождении Амира');
    await dialog.getByLabel('Дата документа').fill('2026-05-03');
    await hearth.screenshot(page, 'files-upload-dialog');
    await dialog.getByRole('button', { name: 'Загрузить' }).click();
    await dialog.waitFor({ state: 'detached' });

    const row = page.getByTestId('file-row').filter({ hasText: 'Свидетельство о рождении Амира' });
    await row.waitFor();
    await row.getByText('Свидетельство о рождении', { exact: true }).waitFor(); // the document's kind
    const thumbnail = row.getByTestId('file-thumbnail');
    await thumbnail.waitFor();
    await expect
      .poll(() => thumbnail.evaluate((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth))
      .toBe(16);
    await hearth.screenshot(page, 'files-thumbnail');

    const [download] = await Promise.all([page.waitForEvent('download'), row.getByTestId('file-download').click()]);
    expect(download.suggestedFilename()).toBe('IMG_20261204_101500.jpg');
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))).toBe(true);
    expect(bytes.includes(GPS_MARKER)).toBe(false);
    expect(bytes.includes(Buffer.from([0x88, 0x25]))).toBe(false);
    // (The app's own console noise — the 401 before log-in — is not this test's business.)
    expect(errors.filter((e) => /\/api\/files|Attachments/.test(e))).toEqual([]);
  });
});
