// The values people keep in spreadsheets: Russian dates, Excel day numbers, names, phones, encodings.
import { describe, expect, it } from 'vitest';
import { decodeCsv, detectSeparator, parseCsv, CsvError } from './csv.js';
import { suggestMapping } from './headers.js';
import { readFamilyRow } from './rows.js';
import {
  excelSerialToIso,
  parseDate,
  parseMinutes,
  parsePhone,
  parseRelation,
  parseSex,
  parseStatus,
  splitFullName,
  tidyName,
} from './values.js';

const TODAY = '2026-12-04';
const date = (v: Parameters<typeof parseDate>[0]) => {
  const r = parseDate(v, TODAY);
  return r.ok ? r.value : `!${r.code}`;
};
const limits = { maxRows: 100, maxColumns: 20, maxCell: 100, maxTrailingEmpty: 5 };

describe('dates', () => {
  it('reads Russian ways of writing a date', () => {
    expect(date('12.03.2024')).toBe('2024-03-12');
    expect(date('1.3.24')).toBe('2024-03-01');
    expect(date('5.6.85')).toBe('1985-06-05');
    expect(date('05/06/1985')).toBe('1985-06-05');
    expect(date('12 марта 2024')).toBe('2024-03-12');
    expect(date('12 марта 2024 г.')).toBe('2024-03-12');
    expect(date('1 мая 2020 года')).toBe('2020-05-01');
    expect(date('3 сент. 2019')).toBe('2019-09-03');
    expect(date('2024-03-12')).toBe('2024-03-12');
    expect(date('12.03.2024 0:00:00')).toBe('2024-03-12');
    expect(date('')).toBe(null);
    expect(date(null)).toBe(null);
  });
  it("reads Excel's day numbers and real date cells", () => {
    expect(excelSerialToIso(45363)).toBe('2024-03-12');
    expect(date(45363)).toBe('2024-03-12');
    expect(date('45363')).toBe('2024-03-12');
    expect(date(1)).toBe('!invalid_date');
    expect(date({ d: '2020-02-29' })).toBe('2020-02-29');
  });
  it('refuses what is not a date', () => {
    expect(date('31.02.2024')).toBe('!invalid_date');
    expect(date('12 мартабря 2024')).toBe('!invalid_date');
    expect(date('вчера')).toBe('!invalid_date');
    expect(date('13.13.2013')).toBe('!invalid_date');
  });
});

