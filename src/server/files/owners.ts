// Which records files can be attached to, and who reaches them. Each owner kind maps to its own
// area's reach, so a file of a record outside the caller's reach is not found (404) — its list and
// its file URL alike — and a file of a record whose area gives the caller no permission is not
// found either. Other areas register their kinds with registerOwnerKind (e.g. a volunteer's
// certificate of no criminal record) before the server starts answering.
import { sql } from 'drizzle-orm';
import type { Permission } from '../../domain/access/permissions.js';
import type { SensitiveSection } from '../../domain/cases/sensitive.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { caseScope, familyScope } from '../cases/scope.js';
import { housingCaseScope } from '../housing/queries.js';
import { branchScope } from '../trainings/people.js';

export interface OwnerReach {
  /** The family the record belongs to (null for records of no family): sensitive sections and subject access go by it. */
  familyId: string | null;
  /** A section the record itself imposes on its files (a psychologist's service: the mental state). */
  section?: SensitiveSection | null;
}

export interface OwnerKindSpec {
  kind: string;
  /** The caller needs at least one of these to read the kind's files at all. */
  read: readonly Permission[];
  /** The record, if within the caller's reach; null reads as 404. */
  reach(tx: Tx, actor: Actor, ownerId: string): Promise<OwnerReach | null>;
  /** Whether the caller (who reaches the record) may attach, replace, edit and remove its files. */
  canManage(tx: Tx, actor: Actor, ownerId: string, reach: OwnerReach): Promise<boolean> | boolean;
  /** A person's document: the upload must say which document. */
  needsDocumentKind?: boolean;
}

const registry = new Map<string, OwnerKindSpec>();

/** Adds an owner kind. Throws on a duplicate code: two areas must not claim one kind. */
export function registerOwnerKind(spec: OwnerKindSpec): void {
  if (!/^[a-z][a-z_]{0,49}$/.test(spec.kind)) throw new Error(`owner kind "${spec.kind}" must be lower-case letters and _`);
  if (registry.has(spec.kind) && registry.get(spec.kind) !== spec) throw new Error(`owner kind "${spec.kind}" is registered twice`);
  registry.set(spec.kind, spec);
}

export function findOwnerKind(kind: string): OwnerKindSpec | undefined {
  return registry.get(kind);
}

export function ownerKinds(): string[] {
  return [...registry.keys()];
}

const has = (actor: Actor, ...permissions: Permission[]) => permissions.some((p) => actor.permissions.has(p));

async function one(tx: Tx, query: ReturnType<typeof sql>): Promise<OwnerReach | null> {
  const row = (await tx.execute<{ family_id: string | null; section?: string | null }>(query)).rows[0];
  return row ? { familyId: row.family_id, section: (row.section ?? null) as SensitiveSection | null } : null;
}

const familyManage = (_tx: Tx, actor: Actor) => has(actor, 'families.manage');

registerOwnerKind({
  kind: 'family',
  read: ['families.read'],
  reach: (tx, actor, id) => one(tx, sql`select f.id::text as family_id from families f where f.id = ${id} and ${familyScope(actor)}`),
  canManage: familyManage,
});

const memberReach = (tx: Tx, actor: Actor, id: string) =>
  one(
    tx,
    sql`select f.id::text as family_id from members m join families f on f.id = m.family_id where m.id = ${id} and ${familyScope(actor)}`,
  );

registerOwnerKind({ kind: 'person', read: ['families.read'], reach: memberReach, canManage: familyManage });
registerOwnerKind({
  kind: 'person_document',
  read: ['families.read'],
  reach: memberReach,
  canManage: familyManage,
  needsDocumentKind: true,
});

registerOwnerKind({
  kind: 'consent',
  read: ['families.read'],
  reach: (tx, actor, id) =>
    one(
      tx,
      sql`select f.id::text as family_id from consents c join families f on f.id = c.family_id where c.id = ${id} and ${familyScope(actor)}`,
    ),
  canManage: familyManage,
});

registerOwnerKind({
  kind: 'case',
  read: ['cases.read'],
  reach: (tx, actor, id) => one(tx, sql`select c.family_id::text from cases c where c.id = ${id} and ${caseScope(actor)}`),
  canManage: familyManage,
});

registerOwnerKind({
  kind: 'service',
  read: ['cases.read'],
  // A psychologist's service: its files are as private as the notes of the mental state.
  reach: (tx, actor, id) =>
    one(
      tx,
      sql`select c.family_id::text, case when t.category = 'psychological' then 'mental_state' end as section
        from services s join cases c on c.id = s.case_id join service_types t on t.id = s.type_id
        where s.id = ${id} and ${caseScope(actor)}`,
    ),
  canManage: familyManage,
});

registerOwnerKind({
  kind: 'stay',
  // The case team, and the house desk of the stay's branch (the stay agreement, the house rules signed).
  read: ['cases.read', 'housing.stays'],
  reach: (tx, actor, id) =>
    one(tx, sql`select s.family_id::text from stays s join cases c on c.id = s.case_id where s.id = ${id} and ${housingCaseScope(actor)}`),
  canManage: (_tx, actor) => has(actor, 'families.manage', 'housing.stays'),
});

registerOwnerKind({
  kind: 'aid_handover',
  // Keyed by the aid request (one hand-over each): its case team, and the warehouse staff of the case's branch.
  read: ['cases.read', 'aid.warehouse'],
  reach: (tx, actor, id) => {
    const desk = actor.permissions.has('aid.warehouse') && actor.branchIds.length > 0 ? sql`c.branch_id in ${actor.branchIds}` : sql`false`;
    const team = actor.permissions.has('cases.read') ? caseScope(actor) : sql`false`;
    return one(
      tx,
      sql`select c.family_id::text from aid_requests r join cases c on c.id = r.case_id where r.id = ${id} and (${team} or ${desk})`,
    );
  },
  canManage: (_tx, actor) => has(actor, 'aid.warehouse', 'aid.approve', 'aid.request'),
});

registerOwnerKind({
  kind: 'partner_agreement',
  read: ['partners.read'],
  reach: (tx, _actor, id) => one(tx, sql`select null::text as family_id from partner_agreements a where a.id = ${id}`),
  canManage: (_tx, actor) => has(actor, 'partners.manage'),
});

registerOwnerKind({
  kind: 'training_certificate',
  // A participant of a training of the caller's branches.
  read: ['trainings.read'],
  reach: (tx, actor, id) =>
    one(
      tx,
      sql`select null::text as family_id from training_participants p join trainings t on t.id = p.training_id
        where p.id = ${id} and ${branchScope(actor, 't.branch_id')}`,
    ),
  canManage: (_tx, actor) => has(actor, 'trainings.manage'),
});
