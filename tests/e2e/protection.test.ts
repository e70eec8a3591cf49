// Data protection in operation in the browser (issue 17, points 3 and 6). Break-glass end to end: a
// psychologist opens a case outside her reach — refused without a reason, granted with one — and sees
// it with the banner while it lasts; the case lead and the branch's coordinator see the opening on My
// work at once; the coordinator, as reviewer, lists it and marks misuse; a volunteer and a mentor are
// never offered it. Backups: the admin sees when the last backup was made and the warning when it is
// too old (an old backup file is put in the backup folder, then a fresh backup is made through the
// API), and a non-admin has no access.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIRequestContext, Page } from 'playwright-core';
import { writeBackup } from '../../src/server/backup/archive.js';
import { DEMO_PASSWORD, logIn, logOut, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;
let backupDir: string;

beforeAll(async () => {
  hearth = await startHearth();
  // The backup service reads its settings from the environment on each call (the server runs in this
  // process); set after the start, so no scheduled backup is started by it.
  backupDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-e2e-backups-'));
  process.env.HEARTH_BACKUP_DIR = backupDir;
  process.env.HEARTH_BACKUP_MAX_AGE_HOURS = '26';
}, 300_000);

afterAll(async () => {
  await hearth?.close();
  delete process.env.HEARTH_BACKUP_DIR;
  delete process.env.HEARTH_BACKUP_MAX_AGE_HOURS;
  if (backupDir) fs.rmSync(backupDir, { recursive: true, force: true });
});

async function apiLogin(
  api: APIRequestContext,
  email: string,
): Promise<{ headers: Record<string, string>; me: { id: string; branchIds: string[] } }> {
  const login = await api.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
  expect(login.status()).toBe(200);
  const { csrfToken, me } = (await login.json()) as { csrfToken: string; me: { id: string; branchIds: string[] } };
  return { headers: { 'x-csrf-token': csrfToken, origin: hearth.baseUrl }, me };
}

/** A family with an open case in the coordinator's first branch, led by the demo case worker, with no team. */
async function caseOutOfReach(api: APIRequestContext, lastName: string): Promise<string> {
  const { headers, me } = await apiLogin(api, 'coordinator@demo.hearth');
  const users = (await (await api.get('/api/users?role=case_worker')).json()) as { items: { id: string; email: string }[] };
  const worker = users.items.find((u) => u.email === 'case_worker@demo.hearth')!;
  const programmes = (await (await api.get('/api/programmes')).json()) as { items: { id: string }[] };
  const family = await api.post('/api/families', {
    headers,
    data: {
      branchId: me.branchIds[0],
      members: [{ relation: 'mother', lastName, firstName: 'Вера', birthDate: '1996-02-03', sex: 'female', citizenship: 'RU' }],
      confirmedNotDuplicate: true,
    },
  });
  expect(family.status(), await family.text()).toBe(201);
  const opened = await api.post('/api/cases', {
    headers,
    data: {
      familyId: ((await family.json()) as { id: string }).id,
      programmeId: programmes.items[0]!.id,
      branchId: me.branchIds[0],
      leadId: worker.id,
      openedOn: new Date().toISOString().slice(0, 10),
      team: [],
      riskFlags: [],
    },
  });
  expect(opened.status(), await opened.text()).toBe(201);
  await api.post('/api/auth/logout', { headers });
  return ((await opened.json()) as { id: string }).id;
}

/** The signed-in page's headers for a write through its own session (as the web app sends them). */
async function writeHeaders(page: Page): Promise<Record<string, string>> {
  const me = (await (await page.request.get('/api/auth/me')).json()) as { csrfToken: string };
  expect(me.csrfToken).toBeTruthy();
  return { 'x-csrf-token': me.csrfToken, origin: hearth.baseUrl };
}

async function openApp(page: Page, email: string): Promise<void> {
  await page.goto('/');
  // The first load of a fresh build can be slow on a busy machine.
  await page.locator('input[type="email"]').waitFor({ timeout: 120_000 });
  await logIn(page, email, DEMO_PASSWORD);
  await page.getByTestId('user-menu').waitFor({ timeout: 60_000 });
}

describe('break-glass', () => {
  it('opens a case out of reach with a stated reason only, shows it to the lead and coordinator, and lets the reviewer mark misuse', async () => {
    const prep = await hearth.open();
    const caseId = await caseOutOfReach(prep.context.request, 'Экстренная');
    await prep.context.close();

    const { page } = await hearth.open({ width: 1400, height: 900 });
    await openApp(page, 'psychologist@demo.hearth');
    await page.goto(`/cases/${caseId}`);
    const form = page.getByTestId('breakglass-request');
    await form.waitFor({ timeout: 30_000 });
    // Without a reason: refused, the field says why, nothing opens.
    await form.getByRole('button', { name: 'Открыть с экстренным доступом' }).click();
    const reasonField = form.getByLabel('Причина');
    await expect.poll(() => reasonField.getAttribute('aria-invalid'), { timeout: 10_000 }).toBe('true');
    // Nor with a word or two.
    await reasonField.fill('срочно');
    await form.getByRole('button', { name: 'Открыть с экстренным доступом' }).click();
    await page.waitForLoadState('networkidle');
    expect(await reasonField.getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByTestId('breakglass-banner').count()).toBe(0);
    const reason = 'Мама позвонила ночью: угроза ребёнку, ведущая недоступна';
    await reasonField.fill(reason);
    await form.getByRole('button', { name: 'Открыть с экстренным доступом' }).click();
    // Granted: the case opens with the banner saying until when.
    await page.getByTestId('breakglass-banner').waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().textContent()).toContain('Экстренная');
    expect(await page.getByTestId('breakglass-request').count()).toBe(0);
    await logOut(page);

    // The case lead sees it at once on My work, with who and why.
    for (const email of ['case_worker@demo.hearth', 'coordinator@demo.hearth']) {
      await openApp(page, email);
      await page.goto('/my-work');
      const alerts = page.getByTestId('breakglass-alerts');
      await alerts.waitFor({ timeout: 30_000 });
      await expect.poll(() => alerts.textContent()).toContain('Лебедева');
      expect(await alerts.textContent()).toContain(reason);
      if (email.startsWith('case_worker')) await logOut(page);
    }

    // The coordinator reviews it: listed as pending, marked as misuse, then listed under misuse.
    await page.getByRole('link', { name: 'Экстренный доступ' }).click();
    const row = page.getByTestId('breakglass-review').getByRole('row').filter({ hasText: reason });
    await row.waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('Лебедева');
    await row.getByRole('button', { name: 'Отметить злоупотребление' }).click();
    await expect.poll(() => page.getByTestId('breakglass-review').getByRole('row').filter({ hasText: reason }).count()).toBe(0);
    await page.getByText('Злоупотребление', { exact: true }).first().click();
    const marked = page.getByTestId('breakglass-review').getByRole('row').filter({ hasText: reason });
    await marked.waitFor({ timeout: 10_000 });
    expect(await marked.textContent()).toContain('Злоупотребление');
    await hearth.screenshot(page, 'breakglass-review');
    await logOut(page);

    // A volunteer and a mentor are never offered it: the case is simply not found.
    for (const email of ['volunteer@demo.hearth', 'mentor@demo.hearth']) {
      await openApp(page, email);
      await page.goto(`/cases/${caseId}`);
      await page.waitForLoadState('networkidle');
      expect(await page.getByTestId('breakglass-request').count(), email).toBe(0);
      expect(await page.getByTestId('breakglass-banner').count(), email).toBe(0);
      const refused = await page.request.post('/api/breakglass/grants', {
        headers: await writeHeaders(page),
        data: { caseId, reason: 'Очень нужно посмотреть этот случай' },
      });
      expect(refused.status(), await refused.text()).toBe(403);
      await logOut(page);
    }
  }, 300_000);
});

