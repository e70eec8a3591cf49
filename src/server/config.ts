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
  /** Where attachments' content lives (src/server/files/storage.ts); unset: by engine. */
  readonly files: FilesConfig;
}

export interface FilesConfig {
  /** `folder` (default on PGlite), `database` (default on PostgreSQL) or `s3` (when an endpoint is set). */
  readonly store: 'folder' | 'database' | 's3' | undefined;
  /** The folder store's root; default `<HEARTH_DATA_DIR>/files`. */
  readonly dir: string | undefined;
  readonly s3: { endpoint: string; bucket: string; accessKey: string; secretKey: string; region: string } | undefined;
  /** The virus scanner run on each upload when the organisation turns the check on (e.g. `clamdscan --no-summary -`). */
  readonly clamavCommand: string;
}

function filesConfig(env: NodeJS.ProcessEnv): FilesConfig {
  const store = env.HEARTH_FILES_STORE || undefined;
  if (store !== undefined && store !== 'folder' && store !== 'database' && store !== 's3')
    throw new Error(`HEARTH_FILES_STORE must be folder, database or s3, got "${store}"`);
  const s3 = env.HEARTH_S3_ENDPOINT
    ? {
        endpoint: env.HEARTH_S3_ENDPOINT.replace(/\/+$/, ''),
        bucket: env.HEARTH_S3_BUCKET ?? '',
        accessKey: env.HEARTH_S3_ACCESS_KEY ?? '',
        secretKey: env.HEARTH_S3_SECRET_KEY ?? '',
        region: env.HEARTH_S3_REGION || 'us-east-1',
      }
    : undefined;
  if (s3 && (!s3.bucket || !s3.accessKey || !s3.secretKey))
    throw new Error('HEARTH_S3_ENDPOINT needs HEARTH_S3_BUCKET, HEARTH_S3_ACCESS_KEY and HEARTH_S3_SECRET_KEY');
  if (store === 's3' && !s3) throw new Error('HEARTH_FILES_STORE=s3 needs HEARTH_S3_ENDPOINT');
  return {
    store: store ?? (s3 ? 's3' : undefined),
    dir: env.HEARTH_FILES_DIR || undefined,
    s3,
    clamavCommand: env.HEARTH_CLAMAV_COMMAND || 'clamdscan --no-summary -',
  };
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
    files: filesConfig(env),
  };
}
