// Demo targets and narratives for the demo programmes, as an M&E officer would set them from the
// grant agreements: the shelter programme's year (in total and for its Moscow branch) and the family
// support programme's whole two-year period and its calendar year 2026. The figures are fictional.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import type { DemoContext } from './demo-casework.js';

interface TargetSeed {
  programme: number;
  from: string;
  to: string;
  code: string;
  planned: number;
  /** Per-branch plans: branch index → planned. */
  branches?: Record<number, number>;
  narrative?: string;
}

const SHELTER = { programme: 0, from: '2026-01-01', to: '2026-12-31' };
const FAMILIES = { programme: 3, from: '2025-09-01', to: '2027-08-31' };
const FAMILIES_2026 = { programme: 3, from: '2026-01-01', to: '2026-12-31' };

const TARGETS: TargetSeed[] = [
  {
    ...SHELTER,
    code: 'residents',
    planned: 36,
    branches: { 0: 36 },
    narrative: 'Шесть мест, средний срок проживания около четырёх месяцев: план рассчитан на 18 мам и 18 детей.',
  },
  { ...SHELTER, code: 'resident_children', planned: 18, branches: { 0: 18 } },
  { ...SHELTER, code: 'families_admitted', planned: 18, branches: { 0: 18 } },
  {
    ...SHELTER,
    code: 'psy_consultations',
    planned: 240,
    branches: { 0: 240 },
    narrative: 'Индивидуальные и групповые консультации психолога центра, включая консультации по запросу самих мам.',
  },
  { ...SHELTER, code: 'legal_consultations', planned: 90, branches: { 0: 60, 1: 30 } },
  { ...SHELTER, code: 'documents_restored', planned: 24 },
  {
    ...SHELTER,
    code: 'plans_on_time_share',
    planned: 90,
    narrative: 'Индивидуальный план составляется в первые две недели после поступления.',
  },
  { ...SHELTER, code: 'average_stay_days', planned: 120 },
  { ...FAMILIES, code: 'families_supported', planned: 60, branches: { 0: 20, 2: 40 } },
  {
    ...FAMILIES,
    code: 'families_admitted',
    planned: 45,
    branches: { 0: 15, 2: 30 },
    narrative: 'Семьи направляют органы опеки и школы Великих Лук и районов области.',
  },
  { ...FAMILIES, code: 'family_consultations', planned: 120 },
  { ...FAMILIES, code: 'parents_club_sessions', planned: 48 },
  { ...FAMILIES, code: 'benefit_applications', planned: 40 },
  { ...FAMILIES, code: 'reconnected_share', planned: 60 },
  { ...FAMILIES_2026, code: 'families_supported', planned: 35, branches: { 0: 12, 2: 23 } },
  { ...FAMILIES_2026, code: 'families_admitted', planned: 22 },
];

export async function seedDemoReports(tx: Tx, ctx: DemoContext): Promise<void> {
  const rows = await tx.execute<{ id: string; code: string }>(sql`select id::text, code from indicators where org_id = ${ctx.orgId}`);
  const ids = new Map(rows.rows.map((r) => [r.code, r.id]));
  const by = ctx.staff.me_officer ?? null;
  for (const target of TARGETS) {
    const indicatorId = ids.get(target.code);
    // A library without this indicator (an older release) simply gets no target for it.
    if (!indicatorId) continue;
    const programmeId = ctx.programmeIds[target.programme]!;
    const lines: [string | null, number][] = [
      [null, target.planned],
      ...Object.entries(target.branches ?? {}).map(([i, planned]) => [ctx.branchIds[Number(i)]!, planned] as [string, number]),
    ];
    for (const [branchId, planned] of lines) {
      await tx.execute(sql`insert into indicator_targets (org_id, programme_id, indicator_id, period_start, period_end, branch_id, planned, updated_by)
        values (${ctx.orgId}, ${programmeId}, ${indicatorId}, ${target.from}, ${target.to}, ${branchId}, ${planned}, ${by})`);
    }
    if (target.narrative) {
      await tx.execute(sql`insert into report_narratives (org_id, programme_id, indicator_id, period_start, period_end, text, updated_by)
        values (${ctx.orgId}, ${programmeId}, ${indicatorId}, ${target.from}, ${target.to}, ${target.narrative}, ${by})`);
    }
  }
}
