// The demo's seminar: seeded with the rest of the demo (without the long history), its completed
// participants hold numbered certificates and the shipped figures count them.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { seedDemo } from '../seed/demo.js';
import { createTestDatabase, type TestDatabase } from '../testing/harness.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await seedDemo(db.engine, 'correct horse battery', { history: false });
}, 300_000);
afterAll(() => db.drop());

describe('demo trainings', () => {
  it('has a past seminar with participants, certificates and a consultation for a speech therapist', async () => {
    const row = await system(db.engine, (tx) =>
      tx.execute<{ trainings: number; participants: number; certificates: number; consultations: number }>(sql`select
        (select count(*)::int from trainings) as trainings,
        (select count(*)::int from training_participants) as participants,
        (select count(*)::int from training_participants where certificate_number is not null) as certificates,
        (select count(*)::int from specialist_consultations) as consultations`),
    );
    expect(row.rows[0]).toMatchObject({ trainings: 1, consultations: 1 });
    expect(row.rows[0]!.participants).toBeGreaterThanOrEqual(4);
    expect(row.rows[0]!.certificates).toBe(row.rows[0]!.participants - 1);
  });
});
