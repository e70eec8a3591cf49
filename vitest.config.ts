// Test projects: pure domain rules (unit), the server through its real HTTP app on PGlite and on a
// PostgreSQL server, and the web app in a real browser (e2e). On CI the PostgreSQL run is mandatory;
// elsewhere it runs when a server answers and says clearly when it was skipped.
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import pg from 'pg';

const pgUrl = process.env.HEARTH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: pgUrl, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

export default defineConfig(async () => {
  const reachable = await postgresReachable();
  if (!reachable) {
    if (process.env.CI === 'true') throw new Error(`PostgreSQL is required on CI but ${pgUrl} does not answer`);
    console.warn(`\n*** PostgreSQL at ${pgUrl} does not answer: server tests on PostgreSQL are SKIPPED ***\n`);
  }
  const server = (name: string, db: string): TestProjectInlineConfiguration => ({
    extends: true,
    test: {
      name,
      include: ['src/server/**/*.test.ts'],
      env: { HEARTH_TEST_DB: db, HEARTH_LOG: 'silent' },
      testTimeout: 30_000,
      hookTimeout: 60_000,
      // Every server file opens its own database and app, and the code keeps no state between
      // files (registries are keyed by name and filled at import), so a worker may reuse the modules
      // it has loaded: importing the whole app costs ≈1 s per file.
      isolate: false,
    },
  });
  const projects: TestProjectInlineConfiguration[] = [
    { extends: true, test: { name: 'unit', include: ['src/domain/**/*.test.ts', 'src/web/**/*.test.ts'] } },
    server('server-pglite', 'pglite'),
    ...(reachable ? [server('server-postgres', 'postgres')] : []),
    {
      extends: true,
      test: {
        name: 'e2e',
        include: ['tests/e2e/**/*.test.ts'],
        env: { HEARTH_LOG: 'silent' },
        testTimeout: 60_000,
        hookTimeout: 120_000,
        fileParallelism: false,
      },
    },
  ];
  // Two workers for the unit and server files (vitest's default on a 2-core machine is one): a
  // PostgreSQL file spends much of its time waiting on the server, a PGlite file on its own core. The
  // browser files (fileParallelism off) still run one at a time, after them. VITEST_MAX_WORKERS overrides.
  return { test: { projects, maxWorkers: 2 } };
});
