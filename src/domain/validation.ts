// Shared Zod building blocks and the translation of Zod issues into field errors that name the
// field and say what is wrong in the user's language. Used by the server and by web forms.
import { z } from 'zod';
import { translate, type Language } from './i18n/index.js';
import type { FieldError } from './errors.js';

/** Trimmed text with a length limit; required unless min is 0. */
export const text = (max: number, min = 1) => z.string().trim().min(min).max(max);

export const optionalText = (max: number) => z.string().trim().max(max).default('');

/** A calendar date as YYYY-MM-DD that really exists (no 2026-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'i18n:invalid_date' })
  .refine(
    (value) => {
      const date = new Date(`${value}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
    },
    { message: 'i18n:invalid_date' },
  );

export const uuid = z.uuid({ message: 'i18n:invalid_uuid' });
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'i18n:invalid_email' }));
export const password = z.string().min(10, { message: 'i18n:weak_password' }).max(200);

/** Optimistic concurrency: every update carries the version it was based on. */
export const version = z.number().int().positive();

export const Page = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * A NUL or a half of a surrogate pair with no other half. Neither is text anyone typed: PostgreSQL
 * refuses a NUL in text and JSON (a 500 if it got that far), and a lone surrogate cannot be stored
 * as UTF-8 (one driver would silently store U+FFFD in its place, another refuse it).
 */
// eslint-disable-next-line no-control-regex
const HOSTILE_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const hasHostileCharacter = (value: string): boolean => HOSTILE_CHARACTER.test(value);

/**
 * Every string in a parsed request (body, query or parameters) that holds a NUL or a lone surrogate,
 * as an issue at its exact path (`members.0.lastName`). An object key that holds one is reported at
 * the key itself. Runs on the raw input before the route's schema, so it reaches every text field of
 * every route at once — free text, codes, ids and open-ended answers alike — whatever its schema says.
 */
export function hostileTextIssues(value: unknown, path: PropertyKey[] = []): IssueLike[] {
  if (typeof value === 'string') return hasHostileCharacter(value) ? [hostileIssue(path)] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => hostileTextIssues(item, [...path, index]));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, item]) =>
    hasHostileCharacter(key) ? [hostileIssue([...path, key])] : hostileTextIssues(item, [...path, key]),
  );
}

const hostileIssue = (path: PropertyKey[]): IssueLike => ({ code: 'custom', path, message: 'i18n:invalid_characters' });

export interface IssueLike {
  code: string;
  path: PropertyKey[];
  message: string;
  params?: Record<string, unknown>;
  keys?: string[];
  minimum?: unknown;
  maximum?: unknown;
  origin?: string;
  format?: string;
  expected?: string;
  input?: unknown;
}

/** Maps one Zod issue to a catalog key under `validation.` and its parameters. */
function describe(issue: IssueLike): { code: string; params: Record<string, unknown> } {
  // Schemas name their own message with { message: 'i18n:<key>' } (checks) or params.i18n (refinements).
  const custom = issue.message.startsWith('i18n:') ? issue.message.slice(5) : issue.params?.i18n;
  if (typeof custom === 'string') return { code: custom, params: issue.params ?? {} };
  switch (issue.code) {
    case 'invalid_type': {
      // Zod 4 keeps the offending value (`input`) only when parsing with { reportInput: true }, so a
      // wrong type would read as "required"; its default message does say what it received.
      const received = /received (\w+)$/.exec(issue.message)?.[1];
      const missing = received ? received === 'undefined' : issue.input === undefined;
      return { code: missing ? 'required' : issue.expected === 'int' ? 'not_integer' : 'invalid_type', params: {} };
    }
    case 'too_small':
      if (issue.origin === 'string') return { code: Number(issue.minimum) <= 1 ? 'required' : 'too_short', params: { min: issue.minimum } };
      return { code: 'too_small', params: { min: issue.minimum } };
    case 'too_big':
      return { code: issue.origin === 'string' || issue.origin === 'array' ? 'too_long' : 'too_big', params: { max: issue.maximum } };
    case 'invalid_value':
      return { code: 'invalid_option', params: {} };
    case 'unrecognized_keys':
      return { code: 'unknown_field', params: {} };
    case 'invalid_format':
      if (issue.format === 'email') return { code: 'invalid_email', params: {} };
      if (issue.format === 'uuid') return { code: 'invalid_uuid', params: {} };
      return { code: 'invalid_format', params: {} };
    default:
      return { code: 'invalid', params: {} };
  }
}

/** Zod issues as field paths and message codes; an unknown key becomes its own field so the UI can point at it. */
export function fieldIssues(issues: readonly IssueLike[], prefix = ''): Omit<FieldError, 'message'>[] {
  const result: Omit<FieldError, 'message'>[] = [];
  for (const issue of issues) {
    const base = [prefix, ...issue.path.map(String)].filter(Boolean);
    const { code, params } = describe(issue);
    const paths = issue.code === 'unrecognized_keys' && issue.keys ? issue.keys.map((key) => [...base, key]) : [base];
    for (const path of paths) {
      const clean = Object.fromEntries(Object.entries(params).filter(([key]) => key !== 'i18n'));
      result.push({ path: path.join('.'), code: `validation.${code}`, params: clean });
    }
  }
  return result;
}

/** Turns Zod issues into field errors with messages in the language (the web's forms use fieldIssues with
 *  their loaded catalog instead, so the first script does not carry every language: issue 19, point 1). */
export function fieldErrors(issues: readonly IssueLike[], lang: Language, prefix = ''): FieldError[] {
  return fieldIssues(issues, prefix).map((field) => ({ ...field, message: translate(lang, field.code, field.params) }));
}
