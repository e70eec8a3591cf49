// Ids a request carries that must be within the caller's reach, not only in the caller's
// organisation (which row-level security and the composite foreign keys already guarantee): a
// branch the caller works in, a family the caller can open, staff who work in the case's branch.
// Each refusal is a 400 naming the field, like any other bad input.
import { sql } from 'drizzle-orm';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, invalidField } from '../http/errors.js';
import { assertFamilyInScope } from '../families/queries.js';

const refuse = (field: string, lang: Language) =>
  invalidField(field, 'validation.invalid_option', translate(lang, 'validation.invalid_option'));

/** A branch the caller works in: where a family is moved or a case opened. */
export function assertBranchInReach(actor: Actor, branchId: string, field: string, lang: Language): void {
  if (!actor.branchIds.includes(branchId)) throw refuse(field, lang);
}

/** A family the caller can open, named in a request's field (the family is not the record itself). */
export async function assertFamilyReference(tx: Tx, actor: Actor, familyId: string, field: string, lang: Language): Promise<void> {
  try {
    await assertFamilyInScope(tx, actor, familyId);
  } catch (error) {
    if (error instanceof AppError && error.kind === 'not_found') throw refuse(field, lang);
    throw error;
  }
}

/** Active staff who work in the branch: a case's lead, who must be able to reach their case. */
export async function assertWorksIn(tx: Tx, userId: string, branchId: string, field: string, lang: Language): Promise<void> {
  const found = await tx.execute(sql`select 1 from user_branches ub join users u on u.id = ub.user_id
    where ub.user_id = ${userId} and ub.branch_id = ${branchId} and u.active`);
  if (found.rows.length === 0) throw refuse(field, lang);
}
