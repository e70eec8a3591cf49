// Hostile text against every route: a NUL, a lone surrogate (escaped in JSON, or as raw bytes) and an
// over-long string in every text field of every write route's body — and of every route's query and
// path parameters — must be a 400 that names that field in the caller's language, and write nothing.
// The routes and their fields are read from the registry and the Zod schemas, not listed, so a new
// route or field is covered the day it is added.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { HTTPMethods, LightMyRequestResponse } from 'fastify';
import type { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_CODES } from '../../domain/access/permissions.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { system } from '../db/gateway.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';
import { decodeRequestText, parseQueryString } from './request-text.js';
import { routeRegistry, type AnyRouteSpec } from './route.js';

type Path = (string | number)[];
interface TextField {
  path: Path;
  /** The smallest input that reaches the field: the containers around it, discriminators set. */
  minimal: (value: unknown) => unknown;
}

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  innerType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  in?: z.ZodType;
  out?: z.ZodType;
  left?: z.ZodType;
  right?: z.ZodType;
  keyType?: z.ZodType;
  valueType?: z.ZodType;
  items?: z.ZodType[];
  values?: unknown[];
  entries?: Record<string, unknown>;
  getter?: () => z.ZodType;
}

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The value a discriminator literal (or enum) takes, to pick one option of a discriminated union. */
function literalOf(schema: z.ZodType | undefined): unknown {
  if (!schema) return undefined;
  const def = defOf(schema);
  if (def.type === 'literal') return def.values?.[0];
  if (def.type === 'enum') return Object.values(def.entries ?? {})[0];
  return def.innerType ? literalOf(def.innerType) : undefined;
}

/** Every string a schema accepts, with the minimal input that puts a value there. */
function textFields(schema: z.ZodType, path: Path = [], wrap: (value: unknown) => unknown = (v) => v, depth = 0): TextField[] {
  if (depth > 12) return [];
  const def = defOf(schema);
  switch (def.type) {
    case 'string':
      return [{ path, minimal: wrap }];
    case 'object':
      return Object.entries(def.shape ?? {}).flatMap(([key, field]) =>
        textFields(field, [...path, key], (value) => wrap({ [key]: value }), depth + 1),
      );
    case 'array':
      return textFields(def.element!, [...path, 0], (value) => wrap([value]), depth + 1);
    case 'tuple':
      return (def.items ?? []).flatMap((item, index) =>
        textFields(
          item,
          [...path, index],
          (value) => wrap(Object.assign(new Array<unknown>(index + 1).fill(null), { [index]: value })),
          depth + 1,
        ),
      );
    case 'record': {
      const key = String(literalOf(def.keyType) ?? 'key');
      return textFields(def.valueType!, [...path, key], (value) => wrap({ [key]: value }), depth + 1);
    }
    case 'union':
      return (def.options ?? []).flatMap((option) => {
        const tag = def.discriminator ? literalOf(defOf(option).shape?.[def.discriminator]) : undefined;
        const tagged = (value: unknown) =>
          wrap(tag === undefined || typeof value !== 'object' || value === null ? value : { [def.discriminator!]: tag, ...value });
        return textFields(option, path, tagged, depth + 1).filter(
          (field) => field.path.join('.') !== `${path.join('.')}.${def.discriminator}`,
        );
      });
    case 'intersection':
      return [...textFields(def.left!, path, wrap, depth + 1), ...textFields(def.right!, path, wrap, depth + 1)];
    case 'pipe':
      return textFields(defOf(def.in!).type === 'transform' ? def.out! : def.in!, path, wrap, depth + 1);
    case 'lazy':
      return textFields(def.getter!(), path, wrap, depth + 1);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return textFields(def.innerType!, path, wrap, depth + 1);
    default:
      return [];
  }
}

const CONFLICT = Symbol('conflict');

