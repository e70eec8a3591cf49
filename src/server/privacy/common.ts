// What the privacy routes share: the access they declare, field errors in the caller's language, and
// the responsible person check.
//
// privacy.manage reaches the whole organisation (records: 'organization'): the person who answers for
// the operator's processing of personal data (152-FZ art. 22.1) answers a request about any person the
// organisation holds, in whichever branch. That is why the admin holds it by default and casework
// roles do not: it opens every family's data for the purpose of answering and destroying.
import { sql } from 'drizzle-orm';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import { AppError, invalidField } from '../http/errors.js';

export type Row = Record<string, unknown>;
export const manage = { kind: 'permission', permission: 'privacy.manage', records: 'organization' } as const;
export const day = (value: unknown): string => String(value).slice(0, 10);
export const dayOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : day(value));
export const todayOf = (now: Date): string => now.toISOString().slice(0, 10);

export function field(lang: Language, path: string, key: string, params: Record<string, unknown> = {}): AppError {
  return invalidField(path, key, translate(lang, key, params), params);
}

/** A refusal because of the state of the records (409) that names the field and why. */
export function conflictField(lang: Language, path: string, key: string, params: Record<string, unknown> = {}): AppError {
  return new AppError('conflict', key, params, [{ path, code: key, params, message: translate(lang, key, params) }]);
}

/** The responsible person of a request: an active user of the organisation who holds privacy.manage. */
export async function assertResponsible(tx: Tx, userId: string, lang: Language): Promise<void> {
  const rows = await tx.execute(sql`select 1 from users u join user_roles ur on ur.user_id = u.id
    join roles r on r.code = ur.role_code and r.org_id = u.org_id
    where u.id = ${userId} and u.active and 'privacy.manage' = any(r.permissions) limit 1`);
  if (rows.rows.length === 0) throw field(lang, 'responsibleId', 'privacy.errors.responsible');
}
