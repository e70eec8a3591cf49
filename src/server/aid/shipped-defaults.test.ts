// Organisations that existed before aid get the shipped aid catalogue and the shipped aid indicators
// once, from migration 0028 (its last part, run again here on organisations made to look old): the rows it writes equal what a new organisation gets from the code
// (src/domain/aid/shipped.ts, src/domain/indicators/shipped.ts); an organisation that already has an
// aid catalogue (the shipped one, edited, or its own) or an indicator of that code keeps what it has;
// running it again changes nothing. Runs on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { SHIPPED_AID_ITEMS } from '../../domain/aid/shipped.js';
import { SHIPPED_INDICATORS } from '../../domain/indicators/shipped.js';
import { organizations } from '../access/tables.js';
import { system } from '../db/gateway.js';
import { listMigrations } from '../db/migrate.js';
import { buildOrganization, buildTestApp, type TestApp } from '../testing/harness.js';

/** The shipped indicators that count aid (added with it, issue 13). */
const AID_CODES = [
  'aid_families',
  'aid_value',
  'stoves_repaired',
  'rooms_renovated',
  'gardens_ploughed',
  'livestock_families',
  'firewood_families',
  'food_packages',
];
const AID_INDICATORS = SHIPPED_INDICATORS.filter((d) => AID_CODES.includes(d.code));
const migration = listMigrations().find((m) => m.version === 28)!;
// The part of 0028 that installs the defaults (its other part, the stock sums, runs once).
const defaults = migration.sql.slice(migration.sql.indexOf('-- Shipped aid defaults'));

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);

/** An organisation as one created before aid looks: no aid items, no aid indicators. */
const oldOrganization = (name: string) =>
  system(t.engine, async (tx) => (await tx.insert(organizations).values({ name }).returning({ id: organizations.id }))[0]!.id);

async function itemsOf(orgId: string) {
  const rows = await system(t.engine, (tx) =>
    tx.execute<Record<string, unknown>>(sql`select code, name, kind, unit, "group", variant, tracks_lots, retired
      from aid_items where org_id = ${orgId} order by code`),
  );
  return rows.rows.map((r) => ({
    code: r.code,
    name: json(r.name),
    kind: r.kind,
    unit: r.unit,
    group: r.group,
    variant: r.variant,
    tracksLots: r.tracks_lots,
    retired: r.retired,
  }));
}

async function indicatorsOf(orgId: string) {
  const rows = await system(t.engine, (tx) =>
    tx.execute<Record<string, unknown>>(sql`select i.code, i.shipped, i.current_version, v.version, v.definition
      from indicators i join indicator_versions v on v.indicator_id = i.id where i.org_id = ${orgId} order by i.code, v.version`),
  );
  return rows.rows.map((r) => ({
    code: r.code,
    shipped: r.shipped,
    current: Number(r.current_version),
    version: Number(r.version),
    definition: json(r.definition),
  }));
}

const runMigration = () => t.engine.exec(defaults, true);

describe('migration 0028: shipped aid defaults for existing organisations', () => {
  it('is the migration numbered 28', () => {
    expect(defaults).toMatch(/^-- Shipped aid defaults/);
    expect(defaults).toContain('insert into aid_items');
  });

  it('gives an organisation from before aid the catalogue and the aid indicators a new organisation gets', async () => {
    const old = await oldOrganization('Старая организация');
    const fresh = await buildOrganization(t);
    expect(await itemsOf(old)).toEqual([]);
    const freshItems = await itemsOf(fresh.orgId);
    const freshIndicators = await indicatorsOf(fresh.orgId);

    await runMigration();

    const expected = SHIPPED_AID_ITEMS.map((i) => ({ ...i, retired: false })).sort((a, b) => a.code.localeCompare(b.code));
    expect(await itemsOf(old)).toEqual(expected);
    // Exactly what the code gives a new organisation.
    expect(await itemsOf(old)).toEqual(freshItems);
    const aidOfFresh = freshIndicators.filter((i) => AID_INDICATORS.some((d) => d.code === i.code));
    expect(await indicatorsOf(old)).toEqual(aidOfFresh);
    expect(await indicatorsOf(old)).toEqual(
      AID_INDICATORS.map((d) => ({ code: d.code, shipped: true, current: 1, version: 1, definition: d })).sort((a, b) =>
        a.code.localeCompare(b.code),
      ),
    );
    expect(AID_INDICATORS.length).toBe(8);

    // The new organisation already had everything: nothing added.
    expect(await itemsOf(fresh.orgId)).toEqual(freshItems);
    expect(await indicatorsOf(fresh.orgId)).toEqual(freshIndicators);
  });

  it('leaves an organisation’s own catalogue and edited indicators as they are, and changes nothing when run again', async () => {
    const own = await oldOrganization('Своя номенклатура');
    await system(t.engine, async (tx) => {
      await tx.execute(sql`insert into aid_items (org_id, code, name, kind, unit, "group")
        values (${own}, 'blankets', '{"ru":"Одеяла","en":"Blankets"}'::jsonb, 'goods', 'piece', 'household')`);
      const edited = { ...AID_INDICATORS[0]!, name: { ru: 'Семьи с помощью', en: 'Families helped' } };
      await tx.execute(sql`with i as (insert into indicators (org_id, code, shipped, current_version)
          values (${own}, ${edited.code}, true, 2) returning id)
        insert into indicator_versions (org_id, indicator_id, version, definition)
        select ${own}, i.id, v, ${JSON.stringify(edited)}::jsonb from i, (values (1), (2)) as x(v)`);
    });
    const before = await indicatorsOf(own);

    await runMigration();

    expect((await itemsOf(own)).map((i) => i.code)).toEqual(['blankets']);
    const after = await indicatorsOf(own);
    // The edited indicator kept both versions; the other seven were added at version 1.
    expect(after.filter((i) => i.code === AID_INDICATORS[0]!.code)).toEqual(before);
    expect(after.map((i) => i.code).filter((c) => c !== AID_INDICATORS[0]!.code)).toEqual(
      AID_INDICATORS.slice(1)
        .map((d) => d.code)
        .sort(),
    );

    const snapshot = await Promise.all([itemsOf(own), indicatorsOf(own)]);
    await runMigration();
    expect(await Promise.all([itemsOf(own), indicatorsOf(own)])).toEqual(snapshot);
  });
});