describe('names and phones', () => {
  it('splits a full name in one cell and tidies capitals', () => {
    expect(splitFullName('ИВАНОВА  Мария   Петровна')).toEqual({ lastName: 'ИВАНОВА', firstName: 'Мария', middleName: 'Петровна' });
    expect(splitFullName('иванова мария петровна')).toEqual({ lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна' });
    expect(splitFullName('Алиев Рустам Ахмед оглы').middleName).toBe('Ахмед оглы');
    expect(splitFullName('Миша')).toEqual({ lastName: '', firstName: 'Миша', middleName: '' });
    expect(tidyName('СЕМЁНОВА-ПЕТРОВА')).toBe('Семёнова-Петрова');
    expect(tidyName('Мак-Дональд')).toBe('Мак-Дональд');
  });
  it('normalises phones as the app does', () => {
    const phone = (v: string | number) => {
      const r = parsePhone(v);
      return r.ok ? r.value : `!${r.code}`;
    };
    expect(phone('8 (914) 123-45-67')).toBe('+7 914 123-45-67');
    expect(phone('+7 914 1234567')).toBe('+7 914 123-45-67');
    expect(phone('79141234567')).toBe('+7 914 123-45-67');
    expect(phone(79141234567)).toBe('+7 914 123-45-67');
    expect(phone('9141234567')).toBe('+7 914 123-45-67');
    expect(phone('+375 29 123-45-67')).toBe('+375291234567');
    expect(phone('123-45')).toBe('!invalid_phone');
    expect(phone('нет')).toBe('!invalid_phone');
    expect(phone('')).toBe('');
  });
  it('reads relations, sex, statuses and minutes in Russian and English', () => {
    expect(parseRelation('Мама')).toEqual({ ok: true, value: 'mother' });
    expect(parseRelation('дочь')).toEqual({ ok: true, value: 'child' });
    expect(parseRelation('Ребёнок')).toEqual({ ok: true, value: 'child' });
    expect(parseRelation('беременность')).toEqual({ ok: true, value: 'unborn_child' });
    expect(parseRelation('сосед').ok).toBe(false);
    expect(parseSex('ж')).toEqual({ ok: true, value: 'female' });
    expect(parseSex('Male')).toEqual({ ok: true, value: 'male' });
    expect(parseStatus('Постсопровождение')).toEqual({ ok: true, value: 'post_support' });
    expect(parseStatus('сопровождение')).toEqual({ ok: true, value: 'active' });
    expect(parseMinutes('1,5 ч')).toEqual({ ok: true, value: 90 });
    expect(parseMinutes('1:30')).toEqual({ ok: true, value: 90 });
    expect(parseMinutes('45 мин')).toEqual({ ok: true, value: 45 });
  });
});

describe('a family row', () => {
  it('is read through the mapping with problems named by field', () => {
    const mapping = suggestMapping(['ФИО', 'Дата рождения', 'Телефон', 'Кем приходится', 'Семья'], 'families');
    expect(mapping).toEqual({ fullName: 0, birthDate: 1, phone: 2, relation: 3, familyKey: 4 });
    const row = readFamilyRow(['Семёнова Алёна Игоревна', '12.03.1996', '8 914 000 11 22', 'мать', 'A1'], mapping, TODAY);
    expect(row.member).toMatchObject({
      lastName: 'Семёнова',
      firstName: 'Алёна',
      birthDate: '1996-03-12',
      phone: '+7 914 000-11-22',
      relation: 'mother',
      sex: 'female',
    });
    expect(row.problems).toEqual([]);
    const bad = readFamilyRow(['Петрова Анна', '31.02.1990', '12', 'соседка', ''], mapping, TODAY);
    expect(bad.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'relation:imports.problems.unknown_value',
      'birthDate:imports.problems.invalid_date',
      'phone:imports.problems.invalid_phone',
    ]);
    const future = readFamilyRow(['Петрова Анна', '01.01.2030', '', 'мать', ''], mapping, TODAY);
    expect(future.problems.map((p) => p.code)).toEqual(['validation.date_in_future']);
    const unborn = readFamilyRow(['', '01.02.2027', '', 'беременность', ''], mapping, TODAY);
    expect(unborn.member).toMatchObject({ relation: 'unborn_child', expectedBirthDate: '2027-02-01', birthDate: null });
  });
  it('suggests English headers and separate name columns', () => {
    expect(suggestMapping(['Last name', 'First name', 'Middle name', 'Date of birth', 'Phone', 'Branch'], 'families')).toEqual({
      lastName: 0,
      firstName: 1,
      middleName: 2,
      birthDate: 3,
      phone: 4,
      branch: 5,
    });
    expect(suggestMapping(['Фамилия', 'Имя', 'Отчество'], 'families', { фамилия: 'fullName' })).toEqual({
      fullName: 0,
      firstName: 1,
      middleName: 2,
    });
  });
});

describe('CSV', () => {
  const win1251 = (text: string) => {
    const table = 'АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯабвгдежзийклмнопрстуфхцчшщъыьэюя';
    return Uint8Array.from([...text].map((ch) => (table.includes(ch) ? 0xc0 + table.indexOf(ch) : ch === 'ё' ? 0xb8 : ch.charCodeAt(0))));
  };
  it('reads UTF-8 with and without a byte-order mark, and Windows-1251', () => {
    const text = 'Фамилия;Имя\r\nСемёнова;Алёна\r\n';
    expect(decodeCsv(new TextEncoder().encode(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeCsv(win1251(text))).toEqual({ text, encoding: 'windows-1251' });
  });
  it('refuses UTF-16 and binary files', () => {
    const utf16 = Uint8Array.from([0xff, 0xfe, 0x24, 0x04, 0x30, 0x04]);
    expect(() => decodeCsv(utf16)).toThrow(CsvError);
    expect(() => decodeCsv(Uint8Array.from([0x41, 0x00, 0x42, 0x00]))).toThrow(CsvError);
  });
  it('detects the separator and reads quoted fields', () => {
    expect(detectSeparator('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectSeparator('a,b,c\n1;2;3')).toBe(',');
    const rows = parseCsv('ФИО,Примечание\n"Иванова, Анна","сказала ""да""\nи ушла"\n\n', limits);
    expect(rows).toEqual([
      { number: 1, cells: ['ФИО', 'Примечание'] },
      { number: 2, cells: ['Иванова, Анна', 'сказала "да"\nи ушла'] },
    ]);
  });
  it('stops after a run of empty rows and refuses too many rows or too long a cell', () => {
    const empties = `a;b\n1;2\n${';\n'.repeat(100_000)}3;4\n`;
    expect(parseCsv(empties, limits)).toHaveLength(2);
    expect(() => parseCsv('a\n'.repeat(200), limits)).toThrow('too_many_rows');
    expect(() => parseCsv(`a\n${'я'.repeat(101)}\n`, limits)).toThrow('cell_too_long');
  });
});
