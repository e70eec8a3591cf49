// Migration 0031 brings the legal domain of the needs assessment and the child subject of the
// parent–child interaction to organisations created before it, as new template versions. Replayed
// here on organisations made with the old templates (and one whose own template already has a
// legal domain), twice: the second run changes nothing.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERACTION_TEMPLATE, NEEDS_TEMPLATE } from '../../domain/assessments/shipped.js';
import { TemplateInput } from '../../domain/assessments/template.js';
import { system } from '../db/gateway.js';
import { buildTestApp, type TestApp } from '../testing/harness.js';

const migration = fs.readFileSync(new URL('../../../migrations/0031_legal_needs_child_assessments.sql', import.meta.url), 'utf8');
const needs = TemplateInput.parse(NEEDS_TEMPLATE);
const interaction = TemplateInput.parse(INTERACTION_TEMPLATE);
const oldNeeds = { ...needs, domains: needs.domains.filter((d) => d.code !== 'legal') };
const oldInteraction = { ...interaction, subject: 'member' };
const ownNeeds = {
  ...oldNeeds,
  domains: [
    ...oldNeeds.domains,
    { ...oldNeeds.domains[0]!, code: 'legal', questions: [{ ...oldNeeds.domains[0]!.questions[0]!, code: 'own_legal_need' }] },
  ],
};

let t: TestApp;
let oldOrg: string;
let ownOrg: string;

async function organisation(name: string, templates: [string, object][]): Promise<string> {
  return system(t.engine, async (tx) => {
    const org = (await tx.execute<{ id: string }>(sql`insert into organizations (name) values (${name}) returning id::text`)).rows[0]!.id;
    for (const [code, definition] of templates)
      await tx.execute(
        sql`insert into assessment_templates (org_id, code, version, definition) values (${org}, ${code}, 1, ${JSON.stringify(definition)}::jsonb)`,
      );
    return org;
  });
}

async function current(org: string) {
  return system(t.engine, async (tx) => {
    const rows = await tx.execute<{ code: string; version: number; definition: unknown }>(sql`
      select code, version, definition from assessment_templates where org_id = ${org} and is_current order by code`);
    const all = await tx.execute<{ n: number }>(sql`select count(*)::int as n from assessment_templates where org_id = ${org}`);
    return {
      total: Number(all.rows[0]!.n),
      byCode: Object.fromEntries(
        rows.rows.map((r) => [
          r.code,
          {
            version: Number(r.version),
            definition: (typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition) as TemplateInput,
          },
        ]),
      ),
    };
  });
}

beforeAll(async () => {
  t = await buildTestApp();
  oldOrg = await organisation('Старая организация', [
    ['family_needs', oldNeeds],
    ['parent_child_interaction', oldInteraction],
  ]);
  ownOrg = await organisation('Свой шаблон', [['family_needs', ownNeeds]]);
});
afterAll(() => t.close());

describe('migration 0031 for existing organisations', () => {
  it('adds the legal domain after the documents and makes the interaction about a child, as new versions, once', async () => {
    // One statement at a time: PGlite's extended protocol takes a single statement per query.
    const statements = migration.split(/;\n/).filter((x) => x.replace(/--.*$/gm, '').trim());
    for (let run = 0; run < 2; run += 1) for (const statement of statements) await system(t.engine, (tx) => tx.execute(sql.raw(statement)));

    const old = await current(oldOrg);
    expect(old.total).toBe(4);
    expect(old.byCode.family_needs!.version).toBe(2);
    // The same template as a new organisation gets: the domain, its place and its questions.
    expect(old.byCode.family_needs!.definition).toEqual(needs);
    expect(old.byCode.parent_child_interaction).toEqual({ version: 2, definition: interaction });

    const own = await current(ownOrg);
    expect(own.total).toBe(1);
    expect(own.byCode.family_needs).toEqual({ version: 1, definition: ownNeeds });
  });
});
