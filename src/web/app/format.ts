// Dates, money and names the way the reader expects them: 05.03.2026 and «1 500 000,00 ₽» in
// Russian; surname, name, patronymic in that order.
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