/** Two minimal inputs as one, or CONFLICT when they cannot share a body (two options of one union). */
function merged(a: unknown, b: unknown): unknown {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  if (Array.isArray(a) && Array.isArray(b)) {
    const items = Array.from({ length: Math.max(a.length, b.length) }, (_, i) => merged(a[i], b[i]));
    return items.includes(CONFLICT) ? CONFLICT : items;
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object' || Array.isArray(a) || Array.isArray(b)) return CONFLICT;
  const out: Record<string, unknown> = { ...a };
  for (const [key, value] of Object.entries(b)) {
    out[key] = merged(out[key], value);
    if (out[key] === CONFLICT) return CONFLICT;
  }
  return out;
}

/**
 * The fields of a body grouped into as few bodies as can hold them together. Hostile characters are
 * named at every path at once, so one request per group checks each of its fields; a length limit is
 * checked one field at a time (a union's other option could hide it).
 */
function batches(fields: TextField[]): { body: unknown; paths: string[] }[] {
  const groups: { body: unknown; paths: string[] }[] = [];
  for (const field of fields) {
    const body = field.minimal(PLACEHOLDER);
    const group = groups.find((candidate) => merged(candidate.body, body) !== CONFLICT);
    if (group) {
      group.body = merged(group.body, body);
      group.paths.push(field.path.join('.'));
    } else groups.push({ body, paths: [field.path.join('.')] });
  }
  return groups;
}

const WRITE: ReadonlySet<string> = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const PLACEHOLDER = '@@HOSTILE@@';
const NUL = 'Ан\u0000на';
const LONE_SURROGATE = 'Ан\ud800на';
const OVER_LONG = 'я'.repeat(100_000);
const RAW_NUL = Buffer.from([0x41, 0x00, 0x42]);
const RAW_SURROGATE = Buffer.from([0x41, 0xed, 0xa0, 0x80, 0x42]); // U+D800 written as UTF-8 bytes (CESU)

type Hostile = { name: string; invalidCharacters: boolean; lang: Language } & ({ value: string } | { bytes: Buffer });
const HOSTILE: Hostile[] = [
  { name: 'NUL escaped', value: NUL, invalidCharacters: true, lang: 'ru' },
  { name: 'lone surrogate escaped', value: LONE_SURROGATE, invalidCharacters: true, lang: 'en' },
  { name: 'over-long', value: OVER_LONG, invalidCharacters: false, lang: 'ru' },
  { name: 'raw NUL byte', bytes: RAW_NUL, invalidCharacters: true, lang: 'en' },
  { name: 'raw surrogate bytes', bytes: RAW_SURROGATE, invalidCharacters: true, lang: 'ru' },
];

let t: TestApp;
let client: Client;
const ids = { user: '', orgId: '' };

beforeAll(async () => {
  t = await buildTestApp();
  const org = await buildOrganization(t);
  // Every role in every branch: no route may answer 403 before it looks at its input.
  const user = await buildUser(t, org, [...ROLE_CODES], org.branchIds);
  client = await login(t, user.email);
  Object.assign(ids, { user: user.id, orgId: org.orgId });
});
afterAll(() => t.close());

/** Row counts of every tenant table (every table with an org_id), read as the database owner. */
async function tenantRowCounts(): Promise<Record<string, number>> {
  return system(t.engine, async (tx) => {
    const tables = await tx.execute<{ table_name: string }>(
      sql`select table_name from information_schema.columns
          where table_schema = 'public' and column_name = 'org_id' order by table_name`,
    );
    const counts: Record<string, number> = {};
    for (const { table_name: table } of tables.rows) {
      const rows = await tx.execute<{ n: number }>(sql.raw(`select count(*)::int as n from "${table}"`));
      counts[table] = Number(rows.rows[0]!.n);
    }
    return counts;
  });
}

const specs = (): AnyRouteSpec[] => routeRegistry.get(t.app) ?? [];
const concreteUrl = (url: string) => url.replace(/:(\w+)/g, () => crypto.randomUUID());

function send(method: HTTPMethods, url: string, body: unknown, hostile: Hostile): Promise<LightMyRequestResponse> {
  const headers = { cookie: client.cookie, 'x-csrf-token': client.csrfToken, 'accept-language': hostile.lang };
  if (body === undefined) return t.app.inject({ method, url, headers });
  const json = JSON.stringify(body);
  const payload =
    'value' in hostile
      ? json.replaceAll(JSON.stringify(PLACEHOLDER), () => JSON.stringify(hostile.value))
      : Buffer.concat(json.split(PLACEHOLDER).flatMap((part, i) => (i === 0 ? [Buffer.from(part)] : [hostile.bytes, Buffer.from(part)])));
  return t.app.inject({ method, url, payload, headers: { ...headers, 'content-type': 'application/json' } });
}

interface ErrorField {
  path: string;
  code: string;
  message: string;
  params: Record<string, unknown>;
}

/** A value for a query string: a lone surrogate, which encodeURIComponent refuses, as its UTF-8 bytes. */
const queryEscaped = (value: string) => value.split('\ud800').map(encodeURIComponent).join('%ED%A0%80');

/** Why a response is not the expected 400 naming `path` ('' when it is). */
function verdict(res: LightMyRequestResponse, path: string, hostile: Hostile): string {
  if (res.statusCode !== 400) return `status ${res.statusCode}`;
  const fields = (res.json() as { error: { fields?: ErrorField[] } }).error.fields ?? [];
  const field = fields.find((candidate) => candidate.path === path);
  if (!field)
    return `400 without ${path}: ${fields.map((f) => `${f.path} ${f.code}`).join(', ') || (res.json() as { error: { id: string } }).error.id}`;
  if (hostile.invalidCharacters && field.code !== 'validation.invalid_characters') return `code ${field.code}`;
  if (field.message !== translate(hostile.lang, field.code, field.params)) return `message not in ${hostile.lang}: ${field.message}`;
  return '';
}

describe('hostile text in every text field', () => {
  it('finds the write routes and their text fields (sanity: the enumeration works)', () => {
    const writes = specs().filter((spec) => WRITE.has(spec.method) && spec.body);
    expect(writes.length).toBeGreaterThan(40);
    const login = specs().find((spec) => spec.url === '/api/auth/login')!;
    expect(textFields(login.body!).map((field) => field.path.join('.'))).toEqual(expect.arrayContaining(['email', 'password']));
    const all = writes.flatMap((spec) => textFields(spec.body!));
    expect(all.some((field) => field.path.length > 2)).toBe(true); // nested: members.0.lastName and the like
  });

  it('every text field of every write body, and every text parameter of every route: 400 naming the field, nothing written', async () => {
    const before = await tenantRowCounts();
    const failures: string[] = [];
    let checked = 0;
    for (const spec of specs()) {
      const method = spec.method as HTTPMethods;
      const url = concreteUrl(spec.url);
      const fields = spec.body && WRITE.has(spec.method) ? textFields(spec.body) : [];
      for (const hostile of HOSTILE) {
        const groups = hostile.invalidCharacters
          ? batches(fields)
          : fields.map((field) => ({ body: field.minimal(PLACEHOLDER), paths: [field.path.join('.')] }));
        for (const { body, paths } of groups) {
          const res = await send(method, url, body, hostile);
          for (const path of paths) {
            const why = verdict(res, path, hostile);
            checked += 1;
            if (why) failures.push(`${spec.method} ${spec.url} ${path} [${hostile.name}]: ${why}`);
          }
        }
        if (spec.query && 'value' in hostile) {
          for (const name of textFields(spec.query)
            .filter((field) => field.path.length === 1)
            .map((field) => String(field.path[0]))) {
            const res = await send(method, `${url}?${name}=${queryEscaped(hostile.value)}`, spec.body ? {} : undefined, hostile);
            const why = verdict(res, `query.${name}`, hostile);
            checked += 1;
            if (why) failures.push(`${spec.method} ${spec.url} ?${name} [${hostile.name}]: ${why}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(2000);
    expect(await tenantRowCounts()).toEqual(before);
  }, 180_000);

  it('with an otherwise valid body (where the handler used to run and the database answered 500): 400, nothing written', async () => {
    const before = await tenantRowCounts();
    for (const hostile of HOSTILE) {
      const cases: [string, string, unknown, string][] = [
        ['POST', '/api/branches', { name: PLACEHOLDER, city: 'Тверь' }, 'name'],
        ['POST', '/api/branches', { name: 'Тверь', city: 'Тверь', address: PLACEHOLDER }, 'address'],
        ['POST', '/api/families/matches', { lastName: PLACEHOLDER, firstName: 'Анна' }, 'lastName'],
        ['POST', '/api/auth/login', { email: PLACEHOLDER, password: 'correct horse battery' }, 'email'],
      ];
      for (const [method, url, body, path] of cases) {
        const res = await send(method as HTTPMethods, url, body, hostile);
        expect(verdict(res, path, hostile), `${url} ${path} [${hostile.name}]`).toBe('');
      }
      const search = await send('GET', `/api/cases?q=${queryEscaped(NUL)}`, undefined, hostile);
      expect(verdict(search, 'query.q', { ...HOSTILE[0]!, lang: hostile.lang })).toBe('');
    }
    expect(await tenantRowCounts()).toEqual(before);
    // The same bodies with clean text are accepted: it was the text that was refused.
    expect((await client.post('/api/branches', { name: 'Тверь 😀', city: 'Тверь', address: 'ул. Ленина, 1' })).statusCode).toBe(201);
    expect((await client.post('/api/families/matches', { lastName: 'Анна', firstName: 'Анна' })).statusCode).toBe(200);
  });

  it('a NUL in a path parameter is refused naming the parameter; a path that does not decode names the address', async () => {
    const failures: string[] = [];
    const english = HOSTILE[1]!;
    for (const spec of specs().filter((candidate) => candidate.params && candidate.url.includes(':'))) {
      for (const name of [...spec.url.matchAll(/:(\w+)/g)].map((match) => match[1]!)) {
        const url = (value: string) => spec.url.replace(/:(\w+)/g, (_, other: string) => (other === name ? value : crypto.randomUUID()));
        const body = spec.body ? {} : undefined;
        const nul = verdict(await send(spec.method as HTTPMethods, url('a%00b'), body, HOSTILE[0]!), `params.${name}`, HOSTILE[0]!);
        if (nul) failures.push(`${spec.method} ${spec.url} :${name} [NUL]: ${nul}`);
        const broken = await send(spec.method as HTTPMethods, url('a%ED%A0%80b'), body, english);
        const why =
          verdict(broken, 'url', english) || (broken.headers['x-content-type-options'] === 'nosniff' ? '' : 'no security headers');
        if (why) failures.push(`${spec.method} ${spec.url} :${name} [surrogate bytes]: ${why}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('request text decoding', () => {
  it('reading bodies as bytes keeps the body limits: 1 MiB by default, more where a route allows a scan', async () => {
    const large = { contentBase64: 'A'.repeat(2 * 1024 * 1024) };
    const scanRoute = specs().find((spec) => spec.bodyLimit && spec.bodyLimit > 3 * 1024 * 1024)!;
    expect(scanRoute).toBeDefined();
    const allowed = await send(scanRoute.method as HTTPMethods, concreteUrl(scanRoute.url), large, HOSTILE[0]!);
    expect(allowed.body).not.toContain('errors.body_too_large');
    const refused = await send('POST', '/api/branches', large, HOSTILE[0]!);
    expect((refused.json() as { error: { id: string } }).error.id).toBe('errors.body_too_large');
  });

  it('keeps valid UTF-8 as it is and turns a NUL byte and each byte of a broken sequence into a lone surrogate', () => {
    expect(decodeRequestText(Buffer.from('Анна 😀 ü'))).toBe('Анна 😀 ü');
    expect(decodeRequestText(Buffer.from([0x41, 0x00]))).toBe('A\udc00');
    expect(decodeRequestText(RAW_SURROGATE)).toBe('A\udced\udca0\udc80B');
    expect(decodeRequestText(Buffer.from([0xc0, 0xaf]))).toBe('\udcc0\udcaf'); // an overlong "/"
    expect(decodeRequestText(Buffer.from([0xf4, 0x90, 0x80, 0x80]))).toBe('\udcf4\udc90\udc80\udc80'); // above U+10FFFF
    expect(decodeRequestText(Buffer.from([0xd0]))).toBe('\udcd0'); // cut off
    expect(decodeRequestText(Buffer.from([0xd0, 0x90, 0xff, 0xd0, 0x91]))).toBe('А\udcffБ');
  });

  it('parses query strings like Fastify, decoding escapes the same way as bodies', () => {
    expect({ ...parseQueryString('q=%D0%90%2B+b&page=2&tag=a&tag=b&flag') }).toEqual({ q: 'А+ b', page: '2', tag: ['a', 'b'], flag: '' });
    expect(parseQueryString('q=%ED%A0%80').q).toBe('\udced\udca0\udc80');
    expect(parseQueryString('q=a%00b').q).toBe('a\u0000b');
    expect(parseQueryString('q=%D0%90%ED%A0%80%').q).toBe('А\udced\udca0\udc80%');
    expect(parseQueryString('q=100%25&r=%zz').r).toBe('%zz');
    expect(Object.getPrototypeOf(parseQueryString('__proto__=x'))).toBe(null);
  });
});

describe('the log-in', () => {
  it('refuses a NUL in the e-mail or the password with the field named, in English too', async () => {
    for (const [field, lang] of [
      ['email', 'ru'],
      ['password', 'en'],
    ] as const) {
      const body = { email: 'someone@example.org', password: 'correct horse battery', [field]: `a\u0000b@example.org` };
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: body, headers: { 'accept-language': lang } });
      expect(res.statusCode).toBe(400);
      expect((res.json() as { error: { fields: ErrorField[] } }).error.fields).toContainEqual(
        expect.objectContaining({
          path: field,
          code: 'validation.invalid_characters',
          message: translate(lang, 'validation.invalid_characters'),
        }),
      );
    }
  });
});
