// One message catalog for the server (error messages) and the web (i18next resources).
import { ru } from './ru.js';
import { en } from './en.js';
import type { Messages } from './messages.js';
import { DEFAULT_LANGUAGE, type Language } from './languages.js';

export type { Messages } from './messages.js';

export { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages.js';

export const catalogs: Record<Language, Messages> = { ru, en };

/** Picks the language from an Accept-Language header; Russian unless English is preferred. */
export function languageFrom(header: string | undefined): Language {
  if (!header) return DEFAULT_LANGUAGE;
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : DEFAULT_LANGUAGE;
}

/** Looks up a dotted key ("errors.not_found") and fills {{name}} placeholders. */
export function translate(lang: Language, key: string, params: Record<string, unknown> = {}): string {
  let node: unknown = catalogs[lang];
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  const text = typeof node === 'string' ? node : key;
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? ''));
}
