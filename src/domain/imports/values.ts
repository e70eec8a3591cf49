// Reading the values people keep in spreadsheets: Russian dates («12.03.2024», «1.3.24», «12 марта
// 2024»), Excel's date numbers and real date cells, full names in one cell or three, phones written
// any way (8 (914) …, +7 …, 7914…), and the words used for relations, sex and statuses. Pure: used by
// the server to build a preview and by tests; nothing here knows the database.
import { phoneDigits } from '../families/people.js';

/** A cell as kept with an import job: text, a number, a real date cell ({ d: 'YYYY-MM-DD' }) or empty. */
export type Cell = string | number | { d: string } | null;

export type Parsed<T> = { ok: true; value: T } | { ok: false; code: string };
const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(code: string): Parsed<T> => ({ ok: false, code });

/** The text of a cell as a person would read it ('' for an empty one). */
export function cellText(cell: Cell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  if (typeof cell === 'object') return cell.d;
  return cell.replace(/\s+/g, ' ').trim();
}

export const isEmptyCell = (cell: Cell): boolean => cellText(cell) === '';

const pad = (n: number) => String(n).padStart(2, '0');

function isoOf(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/**
 * Excel's day number (1900 date system) as a date: 45363 is 2024-03-12. Day 60 is Excel's
 * 29 February 1900, a day that never was; numbers from 61 on count from 1899-12-30.
 */
export function excelSerialToIso(serial: number): string | null {
  if (!Number.isFinite(serial) || serial < 61 || serial > 73_050) return null; // 1900-03-01 … 2099-12-31
  const date = new Date(Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000);
  return date.toISOString().slice(0, 10);
}

// Month names by their stems, in the genitive («марта»), the nominative («март») and short («мар.»).
const MONTHS: [RegExp, number][] = [
  [/^(январ[ья]|янв|jan|january)$/, 1],
  [/^(феврал[ья]|фев|февр|feb|february)$/, 2],
  [/^(марта?|мар|mar|march)$/, 3],
  [/^(апрел[ья]|апр|apr|april)$/, 4],
  [/^(мая|май|may)$/, 5],
  [/^(июн[ья]|июн|jun|june)$/, 6],
  [/^(июл[ья]|июл|jul|july)$/, 7],
  [/^(августа?|авг|aug|august)$/, 8],
  [/^(сентябр[ья]|сен|сент|sep|sept|september)$/, 9],
  [/^(октябр[ья]|окт|oct|october)$/, 10],
  [/^(ноябр[ья]|ноя|нояб|nov|november)$/, 11],
  [/^(декабр[ья]|дек|dec|december)$/, 12],
];

/** A two-digit year: this century unless that would be in the future (then the last one). */
function fullYear(year: number, today: string): number {
  if (year >= 100) return year;
  const century = Math.floor(Number(today.slice(0, 4)) / 100) * 100;
  return century + year > Number(today.slice(0, 4)) ? century - 100 + year : century + year;
}

/**
 * A date as written in a Russian spreadsheet, as YYYY-MM-DD. `today` decides two-digit years
 * («1.3.24» is 2024, «5.6.85» 1985). Not judged here: whether it may be in the future.
 */
export function parseDate(cell: Cell, today: string): Parsed<string | null> {
  if (cell === null || cell === undefined) return ok(null);
  if (typeof cell === 'object') return ok(cell.d);
  if (typeof cell === 'number') {
    const iso = excelSerialToIso(cell);
    return iso ? ok(iso) : fail('invalid_date');
  }
  const text = cell.trim().toLowerCase().replace(/\s+/g, ' ');
  if (text === '') return ok(null);
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ t].*)?$/.exec(text);
  if (m) return orInvalid(isoOf(Number(m[1]), Number(m[2]), Number(m[3])));
  m = /^(\d{1,2})[./-](\d{1,2})[./-](\d{2}|\d{4})(?: ?г\.?)?(?: \d{1,2}:\d{2}(?::\d{2})?)?$/.exec(text);
  if (m) return orInvalid(isoOf(fullYear(Number(m[3]), today), Number(m[2]), Number(m[1])));
  m = /^(\d{1,2}) ([a-zа-яё]+)\.? (\d{2}|\d{4})(?: ?(?:г|года?)\.?)?$/.exec(text);
  if (m) {
    const month = MONTHS.find(([re]) => re.test(m![2]!))?.[1];
    return month ? orInvalid(isoOf(fullYear(Number(m[3]), today), month, Number(m[1]))) : fail('invalid_date');
  }
  // A day number that came through CSV as text.
  if (/^\d{5}(?:[.,]\d+)?$/.test(text)) return orInvalid(excelSerialToIso(Number(text.replace(',', '.'))));
  return fail('invalid_date');
}

const orInvalid = (iso: string | null): Parsed<string | null> => (iso ? ok(iso) : fail('invalid_date'));

/** «ИВАНОВА» or «иванова» as «Иванова»; a name typed with care («Мак-Дональд», «ван Бейк») is kept. */
export function tidyName(value: string): string {
  const text = value.replace(/\s+/g, ' ').trim();
  if (text === '' || (text !== text.toUpperCase() && text !== text.toLowerCase())) return text;
  return text.toLowerCase().replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}

