// Away profile shifts through the real HTTP app: a three-day shift with participants, the day's
// programme and attendance, diagnostics at the start and end, the change per scale, analysis and
// summary, the held rule in SQL agreeing with the domain rule, bad input refused by field with
// nothing written, concurrent edits detected, and an audit that keeps names of fields only.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { system } from '../db/gateway.js';
import { listMigrations } from '../db/migrate.js';
import { organizations } from '../access/tables.js';
import { SHIPPED_INDICATORS } from '../../domain/indicators/shipped.js';
import { heldSql } from './shifts.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let coord: Client;
let psych: Client;
let worker: Client;
let otherCoord: Client;
let ids: Record<string, string>;
let programmeId: string;
let otherProgrammeId: string;
let foreignProgrammeId: string;
let case1: { caseId: string; motherId: string; childId: string };
let case2: { caseId: string; motherId: string; childId: string };
let case3: { caseId: string; motherId: string; childId: string };
let foreignCase: { caseId: string; motherId: string };
let mentorId: string;
let foreignMentorId: string;

/** A mentor of the register (the mentoring area's own routes are tested there). */
async function registerMentor(o: TestOrganization, name: string, status = 'active'): Promise<string> {
  return system(t.engine, async (tx) => {
    const rows = await tx.execute<{
      id: string;
    }>(sql`insert into mentors (org_id, branch_id, kind, display_name, capacity, status, status_on, registered_on)
      values (${o.orgId}, ${o.branchIds[0]}, 'volunteer', ${name}, 2, ${status}, '2026-01-01', '2026-01-01') returning id::text`);
    return rows.rows[0]!.id;
  });
}

const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const [d1, d2, d3] = [dayOffset(-40), dayOffset(-39), dayOffset(-38)];
const pci = (score: number) => ({
  sensitivity_score: score,
  control_conflict_score: score,
  anticipation_score: score,
  warmth_score: score,
  stress_score: score,
});

