// The shipped trainings indicators against figures worked out by hand, on both engines.
//
// October 2026, programme P, branch Москва:
//   Seminar (teaches case management) 10-05 and 10-06, 8 h each. Логинова (speech therapist, Псков,
//   Псковская область), Дефье (defectologist, Великие Луки, Псковская область) and the case worker
//   (staff: the branch's city Москва, no region) attend both and complete on 10-06; Сомова
//   (Хабаровск) attends the first only and does not complete.
//   Internship 10-12 … 10-14 (not case management), a 6 h session on 10-12: Логинова completes again.
//   A September seminar session (4 h) lies outside the period.
//   Consultations for specialists: 90 min on 10-20, 60 min on 10-21; 45 min on 09-15 is outside.
// By hand: specialists trained = 3 distinct people (Логинова once); learned case management = 3;
// by city Псков 1, Великие Луки 1, Москва 1; by region Псковская область 2, not given 1;
// training hours 8 + 8 + 6 = 22; internships held 1; consultation hours 1.5 + 1 = 2.5.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let coord: Client;
let me: Client;
let programmeId: string;
const PERIOD = 'from=2026-10-01&to=2026-10-31';

async function specialist(lastName: string, profession: string, city: string, region: string): Promise<string> {
  return system(t.engine, async (tx) => {
    const row = await tx.execute<{
      id: string;
    }>(sql`insert into external_specialists (org_id, last_name, first_name, profession, region, city, consent_on)
      values (${org.orgId}, ${lastName}, 'Мария', ${profession}, ${region}, ${city}, '2026-01-10') returning id::text`);
    return row.rows[0]!.id;
  });
}

async function training(body: Record<string, unknown>, sessions: { heldOn: string; hours: number }[]) {
  const res = await coord.post('/api/trainings', { branchId: org.branchIds[0], programmeId, minHours: 4, ...body });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const ids: string[] = [];
  for (const s of sessions) ids.push((await coord.post(`/api/trainings/${id}/sessions`, s)).json().id);
  return { id, sessions: ids };
}

