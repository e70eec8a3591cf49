// Migration 0010 installs the follow-up service type and the default framework for organisations
// created before it. Run here on an organisation made without them (as an old one would be), twice:
// the second run changes nothing.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_OUTCOMES } from '../../domain/outcomes/shipped.js';
import { system } from '../db/gateway.js';
import { buildTestApp, type TestApp } from '../testing/harness.js';

const migration = fs.readFileSync(new URL('../../../migrations/0010_outcomes.sql', import.meta.url), 'utf8');
// Replayed on today's schema, where migration 0019 made the organisation part of outcomes' unique
// key: the conflict target names it too (the same rows conflict).
const forExisting = migration
  .slice(migration.indexOf('-- Organisations created before this migration'))
  .replace('on conflict (framework_id, code)', 'on conflict (framework_id, code, org_id)');

let t: TestApp;
let orgId: string;

beforeAll(async () => {
  t = await buildTestApp();
  orgId = await system(t.engine, async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`insert into organizations (name) values ('Старая организация') returning id::text`);
    return rows.rows[0]!.id;
  });
});
afterAll(() => t.close());

async function installed() {
  return system(t.engine, async (tx) => {
    const outcomes = await tx.execute<{ code: string; term: string; evidence_rule: string | null; name: { ru: string; en: string } }>(sql`
      select o.code, o.term, o.evidence_rule, o.name from outcomes o join outcome_frameworks f on f.id = o.framework_id
      where f.org_id = ${orgId} and f.programme_id is null order by o.position`);
    const types = await tx.execute<{ n: number }>(
      sql`select count(*)::int as n from service_types where org_id = ${orgId} and code = 'follow_up_contact'`,
    );
    return { outcomes: outcomes.rows, types: Number(types.rows[0]!.n) };
  });
}

describe('migration 0010 for existing organisations', () => {
  it('installs the shipped framework and the follow-up type, once', async () => {
    expect((await installed()).outcomes).toHaveLength(0);
    // One statement at a time: PGlite's extended protocol takes a single statement per query.
    const statements = forExisting.split(/;\n/).filter((x) => x.replace(/--.*$/gm, '').trim());
    for (let run = 0; run < 2; run += 1) for (const statement of statements) await system(t.engine, (tx) => tx.execute(sql.raw(statement)));
    const after = await installed();
    expect(after.types).toBe(1);
    expect(
      after.outcomes.map((o) => ({
        code: o.code,
        term: o.term,
        evidenceRule: o.evidence_rule,
        name: typeof o.name === 'string' ? JSON.parse(o.name) : o.name,
      })),
    ).toEqual(SHIPPED_OUTCOMES);
  });
});
