// Shared validation: Zod issues become field errors that name the field and say what is wrong in
// Russian or English; dates must exist on the calendar.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ProgrammeInput, UserCreateInput } from './access/contracts.js';
import { languageFrom, translate } from './i18n/index.js';
import { email, fieldErrors, hasHostileCharacter, hostileTextIssues, isoDate, optionalText, password, text, uuid } from './validation.js';

function errorsOf(schema: z.ZodType, value: unknown, lang: 'ru' | 'en' = 'ru', prefix = '') {
  const result = schema.safeParse(value);
  if (result.success) throw new Error('expected a validation error');
  return fieldErrors(result.error.issues, lang, prefix);
}

describe('isoDate', () => {
  it('accepts real calendar dates, leap days included', () => {
    for (const value of ['2026-01-01', '2026-12-31', '2024-02-29', '2000-02-29', '1999-03-01'])
      expect(isoDate.safeParse(value).success, value).toBe(true);
  });

  it('refuses dates that do not exist and other formats', () => {
    for (const value of [
      '2026-02-30',
      '2026-02-29',
      '1900-02-29',
      '2026-04-31',
      '2026-13-01',
      '2026-00-10',
      '2026-1-5',
      '01.02.2026',
      '2026-01-01T00:00:00Z',
      '',
      ' 2026-01-01',
    ]) {
      const [error] = errorsOf(isoDate, value);
      expect(error, value).toMatchObject({ code: 'validation.invalid_date', message: translate('ru', 'validation.invalid_date') });
    }
  });
});

describe('field errors', () => {
  const Person = z.strictObject({
    lastName: text(5),
    middleName: optionalText(3),
    email,
    age: z.number().int().min(18),
    id: uuid,
    password,
  });

  it('name each field with a catalog code, in Russian by default', () => {
    const errors = errorsOf(Person, {
      lastName: '',
      middleName: 'Петровна',
      email: 'no-at-sign',
      age: 16.5,
      id: 'x',
      password: 'short',
      extra: 1,
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e]));
    expect(Object.keys(byPath).sort()).toEqual(['age', 'email', 'extra', 'id', 'lastName', 'middleName', 'password']);
    expect(byPath.lastName).toMatchObject({ code: 'validation.required', message: 'Обязательное поле' });
    expect(byPath.middleName).toMatchObject({ code: 'validation.too_long', params: { max: 3 } });
    expect(byPath.middleName!.message).toContain('3');
    expect(byPath.email!.code).toBe('validation.invalid_email');
    expect(byPath.id!.code).toBe('validation.invalid_uuid');
    expect(byPath.password!.code).toBe('validation.weak_password');
    expect(byPath.extra!.code).toBe('validation.unknown_field');
    expect(['validation.not_integer', 'validation.too_small', 'validation.invalid_type']).toContain(byPath.age!.code);
    for (const error of errors) expect(error.message, error.path).not.toMatch(/^validation\./);
  });

  it('say the same in English', () => {
    const errors = errorsOf(
      Person,
      { lastName: 'Иванова-Петрова', email: 'a@b.test', age: 20, id: crypto.randomUUID(), password: 'x' },
      'en',
    );
    expect(errors.find((e) => e.path === 'lastName')).toMatchObject({ code: 'validation.too_long', message: 'Too long (at most 5)' });
    expect(errors.find((e) => e.path === 'password')!.message).toBe('The password must be at least 10 characters long');
  });

  it('tell a missing field from a wrong type', () => {
    const Schema = z.strictObject({ name: z.string(), count: z.number(), active: z.boolean() });
    const errors = errorsOf(Schema, { count: '3', active: null }, 'en');
    expect(errors.map((e) => [e.path, e.code])).toEqual([
      ['name', 'validation.required'],
      ['count', 'validation.invalid_type'],
      ['active', 'validation.invalid_type'],
    ]);
    expect(errors[0]!.message).toBe('Required');
    expect(errors[1]!.message).toBe('Wrong type of value');
  });

  it('give nested and prefixed paths', () => {
    const Schema = z.strictObject({ members: z.array(z.strictObject({ birthDate: isoDate })) });
    expect(errorsOf(Schema, { members: [{ birthDate: '2026-01-01' }, { birthDate: '2026-02-30' }] })[0]!.path).toBe('members.1.birthDate');
    expect(errorsOf(z.strictObject({ id: uuid }), { id: '1' }, 'ru', 'params')[0]!.path).toBe('params.id');
  });

  it('use the rule a schema names, e.g. the period order of a programme', () => {
    const errors = errorsOf(ProgrammeInput, { name: 'Программа', periodStart: '2026-05-01', periodEnd: '2026-04-30' });
    expect(errors).toEqual([
      { path: 'periodEnd', code: 'validation.period_order', params: {}, message: 'Дата окончания раньше даты начала' },
    ]);
    expect(errorsOf(ProgrammeInput, { name: 'P', periodStart: '2026-05-01', periodEnd: '2026-04-30' }, 'en')[0]!.message).toBe(
      'The end date is before the start date',
    );
  });

  it('normalise what is valid: trimmed text, lower-case e-mail, defaults', () => {
    const parsed = UserCreateInput.parse({
      lastName: '  Иванова ',
      firstName: 'Анна',
      email: ' Anna@Example.ORG ',
      password: 'long enough!',
      roles: ['admin'],
    });
    expect(parsed).toMatchObject({ lastName: 'Иванова', email: 'anna@example.org', middleName: '', branchIds: [], locale: 'ru' });
  });
});

