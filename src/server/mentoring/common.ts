// What the mentoring routes share: who reaches which mentor (the branches the caller works in), field
// errors in the caller's language, the day checks ("as it happened": never in the future, never
// before the record it follows) and the status change of a mentor with its history.
import { sql, type SQL } from 'drizzle-orm';
import type { MentorStatus } from '../../domain/mentoring/contracts.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { FieldError } from '../../domain/errors.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, notFound } from '../http/errors.js';
import { assertDays as checkDays, conflictField, field, findOption, inList } from '../http/fields.js';

export { conflictField, field, findOption, inList };

export type Row = Record<string, unknown>;
export const day = (value: unknown): string => String(value).slice(0, 10);
export const dayOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : day(value));
export const todayOf = (now: Date): string => now.toISOString().slice(0, 10);
export const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

export const read = { kind: 'permission', permission: 'mentoring.read', records: 'organization' } as const;
export const manage = { kind: 'permission', permission: 'mentoring.manage', records: 'organization' } as const;
export const match = { kind: 'permission', permission: 'mentoring.match', records: 'case_team' } as const;
export const own = { kind: 'permission', permission: 'mentoring.own', records: 'case_team' } as const;

/** Predicate over a `mentors` row aliased `alias`: mentors of the branches the caller works in. */
export function mentorScope(actor: Actor, alias = 'm'): SQL {
  return inList(sql`${sql.raw(alias)}.branch_id`, actor.branchIds);
}

export function conflictFields(lang: Language, fields: { path: string; key: string }[]): AppError {
  const list: FieldError[] = fields.map((f) => ({ path: f.path, code: f.key, message: translate(lang, f.key) }));
  return new AppError('conflict', fields[0]!.key, {}, list);
}

/** Days within [notBefore, today]; each one outside named with why (400), nothing written. */
export const assertDays = (days: Parameters<typeof checkDays>[0], today: string, lang: Language): void =>
  checkDays(days, today, lang, 'mentoring.errors.before');

/** A mentor in the caller's reach (locked for the change when `forUpdate`), or 404. */
export async function findMentorRow(tx: Tx, actor: Actor, id: string, forUpdate = false): Promise<Row> {
  const rows = await tx.execute<Row>(
    sql`select m.* from mentors m where m.id = ${id} and ${mentorScope(actor)} ${forUpdate ? sql`for update` : sql``}`,
  );
  if (!rows.rows[0]) throw notFound();
  return rows.rows[0];
}

/** Moves a mentor along the status path, keeping the change with its date and reason. */
export async function moveMentor(
  tx: Tx,
  actor: Actor,
  mentor: Row,
  to: MentorStatus,
  changedOn: string,
  reason = '',
  extra: SQL = sql``,
): Promise<void> {
  await tx.execute(sql`update mentors set status = ${to}, status_on = ${changedOn}, version = version + 1 ${extra}
    where id = ${mentor.id as string}`);
  await tx.execute(sql`insert into mentor_status_changes (org_id, mentor_id, from_status, to_status, changed_on, reason, changed_by)
    values (${actor.orgId}, ${mentor.id as string}, ${mentor.status as string}, ${to}, ${changedOn}, ${reason}, ${actor.userId})`);
}
