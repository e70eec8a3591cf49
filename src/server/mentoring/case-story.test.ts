// Mentoring and away shifts in the case's story (issue 14, leftovers), through the real HTTP app:
// closing a case ends its proposed and running matches on the closing day, in the same transaction
// (a closing day before the mentoring happened is refused naming `on`, nothing written); a closed
// case gets no match; the case timeline tells of matches proposed, begun and ended, of a mentor's
// concern and of the family on an away shift — to those who read the case only, never to a mentor;
// and migration 0035 (old running matches of closed cases, the retired `away_shifts` indicator).
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_INDICATORS } from '../../domain/indicators/shipped.js';
import { system } from '../db/gateway.js';
import { listMigrations } from '../db/migrate.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { activeMatch, buildMentoredCase } from '../testing/mentoring.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let admin: Client;
let coord: Client;
let worker: Client;
let workerId: string;
let mentorClient: Client;
let mentorUserId: string;
let otherBranchCoord: Client;
let foreignCoord: Client;
let programmeId: string;

interface Event {
  kind: string;
  occurredOn: string;
  data: Record<string, unknown>;
}

/** A mentor of the register, already trained (the training is tested in mentoring.test.ts). */
async function trainedMentor(
  name: string,
  kind: 'resource_family' | 'specialist' = 'resource_family',
  userId: string | null = null,
  o = org,
): Promise<string> {
  return system(t.engine, async (tx) => {
    const rows = await tx.execute<{ id: string }>(sql`insert into mentors
        (org_id, branch_id, kind, display_name, capacity, status, status_on, registered_on, trained_on, user_id)
      values (${o.orgId}, ${o.branchIds[0]}, ${kind}, ${name}, 3, 'trained', '2026-09-01', '2026-09-01', '2026-09-01', ${userId})
      returning id::text`);
    return rows.rows[0]!.id;
  });
}

async function timeline(client: Client, caseId: string): Promise<Event[]> {
  const res = await client.get(`/api/cases/${caseId}/timeline?limit=100`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as Event[];
}

const newCase = () => buildMentoredCase(coord, { branchId: org.branchIds[0]!, programmeId, leadId: workerId, openedOn: '2026-09-01' });

async function caseVersion(caseId: string): Promise<number> {
  return (await worker.get(`/api/cases/${caseId}`)).json().case.version as number;
}

const close = async (caseId: string, on: string) =>
  worker.post(`/api/cases/${caseId}/transition`, {
    action: 'close',
    on,
    outcome: 'child_with_family',
    reason: 'Семья справляется сама',
    version: await caseVersion(caseId),
  });

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  programmeId = (await admin.post('/api/programmes', { name: 'Выход', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json().id;
  coord = await login(t, (await buildUser(t, org, ['coordinator'])).email);
  const w = await buildUser(t, org, ['case_worker']);
  workerId = w.id;
  worker = await login(t, w.email);
  const m = await buildUser(t, org, ['mentor']);
  mentorUserId = m.id;
  mentorClient = await login(t, m.email);
  otherBranchCoord = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[1]!])).email);
  foreignCoord = await login(t, (await buildUser(t, other, ['coordinator'])).email);
}, 240_000);
afterAll(() => t.close());

