// Test harness: a fresh database per test app (in-memory PGlite, or a new database on the
// PostgreSQL server when HEARTH_TEST_DB=postgres), the real HTTP app on top, a clock tests can move,
// and factories (buildOrganization, buildUser) plus a signed-in client that speaks like the web app.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { FastifyInstance, HTTPMethods, LightMyRequestResponse } from 'fastify';
import type { RoleCode } from '../../domain/access/permissions.js';
import { loadConfig, type Config } from '../config.js';
import { openPglite, openPostgres, type Engine } from '../db/engine.js';
import { listMigrations, migrate } from '../db/migrate.js';
import { CACHE_DIR, schemaKey } from '../db/pglite-data-dir.js';
import { system } from '../db/gateway.js';
import { buildApp } from '../http/app.js';
import { createOrganization, createUser } from '../access/organizations.js';
import { branches } from '../access/tables.js';
import { hashPassword } from '../auth/passwords.js';

export const TEST_DB = process.env.HEARTH_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
export const PG_ADMIN_URL = process.env.HEARTH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const PASSWORD = 'correct horse battery';

export interface TestDatabase {
  engine: Engine;
  drop(): Promise<void>;
}

// Every test database starts already migrated: PGlite from an image of a migrated cluster (a tar kept
// in node_modules/.cache/hearth), PostgreSQL as a copy of a template database. Both are made once per
// PGlite version and set of migrations (the key), so a changed migration makes new ones; initdb and
// the migrations were most of each test file's set-up. migrate() still runs on each (a no-op check).
let key: string | undefined;
const templateKey = () => (key ??= schemaKey());

async function pgliteImage(): Promise<Blob> {
  const file = path.join(CACHE_DIR, `test-pglite-${templateKey()}.tar`);
  if (fs.existsSync(file)) return new Blob([fs.readFileSync(file)]);
  const engine = await openPglite('memory://');
  await migrate(engine);
  const image = await engine.dump();
  await engine.close();
  // Written beside and renamed: parallel test workers never read half a file.
  fs.mkdirSync(CACHE_DIR, { recursive: true });
  const partial = `${file}.${process.pid}`;
  fs.writeFileSync(partial, Buffer.from(await image.arrayBuffer()));
  fs.renameSync(partial, file);
  // Images of earlier migrations are of no further use (each is tens of megabytes).
  for (const old of fs.readdirSync(CACHE_DIR))
    if (/^test-pglite-.*\.tar$/.test(old) && path.join(CACHE_DIR, old) !== file) fs.rmSync(path.join(CACHE_DIR, old), { force: true });
  return image;
}

const databaseUrl = (name: string) => {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
};