async function register(trainingId: string, person: Record<string, string>): Promise<string> {
  const res = await coord.post(`/api/trainings/${trainingId}/participants`, { person, registeredOn: '2026-09-20' });
  expect(res.statusCode, res.body).toBe(201);
  const list = res.json().participants as { id: string; person: { userId: string | null; specialistId: string | null } }[];
  return list.find((p) => p.person.userId === (person.userId ?? null) && p.person.specialistId === (person.specialistId ?? null))!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  // In both branches: she may open every case, so small cells of a breakdown are shown to her exactly.
  const coordinator = await buildUser(t, org, ['coordinator'], org.branchIds);
  const worker = await buildUser(t, org, ['case_worker']);
  coord = await login(t, coordinator.email);
  me = await login(t, (await buildUser(t, org, ['me_officer'])).email);
  programmeId = (
    await (await login(t, org.adminEmail)).post('/api/programmes', { name: 'P', periodStart: '2026-01-01', periodEnd: '2027-12-31' })
  ).json().id;
  const speech = await specialist('Логинова', 'speech_therapist', 'Псков', 'Псковская область');
  const defect = await specialist('Дефье', 'defectologist', 'Великие Луки', 'Псковская область');
  const psych = await specialist('Сомова', 'psychologist', 'Хабаровск', 'Хабаровский край');

  const seminar = await training(
    { kind: 'seminar', title: 'Ведение случая', startsOn: '2026-10-05', endsOn: '2026-10-06', hours: 16, teachesCaseManagement: true },
    [
      { heldOn: '2026-10-05', hours: 8 },
      { heldOn: '2026-10-06', hours: 8 },
    ],
  );
  const p = {
    speech: await register(seminar.id, { specialistId: speech }),
    defect: await register(seminar.id, { specialistId: defect }),
    worker: await register(seminar.id, { userId: worker.id }),
    psych: await register(seminar.id, { specialistId: psych }),
  };
  await coord.put(`/api/trainings/${seminar.id}/sessions/${seminar.sessions[0]}/attendance`, {
    participantIds: Object.values(p),
    version: 1,
  });
  await coord.put(`/api/trainings/${seminar.id}/sessions/${seminar.sessions[1]}/attendance`, {
    participantIds: [p.speech, p.defect, p.worker],
    version: 1,
  });
  // The rule asks for 4 h: Сомова met it with 8 h but her completion is not recorded, so she is not counted.
  for (const id of [p.speech, p.defect, p.worker]) {
    const res = await coord.post(`/api/trainings/${seminar.id}/participants/${id}/completion`, { completedOn: '2026-10-06', version: 1 });
    expect(res.statusCode, res.body).toBe(200);
  }

  const internship = await training({ kind: 'internship', title: 'Стажировка', startsOn: '2026-10-12', endsOn: '2026-10-14', hours: 24 }, [
    { heldOn: '2026-10-12', hours: 6 },
  ]);
  const again = await register(internship.id, { specialistId: speech });
  await coord.put(`/api/trainings/${internship.id}/sessions/${internship.sessions[0]}/attendance`, { participantIds: [again], version: 1 });
  await coord.post(`/api/trainings/${internship.id}/completions`, { completedOn: '2026-10-14' });

  await training({ kind: 'seminar', title: 'Сентябрь', startsOn: '2026-09-10', endsOn: '2026-09-10', hours: 4 }, [
    { heldOn: '2026-09-10', hours: 4 },
  ]);
  for (const [givenOn, minutes] of [
    ['2026-10-20', 90],
    ['2026-10-21', 60],
    ['2026-09-15', 45],
  ] as const) {
    const res = await coord.post('/api/specialist-consultations', {
      branchId: org.branchIds[0],
      programmeId,
      givenOn,
      minutes,
      topic: 'Консультация',
      specialistIds: [speech],
    });
    expect(res.statusCode, res.body).toBe(201);
  }
}, 240_000);
afterAll(() => t.close());

describe('trainings indicators', () => {
  it('counts people trained, hours, internships and consultation hours as worked by hand', async () => {
    const res = await me.get(`/api/indicators/values?${PERIOD}`);
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { id: string; code: string; result: { value: number | null } }[];
    const value = (code: string) => items.find((i) => i.code === code)?.result.value;
    expect({
      specialists_trained: value('specialists_trained'),
      specialists_case_management: value('specialists_case_management'),
      training_hours_delivered: value('training_hours_delivered'),
      internships_held: value('internships_held'),
      specialist_consultation_hours: value('specialist_consultation_hours'),
    }).toEqual({
      specialists_trained: 3,
      specialists_case_management: 3,
      training_hours_delivered: 22,
      internships_held: 1,
      specialist_consultation_hours: 2.5,
    });
    // Within the programme the same; the figures of another programme are zero.
    const inP = (await me.get(`/api/indicators/values?${PERIOD}&programmeId=${programmeId}`)).json().items as typeof items;
    expect(inP.find((i) => i.code === 'specialists_trained')?.result.value).toBe(3);

    const id = items.find((i) => i.code === 'specialists_trained')!.id;
    const byCity = (await coord.get(`/api/indicators/${id}/value?${PERIOD}&by=city`)).json().result;
    const cities = Object.fromEntries((byCity.breakdown as { label: string; value: number }[]).map((r) => [r.label, r.value]));
    expect(cities).toEqual({ Псков: 1, 'Великие Луки': 1, Москва: 1 });
    const byRegion = (await coord.get(`/api/indicators/${id}/value?${PERIOD}&by=region`)).json().result;
    const regions = Object.fromEntries((byRegion.breakdown as { label: string; value: number }[]).map((r) => [r.label, r.value]));
    expect(regions).toEqual({ 'Псковская область': 2, 'Не указано': 1 });
  });
});
