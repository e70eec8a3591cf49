// Reading families within the caller's scope, and the small helpers writes share.
import { sql } from 'drizzle-orm';
import type { FamilyView, MemberInput, MemberView, SocialContactView } from '../../domain/families/contracts.js';
import { normalizeName, phoneDigits } from '../../domain/families/people.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { familyScope } from '../cases/scope.js';
import { caseEvents } from '../cases/tables.js';

type Row = Record<string, unknown>;
const dateText = (value: unknown) => (value === null || value === undefined ? null : String(value).slice(0, 10));

export function toMemberView(row: Row): MemberView {
  return {
    id: row.id as string,
    relation: row.relation as MemberView['relation'],
    lastName: row.last_name as string,
    firstName: row.first_name as string,
    middleName: row.middle_name as string,
    birthDate: dateText(row.birth_date),
    approximateAge: (row.approximate_age as number | null) ?? null,
    expectedBirthDate: dateText(row.expected_birth_date),
    sex: row.sex as MemberView['sex'],
    citizenship: (row.citizenship as MemberView['citizenship']) ?? null,
    education: (row.education as MemberView['education']) ?? null,
    occupation: (row.occupation as MemberView['occupation']) ?? null,
    languages: (row.languages as string[]) ?? [],
    phone: row.phone as string,
    registeredAddress: row.registered_address as string,
    actualAddress: row.actual_address as string,
    documents: (typeof row.documents === 'string' ? JSON.parse(row.documents) : row.documents) as MemberView['documents'],
    version: Number(row.version),
  };
}

/** Columns of a member row from its input (the phone is also kept as digits for matching). */
export function memberValues(member: MemberInput) {
  return {
    relation: member.relation,
    lastName: member.lastName,
    firstName: member.firstName,
    middleName: member.middleName,
    birthDate: member.birthDate,
    approximateAge: member.approximateAge,
    expectedBirthDate: member.expectedBirthDate,
    sex: member.sex,
    citizenship: member.citizenship,
    education: member.education,
    occupation: member.occupation,
    languages: member.languages,
    phone: member.phone,
    phoneDigits: phoneDigits(member.phone),
    registeredAddress: member.registeredAddress,
    actualAddress: member.actualAddress,
    documents: member.documents,
  };
}

const ADULT_ORDER = ['mother', 'father', 'partner', 'grandmother', 'grandfather', 'other_relative', 'child', 'unborn_child'];

/** The name a family is listed under: the mother's (or the first adult's) surname and name. */
export function familyDisplayName(members: readonly { relation: string; lastName: string; firstName: string }[]): string {
  const main = [...members].sort((a, b) => ADULT_ORDER.indexOf(a.relation) - ADULT_ORDER.indexOf(b.relation))[0];
  return main ? `${main.lastName} ${main.firstName}`.trim() : '';
}

export async function refreshFamilyName(tx: Tx, familyId: string): Promise<void> {
  const rows = await tx.execute<{ relation: string; last_name: string; first_name: string }>(
    sql`select relation, last_name, first_name from members where family_id = ${familyId}`,
  );
  const name = familyDisplayName(rows.rows.map((r) => ({ relation: r.relation, lastName: r.last_name, firstName: r.first_name })));
  await tx.execute(sql`update families set name = ${name} where id = ${familyId}`);
}

/** Throws 404 unless the family exists and is within the caller's scope. */
export async function assertFamilyInScope(tx: Tx, actor: Actor, familyId: string): Promise<{ version: number; branchId: string }> {
  const result = await tx.execute<{ version: number; branch_id: string }>(
    sql`select f.version, f.branch_id::text from families f where f.id = ${familyId} and ${familyScope(actor)}`,
  );
  const row = result.rows[0];
  if (!row) throw notFound();
  return { version: Number(row.version), branchId: row.branch_id };
}

export async function getFamily(tx: Tx, actor: Actor, familyId: string): Promise<FamilyView> {
  const result = await tx.execute<Row>(
    sql`select f.id::text, f.branch_id::text, f.name, f.notes, f.version, f.created_at from families f where f.id = ${familyId} and ${familyScope(actor)}`,
  );
  const family = result.rows[0];
  if (!family) throw notFound();
  const memberRows = await tx.execute<Row>(sql`select * from members where family_id = ${familyId} order by position, created_at`);
  const contactRows = await tx.execute<Row>(sql`select * from social_contacts where family_id = ${familyId} order by created_at`);
  return {
    id: family.id as string,
    branchId: family.branch_id as string,
    name: family.name as string,
    notes: family.notes as string,
    version: Number(family.version),
    createdAt: new Date(family.created_at as string).toISOString(),
    members: memberRows.rows.map(toMemberView),
    socialContacts: contactRows.rows.map((row): SocialContactView => ({
      id: row.id as string,
      name: row.name as string,
      kind: row.kind as SocialContactView['kind'],
      relationship: row.relationship as string,
      nature: row.nature as SocialContactView['nature'],
      reachable: row.reachable as boolean,
      phone: row.phone as string,
      note: row.note as string,
    })),
  };
}

/** Appends an event to the history of every case of the family (usually one). */
export async function recordFamilyEvent(
  tx: Tx,
  actor: Actor,
  familyId: string,
  kind: string,
  data: Record<string, unknown>,
  /** The day it happened, when known (else the database takes it from the data or the entry time). */
  occurredOn?: string,
): Promise<void> {
  const result = await tx.execute<{ id: string }>(sql`select id::text from cases where family_id = ${familyId}`);
  if (result.rows.length === 0) return;
  await tx
    .insert(caseEvents)
    .values(result.rows.map((row) => ({ orgId: actor.orgId, caseId: row.id, actorId: actor.userId, kind, data, occurredOn })));
}

export { normalizeName };
