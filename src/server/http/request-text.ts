// Turning request bytes into text without losing what was wrong with them. Node decodes invalid
// UTF-8 to U+FFFD, so a broken byte sequence in a body would be stored as a silently different name,
// and JSON refuses a raw NUL byte as "not JSON" without saying where. Here each byte that cannot be
// text (0x00, or one that is not part of valid UTF-8) becomes a lone surrogate U+DC00+byte — the
// "surrogateescape" convention — which valid UTF-8 can never produce. Inside a JSON string it then
// reaches the route's input check, which refuses it with the field's name (like an escaped \u0000 or
// \ud800), and outside a string the JSON is still invalid.
import { isUtf8 } from 'node:buffer';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../domain/errors.js';
import { languageFrom, translate } from '../../domain/i18n/index.js';
import { securityHeaders } from './security.js';

const escaped = (byte: number) => String.fromCharCode(0xdc00 + byte);

/** The length of the valid UTF-8 sequence at `i` (RFC 3629: no overlongs, surrogates or > U+10FFFF), or 0. */
function sequenceLength(bytes: Buffer, i: number): number {
  const first = bytes[i]!;
  if (first > 0x00 && first < 0x80) return 1;
  const continues = (k: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[i + k];
    return byte !== undefined && byte >= low && byte <= high;
  };
  if (first >= 0xc2 && first <= 0xdf) return continues(1) ? 2 : 0;
  if (first >= 0xe0 && first <= 0xef) {
    const [low, high] = first === 0xe0 ? [0xa0, 0xbf] : first === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return continues(1, low, high) && continues(2) ? 3 : 0;
  }
  if (first >= 0xf0 && first <= 0xf4) {
    const [low, high] = first === 0xf0 ? [0x90, 0xbf] : first === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return continues(1, low, high) && continues(2) && continues(3) ? 4 : 0;
  }
  return 0;
}

/** UTF-8 bytes as text; a NUL byte and every byte of an invalid sequence become a lone surrogate. */
export function decodeRequestText(bytes: Buffer): string {
  if (isUtf8(bytes) && !bytes.includes(0)) return bytes.toString('utf8');
  let text = '';
  let start = 0;
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    text += bytes.toString('utf8', start, i) + escaped(bytes[i]!);
    start = i += 1;
  }
  return text + bytes.toString('utf8', start);
}

/** `%XX` escapes (and `+`) of one query-string component decoded to bytes, then to text as above. */
function decodeComponent(component: string): string {
  if (!component.includes('%') && !component.includes('+')) return component;
  const spaced = component.replaceAll('+', ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    // A malformed escape: decoded byte by byte below, a stray "%" kept as it is (as Fastify does).
  }
  const raw = Buffer.from(spaced, 'utf8');
  const bytes: number[] = [];
  for (let i = 0; i < raw.length; i += 1) {
    const hex = raw[i] === 0x25 ? raw.toString('latin1', i + 1, i + 3) : '';
    if (/^[0-9a-fA-F]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(raw[i]!);
  }
  return decodeRequestText(Buffer.from(bytes));
}

/**
 * The query string, decoded like a body: Fastify's own parser keeps a malformed `%ED%A0%80` as those
 * nine characters, so the same surrogate would be refused in a body and searched for in a query.
 * A repeated key gives an array, as with Fastify's parser.
 */
export function parseQueryString(query: string): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = Object.create(null) as Record<string, string | string[]>;
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const key = decodeComponent(equals === -1 ? pair : pair.slice(0, equals));
    const value = equals === -1 ? '' : decodeComponent(pair.slice(equals + 1));
    const previous = result[key];
    result[key] = previous === undefined ? value : [previous, value].flat();
  }
  return result;
}

/** JSON bodies read as bytes and decoded as above, then parsed by Fastify's own (prototype-safe) parser. */
export function registerJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    void parseJson(req, decodeRequestText(body as Buffer), done);
  });
}

/**
 * Fastify's answer when a path does not decode (a broken %-escape such as a surrogate's bytes): no
 * route has matched, so no hook has run and no parameter has a name yet. Said in the shape, language
 * and headers of every other validation error, the address itself named as the field.
 */
export function answerUndecodablePath(error: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const lang = languageFrom(req.headers['accept-language']);
  securityHeaders(req, reply);
  const code = 'validation.invalid_characters';
  const body: ErrorBody = {
    error: {
      kind: 'validation',
      id: 'errors.validation',
      message: translate(lang, 'errors.validation', { requestId: req.id }),
      requestId: req.id,
      ...(error.code === 'FST_ERR_BAD_URL' && { fields: [{ path: 'url', code, params: {}, message: translate(lang, code) }] }),
    },
  };
  void reply.status(400).send(body);
}
