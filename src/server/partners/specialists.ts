// External specialists: psychologists, defectologists, speech therapists, guardianship inspectors…
// from partner organisations (or none), kept as professional contacts with the day they agreed to
// be registered. Their phones and e-mails are personal data: read with partners.read only, every
// reading audited by ids. A specialist who looks already registered (same surname and name with
// the same phone or e-mail) is a hint to the person adding, never a refusal — namesakes exist.
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  SpecialistCreated,
  SpecialistDuplicates,
  SpecialistDuplicatesQuery,
  SpecialistInput,
  SpecialistList,
  SpecialistListQuery,
  SpecialistUpdateInput,
  SpecialistView,
} from '../../domain/partners/contracts.js';
import { auditCode, auditCodes, changes, filledFields, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { assertPartnerReference, searchWords, specialistHasFragment } from './directory.js';

const TAG = 'partners';
type Row = Record<string, unknown>;
const read = { kind: 'permission', permission: 'partners.read', records: 'organization' } as const;
const manage = { kind: 'permission', permission: 'partners.manage', records: 'organization' } as const;
type Duplicate = z.infer<typeof SpecialistDuplicates>['items'][number];

const day = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));

function toView(row: Row): SpecialistView {
  return {
    id: row.id as string,
    partnerId: (row.partner_id as string | null) ?? null,
    partnerName: (row.partner_name as string | null) ?? null,
    lastName: row.last_name as string,
    firstName: row.first_name as string,
    middleName: row.middle_name as string,
    profession: row.profession as SpecialistView['profession'],
    position: row.position as string,
    region: row.region as string,
    city: row.city as string,
    phone: row.phone as string,
    email: row.email as string,
    consentOn: day(row.consent_on),
    note: row.note as string,
    active: row.active as boolean,
    version: Number(row.version),
  };
}

const SELECT = sql`select s.*, p.name as partner_name from external_specialists s left join partners p on p.org_id = s.org_id and p.id = s.partner_id`;

async function getSpecialist(tx: Tx, id: string): Promise<SpecialistView> {
  const row = (await tx.execute<Row>(sql`${SELECT} where s.id = ${id}`)).rows[0];
  if (!row) throw notFound();
  return toView(row);
}

/** The last ten digits of a phone: +7 900 … and 8 900 … are one number. */
export const phoneKey = (phone: string): string => phone.replace(/\D/g, '').slice(-10);

/** Registered specialists with the same surname and name and the same phone or e-mail. */
export async function findSpecialistDuplicates(
  tx: Tx,
  person: { lastName: string; firstName: string; phone?: string; email?: string; excludeId?: string },
): Promise<Duplicate[]> {
  const phone = phoneKey(person.phone ?? '');
  const email = (person.email ?? '').trim().toLowerCase();
  if (phone.length < 5 && !email) return [];
  const rows = await tx.execute<Row>(sql`
    select s.id, s.last_name, s.first_name, s.middle_name, s.profession, s.city, s.phone_digits, lower(s.email) as email
    from external_specialists s
    where lower(s.last_name) = lower(${person.lastName.trim()}) and lower(s.first_name) = lower(${person.firstName.trim()})
      ${person.excludeId ? sql`and s.id <> ${person.excludeId}` : sql``}
    limit 20`);
  const result: Duplicate[] = [];
  for (const row of rows.rows) {
    const reasons: Duplicate['reasons'] = [];
    if (phone.length >= 5 && String(row.phone_digits).slice(-10) === phone) reasons.push('phone');
    if (email && row.email === email) reasons.push('email');
    if (reasons.length)
      result.push({
        id: row.id as string,
        name: [row.last_name, row.first_name, row.middle_name].filter(Boolean).join(' '),
        profession: row.profession as Duplicate['profession'],
        city: row.city as string,
        reasons,
      });
  }
  return result;
}

