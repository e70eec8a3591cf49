// Opening the database and bringing it up to date, and the checks a production start must pass:
// shared by the server, the CLI, tests and benchmarks.
import { DEFAULT_DEMO_PASSWORD, type Config } from './config.js';
import { openEngine, type Engine } from './db/engine.js';
import { migrate } from './db/migrate.js';
import { ensureDataDir } from './db/pglite-data-dir.js';
import { DEMO_DOMAIN, hasDemoUsers } from './seed/demo.js';

/**
 * Opens the database and applies pending migrations. A PGlite data folder that does not exist yet
 * is first created whole (pglite-data-dir.ts): copied from the initialised template, migrated and
 * given `firstData` (the demo organisation), so a killed first start leaves no half-made database.
 */
export async function openDatabase(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  firstData?: (engine: Engine) => Promise<void>,
): Promise<{ engine: Engine; migration: number }> {
  if (!config.databaseUrl && !config.dataDir.startsWith('memory://')) await ensureDataDir(config.dataDir, firstData);
  const engine = await openEngine(config);
  const migration = await migrate(engine);
  return { engine, migration };
}

/**
 * Why a production server must not start with this database and environment (empty: it may).
 * Demo accounts and the demo password are published in the README, so anyone could log in with them.
 */
export async function productionProblems(engine: Engine, config: Pick<Config, 'production'>, env: NodeJS.ProcessEnv): Promise<string[]> {
  if (!config.production) return [];
  const problems: string[] = [];
  if (await hasDemoUsers(engine)) {
    problems.push(`demo users (*@${DEMO_DOMAIN}) exist in this database. Use a database without the demo organisation.`);
  }
  if (env.HEARTH_DEMO_PASSWORD === DEFAULT_DEMO_PASSWORD) {
    problems.push('HEARTH_DEMO_PASSWORD is the published default. Unset it.');
  }
  return problems;
}

/** Throws, saying every reason at once, when a production server must not start. */
export async function checkProductionSafety(
  engine: Engine,
  config: Pick<Config, 'production'>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  const problems = await productionProblems(engine, config, env);
  if (problems.length > 0) throw new Error(`NODE_ENV=production: Hearth refuses to start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}
