// The caseload's counts per status, on both engines: whole branches are read from case_counts
// (migration 0018, kept by triggers), the caller's own cases elsewhere from the rows. Whatever
// happens to the cases — opened, moved along the lifecycle, moved to another branch or programme,
// deleted — the counts the list answers equal the cases the caller can open, counted one by one.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';

let t: TestApp;
let org: TestOrganization;
let coordinator: Client;
let supervisor: Client;
let worker: Client;
let programmes: string[];
const made: BuiltCase[] = [];

type Counts = Record<'intake' | 'active' | 'post_support' | 'closed', number>;

/** What the list says, and what counting the cases each caller can open gives. */
async function listed(client: Client, filter = ''): Promise<{ counts: Counts; total: number }> {
  const res = await client.get(`/api/cases?pageSize=100${filter}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

async function countedOneByOne(client: Client, filter = ''): Promise<Counts> {
  const counts: Counts = { intake: 0, active: 0, post_support: 0, closed: 0 };
  for (const status of Object.keys(counts) as (keyof Counts)[]) {
    for (let page = 1; ; page++) {
      const res = await client.get(`/api/cases?pageSize=100&page=${page}&status=${status}${filter}`);
      const items = res.json().items as { status: string }[];
      counts[status] += items.filter((item) => item.status === status).length;
      if (items.length < 100) break;
    }
  }
  return counts;
}

async function transition(client: Client, caseId: string, action: string) {
  const current = (await client.get(`/api/cases/${caseId}`)).json().case;
  const res = await client.post(`/api/cases/${caseId}/transition`, {
    action,
    on: new Date().toISOString().slice(0, 10),
    reason: 'Решение команды',
    ...(action === 'close' && { outcome: 'child_with_family' }),
    version: current.version,
  });
  expect(res.statusCode, res.body).toBe(200);
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  programmes = [];
  for (const name of ['Семья рядом', 'Тёплый дом'])
    programmes.push((await admin.post('/api/programmes', { name, periodStart: '2026-01-01', periodEnd: '2026-12-31' })).json().id);
  coordinator = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[0]!])).email);
  supervisor = await login(t, (await buildUser(t, org, ['supervisor'], [org.branchIds[0]!, org.branchIds[1]!])).email);
  // The worker works in both branches, as a case's lead works in the case's branch; leading a
  // case of branch 1 shows her that case, not the rest of the branch.
  const w = await buildUser(t, org, ['case_worker'], [org.branchIds[0]!, org.branchIds[1]!]);
  worker = await login(t, w.email);
  const otherCoordinator = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[1]!])).email);
  // Cases the worker has nothing to do with are led by a colleague.
  const colleague = (await buildUser(t, org, ['case_worker'], [org.branchIds[0]!, org.branchIds[1]!])).id;
  // Branch 0: four cases in two programmes; branch 1: two, one of them led by the worker.
  for (const [i, programmeId] of [programmes[0]!, programmes[0]!, programmes[1]!, programmes[1]!].entries())
    made.push(await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId: i === 3 ? w.id : colleague }));
  made.push(await buildCase(otherCoordinator, { branchId: org.branchIds[1]!, programmeId: programmes[0]!, leadId: w.id }));
  made.push(await buildCase(otherCoordinator, { branchId: org.branchIds[1]!, programmeId: programmes[1]!, leadId: colleague }));
});
afterAll(() => t.close());

async function expectExact(client: Client) {
  for (const filter of [
    '',
    `&branchId=${org.branchIds[0]}`,
    `&programmeId=${programmes[1]}`,
    `&branchId=${org.branchIds[1]}&programmeId=${programmes[0]}`,
  ]) {
    const answer = await listed(client, filter);
    expect(answer.counts, filter).toEqual(await countedOneByOne(client, filter));
  }
}

describe('counts per status', () => {
  it('equal the cases each caller can open, by branch and programme', async () => {
    expect((await listed(coordinator)).counts).toEqual({ intake: 4, active: 0, post_support: 0, closed: 0 });
    expect((await listed(supervisor)).counts).toEqual({ intake: 6, active: 0, post_support: 0, closed: 0 });
    // The worker: their case in branch 0 and their case in branch 1, which nobody made them responsible for.
    expect((await listed(worker)).counts).toEqual({ intake: 2, active: 0, post_support: 0, closed: 0 });
    for (const client of [coordinator, supervisor, worker]) await expectExact(client);
  });

  it('follow the lifecycle, a move to another branch or programme, and a deletion', async () => {
    await transition(coordinator, made[0]!.caseId, 'activate');
    await transition(coordinator, made[1]!.caseId, 'activate');
    await transition(coordinator, made[1]!.caseId, 'to_post_support');
    await transition(coordinator, made[2]!.caseId, 'close');
    expect((await listed(coordinator)).counts).toEqual({ intake: 1, active: 1, post_support: 1, closed: 1 });
    await transition(coordinator, made[2]!.caseId, 'reopen');
    expect((await listed(coordinator)).counts).toEqual({ intake: 1, active: 2, post_support: 1, closed: 0 });

    // Moves and deletions have no route of their own yet; the triggers must follow them all the same.
    await t.engine.transaction(async (tx) => {
      await tx.execute(sql`update cases set branch_id = ${org.branchIds[1]!} where id = ${made[0]!.caseId}`);
      await tx.execute(sql`update cases set programme_id = ${programmes[1]!} where id = ${made[1]!.caseId}`);
    });
    expect((await listed(coordinator)).counts).toEqual({ intake: 1, active: 1, post_support: 1, closed: 0 });
    expect((await listed(supervisor)).counts).toEqual({ intake: 3, active: 2, post_support: 1, closed: 0 });
    // A case with no history yet (history is append-only) opened and deleted again.
    const copy = `select org_id, family_id, programme_id, branch_id, lead_id, opened_on, created_by from cases where id = '${made[5]!.caseId}'`;
    const inserted = await t.engine.transaction((tx) =>
      tx.execute<{ id: string }>(
        sql`insert into cases (org_id, family_id, programme_id, branch_id, lead_id, opened_on, created_by) ${sql.raw(copy)} returning id::text`,
      ),
    );
    expect((await listed(supervisor)).counts.intake).toBe(4);
    await t.engine.transaction((tx) => tx.execute(sql`delete from cases where id = ${inserted.rows[0]!.id}`));
    expect((await listed(supervisor)).counts.intake).toBe(3);
    for (const client of [coordinator, supervisor, worker]) await expectExact(client);
  });

  it('another organisation’s counts are its own', async () => {
    const other = await buildOrganization(t);
    const stranger = await login(t, (await buildUser(t, other, ['coordinator'], other.branchIds)).email);
    const answer = await listed(stranger);
    expect(answer.total).toBe(0);
  });
});
