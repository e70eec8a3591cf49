// Diminutives in shared records (issue 17): destroying a family whose mother is Мария and whose son is
// Иван cuts «Маша», «Маше», «Ваня», «Ванечкой» out of the parents' club they attended and the
// volunteer task for their case, on PGlite and PostgreSQL; another family's «Катя» in the same texts,
// «Машина» (a car) and a diminutive in a record the family had no part in stay.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildFamily, motherInput } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let admin: Client;
let coord: Client;
let coordId: string;
let programmeId: string;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  const c = await buildUser(t, org, ['coordinator'], org.branchIds);
  coordId = c.id;
  coord = await login(t, c.email);
  const programme = await admin.post('/api/programmes', { name: 'Клуб', periodStart: '2020-01-01', periodEnd: '2027-12-31' });
  expect(programme.statusCode, programme.body).toBe(201);
  programmeId = programme.json().id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

async function openCase(familyId: string): Promise<string> {
  const opened = await coord.post('/api/cases', {
    familyId,
    programmeId,
    branchId: org.branchIds[0],
    leadId: coordId,
    openedOn: '2021-02-01',
    team: [],
    riskFlags: [],
  });
  expect(opened.statusCode, opened.body).toBe(201);
  return opened.json().id as string;
}

async function session(kind: string, topic: string, summary: string, date: string): Promise<string> {
  const res = await coord.post('/api/group-sessions', {
    branchId: org.branchIds[0],
    kind,
    topic,
    date,
    durationMinutes: 90,
    facilitatorIds: [coordId],
    summary,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

const text = (query: ReturnType<typeof sql>) => system(t.engine, async (tx) => (await tx.execute<Record<string, string>>(query)).rows[0]!);

describe('diminutives cut from shared records when a family is destroyed', () => {
  it('cuts «Маша», «Маше», «Ваня», «Ванечкой» where the family took part, and leaves another family’s «Катя»', async () => {
    const mark = crypto.randomBytes(3).toString('hex');
    const maria = await buildFamily(coord, org.branchIds[0]!, [
      motherInput({ lastName: `Морозова${mark}`, firstName: 'Мария', middleName: 'Сергеевна' }),
      { relation: 'child', firstName: 'Иван', birthDate: '2019-05-01', sex: 'male' },
    ]);
    const katya = await buildFamily(coord, org.branchIds[0]!, [
      motherInput({ lastName: `Белова${mark}`, firstName: 'Екатерина', middleName: 'Олеговна' }),
    ]);
    const mariaCase = await openCase(maria.id);
    const katyaCase = await openCase(katya.id);
    const mariaId = maria.members.find((m) => m.relation === 'mother')!.id;
    const katyaId = katya.members.find((m) => m.relation === 'mother')!.id;

    const club = await session(
      'parents_club',
      'Клуб: Маша и Катя',
      'Маша пришла с сыном Ваней. Маше помогли с документами, Ванечкой занялась Катя. Машина Кати сломалась.',
      '2021-03-10',
    );
    const attended = await coord.post(`/api/group-sessions/${club}/attendance`, {
      sessionId: club,
      attendees: [
        { caseId: mariaCase, memberId: mariaId },
        { caseId: katyaCase, memberId: katyaId },
      ],
    });
    expect(attended.statusCode, attended.body).toBe(200);
    // A workshop the family did not attend: a diminutive alone points to nobody there (as a first name).
    const elsewhere = await session('workshop', 'Мастерская', 'Маша из другой семьи принесла пирог.', '2021-03-12');
    const starts = new Date(Date.now() + 3 * 86_400_000);
    starts.setUTCHours(9, 0, 0, 0);
    const task = await coord.post('/api/volunteers/tasks', {
      branchId: org.branchIds[0],
      kind: 'aid_delivery',
      title: 'Привезти дрова Маше и Ване',
      needs: 'Ванечкой не заниматься; ключи у Кати',
      places: 1,
      startsAt: starts.toISOString(),
      endsAt: new Date(starts.getTime() + 2 * 3_600_000).toISOString(),
      caseId: mariaCase,
    });
    expect(task.statusCode, task.body).toBe(201);

    const closed = await coord.post(`/api/cases/${mariaCase}/transition`, {
      action: 'close',
      on: '2021-03-31',
      outcome: 'child_with_family',
      reason: 'Цели достигнуты',
      version: 1,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    const destroyed = await admin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: maria.id,
      basis: 'retention',
      reason: 'Истёк срок хранения',
      confirm: true,
    });
    expect(destroyed.statusCode, destroyed.body).toBe(201);

    const clubAfter = await text(sql`select topic, summary from group_sessions where id = ${club}`);
    expect(clubAfter).toEqual({
      topic: 'Клуб: — и Катя',
      summary: '— пришла с сыном —. — помогли с документами, — занялась Катя. Машина Кати сломалась.',
    });
    const taskAfter = await text(sql`select title, needs from volunteer_tasks where id = ${task.json().id as string}`);
    expect(taskAfter).toEqual({ title: 'Привезти дрова — и —', needs: '— не заниматься; ключи у Кати' });
    const otherAfter = await text(sql`select summary from group_sessions where id = ${elsewhere}`);
    expect(otherAfter.summary).toBe('Маша из другой семьи принесла пирог.');
  }, 120_000);
});
