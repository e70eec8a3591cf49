// Row → API view mappers and shared lookups of the access area.
import { sql } from 'drizzle-orm';
import type { UserView } from '../../domain/access/contracts.js';
import type { Tx } from '../db/engine.js';
import { notFound } from '../http/errors.js';

const USER_COLUMNS = sql`u.id::text, u.email, u.last_name, u.first_name, u.middle_name, u.phone, u.locale, u.active,
  u.totp_enabled, u.version, u.created_at,
  coalesce((select array_agg(ur.role_code order by ur.role_code) from user_roles ur where ur.user_id = u.id), '{}') as roles,
  coalesce((select array_agg(ub.branch_id::text) from user_branches ub where ub.user_id = u.id), '{}') as branch_ids`;

type Row = Record<string, unknown>;

export function toUserView(row: Row): UserView {
  return {
    id: row.id as string,
    email: row.email as string,
    lastName: row.last_name as string,
    firstName: row.first_name as string,
    middleName: row.middle_name as string,
    phone: row.phone as string,
    locale: row.locale as UserView['locale'],
    roles: row.roles as UserView['roles'],
    branchIds: row.branch_ids as string[],
    active: row.active as boolean,
    totpEnabled: row.totp_enabled as boolean,
    version: Number(row.version),
    createdAt: new Date(row.created_at as string).toISOString(),
  };
}

export async function listUsers(tx: Tx, filter: { q?: string; role?: string; branchId?: string; active?: boolean }): Promise<UserView[]> {
  const conditions = [sql`true`];
  if (filter.q) {
    const like = `%${filter.q.toLowerCase()}%`;
    conditions.push(sql`(lower(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) like ${like} or lower(u.email) like ${like})`);
  }
  if (filter.role) conditions.push(sql`exists (select 1 from user_roles ur where ur.user_id = u.id and ur.role_code = ${filter.role})`);
  if (filter.branchId)
    conditions.push(sql`exists (select 1 from user_branches ub where ub.user_id = u.id and ub.branch_id = ${filter.branchId})`);
  if (filter.active !== undefined) conditions.push(sql`u.active = ${filter.active}`);
  const result = await tx.execute<Row>(
    sql`select ${USER_COLUMNS} from users u where ${sql.join(conditions, sql` and `)} order by u.last_name, u.first_name`,
  );
  return result.rows.map(toUserView);
}

/** A user of the caller's organisation (row-level security sees to that), or 404. */
export async function getUser(tx: Tx, id: string): Promise<UserView> {
  const result = await tx.execute<Row>(sql`select ${USER_COLUMNS} from users u where u.id = ${id}`);
  const row = result.rows[0];
  if (!row) throw notFound();
  return toUserView(row);
}
