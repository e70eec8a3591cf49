// The demo's mentoring: seeded with the rest of the demo (without the long history), its matches are
// told in their cases' timelines as the routes tell them, and no match runs on a closed case.
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

describe('demo mentoring', () => {
  it('tells every match in its case’s timeline, and runs none on a closed case', async () => {
    const rows = await system(db.engine, (tx) =>
      tx.execute<{ matches: number; proposed: number; started: number; on_closed: number }>(sql`select
        (select count(*)::int from mentor_matches) as matches,
        (select count(*)::int from case_events where kind = 'mentoring_proposed') as proposed,
        (select count(*)::int from case_events where kind = 'mentoring_started') as started,
        (select count(*)::int from mentor_matches mm join cases c on c.id = mm.case_id
          where c.status = 'closed' and mm.status <> 'ended') as on_closed`),
    );
    const r = rows.rows[0]!;
    expect(r.matches).toBeGreaterThan(0);
    expect(r.proposed).toBe(r.matches);
    const running = await system(db.engine, (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from mentor_matches where status = 'active'`),
    );
    expect(r.started).toBe(running.rows[0]!.n);
    expect(r.on_closed).toBe(0);
  });
});
