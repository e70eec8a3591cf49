// The partner directory: organisations with their contact people and cooperation agreements.
// The directory belongs to the whole organisation (no branch): holders of partners.read see it,
// partners.manage keep it. Contact data is personal data — a partner's card (phones, e-mail,
// contact people) is read with partners.read only and each reading is audited by id.
import { sql, type SQL } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  AgreementInput,
  AgreementUpdateInput,
  AgreementView,
  ContactInput,
  ContactUpdateInput,
  ContactView,
  PartnerFacets,
  PartnerInput,
  PartnerList,
  PartnerListQuery,
  PartnerOptions,
  PartnerOptionsQuery,
  PartnerUpdateInput,
  PartnerView,
  type PartnerSummary,
} from '../../domain/partners/contracts.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { auditCode, changes, filledFields, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import { conflict, invalidField, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';

const TAG = 'partners';
type Row = Record<string, unknown>;
const read = { kind: 'permission', permission: 'partners.read', records: 'organization' } as const;
const manage = { kind: 'permission', permission: 'partners.manage', records: 'organization' } as const;

const day = (value: unknown): string => (value instanceof Date ? value.toISOString().slice(0, 10) : String(value).slice(0, 10));
const dayOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : day(value));
const textArray = (value: unknown): string[] => {
  if (Array.isArray(value)) return value as string[];
  // Some drivers hand a text[] back as its literal ({a,"b c"}).
  if (typeof value === 'string' && value.startsWith('{')) {
    const inner = value.slice(1, -1);
    if (!inner) return [];
    return [...inner.matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) => (m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!));
  }
  return [];
};
const textArrayParam = (values: readonly string[]): SQL =>
  values.length === 0
    ? sql`'{}'::text[]`
    : sql`array[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`;

/** Lower case, ё as е, and LIKE's own characters escaped: a typed word as a fragment of search_text. */
export function searchFragment(word: string): string {
  return word
    .toLowerCase()
    .replaceAll('ё', 'е')
    .replace(/[\\%_]/g, (c) => `\\${c}`);
}
/**
 * A partner whose search_text holds the typed word as a fragment: through the directory's words
 * (migration 0036), the same partners as `search_text like '%fragment%'` without reading them all; as
 * an array, so that the matches are fetched by their key rather than the directory scanned for them.
 */
export const partnerHasFragment = (word: string): SQL =>
  sql`p.id = any(array(select hearth_partners_matching(${`%${searchFragment(word)}%`})))`;
/** A specialist whose name holds the typed word as a fragment, through the directory's words. */
export const specialistHasFragment = (word: string): SQL =>
  sql`s.id = any(array(select hearth_specialists_matching(${`%${searchFragment(word)}%`})))`;
export const searchWords = (q: string | undefined): string[] =>
  (q ?? '')
    .split(/\s+/)
    .map((w) => w.trim())
    .filter(Boolean)
    .slice(0, 8);

/** An agreement in force on a day. */
const activeAgreementOn = (dayParam: string, alias = 'a') =>
  sql`${sql.raw(alias)}.valid_from <= ${dayParam}::date and (${sql.raw(alias)}.valid_to is null or ${sql.raw(alias)}.valid_to >= ${dayParam}::date)`;

function toSummary(row: Row): PartnerSummary {
  return {
    id: row.id as string,
    kind: row.kind as PartnerSummary['kind'],
    name: row.name as string,
    region: row.region as string,
    city: row.city as string,
    district: row.district as string,
    services: row.services as string,
    tags: textArray(row.tags),
    active: row.active as boolean,
    hasActiveAgreement: Boolean(row.has_active_agreement),
  };
}

function toContact(row: Row): ContactView {
  return {
    id: row.id as string,
    partnerId: row.partner_id as string,
    name: row.name as string,
    position: row.position as string,
    phone: row.phone as string,
    email: row.email as string,
    active: row.active as boolean,
    version: Number(row.version),
  };
}

