// Citizenship is a closed list (issue 11, defect 6): an ISO 3166-1 alpha-2 country code or
// 'stateless'; null when not recorded. Free text made breakdowns list whatever was typed (one woman
// identifiable by an n of 1 under a misspelt country) and could not be counted. Names come from the
// ru/en catalogues (src/domain/i18n/*/countries.ts), on the server (breakdown labels) and the web
// (the member form's searchable list) alike. The database holds the same list as a CHECK (0027).
import { z } from 'zod';
import { countriesRu } from '../i18n/ru/countries.js';
import { countriesEn } from '../i18n/en/countries.js';
import type { Language } from '../i18n/index.js';

export type Citizenship = keyof typeof countriesRu;
export const CITIZENSHIPS = Object.keys(countriesRu) as [Citizenship, ...Citizenship[]];
export const Citizenship = z.enum(CITIZENSHIPS);

/** Russia, then the countries the programmes meet first (migration from the CIS); the list opens with them. */
export const FIRST_CITIZENSHIPS: readonly Citizenship[] = ['RU', 'UA', 'BY', 'KZ', 'UZ', 'TJ', 'KG', 'AZ', 'AM', 'MD', 'GE'];

const NAMES: Record<Language, Record<Citizenship, string>> = { ru: countriesRu, en: countriesEn };

export const isCitizenship = (value: unknown): value is Citizenship => typeof value === 'string' && Object.hasOwn(countriesRu, value);

/** The country's name (or "stateless") in the language; an unknown value as it is. */
export function citizenshipName(code: string, lang: Language): string {
  return isCitizenship(code) ? NAMES[lang][code] : code;
}

/** The choices in the order the form offers them: Russia and the first countries, then all others by name, then stateless. */
export function citizenshipOptions(lang: Language): { value: Citizenship; label: string }[] {
  const collator = new Intl.Collator(lang);
  const first = new Set<Citizenship>([...FIRST_CITIZENSHIPS, 'stateless']);
  const rest = CITIZENSHIPS.filter((code) => !first.has(code)).sort((a, b) => collator.compare(NAMES[lang][a], NAMES[lang][b]));
  return [...FIRST_CITIZENSHIPS, ...rest, 'stateless' as const].map((value) => ({ value, label: NAMES[lang][value] }));
}

/** Other ways people write the same citizenship, lower case (beside the ru/en names and the code). */
const ALIASES: Partial<Record<Citizenship, readonly string[]>> = {
  RU: ['рф', 'р.ф', 'российская федерация', 'russian federation', 'гражданка рф', 'гражданин рф'],
  BY: ['белоруссия', 'республика беларусь'],
  KZ: ['республика казахстан'],
  UZ: ['республика узбекистан'],
  TJ: ['республика таджикистан'],
  KG: ['кыргызстан', 'киргизстан', 'кыргызская республика', 'kyrgyz republic'],
  AZ: ['республика азербайджан'],
  AM: ['республика армения'],
  MD: ['молдавия', 'республика молдова'],
  GE: ['республика грузия'],
  TM: ['туркмения'],
  US: ['соединенные штаты америки', 'usa', 'united states of america'],
  GB: ['англия', 'united kingdom of great britain and northern ireland'],
  stateless: ['лицо без гражданства', 'лбг', 'апатрид'],
};

/** Lower case, ё as е, single spaces, no surrounding dots or spaces. */
export const normalizeCitizenshipText = (value: string) =>
  value
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');

/**
 * Every spelling that clearly names one citizenship, normalised, with its code: the ru/en names and
 * the aliases. Not the codes in lower case: 'no', 'in' or 'am' typed in a free-text field are words.
 */
export function citizenshipSpellings(): Map<string, Citizenship> {
  const spellings = new Map<string, Citizenship>();
  for (const code of CITIZENSHIPS) {
    for (const spelling of [countriesRu[code], countriesEn[code], ...(ALIASES[code] ?? [])])
      spellings.set(normalizeCitizenshipText(spelling), code);
  }
  return spellings;
}

let spellings: Map<string, Citizenship> | undefined;

/**
 * The code a text clearly names ('RU', 'Россия', 'РФ', 'Russia' → RU), or null. For values written
 * before the list (indicator filters saved with typed names); nothing is guessed beyond these spellings.
 */
export function citizenshipFromText(value: string): Citizenship | null {
  if (isCitizenship(value.trim())) return value.trim() as Citizenship;
  spellings ??= citizenshipSpellings();
  return spellings.get(normalizeCitizenshipText(value)) ?? null;
}
