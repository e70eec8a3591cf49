// Ages with their units in the plural form each language wants, and times to the minute — the way
// every page of the web app shows them (issue 12, point 9).
import { afterAll, describe, expect, it, vi } from 'vitest';

// The interface language module marks the page's language on load; outside a browser, a stand-in page.
vi.stubGlobal('document', { documentElement: {} });
const { formatAge, formatDateTime } = await import('./format.js');
const { changeLanguage, i18n } = await import('./i18n.js');
const { ageCode } = await import('../cases/labels.js');

afterAll(() => changeLanguage('ru'));

describe('formatAge', () => {
  it('says years in Russian with the right plural form: 1 год, 2 года, 5 лет, 21 год', async () => {
    await changeLanguage('ru');
    const t = i18n.t.bind(i18n);
    expect(formatAge(t, { unit: 'years', count: 1 })).toBe('1 год');
    expect(formatAge(t, { unit: 'years', count: 2 })).toBe('2 года');
    expect(formatAge(t, { unit: 'years', count: 5 })).toBe('5 лет');
    expect(formatAge(t, { unit: 'years', count: 11 })).toBe('11 лет');
    expect(formatAge(t, { unit: 'years', count: 21 })).toBe('21 год');
    expect(formatAge(t, { unit: 'years', count: 34 })).toBe('34 года');
  });

  it('says babies’ ages in months, weeks or as a newborn', async () => {
    await changeLanguage('ru');
    const t = i18n.t.bind(i18n);
    expect(formatAge(t, { unit: 'months', count: 3 })).toBe('3 мес.');
    expect(formatAge(t, { unit: 'weeks', count: 2 })).toBe('2 нед.');
    expect(formatAge(t, { unit: 'newborn' })).toBe('новорождённый');
  });

  it('reads the compact codes lists send, months of an older answer over a year as years', async () => {
    await changeLanguage('ru');
    const t = i18n.t.bind(i18n);
    expect(formatAge(t, '5m')).toBe('5 мес.');
    expect(formatAge(t, '18m')).toBe('1 год');
    expect(formatAge(t, '0m')).toBe('до 1 мес.');
    expect(formatAge(t, '3w')).toBe('3 нед.');
    expect(formatAge(t, '2y')).toBe('2 года');
    expect(formatAge(t, 'newborn')).toBe('новорождённый');
    expect(formatAge(t, '?')).toBe('?');
    expect(ageCode(t, 'expected 2026-12-01')).toBe('ожидается 01.12.2026');
  });

  it('says them in English: 1 year, 3 months, 2 weeks', async () => {
    await changeLanguage('en');
    const t = i18n.t.bind(i18n);
    expect(formatAge(t, { unit: 'years', count: 1 })).toBe('1 year');
    expect(formatAge(t, { unit: 'years', count: 5 })).toBe('5 years');
    expect(formatAge(t, { unit: 'months', count: 1 })).toBe('1 month');
    expect(formatAge(t, { unit: 'months', count: 3 })).toBe('3 months');
    expect(formatAge(t, '2w')).toBe('2 weeks');
    expect(formatAge(t, 'newborn')).toBe('newborn');
  });
});

describe('formatDateTime', () => {
  it('shows the time to the minute, without seconds, in both languages', async () => {
    const at = new Date(2026, 2, 5, 14, 7, 33).toISOString();
    await changeLanguage('ru');
    expect(formatDateTime(at)).toBe('05.03.2026, 14:07');
    await changeLanguage('en');
    expect(formatDateTime(at)).toBe('05/03/2026, 14:07');
  });
});
