// Declaring a route. Every route states who may call it (`access`) and which records it reaches
// (`records`); inputs and outputs are Zod schemas, which validate the request, strip anything
// undeclared from the response, and produce the OpenAPI document. A route without `access`
// cannot be written — and a test enumerates the registered routes to be sure.
//
// Authenticated handlers run inside one scoped transaction (see db/gateway.ts): a failure rolls
// back every write and its audit record together.
import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Permission } from '../../domain/access/permissions.js';
import type { FieldError } from '../../domain/errors.js';
import { fieldErrors, hostileTextIssues } from '../../domain/validation.js';
import type { Tx } from '../db/engine.js';
import { scoped } from '../db/gateway.js';
import type { AuditContext } from '../audit/audit.js';
import type { Actor, Deps } from './context.js';
import { AppError, businessRule, conflict, forbidden, unauthenticated } from './errors.js';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call: anyone (`public`), anyone signed in (`signed_in`), or holders of a permission.
 * `records` documents (and the gateway enforces) the reach: the caller's organisation, the
 * caller's own account, or — from the cases area on — the case teams the caller belongs to.
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'signed_in'; records: 'own' | 'organization'; allowPending?: boolean }
  | { kind: 'permission'; permission: Permission; records: 'organization' | 'case_team' };

export interface HandlerInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  req: FastifyRequest;
  reply: FastifyReply;
  deps: Deps;
}

export interface ScopedInput<B, Q, P> extends HandlerInput<B, Q, P> {
  actor: Actor;
  tx: Tx;
  audit: AuditContext;
}

interface BaseSpec<B, Q, P, R> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  body?: z.ZodType<B>;
  query?: z.ZodType<Q>;
  params?: z.ZodType<P>;
  response: z.ZodType<R>;
  status?: number;
  /** A create that honours the Idempotency-Key header: a retried request returns the first answer. */
  idempotent?: boolean;
  /** Larger than the default 1 MiB, for routes that take an uploaded scan. */
  bodyLimit?: number;
}

export interface PublicSpec<B, Q, P, R> extends BaseSpec<B, Q, P, R> {
  access: { kind: 'public' };
  handler: (input: HandlerInput<B, Q, P>) => Promise<R>;
}

export interface ScopedSpec<B, Q, P, R> extends BaseSpec<B, Q, P, R> {
  access: Exclude<Access, { kind: 'public' }>;
  handler: (input: ScopedInput<B, Q, P>) => Promise<R>;
  /**
   * Bookkeeping that must stand whatever the request's own transaction does, run as the owner in
   * transactions of its own, never inside the scoped one (PGlite has one connection): `before` may
   * refuse the request and may write what a refusal must not undo (an attempt counted before a
   * password is checked), `succeeded` runs once the request's transaction has committed.
   */
  outside?: {
    before: (input: HandlerInput<B, Q, P> & { actor: Actor }) => Promise<void>;
    succeeded?: (input: HandlerInput<B, Q, P> & { actor: Actor }) => Promise<void>;
  };
}

export type RouteSpec<B, Q, P, R> = PublicSpec<B, Q, P, R> | ScopedSpec<B, Q, P, R>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRouteSpec = RouteSpec<any, any, any, any>;

/** Every declared route, for the OpenAPI document and the permission-completeness test. */
export const routeRegistry = new WeakMap<FastifyInstance, AnyRouteSpec[]>();

/**
 * Validates one part of the request (body, query or path parameters), adding its field errors to
 * `errors`. A NUL or a lone surrogate anywhere in the input is refused at its exact path whatever the
 * schema says, and reported together with the schema's other findings, so a form hears of every
 * problem at once and the text never reaches the database (which refuses a NUL with a 500).
 */
function parse<T>(schema: z.ZodType<T> | undefined, value: unknown, where: string, req: FastifyRequest, errors: FieldError[]): T {
  if (!schema) return undefined as T;
  const input = value ?? (where === 'body' ? undefined : {});
  const hostile = hostileTextIssues(input);
  const result = schema.safeParse(input);
  if (result.success && hostile.length === 0) return result.data;
  const named = new Set(hostile.map((issue) => issue.path.map(String).join('.')));
  const others = result.success ? [] : result.error.issues.filter((issue) => !named.has(issue.path.map(String).join('.')));
  errors.push(...fieldErrors([...hostile, ...others], req.lang, where === 'body' ? '' : where));
  return undefined as T;
}

export function auditContext(req: FastifyRequest, actor: Actor | null): AuditContext {
  return { orgId: actor?.orgId ?? null, userId: actor?.userId ?? null, ip: req.ip, requestId: req.id };
}

