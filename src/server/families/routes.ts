// Families: registering one (with a duplicate check), reading and editing it, its members and its
// map of social contacts. Every route reaches only families within the caller's scope (404 otherwise).
import { and, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams, Ok } from '../../domain/access/contracts.js';
import {
  BirthInput,
  BirthResult,
  FamilyCreateInput,
  FamilyMatches,
  FamilyUpdateInput,
  FamilyView,
  MatchQuery,
  MemberInput,
  MemberUpdateInput,
  MemberView,
  SocialContactInput,
  SocialContactView,
} from '../../domain/families/contracts.js';
import { uuid } from '../../domain/validation.js';
import { translate } from '../../domain/i18n/index.js';
import { auditCode, changes, writeAudit } from '../audit/audit.js';
import { branches } from '../access/tables.js';
import { assertBranchInReach } from '../access/reach.js';
import { businessRule, conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { families, members, socialContacts } from '../cases/tables.js';
import { today } from '../../domain/families/people.js';
import { recordBirth } from './birth.js';
import { findMatches, presentMatches } from './matches.js';
import { assertFamilyInScope, getFamily, memberValues, recordFamilyEvent, refreshFamilyName, toMemberView } from './queries.js';

const TAG = 'families';
const read = { kind: 'permission', permission: 'families.read', records: 'case_team' } as const;
const manage = { kind: 'permission', permission: 'families.manage', records: 'case_team' } as const;
const MemberParams = z.strictObject({ id: uuid, memberId: uuid });
const ContactParams = z.strictObject({ id: uuid, contactId: uuid });

export function registerFamilyRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/families/matches',
    tag: TAG,
    summary: 'Possible duplicates of a person about to be registered (POST keeps names out of URLs and logs)',
    access: read,
    body: MatchQuery,
    response: FamilyMatches,
    handler: async ({ tx, actor, body }) => presentMatches(await findMatches(tx, actor, body)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/families',
    tag: TAG,
    summary: 'Register a family with its members; refused with 422 while possible duplicates are unconfirmed',
    access: manage,
    body: FamilyCreateInput,
    response: FamilyView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      const [branch] = await tx.select({ id: branches.id }).from(branches).where(eq(branches.id, body.branchId));
      if (!branch) throw invalidField('branchId', 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
      if (!body.confirmedNotDuplicate) {
        for (const member of body.members) {
          const matches = await findMatches(tx, actor, { ...member, birthDate: member.birthDate ?? undefined });
          if (matches.length > 0) throw businessRule('errors.possible_duplicates', { count: matches.length });
        }
      }
      const [family] = await tx
        .insert(families)
        .values({ orgId: actor.orgId, branchId: body.branchId, notes: body.notes, createdBy: actor.userId })
        .returning({ id: families.id });
      await tx
        .insert(members)
        .values(body.members.map((member, position) => ({ ...memberValues(member), orgId: actor.orgId, familyId: family!.id, position })));
      await refreshFamilyName(tx, family!.id);
      const view = await getFamily(tx, actor, family!.id);
      await writeAudit(tx, audit, { action: 'create', recordType: 'family', recordId: view.id, details: { members: view.members.length } });
      return view;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/families/:id',
    tag: TAG,
    summary: 'A family with its members and social contacts',
    access: read,
    params: IdParams,
    response: FamilyView,
    handler: async ({ tx, actor, audit, params }) => {
      const view = await getFamily(tx, actor, params.id);
      await writeAudit(tx, audit, { action: 'read', recordType: 'family', recordId: params.id });
      return view;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/families/:id',
    tag: TAG,
    summary: 'Edit family notes and branch (stale versions get 409)',
    access: manage,
    params: IdParams,
    body: FamilyUpdateInput,
    response: FamilyView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      const before = await getFamily(tx, actor, params.id);
      // Moved only to a branch the editor works in: elsewhere the family would leave their reach.
      if (body.branchId !== before.branchId) assertBranchInReach(actor, body.branchId, 'branchId', req.lang);
      const updated = await tx
        .update(families)
        .set({ notes: body.notes, branchId: body.branchId, version: sql`${families.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(families.id, params.id), eq(families.version, body.version)))
        .returning({ id: families.id });
      if (updated.length === 0) throw conflict();
      const after = await getFamily(tx, actor, params.id);
      const diff = changes({ notes: before.notes, branchId: before.branchId }, { notes: after.notes, branchId: after.branchId });
      await writeAudit(tx, audit, { action: 'update', recordType: 'family', recordId: params.id, details: { fields: diff } });
      await recordFamilyEvent(tx, actor, params.id, 'family_updated', { fields: Object.keys(diff) });
      return after;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/families/:id/members',
    tag: TAG,
    summary: 'Add a member to a family (e.g. a child born, an expected baby)',
    access: manage,
    params: IdParams,
    body: MemberInput,
    response: MemberView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body }) => {
      await assertFamilyInScope(tx, actor, params.id);
      const position = await tx.execute<{ n: number }>(sql`select count(*)::int as n from members where family_id = ${params.id}`);
      const [row] = await tx
        .insert(members)
        .values({ ...memberValues(body), orgId: actor.orgId, familyId: params.id, position: Number(position.rows[0]?.n ?? 0) })
        .returning();
      await refreshFamilyName(tx, params.id);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'member',
        recordId: row!.id,
        details: { familyId: auditCode(params.id) },
      });
      await recordFamilyEvent(tx, actor, params.id, 'member_added', {
        memberId: row!.id,
        relation: body.relation,
        firstName: body.firstName,
      });
      return toMemberView((await tx.execute<Record<string, unknown>>(sql`select * from members where id = ${row!.id}`)).rows[0]!);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/families/:id/members/:memberId',
    tag: TAG,
    summary: 'Edit a family member (stale versions get 409)',
    access: manage,
    params: MemberParams,
    body: MemberUpdateInput,
    response: MemberView,
    handler: async ({ tx, actor, audit, params, body }) => {
      await assertFamilyInScope(tx, actor, params.id);
      const beforeRows = await tx.execute<Record<string, unknown>>(
        sql`select * from members where id = ${params.memberId} and family_id = ${params.id}`,
      );
      if (!beforeRows.rows[0]) throw notFound();
      const before = toMemberView(beforeRows.rows[0]);
      const updated = await tx
        .update(members)
        .set({ ...memberValues(body.member), version: sql`${members.version} + 1`, updatedAt: sql`now()` })
        .where(and(eq(members.id, params.memberId), eq(members.version, body.version)))
        .returning({ id: members.id });
      if (updated.length === 0) throw conflict();
      await refreshFamilyName(tx, params.id);
      const after = toMemberView(
        (await tx.execute<Record<string, unknown>>(sql`select * from members where id = ${params.memberId}`)).rows[0]!,
      );
      const diff = changes(before, after);
      await writeAudit(tx, audit, { action: 'update', recordType: 'member', recordId: params.memberId, details: { fields: diff } });
      await recordFamilyEvent(tx, actor, params.id, 'member_updated', { memberId: params.memberId, fields: Object.keys(diff) });
      return after;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/families/:id/members/:memberId/birth',
    tag: TAG,
    summary: 'Record the birth of an expected child: it becomes a child (expected date cleared), optionally joining the stay under way',
    access: manage,
    params: MemberParams,
    body: BirthInput,
    response: BirthResult,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      await assertFamilyInScope(tx, actor, params.id);
      const { result, fields } = await recordBirth(tx, actor, params.id, params.memberId, body, today(), req.lang);
      await writeAudit(tx, audit, { action: 'update', recordType: 'member', recordId: params.memberId, details: { birth: true, fields } });
      return result;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/families/:id/contacts',
    tag: TAG,
    summary: "Add a person to the family's map of social contacts",
    access: manage,
    params: IdParams,
    body: SocialContactInput,
    response: SocialContactView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body }) => {
      await assertFamilyInScope(tx, actor, params.id);
      const [row] = await tx
        .insert(socialContacts)
        .values({ ...body, orgId: actor.orgId, familyId: params.id })
        .returning();
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'social_contact',
        recordId: row!.id,
        details: { familyId: auditCode(params.id) },
      });
      await recordFamilyEvent(tx, actor, params.id, 'contact_added', { kind: body.kind, nature: body.nature });
      return { ...body, id: row!.id };
    },
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/families/:id/contacts/:contactId',
    tag: TAG,
    summary: 'Remove a person from the map of social contacts',
    access: manage,
    params: ContactParams,
    response: Ok,
    handler: async ({ tx, actor, audit, params }) => {
      await assertFamilyInScope(tx, actor, params.id);
      const removed = await tx
        .delete(socialContacts)
        .where(and(eq(socialContacts.id, params.contactId), eq(socialContacts.familyId, params.id)))
        .returning();
      if (removed.length === 0) throw notFound();
      await writeAudit(tx, audit, {
        action: 'delete',
        recordType: 'social_contact',
        recordId: params.contactId,
        // The contact is gone; who removed which contact of which family is all the audit keeps.
        details: { familyId: auditCode(params.id) },
      });
      return { ok: true as const };
    },
  });
}
