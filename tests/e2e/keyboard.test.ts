// By keyboard only (issue 19, point 6): log in, open a case and record a consultation without the
// mouse, with every focus stop visible (a focus ring) and on screen; a skip link first; focus placed
// in a form when it opens and kept on the page after saving. On a 320 px phone the closed side menu
// is out of the tab order and the menu button says whether it is open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

interface Stop {
  name: string;
  tag: string;
  onScreen: boolean;
  ringVisible: boolean;
  inMain: boolean;
  inDialog: boolean;
  rect: string;
}

/** What has the focus: its accessible-ish name, whether it is inside the viewport and has a ring. */
const focused = (page: Page): Promise<Stop | null> =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return null;
    // A visually hidden radio or checkbox shows its focus on its label; an input may show it on its
    // wrapper (:focus-within) — so the element and its nearest ancestors are looked at.
    const hiddenControl = el instanceof HTMLInputElement && (el.type === 'radio' || el.type === 'checkbox');
    const shown = (hiddenControl && (el.closest('label') ?? el.parentElement)) || el;
    const rect = shown.getBoundingClientRect();
    const accent = getComputedStyle(document.documentElement).getPropertyValue('--mantine-primary-color-filled').trim();
    const probe = document.createElement('span');
    probe.style.color = accent;
    document.body.append(probe);
    const accentRgb = getComputedStyle(probe).color;
    probe.remove();
    const chain: Element[] = [];
    for (let node: Element | null = el; node && chain.length < 4; node = node.parentElement) chain.push(node);
    if (hiddenControl) chain.push(...[...(el.parentElement?.children ?? [])]);
    const ring = chain.some((node) => {
      const style = getComputedStyle(node);
      return (
        (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) ||
        style.boxShadow !== 'none' ||
        (style.borderTopStyle !== 'none' && style.borderTopColor === accentRgb)
      );
    });
    const labelled = el.getAttribute('aria-labelledby');
    const name =
      el.getAttribute('aria-label') ??
      (labelled ? document.getElementById(labelled)?.textContent : null) ??
      (el instanceof HTMLInputElement && el.labels?.[0] ? el.labels[0].textContent : null) ??
      el.textContent ??
      '';
    return {
      name: name.replace(/\s+/g, ' ').trim(),
      tag: el.tagName.toLowerCase(),
      onScreen: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.right > 0 && rect.top < innerHeight && rect.left < innerWidth,
      ringVisible: ring,
      inMain: !!el.closest('main'),
      inDialog: !!el.closest('[role="dialog"]'),
      rect: `${Math.round(rect.left)},${Math.round(rect.top)} ${Math.round(rect.width)}×${Math.round(rect.height)}`,
    };
  });

/** Presses Tab until the focus is on what `wanted` matches; every stop on the way must be visible. */
async function tabTo(page: Page, wanted: (stop: Stop) => boolean, max = 80): Promise<Stop> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    // Mantine animates an input's border to the accent colour (100 ms): read it once settled.
    await page.waitForTimeout(150);
    const stop = await focused(page);
    if (process.env.HEARTH_KB_VERBOSE) console.log(`tab ${i + 1}: ${stop ? `${stop.tag} «${stop.name}»` : 'document'}`);
    expect(stop, `focus lost to the page after ${i + 1} tabs`).not.toBeNull();
    expect(stop!.onScreen, `focus off screen on «${stop!.name}» (${stop!.tag})`).toBe(true);
    expect(stop!.ringVisible, `no focus ring on «${stop!.name}» (${stop!.tag})`).toBe(true);
    if (wanted(stop!)) return stop!;
  }
  throw new Error(`not reached in ${max} tabs`);
}

describe('by keyboard only', () => {
  it('logs in, opens a case and records a consultation with the focus always visible', async () => {
    const { page } = await hearth.open();
    await page.goto('/');
    await page.locator('input[type="email"]').waitFor();
    // The log-in page puts the cursor in the e-mail field itself.
    await expect.poll(async () => (await focused(page))?.tag).toBe('input');
    await page.keyboard.type('psychologist@demo.hearth');
    await tabTo(page, (s) => s.tag === 'input' && /Пароль/i.test(s.name));
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByTestId('page-title').waitFor();

    // The first stop of a signed-in page is the skip link, and it shows itself.
    const skip = await tabTo(page, () => true, 1);
    expect(skip.name).toBe('Перейти к содержимому');

    // The case list through the menu, then the search box and the family's case.
    await tabTo(page, (s) => s.name === 'Случаи');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Случаи');
    await tabTo(page, (s) => s.tag === 'input' && s.inMain);
    await page.keyboard.type('Рахимова');
    await tabTo(page, (s) => s.tag === 'a' && s.inMain && /Рахимов/.test(s.name));
    await page.keyboard.press('Enter');
    await page.getByTestId('case-status').waitFor();

    // The form takes the focus when it opens…
    await tabTo(page, (s) => s.name === 'Записать услугу');
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: 'Записать услугу' });
    await form.waitFor();
    await expect
      .poll(async () => {
        const stop = await focused(page);
        return stop !== null && (stop.inMain || stop.inDialog) && stop.tag !== 'button';
      })
      .toBe(true);
    await tabTo(page, (s) => s.name === '45 мин');
    await page.keyboard.press('Enter');
    await tabTo(page, (s) => s.tag === 'button' && s.name === 'Записать');
    await page.keyboard.press('Enter');
    await page.getByText('Услуга записана').waitFor();
    await form.waitFor({ state: 'detached' });
    // …and after saving the focus is back on the page, not lost to the document.
    const after = await focused(page);
    expect(after, 'focus lost after saving').not.toBeNull();
    expect(after!.name).toBe('Записать услугу');
    expect(after!.onScreen).toBe(true);
    await page.getByRole('region', { name: 'История' }).getByText('Индивидуальная психологическая консультация').first().waitFor();
  });

  it('on a 320 px phone the closed menu is out of the tab order and the menu button says so', async () => {
    const { page } = await hearth.open({ width: 320, height: 640 });
    await page.goto('/');
    await page.locator('input[type="email"]').fill('coordinator@demo.hearth');
    await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.locator('button[type="submit"]').click();
    await page.getByTestId('page-title').waitFor();
    const burger = page.getByRole('button', { name: 'Меню' });
    expect(await burger.getAttribute('aria-expanded')).toBe('false');
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const stop = await focused(page);
      if (!stop) continue; // the end of the page wraps to the browser's own controls
      expect(stop.onScreen, `stop ${i + 1} off screen: «${stop.name}» ${stop.rect}`).toBe(true);
    }
    await burger.focus();
    await page.keyboard.press('Enter');
    expect(await burger.getAttribute('aria-expanded')).toBe('true');
    await tabTo(page, (s) => s.name === 'Случаи', 40);
  });
});
