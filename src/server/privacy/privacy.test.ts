// Data protection (issue 17, points 1–2) through the real HTTP app, on PGlite and PostgreSQL:
// subject requests and their deadlines, the person's data as PDF/JSON recorded by hash, retention and
// the due list, destruction refused under legal hold (409 naming why), and the key test — after a
// family is destroyed no trace of its people's names, phones or notes is left in any text of any
// table (nor in the file storage), while the figures of past periods are exactly what they were.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { storeOfKind } from '../files/storage.js';
import { motherInput } from '../testing/casework.js';
import { samplePdf } from '../testing/files.js';
import { tracesOfAll as traces } from '../testing/traces.js';
import { buildVolunteer } from '../testing/volunteers.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let admin: Client;
let otherAdmin: Client;
let coord: Client;
let coordId: string;
let adminId: string;
let programmeId: string;
let typeId: string;
const today = new Date().toISOString().slice(0, 10);
const tag = () => crypto.randomBytes(3).toString('hex');

interface Built {
  familyId: string;
  caseId: string;
  motherId: string;
  secrets: string[];
}

interface Open {
  familyId: string;
  caseId: string;
  motherId: string;
  mark: string;
  surname: string;
  childName: string;
  phone: string;
}

/**
 * A family with a case from 2021, a consent with a scan, a sensitive note, a service with a note and
 * notes of its own; `beforeClose` adds records of the open case and returns their secrets; closed on
 * `closeOn` unless null.
 */
async function buildHistory(closeOn: string | null, beforeClose?: (open: Open) => Promise<string[]>): Promise<Built> {
  const mark = tag();
  const mother = motherInput({ lastName: `Секретова${mark}`, phone: `+7 913 ${mark.slice(0, 3)}-11-22`.replace(/[a-f]/g, '5') });
  const family = await coord.post('/api/families', {
    branchId: org.branchIds[0],
    members: [mother, { relation: 'child', firstName: `Тайна${mark}`, birthDate: '2020-05-01', sex: 'male' }],
    confirmedNotDuplicate: true,
  });
  expect(family.statusCode, family.body).toBe(201);
  const familyId = family.json().id as string;
  const motherId = (family.json().members as { id: string; relation: string }[]).find((m) => m.relation === 'mother')!.id;
  const notes = `Семейная заметка ${mark} про долги`;
  const put = await coord.put(`/api/families/${familyId}`, { notes, branchId: org.branchIds[0], version: family.json().version });
  expect(put.statusCode, put.body).toBe(200);
  const scanText = `SCAN-${mark}`;
  const consent = await coord.post(`/api/families/${familyId}/consents`, {
    memberId: motherId,
    kind: 'special_categories',
    givenOn: '2021-02-01',
    scope: `Объём согласия ${mark}`,
    scan: {
      fileName: `скан-${mark}.pdf`,
      mimeType: 'application/pdf',
      // A real PDF: the scan is an attachment of the consent, checked by its content like any file.
      contentBase64: samplePdf(1, `% ${scanText}\n`).toString('base64'),
    },
  });
  expect(consent.statusCode, consent.body).toBe(201);
  const attachText = `ATTACH-${mark}`;
  const attached = await coord.post(`/api/files/owners/family/${familyId}`, {
    title: `Справка ${mark}`,
    fileName: `справка-${mark}.pdf`,
    contentBase64: samplePdf(1, attachText).toString('base64'),
  });
  expect(attached.statusCode, attached.body).toBe(201);
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
  const caseId = opened.json().id as string;
  const sensitive = `Диагноз ${mark} тайный`;
  const note = await coord.post(`/api/families/${familyId}/sensitive`, {
    memberId: motherId,
    section: 'health',
    text: sensitive,
    notedOn: '2021-02-10',
  });
  expect(note.statusCode, note.body).toBe(201);
  const serviceNote = `Консультация ${mark} о разводе`;
  const service = await coord.post('/api/services', {
    caseId,
    typeId,
    date: '2021-03-01',
    durationMinutes: 60,
    specialistIds: [coordId],
    memberIds: [motherId],
    format: 'in_person',
    initiatedBy: 'client',
    note: serviceNote,
  });
  expect(service.statusCode, service.body).toBe(201);
  const more = beforeClose
    ? await beforeClose({
        familyId,
        caseId,
        motherId,
        mark,
        surname: mother.lastName as string,
        childName: `Тайна${mark}`,
        phone: mother.phone as string,
      })
    : [];
  if (closeOn) {
    const closed = await coord.post(`/api/cases/${caseId}/transition`, {
      action: 'close',
      on: closeOn,
      outcome: 'child_with_family',
      reason: `Причина закрытия ${mark}`,
      version: 1,
    });
    expect(closed.statusCode, closed.body).toBe(200);
  }
  return {
    familyId,
    caseId,
    motherId,
    secrets: [
      mother.lastName as string,
      `Тайна${mark}`,
      (mother.phone as string).replace(/\D/g, '').slice(-7),
      notes,
      sensitive,
      serviceNote,
      `Причина закрытия ${mark}`,
      scanText,
      `скан-${mark}`,
      `Объём согласия ${mark}`,
      ...more,
    ],
  };
}

