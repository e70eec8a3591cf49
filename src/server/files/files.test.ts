// Attachments through the real HTTP app, on PGlite and PostgreSQL: every owner kind, the
// authorization matrix of every route for every role (another team's worker gets 404 on a file URL),
// another organisation's ids in every id field, sensitive sections, the hostile corpus with nothing
// written, location data stripped in the stored bytes, versions, removal, limits, the virus check
// and the audit of downloads.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { HTTPMethods } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { system } from '../db/gateway.js';
import { sweepFolderStore } from './sweep.js';
import { storeOfKind } from './storage.js';
import { buildCase } from '../testing/casework.js';
import { rowsIn } from '../testing/attacker.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { GPS_MARKER, gpsJpeg, hostileFiles, SAMPLE_PNG, sampleDocx, samplePdf } from '../testing/files.js';

const ACTORS: { name: string; roles: RoleCode[]; branch: 0 | 1 | 'both'; other?: true }[] = [
  { name: 'admin', roles: ['admin'], branch: 'both' },
  { name: 'coordA', roles: ['coordinator'], branch: 0 },
  { name: 'coordB', roles: ['coordinator'], branch: 1 },
  { name: 'lead', roles: ['case_worker'], branch: 0 },
  { name: 'teamWorker', roles: ['case_worker'], branch: 0 },
  { name: 'psychologist', roles: ['psychologist'], branch: 0 },
  { name: 'otherWorker', roles: ['case_worker'], branch: 0 },
  { name: 'workerB', roles: ['case_worker'], branch: 1 },
  { name: 'deskA', roles: ['shelter_admin'], branch: 0 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'meA', roles: ['me_officer'], branch: 0 },
  { name: 'volunteerA', roles: ['volunteer'], branch: 0 },
  { name: 'mentorA', roles: ['mentor'], branch: 0 },
  { name: 'otherCoord', roles: ['coordinator'], branch: 0, other: true },
];

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
/** Owner kind → an owner id of org (branch A's case). */
const owners: Record<string, string> = {};
let familyId: string;
let otherFamilyId: string;
let scannerDir: string;

const b64 = (b: Buffer) => b.toString('base64');
const upload = (client: Client, kind: string, ownerId: string, content: Buffer, extra: Record<string, unknown> = {}) =>
  client.post(`/api/files/owners/${kind}/${ownerId}`, {
    title: 'Свидетельство о рождении',
    documentDate: '2026-05-03',
    fileName: 'IMG_2026.jpg',
    contentBase64: b64(content),
    ...(kind === 'person_document' && { documentKind: 'birth_certificate' }),
    ...extra,
  });