function authorize(req: FastifyRequest, access: ScopedSpec<unknown, unknown, unknown, unknown>['access']): Actor {
  const actor = req.actor;
  if (!actor) throw unauthenticated();
  const allowPending = access.kind === 'signed_in' && access.allowPending === true;
  if (actor.pending && !allowPending) throw forbidden('errors.mfa_pending');
  if (access.kind === 'permission' && !actor.permissions.has(access.permission)) throw forbidden();
  return actor;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{8,100}$/;

/** What a retry must repeat exactly: the body as sent. */
function requestHash(body: unknown): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(body ?? null))
    .digest('hex');
}

async function runIdempotent<R>(
  tx: Tx,
  actor: Actor,
  key: string,
  request: { route: string; hash: string },
  reply: FastifyReply,
  run: () => Promise<R>,
): Promise<R> {
  const { route } = request;
  // Requests with the same key wait for each other here, so a double click runs the create once.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`${actor.orgId}:${actor.userId}:${key}`}))`);
  const stored = await tx.execute<{ status: number; response: R; route: string; request_hash: string }>(
    sql`select status, response, route, request_hash from idempotency_keys
        where org_id = ${actor.orgId} and user_id = ${actor.userId} and key = ${key}`,
  );
  const previous = stored.rows[0];
  // A key already spent on another route is a client bug: answering with the other route's record
  // would hand back the wrong kind of thing.
  if (previous && previous.route !== route) throw conflict();
  // The same key with another body is not a retry: answering with the first record would silently
  // drop what was sent now. Keys stored before 0024 have no hash and are taken as retries.
  if (previous && previous.request_hash !== '' && previous.request_hash !== request.hash)
    throw businessRule('errors.idempotency_key_reused');
  if (previous) {
    reply.header('idempotent-replay', 'true');
    return previous.response;
  }
  const result = await run();
  await tx.execute(
    sql`insert into idempotency_keys (org_id, user_id, key, route, request_hash, status, response)
        values (${actor.orgId}, ${actor.userId}, ${key}, ${route}, ${request.hash}, ${reply.statusCode}, ${JSON.stringify(result)}::jsonb)`,
  );
  return result;
}

export function defineRoute<B, Q, P, R>(app: FastifyInstance, spec: PublicSpec<B, Q, P, R>): void;
export function defineRoute<B, Q, P, R>(app: FastifyInstance, spec: ScopedSpec<B, Q, P, R>): void;
export function defineRoute<B, Q, P, R>(app: FastifyInstance, spec: RouteSpec<B, Q, P, R>): void {
  const list = routeRegistry.get(app) ?? [];
  list.push(spec as AnyRouteSpec);
  routeRegistry.set(app, list);

  app.route({
    method: spec.method,
    url: spec.url,
    config: { access: spec.access },
    ...(spec.bodyLimit && { bodyLimit: spec.bodyLimit }),
    // Authorized before the body is even parsed: a caller without a session gets 401 and one without
    // the permission 403, never a validation answer that describes the route (nor a parsed 1 MiB body).
    onRequest: async (req) => {
      if (spec.access.kind !== 'public') authorize(req, spec.access);
    },
    handler: async (req, reply) => {
      const errors: FieldError[] = [];
      const input = {
        body: parse(spec.body, req.body, 'body', req, errors),
        query: parse(spec.query, req.query, 'query', req, errors),
        params: parse(spec.params, req.params, 'params', req, errors),
        req,
        reply,
        deps: app.deps,
      };
      if (errors.length > 0) throw new AppError('validation', 'errors.validation', {}, errors);
      if (spec.status) reply.status(spec.status);
      let result: R;
      if (spec.access.kind === 'public') {
        result = await (spec as PublicSpec<B, Q, P, R>).handler(input);
      } else {
        const actor = authorize(req, spec.access);
        const { handler, outside } = spec as ScopedSpec<B, Q, P, R>;
        const key = req.headers['idempotency-key'];
        const idempotencyKey = spec.idempotent && typeof key === 'string' ? key : undefined;
        if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
          throw new AppError(
            'validation',
            'errors.validation',
            {},
            fieldErrors([{ code: 'custom', path: ['Idempotency-Key'], message: '', params: { i18n: 'invalid_format' } }], req.lang),
          );
        }
        await outside?.before({ ...input, actor });
        result = await scoped(app.deps.engine, actor, (tx) => {
          const call = () => handler({ ...input, actor, tx, audit: auditContext(req, actor) });
          // The concrete path, not the pattern: a key spent on one family's new member must not answer for another family.
          const route = `${spec.method} ${req.url.split('?')[0]}`;
          return idempotencyKey ? runIdempotent(tx, actor, idempotencyKey, { route, hash: requestHash(req.body) }, reply, call) : call();
        });
        await outside?.succeeded?.({ ...input, actor });
      }
      // Parsing the output strips every field the contract does not declare: nothing leaks by accident.
      return spec.response.parse(result);
    },
  });
}
