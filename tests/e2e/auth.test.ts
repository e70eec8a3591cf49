// Log-in, language and navigation in a real browser.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, logIn, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

describe('log-in', () => {
  it('lets the admin in and greets her by name, with her organisation and roles', async () => {
    const { page, requests, errors } = await hearth.open();
    await logIn(page, 'admin@demo.hearth', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Здравствуйте, Ирина Сергеевна!');
    await page.getByText('Фонд «Очаг» (демо)', { exact: true }).waitFor();
    await page.getByText('Администратор организации').first().waitFor();
    await page.getByText('Тёплый дом — Москва', { exact: false }).first().waitFor();
    expect(await page.getByTestId('nav-section-nav.admin').isVisible()).toBe(true);
    await hearth.screenshot(page, 'home-ru');

    // Every page of the admin section opens, and nothing is requested from another host.
    for (const path of ['/admin/users', '/admin/roles', '/admin/organization', '/admin/audit', '/branches', '/programmes', '/profile']) {
      await page.goto(path);
      await page.locator('h1').first().waitFor();
      await page.waitForLoadState('networkidle');
      await hearth.screenshot(page, `page${path.replaceAll('/', '-')}`);
    }
    const origin = new URL(hearth.baseUrl).origin;
    expect(requests.length).toBeGreaterThan(10);
    expect(requests.filter((url) => !url.startsWith(`${origin}/`))).toEqual([]);
    // The only console error allowed is the 401 of GET /api/auth/me before logging in.
    expect(errors.filter((error) => !error.includes('status of 401'))).toEqual([]);
  });

  it('says so when the password is wrong', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'admin@demo.hearth', 'not-the-password');
    await expect.poll(() => page.getByTestId('login-error').textContent()).toBe('Неверная почта или пароль');
    await hearth.screenshot(page, 'login-wrong-password');
  });

  it('switches the interface from Russian to English, and remembers it', async () => {
    const { page } = await hearth.open();
    await page.goto('/');
    await page.getByRole('button', { name: 'Войти' }).waitFor();
    await page.getByText('EN', { exact: true }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await logIn(page, 'admin@demo.hearth', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Welcome, Ирина Сергеевна!');
    await page.getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { name: 'Staff' }).waitFor();
    await page.getByText('Organisation admin').first().waitFor();
    await hearth.screenshot(page, 'users-en');
    // The choice was saved to the account: a reload stays in English.
    await page.reload();
    await page.getByRole('heading', { name: 'Staff' }).waitFor();
    await page.getByText('RU', { exact: true }).click();
    await page.getByRole('heading', { name: 'Сотрудники' }).waitFor();
  });

  it('shows a volunteer no administration section', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'volunteer@demo.hearth', DEMO_PASSWORD);
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Здравствуйте, Екатерина!');
    expect(await page.getByTestId('nav-section-nav.admin').count()).toBe(0);
    expect(await page.getByText('Администрирование').count()).toBe(0);
    await page.goto('/admin/users');
    await page.getByText('У вас нет доступа к этому разделу', { exact: false }).waitFor();
  });

  it('is usable on a phone: the burger opens the navigation', async () => {
    const { page } = await hearth.open({ width: 390, height: 844 });
    await page.goto('/');
    await hearth.screenshot(page, 'phone-login');
    await logIn(page, 'admin@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await hearth.screenshot(page, 'phone-home');
    await page.getByRole('button', { name: 'Меню' }).click();
    await page.getByRole('link', { name: 'Сотрудники' }).click();
    await page.getByRole('heading', { name: 'Сотрудники' }).waitFor();
    await page.waitForLoadState('networkidle');
    await hearth.screenshot(page, 'phone-users');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
  });
});
