// The database engine: the embedded PGlite or a PostgreSQL server, behind one Drizzle interface.
// The only difference between the two is the connection; every query and migration is the same SQL.
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { withAfterTransaction } from './after-transaction.js';

// Both drivers answer raw queries with `{ rows }`, so the node-postgres types describe both; typing
// PGlite's instance the same way lets area code stay engine-agnostic.
export type Db = NodePgDatabase<Record<string, never>>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type EngineKind = 'pglite' | 'postgres';

export interface Engine {
  readonly kind: EngineKind;
  readonly db: Db;
  /**
   * Runs fn in one transaction. On PGlite (one connection) transactions are queued, never interleaved.
   * Hooks registered with afterTransaction run once it has ended (after-transaction.ts).
   */
  transaction<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /**
   * Runs fn's statements each on its own, outside a transaction (no BEGIN/COMMIT round trips): for
   * work that needs no atomicity, such as the session lookup of every request.
   */
  autocommit<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs a script of several statements; atomically when `atomic` (migrations), else as is (VACUUM). */
  exec(script: string, atomic?: boolean): Promise<void>;
  close(): Promise<void>;
}

/** A tiny FIFO lock: PGlite has a single connection, so work on it must take turns. */
class Queue {
  private tail: Promise<unknown> = Promise.resolve();
  run<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.tail.then(fn, fn);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

// Calendar dates stay 'YYYY-MM-DD' strings: turning them into JS Dates shifts them by the time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value: string) => value);

/** A PGlite engine can also write its whole database as one image (a tar), to start others from. */
export interface PgliteEngine extends Engine {
  dump(): Promise<Blob>;
}

/** Opens PGlite in `dataDir` (or in memory, `memory://`), starting from `image` when given (no initdb). */
export async function openPglite(dataDir: string, image?: Blob): Promise<PgliteEngine> {
  const inMemory = dataDir.startsWith('memory://');
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    dataDir: inMemory ? undefined : dataDir,
    loadDataDir: image,
    extensions: { pg_trgm },
    parsers: { [DATE_OID]: (value: string) => value },
  });
  const db = drizzlePglite(client) as unknown as Db;
  const queue = new Queue();
  return {
    kind: 'pglite',
    db,
    transaction: (fn) => withAfterTransaction(() => queue.run(() => db.transaction((tx) => fn(tx as unknown as Tx)))),
    autocommit: (fn) => queue.run(() => fn(db as unknown as Tx)),
    exec: (script, atomic = false) =>
      queue.run(async () => {
        if (atomic) await client.transaction(async (tx) => void (await tx.exec(script)));
        else await client.exec(script);
      }),
    close: () => queue.run(() => client.close()),
    dump: () => queue.run(() => client.dumpDataDir('none')),
  };
}

/** Most statements one connection keeps prepared; past it, new texts run unnamed (planned each time). */
const PREPARED_PER_CONNECTION = 1000;
/** Statements with more parameters than this are bulk writes whose text varies with the row count. */
const PREPARED_MAX_PARAMS = 64;

interface QueryConfigLike {
  text?: unknown;
  name?: unknown;
  submit?: unknown;
}

/**
 * Runs every parameterised statement of a connection as a named prepared statement (its name is a
 * hash of its text), so PostgreSQL parses, rewrites and — once it settles on a generic plan — plans
 * it once per connection instead of once per call. Measured on the case page: planning was ≈90 % of
 * the database's time (≈5 ms of ≈5.5 ms), because row-level security adds its policy to every table
 * a statement reads. The set of texts is bounded (the code's statements, not user input: values are
 * parameters); the cap and the parameter limit keep bulk inserts from filling a connection's cache.
 */
function prepareStatements(client: pg.PoolClient): void {
  const named = new Set<string>();
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, values?: unknown, callback?: unknown) => {
    const c = config as QueryConfigLike | null;
    if (c && typeof c === 'object' && typeof c.text === 'string' && c.name === undefined && c.submit === undefined) {
      const params = Array.isArray(values) ? values.length : 0;
      if (params <= PREPARED_MAX_PARAMS) {
        const name = `h${crypto.createHash('sha1').update(c.text).digest('base64url')}`;
        if (named.has(name) || named.size < PREPARED_PER_CONNECTION) {
          named.add(name);
          return query({ ...c, name }, values, callback);
        }
      }
    }
    return query(config, values, callback);
  };
}

export async function openPostgres(url: string, poolSize = 10): Promise<Engine> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  pool.on('error', () => undefined); // an idle client's error must not crash the process; the next query reports it
  pool.on('connect', prepareStatements);
  await pool.query('select 1');
  const db = drizzlePg(pool) as unknown as Db;
  return {
    kind: 'postgres',
    db,
    transaction: (fn) => withAfterTransaction(() => db.transaction((tx) => fn(tx as unknown as Tx))),
    autocommit: (fn) => fn(db as unknown as Tx),
    exec: async (script, atomic = false) => {
      const client = await pool.connect();
      try {
        if (!atomic) return void (await client.query(script));
        await client.query('begin');
        try {
          await client.query(script);
          await client.query('commit');
        } catch (error) {
          await client.query('rollback');
          throw error;
        }
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function openEngine(options: { databaseUrl: string | undefined; dataDir: string }): Promise<Engine> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite(options.dataDir);
}

export { sql };