describe('backups page', () => {
  it('shows the admin the last backup and warns when it is too old; a non-admin has no access', async () => {
    // A backup made three days ago sits in the folder.
    const old = new Date(Date.now() - 3 * 86_400_000);
    const stamp = old.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
    const manifest = Buffer.from('{}');
    await writeBackup(path.join(backupDir, `hearth-${stamp}.hbk`), { createdAt: old.toISOString(), engine: 'pglite', migration: 1 }, [
      { name: 'manifest.json', size: manifest.length, source: manifest },
    ]);

    const { page } = await hearth.open({ width: 1400, height: 900 });
    await openApp(page, 'admin@demo.hearth');
    await page.getByRole('link', { name: 'Резервные копии' }).click();
    const status = page.getByTestId('backup-status');
    await status.waitFor({ timeout: 30_000 });
    await page.getByTestId('backup-too-old').waitFor();
    expect(await page.getByTestId('backup-too-old').textContent()).toContain('больше 26 ч');
    const shown = old.toLocaleDateString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });
    expect(await status.textContent()).toContain(shown);

    // A backup made now (through the API, as the admin): the warning goes and today's time is shown.
    const api = page.request;
    const run = await api.post('/api/backup/run', { headers: await writeHeaders(page) });
    expect(run.status(), await run.text()).toBeLessThan(300);
    await expect
      .poll(
        async () => {
          const s = (await (await api.get('/api/backup/status')).json()) as { lastBackupAt: string | null; tooOld: boolean };
          return s.tooOld === false && s.lastBackupAt !== null;
        },
        { timeout: 120_000, interval: 1000 },
      )
      .toBe(true);
    await page.reload();
    await status.waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByTestId('backup-too-old').count()).toBe(0);
    const today = new Date().toLocaleDateString('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric' });
    expect(await status.textContent()).toContain(today);
    expect(fs.readdirSync(backupDir).filter((f) => f.endsWith('.hbk'))).toHaveLength(2);
    await hearth.screenshot(page, 'backups');
    await logOut(page);

    // The coordinator: no menu entry, and the page and its API refuse.
    await openApp(page, 'coordinator@demo.hearth');
    expect(await page.getByRole('link', { name: 'Резервные копии' }).count()).toBe(0);
    expect((await page.request.get('/api/backup/status')).status()).toBe(403);
    await page.goto('/admin/backup');
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('backup-status').count()).toBe(0);
  }, 300_000);
});
