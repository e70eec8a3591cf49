// The service catalogue: types of help as data, in Russian and English. A type in use is retired,
// never deleted, so history keeps its name.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { ServiceTypeInput, ServiceTypeUpdateInput, ServiceTypeView } from '../../domain/services/contracts.js';
import { SHIPPED_SERVICE_TYPES } from '../../domain/services/shipped.js';
import { translate } from '../../domain/i18n/index.js';
import { auditCode, changes, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { pgErrorCode, UNIQUE_VIOLATION } from '../db/errors.js';
import { conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';

type Row = Record<string, unknown>;
const parse = <T>(v: unknown) => (typeof v === 'string' ? JSON.parse(v) : v) as T;

const SELECT = sql`select t.*, exists (select 1 from services s where s.type_id = t.id) as in_use from service_types t`;

function toView(row: Row): ServiceTypeView {
  return {
    id: row.id as string,
    code: row.code as string,
    name: parse(row.name),
    category: row.category as ServiceTypeView['category'],
    unit: row.unit as ServiceTypeView['unit'],
    retired: row.retired as boolean,
    inUse: Boolean(row.in_use),
    version: Number(row.version),
  };
}

export async function installShippedServiceTypes(tx: Tx, orgId: string): Promise<void> {
  for (const type of SHIPPED_SERVICE_TYPES) {
    await tx.execute(sql`insert into service_types (org_id, code, name, category, unit)
      values (${orgId}, ${type.code}, ${JSON.stringify(type.name)}::jsonb, ${type.category}, ${type.unit})`);
  }
}

export function registerCatalogueRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/service-types',
    tag: 'services',
    summary: 'The service catalogue (retired types included, flagged)',
    access: { kind: 'signed_in', records: 'organization' },
    response: z.object({ items: z.array(ServiceTypeView) }),
    handler: async ({ tx }) => ({ items: (await tx.execute<Row>(sql`${SELECT} order by t.retired, t.category, t.code`)).rows.map(toView) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/service-types',
    tag: 'services',
    summary: 'Add a type of service to the catalogue',
    access: { kind: 'permission', permission: 'services.catalogue', records: 'organization' },
    body: ServiceTypeInput,
    response: ServiceTypeView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      try {
        const rows = await tx.execute<{ id: string }>(sql`insert into service_types (org_id, code, name, category, unit)
          values (${actor.orgId}, ${body.code}, ${JSON.stringify(body.name)}::jsonb, ${body.category}, ${body.unit}) returning id::text`);
        const view = toView((await tx.execute<Row>(sql`${SELECT} where t.id = ${rows.rows[0]!.id}`)).rows[0]!);
        await writeAudit(tx, audit, {
          action: 'create',
          recordType: 'service_type',
          recordId: view.id,
          details: { code: auditCode(view.code) },
        });
        return view;
      } catch (error) {
        if (pgErrorCode(error) === UNIQUE_VIOLATION)
          throw invalidField('code', 'validation.duplicate_code', translate(req.lang, 'validation.duplicate_code'));
        throw error;
      }
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/service-types/:id',
    tag: 'services',
    summary: 'Rename, recategorise, retire or restore a type (409 on a stale version)',
    access: { kind: 'permission', permission: 'services.catalogue', records: 'organization' },
    params: IdParams,
    body: ServiceTypeUpdateInput,
    response: ServiceTypeView,
    handler: async ({ tx, audit, params, body }) => {
      const before = (await tx.execute<Row>(sql`${SELECT} where t.id = ${params.id}`)).rows[0];
      if (!before) throw notFound();
      const updated =
        await tx.execute(sql`update service_types set name = ${JSON.stringify(body.name)}::jsonb, category = ${body.category}, unit = ${body.unit},
        retired = ${body.retired}, version = version + 1 where id = ${params.id} and version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      const after = toView((await tx.execute<Row>(sql`${SELECT} where t.id = ${params.id}`)).rows[0]!);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'service_type',
        recordId: params.id,
        details: { fields: changes(toView(before), after) },
      });
      return after;
    },
  });
}