/** The migrated template database on the PostgreSQL server, built by the first worker that needs it. */
async function postgresTemplate(admin: pg.Client): Promise<string> {
  const name = `hearth_test_template_${templateKey()}`;
  await admin.query('select pg_advisory_lock(hashtext($1))', ['hearth_test_template']);
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      const building = `${name}_new`;
      await admin.query(`drop database if exists ${building} with (force)`);
      await admin.query(`create database ${building}`);
      const engine = await openPostgres(databaseUrl(building), 1);
      await migrate(engine);
      await engine.close();
      await admin.query(`alter database ${building} rename to ${name}`);
      // Templates of earlier migrations are of no further use.
      const old = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like 'hearth\\_test\\_template\\_%' and datname not in ($1, $2)`,
        [name, building],
      );
      for (const { datname } of old.rows) await admin.query(`drop database if exists ${datname} with (force)`);
    }
  } finally {
    await admin.query('select pg_advisory_unlock(hashtext($1))', ['hearth_test_template']);
  }
  return name;
}

/** An in-memory PGlite with every migration applied (the browser tests start from it too). */
export async function openMigratedPglite(): Promise<Engine> {
  const engine = await openPglite('memory://', await pgliteImage());
  await migrate(engine);
  return engine;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  if (TEST_DB === 'pglite') {
    const engine = await openMigratedPglite();
    return { engine, drop: () => engine.close() };
  }
  const db = await newPostgresDatabase((admin) => postgresTemplate(admin), 5);
  await migrate(db.engine);
  return db;
}

/**
 * A database of its own with only the migrations up to `version`, on the engine under test: for
 * tests of what one migration does to data (or grants) left by the ones before it. Runs the
 * migrations from scratch, so it costs what they cost (no template).
 */
export async function createTestDatabaseAt(version: number): Promise<TestDatabase> {
  const migrations = listMigrations().filter((m) => m.version <= version);
  if (TEST_DB === 'pglite') {
    const engine = await openPglite('memory://');
    await migrate(engine, migrations);
    return { engine, drop: () => engine.close() };
  }
  const db = await newPostgresDatabase(async () => undefined, 2);
  await migrate(db.engine, migrations);
  return db;
}

/** A new database on the PostgreSQL server: a copy of the database `template` names, or empty. */
async function newPostgresDatabase(template: (admin: pg.Client) => Promise<string | undefined>, pool: number): Promise<TestDatabase> {
  const name = `hearth_test_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const from = await template(admin);
    await admin.query(from ? `create database ${name} template ${from}` : `create database ${name}`);
  } finally {
    await admin.end();
  }
  const engine = await openPostgres(databaseUrl(name), pool);
  return {
    engine,
    drop: async () => {
      await engine.close();
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

export interface Clock {
  now(): Date;
  advance(ms: number): void;
}

export interface TestApp {
  app: FastifyInstance;
  engine: Engine;
  clock: Clock;
  config: Config;
  close(): Promise<void>;
}

export async function buildTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  let offset = 0;
  const clock: Clock = { now: () => new Date(Date.now() + offset), advance: (ms) => void (offset += ms) };
  const config: Config = { ...loadConfig({}), serveWeb: false, ...overrides };
  process.env.HEARTH_LOG ??= 'silent';
  const app = await buildApp({ engine: db.engine, config, now: clock.now });
  await app.ready();
  return {
    app,
    engine: db.engine,
    clock,
    config,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

let cachedHash: Promise<string> | undefined;
const passwordHash = () => (cachedHash ??= hashPassword(PASSWORD));

export interface TestOrganization {
  orgId: string;
  branchIds: string[];
  adminEmail: string;
}

/** An organisation with two branches and an admin (`admin@<slug>.test`). */
export async function buildOrganization(t: TestApp, slug = crypto.randomBytes(4).toString('hex')): Promise<TestOrganization> {
  const hash = await passwordHash();
  return system(t.engine, async (tx) => {
    const orgId = await createOrganization(tx, `Организация ${slug}`);
    const rows = await tx
      .insert(branches)
      .values([
        { orgId, name: 'Москва', city: 'Москва' },
        { orgId, name: 'Псков', city: 'Псков' },
      ])
      .returning({ id: branches.id });
    const adminEmail = `admin@${slug}.test`;
    await createUser(tx, orgId, {
      email: adminEmail,
      lastName: 'Иванова',
      firstName: 'Анна',
      password: PASSWORD,
      passwordHash: hash,
      roles: ['admin'],
      branchIds: rows.map((r) => r.id),
    });
    return { orgId, branchIds: rows.map((r) => r.id), adminEmail };
  });
}

/** A staff member with the given roles; returns the user id and e-mail (password: PASSWORD). */
export async function buildUser(t: TestApp, org: TestOrganization, roles: RoleCode[], branchIds = org.branchIds.slice(0, 1)) {
  const email = `${roles.join('-')}-${crypto.randomBytes(3).toString('hex')}@${org.orgId.slice(0, 8)}.test`;
  const hash = await passwordHash();
  const id = await system(t.engine, (tx) =>
    createUser(tx, org.orgId, { email, lastName: 'Петрова', firstName: 'Ольга', password: PASSWORD, passwordHash: hash, roles, branchIds }),
  );
  return { id, email };
}

export interface Client {
  csrfToken: string;
  cookie: string;
  me: { id: string; orgId: string; [key: string]: unknown };
  request(method: HTTPMethods, url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  put(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

/** Logs in through the real route and returns a client that sends the cookie and CSRF token. */
export async function login(t: TestApp, email: string, password = PASSWORD, extra: Record<string, unknown> = {}): Promise<Client> {
  const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password, ...extra } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'hearth_session');
  if (!cookie) throw new Error('no session cookie');
  const body = res.json() as { csrfToken: string; me: Client['me'] };
  const client: Client = {
    csrfToken: body.csrfToken,
    cookie: `hearth_session=${cookie.value}`,
    me: body.me,
    request: (method, url, payload, headers = {}) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, ...headers },
        ...(payload !== undefined && { payload: payload as Record<string, unknown> }),
      }),
    get: (url) => client.request('GET', url),
    post: (url, payload, headers) => client.request('POST', url, payload ?? {}, headers),
    put: (url, payload) => client.request('PUT', url, payload),
    del: (url) => client.request('DELETE', url),
  };
  return client;
}
