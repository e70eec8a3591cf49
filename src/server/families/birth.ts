// The birth of an expected child (issue 12, point 2): the member becomes a child with its birth date,
// sex and name, the expected date is cleared (so later edits never trip over a hidden field), the
// case timeline gets a "birth" event, and — when asked by someone who runs the house desk — the baby
// joins the mother's stay under way from the birth date.
import { sql } from 'drizzle-orm';
import type { BirthInput, BirthResult } from '../../domain/families/contracts.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { z } from 'zod';
import { auditCodes, type AuditCode } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { businessRule, conflict, forbidden, invalidField, notFound } from '../http/errors.js';
import { addResident, lockStay } from '../housing/stays.js';
import { refreshFamilyName, recordFamilyEvent, toMemberView } from './queries.js';

type Row = Record<string, unknown>;

export async function recordBirth(
  tx: Tx,
  actor: Actor,
  familyId: string,
  memberId: string,
  input: BirthInput,
  today: string,
  lang: Language,
): Promise<{ result: z.infer<typeof BirthResult>; fields: AuditCode[] }> {
  const rows = await tx.execute<Row>(sql`select * from members where id = ${memberId} and family_id = ${familyId} for update`);
  const before = rows.rows[0];
  if (!before) throw notFound();
  if (Number(before.version) !== input.version) throw conflict();
  if (before.relation !== 'unborn_child') throw businessRule('errors.member_not_expected');
  await tx.execute(sql`
    update members set relation = 'child', birth_date = ${input.birthDate}, expected_birth_date = null, approximate_age = null,
      sex = ${input.sex}, first_name = ${input.firstName},
      last_name = case when ${input.lastName} <> '' then ${input.lastName} else last_name end,
      middle_name = case when ${input.middleName} <> '' then ${input.middleName} else middle_name end,
      version = version + 1, updated_at = now()
    where id = ${memberId}`);
  await refreshFamilyName(tx, familyId);
  await recordFamilyEvent(
    tx,
    actor,
    familyId,
    'birth',
    // `on`: the day the timeline files the birth under (migration 0021 reads it from the data).
    { memberId, on: input.birthDate, birthDate: input.birthDate, sex: input.sex, firstName: input.firstName },
  );
  const open = await tx.execute<{ id: string; branch_id: string; version: number }>(
    sql`select id, branch_id, version from stays where family_id = ${familyId} and check_out_on is null limit 1`,
  );
  const stay = open.rows[0];
  let joinedStay = false;
  if (input.joinStay) {
    if (!stay) throw invalidField('joinStay', 'errors.birth_no_open_stay', translate(lang, 'errors.birth_no_open_stay'));
    // Placing a person in the house is the desk's work: the same permission and branch as the stay routes.
    if (!actor.permissions.has('housing.stays') || !actor.branchIds.includes(stay.branch_id)) throw forbidden();
    const locked = await lockStay(tx, actor, stay.id, Number(stay.version));
    if (input.birthDate < locked.check_in_on)
      throw invalidField('birthDate', 'errors.housing_before_stay', translate(lang, 'errors.housing_before_stay'));
    await addResident(tx, actor, locked, { memberId, on: input.birthDate, reason: 'born' }, today, lang);
    joinedStay = true;
  }
  const after = await tx.execute<Row>(sql`select * from members where id = ${memberId}`);
  return {
    result: { member: toMemberView(after.rows[0]!), openStayId: stay?.id ?? null, joinedStay },
    fields: auditCodes(['relation', 'birthDate', 'expectedBirthDate', 'sex', 'firstName', 'lastName', 'middleName']),
  };
}
