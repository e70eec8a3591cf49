// Branches (offices in cities) of the organisation.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { BranchInput, BranchUpdateInput, BranchView, IdParams } from '../../domain/access/contracts.js';
import { translate } from '../../domain/i18n/index.js';
import { changes, filledFields, writeAudit } from '../audit/audit.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../db/errors.js';
import { conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import type { Language } from '../../domain/i18n/index.js';
import { branches } from './tables.js';

const TAG = 'branches';
const columns = {
  id: branches.id,
  name: branches.name,
  city: branches.city,
  region: branches.region,
  address: branches.address,
  active: branches.active,
  version: branches.version,
};

/** Names are unique within an organisation: a clash is reported on the name field. */
export async function uniqueName<T>(lang: Language, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === UNIQUE_VIOLATION)
      throw invalidField('name', 'validation.duplicate', translate(lang, 'validation.duplicate'));
    throw error;
  }
}

export function registerBranchRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/branches',
    tag: TAG,
    summary: 'Branches of the organisation',
    access: { kind: 'permission', permission: 'branches.read', records: 'organization' },
    response: z.object({ items: z.array(BranchView) }),
    handler: async ({ tx }) => ({ items: await tx.select(columns).from(branches).orderBy(asc(branches.name)) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/branches',
    tag: TAG,
    summary: 'Create a branch',
    access: { kind: 'permission', permission: 'branches.manage', records: 'organization' },
    body: BranchInput,
    response: BranchView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      const [created] = await uniqueName(req.lang, () =>
        tx
          .insert(branches)
          .values({ ...body, orgId: actor.orgId })
          .returning(columns),
      );
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'branch',
        recordId: created!.id,
        details: { fields: filledFields(created!) },
      });
      return created!;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/branches/:id',
    tag: TAG,
    summary: 'Edit a branch (stale versions are refused with 409)',
    access: { kind: 'permission', permission: 'branches.manage', records: 'organization' },
    params: IdParams,
    body: BranchUpdateInput,
    response: BranchView,
    handler: async ({ tx, audit, body, params, req }) => {
      const [before] = await tx.select(columns).from(branches).where(eq(branches.id, params.id));
      if (!before) throw notFound();
      const { version, ...values } = body;
      const [after] = await uniqueName(req.lang, () =>
        tx
          .update(branches)
          .set({ ...values, version: sql`${branches.version} + 1`, updatedAt: sql`now()` })
          .where(and(eq(branches.id, params.id), eq(branches.version, version)))
          .returning(columns),
      );
      if (!after) throw conflict();
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'branch',
        recordId: params.id,
        details: { fields: changes(before, after) },
      });
      return after;
    },
  });
}
