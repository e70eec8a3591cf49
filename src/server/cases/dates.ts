// The day a record of a case happened, entered after the fact or not: never in the future, never
// before the case began (its opening, or the referral that led to it when that came earlier).
import { sql } from 'drizzle-orm';
import { today as todayIso } from '../../domain/families/people.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import type { Tx } from '../db/engine.js';
import { AppError } from '../http/errors.js';

/** The first day a record of the case may carry. */
export async function caseBegan(tx: Tx, caseId: string): Promise<string> {
  const rows = await tx.execute<{ began: string }>(sql`
    select least(c.opened_on, (select (r.received_at at time zone 'UTC')::date from referrals r where r.id = c.referral_id))::text as began
    from cases c where c.id = ${caseId}`);
  return rows.rows[0]!.began;
}

/** The field errors of days outside [the case's beginning, today]; empty when every day is within. */
export function dayErrors(days: { path: string; value: string | null | undefined }[], began: string, lang: Language): FieldError[] {
  const today = todayIso();
  const errors: FieldError[] = [];
  for (const { path, value } of days) {
    if (!value) continue;
    if (value > today) errors.push({ path, code: 'validation.date_in_future', message: translate(lang, 'validation.date_in_future') });
    else if (value < began)
      errors.push({
        path,
        code: 'validation.before_case',
        params: { date: began },
        message: translate(lang, 'validation.before_case', { date: began }),
      });
  }
  return errors;
}

/**
 * Refuses days before the first case of a family began (or in the future), for records kept on the
 * family (sensitive notes); a family with no case yet is bounded by today only.
 */
export async function assertFamilyDays(
  tx: Tx,
  familyId: string,
  days: { path: string; value: string | null | undefined }[],
  lang: Language,
): Promise<void> {
  if (days.every((d) => !d.value)) return;
  const rows = await tx.execute<{ began: string | null }>(sql`
    select min(least(c.opened_on, (select (r.received_at at time zone 'UTC')::date from referrals r where r.id = c.referral_id)))::text as began
    from cases c where c.family_id = ${familyId}`);
  const errors = dayErrors(days, rows.rows[0]?.began ?? '0000-01-01', lang);
  if (errors.length > 0) throw new AppError('validation', 'errors.validation', {}, errors);
}

/** Refuses (400, naming each field) days outside the case's life, before anything is written. */
export async function assertCaseDays(
  tx: Tx,
  caseId: string,
  days: { path: string; value: string | null | undefined }[],
  lang: Language,
): Promise<void> {
  if (days.every((d) => !d.value)) return;
  const errors = dayErrors(days, await caseBegan(tx, caseId), lang);
  if (errors.length > 0) throw new AppError('validation', 'errors.validation', {}, errors);
}
