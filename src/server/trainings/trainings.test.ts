// Trainings through the real HTTP app on both engines: a two-session seminar with its rules (dates,
// length, attendance after the fact, completion by the rule, certificates only for those who
// completed, numbered per organisation and year), another organisation's ids in every id field, the
// audit keeping names only, and consultations for specialists that show a case only to its team.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
const spec: Record<string, string> = {};
let programmeId: string;
let caseId: string;
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);

async function specialist(orgId: string, lastName: string, profession: string, city: string, region: string): Promise<string> {
  return system(t.engine, async (tx) => {
    const row = await tx.execute<{
      id: string;
    }>(sql`insert into external_specialists (org_id, last_name, first_name, middle_name, profession,
        region, city, consent_on) values (${orgId}, ${lastName}, 'Мария', 'Ивановна', ${profession}, ${region}, ${city}, '2026-01-10') returning id::text`);
    return row.rows[0]!.id;
  });
}

async function count(table: string): Promise<number> {
  return system(t.engine, async (tx) =>
    Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)}`)).rows[0]!.n),
  );
}

const seminar = (overrides: Record<string, unknown> = {}) => ({
  branchId: org.branchIds[0],
  programmeId,
  kind: 'seminar',
  title: 'Технология ведения случая',
  curriculum: 'День 1: оценка. День 2: план.',
  startsOn: '2026-10-05',
  endsOn: '2026-10-06',
  hours: 16,
  place: 'Москва, ул. Садовая, 12',
  teachesCaseManagement: true,
  minHours: 12,
  trainers: [{ userId: ids.coord }],
  ...overrides,
});

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  const users: [string, TestOrganization, Parameters<typeof buildUser>[2], number][] = [
    ['coord', org, ['coordinator'], 0],
    ['worker', org, ['case_worker'], 0],
    ['psy', org, ['psychologist'], 0],
    ['otherCoord', other, ['coordinator'], 0],
  ];
  for (const [name, o, roles, branch] of users) {
    const user = await buildUser(t, o, roles, [o.branchIds[branch]!]);
    ids[name] = user.id;
    c[name] = await login(t, user.email);
  }
  c.admin = await login(t, org.adminEmail);
  programmeId = (await c.admin.post('/api/programmes', { name: 'Программа', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json()
    .id;
  caseId = (await buildCase(c.coord!, { branchId: org.branchIds[0]!, programmeId, leadId: ids.worker!, openedOn: '2026-09-01' })).caseId;
  spec.speech = await specialist(org.orgId, 'Логинова', 'speech_therapist', 'Псков', 'Псковская область');
  spec.defect = await specialist(org.orgId, 'Дефье', 'defectologist', 'Великие Луки', 'Псковская область');
  spec.psych = await specialist(org.orgId, 'Сомова', 'psychologist', 'Хабаровск', 'Хабаровский край');
  spec.theirs = await specialist(other.orgId, 'Чужая', 'teacher', 'Тверь', 'Тверская область');
}, 240_000);
afterAll(() => t.close());

describe('a two-session seminar', () => {
  let id: string;
  let s1: string;
  let s2: string;
  const p: Record<string, string> = {};

  it('refuses an event ending before it starts, a rule longer than the event, and ids out of reach — nothing written', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ endsOn: '2026-10-04' }, 'endsOn'],
      [{ minHours: 17 }, 'minHours'],
      [{ branchId: org.branchIds[1] }, 'branchId'],
      [{ branchId: other.branchIds[0] }, 'branchId'],
      [{ programmeId: 'ffffffff-ffff-4fff-8fff-ffffffffffff' }, 'programmeId'],
      [{ trainers: [{ specialistId: spec.theirs }] }, 'trainers.0.specialistId'],
      [{ trainers: [{ userId: ids.otherCoord }] }, 'trainers.0.userId'],
      [{ hours: 0 }, 'hours'],
    ];
    for (const [overrides, path] of cases) {
      const res = await c.coord!.post('/api/trainings', seminar(overrides));
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
    }
    const ru = await c.coord!.post('/api/trainings', seminar({ endsOn: '2026-10-01' }));
    expect(ru.json().error.fields[0].message).toBe('Окончание раньше начала');
    const en = await c.coord!.request('POST', '/api/trainings', seminar({ endsOn: '2026-10-01' }), { 'accept-language': 'en' });
    expect(en.json().error.fields[0].message).toBe('Ends before it starts');
    expect(await count('trainings')).toBe(0);
  });

  it('adds the seminar with its trainers and sessions within its dates and length', async () => {
    const res = await c.coord!.post('/api/trainings', seminar({ trainers: [{ userId: ids.coord }, { specialistId: spec.psych }] }));
    expect(res.statusCode, res.body).toBe(201);
    id = res.json().id;
    expect(res.json().trainers.map((x: { name: string }) => x.name)).toEqual([expect.stringContaining('Петрова'), 'Сомова Мария Ивановна']);
    const outside = await c.coord!.post(`/api/trainings/${id}/sessions`, { heldOn: '2026-10-07', hours: 8 });
    expect(outside.json().error.fields[0].path).toBe('heldOn');
    const first = await c.coord!.post(`/api/trainings/${id}/sessions`, { heldOn: '2026-10-05', hours: 8, topic: 'Оценка' });
    expect(first.statusCode, first.body).toBe(201);
    s1 = first.json().id;
    const over = await c.coord!.post(`/api/trainings/${id}/sessions`, { heldOn: '2026-10-06', hours: 8.25 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields[0].path).toBe('hours');
    s2 = (await c.coord!.post(`/api/trainings/${id}/sessions`, { heldOn: '2026-10-06', hours: 8, topic: 'План' })).json().id;
    expect(await count('training_sessions')).toBe(2);
    // The event cannot shrink below its sessions.
    const shrink = await c.coord!.put(`/api/trainings/${id}`, { ...seminar(), hours: 12, minHours: 8, version: 1 });
    expect(shrink.json().error.fields[0].path).toBe('hours');
    const earlier = await c.coord!.put(`/api/trainings/${id}`, { ...seminar(), endsOn: '2026-10-05', version: 1 });
    expect(earlier.json().error.fields[0].path).toBe('endsOn');
  });

  it('registers specialists and staff once, on a day not in the future', async () => {
    const future = await c.coord!.post(`/api/trainings/${id}/participants`, {
      person: { specialistId: spec.speech },
      registeredOn: tomorrow,
    });
    expect(future.json().error.fields[0].path).toBe('registeredOn');
    const theirs = await c.coord!.post(`/api/trainings/${id}/participants`, {
      person: { specialistId: spec.theirs },
      registeredOn: '2026-09-20',
    });
    expect(theirs.json().error.fields[0].path).toBe('person.specialistId');
    for (const [key, person] of [
      ['speech', { specialistId: spec.speech }],
      ['defect', { specialistId: spec.defect }],
      ['worker', { userId: ids.worker }],
    ] as const) {
      const res = await c.coord!.post(`/api/trainings/${id}/participants`, { person, registeredOn: '2026-09-20' });
      expect(res.statusCode, res.body).toBe(201);
      p[key] = res
        .json()
        .participants.find((x: { person: { specialistId: string; userId: string } }) =>
          'specialistId' in person ? x.person.specialistId === person.specialistId : x.person.userId === person.userId,
        ).id;
    }
    const again = await c.coord!.post(`/api/trainings/${id}/participants`, {
      person: { specialistId: spec.speech },
      registeredOn: '2026-09-20',
    });
    expect(again.statusCode).toBe(409);
    expect(await count('training_participants')).toBe(3);
  });

  it('records attendance and tests; completion needs the hours, then a certificate is numbered', async () => {
    const a1 = await c.coord!.put(`/api/trainings/${id}/sessions/${s1}/attendance`, {
      participantIds: [p.speech, p.defect, p.worker],
      version: 1,
    });
    expect(a1.statusCode, a1.body).toBe(200);
    const a2 = await c.coord!.put(`/api/trainings/${id}/sessions/${s2}/attendance`, { participantIds: [p.speech, p.worker], version: 1 });
    expect(a2.statusCode, a2.body).toBe(200);
    const stale = await c.coord!.put(`/api/trainings/${id}/sessions/${s2}/attendance`, { participantIds: [], version: 1 });
    expect(stale.statusCode).toBe(409);
    const view = a2.json();
    const speech = view.participants.find((x: { id: string }) => x.id === p.speech);
    const defect = view.participants.find((x: { id: string }) => x.id === p.defect);
    expect(speech).toMatchObject({ attendedHours: 16, meetsRule: true, cpdHours: 0 });
    expect(defect).toMatchObject({ attendedHours: 8, meetsRule: false });
    const scores = await c.coord!.put(`/api/trainings/${id}/participants/${p.speech}/scores`, {
      preScore: 40,
      postScore: 85,
      version: speech.version,
    });
    expect(scores.statusCode, scores.body).toBe(200);

    // Completion without the required attendance: 400 naming the hours, nothing written.
    const short = await c.coord!.post(`/api/trainings/${id}/participants/${p.defect}/completion`, {
      completedOn: '2026-10-06',
      version: defect.version,
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0]).toMatchObject({ path: 'attendedHours', message: 'Посещено 8 ч из требуемых 12 ч' });
    const future = await c.coord!.post(`/api/trainings/${id}/participants/${p.speech}/completion`, { completedOn: tomorrow, version: 2 });
    expect(future.json().error.fields[0].path).toBe('completedOn');
    const early = await c.coord!.post(`/api/trainings/${id}/participants/${p.speech}/completion`, {
      completedOn: '2026-10-05',
      version: 2,
    });
    expect(early.json().error.fields[0].path).toBe('completedOn');
    expect(
      await system(
        t.engine,
        async (tx) => (await tx.execute(sql`select 1 from training_participants where completed_on is not null`)).rows.length,
      ),
    ).toBe(0);
    const done = await c.coord!.post(`/api/trainings/${id}/participants/${p.speech}/completion`, { completedOn: '2026-10-06', version: 2 });
    expect(done.statusCode, done.body).toBe(200);
    // Everyone else who met the rule at once: the worker (16 h); the defectologist did not.
    const all = await c.coord!.post(`/api/trainings/${id}/completions`, { completedOn: '2026-10-06' });
    expect(all.statusCode, all.body).toBe(200);
    const completed = all
      .json()
      .participants.filter((x: { completedOn: string | null }) => x.completedOn)
      .map((x: { id: string }) => x.id);
    expect(completed.sort()).toEqual([p.speech, p.worker].sort());
    expect(all.json().participants.find((x: { id: string }) => x.id === p.speech).cpdHours).toBe(16);

    // A completed participant keeps the attendance completion stands on.
    const undo = await c.coord!.put(`/api/trainings/${id}/sessions/${s2}/attendance`, { participantIds: [p.worker], version: 2 });
    expect(undo.json().error.fields[0].path).toBe('participantIds');

    // A certificate for someone who did not complete: 400 naming the entry, nothing issued.
    const notDone = await c.coord!.post(`/api/trainings/${id}/certificates`, {
      issuedOn: '2026-10-07',
      participantIds: [p.speech, p.defect],
    });
    expect(notDone.statusCode).toBe(400);
    expect(notDone.json().error.fields[0].path).toBe('participantIds.1');
    const before = await c.coord!.post(`/api/trainings/${id}/certificates`, { issuedOn: '2026-10-05', participantIds: [p.speech] });
    expect(before.json().error.fields[0].path).toBe('issuedOn');
    expect(
      await system(
        t.engine,
        async (tx) => (await tx.execute(sql`select 1 from training_participants where certificate_number is not null`)).rows.length,
      ),
    ).toBe(0);
    const issued = await c.coord!.post(`/api/trainings/${id}/certificates`, {
      issuedOn: '2026-10-07',
      participantIds: [p.speech, p.worker],
    });
    expect(issued.statusCode, issued.body).toBe(200);
    const numbers = issued
      .json()
      .participants.map((x: { certificateNumber: string | null }) => x.certificateNumber)
      .filter(Boolean);
    expect(numbers.sort()).toEqual(['2026-0001', '2026-0002']);
    const twice = await c.coord!.post(`/api/trainings/${id}/certificates`, { issuedOn: '2026-10-07', participantIds: [p.speech] });
    expect(twice.json().error.fields[0].path).toBe('participantIds.0');

    const pdf = await c.coord!.get(`/api/trainings/${id}/participants/${p.speech}/certificate.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const none = await c.coord!.get(`/api/trainings/${id}/participants/${p.defect}/certificate.pdf`);
    expect(none.statusCode).toBe(409);
  });

  it('numbers certificates per organisation and per year of issue', async () => {
    const later = (
      await c.coord!.post('/api/trainings', seminar({ startsOn: '2025-11-10', endsOn: '2025-11-10', hours: 4, minHours: 4 }))
    ).json();
    const session = (await c.coord!.post(`/api/trainings/${later.id}/sessions`, { heldOn: '2025-11-10', hours: 4 })).json();
    const reg = (
      await c.coord!.post(`/api/trainings/${later.id}/participants`, { person: { specialistId: spec.psych }, registeredOn: '2025-11-01' })
    ).json();
    const pid = reg.participants[0].id;
    await c.coord!.put(`/api/trainings/${later.id}/sessions/${session.id}/attendance`, { participantIds: [pid], version: 1 });
    await c.coord!.post(`/api/trainings/${later.id}/completions`, { completedOn: '2025-11-10' });
    const old = await c.coord!.post(`/api/trainings/${later.id}/certificates`, { issuedOn: '2025-12-01', participantIds: [pid] });
    expect(old.json().participants[0].certificateNumber).toBe('2025-0001');
    // Another organisation has a numbering of its own.
    const theirs = (
      await c.otherCoord!.post('/api/trainings', { ...seminar(), branchId: other.branchIds[0], programmeId: undefined, trainers: [] })
    ).json();
    const ts = (await c.otherCoord!.post(`/api/trainings/${theirs.id}/sessions`, { heldOn: '2026-10-05', hours: 12 })).json();
    const tp = (
      await c.otherCoord!.post(`/api/trainings/${theirs.id}/participants`, {
        person: { specialistId: spec.theirs },
        registeredOn: '2026-10-01',
      })
    ).json().participants[0].id;
    await c.otherCoord!.put(`/api/trainings/${theirs.id}/sessions/${ts.id}/attendance`, { participantIds: [tp], version: 1 });
    await c.otherCoord!.post(`/api/trainings/${theirs.id}/completions`, { completedOn: '2026-10-05' });
    const their = await c.otherCoord!.post(`/api/trainings/${theirs.id}/certificates`, { issuedOn: '2026-10-06', participantIds: [tp] });
    expect(their.json().participants[0].certificateNumber).toBe('2026-0001');
    // Our ids in their training's fields are unknown there.
    const cross = await c.otherCoord!.put(`/api/trainings/${theirs.id}/sessions/${ts.id}/attendance`, {
      participantIds: [p.speech],
      version: 2,
    });
    expect(cross.json().error.fields[0].path).toBe('participantIds.0');
    expect((await c.otherCoord!.get(`/api/trainings/${id}`)).statusCode).toBe(404);
  });

  it('undoes a completion recorded by mistake, not once a certificate is issued', async () => {
    const novikova = await specialist(org.orgId, 'Новикова', 'psychologist', 'Псков', 'Псковская область');
    const reg = await c.coord!.post(`/api/trainings/${id}/participants`, {
      person: { specialistId: novikova },
      registeredOn: '2026-09-20',
    });
    const pid = reg.json().participants.find((x: { person: { specialistId: string } }) => x.person.specialistId === novikova).id as string;
    const sessions = reg.json().sessions as { id: string; version: number }[];
    let view = reg.json();
    for (const s of sessions) {
      const present = view.participants.filter((x: { attended: string[] }) => x.attended.includes(s.id)).map((x: { id: string }) => x.id);
      const res = await c.coord!.put(`/api/trainings/${id}/sessions/${s.id}/attendance`, {
        participantIds: [...present, pid],
        version: s.version,
      });
      expect(res.statusCode, res.body).toBe(200);
      view = res.json();
    }
    const mine = () => view.participants.find((x: { id: string }) => x.id === pid);
    const done = await c.coord!.post(`/api/trainings/${id}/participants/${pid}/completion`, {
      completedOn: '2026-10-06',
      version: mine().version,
    });
    expect(done.statusCode, done.body).toBe(200);
    view = done.json();
    expect(mine()).toMatchObject({ completedOn: '2026-10-06', cpdHours: 16 });
    const stale = await c.coord!.del(`/api/trainings/${id}/participants/${pid}/completion?version=${mine().version - 1}`);
    expect(stale.statusCode).toBe(409);
    // Not someone else's participant id, nor another organisation's caller.
    expect((await c.coord!.del(`/api/trainings/${id}/participants/${sessions[0]!.id}/completion?version=1`)).statusCode).toBe(404);
    expect((await c.otherCoord!.del(`/api/trainings/${id}/participants/${pid}/completion?version=${mine().version}`)).statusCode).toBe(404);
    const undo = await c.coord!.del(`/api/trainings/${id}/participants/${pid}/completion?version=${mine().version}`);
    expect(undo.statusCode, undo.body).toBe(200);
    view = undo.json();
    expect(mine()).toMatchObject({ completedOn: null, meetsRule: true, cpdHours: 0 });
    const again = await c.coord!.del(`/api/trainings/${id}/participants/${pid}/completion?version=${mine().version}`);
    expect(again.statusCode).toBe(409);
    // With a certificate the completion stays.
    const speech = view.participants.find((x: { id: string }) => x.id === p.speech);
    const issued = await c.coord!.del(`/api/trainings/${id}/participants/${p.speech}/completion?version=${speech.version}`);
    expect(issued.statusCode).toBe(409);
    expect(issued.json().error.id).toBe('trainings.errors.has_certificate');
    expect(
      (await c.coord!.get(`/api/trainings/${id}`)).json().participants.find((x: { id: string }) => x.id === p.speech).completedOn,
    ).toBe('2026-10-06');
    // Taken off again, so the figures of the other tests stay as they were.
    expect((await c.coord!.del(`/api/trainings/${id}/participants/${pid}`)).statusCode).toBe(200);
  });

  it("another organisation's ids in every id field of its own training: 404 or 400 naming the field, nothing written", async () => {
    const o = c.otherCoord!;
    const theirs = (
      await o.post('/api/trainings', { ...seminar(), branchId: other.branchIds[0], programmeId: undefined, trainers: [] })
    ).json();
    const before = await Promise.all(
      ['training_participants', 'training_sessions', 'training_attendance', 'specialist_consultations'].map(count),
    );
    const version = theirs.version as number;
    const refused: [Promise<{ statusCode: number; json(): { error: { fields?: { path: string }[] } } }>, number, string?][] = [
      [o.put(`/api/trainings/${theirs.id}`, { ...seminar(), branchId: other.branchIds[0], trainers: [], version }), 400, 'programmeId'],
      [
        o.put(`/api/trainings/${theirs.id}`, { ...seminar(), branchId: org.branchIds[0], programmeId: undefined, trainers: [], version }),
        400,
        'branchId',
      ],
      [
        o.post(`/api/trainings/${theirs.id}/participants`, { person: { userId: ids.worker }, registeredOn: '2026-10-01' }),
        400,
        'person.userId',
      ],
      [o.post(`/api/trainings/${theirs.id}/certificates`, { issuedOn: '2026-10-07', participantIds: [p.speech] }), 400, 'participantIds.0'],
      [o.post(`/api/trainings/${theirs.id}/participants/${p.speech}/completion`, { completedOn: '2026-10-06', version: 1 }), 404],
      [o.del(`/api/trainings/${theirs.id}/participants/${p.speech}/completion?version=1`), 404],
      [o.del(`/api/trainings/${theirs.id}/participants/${p.speech}`), 404],
      [o.put(`/api/trainings/${theirs.id}/participants/${p.speech}/scores`, { preScore: 1, postScore: 2, version: 1 }), 404],
      [o.get(`/api/trainings/${theirs.id}/participants/${p.speech}/certificate.pdf`), 404],
      [o.put(`/api/trainings/${theirs.id}/sessions/${s1}`, { heldOn: '2026-10-05', hours: 1, version: 2 }), 404],
      [o.del(`/api/trainings/${theirs.id}/sessions/${s1}`), 404],
      [o.put(`/api/trainings/${theirs.id}/sessions/${s1}/attendance`, { participantIds: [], version: 2 }), 404],
      [
        o.post('/api/specialist-consultations', {
          branchId: other.branchIds[0],
          programmeId,
          givenOn: '2026-10-20',
          minutes: 60,
          topic: 'Тема',
          specialistIds: [spec.theirs],
        }),
        400,
        'programmeId',
      ],
    ];
    for (const [pending, status, path] of refused) {
      const res = await pending;
      expect(res.statusCode, path).toBe(status);
      if (path) expect(res.json().error.fields?.[0]?.path).toBe(path);
    }
    const after = await Promise.all(
      ['training_participants', 'training_sessions', 'training_attendance', 'specialist_consultations'].map(count),
    );
    expect(after).toEqual(before);
    expect((await o.get(`/api/trainings/${theirs.id}`)).json().version).toBe(version);
  });

  it('keeps ids and field names in the audit, never values', async () => {
    const rows = await system(t.engine, (tx) =>
      tx.execute<{ record_type: string; details: unknown }>(
        sql`select record_type, details from audit_log where record_type like 'training%'`,
      ),
    );
    expect(rows.rows.length).toBeGreaterThan(10);
    const text = JSON.stringify(rows.rows);
    for (const value of ['Технология', 'Садовая', 'Оценка', '2026-0001', 'Логинова']) expect(text).not.toContain(value);
    expect(text).toContain('completedOn');
  });
});