describe('closing a case ends its mentoring', () => {
  it('ends the running and the proposed match on the closing day with the reason "case closed", audited and in the timeline', async () => {
    const kase = await newCase();
    const family = await trainedMentor('Семья Громовых', 'resource_family', mentorUserId);
    const specialist = await trainedMentor('Соколова Ирина', 'specialist');
    const running = await activeMatch(worker, kase.caseId, family);
    const proposed = await worker.post(`/api/cases/${kase.caseId}/mentoring/matches`, { mentorId: specialist, proposedOn: '2026-11-03' });
    expect(proposed.statusCode, proposed.body).toBe(201);
    const met = await mentorClient.post(`/api/mentoring/my/families/${running}/log`, {
      kind: 'meeting',
      occurredOn: '2026-11-10',
      durationMinutes: 60,
    });
    expect(met.statusCode, met.body).toBe(201);
    expect((await mentorClient.get('/api/mentoring/my/families')).json().items).toHaveLength(1);

    const closed = await close(kase.caseId, '2026-11-20');
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json().status).toBe('closed');
    const matches = (await worker.get(`/api/cases/${kase.caseId}/mentoring`)).json().matches as Record<string, unknown>[];
    expect(matches.map((x) => [x.mentorId, x.status, x.endedOn, x.endReason]).sort()).toEqual(
      [
        [family, 'ended', '2026-11-20', 'case_closed'],
        [specialist, 'ended', '2026-11-20', 'case_closed'],
      ].sort(),
    );
    // The mentor's list no longer has the family, and its page reads as not found.
    expect((await mentorClient.get('/api/mentoring/my/families')).json().items).toEqual([]);
    expect((await mentorClient.get(`/api/mentoring/my/families/${running}`)).statusCode).toBe(404);
    const audit = await system(t.engine, (tx) =>
      tx.execute<{ details: unknown }>(sql`select details from audit_log where record_type = 'mentor_match'
        and record_id in (${running}, ${proposed.json().id as string}) and action = 'update' and details::text like '%case_closed%'`),
    );
    expect(audit.rows).toHaveLength(2);
    const ended = (await timeline(worker, kase.caseId)).filter((e) => e.kind === 'mentoring_ended');
    expect(ended.map((e) => [e.occurredOn, e.data.reason, e.data.mentorName]).sort()).toEqual([
      ['2026-11-20', 'case_closed', 'Семья Громовых'],
      ['2026-11-20', 'case_closed', 'Соколова Ирина'],
    ]);
  });

  it('refuses a closing day before the mentoring’s last contact, naming `on`, and writes nothing', async () => {
    const kase = await newCase();
    const mentor = await trainedMentor('Семья Бобровых', 'resource_family');
    const running = await activeMatch(worker, kase.caseId, mentor);
    expect(
      (await worker.post(`/api/mentoring/matches/${running}/log`, { kind: 'call', occurredOn: '2026-11-15', durationMinutes: 20 }))
        .statusCode,
    ).toBe(201);
    const early = await close(kase.caseId, '2026-11-12');
    expect(early.statusCode).toBe(400);
    expect(early.json().error.fields[0]).toMatchObject({ path: 'on', code: 'mentoring.errors.closed_before_match' });
    expect(early.json().error.fields[0].message).toContain('2026-11-15');
    // Nothing written: the case is open, the match runs, no timeline entry of an ending.
    expect((await worker.get(`/api/cases/${kase.caseId}`)).json().case.status).toBe('intake');
    expect((await worker.get(`/api/cases/${kase.caseId}/mentoring`)).json().matches[0]).toMatchObject({
      status: 'active',
      endReason: null,
    });
    expect((await timeline(worker, kase.caseId)).some((e) => e.kind === 'mentoring_ended' || e.kind === 'status_changed')).toBe(false);
    expect((await close(kase.caseId, '2026-11-15')).statusCode).toBe(200);
  });

  it('keeps ended matches as they were, and a closed (or reopened) case’s old matches stay ended', async () => {
    const kase = await newCase();
    const mentor = await trainedMentor('Семья Лисиных', 'resource_family');
    const running = await activeMatch(worker, kase.caseId, mentor);
    const version = (await worker.get(`/api/cases/${kase.caseId}/mentoring`)).json().matches[0].version as number;
    const ended = await worker.post(`/api/mentoring/matches/${running}/end`, { endedOn: '2026-11-05', reason: 'did_not_fit', version });
    expect(ended.statusCode, ended.body).toBe(200);
    expect((await close(kase.caseId, '2026-11-20')).statusCode).toBe(200);
    expect((await worker.get(`/api/cases/${kase.caseId}/mentoring`)).json().matches[0]).toMatchObject({
      endedOn: '2026-11-05',
      endReason: 'did_not_fit',
    });
    const reopened = await worker.post(`/api/cases/${kase.caseId}/transition`, {
      action: 'reopen',
      on: '2026-11-25',
      reason: 'Семья снова просит помощи',
      version: await caseVersion(kase.caseId),
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect((await worker.get(`/api/cases/${kase.caseId}/mentoring`)).json().matches[0].status).toBe('ended');
  });

  it('gives a closed case no match: 409 naming the case, nothing written', async () => {
    const kase = await newCase();
    const mentor = await trainedMentor('Семья Орловых', 'resource_family');
    expect((await close(kase.caseId, '2026-11-01')).statusCode).toBe(200);
    const res = await worker.post(`/api/cases/${kase.caseId}/mentoring/matches`, { mentorId: mentor, proposedOn: '2026-10-20' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'caseId', code: 'mentoring.errors.case_closed' });
    expect((await worker.get(`/api/cases/${kase.caseId}/mentoring`)).json().matches).toEqual([]);
  });
});

describe('the case timeline tells of the mentoring and the away shift', () => {
  let caseId: string;
  let matchId: string;
  let motherId: string;

  beforeAll(async () => {
    const kase = await newCase();
    caseId = kase.caseId;
    motherId = kase.motherId;
    const mentor = await trainedMentor('Семья Зайцевых', 'resource_family', (await buildUser(t, org, ['mentor'])).id);
    matchId = await activeMatch(worker, caseId, mentor, '2026-11-01');
    const account = await system(t.engine, (tx) =>
      tx.execute<{ email: string }>(sql`select u.email from users u join mentors m on m.user_id = u.id where m.id = ${mentor}`),
    );
    const mentorOfCase = await login(t, account.rows[0]!.email);
    const concern = await mentorOfCase.post(`/api/mentoring/my/families/${matchId}/log`, {
      kind: 'meeting',
      occurredOn: '2026-11-08',
      durationMinutes: 45,
      note: 'Погуляли',
      concern: 'В доме холодно, нет дров',
    });
    expect(concern.statusCode, concern.body).toBe(201);
    // A meeting without a concern tells the timeline nothing.
    await mentorOfCase.post(`/api/mentoring/my/families/${matchId}/log`, { kind: 'call', occurredOn: '2026-11-09', durationMinutes: 10 });
  });

  it('shows the match proposed, begun and the concern, on the days they happened, to the case lead', async () => {
    const events = (await timeline(worker, caseId)).filter((e) => e.kind.startsWith('mentoring_'));
    expect(events.map((e) => [e.kind, e.occurredOn])).toEqual([
      ['mentoring_concern', '2026-11-08'],
      ['mentoring_started', '2026-11-01'],
      ['mentoring_proposed', '2026-10-20'],
    ]);
    expect(events[0]!.data).toMatchObject({
      matchId,
      role: 'mentor_family',
      mentorName: 'Семья Зайцевых',
      concern: 'В доме холодно, нет дров',
      byMentor: true,
    });
    // The branch's coordinator reads the case and its story too.
    expect((await timeline(coord, caseId)).some((e) => e.kind === 'mentoring_concern')).toBe(true);
  });

  it('a family put on an away shift (and taken off) is told in its case’s timeline only', async () => {
    const neighbour = await newCase();
    const shift = await coord.post('/api/shifts', {
      branchId: org.branchIds[0],
      programmeId,
      title: 'Зимняя смена',
      venue: 'База «Сосны»',
      startsOn: '2026-11-20',
      endsOn: '2026-11-22',
      specialistIds: [],
    });
    expect(shift.statusCode, shift.body).toBe(201);
    const shiftId = shift.json().id as string;
    const added = await coord.post(`/api/shifts/${shiftId}/participants`, { members: [{ caseId, memberId: motherId }] });
    expect(added.statusCode, added.body).toBe(200);
    // Adding the family again (or another of its people) tells nothing new.
    await coord.post(`/api/shifts/${shiftId}/participants`, { members: [{ caseId, memberId: motherId }] });
    const joined = (await timeline(worker, caseId)).filter((e) => e.kind === 'shift_joined');
    expect(joined).toEqual([
      expect.objectContaining({
        occurredOn: '2026-11-20',
        data: { shiftId, title: 'Зимняя смена', startsOn: '2026-11-20', endsOn: '2026-11-22' },
      }),
    ]);
    expect((await timeline(worker, neighbour.caseId)).some((e) => e.kind.startsWith('shift_'))).toBe(false);
    const participantId = (added.json().participants as { id: string; caseId: string | null }[]).find((p) => p.caseId === caseId)!.id;
    expect((await coord.del(`/api/shifts/${shiftId}/participants/${participantId}`)).statusCode).toBe(200);
    const left = (await timeline(worker, caseId)).filter((e) => e.kind === 'shift_left');
    expect(left).toHaveLength(1);
    expect(left[0]!.data.title).toBe('Зимняя смена');
  });

  it('is not for a mentor (no case permission at all), another branch or another organisation (not found)', async () => {
    for (const [client, status] of [
      [mentorClient, 403],
      [otherBranchCoord, 404],
      [foreignCoord, 404],
    ] as const) {
      expect((await client.get(`/api/cases/${caseId}/timeline`)).statusCode).toBe(status);
      expect((await client.get(`/api/cases/${caseId}`)).statusCode).toBe(status);
    }
    // Not even the mentor of this very family: their page has the family, never its story.
    const account = await system(t.engine, (tx) =>
      tx.execute<{ email: string }>(sql`select u.email from users u join mentors m on m.user_id = u.id
        join mentor_matches mm on mm.mentor_id = m.id where mm.id = ${matchId}`),
    );
    const own = await login(t, account.rows[0]!.email);
    expect((await own.get(`/api/cases/${caseId}/timeline`)).statusCode).toBe(403);
    const page = await own.get(`/api/mentoring/my/families/${matchId}`);
    expect(page.statusCode).toBe(200);
    expect(JSON.stringify(page.json())).not.toMatch(/mentoring_|shift_joined|timeline/);
  });
});

describe('migration 0035', () => {
  const migration = listMigrations().find((m) => m.version === 35)!;

  it('ends the still-running matches of cases closed before it, on the closing day or later if the mentoring went on', async () => {
    const a = await newCase();
    const b = await newCase();
    const mentorA = await trainedMentor('Семья Ежовых');
    const mentorB = await trainedMentor('Семья Ужовых');
    const matchA = await activeMatch(worker, a.caseId, mentorA);
    const matchB = await activeMatch(worker, b.caseId, mentorB);
    await worker.post(`/api/mentoring/matches/${matchB}/log`, { kind: 'call', occurredOn: '2026-11-25', durationMinutes: 20 });
    // As a case closed before this release was: the matches left running.
    await system(t.engine, (tx) =>
      tx.execute(sql`update cases set status = 'closed', closed_on = '2026-11-20', closing_outcome = 'child_with_family'
        where id in (${a.caseId}, ${b.caseId})`),
    );
    await t.engine.exec(migration.sql, true);
    await t.engine.exec(migration.sql, true);
    const rows = await system(t.engine, (tx) =>
      tx.execute<{ id: string; status: string; ended_on: string; end_reason: string }>(
        sql`select id::text, status, ended_on::text, end_reason from mentor_matches where id in (${matchA}, ${matchB})`,
      ),
    );
    const byId = new Map(rows.rows.map((r) => [r.id, r]));
    expect(byId.get(matchA)).toMatchObject({ status: 'ended', ended_on: '2026-11-20', end_reason: 'case_closed' });
    expect(byId.get(matchB)).toMatchObject({ status: 'ended', ended_on: '2026-11-25', end_reason: 'case_closed' });
    // Told once in each timeline, although the migration ran twice.
    const told = (await timeline(worker, a.caseId)).filter((e) => e.kind === 'mentoring_ended');
    expect(told).toEqual([expect.objectContaining({ occurredOn: '2026-11-20', data: expect.objectContaining({ reason: 'case_closed' }) })]);
  });

  it('retires the old away_shifts indicator, moving its targets to the shifts held with diagnostics and summary', async () => {
    // An organisation from before: the old shipped indicator, with plans on it.
    const old = SHIPPED_INDICATORS.find((d) => d.code === 'away_shifts_with_summary')!;
    expect(SHIPPED_INDICATORS.some((d) => d.code === 'away_shifts')).toBe(false);
    const oldDefinition = { ...old, code: 'away_shifts', measure: { kind: 'count', of: { subject: 'sessions', filters: [] } } };
    const oldId = await system(t.engine, async (tx) => {
      const rows = await tx.execute<{ id: string }>(sql`insert into indicators (org_id, code, shipped)
        values (${org.orgId}, 'away_shifts', true) returning id::text`);
      const id = rows.rows[0]!.id;
      await tx.execute(sql`insert into indicator_versions (org_id, indicator_id, version, definition)
        values (${org.orgId}, ${id}, 1, ${JSON.stringify(oldDefinition)}::jsonb)`);
      return id;
    });
    const indicators = (await admin.get('/api/indicators')).json().items as { id: string; code: string }[];
    const newId = indicators.find((i) => i.code === 'away_shifts_with_summary')!.id;
    const plan = async (from: string, to: string, targets: { indicatorId: string; planned: number }[]) => {
      const res = await admin.put(`/api/programmes/${programmeId}/targets`, { from, to, targets });
      expect(res.statusCode, res.body).toBe(200);
    };
    // 2026: only the old one is planned; 2027: both are (the new one's plan stands).
    await plan('2026-01-01', '2026-12-31', [{ indicatorId: oldId, planned: 2 }]);
    await plan('2027-01-01', '2027-12-31', [
      { indicatorId: oldId, planned: 5 },
      { indicatorId: newId, planned: 3 },
    ]);
    await t.engine.exec(migration.sql, true);

    const after = (await admin.get('/api/indicators')).json().items as { id: string; code: string; retired: boolean }[];
    expect(after.find((i) => i.code === 'away_shifts')!.retired).toBe(true);
    const rows = (from: string, to: string) =>
      coord
        .get(`/api/reports/plan-vs-actual?programmeId=${programmeId}&from=${from}&to=${to}`)
        .then((r) => r.json().rows as { code: string; planned: number | null }[]);
    const y2026 = (await rows('2026-01-01', '2026-12-31')).filter((r) => r.code.startsWith('away_shifts'));
    expect(y2026.map((r) => [r.code, r.planned])).toEqual([['away_shifts_with_summary', 2]]);
    const y2027 = (await rows('2027-01-01', '2027-12-31')).filter((r) => r.code.startsWith('away_shifts'));
    expect(y2027.map((r) => [r.code, r.planned])).toEqual([['away_shifts_with_summary', 3]]);
    // The library offers the one indicator for new plans.
    const library = (await admin.get('/api/indicators')).json().items as { code: string; retired: boolean }[];
    expect(library.filter((i) => i.code.startsWith('away_shifts') && !i.retired).map((i) => i.code)).toEqual(['away_shifts_with_summary']);
  });
});