function toAgreement(row: Row, today: string): AgreementView {
  const validTo = dayOrNull(row.valid_to);
  const validFrom = day(row.valid_from);
  return {
    id: row.id as string,
    partnerId: row.partner_id as string,
    number: row.number as string,
    signedOn: day(row.signed_on),
    validFrom,
    validTo,
    subject: row.subject as string,
    active: validFrom <= today && (validTo === null || validTo >= today),
    version: Number(row.version),
  };
}

export async function getPartner(tx: Tx, id: string, today: string): Promise<PartnerView> {
  const row = (
    await tx.execute<Row>(sql`select p.*, exists (select 1 from partner_agreements a where a.partner_id = p.id and ${activeAgreementOn(today)}) as has_active_agreement
      from partners p where p.id = ${id}`)
  ).rows[0];
  if (!row) throw notFound();
  const contacts = await tx.execute<Row>(sql`select * from partner_contacts where partner_id = ${id} order by active desc, name`);
  const agreements = await tx.execute<Row>(sql`select * from partner_agreements where partner_id = ${id} order by valid_from desc, number`);
  return {
    ...toSummary(row),
    address: row.address as string,
    phones: textArray(row.phones),
    email: row.email as string,
    website: row.website as string,
    audience: row.audience as string,
    note: row.note as string,
    contacts: contacts.rows.map(toContact),
    agreements: agreements.rows.map((a) => toAgreement(a, today)),
    version: Number(row.version),
  };
}

