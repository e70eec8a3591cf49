// Programmes and grant projects: period, funder, budget, and the settings casework follows (from when
// follow-ups count, which consents the programme requires). Indicators and targets attach to them.
import { and, asc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams, ProgrammeInput, ProgrammeUpdateInput, ProgrammeView } from '../../domain/access/contracts.js';
import { requiredConsentsOf } from '../../domain/families/consents.js';
import { changes, filledFields, writeAudit } from '../audit/audit.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { uniqueName } from './branches.js';
import { programmes } from './tables.js';

const TAG = 'programmes';
const columns = {
  id: programmes.id,
  name: programmes.name,
  periodStart: programmes.periodStart,
  periodEnd: programmes.periodEnd,
  funder: programmes.funder,
  budget: programmes.budget,
  description: programmes.description,
  active: programmes.active,
  followUpFrom: programmes.followUpFrom,
  requiredConsents: programmes.requiredConsents,
  version: programmes.version,
};
type Row = { budget: string | null } & Omit<ProgrammeView, 'budget'>;
const toView = (row: Row): ProgrammeView => ({ ...row, budget: row.budget === null ? null : Number(row.budget) });
const money = (budget: number | null) => (budget === null ? null : budget.toFixed(2));

export function registerProgrammeRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/programmes',
    tag: TAG,
    summary: 'Programmes and grant projects of the organisation',
    access: { kind: 'permission', permission: 'programmes.read', records: 'organization' },
    response: z.object({ items: z.array(ProgrammeView) }),
    handler: async ({ tx }) => ({
      items: (await tx.select(columns).from(programmes).orderBy(asc(programmes.periodStart), asc(programmes.name))).map(toView),
    }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/programmes',
    tag: TAG,
    summary: 'Create a programme',
    access: { kind: 'permission', permission: 'programmes.manage', records: 'organization' },
    body: ProgrammeInput,
    response: ProgrammeView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      const [created] = await uniqueName(req.lang, () =>
        tx
          .insert(programmes)
          .values({ ...body, budget: money(body.budget), requiredConsents: requiredConsentsOf(body.requiredConsents), orgId: actor.orgId })
          .returning(columns),
      );
      const view = toView(created!);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'programme',
        recordId: view.id,
        details: { fields: filledFields(view) },
      });
      return view;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/programmes/:id',
    tag: TAG,
    summary: 'Edit a programme (stale versions are refused with 409)',
    access: { kind: 'permission', permission: 'programmes.manage', records: 'organization' },
    params: IdParams,
    body: ProgrammeUpdateInput,
    response: ProgrammeView,
    handler: async ({ tx, audit, body, params, req }) => {
      const [row] = await tx.select(columns).from(programmes).where(eq(programmes.id, params.id));
      if (!row) throw notFound();
      const { version, ...values } = body;
      const [updated] = await uniqueName(req.lang, () =>
        tx
          .update(programmes)
          .set({
            ...values,
            budget: money(values.budget),
            requiredConsents: requiredConsentsOf(values.requiredConsents),
            version: sql`${programmes.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(and(eq(programmes.id, params.id), eq(programmes.version, version)))
          .returning(columns),
      );
      if (!updated) throw conflict();
      const after = toView(updated);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'programme',
        recordId: params.id,
        details: { fields: changes(toView(row), after) },
      });
      return after;
    },
  });
}
