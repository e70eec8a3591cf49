// Field errors in the caller's language and the checks the register areas (mentoring, trainings,
// volunteers) share: a refusal names the field to correct (400, or 409 when the state of the records
// is why); a day is never in the future nor before the record it follows; an id names a record the
// caller may use; a period ends after it starts.
import { sql, type SQL } from 'drizzle-orm';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import type { Tx } from '../db/engine.js';
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

/**
 * The row an id in a request names, read by `query` (which carries the caller's scope and whatever
 * else makes it a valid choice), or a 400 naming the field: a record out of reach reads the same as a
 * missing one, never a 404 of the whole request.
 */
export async function findOption<T extends Record<string, unknown> = Record<string, unknown>>(
  tx: Tx,
  query: SQL,
  lang: Language,
  path: string,
): Promise<T> {
  const row = (await tx.execute<Record<string, unknown>>(query)).rows[0];
  if (!row) throw field(lang, path, 'validation.invalid_option');
  return row as T;
}

/**
 * A period asked for (`from`–`to`, days or instants) whose end is not before its start — or, with
 * `strict`, after it (400 on `path` with the area's `beforeKey`, given `{{date}}` = from when it takes
 * one) — and, with `maxDays`, at most that long (400 on `path` with `rangeKey`).
 */
export function assertPeriod(
  lang: Language,
  period: { from: string; to: string },
  rule: { path: string; beforeKey: string; dateParam?: boolean; strict?: boolean; maxDays?: number; rangeKey?: string },
): void {
  const [from, to] = [Date.parse(period.from), Date.parse(period.to)];
  if (rule.strict ? to <= from : to < from)
    throw field(lang, rule.path, rule.beforeKey, rule.dateParam === false ? {} : { date: period.from });
  if (rule.maxDays !== undefined && to - from > rule.maxDays * 86_400_000) throw field(lang, rule.path, rule.rangeKey ?? rule.beforeKey);
}
