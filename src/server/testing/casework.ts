// Factories for casework tests: a family, a case with a team, through the real HTTP routes.
import crypto from 'node:crypto';
import { expect } from 'vitest';
import type { Client } from './harness.js';

export interface BuiltCase {
  caseId: string;
  familyId: string;
  motherId: string;
  version: number;
}

let counter = 0;

export function motherInput(overrides: Record<string, unknown> = {}) {
  counter += 1;
  return {
    relation: 'mother',
    lastName: `Кравцова${crypto.randomBytes(2).toString('hex')}`,
    firstName: 'Дарья',
    middleName: 'Олеговна',
    birthDate: '1998-04-12',
    sex: 'female',
    citizenship: 'RU',
    phone: `+7 912 ${String(100 + counter).padStart(3, '0')}-${String(counter % 100).padStart(2, '0')}-${String((counter * 7) % 100).padStart(2, '0')}`,
    documents: [{ kind: 'passport', status: 'lost', note: '' }],
    ...overrides,
  };
}

export async function buildFamily(
  client: Client,
  branchId: string,
  members: Record<string, unknown>[] = [motherInput(), { relation: 'child', firstName: 'Миша', birthDate: '2026-05-01', sex: 'male' }],
) {
  const res = await client.post('/api/families', { branchId, members, confirmedNotDuplicate: true });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; members: { id: string; relation: string }[]; version: number };
}

/** A family and a case opened by a coordinator, led by `leadId`, with an optional team. */
export async function buildCase(
  coordinator: Client,
  opts: {
    branchId: string;
    programmeId: string;
    leadId: string;
    team?: { userId: string; role: string }[];
    riskFlags?: string[];
    openedOn?: string;
  },
): Promise<BuiltCase> {
  const family = await buildFamily(coordinator, opts.branchId);
  const res = await coordinator.post('/api/cases', {
    familyId: family.id,
    programmeId: opts.programmeId,
    branchId: opts.branchId,
    leadId: opts.leadId,
    openedOn: opts.openedOn ?? '2026-09-01',
    team: opts.team ?? [],
    riskFlags: opts.riskFlags ?? [],
  });
  expect(res.statusCode, res.body).toBe(201);
  return { caseId: res.json().id, familyId: family.id, motherId: family.members.find((m) => m.relation === 'mother')!.id, version: 1 };
}