export interface PersonName {
  lastName: string;
  firstName: string;
  middleName: string;
}

/**
 * «Фамилия Имя Отчество» in one cell. One word is a first name (children are often listed so);
 * two are surname and name; more: surname, name and the rest as the patronymic («Алиев Рустам Ахмед оглы»).
 */
export function splitFullName(value: string): PersonName {
  const words = tidyName(value).split(' ').filter(Boolean);
  if (words.length === 0) return { lastName: '', firstName: '', middleName: '' };
  if (words.length === 1) return { lastName: '', firstName: words[0]!, middleName: '' };
  return { lastName: words[0]!, firstName: words[1]!, middleName: words.slice(2).join(' ') };
}

/**
 * A phone as the app keeps it: Russian numbers (8 914 …, +7 914 …, 7914…, 914…) as +7 914 123-45-67,
 * others as + and their digits. Fewer than 10 digits, or more than 15, is not a phone.
 */
export function parsePhone(cell: Cell): Parsed<string> {
  const text = cellText(cell);
  if (text === '') return ok('');
  if (/[a-zа-яё]/i.test(text.replace(/доб\.?|ext\.?/gi, ''))) return fail('invalid_phone');
  let digits = phoneDigits(text);
  if (digits.length === 10 && digits.startsWith('9')) digits = `7${digits}`;
  if (digits.length === 11 && digits.startsWith('7'))
    return ok(`+7 ${digits.slice(1, 4)} ${digits.slice(4, 7)}-${digits.slice(7, 9)}-${digits.slice(9)}`);
  if (digits.length >= 10 && digits.length <= 15) return ok(`+${digits}`);
  return fail('invalid_phone');
}

/** Lower case, ё as е, no punctuation: how words in cells are compared with the known ones. */
export const wordKey = (value: string): string =>
  value
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();

/** The first vocabulary entry whose words start the cell («Мать», «мама», «mother»…). */
function byWords<T extends string>(cell: Cell, words: readonly (readonly [RegExp, T])[]): Parsed<T | null> {
  const key = wordKey(cellText(cell));
  if (key === '') return ok(null);
  const found = words.find(([re]) => re.test(key));
  return found ? ok(found[1]) : fail('invalid_option');
}

const RELATION_WORDS = [
  [/^(мать|мама|mother|mom)/, 'mother'],
  [/^(отец|папа|father|dad)/, 'father'],
  [/^(муж|партнер|сожител|отчим|гражданский муж|partner|husband)/, 'partner'],
  [/^(беремен|ожидаем|нерожд|будущ|unborn|expected)/, 'unborn_child'],
  [/^(реб|сын|доч|дет|child|son|daughter|baby|младен)/, 'child'],
  [/^(бабушк|grandmother)/, 'grandmother'],
  [/^(дедушк|grandfather)/, 'grandfather'],
  [/^(родств|тет|дяд|сестр|брат|друг|other|relative)/, 'other_relative'],
] as const;
export const parseRelation = (cell: Cell) => byWords(cell, RELATION_WORDS);

const SEX_WORDS = [
  [/^(ж|жен|female|f$|w$|woman)/, 'female'],
  [/^(м|муж|male|m$|man)/, 'male'],
] as const;
export const parseSex = (cell: Cell) => byWords(cell, SEX_WORDS);

const STATUS_WORDS = [
  [/^(первич|прием|приём|intake|new|нов)/, 'intake'],
  [/^(пост|post)/, 'post_support'],
  [/^(актив|сопровожд|в работе|active|open)/, 'active'],
  [/^(закр|заверш|снят|closed|close)/, 'closed'],
] as const;
export const parseStatus = (cell: Cell) => byWords(cell, STATUS_WORDS);

const FORMAT_WORDS = [
  [/^(очн|in person|face|in_person)/, 'in_person'],
  [/^(тел|phone)/, 'phone'],
  [/^(онлайн|видео|online|video)/, 'online'],
  [/^(выезд|на дому|дом|home)/, 'home_visit'],
] as const;
export const parseFormat = (cell: Cell) => byWords(cell, FORMAT_WORDS);

/** Whole minutes: «60», «1,5 ч», «1:30», «90 мин». */
export function parseMinutes(cell: Cell): Parsed<number | null> {
  if (typeof cell === 'number') return Number.isFinite(cell) && cell > 0 ? ok(Math.round(cell)) : fail('invalid');
  const text = cellText(cell).toLowerCase().replace(',', '.');
  if (text === '') return ok(null);
  let m = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (m) return ok(Number(m[1]) * 60 + Number(m[2]));
  m = /^(\d+(?:\.\d+)?) ?(?:ч|час|часа|часов|h|hours?)\.?$/.exec(text);
  if (m) return ok(Math.round(Number(m[1]) * 60));
  m = /^(\d+) ?(?:мин|минут|минуты|min|minutes?)?\.?$/.exec(text);
  if (m) return ok(Number(m[1]));
  return fail('invalid');
}