/** A partner named in a request's field (a referral's source, a specialist's organisation): 400 when unknown. */
export async function assertPartnerReference(tx: Tx, partnerId: string, field: string, lang: Language): Promise<void> {
  const found = await tx.execute(sql`select 1 from partners where id = ${partnerId}`);
  if (found.rows.length === 0) throw invalidField(field, 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
}

/** A contact person of the partner named beside it: 400 on the contact's field otherwise. */
export async function assertContactOf(tx: Tx, partnerId: string | null, contactId: string, field: string, lang: Language): Promise<void> {
  const found = partnerId
    ? await tx.execute(sql`select 1 from partner_contacts where id = ${contactId} and partner_id = ${partnerId}`)
    : { rows: [] };
  if (found.rows.length === 0) throw invalidField(field, 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
}

const todayOf = (now: Date) => now.toISOString().slice(0, 10);

function partnerValues(body: z.infer<typeof PartnerInput>) {
  return sql`kind = ${body.kind}, name = ${body.name}, region = ${body.region}, city = ${body.city}, district = ${body.district},
    address = ${body.address}, phones = ${textArrayParam(body.phones)}, email = ${body.email}, website = ${body.website},
    services = ${body.services}, audience = ${body.audience}, tags = ${textArrayParam([...new Set(body.tags)])}, note = ${body.note}`;
}

/** A page of the directory with its filters (the list and its exports read the same rows). */
export async function partnerList(tx: Tx, query: PartnerListQuery, today: string): Promise<{ items: PartnerSummary[]; total: number }> {
  const where: SQL[] = [sql`true`];
  for (const word of searchWords(query.q)) where.push(partnerHasFragment(word));
  if (query.kind) where.push(sql`p.kind = ${query.kind}`);
  if (query.region) where.push(sql`p.region = ${query.region}`);
  if (query.city) where.push(sql`p.city = ${query.city}`);
  if (query.tag) where.push(sql`p.tags @> ${textArrayParam([query.tag])}`);
  if (query.active !== 'all') where.push(sql`p.active = ${query.active === 'true'}`);
  const condition = sql.join(where, sql` and `);
  const rows = await tx.execute<Row>(sql`
    select p.id, p.kind, p.name, p.region, p.city, p.district, p.services, p.tags, p.active,
      exists (select 1 from partner_agreements a where a.org_id = p.org_id and a.partner_id = p.id and ${activeAgreementOn(today)}) as has_active_agreement
    from partners p where ${condition}
    order by p.name, p.id limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`);
  const total = await tx.execute<{ n: number }>(sql`select count(*)::int as n from partners p where ${condition}`);
  return { items: rows.rows.map(toSummary), total: Number(total.rows[0]?.n ?? 0) };
}

export function registerPartnerDirectoryRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/partners',
    tag: TAG,
    summary: 'The partner directory: search by words of the name, services, tags or place; filter by kind, region, city, tag',
    access: read,
    query: PartnerListQuery,
    response: PartnerList,
    handler: async ({ tx, query, deps }) => partnerList(tx, query, todayOf(deps.now())),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/partners/facets',
    tag: TAG,
    summary: 'Regions, cities and tags of the directory, for its filters',
    access: read,
    response: PartnerFacets,
    handler: async ({ tx }) => {
      const places = await tx.execute<{ region: string; city: string }>(
        sql`select distinct region, city from partners where active order by region, city`,
      );
      const tags = await tx.execute<{ tag: string }>(sql`select distinct unnest(tags) as tag from partners where active order by 1`);
      return {
        regions: [...new Set(places.rows.map((r) => r.region).filter(Boolean))],
        cities: places.rows.filter((r) => r.city),
        tags: tags.rows.map((r) => r.tag),
      };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/partners/options',
    tag: TAG,
    summary: 'Active partners with their active contact people, for the referral and signposting forms',
    access: read,
    query: PartnerOptionsQuery,
    response: PartnerOptions,
    handler: async ({ tx, query }) => {
      const where: SQL[] = [sql`p.active`];
      for (const word of searchWords(query.q)) where.push(partnerHasFragment(word));
      const rows = await tx.execute<Row>(sql`select p.id, p.kind, p.name, p.city from partners p
        where ${sql.join(where, sql` and `)} order by p.name limit 500`);
      const ids = rows.rows.map((r) => r.id as string);
      const contacts = ids.length
        ? await tx.execute<Row>(
            sql`select id, partner_id, name, position from partner_contacts where active and partner_id in ${ids} order by name`,
          )
        : { rows: [] as Row[] };
      return {
        items: rows.rows.map((r) => ({
          id: r.id as string,
          kind: r.kind as PartnerSummary['kind'],
          name: r.name as string,
          city: r.city as string,
          contacts: contacts.rows
            .filter((c) => c.partner_id === r.id)
            .map((c) => ({ id: c.id as string, name: c.name as string, position: c.position as string })),
        })),
      };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/partners',
    tag: TAG,
    summary: 'Add a partner organisation to the directory',
    access: manage,
    body: PartnerInput,
    response: PartnerView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, body, deps }) => {
      const row = (
        await tx.execute<{
          id: string;
        }>(sql`insert into partners (org_id, kind, name, created_by) values (${actor.orgId}, ${body.kind}, ${body.name}, ${actor.userId})
          returning id::text`)
      ).rows[0]!;
      await tx.execute(sql`update partners set ${partnerValues(body)} where id = ${row.id}`);
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'partner',
        recordId: row.id,
        details: { kind: auditCode(body.kind), fields: filledFields(body) },
      });
      return getPartner(tx, row.id, todayOf(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/partners/:id',
    tag: TAG,
    summary: "A partner's card: address, phones, contact people, agreements (contact data: the reading is audited)",
    access: read,
    params: IdParams,
    response: PartnerView,
    handler: async ({ tx, audit, params, deps }) => {
      const view = await getPartner(tx, params.id, todayOf(deps.now()));
      await writeAudit(tx, audit, { action: 'read', recordType: 'partner', recordId: params.id });
      return view;
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/partners/:id',
    tag: TAG,
    summary: 'Change a partner organisation (or mark it inactive)',
    access: manage,
    params: IdParams,
    body: PartnerUpdateInput,
    response: PartnerView,
    handler: async ({ tx, audit, params, body, deps }) => {
      const today = todayOf(deps.now());
      const before = await getPartner(tx, params.id, today);
      const updated = await tx.execute(sql`update partners set ${partnerValues(body)}, active = ${body.active},
        version = version + 1, updated_at = now() where id = ${params.id} and version = ${body.version} returning id`);
      if (updated.rows.length === 0) throw conflict();
      const after = await getPartner(tx, params.id, today);
      const card = ({ contacts, agreements, ...rest }: PartnerView) => (void contacts, void agreements, rest);
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'partner',
        recordId: params.id,
        details: { fields: changes(card(before), card(after)) },
      });
      return after;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/partners/:id/contacts',
    tag: TAG,
    summary: 'Add a contact person to a partner organisation',
    access: manage,
    params: IdParams,
    body: ContactInput,
    response: ContactView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body }) => {
      const found = await tx.execute(sql`select 1 from partners where id = ${params.id}`);
      if (found.rows.length === 0) throw notFound();
      const row = (
        await tx.execute<Row>(sql`insert into partner_contacts (org_id, partner_id, name, position, phone, email)
          values (${actor.orgId}, ${params.id}, ${body.name}, ${body.position}, ${body.phone}, ${body.email}) returning *`)
      ).rows[0]!;
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'partner_contact',
        recordId: row.id as string,
        details: { partnerId: auditCode(params.id), fields: filledFields(body) },
      });
      return toContact(row);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/partner-contacts/:id',
    tag: TAG,
    summary: 'Change a contact person (or mark them as no longer there)',
    access: manage,
    params: IdParams,
    body: ContactUpdateInput,
    response: ContactView,
    handler: async ({ tx, audit, params, body }) => {
      const before = (await tx.execute<Row>(sql`select * from partner_contacts where id = ${params.id}`)).rows[0];
      if (!before) throw notFound();
      const row = (
        await tx.execute<Row>(sql`update partner_contacts set name = ${body.name}, position = ${body.position}, phone = ${body.phone},
          email = ${body.email}, active = ${body.active}, version = version + 1 where id = ${params.id} and version = ${body.version} returning *`)
      ).rows[0];
      if (!row) throw conflict();
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'partner_contact',
        recordId: params.id,
        details: { fields: changes(toContact(before), toContact(row)) },
      });
      return toContact(row);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/partners/:id/agreements',
    tag: TAG,
    summary: 'Record a cooperation agreement with a partner (number, signed on, term from – to)',
    access: manage,
    params: IdParams,
    body: AgreementInput,
    response: AgreementView,
    status: 201,
    idempotent: true,
    handler: async ({ tx, actor, audit, params, body, deps }) => {
      const found = await tx.execute(sql`select 1 from partners where id = ${params.id}`);
      if (found.rows.length === 0) throw notFound();
      const row = (
        await tx.execute<Row>(sql`insert into partner_agreements (org_id, partner_id, number, signed_on, valid_from, valid_to, subject, created_by)
          values (${actor.orgId}, ${params.id}, ${body.number}, ${body.signedOn}, ${body.validFrom}, ${body.validTo}, ${body.subject}, ${actor.userId})
          returning *`)
      ).rows[0]!;
      await writeAudit(tx, audit, {
        action: 'create',
        recordType: 'partner_agreement',
        recordId: row.id as string,
        details: { partnerId: auditCode(params.id), fields: filledFields(body) },
      });
      return toAgreement(row, todayOf(deps.now()));
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/partner-agreements/:id',
    tag: TAG,
    summary: 'Change a cooperation agreement (its term, number or subject)',
    access: manage,
    params: IdParams,
    body: AgreementUpdateInput,
    response: AgreementView,
    handler: async ({ tx, audit, params, body, deps }) => {
      const today = todayOf(deps.now());
      const before = (await tx.execute<Row>(sql`select * from partner_agreements where id = ${params.id}`)).rows[0];
      if (!before) throw notFound();
      const row = (
        await tx.execute<Row>(sql`update partner_agreements set number = ${body.number}, signed_on = ${body.signedOn}, valid_from = ${body.validFrom},
          valid_to = ${body.validTo}, subject = ${body.subject}, version = version + 1 where id = ${params.id} and version = ${body.version} returning *`)
      ).rows[0];
      if (!row) throw conflict();
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'partner_agreement',
        recordId: params.id,
        details: { fields: changes(toAgreement(before, today), toAgreement(row, today)) },
      });
      return toAgreement(row, today);
    },
  });
}