beforeAll(async () => {
  scannerDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-fake-clam-'));
  // A fake ClamAV: reads the file from stdin, exit 1 when it holds the EICAR test string, else 0.
  fs.writeFileSync(
    path.join(scannerDir, 'scan.mjs'),
    `let d='';process.stdin.setEncoding('latin1');process.stdin.on('data',c=>d+=c);process.stdin.on('end',()=>process.exit(d.includes('EICAR-STANDARD-ANTIVIRUS-TEST-FILE')?1:0));`,
  );
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  for (const a of ACTORS) {
    const o = a.other ? other : org;
    const user = await buildUser(t, o, a.roles, a.branch === 'both' ? o.branchIds : [o.branchIds[a.branch]!]);
    ids[a.name] = user.id;
    c[a.name] = await login(t, user.email);
  }
  const admin = await login(t, org.adminEmail);
  const programmeId = (await admin.post('/api/programmes', { name: 'P', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json().id;
  const built = await buildCase(c.coordA!, {
    branchId: org.branchIds[0]!,
    programmeId,
    leadId: ids.lead!,
    team: [
      { userId: ids.teamWorker!, role: 'case_worker' },
      { userId: ids.psychologist!, role: 'psychologist' },
      { userId: ids.volunteerA!, role: 'volunteer' },
    ],
  });
  familyId = built.familyId;
  owners.family = built.familyId;
  owners.case = built.caseId;
  owners.person = built.motherId;
  const family = (await c.lead!.get(`/api/families/${familyId}`)).json();
  owners.person_document = family.members.find((m: { relation: string }) => m.relation === 'child').id;
  const consent = await c.lead!.post(`/api/families/${familyId}/consents`, {
    memberId: built.motherId,
    kind: 'personal_data',
    givenOn: '2026-09-01',
    scope: 'Обработка ПДн',
  });
  expect(consent.statusCode, consent.body).toBe(201);
  owners.consent = consent.json().id;
  // The records of other areas are made directly: their own routes are tested in their areas.
  await system(t.engine, async (tx) => {
    const o = org.orgId;
    const b = org.branchIds[0]!;
    const type = (
      await tx.execute<{ id: string }>(sql`select id::text from service_types where org_id = ${o} and category = 'social' limit 1`)
    ).rows[0]!.id;
    const psyType = (
      await tx.execute<{ id: string }>(sql`select id::text from service_types where org_id = ${o} and category = 'psychological' limit 1`)
    ).rows[0]!.id;
    const service = async (typeId: string) =>
      (
        await tx.execute<{
          id: string;
        }>(sql`insert into services (org_id, case_id, type_id, date, duration_minutes, format, initiated_by, specialist_ids, created_by)
          values (${o}, ${built.caseId}, ${typeId}, '2026-09-10', 60, 'in_person', 'team', array[${ids.lead}]::uuid[], ${ids.lead}) returning id::text`)
      ).rows[0]!.id;
    owners.service = await service(type);
    owners.psy_service = await service(psyType);
    const facility = (
      await tx.execute<{ id: string }>(
        sql`insert into facilities (org_id, branch_id, kind, name) values (${o}, ${b}, 'shelter', 'Дом') returning id::text`,
      )
    ).rows[0]!.id;
    owners.stay = (
      await tx.execute<{
        id: string;
      }>(sql`insert into stays (org_id, facility_id, branch_id, case_id, family_id, check_in_on, planned_leave_on)
        values (${o}, ${facility}, ${b}, ${built.caseId}, ${familyId}, '2026-09-02', '2027-03-02') returning id::text`)
    ).rows[0]!.id;
    owners.aid_handover = (
      await tx.execute<{
        id: string;
      }>(sql`insert into aid_requests (org_id, case_id, branch_id, delivery, reason, requested_on, requested_by)
        values (${o}, ${built.caseId}, ${b}, 'warehouse', 'Подгузники', '2026-09-05', ${ids.lead}) returning id::text`)
    ).rows[0]!.id;
    const partner = (
      await tx.execute<{ id: string }>(
        sql`insert into partners (org_id, kind, name) values (${o}, 'guardianship_office', 'Опека') returning id::text`,
      )
    ).rows[0]!.id;
    owners.partner_agreement = (
      await tx.execute<{ id: string }>(sql`insert into partner_agreements (org_id, partner_id, number, signed_on, valid_from)
        values (${o}, ${partner}, '15/2026', '2026-02-01', '2026-02-01') returning id::text`)
    ).rows[0]!.id;
    const training = (
      await tx.execute<{ id: string }>(sql`insert into trainings (org_id, branch_id, kind, title, starts_on, ends_on, hours, created_by)
        values (${o}, ${b}, 'seminar', 'Семинар', '2026-09-01', '2026-09-02', 8, ${ids.coordA}) returning id::text`)
    ).rows[0]!.id;
    owners.training_certificate = (
      await tx.execute<{ id: string }>(sql`insert into training_participants (org_id, training_id, user_id, registered_on)
        values (${o}, ${training}, ${ids.teamWorker}, '2026-08-20') returning id::text`)
    ).rows[0]!.id;
  });
  otherFamilyId = (
    await c.otherCoord!.post('/api/families', {
      branchId: other.branchIds[0],
      members: [{ relation: 'mother', firstName: 'Анна', lastName: 'Чужая' }],
      confirmedNotDuplicate: true,
    })
  ).json().id;
}, 120_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(scannerDir, { recursive: true, force: true });
});

const storedBytes = async (attachmentId: string): Promise<Buffer | null> => {
  // What is in the store, read as the server reads it (through the route, as the lead).
  const res = await c.lead!.get(`/api/files/${attachmentId}/content`);
  return res.statusCode === 200 ? res.rawPayload : null;
};

describe('attaching, reading, stripping', () => {
  it('a phone photo of a birth certificate: stored without GPS, typed by content, served as a download with nosniff', async () => {
    const res = await upload(c.lead!, 'person_document', owners.person_document!, gpsJpeg());
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({
      ownerKind: 'person_document',
      documentKind: 'birth_certificate',
      title: 'Свидетельство о рождении',
      documentDate: '2026-05-03',
    });
    expect(view.versions[0]).toMatchObject({
      number: 1,
      contentType: 'image/jpeg',
      kind: 'image',
      fileName: 'IMG_2026.jpg',
      available: true,
    });
    const download = await c.lead!.get(`/api/files/${view.id}/content`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="IMG_2026.jpg"/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    const bytes = download.rawPayload;
    expect(bytes.includes(GPS_MARKER)).toBe(false);
    expect(bytes.includes(Buffer.from([0x88, 0x25]))).toBe(false);
    expect(crypto.createHash('sha256').update(bytes).digest('hex')).toBe(view.versions[0].sha256);
    expect(view.versions[0].size).toBe(bytes.length);
    const inline = await c.lead!.get(`/api/files/${view.id}/content?inline=1`);
    expect(inline.headers['content-disposition']).toMatch(/^inline;/);
    expect(inline.headers['content-security-policy']).toMatch(/sandbox/);
  });

  it('what is stored on the engine is the stripped file (folder or database)', async () => {
    const res = await upload(c.lead!, 'family', familyId, gpsJpeg(), { title: 'Фото' });
    const row = await system(
      t.engine,
      async (tx) =>
        (
          await tx.execute<{ store: string; storage_key: string }>(
            sql`select store, storage_key::text from attachment_versions where attachment_id = ${res.json().id}`,
          )
        ).rows[0]!,
    );
    expect(row.store).toBe(t.engine.kind === 'postgres' ? 'database' : 'folder');
    if (row.store === 'database') {
      const stored = await system(
        t.engine,
        async (tx) =>
          (await tx.execute<{ content: Uint8Array }>(sql`select content from file_contents where key = ${row.storage_key}`)).rows[0]!
            .content,
      );
      expect(Buffer.from(stored).includes(GPS_MARKER)).toBe(false);
    } else {
      expect((await storedBytes(res.json().id))!.includes(GPS_MARKER)).toBe(false);
    }
  });

  it('a PDF and an office file are downloads; a PDF may be previewed inline; the page count is read', async () => {
    const pdf = await upload(c.lead!, 'case', owners.case!, samplePdf(3), { fileName: 'решение суда.pdf', title: 'Решение суда' });
    expect(pdf.statusCode, pdf.body).toBe(201);
    expect(pdf.json().versions[0]).toMatchObject({ kind: 'pdf', pages: 3, fileName: 'решение суда.pdf' });
    const got = await c.lead!.get(`/api/files/${pdf.json().id}/content`);
    expect(got.headers['content-disposition']).toBe(
      `attachment; filename="_______ ____.pdf"; filename*=UTF-8''${encodeURIComponent('решение суда.pdf')}`,
    );
    const docx = await upload(c.lead!, 'case', owners.case!, sampleDocx(), { fileName: 'plan.docx', title: 'План' });
    expect(docx.statusCode, docx.body).toBe(201);
    const inline = await c.lead!.get(`/api/files/${docx.json().id}/content?inline=1`);
    expect(inline.headers['content-disposition']).toMatch(/^attachment;/); // never inline but images and PDFs
  });

  it('the extension follows the content: a PNG named .jpg is stored as .png', async () => {
    const res = await upload(c.lead!, 'family', familyId, SAMPLE_PNG, { fileName: 'scan.jpg' });
    expect(res.json().versions[0]).toMatchObject({ contentType: 'image/png', fileName: 'scan.png' });
  });

  it('every owner kind takes a file and lists it', async () => {
    const managers: Record<string, Client> = {
      family: c.lead!,
      person: c.lead!,
      person_document: c.lead!,
      consent: c.lead!,
      case: c.lead!,
      service: c.lead!,
      stay: c.deskA!,
      aid_handover: c.coordA!,
      partner_agreement: c.coordA!,
      training_certificate: c.coordA!,
    };
    for (const [kind, client] of Object.entries(managers)) {
      const res = await upload(client, kind, owners[kind]!, samplePdf(1), { title: `Скан ${kind}` });
      expect(res.statusCode, `${kind} ${res.body}`).toBe(201);
      const list = await client.get(`/api/files/owners/${kind}/${owners[kind]}`);
      expect(
        list.json().items.map((i: { title: string }) => i.title),
        kind,
      ).toContain(`Скан ${kind}`);
    }
  });

  it('the download is audited by id, without the title or the name', async () => {
    const res = await upload(c.lead!, 'family', familyId, samplePdf(1), { title: 'CANARY-TITLE', fileName: 'CANARY-NAME.pdf' });
    await c.lead!.get(`/api/files/${res.json().id}/content`);
    const rows = await system(
      t.engine,
      async (tx) =>
        (
          await tx.execute<{ action: string; details: unknown }>(
            sql`select action, details from audit_log where record_type = 'attachment' and record_id = ${res.json().id} order by id`,
          )
        ).rows,
    );
    expect(rows.map((r) => r.action)).toEqual(['create', 'read']);
    expect(JSON.stringify(rows)).not.toMatch(/CANARY/);
  });
});

describe('authorization', () => {
  let fileId: string;
  let fileVersion: number;
  beforeAll(async () => {
    const res = await upload(c.lead!, 'family', familyId, samplePdf(1), { title: 'Матрица' });
    fileId = res.json().id;
    fileVersion = res.json().version;
  });

  // What each actor gets on a family's file: reach and manage, read only, or nothing (404).
  const expected: Record<string, 'manage' | 'read' | 'none'> = {
    admin: 'none', // the admin sees no case by design
    coordA: 'manage',
    coordB: 'none',
    lead: 'manage',
    teamWorker: 'manage',
    psychologist: 'manage',
    otherWorker: 'none', // same branch, another team
    workerB: 'none',
    deskA: 'none',
    supervisorA: 'manage',
    meA: 'none',
    volunteerA: 'none',
    mentorA: 'none',
    otherCoord: 'none',
  };

  it('every route for every role on a family file', async () => {
    const got: Record<string, string> = {};
    for (const name of Object.keys(expected)) {
      const client = c[name]!;
      const list = await client.get(`/api/files/owners/family/${familyId}`);
      const content = await client.get(`/api/files/${fileId}/content`);
      // Writes with a stale version: reaching them answers 409 (nothing changes), not reaching 404, reading only 403.
      const patch = await client.request('PUT', `/api/files/${fileId}`, { title: 'x', documentDate: null, version: fileVersion + 100 });
      const replace = await client.post(`/api/files/${fileId}/versions`, {
        fileName: 'a.pdf',
        contentBase64: b64(samplePdf(1)),
        version: fileVersion + 100,
      });
      const remove = await client.post(`/api/files/${fileId}/remove`, { version: fileVersion + 100 });
      const up = await client.post(`/api/files/owners/family/${familyId}`, {
        title: 'y',
        fileName: 'y.pdf',
        contentBase64: b64(samplePdf(1)),
      });
      got[name] = [list.statusCode, content.statusCode, patch.statusCode, replace.statusCode, remove.statusCode, up.statusCode].join(' ');
    }
    const want = Object.fromEntries(
      Object.entries(expected).map(([name, e]) => [
        name,
        e === 'manage' ? '200 200 409 409 409 201' : e === 'read' ? '200 200 403 403 403 403' : '404 404 404 404 404 404',
      ]),
    );
    expect(got).toEqual(want);
  });

  it("another team's worker gets 404 on every owner kind's files and on each file URL", async () => {
    for (const kind of Object.keys(owners).filter((k) => k !== 'psy_service')) {
      const list = await c.lead!.get(`/api/files/owners/${kind}/${owners[kind]}`);
      const items = list.statusCode === 200 ? (list.json().items as { id: string }[]) : [];
      for (const outsider of ['otherWorker', 'workerB', 'otherCoord']) {
        if (kind === 'partner_agreement' && outsider !== 'otherCoord') continue; // the directory is the organisation's
        if (kind === 'training_certificate' && outsider === 'otherWorker') continue; // trainings are the branch's
        expect((await c[outsider]!.get(`/api/files/owners/${kind}/${owners[kind]}`)).statusCode, `${outsider} ${kind}`).toBe(404);
        for (const item of items)
          expect((await c[outsider]!.get(`/api/files/${item.id}/content`)).statusCode, `${outsider} ${kind}`).toBe(404);
      }
    }
  });

  it("another organisation's ids in every id field are 404, and nothing is written", async () => {
    const theirs = await upload(c.otherCoord!, 'family', otherFamilyId, samplePdf(1), { title: 'Чужой' });
    expect(theirs.statusCode, theirs.body).toBe(201);
    const theirId = theirs.json().id;
    const before = await rowsIn(t, [org.orgId, other.orgId], ['attachments', 'attachment_versions']);
    const tries: [HTTPMethods, string, unknown?][] = [
      ['GET', `/api/files/owners/family/${otherFamilyId}`],
      ['POST', `/api/files/owners/family/${otherFamilyId}`, { title: 'x', fileName: 'a.pdf', contentBase64: b64(samplePdf(1)) }],
      ['GET', `/api/files/${theirId}/content`],
      ['PUT', `/api/files/${theirId}`, { title: 'x', documentDate: null, version: 1 }],
      ['POST', `/api/files/${theirId}/versions`, { fileName: 'a.pdf', contentBase64: b64(samplePdf(1)), version: 1 }],
      ['POST', `/api/files/${theirId}/remove`, { version: 1 }],
    ];
    for (const name of ['coordA', 'lead', 'admin']) {
      for (const [method, url, body] of tries)
        expect((await c[name]!.request(method, url, body)).statusCode, `${name} ${method} ${url}`).toBe(404);
    }
    expect(await rowsIn(t, [org.orgId, other.orgId], ['attachments', 'attachment_versions'])).toEqual(before);
    expect((await c.lead!.get(`/api/files/owners/nonsense/${familyId}`)).statusCode).toBe(404);
  });

  it('a file of a sensitive section is seen only by those who may see that section', async () => {
    const res = await upload(c.lead!, 'family', familyId, samplePdf(1), { title: 'Заключение психиатра', section: 'mental_state' });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().id;
    const sees = async (name: string) => {
      const list = (await c[name]!.get(`/api/files/owners/family/${familyId}`)).json().items.map((i: { id: string }) => i.id);
      return `${list.includes(id)} ${(await c[name]!.get(`/api/files/${id}/content`)).statusCode}`;
    };
    // Mental state: the lead, the psychologist and the supervisor (the shipped defaults), not the team's case worker or the coordinator.
    expect({
      lead: await sees('lead'),
      psychologist: await sees('psychologist'),
      supervisorA: await sees('supervisorA'),
      teamWorker: await sees('teamWorker'),
      coordA: await sees('coordA'),
    }).toEqual({ lead: 'true 200', psychologist: 'true 200', supervisorA: 'true 200', teamWorker: 'false 404', coordA: 'false 404' });
    // Nobody marks a file with a section they do not see.
    const refused = await upload(c.teamWorker!, 'family', familyId, samplePdf(1), { section: 'mental_state' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0].path).toBe('section');
    // A psychologist's service carries the mental state's restriction itself.
    expect((await c.teamWorker!.get(`/api/files/owners/service/${owners.psy_service}`)).statusCode).toBe(404);
    expect((await c.psychologist!.get(`/api/files/owners/service/${owners.psy_service}`)).statusCode).toBe(200);
    const audit = await system(
      t.engine,
      async (tx) =>
        (await tx.execute<{ action: string }>(sql`select action from audit_log where record_id = ${id} and action like 'read%'`)).rows,
    );
    expect(audit.every((r) => r.action === 'read_sensitive')).toBe(true);
  });
});

describe('hostile files and limits', () => {
  it('refuses the whole hostile corpus naming the field and the reason, writing nothing', async () => {
    const before = await rowsIn(t, [org.orgId], ['attachments', 'attachment_versions', 'file_contents']);
    for (const f of hostileFiles()) {
      const res = await upload(c.lead!, 'family', familyId, f.content, { fileName: f.fileName });
      expect(res.statusCode, f.name).toBe(400);
      const field = res.json().error.fields[0];
      expect(field.code, f.name).toBe(`files.refused.${f.reason}`);
      expect(field.path, f.name).toBe(f.reason === 'bad_name' ? 'fileName' : 'contentBase64');
      expect(field.message.length).toBeGreaterThan(10);
    }
    expect(await rowsIn(t, [org.orgId], ['attachments', 'attachment_versions', 'file_contents'])).toEqual(before);
  });

  it('hostile titles (NUL, a lone surrogate, 100,000 characters) are 400s naming the title', async () => {
    for (const title of ['a\u0000b', 'a\ud800b', 'я'.repeat(100_000)]) {
      const res = await upload(c.lead!, 'family', familyId, samplePdf(1), { title });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain('title');
    }
  });

  it('the organisation sets the limits per file and per record (admin only)', async () => {
    const admin = await login(t, org.adminEmail);
    expect((await c.coordA!.put('/api/files/settings', { maxFileMb: 1, maxRecordMb: 2, virusCheck: false })).statusCode).toBe(403);
    const set = await admin.put('/api/files/settings', { maxFileMb: 1, maxRecordMb: 2, virusCheck: false });
    expect(set.statusCode, set.body).toBe(200);
    try {
      const big = samplePdf(1, `%${'x'.repeat(1.2 * 1024 * 1024)}\n`);
      const tooBig = await upload(c.lead!, 'person', owners.person!, big);
      expect(tooBig.statusCode).toBe(400);
      expect(tooBig.json().error.fields[0]).toMatchObject({ path: 'contentBase64', code: 'files.refused.too_big' });
      const part = samplePdf(1, `%${'x'.repeat(0.8 * 1024 * 1024)}\n`);
      expect((await upload(c.lead!, 'person', owners.person!, part)).statusCode).toBe(201);
      expect((await upload(c.lead!, 'person', owners.person!, part)).statusCode).toBe(201);
      const full = await upload(c.lead!, 'person', owners.person!, part);
      expect(full.statusCode).toBe(422);
      expect(full.json().error.id).toBe('files.errors.record_full');
    } finally {
      await admin.put('/api/files/settings', { maxFileMb: 10, maxRecordMb: 100, virusCheck: false });
    }
  });
});

describe('versions and removal', () => {
  it('a replacement adds a version and keeps the old one; a stale version is a 409', async () => {
    const first = (await upload(c.lead!, 'consent', owners.consent!, samplePdf(1), { title: 'Согласие' })).json();
    const replaced = await c.lead!.post(`/api/files/${first.id}/versions`, {
      fileName: 'согласие.pdf',
      contentBase64: b64(samplePdf(2)),
      version: first.version,
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect(replaced.json().versions.map((v: { number: number; pages: number }) => [v.number, v.pages])).toEqual([
      [2, 2],
      [1, 1],
    ]);
    const stale = await c.lead!.post(`/api/files/${first.id}/versions`, {
      fileName: 'a.pdf',
      contentBase64: b64(samplePdf(3)),
      version: first.version,
    });
    expect(stale.statusCode).toBe(409);
    expect((await c.lead!.get(`/api/files/${first.id}/content?version=1`)).rawPayload.equals(samplePdf(1))).toBe(true);
    expect((await c.lead!.get(`/api/files/${first.id}/content`)).rawPayload.equals(samplePdf(2))).toBe(true);
    const edited = await c.lead!.request('PUT', `/api/files/${first.id}`, {
      title: 'Согласие (подписано)',
      documentDate: '2026-09-01',
      version: replaced.json().version,
    });
    expect(edited.json()).toMatchObject({ title: 'Согласие (подписано)', documentDate: '2026-09-01' });
  });

  it('removal is recorded, the content of every version is deleted, and the file is no longer served', async () => {
    const file = (await upload(c.lead!, 'case', owners.case!, samplePdf(1), { title: 'Удаляемый' })).json();
    const v2 = (
      await c.lead!.post(`/api/files/${file.id}/versions`, { fileName: 'b.pdf', contentBase64: b64(samplePdf(2)), version: file.version })
    ).json();
    const keys = await system(t.engine, async (tx) =>
      (
        await tx.execute<{ key: string }>(sql`select storage_key::text as key from attachment_versions where attachment_id = ${file.id}`)
      ).rows.map((r) => r.key),
    );
    const removed = await c.lead!.post(`/api/files/${file.id}/remove`, { version: v2.version });
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().removedAt).not.toBeNull();
    expect(removed.json().removedBy).toBe('Петрова Ольга');
    expect(removed.json().versions.every((v: { available: boolean }) => !v.available)).toBe(true);
    expect((await c.lead!.get(`/api/files/${file.id}/content`)).statusCode).toBe(404);
    expect((await c.lead!.get(`/api/files/${file.id}/content?version=1`)).statusCode).toBe(404);
    const list = await c.lead!.get(`/api/files/owners/case/${owners.case}`);
    expect(list.json().items.map((i: { id: string }) => i.id)).not.toContain(file.id);
    const withRemoved = await c.lead!.get(`/api/files/owners/case/${owners.case}?removed=true`);
    expect(withRemoved.json().items.map((i: { id: string }) => i.id)).toContain(file.id);
    if (t.engine.kind === 'postgres') {
      const left = await system(
        t.engine,
        async (tx) => (await tx.execute(sql`select 1 from file_contents where key in ${keys}`)).rows.length,
      );
      expect(left).toBe(0);
    }
    expect((await c.lead!.post(`/api/files/${file.id}/remove`, { version: removed.json().version })).statusCode).toBe(409);
  });
});

describe('bytes follow the rows (folder store, on both engines)', () => {
  /** Every file under the folder store's root (temporary names included). */
  const filesUnder = (root: string): string[] =>
    fs.existsSync(root)
      ? (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(root, f)).isFile())
      : [];
  // The injected failure: the audit record of the given attachment action refuses, after the bytes
  // were written (an upload) or marked for deletion (a removal), so the request's transaction fails.
  const failAudit = (action: 'create' | 'delete') =>
    system(t.engine, async (tx) => {
      await tx.execute(
        sql.raw(`create or replace function hearth_test_fail_audit() returns trigger language plpgsql as $$
        begin if new.record_type = 'attachment' and new.action = '${action}' then raise exception 'injected failure'; end if; return new; end $$`),
      );
      await tx.execute(
        sql`create trigger hearth_test_fail_audit before insert on audit_log for each row execute function hearth_test_fail_audit()`,
      );
    });
  const healAudit = () => system(t.engine, (tx) => tx.execute(sql`drop trigger if exists hearth_test_fail_audit on audit_log`));

  it('a failed upload leaves no bytes; a failed removal keeps them; a committed removal deletes them', async () => {
    const deps = t.app.deps;
    // The configuration is read-only to the app; the test points new uploads at the folder store.
    const files = deps.config.files as { store: typeof deps.config.files.store };
    const before = files.store;
    files.store = 'folder';
    const root = storeOfKind(deps, 'folder').location;
    try {
      const start = filesUnder(root);
      await failAudit('create');
      try {
        const failed = await upload(c.lead!, 'case', owners.case!, samplePdf(1), { title: 'Не сохранится' });
        expect(failed.statusCode).toBe(500);
      } finally {
        await healAudit();
      }
      expect(filesUnder(root)).toEqual(start);
      const written = await system(
        t.engine,
        async (tx) => (await tx.execute(sql`select 1 from attachments where title = 'Не сохранится'`)).rows,
      );
      expect(written).toHaveLength(0);

      const file = (await upload(c.lead!, 'case', owners.case!, samplePdf(2), { title: 'Останется' })).json();
      expect(filesUnder(root)).toHaveLength(start.length + 1);
      const bytes = (await c.lead!.get(`/api/files/${file.id}/content`)).rawPayload;
      await failAudit('delete');
      try {
        expect((await c.lead!.post(`/api/files/${file.id}/remove`, { version: file.version })).statusCode).toBe(500);
      } finally {
        await healAudit();
      }
      const kept = await c.lead!.get(`/api/files/${file.id}/content`);
      expect(kept.statusCode).toBe(200);
      expect(Buffer.compare(kept.rawPayload, bytes)).toBe(0);

      expect((await c.lead!.post(`/api/files/${file.id}/remove`, { version: file.version })).statusCode).toBe(200);
      expect(filesUnder(root)).toEqual(start);

      // What a process that died before its commit leaves: bytes without a row, and a temporary file.
      // The sweep deletes them once they are an hour old, and never a live file.
      const live = (await upload(c.lead!, 'case', owners.case!, samplePdf(3), { title: 'Живой' })).json();
      const orphanKey = crypto.randomUUID();
      const orphanDir = path.join(root, org.orgId, orphanKey.slice(0, 2));
      fs.mkdirSync(orphanDir, { recursive: true });
      fs.writeFileSync(path.join(orphanDir, orphanKey), samplePdf(1));
      fs.writeFileSync(path.join(orphanDir, `.${orphanKey}.abcd1234.tmp`), 'half');
      expect((await sweepFolderStore(deps)).deleted).toBe(0);
      t.clock.advance(2 * 60 * 60 * 1000);
      try {
        expect((await sweepFolderStore(deps)).deleted).toBe(2);
      } finally {
        t.clock.advance(-2 * 60 * 60 * 1000);
      }
      expect(filesUnder(root)).toHaveLength(start.length + 1);
      expect((await c.lead!.get(`/api/files/${live.id}/content`)).statusCode).toBe(200);
    } finally {
      files.store = before;
    }
  });
});

describe('virus check', () => {
  it('when on: EICAR refused, a clean file stored; an unavailable scanner refuses and stores nothing', async () => {
    const admin = await login(t, org.adminEmail);
    await admin.put('/api/files/settings', { maxFileMb: 10, maxRecordMb: 100, virusCheck: true });
    const saved = t.config.files.clamavCommand;
    const files = t.config.files as { clamavCommand: string };
    try {
      files.clamavCommand = `${process.execPath} ${path.join(scannerDir, 'scan.mjs')}`;
      const eicar = samplePdf(1, '% X5O!P%@AP[4\\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*\n');
      const infected = await upload(c.lead!, 'family', familyId, eicar);
      expect(infected.statusCode).toBe(400);
      expect(infected.json().error.fields[0].code).toBe('files.refused.virus');
      expect((await upload(c.lead!, 'family', familyId, samplePdf(1))).statusCode).toBe(201);
      files.clamavCommand = '/nonexistent/clamdscan -';
      const before = await rowsIn(t, [org.orgId], ['attachments', 'attachment_versions', 'file_contents']);
      const unavailable = await upload(c.lead!, 'family', familyId, samplePdf(1));
      expect(unavailable.statusCode).toBe(422);
      expect(unavailable.json().error.id).toBe('files.errors.scanner_unavailable');
      expect(await rowsIn(t, [org.orgId], ['attachments', 'attachment_versions', 'file_contents'])).toEqual(before);
    } finally {
      files.clamavCommand = saved;
      await admin.put('/api/files/settings', { maxFileMb: 10, maxRecordMb: 100, virusCheck: false });
    }
  });
});
