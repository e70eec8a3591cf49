// Accessibility (issue 19, point 6): axe-core checks every page of every demo role against WCAG 2.1
// A and AA and the test fails on any violation. The pages are those each role's navigation offers,
// plus the detail pages behind the first row of each list (a case, a family, a referral…), so a new
// page is audited as soon as it is in the menu. axe is evaluated through the DevTools protocol, which
// the app's Content-Security-Policy does not apply to (an injected <script> would be refused).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

const ROLES = [
  'admin',
  'coordinator',
  'case_worker',
  'psychologist',
  'lawyer',
  'shelter_admin',
  'volunteer',
  'supervisor',
  'me_officer',
  'mentor',
] as const;

/** Detail pages: the first link of a list that leads to one record. */
const DETAILS: Array<{ list: string; link: RegExp }> = [
  { list: '/cases', link: /^\/cases\/[0-9a-f-]{36}$/ },
  { list: '/referrals', link: /^\/referrals\/[0-9a-f-]{36}$/ },
  { list: '/groups', link: /^\/groups\/[0-9a-f-]{36}$/ },
  { list: '/trainings', link: /^\/trainings\/[0-9a-f-]{36}$/ },
  { list: '/shifts', link: /^\/shifts\/[0-9a-f-]{36}$/ },
  { list: '/indicators', link: /^\/indicators\/[0-9a-f-]{36}$/ },
  { list: '/admin/templates', link: /^\/admin\/templates\/[^/]+$/ },
];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; html: string; failureSummary?: string }>;
}

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

/** Waits until the page has its title and no loader spins, then runs axe on the whole document. */
async function audit(page: Page, signedIn = true): Promise<Violation[]> {
  if (signedIn) await page.getByTestId('page-title').first().waitFor({ timeout: 15_000 });
  await page.waitForLoadState('networkidle');
  await page
    .locator('.mantine-Loader-root')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  return page.evaluate(async (source) => {
    const w = window as unknown as { axe?: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Violation[] }> } };
    if (!w.axe) new Function(source)();
    const result = await w.axe!.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, html: n.html.slice(0, 160), failureSummary: n.failureSummary })),
    }));
  }, AXE_SOURCE);
}

function describeViolations(where: string, violations: Violation[]): string[] {
  return violations.map(
    (v) =>
      `${where}: ${v.id} (${v.impact}) ${v.help}\n    ${v.nodes.map((n) => `${n.target.join(' ')} ${n.html} — ${n.failureSummary?.split('\n').slice(1).join(' ')}`).join('\n    ')}`,
  );
}

describe('accessibility: every page of every role passes axe (WCAG 2.1 A and AA)', () => {
  it('the log-in page', async () => {
    const { page } = await hearth.open();
    await page.goto('/');
    await page.locator('input[type="email"]').waitFor();
    const problems = describeViolations('log-in', await audit(page, false));
    expect(problems, problems.join('\n')).toEqual([]);
  });

  for (const role of ROLES) {
    it(`${role}`, async () => {
      const { page } = await hearth.open();
      await logIn(page, `${role}@demo.hearth`, DEMO_PASSWORD);
      await page.getByTestId('page-title').first().waitFor();
      const hrefs = await page
        .locator('nav a[href^="/"]')
        .evaluateAll((links) => [...new Set(links.map((a) => (a as HTMLAnchorElement).getAttribute('href')!))]);
      expect(hrefs.length).toBeGreaterThan(0);
      const problems: string[] = [];
      const visited = new Set<string>();
      const details: string[] = [];
      // A page of the menu is opened from the menu (the app stays loaded, as for its users); the
      // others by address. Each list of DETAILS gives the first record it links to.
      const visit = async (href: string) => {
        if (visited.has(href)) return;
        visited.add(href);
        const inMenu = page.locator(`nav a[href="${href}"]`).first();
        if (new URL(page.url()).pathname !== href && (await inMenu.isVisible())) {
          await inMenu.click();
          await page.waitForURL((url) => url.pathname === href);
        } else await page.goto(href);
        const found = await audit(page).then(
          (violations) => describeViolations(`${role} ${href}`, violations),
          (error: Error) => [`${role} ${href}: the page did not finish rendering (${error.message.split('\n')[0]})`],
        );
        if (process.env.HEARTH_A11Y_VERBOSE) console.log(found.join('\n') || `${role} ${href}: clean`);
        problems.push(...found);
        const detail = DETAILS.find((d) => d.list === href);
        if (!detail) return;
        const first = await page
          .locator('main a[href^="/"]')
          .evaluateAll(
            (links, pattern) => links.map((a) => a.getAttribute('href')!).find((h) => new RegExp(pattern).test(h)),
            detail.link.source,
          );
        if (first) details.push(first);
      };
      for (const href of ['/', ...hrefs, '/profile']) await visit(href);
      for (const href of details) await visit(href);
      // Forms that open on a click are pages too: the referral form (a dialog) and the quick service
      // form on the case page.
      if (role === 'coordinator') {
        await page.goto('/referrals');
        await page.getByRole('button', { name: 'Новое обращение' }).click();
        await page.getByRole('dialog').getByLabel('Суть обращения').waitFor();
        // axe reads colours as drawn: let the dialog finish fading in (mid-fade its text is greyer).
        await expect.poll(() => page.locator('.mantine-Modal-content').evaluate((el) => getComputedStyle(el).opacity)).toBe('1');
        problems.push(...describeViolations(`${role} /referrals (new referral)`, await audit(page)));
        await page.keyboard.press('Escape');
        // An open case (a closed one has no service form): Рахимова's, as in the services test.
        await page.goto(`/cases?q=${encodeURIComponent('Рахимова')}`);
        await page
          .getByRole('link', { name: /Рахимов/ })
          .first()
          .click();
        await page.getByTestId('case-status').waitFor();
        await page.getByRole('button', { name: 'Записать услугу' }).click();
        await page.getByRole('form', { name: 'Записать услугу' }).waitFor();
        problems.push(...describeViolations(`${role} case (record a service)`, await audit(page)));
      }
      expect(problems, problems.join('\n')).toEqual([]);
    }, 600_000);
  }
});
