// Field errors in the caller's language and the "as it happened" day checks that the register areas
// (mentoring, volunteers) share: a refusal names the field to correct (400, or 409 when the state of
// the records is why), and a day is never in the future nor before the record it follows.
import { sql, type SQL } from 'drizzle-orm';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import { AppError, invalidField } from './errors.js';

/** `column in (values)`, false for none (an empty list is not valid SQL). */
export function inList(column: SQL, values: readonly string[]): SQL {
  return values.length === 0 ? sql`false` : sql`${column} in ${values}`;
}

/** A 400 naming the field, with the message in the caller's language. */
export function field(lang: Language, path: string, key: string, params: Record<string, unknown> = {}): AppError {
  return invalidField(path, key, translate(lang, key, params), params);
}

/** A refusal because of the state of the records (409) that still names the field to correct. */
export function conflictField(lang: Language, path: string, key: string, params: Record<string, unknown> = {}): AppError {
  return new AppError('conflict', key, params, [{ path, code: key, params, message: translate(lang, key, params) }]);
}

/**
 * Days within [notBefore, today]; each one outside named with why (400), nothing written. `beforeKey`
 * is the area's message for a day before the one it follows (it takes `{{date}}`).
 */
export function assertDays(
  days: { path: string; value: string | null | undefined; notBefore?: string | null }[],
  today: string,
  lang: Language,
  beforeKey: string,
): void {
  const errors: FieldError[] = [];
  for (const { path, value, notBefore } of days) {
    if (!value) continue;
    if (value > today) errors.push({ path, code: 'validation.date_in_future', message: translate(lang, 'validation.date_in_future') });
    else if (notBefore && value < notBefore)
      errors.push({ path, code: beforeKey, params: { date: notBefore }, message: translate(lang, beforeKey, { date: notBefore }) });
  }
  if (errors.length > 0) throw new AppError('validation', 'errors.validation', {}, errors);
}