/**
 * Shared records that name the family (issue 17: the free text of group work keeps no name): a parents'
 * club the mother attended, whose summary names her (in another case form), her son and her phone; an
 * away shift she took part in, named in its description and summary; a volunteer task for the case with
 * the family's address; and a club of the branch she did not attend that still names her. Returns the
 * texts that must not survive (the names and phone are among the family's secrets already).
 */
async function buildGroupRecords(open: Open): Promise<string[]> {
  const branchId = org.branchIds[0];
  const club = await coord.post('/api/group-sessions', {
    branchId,
    kind: 'parents_club',
    topic: `Клуб: встреча с ${open.surname}ой`,
    date: '2021-03-10',
    durationMinutes: 90,
    facilitatorIds: [coordId],
    summary: `${open.surname} пришла с сыном ${open.childName}ом, оставила номер ${open.phone} для связи.`,
  });
  expect(club.statusCode, club.body).toBe(201);
  const attended = await coord.post(`/api/group-sessions/${club.json().id}/attendance`, {
    sessionId: club.json().id,
    attendees: [{ caseId: open.caseId, memberId: open.motherId }],
  });
  expect(attended.statusCode, attended.body).toBe(200);
  const elsewhere = await coord.post('/api/group-sessions', {
    branchId,
    kind: 'workshop',
    topic: 'Мастерская',
    date: '2021-03-12',
    durationMinutes: 60,
    facilitatorIds: [coordId],
    summary: `Обсуждали, почему не пришла ${open.surname}.`,
  });
  expect(elsewhere.statusCode, elsewhere.body).toBe(201);
  const shift = await coord.post('/api/shifts', {
    branchId,
    programmeId,
    title: 'Весенняя смена',
    venue: 'База «Сосны»',
    description: `Для мам, в том числе ${open.surname} и ${open.childName}`,
    startsOn: '2021-04-01',
    endsOn: '2021-04-03',
    specialistIds: [coordId],
  });
  expect(shift.statusCode, shift.body).toBe(201);
  const joined = await coord.post(`/api/shifts/${shift.json().id}/participants`, {
    members: [{ caseId: open.caseId, memberId: open.motherId }],
  });
  expect(joined.statusCode, joined.body).toBe(200);
  const summary = await coord.put(`/api/shifts/${shift.json().id}/summary`, {
    text: `Итоги смены: ${open.surname} освоила навыки ухода.`,
    writtenOn: '2021-04-05',
    version: joined.json().version,
  });
  expect(summary.statusCode, summary.body).toBe(200);
  const address = `ул. Потайная, ${open.mark}`;
  const starts = new Date(Date.now() + 3 * 86_400_000);
  starts.setUTCHours(9, 0, 0, 0);
  const task = await coord.post('/api/volunteers/tasks', {
    branchId,
    kind: 'aid_delivery',
    title: `Привезти дрова семье ${open.surname}`,
    needs: `Позвонить ${open.phone} заранее`,
    address,
    places: 1,
    startsAt: starts.toISOString(),
    endsAt: new Date(starts.getTime() + 2 * 3_600_000).toISOString(),
    caseId: open.caseId,
  });
  expect(task.statusCode, task.body).toBe(201);
  return [address, open.phone];
}

const tracesOfAll = (needles: string[]) => traces(t.engine, needles);
const tracesOf = async (needle: string) => (await tracesOfAll([needle]))[needle]!;

/** Files of the folder store holding `needle` (the store of attachments on PGlite). */
function filesHolding(needle: string): string[] {
  const root = storeOfKind(t.app.deps, 'folder').location;
  if (!fs.existsSync(root)) return [];
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (fs.readFileSync(full).includes(needle)) found.push(full);
    }
  };
  walk(root);
  return found;
}

