// Assembles the HTTP application: plugins, hooks (language, session, CSRF, headers), the one error
// handler, the areas' routes, the OpenAPI document and the built web app.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { ERROR_STATUS, type ErrorBody } from '../../domain/errors.js';
import { languageFrom, translate } from '../../domain/i18n/index.js';
import { pageFor } from '../../domain/web-pages.js';
import { findActor, SESSION_COOKIE } from '../auth/sessions.js';
import { systemAutocommit } from '../db/gateway.js';
import { CHECK_VIOLATION, FOREIGN_KEY_VIOLATION, foreignKeyField, pgErrorCode, UNIQUE_VIOLATION } from '../db/errors.js';
import type { Deps } from './context.js';
import { AppError, invalidField } from './errors.js';
import { checkCsrf, securityHeaders } from './security.js';
import { answerUndecodablePath, parseQueryString, registerJsonParser } from './request-text.js';
import { registerOpenApi } from './openapi.js';
import { logUnexpected } from './error-log.js';
import { registerAreas } from '../areas.js';

export interface RegisteredRoute {
  method: string;
  url: string;
  access: unknown;
}

/** Every route Fastify registered, made with defineRoute or not: routes.test.ts checks them all. */
export const registeredRoutes = new WeakMap<FastifyInstance, RegisteredRoute[]>();

/**
 * Records every route registered from now on, and refuses an API route that does not say who may call
 * it (e.g. a plain app.get): such a server does not start.
 */
export function guardRoutes(app: FastifyInstance): void {
  const routes: RegisteredRoute[] = [];
  registeredRoutes.set(app, routes);
  app.addHook('onRoute', (route) => {
    const access = (route.config as { access?: unknown } | undefined)?.access;
    for (const method of [route.method].flat()) routes.push({ method, url: route.url, access });
    if (route.url.startsWith('/api/') && !access) throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
  });
}

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/web');

const IMMUTABLE = 'public, max-age=31536000, immutable';
const COMPRESSED = /\.(js|css|html|webmanifest|json|svg)(\.br|\.gz)?$/;

const BAD_INPUT_CODES = new Set([CHECK_VIOLATION, FOREIGN_KEY_VIOLATION, '22P02', '22001', '22007', '22008', '23502']);

/** Maps anything thrown to one of the named error kinds. Unknown errors become a bare 500. */
function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const status = (error as FastifyError).statusCode;
  if (status === 413) return new AppError('validation', 'errors.body_too_large');
  if (status === 400 || status === 415) return new AppError('validation', 'errors.bad_json');
  const code = pgErrorCode(error);
  if (code === UNIQUE_VIOLATION) return new AppError('conflict');
  // A reference to a row that is not in the caller's organisation (or not at all): the field's fault.
  const field = foreignKeyField(error);
  if (field) return invalidField(field, 'validation.invalid_option', '');
  if (code && BAD_INPUT_CODES.has(code)) return new AppError('validation');
  if (status === 404) return new AppError('not_found');
  return new AppError('internal');
}

const LOG_SERIALIZERS = {
  req: (req: { method: string; url: string; id: string }) => ({ method: req.method, path: req.url.split('?')[0], id: req.id }),
  res: (res: { statusCode: number }) => ({ status: res.statusCode }),
};

