// The catalogue strings the stand-alone log-in page shows (src/web/login.html). The build takes just
// these from the shared catalogues (src/domain/i18n) into the page's script (the virtual module
// below, made by scripts/vite-web-plugin.ts), so the page speaks both languages in a few hundred bytes
// and never drifts from the app's wording; keys.test.ts checks every key is a string in both.
import type { Language } from '../../domain/i18n/languages.js';

export const LOGIN_KEYS = [
  'app.name',
  'app.tagline',
  'auth.title',
  'auth.email',
  'auth.password',
  'auth.totp',
  'auth.totpRequired',
  'auth.login',
  'common.language',
  'validation.required',
  'errors.network',
  'errors.internal',
] as const;

export type LoginKey = (typeof LOGIN_KEYS)[number];

export type LoginMessages = Record<Language, Record<LoginKey, string>>;

/** The name the page's script imports its strings by. */
export const LOGIN_MESSAGES_MODULE = 'virtual:hearth-login-messages';
