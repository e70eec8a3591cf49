// The interface language: i18next on the shared catalog (src/domain/i18n), Russian by default.
// The choice is remembered in localStorage so the login page opens in it; once signed in, the
// user's saved locale wins and every switch is saved to the account.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import dayjs from 'dayjs';
import 'dayjs/locale/ru';
import 'dayjs/locale/en';
import type { Messages } from '../../domain/i18n/index.js';
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from '../../domain/i18n/languages.js';
import { ru } from '../../domain/i18n/ru.js';
import { LANGUAGE_STORAGE_KEY } from './first-requests.js';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof ru };
  }
}

/** The log-in page (src/web/login/main.ts) and the boot script read the same key. */
const STORAGE_KEY = LANGUAGE_STORAGE_KEY;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function rememberedLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function applyLanguage(language: Language): void {
  document.documentElement.lang = language;
  dayjs.locale(language);
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode without storage: the choice simply is not remembered.
  }
}

const initial = rememberedLanguage();
applyLanguage(initial);

// Only Russian is in the first script; English is its own chunk, fetched when chosen (issue 19, point 1:
// each catalog is about a tenth of what the log-in page loads).
const catalogLoaders: Record<Language, () => Promise<Messages>> = {
  ru: () => Promise.resolve(ru),
  en: () => import('../../domain/i18n/en.js').then((module) => module.en),
};

async function loadCatalog(language: Language): Promise<void> {
  if (i18n.hasResourceBundle(language, 'translation')) return;
  i18n.addResourceBundle(language, 'translation', await catalogLoaders[language]());
}

void i18n.use(initReactI18next).init({
  resources: { ru: { translation: ru } },
  partialBundledLanguages: true,
  lng: initial,
  fallbackLng: DEFAULT_LANGUAGE,
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** The current interface language, as the server understands it. */
export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : DEFAULT_LANGUAGE;
}

/** Settles when the remembered language's catalog is in: the app renders after it (main.tsx). */
export const i18nReady: Promise<unknown> = loadCatalog(initial).then(() => i18n.changeLanguage(initial));

export async function changeLanguage(language: Language): Promise<void> {
  await loadCatalog(language);
  applyLanguage(language);
  await i18n.changeLanguage(language);
}

/** Locale tag for Intl formatting: Russian conventions in Russian, British (day first) in English. */
export function intlLocale(language: Language = currentLanguage()): string {
  return language === 'ru' ? 'ru-RU' : 'en-GB';
}

export { i18n };
