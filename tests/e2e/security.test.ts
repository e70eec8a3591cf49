// The second factor in the browser: set up in the profile, asked for at log-in, and required by the
// organisation for a role (the user must enrol before anything else opens).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { totpCode, totpStep } from '../../src/server/auth/totp.js';
import { DEMO_PASSWORD, logIn, logOut, startHearth, type Hearth } from './harness.js';

let hearth: Hearth;

beforeAll(async () => {
  hearth = await startHearth();
});

afterAll(async () => {
  await hearth?.close();
});

/** A code one step ahead stays valid if the clock crosses a step boundary meanwhile. */
const codeFor = (secret: string, ahead = 0) => totpCode(secret, totpStep(new Date()) + ahead);

describe('second factor', () => {
  it('is set up in the profile and then asked for at log-in', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Профиль и безопасность' }).click();
    await page.getByRole('button', { name: 'Включить второй фактор' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    expect(await page.getByTestId('totp-url').textContent()).toContain('otpauth://totp/');
    await hearth.screenshot(page, 'profile-totp-setup');
    await page.getByLabel('Код из приложения-аутентификатора').fill(codeFor(secret));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await page.getByText('включён', { exact: true }).waitFor();

    await logOut(page);
    await logIn(page, 'coordinator@demo.hearth', DEMO_PASSWORD);
    const codeField = page.getByLabel('Код из приложения-аутентификатора');
    await codeField.waitFor();
    const next = codeFor(secret, 1);
    await codeField.fill(next === '000000' ? '111111' : '000000');
    await page.getByRole('button', { name: 'Войти' }).click();
    await page.getByText('Неверный или уже использованный код').waitFor();
    await hearth.screenshot(page, 'login-totp-wrong');
    await codeField.fill(next);
    await page.getByRole('button', { name: 'Войти' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Здравствуйте, Татьяна Викторовна!');
  });

  it('is required by the organisation for a role: a volunteer must enrol at her next log-in', async () => {
    const admin = (await hearth.open()).page;
    await logIn(admin, 'admin@demo.hearth', DEMO_PASSWORD);
    await admin.getByTestId('page-title').waitFor();
    await admin.getByRole('link', { name: 'Организация' }).click();
    const volunteer = admin.getByRole('checkbox', { name: 'Волонтёр' });
    await volunteer.check();
    // The page holds more than one form (the report settings save on their own): use this one's.
    const orgForm = admin.locator('form').filter({ has: volunteer });
    await orgForm.getByRole('button', { name: 'Сохранить', exact: true }).click();
    await admin.getByText('Сохранено').waitFor();
    await hearth.screenshot(admin, 'organization-saved');

    const { page } = await hearth.open({ width: 390, height: 844 });
    await logIn(page, 'volunteer@demo.hearth', DEMO_PASSWORD);
    await page.getByText('Ваша организация требует второй фактор', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Включить второй фактор' }).click();
    const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
    await hearth.screenshot(page, 'phone-totp-enrolment');
    await page.getByLabel('Код из приложения-аутентификатора').fill(codeFor(secret));
    await page.getByRole('button', { name: 'Подтвердить' }).click();
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Здравствуйте, Екатерина!');
  });
});

describe('password', () => {
  it('is changed in the profile: a wrong current password is named, the new one works at the next log-in', async () => {
    const { page } = await hearth.open();
    await logIn(page, 'case_worker@demo.hearth', DEMO_PASSWORD);
    await page.getByTestId('page-title').waitFor();
    await page.goto('/profile');
    await page.getByLabel('Текущий пароль').fill('wrong-password-123');
    await page.getByLabel('Новый пароль', { exact: true }).fill('a-brand-new-password');
    await page.getByLabel('Новый пароль ещё раз').fill('a-brand-new-password-typo');
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByText('Пароли не совпадают').waitFor();
    await page.getByLabel('Новый пароль ещё раз').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByText('Неверная почта или пароль').waitFor();
    await page.getByLabel('Текущий пароль').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Сменить пароль' }).click();
    await page.getByText('Пароль изменён. Другие сеансы завершены.').waitFor();
    await logOut(page);
    await logIn(page, 'case_worker@demo.hearth', 'a-brand-new-password');
    await expect.poll(() => page.getByTestId('page-title').textContent()).toBe('Здравствуйте, Анна Павловна!');
  });
});