describe('catalog', () => {
  it('translates with parameters and falls back to the key', () => {
    expect(translate('ru', 'validation.too_short', { min: 3 })).toContain('3');
    expect(translate('en', 'errors.internal', { requestId: 'abc' })).toBe('Internal error. Request id: abc');
    expect(translate('en', 'no.such.key')).toBe('no.such.key');
  });

  it('picks Russian unless English is preferred', () => {
    expect(languageFrom(undefined)).toBe('ru');
    expect(languageFrom('en-US,en;q=0.9')).toBe('en');
    expect(languageFrom('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(languageFrom('de-DE')).toBe('ru');
  });
});

describe('hostile text', () => {
  it('finds a NUL and a half of a surrogate pair without its other half, and nothing else', () => {
    for (const value of ['a\u0000b', '\u0000', 'a\ud800', '\ud800b', 'a\udc00b', '\udfff', '\udc00\ud800', '😀\ud83d'])
      expect(hasHostileCharacter(value), JSON.stringify(value)).toBe(true);
    for (const value of ['', 'Анна', '😀', 'a😀b', '\ud83d\ude00', 'tab\tnew\nline', '\ufffd', '\u0001', 'ё\u0301'])
      expect(hasHostileCharacter(value), JSON.stringify(value)).toBe(false);
  });

  it('reports each hostile string at its exact path, through objects and arrays, keys included', () => {
    const input = {
      lastName: 'Иванова',
      members: [{ lastName: 'ok' }, { lastName: 'bad\u0000', note: 'x\ud800' }],
      answers: { ['k\u0000']: 'fine', ok: ['a', 'b\udc00'] },
      count: 3,
      flag: null,
    };
    const paths = hostileTextIssues(input).map((issue) => issue.path.join('.'));
    expect(paths).toEqual(['members.1.lastName', 'members.1.note', 'answers.k\u0000', 'answers.ok.1']);
    expect(hostileTextIssues('a\u0000')).toHaveLength(1);
    expect(hostileTextIssues({ a: 'clean', b: [1, true, null, { c: 'Анна 😀' }] })).toEqual([]);
    expect(hostileTextIssues(undefined)).toEqual([]);
  });

  it('becomes a field error naming the field, in Russian and in English', () => {
    const issues = hostileTextIssues({ members: [{ lastName: 'a\u0000' }] });
    const [ru] = fieldErrors(issues, 'ru');
    const [en] = fieldErrors(issues, 'en', 'query');
    expect(ru).toMatchObject({
      path: 'members.0.lastName',
      code: 'validation.invalid_characters',
      message: translate('ru', 'validation.invalid_characters'),
    });
    expect(en).toMatchObject({ path: 'query.members.0.lastName', message: translate('en', 'validation.invalid_characters') });
    expect(ru!.message).not.toBe(en!.message);
    expect(en!.message).not.toBe('validation.invalid_characters');
  });

  it('is fast on a long string (no backtracking)', () => {
    const long = 'я'.repeat(1_000_000) + '\ud800';
    const started = performance.now();
    expect(hasHostileCharacter(long)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000); // backtracking would take minutes; a loaded machine, not seconds
  });
});
