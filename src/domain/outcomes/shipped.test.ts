// The default framework exists twice: in code (new organisations) and in migration 0010 (organisations
// created before it). They must say the same.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVIDENCE_RULES, OUTCOME_TERMS } from './contracts.js';
import { SHIPPED_OUTCOMES } from './shipped.js';

const sql = fs.readFileSync(new URL('../../../migrations/0010_outcomes.sql', import.meta.url), 'utf8');

describe('the shipped outcome framework', () => {
  it('has the issue’s outcomes: five short-, five medium-, three long-term, codes unique', () => {
    expect(OUTCOME_TERMS.map((term) => SHIPPED_OUTCOMES.filter((o) => o.term === term).length)).toEqual([5, 5, 3]);
    expect(new Set(SHIPPED_OUTCOMES.map((o) => o.code)).size).toBe(SHIPPED_OUTCOMES.length);
    for (const o of SHIPPED_OUTCOMES) if (o.evidenceRule) expect(EVIDENCE_RULES).toContain(o.evidenceRule);
  });

  it('is installed for existing organisations by migration 0010 with the same codes, names, terms and rules', () => {
    for (const [i, o] of SHIPPED_OUTCOMES.entries()) {
      const row = `('${o.code}', '${JSON.stringify(o.name).replace(/":"/g, '": "').replace(/","/g, '", "')}', '${o.term}', ${o.evidenceRule ? `'${o.evidenceRule}'` : 'null'}, ${i + 1})`;
      expect(sql).toContain(row);
    }
  });

  it('the migration allows exactly the evidence rules the code knows', () => {
    const allowed = /evidence_rule in \(([^)]*)\)/
      .exec(sql)![1]!
      .match(/'([a-z_]+)'/g)!
      .map((s) => s.slice(1, -1));
    expect(allowed.sort()).toEqual([...EVIDENCE_RULES].sort());
  });
});
