// Dates, money, names and ages the way the reader expects them: 05.03.2026 and «1 500 000,00 ₽» in
// Russian; surname, name, patronymic in that order; «новорождённая», «2 нед.», «3 мес.», «1 год», «5 лет».
import type { TFunction } from 'i18next';
import { parseAgeCode, type Age } from '../../domain/families/people.js';
import { intlLocale } from './i18n.js';

interface PersonName {
  lastName: string;
  firstName: string;
  middleName: string;
}

export function fullName(person: PersonName): string {
  return [person.lastName, person.firstName, person.middleName].filter(Boolean).join(' ');
}

/** «Ирина Сергеевна» — the polite Russian form of address. */
export function addressName(person: PersonName): string {
  return [person.firstName, person.middleName].filter(Boolean).join(' ');
}

export function initials(person: PersonName): string {
  return `${person.lastName.charAt(0)}${person.firstName.charAt(0)}`.toUpperCase();
}

/** A calendar date "YYYY-MM-DD" (no time zone shift: it is a date, not an instant). */
export function formatDate(value: string): string {
  const [year, month, day] = value.split('-').map(Number);
  if (!year || !month || !day) return value;
  return new Intl.DateTimeFormat(intlLocale(), { day: '2-digit', month: '2-digit', year: 'numeric' }).format(
    new Date(year, month - 1, day),
  );
}

/** An instant, in the browser's time zone, to the minute: seconds mean nothing to a reader. */
export function formatDateTime(value: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(intlLocale(), {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(date);
}

export function formatMoney(value: number): string {
  return new Intl.NumberFormat(intlLocale(), { style: 'currency', currency: 'RUB' }).format(value);
}

/**
 * An age with its unit, in the plural form the language wants (i18next plural keys: «1 год»,
 * «2 года», «5 лет»; "1 year", "3 months"). Takes an age or the compact code lists send ("5m", "2y");
 * an unknown code is shown as it came.
 */
export function formatAge(t: TFunction, age: Age | string): string {
  const value = typeof age === 'string' ? parseAgeCode(age) : age;
  if (value === null) return typeof age === 'string' ? age : '';
  switch (value.unit) {
    case 'newborn':
      return t('cases.age.newborn');
    case 'weeks':
      return t('cases.age.weeks', { count: value.count });
    case 'months':
      // "0m" from a list that counts whole months only: a baby in her first month.
      return value.count === 0 ? t('cases.age.underMonth') : t('cases.age.months', { count: value.count });
    case 'years':
      return t('cases.age.years', { count: value.count });
  }
}
