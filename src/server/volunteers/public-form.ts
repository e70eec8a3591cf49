// The public volunteer application form of an organisation (no log-in): /apply/volunteer/<address>
// in the web app, these two routes behind it. It accepts only what it asks for (a strict schema with
// length limits; anything else is a 400), keeps the consent text as shown with its date, and defends
// itself without touching the database for what it refuses:
//   - a hidden honeypot field a person never fills: a bot that fills it is told "thank you" and
//     nothing is written;
//   - a signed form token from when the form was opened: a submission sooner than a person can
//     type (MIN_FILL_MS) or with a forged or stale token is a 400 on formToken;
//   - per address: at most PER_ADDRESS submissions in WINDOW_MS (in memory, checked first, so a
//     flood is refused with 429 before any query), and per organisation at most PER_FORM_HOUR new
//     applications an hour (a distributed flood fills the coordinator's list no further).
// Applications wait for the coordinator: nothing from them is readable without volunteers.read.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { PublicApplicationInput, PublicForm, SlugParams } from '../../domain/volunteers/contracts.js';
import { auditCode, writeAudit } from '../audit/audit.js';
import type { Engine } from '../db/engine.js';
import { scoped, system } from '../db/gateway.js';
import { notFound, rateLimited } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { field, todayOf, type Row } from './common.js';

export const PUBLIC_FORM_LIMITS = {
  /** Faster than this from opening the form to sending it is not a person typing. */
  minFillMs: 3_000,
  /** A form left open longer must be reloaded. */
  maxFormAgeMs: 24 * 3_600_000,
  perAddress: 5,
  windowMs: 10 * 60_000,
  perFormHour: 60,
  /** Addresses remembered at most (a flood from many addresses cannot grow the memory without end). */
  maxAddresses: 50_000,
};

// Signs form tokens. Per process: a restart only asks the few people with a form open to reload it.
const KEY = crypto.randomBytes(32);
const sign = (slug: string, issued: number) => crypto.createHmac('sha256', KEY).update(`${slug}:${issued}`).digest('base64url');
export const formToken = (slug: string, issued: number) => `${issued}.${sign(slug, issued)}`;

function tokenAge(token: string, slug: string, now: number): number | null {
  const [issuedText, signature] = token.split('.');
  const issued = Number(issuedText);
  if (!Number.isSafeInteger(issued) || !signature) return null;
  const expected = Buffer.from(sign(slug, issued));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return now - issued;
}

/** Submissions per address in the current window, in memory. */
const attempts = new Map<string, { count: number; since: number }>();

/** Counts an attempt from `ip`; false when the address is over its limit. */
export function countAttempt(ip: string, now: number): boolean {
  const { perAddress, windowMs, maxAddresses } = PUBLIC_FORM_LIMITS;
  let entry = attempts.get(ip);
  if (!entry || now - entry.since >= windowMs) {
    if (!entry && attempts.size >= maxAddresses) {
      for (const [key, value] of attempts) if (now - value.since >= windowMs) attempts.delete(key);
      // Still full: a flood from very many addresses; refuse newcomers until the window passes.
      if (attempts.size >= maxAddresses) return false;
    }
    entry = { count: 0, since: now };
    attempts.set(ip, entry);
  }
  entry.count += 1;
  return entry.count <= perAddress;
}

/** For tests: forget the counted addresses. */
export const resetPublicFormThrottle = () => attempts.clear();

async function formOrg(engine: Engine, slug: string): Promise<string> {
  const orgId = await system(engine, async (tx) => {
    const rows = await tx.execute<{ org: string | null }>(sql`select hearth_volunteer_form_org(${slug})::text as org`);
    return rows.rows[0]?.org ?? null;
  });
  if (!orgId) throw notFound();
  return orgId;
}

