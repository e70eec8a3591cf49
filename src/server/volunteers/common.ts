// What the volunteers routes share: the access they declare, who reaches which volunteer, team and
// task (the branches the caller works in), field errors in the caller's language, the days checks
// ("as it happened": never in the future, never before the record it follows) and the settings.
import { sql, type SQL } from 'drizzle-orm';
import type { Language } from '../../domain/i18n/index.js';
import type { SettingsView, TaskKind } from '../../domain/volunteers/contracts.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { assertDays as checkDays, assertPeriod, conflictField, field, findOption, inList } from '../http/fields.js';

export { assertPeriod, conflictField, field, findOption, inList };

export type Row = Record<string, unknown>;
export const day = (value: unknown): string => (value instanceof Date ? value.toISOString() : String(value)).slice(0, 10);
export const dayOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : day(value));
export const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();
export const todayOf = (now: Date): string => now.toISOString().slice(0, 10);
export const num = (value: unknown): number => Number(value ?? 0);

export const read = { kind: 'permission', permission: 'volunteers.read', records: 'organization' } as const;
export const manage = { kind: 'permission', permission: 'volunteers.manage', records: 'organization' } as const;
/** The volunteer's own screen: the shipped volunteer role's permission (first names and ages only, as for case teams). */
export const own = { kind: 'permission', permission: 'volunteer.families', records: 'case_team' } as const;

/** Records of the branches the caller works in (alias.branch_id). */
export const branchScope = (actor: Actor, alias: string): SQL => inList(sql`${sql.raw(alias)}.branch_id`, actor.branchIds);

export const fullName = (alias: string): SQL =>
  sql`trim(${sql.raw(alias)}.last_name || ' ' || ${sql.raw(alias)}.first_name || ' ' || ${sql.raw(alias)}.middle_name)`;

/** Days within [notBefore, today]; each one outside named with why (400), nothing written. */
export const assertDays = (days: Parameters<typeof checkDays>[0], today: string, lang: Language): void =>
  checkDays(days, today, lang, 'volunteers.errors.before');

export async function findVolunteerRow(tx: Tx, actor: Actor, id: string, forUpdate = false): Promise<Row> {
  const rows = await tx.execute<Row>(
    sql`select v.* from volunteers v where v.id = ${id} and ${branchScope(actor, 'v')} ${forUpdate ? sql`for update` : sql``}`,
  );
  if (!rows.rows[0]) throw notFound();
  return rows.rows[0];
}

export async function findTaskRow(tx: Tx, actor: Actor, id: string, forUpdate = false): Promise<Row> {
  const rows = await tx.execute<Row>(
    sql`select t.* from volunteer_tasks t where t.id = ${id} and ${branchScope(actor, 't')} ${forUpdate ? sql`for update` : sql``}`,
  );
  if (!rows.rows[0]) throw notFound();
  return rows.rows[0];
}

export async function readSettings(tx: Tx): Promise<SettingsView> {
  const row = (await tx.execute<Row>(sql`select * from volunteer_settings`)).rows[0];
  if (!row) throw notFound();
  return {
    formSlug: row.form_slug as string,
    formOpen: row.form_open as boolean,
    consentText: row.consent_text as string,
    certificateValidMonths: num(row.certificate_valid_months),
    reminderDays: num(row.reminder_days),
    childRelatedKinds: (row.child_related_kinds as TaskKind[] | null) ?? [],
    version: num(row.version),
  };
}