describe('consultations for specialists', () => {
  const consult = (overrides: Record<string, unknown> = {}) => ({
    branchId: org.branchIds[0],
    givenOn: '2026-10-20',
    minutes: 90,
    topic: 'Запуск речи у ребёнка 3 лет',
    specialistIds: [spec.speech],
    ...overrides,
  });

  it('links a case only the caller reaches, and shows it only to those who reach it', async () => {
    // The psychologist of the same branch is not on the case's team: naming it is a 400.
    const outOfReach = await c.psy!.post('/api/specialist-consultations', consult({ caseId, caseNote: 'Мальчик 3 лет, не говорит' }));
    expect(outOfReach.statusCode).toBe(400);
    expect(outOfReach.json().error.fields[0].path).toBe('caseId');
    const bad: [Record<string, unknown>, string][] = [
      [{ givenOn: tomorrow }, 'givenOn'],
      [{ givenOn: '2026-08-01', caseId }, 'givenOn'],
      [{ specialistIds: [spec.theirs] }, 'specialistIds.0'],
      [{ branchId: other.branchIds[0] }, 'branchId'],
      [{ caseNote: 'без случая' }, 'caseNote'],
    ];
    for (const [overrides, path] of bad) {
      const res = await c.worker!.post('/api/specialist-consultations', consult(overrides));
      expect(res.statusCode, JSON.stringify(overrides)).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
    }
    const theirCase = await c.otherCoord!.post(
      '/api/specialist-consultations',
      consult({ branchId: other.branchIds[0], specialistIds: [spec.theirs], caseId }),
    );
    expect(theirCase.json().error.fields[0].path).toBe('caseId');
    expect(await count('specialist_consultations')).toBe(0);

    const res = await c.worker!.post('/api/specialist-consultations', consult({ caseId, caseNote: 'Мальчик 3 лет, не говорит' }));
    expect(res.statusCode, res.body).toBe(201);
    const kid = res.json().id as string;
    // The programme is the case's when none is named.
    expect(res.json()).toMatchObject({ caseId, caseNote: 'Мальчик 3 лет, не говорит', programmeId, minutes: 90 });
    const seen = (await c.psy!.get(`/api/specialist-consultations/${kid}`)).json();
    expect(seen.topic).toBe('Запуск речи у ребёнка 3 лет');
    expect(seen.caseId).toBeUndefined();
    expect(seen.caseNote).toBeUndefined();
    const list = (await c.psy!.get('/api/specialist-consultations')).json();
    expect(list.totalMinutes).toBe(90);
    expect(JSON.stringify(list)).not.toContain(caseId);
    expect(JSON.stringify(list)).not.toContain('не говорит');
    // Editing without seeing the case keeps the link as it was.
    const edit = await c.psy!.put(`/api/specialist-consultations/${kid}`, { ...consult({ minutes: 60 }), version: 1 });
    expect(edit.statusCode, edit.body).toBe(200);
    const after = (await c.worker!.get(`/api/specialist-consultations/${kid}`)).json();
    expect(after).toMatchObject({ caseId, caseNote: 'Мальчик 3 лет, не говорит', minutes: 60, version: 2 });
    const stale = await c.worker!.put(`/api/specialist-consultations/${kid}`, { ...consult(), version: 1 });
    expect(stale.statusCode).toBe(409);
    // Nor may the psychologist replace the link or its note over it: 400 naming the field, nothing written.
    for (const [overrides, path] of [
      [{ caseId }, 'caseId'],
      [{ caseNote: 'Другой текст' }, 'caseNote'],
    ] as const) {
      const res = await c.psy!.put(`/api/specialist-consultations/${kid}`, { ...consult(overrides), version: 2 });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
    }
    expect((await c.worker!.get(`/api/specialist-consultations/${kid}`)).json()).toMatchObject({
      caseNote: 'Мальчик 3 лет, не говорит',
      version: 2,
    });
    // A branch filter outside the caller's branches is refused by its field, not answered empty.
    for (const branchId of [org.branchIds[1], other.branchIds[0]]) {
      for (const url of [`/api/specialist-consultations?branchId=${branchId}`, `/api/trainings?branchId=${branchId}`]) {
        const res = await c.worker!.get(url);
        expect(res.statusCode, url).toBe(400);
        expect(res.json().error.fields[0].path).toBe('branchId');
      }
    }
    expect((await c.worker!.get(`/api/trainings?branchId=${org.branchIds[0]}`)).statusCode).toBe(200);
    // Another branch and another organisation do not find it.
    expect((await c.otherCoord!.get(`/api/specialist-consultations/${kid}`)).statusCode).toBe(404);
  });

  it('deletes a consultation: one about a case only by those who reach the case, nothing of it left', async () => {
    const about = await c.worker!.post(
      '/api/specialist-consultations',
      consult({ caseId, caseNote: 'Девочка 4 лет', givenOn: '2026-10-21' }),
    );
    expect(about.statusCode, about.body).toBe(201);
    const kid = about.json().id as string;
    // The psychologist reads it (without the case) but may not remove the case team's record; another organisation does not find it.
    expect((await c.psy!.del(`/api/specialist-consultations/${kid}?version=1`)).statusCode).toBe(404);
    expect((await c.otherCoord!.del(`/api/specialist-consultations/${kid}?version=1`)).statusCode).toBe(404);
    expect((await c.worker!.del(`/api/specialist-consultations/${kid}?version=2`)).statusCode).toBe(409);
    expect((await c.worker!.del(`/api/specialist-consultations/${kid}`)).statusCode).toBe(400);
    expect(await count('specialist_consultations')).toBe(2);
    expect((await c.worker!.del(`/api/specialist-consultations/${kid}?version=1`)).statusCode).toBe(200);
    expect((await c.worker!.get(`/api/specialist-consultations/${kid}`)).statusCode).toBe(404);
    expect(await count('specialist_consultations')).toBe(1);
    expect(
      await system(t.engine, async (tx) =>
        Number(
          (
            await tx.execute<{ n: number }>(
              sql`select count(*)::int as n from specialist_consultation_people where consultation_id = ${kid}`,
            )
          ).rows[0]!.n,
        ),
      ),
    ).toBe(0);
    // One without a case: anyone who manages the branch's consultations may remove it.
    const plain = await c.worker!.post('/api/specialist-consultations', consult({ givenOn: '2026-10-22' }));
    expect((await c.psy!.del(`/api/specialist-consultations/${plain.json().id}?version=1`)).statusCode).toBe(200);
    const audit = await system(t.engine, (tx) =>
      tx.execute<{ details: unknown }>(
        sql`select details from audit_log where record_type = 'specialist_consultation' and action = 'delete'`,
      ),
    );
    expect(audit.rows).toHaveLength(2);
    expect(JSON.stringify(audit.rows)).not.toContain('Девочка');
  });
});
