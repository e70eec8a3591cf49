// Runtime configuration, read once from the environment. Every variable is documented in the README.
import path from 'node:path';

export interface Config {
  readonly host: string;
  readonly port: number;
  readonly production: boolean;
  /** postgres://… selects a PostgreSQL server; otherwise the embedded PGlite in dataDir. */
  readonly databaseUrl: string | undefined;
  /** PGlite data folder; the special value `memory://` keeps the database in memory (tests). */
  readonly dataDir: string;
  readonly demo: boolean;
  readonly demoPassword: string;
  readonly sessionIdleMinutes: number;
  readonly sessionLifetimeHours: number;
  /** Set when Hearth runs behind a reverse proxy, so the client address comes from X-Forwarded-For. */
  readonly trustProxy: boolean;
  readonly serveWeb: boolean;
}

export const DEFAULT_DEMO_PASSWORD = 'hearth-demo-2026';

function intFrom(name: string, fallback: number, env: NodeJS.ProcessEnv): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    host: env.HOST || '127.0.0.1',
    port: intFrom('PORT', 3000, env),
    production: env.NODE_ENV === 'production',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.HEARTH_DATA_DIR || path.resolve('data'),
    demo: env.HEARTH_DEMO !== 'off',
    demoPassword: env.HEARTH_DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD,
    sessionIdleMinutes: intFrom('HEARTH_SESSION_IDLE_MINUTES', 30, env),
    sessionLifetimeHours: intFrom('HEARTH_SESSION_LIFETIME_HOURS', 12, env),
    trustProxy: env.HEARTH_TRUST_PROXY === 'on',
    serveWeb: env.HEARTH_SERVE_WEB !== 'off',
  };
}