async function figures() {
  const values = await admin.get(`/api/indicators/values?from=2021-01-01&to=2021-12-31`);
  expect(values.statusCode, values.body).toBe(200);
  const report = await admin.get(`/api/reports/plan-vs-actual?programmeId=${programmeId}&from=2021-01-01&to=2021-12-31&all=true`);
  expect(report.statusCode, report.body).toBe(200);
  const kept = await system(t.engine, async (tx) => ({
    rollup: (
      await tx.execute(
        sql`select month::text, branch_id::text, type_id::text, services, minutes from service_rollup where org_id = ${org.orgId} order by 1, 2, 3`,
      )
    ).rows,
    counts: (
      await tx.execute(
        sql`select branch_id::text, programme_id::text, status, cases from case_counts where org_id = ${org.orgId} order by 1, 2, 3`,
      )
    ).rows,
  }));
  return {
    values: (values.json().items as { code: string; result: unknown }[]).map((i) => [i.code, i.result]),
    report: report.json(),
    kept,
  };
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  admin = await login(t, org.adminEmail);
  adminId = admin.me.id;
  otherAdmin = await login(t, other.adminEmail);
  const c = await buildUser(t, org, ['coordinator'], org.branchIds);
  coordId = c.id;
  coord = await login(t, c.email);
  const programme = await admin.post('/api/programmes', { name: 'Сопровождение', periodStart: '2020-01-01', periodEnd: '2027-12-31' });
  expect(programme.statusCode, programme.body).toBe(201);
  programmeId = programme.json().id;
  const types = await coord.get('/api/service-types');
  typeId = (types.json().items as { id: string }[])[0]!.id;
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('subject requests', () => {
  it('registers an access request with its legal deadline, lists it as due, extends it once with a reason, and records what was given', async () => {
    const built = await buildHistory(null);
    const res = await admin.post('/api/privacy/requests', {
      kind: 'access',
      receivedOn: '2026-12-01',
      familyId: built.familyId,
      memberId: built.motherId,
      responsibleId: adminId,
      channel: 'post',
    });
    expect(res.statusCode, res.body).toBe(201);
    const request = res.json();
    // 1 December 2026 is a Tuesday: 10 working days later is 15 December.
    expect(request.dueOn).toBe('2026-12-15');
    expect(request.subjectName).toContain('Секретова');
    const mine = await admin.get('/api/privacy/requests?mine=true');
    expect(mine.json().items.map((r: { id: string }) => r.id)).toContain(request.id);

    const pdf = await admin.get(`/api/privacy/requests/${request.id}/subject-data.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const json = await admin.get(`/api/privacy/requests/${request.id}/subject-data.json`);
    expect(json.statusCode).toBe(200);
    const data = JSON.parse(json.rawPayload.toString('utf8'));
    expect(data.person.lastName).toBe(built.secrets[0]);
    expect(data.families[0].sensitiveNotes[0].text).toBe(built.secrets[4]);
    expect(data.families[0].services[0].note).toBe(built.secrets[5]);
    expect(data.families[0].files.map((f: { fileName: string }) => f.fileName)).toEqual([
      expect.stringContaining('скан-'),
      expect.stringContaining('справка-'),
    ]);
    const after = (await admin.get(`/api/privacy/requests/${request.id}`)).json();
    expect(after.disclosures.map((d: { format: string }) => d.format)).toEqual(['pdf', 'json']);
    expect(after.disclosures[1].sha256).toBe(crypto.createHash('sha256').update(json.rawPayload).digest('hex'));
    // No content kept: the disclosure row has no text of the person.
    expect(await tracesOf(built.secrets[4]!)).toEqual(['sensitive_notes']);

    const extended = await admin.put(`/api/privacy/requests/${request.id}`, {
      status: 'in_progress',
      responsibleId: adminId,
      outcome: '',
      answeredOn: null,
      extensionReason: 'Сведения в архиве филиала',
      version: after.version,
    });
    if (today <= '2026-12-15') {
      expect(extended.statusCode, extended.body).toBe(200);
      expect(extended.json().extendedDueOn).toBe('2026-12-22');
    } else expect(extended.statusCode).toBe(409);

    const answered = await admin.put(`/api/privacy/requests/${request.id}`, {
      status: 'answered',
      responsibleId: adminId,
      outcome: '',
      answeredOn: null,
      extensionReason: '',
      version: 99,
    });
    expect(answered.statusCode).toBe(409);
    const fresh = (await admin.get(`/api/privacy/requests/${request.id}`)).json();
    const noOutcome = await admin.put(`/api/privacy/requests/${request.id}`, {
      status: 'answered',
      responsibleId: adminId,
      outcome: '',
      answeredOn: '2026-12-03',
      extensionReason: fresh.extensionReason,
      version: fresh.version,
    });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json().error.fields[0].path).toBe('outcome');
  });

  it('refuses bad input naming the field, and a responsible person without privacy.manage', async () => {
    const future = await admin.post('/api/privacy/requests', {
      kind: 'deletion',
      receivedOn: '2099-01-01',
      subjectName: 'Иванова',
      responsibleId: adminId,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields[0].path).toBe('receivedOn');
    const noPerson = await admin.post('/api/privacy/requests', { kind: 'deletion', receivedOn: '2026-11-01', responsibleId: adminId });
    expect(noPerson.json().error.fields[0].path).toBe('subjectName');
    const notResponsible = await admin.post('/api/privacy/requests', {
      kind: 'deletion',
      receivedOn: '2026-11-01',
      subjectName: 'Иванова',
      responsibleId: coordId,
    });
    expect(notResponsible.statusCode).toBe(400);
    expect(notResponsible.json().error.fields[0].path).toBe('responsibleId');
    const badKind = await admin.post('/api/privacy/requests', {
      kind: 'forget',
      receivedOn: '2026-11-01',
      subjectName: 'Иванова',
      responsibleId: adminId,
    });
    expect(badKind.json().error.fields[0].path).toBe('kind');
  });
});

describe('retention and destruction', () => {
  it('leaves no trace of the person anywhere while past figures stay exactly as they were; the act is in the register', async () => {
    const built = await buildHistory('2021-06-30', buildGroupRecords);
    const settings = (await admin.get('/api/privacy/retention')).json();
    const put = await admin.put('/api/privacy/retention', { ...settings, closedCaseYears: 1 });
    expect(put.statusCode, put.body).toBe(200);
    const due = (await admin.get('/api/privacy/due')).json().items as { recordId: string; dueFrom: string }[];
    expect(due.find((d) => d.recordId === built.familyId)?.dueFrom).toBe('2022-06-30');
    const present = await tracesOfAll(built.secrets.filter((x) => !x.startsWith('ATTACH-') && !x.startsWith('SCAN-')));
    for (const [secret, tables] of Object.entries(present)) expect(tables.length, secret).toBeGreaterThan(0);
    // The consent scan's content, an attachment too: in the folder (PGlite) or file_contents (PostgreSQL).
    const scanText = built.secrets.find((x) => x.startsWith('SCAN-'))!;
    expect(filesHolding(scanText).length + (await tracesOf(scanText)).length).toBeGreaterThan(0);
    // The attachment's content is in the folder (PGlite) or the file_contents table (PostgreSQL).
    const attachText = built.secrets.find((x) => x.startsWith('скан-'))!;
    expect(filesHolding(attachText).length + (await tracesOf(attachText)).length).toBeGreaterThan(0);
    const before = await figures();

    const res = await admin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: built.familyId,
      basis: 'retention',
      reason: 'Истёк срок хранения',
      confirm: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const act = res.json();
    expect(act.method).toBe('anonymisation');
    expect(act.subjects).toEqual(
      expect.arrayContaining([
        { category: 'mother', count: 1 },
        { category: 'child', count: 1 },
      ]),
    );
    expect(act.dataCategories).toEqual(expect.arrayContaining(['identity', 'special_categories', 'files']));

    expect(await tracesOfAll(built.secrets)).toEqual(Object.fromEntries(built.secrets.map((secret) => [secret, []])));
    expect(filesHolding(built.secrets.find((x) => x.startsWith('скан-'))!)).toEqual([]);
    expect(filesHolding(scanText)).toEqual([]);
    expect(await figures()).toEqual(before);

    const pdf = await admin.get(`/api/privacy/acts/${act.id}/act.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const register = (await admin.get('/api/privacy/acts')).json().items as { id: string }[];
    expect(register.map((a) => a.id)).toContain(act.id);
    // Again: already destroyed.
    const again = await admin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: built.familyId,
      basis: 'retention',
      reason: 'x',
      confirm: true,
    });
    expect(again.statusCode).toBe(409);
    // The audit names the act, never a value.
    const audit = await system(t.engine, (tx) =>
      tx.execute<{ details: unknown }>(
        sql`select details from audit_log where org_id = ${org.orgId} and action = 'delete' and record_id = ${built.familyId}`,
      ),
    );
    expect(audit.rows).toHaveLength(1);
  }, 180_000);

  it('lists the applications of volunteers who never started and anonymises them with no trace, volunteer figures unchanged', async () => {
    const mark = tag();
    const b = org.branchIds[0]!;
    const isoDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const secrets = [
      `Несостоявшаяся${mark}`,
      `Кандидатка${mark}`,
      `+7 922 ${mark.replace(/[a-f]/g, '7').slice(0, 3)}-44-55`,
      `cand-${mark}@example.test`,
      `Навыки ${mark} вязание`,
      `Собеседование ${mark}: сомнения`,
      `Передумала ${mark}`,
      `CERT-${mark}`,
      `AGREEMENT-${mark}`,
      `PAPERS-${mark}`,
    ];
    const created = await coord.post('/api/volunteers', {
      lastName: secrets[0],
      firstName: secrets[1],
      phone: secrets[2],
      email: secrets[3],
      branchId: b,
      skills: secrets[4],
      appliedOn: isoDay(-70),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const screened = await coord.put(`/api/volunteers/${id}/screening`, {
      interviewOn: isoDay(-65),
      interviewNotes: secrets[5],
      certificateIssuedOn: isoDay(-64),
      inductionOn: null,
      agreementOn: null,
      version: created.json().version,
    });
    expect(screened.statusCode, screened.body).toBe(200);
    const cert = await coord.post(`/api/files/owners/volunteer_certificate/${id}`, {
      title: 'Справка об отсутствии судимости',
      fileName: `справка-${mark}.pdf`,
      contentBase64: samplePdf(1, secrets[7]).toString('base64'),
    });
    expect(cert.statusCode, cert.body).toBe(201);
    // The signed agreement and the record's other papers: destroyed with it too.
    for (const [kind, secret] of [
      ['volunteer_agreement', secrets[8]!],
      ['volunteer', secrets[9]!],
    ] as const) {
      const file = await coord.post(`/api/files/owners/${kind}/${id}`, {
        title: 'Документ волонтёра',
        fileName: 'документ.pdf',
        contentBase64: samplePdf(1, secret).toString('base64'),
      });
      expect(file.statusCode, file.body).toBe(201);
    }
    const left = await coord.post(`/api/volunteers/${id}/status`, {
      status: 'left',
      changedOn: isoDay(-40),
      reason: secrets[6],
      version: screened.json().version,
    });
    expect(left.statusCode, left.body).toBe(200);
    // An active volunteer (counted as new) and a team with both in it: the figures destruction must keep.
    const active = await buildVolunteer(coord, { branchId: b, lastName: `Начавшая${mark}` });
    const team = await coord.post('/api/volunteers/teams', {
      branchId: b,
      name: `Команда ${mark}`,
      leaderId: active.id,
      formedOn: isoDay(-30),
    });
    expect(team.statusCode, team.body).toBe(201);
    const members = await coord.put(`/api/volunteers/teams/${team.json().id}/members`, {
      volunteerIds: [active.id, id],
      joinedOn: isoDay(-30),
      version: team.json().version,
    });
    expect(members.statusCode, members.body).toBe(200);
    const volunteerFigures = async () => {
      const values = await admin.get(`/api/indicators/values?from=${isoDay(-90)}&to=${isoDay(0)}`);
      expect(values.statusCode, values.body).toBe(200);
      return (values.json().items as { code: string; result: unknown }[]).filter((i) => i.code.startsWith('volunteer'));
    };
    const before = await volunteerFigures();
    expect(before.length).toBeGreaterThan(0);

    const settings = (await admin.get('/api/privacy/retention')).json();
    expect((await admin.put('/api/privacy/retention', { ...settings, volunteerApplicationMonths: 1 })).statusCode).toBe(200);
    const all = (await admin.get('/api/privacy/due?include=all')).json().items as {
      recordKind: string;
      recordId: string;
      dueFrom: string;
    }[];
    expect(all.find((d) => d.recordId === id)).toMatchObject({ recordKind: 'volunteer_application' });
    expect(all.find((d) => d.recordId === active.id)).toBeUndefined();
    const due = (await admin.get('/api/privacy/due')).json().items as { recordId: string }[];
    expect(due.map((d) => d.recordId)).toContain(id);
    const present = await tracesOfAll(secrets.slice(0, 7));
    for (const [secret, tables] of Object.entries(present)) expect(tables.length, secret).toBeGreaterThan(0);

    // One who started is no application to destroy.
    const started = await admin.post('/api/privacy/destructions', {
      recordKind: 'volunteer_application',
      recordId: active.id,
      basis: 'retention',
      reason: 'Истёк срок хранения',
      confirm: true,
    });
    expect(started.statusCode).toBe(404);
    const res = await admin.post('/api/privacy/destructions', {
      recordKind: 'volunteer_application',
      recordId: id,
      basis: 'retention',
      reason: 'Истёк срок хранения заявки',
      confirm: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ recordKind: 'volunteer_application', method: 'anonymisation' });
    expect(res.json().dataCategories).toEqual(expect.arrayContaining(['identity', 'contacts', 'volunteer_records', 'files']));
    expect(res.json().media).toEqual(['database', 'file_storage']);

    expect(await tracesOfAll(secrets)).toEqual(Object.fromEntries(secrets.map((secret) => [secret, []])));
    for (const secret of secrets.slice(7)) expect(filesHolding(secret)).toEqual([]);
    expect(await volunteerFigures()).toEqual(before);
    // Gone from the due list, and not destroyed twice.
    const after = (await admin.get('/api/privacy/due?include=all')).json().items as { recordId: string }[];
    expect(after.map((d) => d.recordId)).not.toContain(id);
    const again = await admin.post('/api/privacy/destructions', {
      recordKind: 'volunteer_application',
      recordId: id,
      basis: 'retention',
      reason: 'x',
      confirm: true,
    });
    expect(again.statusCode).toBe(404);
  }, 180_000);

  it('refuses a destruction under legal hold with the reason, changing nothing', async () => {
    const open = await buildHistory(null);
    const held = await admin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: open.familyId,
      basis: 'retention',
      reason: 'x',
      confirm: true,
    });
    expect(held.statusCode).toBe(409);
    expect(held.json().error.fields[0]).toMatchObject({ path: 'recordId', code: 'privacy.holds.open_case' });

    const recent = await buildHistory(today);
    const young = await admin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: recent.familyId,
      basis: 'retention',
      reason: 'x',
      confirm: true,
    });
    expect(young.json().error.fields[0].code).toBe('privacy.holds.retention_not_expired');

    const old = await buildHistory('2021-06-30');
    const request = await admin.post('/api/privacy/requests', {
      kind: 'access',
      receivedOn: today,
      familyId: old.familyId,
      memberId: old.motherId,
      responsibleId: adminId,
    });
    expect(request.statusCode).toBe(201);
    const requested = await admin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: old.familyId,
      basis: 'retention',
      reason: 'x',
      confirm: true,
    });
    expect(requested.json().error.fields[0].code).toBe('privacy.holds.open_request');
    // An access request cannot be the basis of a deletion.
    const wrongBasis = await admin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: old.familyId,
      basis: 'subject_request',
      requestId: request.json().id,
      reason: 'x',
      confirm: true,
    });
    expect(wrongBasis.statusCode).toBe(400);
    expect(wrongBasis.json().error.fields[0].path).toBe('requestId');
    const unconfirmed = await admin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: old.familyId,
      basis: 'retention',
      reason: 'x',
    });
    expect(unconfirmed.json().error.fields[0].path).toBe('confirm');
    // File contents (attachments, the consent scan among them) may be in the folder store, not a table.
    for (const secret of old.secrets.filter((x) => !x.startsWith('ATTACH-') && !x.startsWith('SCAN-')))
      expect((await tracesOf(secret)).length, secret).toBeGreaterThan(0);

    // A deletion request of the person lifts the retention period (not an open case).
    const deletion = await admin.post('/api/privacy/requests', {
      kind: 'deletion',
      receivedOn: today,
      familyId: recent.familyId,
      memberId: recent.motherId,
      responsibleId: adminId,
    });
    const byRequest = await admin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: recent.familyId,
      basis: 'subject_request',
      requestId: deletion.json().id,
      reason: 'Требование субъекта',
      confirm: true,
    });
    expect(byRequest.statusCode, byRequest.body).toBe(201);
  }, 180_000);

  it('hides a person’s special-category notes once the consent is withdrawn and destroys them 30 days later', async () => {
    const built = await buildHistory(null);
    const consents = (await coord.get(`/api/cases/${built.caseId}`)).json().consents as { id: string; kind: string }[];
    const special = consents.find((c) => c.kind === 'special_categories')!;
    const withdrawn = await coord.post(`/api/families/${built.familyId}/consents/${special.id}/withdraw`, { withdrawnOn: '2026-10-01' });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    const notes = (await coord.get(`/api/families/${built.familyId}/sensitive`)).json().items;
    expect(notes).toEqual([]);
    expect((await coord.get(`/api/cases/${built.caseId}`)).json().sensitive).toEqual([]);
    const due = (await admin.get('/api/privacy/due')).json().items as { recordKind: string; recordId: string }[];
    expect(due).toContainEqual(expect.objectContaining({ recordKind: 'special_categories', recordId: built.motherId }));
    const res = await admin.post('/api/privacy/destructions', {
      recordKind: 'special_categories',
      recordId: built.motherId,
      basis: 'retention',
      reason: 'Отзыв согласия',
      confirm: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(await tracesOf(built.secrets[4]!)).toEqual([]);
    // The rest of the family's data stays (an open case).
    expect((await tracesOf(built.secrets[0]!)).length).toBeGreaterThan(0);
  });

  it('keeps the act register append-only for everyone', async () => {
    await expect(system(t.engine, (tx) => tx.execute(sql`update destruction_acts set reason = 'x'`))).rejects.toThrow();
    await expect(system(t.engine, (tx) => tx.execute(sql`delete from destruction_acts`))).rejects.toThrow();
    await expect(system(t.engine, (tx) => tx.execute(sql`truncate destruction_acts`))).rejects.toThrow();
    const count = await system(t.engine, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from destruction_acts`));
    expect(Number(count.rows[0]!.n)).toBeGreaterThan(0);
  });
});

describe('authorization', () => {
  it('lets only privacy.manage in, and treats another organisation’s ids as not found or a field error', async () => {
    const built = await buildHistory('2021-06-30');
    const request = (
      await admin.post('/api/privacy/requests', {
        kind: 'deletion',
        receivedOn: today,
        familyId: built.familyId,
        memberId: built.motherId,
        responsibleId: adminId,
      })
    ).json();
    const access = (
      await admin.post('/api/privacy/requests', {
        kind: 'access',
        receivedOn: today,
        familyId: built.familyId,
        memberId: built.motherId,
        responsibleId: adminId,
      })
    ).json();
    const gone = await buildHistory('2021-06-30');
    const destroyed = await admin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: gone.familyId,
      basis: 'retention',
      reason: 'x',
      confirm: true,
    });
    expect(destroyed.statusCode, destroyed.body).toBe(201);
    const actId = destroyed.json().id as string;
    const routes: { method: 'GET' | 'POST' | 'PUT'; url: string; body?: unknown }[] = [
      { method: 'GET', url: '/api/privacy/requests' },
      { method: 'GET', url: `/api/privacy/requests/${request.id}` },
      { method: 'GET', url: '/api/privacy/people?q=Секретова' },
      {
        method: 'POST',
        url: '/api/privacy/requests',
        body: { kind: 'deletion', receivedOn: today, subjectName: 'Иванова', responsibleId: adminId },
      },
      {
        method: 'PUT',
        url: `/api/privacy/requests/${request.id}`,
        body: { status: 'in_progress', responsibleId: adminId, version: request.version },
      },
      { method: 'GET', url: `/api/privacy/requests/${access.id}/subject-data.pdf` },
      { method: 'GET', url: `/api/privacy/requests/${access.id}/subject-data.json` },
      { method: 'GET', url: '/api/privacy/retention' },
      {
        method: 'PUT',
        url: '/api/privacy/retention',
        body: { closedCaseYears: 1, declinedReferralMonths: 12, volunteerApplicationMonths: 12, formerVolunteerYears: 3, version: 1 },
      },
      { method: 'GET', url: '/api/privacy/due' },
      {
        method: 'POST',
        url: '/api/privacy/destructions',
        body: { recordKind: 'family', recordId: built.familyId, basis: 'retention', reason: 'x', confirm: true },
      },
      { method: 'GET', url: '/api/privacy/acts' },
      { method: 'GET', url: `/api/privacy/acts/${actId}` },
      { method: 'GET', url: `/api/privacy/acts/${actId}/act.pdf` },
    ];
    // Every built-in role but the admin lacks privacy.manage: 403 on every route, nothing written.
    const roles = [
      'coordinator',
      'case_worker',
      'psychologist',
      'lawyer',
      'shelter_admin',
      'volunteer',
      'supervisor',
      'me_officer',
      'mentor',
    ] as const;
    for (const role of roles) {
      const user = await buildUser(t, org, [role], org.branchIds);
      const client = await login(t, user.email);
      for (const route of routes) {
        const res = await client.request(route.method, route.url, route.body);
        expect(res.statusCode, `${role} ${route.method} ${route.url}`).toBe(403);
      }
    }
    // An admin of one branch reaches the whole organisation (privacy.manage is organisation-wide).
    const branchAdmin = await login(t, (await buildUser(t, org, ['admin'], [org.branchIds[1]!])).email);
    expect((await branchAdmin.get(`/api/privacy/requests/${request.id}`)).statusCode).toBe(200);
    // A role the organisation gives privacy.manage to gets in.
    const roleRes = await admin.get('/api/roles');
    const lawyerRole = (roleRes.json().items as { code: string; permissions: string[]; version: number; name: string }[]).find(
      (r) => r.code === 'lawyer',
    )!;
    const granted = await admin.put(`/api/roles/lawyer`, {
      permissions: [...lawyerRole.permissions, 'privacy.manage'],
      version: lawyerRole.version,
    });
    expect(granted.statusCode, granted.body).toBe(200);
    const lawyer = await login(t, (await buildUser(t, org, ['lawyer'], [org.branchIds[0]!])).email);
    expect((await lawyer.get('/api/privacy/requests')).statusCode).toBe(200);

    // The other organisation's admin: the first organisation's records are not found; its ids in a field are a 400 naming it.
    for (const url of [
      `/api/privacy/requests/${request.id}`,
      `/api/privacy/requests/${access.id}/subject-data.pdf`,
      `/api/privacy/requests/${access.id}/subject-data.json`,
      `/api/privacy/acts/${actId}`,
      `/api/privacy/acts/${actId}/act.pdf`,
    ])
      expect((await otherAdmin.get(url)).statusCode, url).toBe(404);
    const put = await otherAdmin.put(`/api/privacy/requests/${request.id}`, {
      status: 'in_progress',
      responsibleId: other.orgId,
      version: 1,
    });
    expect([400, 404]).toContain(put.statusCode);
    const otherAdminId = otherAdmin.me.id;
    const fields = async (body: Record<string, unknown>) => {
      const res = await otherAdmin.post('/api/privacy/requests', {
        kind: 'deletion',
        receivedOn: today,
        subjectName: 'Х',
        responsibleId: otherAdminId,
        ...body,
      });
      return [res.statusCode, (res.json().error?.fields ?? []).map((f: { path: string }) => f.path)];
    };
    expect(await fields({ familyId: built.familyId, subjectName: '' })).toEqual([400, ['familyId']]);
    expect(await fields({ responsibleId: adminId })).toEqual([400, ['responsibleId']]);
    const destroy = await otherAdmin.post('/api/privacy/destructions', {
      recordKind: 'family',
      recordId: built.familyId,
      basis: 'retention',
      reason: 'x',
      confirm: true,
    });
    expect(destroy.statusCode).toBe(404);
    const otherFamily = await otherAdmin.get('/api/privacy/due?include=all');
    expect(otherFamily.json().items).toEqual([]);
    const withRequest = await otherAdmin.post('/api/privacy/destructions', {
      recordKind: 'referral',
      recordId: crypto.randomUUID(),
      basis: 'subject_request',
      requestId: request.id,
      reason: 'x',
      confirm: true,
    });
    expect(withRequest.statusCode).toBe(400);
    expect(withRequest.json().error.fields[0].path).toBe('requestId');
    expect((await otherAdmin.get('/api/privacy/requests?status=all')).json().items).toEqual([]);
    expect((await otherAdmin.get('/api/privacy/acts')).json().items).toEqual([]);
    // The family is still there, whole.
    for (const secret of built.secrets.slice(0, 2)) expect((await tracesOf(secret)).length).toBeGreaterThan(0);
  }, 180_000);
});