async function shiftCount(): Promise<number> {
  return system(t.engine, async (tx) => Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from shifts`)).rows[0]!.n));
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  const users = {
    coord: await buildUser(t, org, ['coordinator']),
    psych: await buildUser(t, org, ['psychologist']),
    worker: await buildUser(t, org, ['case_worker']),
    otherCoord: await buildUser(t, other, ['coordinator']),
  };
  ids = Object.fromEntries(Object.entries(users).map(([k, v]) => [k, v.id]));
  coord = await login(t, users.coord.email);
  psych = await login(t, users.psych.email);
  worker = await login(t, users.worker.email);
  otherCoord = await login(t, users.otherCoord.email);
  const programme = async (c: Client, name: string) =>
    (await c.post('/api/programmes', { name, periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json().id as string;
  programmeId = await programme(admin, 'Выход');
  otherProgrammeId = await programme(admin, 'Другая');
  foreignProgrammeId = await programme(await login(t, other.adminEmail), 'Чужая');
  const open = async (c: Client, o: TestOrganization, lead: string, p: string) => {
    const built = await buildCase(c, { branchId: o.branchIds[0]!, programmeId: p, leadId: lead, openedOn: '2026-01-10' });
    const family = (await c.get(`/api/families/${built.familyId}`)).json() as { members: { id: string; relation: string }[] };
    return { caseId: built.caseId, motherId: built.motherId, childId: family.members.find((m) => m.relation === 'child')!.id };
  };
  case1 = await open(coord, org, ids.worker!, programmeId);
  case2 = await open(coord, org, ids.worker!, programmeId);
  case3 = await open(coord, org, ids.worker!, otherProgrammeId);
  foreignCase = await open(otherCoord, other, ids.otherCoord!, foreignProgrammeId);
  mentorId = await registerMentor(org, 'Светлана Ресурсная');
  foreignMentorId = await registerMentor(other, 'Чужой наставник');
}, 300_000);
afterAll(() => t.close());

const shiftInput = (overrides: Record<string, unknown> = {}) => ({
  branchId: org.branchIds[0],
  programmeId,
  title: 'Летняя смена «Вместе»',
  venue: 'База отдыха «Сосны», Псковская обл.',
  description: 'Три дня: детско-родительские занятия, консультации, итоговая встреча',
  startsOn: d1,
  endsOn: d3,
  specialistIds: [ids.psych],
  ...overrides,
});

describe('an away shift of three days', () => {
  let shiftId: string;
  let version: number;

  it('refuses an event that ends before it starts, or lasts months, by field, and writes nothing', async () => {
    const backwards = await coord.post('/api/shifts', shiftInput({ startsOn: d3, endsOn: d1 }));
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['endsOn']);
    const english = await coord.request('POST', '/api/shifts', shiftInput({ startsOn: d3, endsOn: d1 }), { 'accept-language': 'en' });
    expect(english.json().error.fields[0].message).toMatch(/before/i);
    const long = await coord.post('/api/shifts', shiftInput({ startsOn: dayOffset(-100), endsOn: d3 }));
    expect(long.statusCode).toBe(400);
    expect(long.json().error.fields[0].path).toBe('endsOn');
    const strangers = await coord.post('/api/shifts', shiftInput({ specialistIds: [ids.otherCoord] }));
    expect(strangers.json().error.fields[0].path).toBe('specialistIds');
    const foreignProgramme = await coord.post('/api/shifts', shiftInput({ programmeId: foreignProgrammeId }));
    expect(foreignProgramme.json().error.fields[0].path).toBe('programmeId');
    const foreignBranch = await coord.post('/api/shifts', shiftInput({ branchId: other.branchIds[0] }));
    expect(foreignBranch.json().error.fields[0].path).toBe('branchId');
    expect(await shiftCount()).toBe(0);
  });

  it('is recorded after the fact by the coordinator, with its specialist', async () => {
    const res = await coord.post('/api/shifts', shiftInput());
    expect(res.statusCode, res.body).toBe(201);
    const shift = res.json();
    shiftId = shift.id;
    version = shift.version;
    expect(shift).toMatchObject({ status: 'ended', heldWithSummary: false, families: 0, canManage: true });
    expect(shift.days.map((d: { day: string }) => d.day)).toEqual([d1, d2, d3]);
    expect(shift.specialists.map((s: { id: string }) => s.id)).toEqual([ids.psych]);
    expect(shift.missing).toEqual(['participants', 'analysis', 'summary']);
  });

  it('takes families of its programme that the caller reaches, and mentors; other ids are refused by field', async () => {
    const bad = await coord.post(`/api/shifts/${shiftId}/participants`, {
      members: [
        { caseId: case3.caseId, memberId: case3.motherId },
        { caseId: foreignCase.caseId, memberId: foreignCase.motherId },
        { caseId: case1.caseId, memberId: case2.motherId },
      ],
      mentors: [{ mentorId: foreignMentorId }],
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`)).toEqual([
      'members.0.caseId:shifts.errors.case_programme',
      'members.1.caseId:validation.invalid_option',
      'members.2.memberId:validation.invalid_option',
      'mentors.0.mentorId:validation.invalid_option',
    ]);
    // The psychologist runs the shift but does not reach these cases: she cannot bring families in.
    const notHers = await psych.post(`/api/shifts/${shiftId}/participants`, {
      members: [{ caseId: case1.caseId, memberId: case1.motherId }],
    });
    expect(notHers.statusCode).toBe(400);
    const res = await coord.post(`/api/shifts/${shiftId}/participants`, {
      members: [
        { caseId: case1.caseId, memberId: case1.motherId },
        { caseId: case1.caseId, memberId: case1.childId },
        { caseId: case2.caseId, memberId: case2.motherId },
        { caseId: case2.caseId, memberId: case2.childId },
      ],
      mentors: [{ mentorId }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const shift = res.json();
    expect(shift).toMatchObject({ families: 2, people: 5 });
    expect(shift.participants.map((p: { kind: string; name: string }) => `${p.kind}:${p.name}`).sort()).toEqual([
      'member:Дарья',
      'member:Дарья',
      'member:Миша',
      'member:Миша',
      'mentor:Светлана Ресурсная',
    ]);
    const misha = shift.participants.find((p: { memberId: string }) => p.memberId === case1.childId);
    expect(misha).toMatchObject({ relation: 'child', caseId: case1.caseId, age: 0 });
    expect(shift.missing).toEqual(['diagnostics_start', 'diagnostics_end', 'analysis', 'summary']);
  });

  it('keeps the programme and attendance of each day; a day outside the shift or to come is refused', async () => {
    const shift = (await coord.get(`/api/shifts/${shiftId}`)).json();
    const everyone = shift.participants.map((p: { id: string }) => p.id);
    const programme = await coord.put(`/api/shifts/${shiftId}/days/${d1}`, {
      programme: 'Заезд, знакомство, входная диагностика',
      version: 0,
    });
    expect(programme.statusCode, programme.body).toBe(200);
    expect((await coord.put(`/api/shifts/${shiftId}/days/${d1}`, { programme: 'Другое', version: 0 })).statusCode).toBe(409);
    expect((await coord.put(`/api/shifts/${shiftId}/days/${dayOffset(-10)}`, { programme: 'x', version: 0 })).statusCode).toBe(404);
    for (const [i, d] of [d1, d2, d3].entries()) {
      const present = i === 1 ? everyone.slice(0, 4) : everyone;
      const res = await psych.put(`/api/shifts/${shiftId}/days/${d}/attendance`, { participantIds: present });
      expect(res.statusCode, res.body).toBe(200);
    }
    const after = (await coord.get(`/api/shifts/${shiftId}`)).json();
    expect(after.days.map((d: { present: string[] }) => d.present.length)).toEqual([5, 4, 5]);
    expect(after.days[0].programme).toBe('Заезд, знакомство, входная диагностика');
    const stranger = await psych.put(`/api/shifts/${shiftId}/days/${d2}/attendance`, { participantIds: [case1.caseId] });
    expect(stranger.json().error.fields[0].path).toBe('participantIds');
    const future = await coord.post('/api/shifts', shiftInput({ startsOn: dayOffset(5), endsOn: dayOffset(7), title: 'Осенняя' }));
    const toCome = await coord.put(`/api/shifts/${future.json().id}/days/${dayOffset(5)}/attendance`, { participantIds: [] });
    expect(toCome.statusCode).toBe(400);
    expect(toCome.json().error.fields[0].path).toBe('day');
    expect(future.json().status).toBe('planned');
  });

  it('records the diagnostic at the start and at the end from a template, and computes the change per scale', async () => {
    const diagnose = (stage: string, caseId: string, memberId: string, conductedOn: string, score: number) =>
      psych.post(`/api/shifts/${shiftId}/diagnostics`, {
        stage,
        caseId,
        memberId,
        templateCode: 'parent_child_interaction',
        conductedOn,
        answers: pci(score),
      });
    // The parent–child interaction is a template about a child: the mother is refused by field.
    const mother = await diagnose('start', case1.caseId, case1.motherId, d1, 2);
    expect(mother.json().error.fields[0].path).toBe('memberId');
    const outside = await diagnose('start', case1.caseId, case1.childId, dayOffset(-41), 2);
    expect(outside.json().error.fields[0].path).toBe('conductedOn');
    const notThere = await diagnose('start', case3.caseId, case3.motherId, d1, 2);
    expect(notThere.json().error.fields[0].path).toBe('memberId');
    const badAnswer = await psych.post(`/api/shifts/${shiftId}/diagnostics`, {
      stage: 'start',
      caseId: case1.caseId,
      memberId: case1.childId,
      templateCode: 'parent_child_interaction',
      conductedOn: d1,
      answers: { warmth_score: 9 },
    });
    expect(badAnswer.json().error.fields[0].path).toBe('answers.warmth_score');
    const sensitive = await psych.post(`/api/shifts/${shiftId}/diagnostics`, {
      stage: 'start',
      caseId: case1.caseId,
      memberId: null,
      templateCode: 'family_needs',
      conductedOn: d1,
      answers: {},
    });
    expect(sensitive.json().error.fields[0].path).toBe('templateCode');
    expect((await diagnose('start', case1.caseId, case1.childId, d1, 2)).statusCode).toBe(201);
    // The coordinator runs the shift but is not among the template's roles.
    const byCoordinator = await coord.post(`/api/shifts/${shiftId}/diagnostics`, {
      stage: 'end',
      caseId: case1.caseId,
      memberId: case1.childId,
      templateCode: 'parent_child_interaction',
      conductedOn: d3,
      answers: pci(4),
    });
    expect(byCoordinator.statusCode).toBe(403);
    expect((await diagnose('start', case1.caseId, case1.childId, d1, 3)).statusCode).toBe(409);
    expect((await diagnose('start', case2.caseId, case2.childId, d1, 3)).statusCode).toBe(201);
    expect((await diagnose('end', case1.caseId, case1.childId, d3, 4)).statusCode).toBe(201);
    let shift = (await coord.get(`/api/shifts/${shiftId}`)).json();
    expect(shift.missing).toEqual(['diagnostics_end', 'analysis', 'summary']);
    const last = await diagnose('end', case2.caseId, case2.childId, d3, 3);
    expect(last.statusCode).toBe(201);
    shift = last.json();
    expect(shift.missing).toEqual(['analysis', 'summary']);
    expect(shift.diagnostics).toHaveLength(4);
    const child1 = shift.changes.find((c: { caseId: string }) => c.caseId === case1.caseId);
    expect(child1.scales.find((s: { domain: string }) => s.domain === 'warmth')).toMatchObject({
      from: 2,
      to: 4,
      delta: 2,
      direction: 'better',
      title: 'Эмоциональная теплота',
    });
    expect(shift.changes.find((c: { caseId: string }) => c.caseId === case2.caseId).scales[0].direction).toBe('same');
    version = shift.version;
  });

  it('counts as held with diagnostics, analysis and summary once the analysis and the summary are written', async () => {
    const early = await coord.put(`/api/shifts/${shiftId}/analysis`, { text: 'Рост теплоты у одной мамы', analysedOn: d2, version });
    expect(early.json().error.fields[0].path).toBe('analysedOn');
    const analysed = await psych.put(`/api/shifts/${shiftId}/analysis`, { text: 'Рост теплоты у одной мамы', analysedOn: d3, version });
    expect(analysed.statusCode, analysed.body).toBe(200);
    expect(analysed.json().missing).toEqual(['summary']);
    const stale = await coord.put(`/api/shifts/${shiftId}/summary`, { text: 'Итоги', writtenOn: dayOffset(-30), version });
    expect(stale.statusCode).toBe(409);
    const summed = await coord.put(`/api/shifts/${shiftId}/summary`, {
      text: 'Смена проведена, семьи отметили пользу',
      writtenOn: dayOffset(-30),
      version: analysed.json().version,
    });
    expect(summed.statusCode, summed.body).toBe(200);
    expect(summed.json()).toMatchObject({ status: 'held_with_summary', heldWithSummary: true, missing: [] });
    expect(summed.json().summary).toMatchObject({ text: 'Смена проведена, семьи отметили пользу', writtenOn: dayOffset(-30) });
    const list = (await coord.get('/api/shifts')).json().items;
    expect(list.find((s: { id: string }) => s.id === shiftId)).toMatchObject({ heldWithSummary: true, families: 2 });
  });

  it('agrees with the SQL form of the rule the indicator counts by', async () => {
    const list = (await coord.get('/api/shifts')).json().items as { id: string; heldWithSummary: boolean }[];
    const held = await system(t.engine, (tx) =>
      tx.execute<{ id: string; held: boolean }>(sql`select s.id::text, ${heldSql('s', sql`current_date`)} as held from shifts s`),
    );
    for (const s of list) expect(held.rows.find((r) => r.id === s.id)!.held).toBe(s.heldWithSummary);
    expect(held.rows.filter((r) => r.held)).toHaveLength(1);
  });

  it('counts consultations given during the shift as services, in the hours of consultations', async () => {
    const types = (await coord.get('/api/service-types')).json().items as { id: string; code: string }[];
    const consultation = (date: string, shiftId_: string | null = shiftId) =>
      worker.post('/api/services', {
        caseId: case1.caseId,
        typeId: types.find((x) => x.code === 'psy_individual')!.id,
        date,
        durationMinutes: 90,
        specialistIds: [ids.psych],
        format: 'in_person',
        initiatedBy: 'client',
        shiftId: shiftId_,
      });
    const outside = await consultation(dayOffset(-45));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.fields[0]).toMatchObject({ path: 'shiftId', code: 'shifts.errors.outside_shift' });
    const given = await consultation(d2);
    expect(given.statusCode, given.body).toBe(201);
    expect(given.json().shiftId).toBe(shiftId);
    expect((await coord.get(`/api/shifts/${shiftId}`)).json().consultations).toEqual({ count: 1, hours: 1.5 });
  });

  it('is counted in plan vs actual by the shipped indicator, in the period it ended', async () => {
    const admin = await login(t, org.adminEmail);
    const indicators = (await admin.get('/api/indicators')).json().items as { id: string; code: string }[];
    const id = (code: string) => indicators.find((i) => i.code === code)!.id;
    const from = dayOffset(-60);
    const to = dayOffset(0);
    const targets = await admin.put(`/api/programmes/${programmeId}/targets`, {
      from,
      to,
      targets: [
        { indicatorId: id('away_shifts_with_summary'), planned: 2 },
        { indicatorId: id('consultation_hours'), planned: 10 },
      ],
    });
    expect(targets.statusCode, targets.body).toBe(200);
    const report = await coord.get(`/api/reports/plan-vs-actual?programmeId=${programmeId}&from=${from}&to=${to}`);
    expect(report.statusCode, report.body).toBe(200);
    const row = (code: string) =>
      (report.json().rows as { code: string; planned: number; achieved: number }[]).find((r) => r.code === code);
    // One shift held with diagnostics, analysis and summary (the autumn one has not happened yet).
    expect(row('away_shifts_with_summary')).toMatchObject({ planned: 2, achieved: 1, percent: 50 });
    // The 90-minute consultation at the shift.
    expect(row('consultation_hours')).toMatchObject({ achieved: 1.5 });
    // A period the shift did not end in does not count it.
    const before = await coord.get(
      `/api/reports/plan-vs-actual?programmeId=${programmeId}&from=${dayOffset(-60)}&to=${dayOffset(-39)}&all=true`,
    );
    expect((before.json().rows as { code: string; achieved: number }[]).find((r) => r.code === 'away_shifts_with_summary')?.achieved).toBe(
      0,
    );
  });

  it('keeps its dates consistent with what was recorded, and edits are version-checked', async () => {
    const shift = (await coord.get(`/api/shifts/${shiftId}`)).json();
    const shorter = await coord.put(`/api/shifts/${shiftId}`, { ...shiftInput({ endsOn: d2 }), version: shift.version });
    expect(shorter.statusCode).toBe(400);
    expect(shorter.json().error.fields[0].path).toBe('endsOn');
    const renamed = await coord.put(`/api/shifts/${shiftId}`, { ...shiftInput({ title: 'Летняя смена' }), version: shift.version });
    expect(renamed.statusCode, renamed.body).toBe(200);
    const again = await coord.put(`/api/shifts/${shiftId}`, { ...shiftInput({ title: 'Снова' }), version: shift.version });
    expect(again.statusCode).toBe(409);
  });

  it('shows a family’s case team the shift with its own family only; the M&E officer gets counts only', async () => {
    // The case worker leads both families: she sees all of them (and the mentor), but does not run the shift.
    const seen = (await worker.get(`/api/shifts/${shiftId}`)).json();
    expect(seen.canManage).toBe(false);
    expect(seen.participants).toHaveLength(5);
    // Another worker, whose only family joins later, reads the shift with her family alone (first
    // names), the others only counted, and none of their diagnostics.
    const lead2 = await buildUser(t, org, ['case_worker']);
    const own = await buildCase(coord, { branchId: org.branchIds[0]!, programmeId, leadId: lead2.id, openedOn: '2026-01-10' });
    const joined = await coord.post(`/api/shifts/${shiftId}/participants`, { members: [{ caseId: own.caseId, memberId: own.motherId }] });
    expect(joined.statusCode, joined.body).toBe(200);
    const hers = (await (await login(t, lead2.email)).get(`/api/shifts/${shiftId}`)).json();
    // The mentor of the register is shown to every reader; of the families, only her own.
    expect(hers.participants.map((p: { kind: string; caseId: string | null }) => `${p.kind}:${p.caseId}`).sort()).toEqual([
      `member:${own.caseId}`,
      'mentor:null',
    ]);
    expect(hers).toMatchObject({ people: 6, families: 3, diagnostics: [], changes: [], canManage: false });
    const joinedId = joined.json().participants.find((p: { caseId: string }) => p.caseId === own.caseId).id as string;
    expect((await coord.request('DELETE', `/api/shifts/${shiftId}/participants/${joinedId}`)).statusCode).toBe(200);
    const me = await login(t, (await buildUser(t, org, ['me_officer'])).email);
    expect((await me.get(`/api/shifts/${shiftId}`)).statusCode).toBe(403);
    const countsUrl = `/api/shifts/counts?from=${dayOffset(-60)}&to=${dayOffset(0)}`;
    const counts = (await me.get(countsUrl)).json();
    // She cannot open the branch's cases: its small counts read as the funder exports show them
    // (issue 11, point 6); days are a sum of time, not a count of people.
    expect(counts.items).toEqual([
      { branchId: org.branchIds[0], branchName: 'Москва', shifts: '<5', heldWithSummary: '<5', families: '<5', days: 3 },
    ]);
    expect(JSON.stringify(counts)).not.toContain('Летняя');
    // The branch's coordinator and supervisor, who open every case of it, read them exactly; another branch's coordinator does not.
    const exact = { branchId: org.branchIds[0], branchName: 'Москва', shifts: 1, heldWithSummary: 1, families: 2, days: 3 };
    expect((await coord.get(countsUrl)).json().items).toEqual([exact]);
    const supervisor = await login(t, (await buildUser(t, org, ['supervisor'])).email);
    expect((await supervisor.get(countsUrl)).json().items).toEqual([exact]);
    const coordB = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[1]!])).email);
    expect((await coordB.get(countsUrl)).json().items).toEqual([{ ...exact, shifts: '<5', heldWithSummary: '<5', families: '<5' }]);
    expect((await otherCoord.get(`/api/shifts/${shiftId}`)).statusCode).toBe(404);
  });

  it('audits every change with ids and field names, never the texts', async () => {
    const admin = await login(t, org.adminEmail);
    const entries = (await admin.get(`/api/audit?recordType=shift&recordId=${shiftId}&pageSize=100`)).json().items as {
      details: unknown;
    }[];
    expect(entries.length).toBeGreaterThanOrEqual(8);
    const text = JSON.stringify(entries);
    for (const secret of ['Летняя', 'Сосны', 'Рост теплоты', 'Смена проведена', 'Заезд', 'Дарья']) expect(text).not.toContain(secret);
    expect(text).toContain('summary');
  });
});

