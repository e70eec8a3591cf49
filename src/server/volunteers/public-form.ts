// The public volunteer application form of an organisation (no log-in): /apply/volunteer/<address>
// in the web app, these two routes behind it. It accepts only what it asks for (a strict schema with
// length limits; anything else is a 400), keeps the consent text as shown with its date, and defends
// itself:
//   - a hidden honeypot field a person never fills: a bot that fills it is told "thank you" and
//     nothing is written;
//   - a signed form token from when the form was opened: a submission sooner than a person can
//     type (MIN_FILL_MS) or with a forged or stale token is a 400 on formToken;
//   - per address: at most PER_ADDRESS submissions in WINDOW_MS, counted in the database
//     (public_form_throttle, migration 0047) so every server process shares one count and a restart
//     forgets nothing; the address is kept only as a keyed hash. An address found over its limit is
//     also remembered by the process until its window ends, so the rest of a flood is refused with
//     429 before any query;
//   - per organisation at most PER_FORM_HOUR new applications an hour (a distributed flood fills the
//     coordinator's list no further).
// Applications wait for the coordinator: nothing from them is readable without volunteers.read.
import crypto from 'node:crypto';
import net from 'node:net';
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
  /** Addresses over their limit a process remembers at most (a flood from many addresses cannot grow its memory without end). */
  maxBlocked: 50_000,
  /** How often a process deletes the stale rows of the throttle table. */
  cleanupEveryMs: 60_000,
};

/**
 * The key a client address is counted under: an IPv4 address as itself (an IPv4-mapped IPv6 one
 * too), an IPv6 address by its /64 — one subscriber is given a whole /64 and could otherwise take a
 * new address for every submission.
 */
export function addressKey(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!net.isIPv6(ip)) return ip;
  const [head = '', tail = ''] = ip.split('%')[0]!.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = ip.includes('::') ? (tail ? tail.split(':') : []) : [];
  const groups = ip.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/** What one server process keeps of the throttle: the installation's secret once read, and the addresses it knows to be over their limit. */
interface FormGuard {
  keys?: Promise<{ address: Buffer; token: Buffer }>;
  /** Address hash (hex) → when its window ends (ms). */
  blocked: Map<string, number>;
  lastCleanup: number;
}
const guards = new Set<FormGuard>();

/** The installation's secret (made by the first process to need it), and the two keys derived from it. */
function keysOf(engine: Engine, guard: FormGuard): Promise<{ address: Buffer; token: Buffer }> {
  guard.keys ??= system(engine, async (tx) => {
    await tx.execute(sql`insert into public_form_secret (id, secret) values (1, ${crypto.randomBytes(32)}) on conflict (id) do nothing`);
    const row = (await tx.execute<{ secret: Buffer | Uint8Array }>(sql`select secret from public_form_secret where id = 1`)).rows[0]!;
    const secret = Buffer.from(row.secret.buffer, row.secret.byteOffset, row.secret.byteLength);
    const derive = (purpose: string) => crypto.createHmac('sha256', secret).update(purpose).digest();
    return { address: derive('public-form:address'), token: derive('public-form:token') };
  }).catch((error: unknown) => {
    guard.keys = undefined;
    throw error;
  });
  return guard.keys;
}

const sign = (key: Buffer, slug: string, issued: number) =>
  crypto.createHmac('sha256', key).update(`${slug}:${issued}`).digest('base64url');

function tokenAge(key: Buffer, token: string, slug: string, now: number): number | null {
  const [issuedText, signature] = token.split('.');
  const issued = Number(issuedText);
  if (!Number.isSafeInteger(issued) || !signature) return null;
  const expected = Buffer.from(sign(key, slug, issued));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) return null;
  return now - issued;
}

/**
 * Counts an attempt from `ip`; false when the address is over its limit. An address this process
 * already knows to be over is refused from memory; any other costs one upsert of one row.
 */
