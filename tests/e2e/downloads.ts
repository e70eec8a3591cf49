// Downloads in the browser tests of exports: a file a click downloads, read back whole; the console
// errors that count (the XLSX and CSV are read with the server tests' readers, testing/exports.ts).
import fs from 'node:fs';
import type { Page } from 'playwright-core';

/** Console errors other than the signed-out 401 before log-in and the shell's conditional use() warning (see documents.test.ts). */
export const unexpected = (errors: string[]) => errors.filter((e) => !e.includes('401') && !e.includes('conditional-use-of-use'));

export async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; content: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: download.suggestedFilename(), content: fs.readFileSync(await download.path()) };
}
