// The production guard: with NODE_ENV=production Hearth refuses to start while demo accounts exist
// or the demo password is the published default, and says why; elsewhere it starts as usual.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_PASSWORD } from './config.js';
import { checkProductionSafety, productionProblems } from './start.js';
import { seedDemo } from './seed/demo.js';
import { createTestDatabase, type TestDatabase } from './testing/harness.js';

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
