// The production guard: with NODE_ENV=production Hearth refuses to start while demo accounts exist
// or the demo password is the published default, and says why; elsewhere it starts as usual.
// And the first start's fast path: a new PGlite folder made from the template opens with every
// migration and the demo, and a restart reopens it as it is.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { DEFAULT_DEMO_PASSWORD } from './config.js';
import { listMigrations } from './db/migrate.js';
import { system } from './db/gateway.js';
import { checkProductionSafety, openDatabase, productionProblems } from './start.js';
import { hasDemoUsers, isEmpty, seedDemo } from './seed/demo.js';
import { createTestDatabase, TEST_DB, type TestDatabase } from './testing/harness.js';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const production = { production: true };

describe('production guard', () => {
  // The tests run in order on one database: clean first, then with the demo organisation seeded.
  it('lets a clean database start in production', async () => {
    expect(await productionProblems(db.engine, production, {})).toEqual([]);
    await expect(checkProductionSafety(db.engine, production, { HEARTH_DEMO_PASSWORD: 'a private one' })).resolves.toBeUndefined();
  });

  it('refuses the published demo password, even on a clean database', async () => {
    await expect(checkProductionSafety(db.engine, production, { HEARTH_DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD })).rejects.toThrow(
      /HEARTH_DEMO_PASSWORD is the published default/,
    );
  });

  it('refuses while demo users exist, naming them, and gives every reason at once', async () => {
    await seedDemo(db.engine, 'some demo password');
    await expect(checkProductionSafety(db.engine, production, {})).rejects.toThrow(/demo users \(\*@demo\.hearth\)/);
    expect(await productionProblems(db.engine, production, { HEARTH_DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD })).toHaveLength(2);
  });

  it('does not stand in the way outside production', async () => {
    await expect(
      checkProductionSafety(db.engine, { production: false }, { HEARTH_DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD }),
    ).resolves.toBeUndefined();
  });
});

describe.skipIf(TEST_DB !== 'pglite')('first start on a new PGlite folder', () => {
  it('makes a folder that opens with every migration and the demo, and a restart reopens it', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-start-')), 'data');
    const latest = listMigrations().at(-1)!.version;
    let seeded = 0;
    const seed = async (engine: Parameters<typeof seedDemo>[0]) => {
      if (!(await isEmpty(engine))) return;
      seeded += 1;
      await seedDemo(engine, 'a demo password', { history: false });
    };
    try {
      const first = await openDatabase({ databaseUrl: undefined, dataDir }, seed);
      expect(first.migration).toBe(latest);
      expect(await hasDemoUsers(first.engine)).toBe(true);
      const applied = await system(first.engine, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from schema_migrations`));
      expect(Number(applied.rows[0]!.n)).toBe(listMigrations().length);
      await first.engine.close();

      const again = await openDatabase({ databaseUrl: undefined, dataDir }, seed);
      expect(await hasDemoUsers(again.engine)).toBe(true);
      await again.engine.close();
      expect(seeded).toBe(1);
    } finally {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }, 180_000);
});