export function registerPublicFormRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/public/volunteer-form/:slug',
    tag: 'volunteers',
    summary: 'The public volunteer application form of an organisation: its branches (cities) and the consent text (no log-in)',
    access: { kind: 'public' },
    params: SlugParams,
    response: PublicForm,
    handler: async ({ params, deps }) => {
      const orgId = await formOrg(deps.engine, params.slug);
      return scoped(deps.engine, { orgId, userId: '' }, async (tx) => {
        const org = (await tx.execute<Row>(sql`select o.name, s.consent_text from organizations o, volunteer_settings s`)).rows[0]!;
        const branches = await tx.execute<Row>(sql`select id::text, name, city from branches where active order by city, name`);
        return {
          organization: org.name as string,
          consentText: org.consent_text as string,
          branches: branches.rows.map((b) => ({ id: b.id as string, name: b.name as string, city: b.city as string })),
          formToken: formToken(params.slug, deps.now().getTime()),
        };
      });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/public/volunteer-form/:slug',
    tag: 'volunteers',
    summary: 'Send a volunteer application through the public form (no log-in; throttled per address; the consent is kept)',
    access: { kind: 'public' },
    params: SlugParams,
    body: PublicApplicationInput,
    response: z.object({ ok: z.literal(true) }),
    status: 201,
    handler: async ({ params, body, req, deps }) => {
      const now = deps.now().getTime();
      if (!countAttempt(req.ip, now)) throw rateLimited('volunteers.errors.too_many');
      // A filled honeypot: thanked, not written (a bot learns nothing to adapt to).
      if (body.website !== '') return { ok: true as const };
      const age = tokenAge(body.formToken, params.slug, now);
      if (age === null || age > PUBLIC_FORM_LIMITS.maxFormAgeMs) throw field(req.lang, 'formToken', 'volunteers.errors.form_expired');
      if (age < PUBLIC_FORM_LIMITS.minFillMs) throw field(req.lang, 'formToken', 'volunteers.errors.too_fast');
      const orgId = await formOrg(deps.engine, params.slug);
      const today = todayOf(deps.now());
      await scoped(deps.engine, { orgId, userId: '' }, async (tx) => {
        // Applications of one form take turns here, so the hourly cap holds under a parallel flood.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`volunteer_form:${orgId}`}))`);
        const recent = await tx.execute<{ n: number }>(sql`select count(*)::int as n from volunteers
          where source = 'public_form' and created_at > ${new Date(now - 3_600_000).toISOString()}::timestamptz`);
        if (Number(recent.rows[0]!.n) >= PUBLIC_FORM_LIMITS.perFormHour) throw rateLimited('volunteers.errors.too_many');
        const branch = (await tx.execute<Row>(sql`select city from branches where id = ${body.branchId} and active`)).rows[0];
        if (!branch) throw field(req.lang, 'branchId', 'validation.invalid_option');
        const settings = (await tx.execute<Row>(sql`select consent_text from volunteer_settings`)).rows[0]!;
        const id = (
          await tx.execute<{ id: string }>(sql`insert into volunteers (org_id, branch_id, last_name, first_name, middle_name, phone, email,
            city, skills, availability, heard_from, source, applied_on, status_on, consent_text, consent_on)
          values (${orgId}, ${body.branchId}, ${body.lastName}, ${body.firstName}, ${body.middleName}, ${body.phone}, ${body.email},
            ${branch.city as string}, ${body.skills}, ${body.availability}, ${body.heardFrom}, 'public_form', ${today}, ${today},
            ${settings.consent_text as string}, ${today}) returning id::text`)
        ).rows[0]!.id;
        await tx.execute(sql`insert into volunteer_status_changes (org_id, volunteer_id, from_status, to_status, changed_on)
          values (${orgId}, ${id}, null, 'applicant', ${today})`);
        await writeAudit(
          tx,
          { orgId, userId: null, ip: req.ip, requestId: req.id },
          { action: 'create', recordType: 'volunteer', recordId: id, details: { source: auditCode('public_form'), consent: true } },
        );
      });
      return { ok: true as const };
    },
  });
}
