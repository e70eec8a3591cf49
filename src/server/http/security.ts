// Browser-facing protections: security headers on every response, no caching of API answers, and
// CSRF checks on every state-changing request (Origin must be ours; a signed-in caller must echo the
// session's CSRF token in X-CSRF-Token, which a cross-site page cannot read).
import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { forbidden } from './errors.js';

// Scripts only from our own origin (no 'unsafe-inline'); Mantine injects <style> tags, so inline
// styles are allowed. Nothing may be loaded from or sent to another host.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(req: FastifyRequest, reply: FastifyReply): void {
  reply.header('content-security-policy', CSP);
  reply.header('x-content-type-options', 'nosniff');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('x-frame-options', 'DENY');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cross-origin-resource-policy', 'same-origin');
  reply.header('permissions-policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
}

/**
 * Whether a browser's Origin names the host the request was sent to. `req.host` follows
 * X-Forwarded-Host behind a trusted proxy; both sides are normalised by URL, so a Host header that
 * spells out the default port ("example.org:443") still matches "https://example.org".
 */
function sameHost(origin: string, host: string): boolean {
  try {
    const from = new URL(origin);
    return from.host !== '' && from.host === new URL(`${from.protocol}//${host}`).host;
  } catch {
    return false; // "null" (sandboxed frames, some redirects) or garbage
  }
}

/** Compares in constant time, so response timing does not reveal how much of a guess was right. */
function sameToken(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function checkCsrf(req: FastifyRequest): void {
  if (SAFE_METHODS.has(req.method)) return;
  const origin = req.headers.origin;
  if (origin !== undefined && !sameHost(origin, req.host)) throw forbidden('errors.csrf');
  if (req.actor && !sameToken(req.headers['x-csrf-token'], req.actor.csrfToken)) throw forbidden('errors.csrf');
}