describe('migration 0030: the shifts indicator for organisations created before it', () => {
  const migration = listMigrations().find((m) => m.version === 30)!;
  const part = migration.sql.slice(migration.sql.indexOf('-- Organisations created before this migration get the shipped indicator'));

  it('gives an older organisation the shipped definition once, and keeps an indicator it already has', async () => {
    expect(part).toContain('insert into indicator_versions');
    const older = async () =>
      system(
        t.engine,
        async (tx) => (await tx.insert(organizations).values({ name: 'Старая' }).returning({ id: organizations.id }))[0]!.id,
      );
    const [plain, own] = [await older(), await older()];
    await system(t.engine, (tx) => tx.execute(sql`insert into indicators (org_id, code) values (${own}, 'away_shifts_with_summary')`));
    await t.engine.exec(part, true);
    await t.engine.exec(part, true);
    const rows = await system(t.engine, (tx) =>
      tx.execute<{ org_id: string; definition: unknown }>(sql`select i.org_id::text, v.definition from indicators i
        left join indicator_versions v on v.indicator_id = i.id where i.code = 'away_shifts_with_summary' and i.org_id in (${plain}, ${own})`),
    );
    const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : v);
    expect(rows.rows).toHaveLength(2);
    expect(json(rows.rows.find((r) => r.org_id === plain)!.definition)).toEqual(
      SHIPPED_INDICATORS.find((d) => d.code === 'away_shifts_with_summary'),
    );
    expect(rows.rows.find((r) => r.org_id === own)!.definition).toBeNull();
  });
});
