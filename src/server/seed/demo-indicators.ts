// Demo data of the indicators area: the shipped library is installed with the organisation; the
// M&E officer has added one indicator of her own (hours of consultations per family under
// support) and refined its name once, so the library shows an own indicator with two versions.
import { sql } from 'drizzle-orm';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import type { Tx } from '../db/engine.js';
import type { DemoContext } from './demo-casework.js';

const FIRST: IndicatorDefinition = {
  code: 'consultation_hours_per_family',
  name: { ru: 'Часы консультаций на семью', en: 'Consultation hours per family' },
  group: 'work',
  measure: { kind: 'ratio', numeratorCode: 'consultation_hours', denominatorCode: 'families_supported' },
  disaggregations: ['branch', 'programme'],
};
const SECOND: IndicatorDefinition = {
  ...FIRST,
  name: { ru: 'Часы консультаций на одну семью на сопровождении', en: 'Consultation hours per family under support' },
};

export async function seedDemoIndicators(tx: Tx, ctx: DemoContext): Promise<void> {
  const by = ctx.staff.me_officer ?? null;
  const rows = await tx.execute<{ id: string }>(sql`
    insert into indicators (org_id, code, current_version) values (${ctx.orgId}, ${FIRST.code}, 2) returning id::text`);
  const id = rows.rows[0]!.id;
  for (const [version, definition, at] of [
    [1, FIRST, '2026-02-02T09:00:00Z'],
    [2, SECOND, '2026-02-16T11:30:00Z'],
  ] as const)
    await tx.execute(sql`insert into indicator_versions (org_id, indicator_id, version, definition, created_by, created_at)
      values (${ctx.orgId}, ${id}, ${version}, ${JSON.stringify(definition)}::jsonb, ${by}, ${at})`);
}