async function countAttempt(engine: Engine, guard: FormGuard, ip: string, now: number): Promise<boolean> {
  const { perAddress, windowMs, maxBlocked, cleanupEveryMs } = PUBLIC_FORM_LIMITS;
  const keys = await keysOf(engine, guard);
  const hash = crypto.createHmac('sha256', keys.address).update(addressKey(ip)).digest();
  const memo = hash.toString('hex');
  const until = guard.blocked.get(memo);
  if (until !== undefined) {
    if (now < until) return false;
    guard.blocked.delete(memo);
  }
  const windowStart = new Date(now - windowMs);
  const cleanup = now - guard.lastCleanup >= cleanupEveryMs;
  if (cleanup) guard.lastCleanup = now;
  const row = await system(engine, async (tx) => {
    if (cleanup) await tx.execute(sql`delete from public_form_throttle where window_started_at <= ${windowStart}`);
    // One statement, so attempts at the same moment (from any process) all count.
    const counted = await tx.execute<{ attempts: number; window_started_at: Date | string }>(sql`
      insert into public_form_throttle as t (address_hash, window_started_at, attempts) values (${hash}, ${new Date(now)}, 1)
      on conflict (address_hash) do update set
        attempts = case when t.window_started_at <= ${windowStart} then 1 else least(t.attempts + 1, 1000000) end,
        window_started_at = case when t.window_started_at <= ${windowStart} then ${new Date(now)} else t.window_started_at end
      returning attempts, window_started_at`);
    return counted.rows[0]!;
  });
  if (Number(row.attempts) <= perAddress) return true;
  if (guard.blocked.size >= maxBlocked) for (const [key, end] of guard.blocked) if (end <= now) guard.blocked.delete(key);
  // Still full (a flood from very many addresses): the database alone refuses the newcomers.
  if (guard.blocked.size < maxBlocked) guard.blocked.set(memo, new Date(row.window_started_at).getTime() + windowMs);
  return false;
}

/** For tests: forget every count, in the database and in every server process of this test run. */
export async function resetPublicFormThrottle(engine: Engine): Promise<void> {
  for (const guard of guards) guard.blocked.clear();
  await system(engine, (tx) => tx.execute(sql`delete from public_form_throttle`));
}

async function formOrg(engine: Engine, slug: string): Promise<string> {
  const orgId = await system(engine, async (tx) => {
    const rows = await tx.execute<{ org: string | null }>(sql`select hearth_volunteer_form_org(${slug})::text as org`);
    return rows.rows[0]?.org ?? null;
  });
  if (!orgId) throw notFound();
  return orgId;
}

export function registerPublicFormRoutes(app: FastifyInstance): void {
  const guard: FormGuard = { blocked: new Map(), lastCleanup: 0 };
  guards.add(guard);
  app.addHook('onClose', async () => {
    guards.delete(guard);
  });

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
      const keys = await keysOf(deps.engine, guard);
      const issued = deps.now().getTime();
      return scoped(deps.engine, { orgId, userId: '' }, async (tx) => {
        const org = (await tx.execute<Row>(sql`select o.name, s.consent_text from organizations o, volunteer_settings s`)).rows[0]!;
        const branches = await tx.execute<Row>(sql`select id::text, name, city from branches where active order by city, name`);
        return {
          organization: org.name as string,
          consentText: org.consent_text as string,
          branches: branches.rows.map((b) => ({ id: b.id as string, name: b.name as string, city: b.city as string })),
          formToken: `${issued}.${sign(keys.token, params.slug, issued)}`,
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
      if (!(await countAttempt(deps.engine, guard, req.ip, now))) throw rateLimited('volunteers.errors.too_many');
      // A filled honeypot: thanked, not written (a bot learns nothing to adapt to).
      if (body.website !== '') return { ok: true as const };
      const age = tokenAge((await keysOf(deps.engine, guard)).token, body.formToken, params.slug, now);
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
