// A world for the report tests: one organisation with two branches, a programme of 2026, eight
// families under support in it — six in branch A (three led by worker A, three by worker A2) and
// two in branch B — and three indicators of our own (a count, a count of admissions, a share), so
// the expected figures are known by construction, not by calling the engine.
import { sql } from 'drizzle-orm';
import type { RoleCode } from '../../domain/access/permissions.js';
import type { IndicatorDefinition } from '../../domain/indicators/definition.js';
import { system } from '../db/gateway.js';
import { buildCase } from './casework.js';
import { buildOrganization, buildUser, login, type Client, type TestApp, type TestOrganization } from './harness.js';

export const PERIOD = { from: '2026-01-01', to: '2026-12-31' };

export const DEFINITIONS = {
  families: {
    code: 't_families',
    name: { ru: 'Семьи на сопровождении', en: 'Families under support' },
    group: 'people',
    measure: { kind: 'count', of: { subject: 'families', filters: [] } },
    disaggregations: ['branch'],
  },
  opened: {
    code: 't_opened',
    name: { ru: 'Новые семьи, принятые в программу', en: 'New families taken in' },
    group: 'people',
    measure: { kind: 'count', of: { subject: 'cases', filters: [{ field: 'event', values: ['opened'] }] } },
    disaggregations: ['branch'],
  },
  share: {
    code: 't_share_opened',
    name: { ru: 'Доля новых семей', en: 'Share of new families' },
    group: 'quality',
    measure: {
      kind: 'proportion',
      numerator: { subject: 'families', filters: [{ field: 'event', values: ['opened'] }] },
      denominator: { subject: 'families', filters: [] },
    },
    disaggregations: ['branch'],
  },
} satisfies Record<string, IndicatorDefinition>;

export interface ReportsWorld {
  org: TestOrganization;
  admin: Client;
  coordA: Client;
  coordB: Client;
  workerA: Client & { id: string };
  me: Client;
  programmeId: string;
  indicators: Record<keyof typeof DEFINITIONS, string>;
  casesA: string[];
  casesB: string[];
  /** Cases led by worker A (the first three of branch A). */
  workerCases: string[];
}

export async function insertIndicator(t: TestApp, orgId: string, definition: IndicatorDefinition): Promise<string> {
  return system(t.engine, async (tx) => {
    const rows = await tx.execute<{ id: string }>(
      sql`insert into indicators (org_id, code) values (${orgId}, ${definition.code}) returning id::text`,
    );
    const id = rows.rows[0]!.id;
    await tx.execute(
      sql`insert into indicator_versions (org_id, indicator_id, version, definition) values (${orgId}, ${id}, 1, ${JSON.stringify(definition)}::jsonb)`,
    );
    return id;
  });
}

export async function client(t: TestApp, org: TestOrganization, roles: RoleCode[], branchIds = org.branchIds.slice(0, 1)) {
  const user = await buildUser(t, org, roles, branchIds);
  return Object.assign(await login(t, user.email), { id: user.id });
}

export async function buildReportsWorld(t: TestApp): Promise<ReportsWorld> {
  const org = await buildOrganization(t);
  const [a, b] = org.branchIds as [string, string];
  const admin = await login(t, org.adminEmail);
  const coordA = await client(t, org, ['coordinator'], [a]);
  const coordB = await client(t, org, ['coordinator'], [b]);
  const workerA = await client(t, org, ['case_worker'], [a]);
  const workerA2 = await client(t, org, ['case_worker'], [a]);
  const me = await client(t, org, ['me_officer'], [a]);
  const res = await admin.post('/api/programmes', {
    name: 'Мамин дом 2026',
    periodStart: PERIOD.from,
    periodEnd: PERIOD.to,
    funder: 'Фонд президентских грантов',
  });
  if (res.statusCode !== 201) throw new Error(res.body);
  const programmeId = res.json().id as string;
  const casesA: string[] = [];
  for (let i = 0; i < 6; i += 1) {
    const leadId = i < 3 ? workerA.id : workerA2.id;
    // Two of branch A's families came in 2025 and are still supported: under support, not new.
    const openedOn = i % 3 === 2 ? '2025-11-10' : '2026-09-01';
    casesA.push((await buildCase(coordA, { branchId: a, programmeId, leadId, openedOn })).caseId);
  }
  const casesB: string[] = [];
  for (let i = 0; i < 2; i += 1) casesB.push((await buildCase(coordB, { branchId: b, programmeId, leadId: coordB.id })).caseId);
  const indicators = {
    families: await insertIndicator(t, org.orgId, DEFINITIONS.families),
    opened: await insertIndicator(t, org.orgId, DEFINITIONS.opened),
    share: await insertIndicator(t, org.orgId, DEFINITIONS.share),
  };
  return { org, admin, coordA, coordB, workerA, me, programmeId, indicators, casesA, casesB, workerCases: casesA.slice(0, 3) };
}