export function registerSpecialistRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/specialists',
    tag: TAG,
    summary: 'External specialists: search by name or phone, filter by profession, region, city, organisation (the reading is audited)',
    access: read,
    query: SpecialistListQuery,
    response: SpecialistList,
    handler: async ({ tx, audit, query, req }) => {
      // Another organisation's (or an unknown) partner is refused by its field, not answered empty.
      if (query.partnerId) await assertPartnerReference(tx, query.partnerId, 'partnerId', req.lang);
      const where: SQL[] = [sql`true`];
      for (const word of searchWords(query.q)) {
        const digits = word.replace(/\D/g, '');
        where.push(
          digits.length >= 3 && digits.length === word.replace(/[\s+()-]/g, '').length
            ? sql`s.phone_digits like ${`%${digits}%`}`
            : specialistHasFragment(word),
        );
      }
      if (query.profession) where.push(sql`s.profession = ${query.profession}`);
      if (query.region) where.push(sql`s.region = ${query.region}`);
      if (query.city) where.push(sql`s.city = ${query.city}`);
      if (query.partnerId) where.push(sql`s.partner_id = ${query.partnerId}`);
      if (query.active !== 'all') where.push(sql`s.active = ${query.active === 'true'}`);
      const condition = sql.join(where, sql` and `);
      const rows = await tx.execute<Row>(sql`${SELECT} where ${condition}
        order by s.last_name, s.first_name, s.id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
      const total = await tx.execute<{ n: number }>(sql`select count(*)::int as n from external_specialists s where ${condition}`);
      // Phones and e-mails were shown: which records, by id.
      if (rows.rows.length)
        await writeAudit(tx, audit, {
          action: 'read',
          recordType: 'external_specialist',
          details: { ids: auditCodes(rows.rows.map((r) => r.id as string)) },
        });
      return { items: rows.rows.map(toView), total: Number(total.rows[0]?.n ?? 0) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/specialists/duplicates',
    tag: TAG,
    summary: 'Specialists already registered who look like the one being added (same surname and name with the same phone or e-mail)',
    access: read,
    query: SpecialistDuplicatesQuery,
    response: SpecialistDuplicates,
    handler: async ({ tx, query }) => ({ items: await findSpecialistDuplicates(tx, query) }),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/specialists',
    tag: TAG,
    summary: 'Register an external specialist with the day of their consent; possible duplicates come back as a hint',
    access: manage,
    body: SpecialistInput,
    response: SpecialistCreated,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, req }) => {
      if (body.partnerId) await assertPartnerReference(tx, body.partnerId, 'partnerId', req.lang);
      const possibleDuplicates = await findSpecialistDuplicates(tx, body);
      const row = (
        await tx.execute<{
          id: string;
        }>(sql`insert into external_specialists (org_id, partner_id, last_name, first_name, middle_name, profession,
          position, region, city, phone, email, consent_on, note, created_by)
          values (${actor.orgId}, ${body.partnerId}, ${body.lastName}, ${body.firstName}, ${body.middleName}, ${body.profession},
            ${body.position}, ${body.region}, ${body.city}, ${body.phone}, ${body.email}, ${body.consentOn}, ${body.note}, ${actor.userId})
          returning id::text`)
      ).rows[0]!;
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'external_specialist',
        recordId: row.id,
        details: {
          profession: auditCode(body.profession),
          fields: filledFields(body),
          possibleDuplicates: auditCodes(possibleDuplicates.map((d) => d.id)),
        },
      });
      return { ...(await getSpecialist(tx, row.id)), possibleDuplicates };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/specialists/:id',
    tag: TAG,
    summary: 'One external specialist with their contacts (the reading is audited)',
    access: read,
    params: IdParams,
    response: SpecialistView,
    handler: async ({ tx, audit, params }) => {
      const view = await getSpecialist(tx, params.id);
      await writeAudit(tx, audit, { action: 'read', recordType: 'external_specialist', recordId: params.id });
      return view;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/specialists/:id',
    tag: TAG,
    summary: 'Change an external specialist (or mark them inactive)',
    access: manage,
    params: IdParams,
    body: SpecialistUpdateInput,
    response: SpecialistView,
    handler: async ({ tx, audit, params, body, req }) => {
      const before = await getSpecialist(tx, params.id);
      if (body.partnerId) await assertPartnerReference(tx, body.partnerId, 'partnerId', req.lang);
      const updated = await tx.execute(sql`update external_specialists set partner_id = ${body.partnerId}, last_name = ${body.lastName},
        first_name = ${body.firstName}, middle_name = ${body.middleName}, profession = ${body.profession}, position = ${body.position},
        region = ${body.region}, city = ${body.city}, phone = ${body.phone}, email = ${body.email}, consent_on = ${body.consentOn},
        note = ${body.note}, active = ${body.active}, version = version + 1, updated_at = now()
        where id = ${params.id} and version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      const after = await getSpecialist(tx, params.id);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'external_specialist',
        recordId: params.id,
        details: { fields: changes(before, after) },
      });
      return after;
    },
  });
}