export async function buildApp(deps: Deps): Promise<FastifyInstance> {
  const app = Fastify({
    bodyLimit: 1024 * 1024,
    trustProxy: deps.config.trustProxy,
    genReqId: () => crypto.randomUUID(),
    // A malformed escape in a query becomes a character the input check refuses, as in a body.
    routerOptions: { querystringParser: parseQueryString },
    // A path that does not decode is refused before any route matches: answered like other bad input.
    frameworkErrors: answerUndecodablePath,
    // Logs carry method, path and status only: no query strings, bodies or names (personal data).
    logger: deps.logStream
      ? { level: 'info', serializers: LOG_SERIALIZERS, stream: deps.logStream }
      : process.env.HEARTH_LOG === 'off'
        ? false
        : { level: process.env.HEARTH_LOG ?? 'info', serializers: LOG_SERIALIZERS },
  });
  app.decorate('deps', deps);
  app.decorateRequest('actor', null);
  app.decorateRequest('lang', 'ru');
  // Only JSON bodies: a text/plain or form post (what a cross-site page can send) is refused.
  app.removeContentTypeParser(['text/plain']);
  registerJsonParser(app);
  await app.register(cookie);

  app.addHook('onRequest', async (req, reply) => {
    req.lang = languageFrom(req.headers['accept-language']);
    securityHeaders(req, reply);
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (token) req.actor = await systemAutocommit(deps.engine, (tx) => findActor(tx, deps, token));
    checkCsrf(req);
  });

  app.setErrorHandler((error, req, reply) => {
    const appError = toAppError(error);
    // Never the error's message: a failed query's message quotes the statement's values (error-log.ts).
    if (appError.kind === 'internal') logUnexpected(req, error);
    const body: ErrorBody = {
      error: {
        kind: appError.kind,
        id: appError.id,
        message: translate(req.lang, appError.id, { ...appError.params, requestId: req.id }),
        requestId: req.id,
        ...(appError.fields && {
          fields: appError.fields.map((field) => ({ ...field, message: field.message || translate(req.lang, field.code, field.params) })),
        }),
      },
    };
    void reply.status(ERROR_STATUS[appError.kind]).send(body);
  });

  guardRoutes(app);
  registerAreas(app);
  registerOpenApi(app);

  const hasWeb = deps.config.serveWeb && fs.existsSync(path.join(WEB_DIST, 'index.html'));
  // A dist/web built before the stand-alone log-in page existed: the app alone, as then.
  const hasLoginPage = hasWeb && fs.existsSync(path.join(WEB_DIST, 'login.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: WEB_DIST,
      wildcard: false,
      // "/" is an address like the others: the not-found handler below picks its page.
      index: false,
      // Scripts, styles and the page are sent as the Brotli or gzip copy the build prepared, chosen by
      // Accept-Encoding (with Vary: Accept-Encoding); issue 19, point 1.
      preCompressed: true,
      // Only the header set below (the plugin's own default would send max-age=0 for everything).
      cacheControl: false,
      setHeaders: (res, filePath) => {
        // Built assets have content hashes in their names; index.html, the service worker, the
        // manifest and the icons must be revalidated.
        res.setHeader('cache-control', filePath.includes(`${path.sep}assets${path.sep}`) ? IMMUTABLE : 'no-cache');
        // The same address answers Brotli, gzip or plain by Accept-Encoding: caches must key on it.
        if (COMPRESSED.test(filePath)) res.setHeader('vary', 'Accept-Encoding');
      },
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    if (req.url.startsWith('/api/') || !hasWeb || (req.method !== 'GET' && req.method !== 'HEAD')) throw new AppError('not_found');
    // A missing script of an earlier build is a 404, not the page (which the browser would run as a script).
    if (req.url.startsWith('/assets/')) throw new AppError('not_found');
    // Client-side routes (/admin/users…) are served the app, which routes itself — to someone signed
    // in; anyone else gets the small log-in page at the same address, which returns there afterwards.
    return servePage(req, reply);
  });

  async function servePage(req: FastifyRequest, reply: FastifyReply) {
    let page: 'app' | 'login' = 'app';
    if (hasLoginPage) {
      const pathname = req.url.split('?')[0]!;
      const token = req.cookies[SESSION_COOKIE];
      const actor =
        token && pageFor(pathname, false) === 'login' ? await systemAutocommit(deps.engine, (tx) => findActor(tx, deps, token)) : null;
      page = pageFor(pathname, actor !== null && actor.pending !== 'totp');
    }
    // The answer depends on the session cookie: no shared cache may give one visitor's page to another.
    return reply
      .header('cache-control', 'no-cache')
      .header('vary', 'Accept-Encoding, Cookie')
      .sendFile(page === 'app' ? 'index.html' : 'login.html');
  }
  return app;
}
