// Document templates and documents generated from a case (issue 16, point 2), through the real HTTP
// app: who may list, upload, change and download templates; uploads refused naming the reason (an
// unknown placeholder by its name, broken markup, not a DOCX, a zip bomb, macros, hostile text); a
// generated DOCX parsed back holds the case's family and never another's nor a sensitive section; a
// PDF starts with %PDF and carries the words; who may generate (every role; another team's case is
// 404) and another organisation's or family's id in every id field (400 naming it); the audit keeps
// the template and the case, never the content.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import { sql } from 'drizzle-orm';
import PizZip from 'pizzip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { SHIPPED_TEMPLATES } from '../../domain/documents/contracts.js';
import { system } from '../db/gateway.js';
import { buildCase, buildFamily, motherInput, type BuiltCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';

const CANARY = 'CANARY-HEALTH-DOC-5512';

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
let target: BuiltCase;
let neighbour: BuiltCase;
let foreign: BuiltCase;
let targetSurname: string;
let neighbourSurname: string;
let foreignSurname: string;
let foreignTemplateId: string;
let foreignMemberId: string;
let foreignPartnerId: string;
let partnerId: string;
const users: Record<string, { client: Client; id: string }> = {};

const ROLES: { name: string; roles: RoleCode[]; branch: 0 | 1; team?: string }[] = [
  { name: 'lead', roles: ['case_worker'], branch: 0 },
  { name: 'teamPsychologist', roles: ['psychologist'], branch: 0, team: 'psychologist' },
  { name: 'coordinatorA', roles: ['coordinator'], branch: 0 },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0 },
  { name: 'coordinatorB', roles: ['coordinator'], branch: 1 },
  { name: 'otherWorker', roles: ['case_worker'], branch: 0 },
  { name: 'teamVolunteer', roles: ['volunteer'], branch: 0, team: 'volunteer' },
  { name: 'meOfficer', roles: ['me_officer'], branch: 0 },
  { name: 'shelterAdmin', roles: ['shelter_admin'], branch: 0 },
  { name: 'admin', roles: ['admin'], branch: 0 },
  { name: 'mentor', roles: ['mentor'], branch: 0 },
];

/** A DOCX whose paragraphs are the given lines (each one run, so tags stay whole). */
async function docxOf(lines: string[]): Promise<Buffer> {
  const doc = new Document({ sections: [{ children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })) }] });
  return Packer.toBuffer(doc);
}

/** A zip written by hand, each entry deflated; `declared` overrides the size the directory states. */
function zipOf(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name);
    const compressed = zlib.deflateRawSync(entry.data);
    const size = entry.declared ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += 30 + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const upload = (client: Client, content: Buffer, name = 'Свой шаблон') =>
  client.post('/api/document-templates', { name, fileName: 'template.docx', contentBase64: content.toString('base64') });

const documentXmlOf = (docx: Buffer) => new PizZip(docx).file('word/document.xml')!.asText();
const textOf = (xml: string) => (xml.match(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g) ?? []).map((m) => m.replace(/<[^>]+>/g, '')).join(' ');

async function pdfText(buffer: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(buffer), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i += 1) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(''));
  }
  return pages.join('\n');
}

async function templateId(client: Client, code: string): Promise<string> {
  const list = (await client.get('/api/document-templates')).json() as { items: { id: string; shippedCode: string | null }[] };
  return list.items.find((x) => x.shippedCode === code)!.id;
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  const programmeId = (
    await admin.post('/api/programmes', { name: 'Тёплый дом', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
  ).json().id;
  for (const role of ROLES) {
    const user = await buildUser(t, org, role.roles, [org.branchIds[role.branch]!]);
    users[role.name] = { id: user.id, client: await login(t, user.email) };
  }
  const coordinator = users.coordinatorA!.client;
  const team = ROLES.filter((r) => r.team).map((r) => ({ userId: users[r.name]!.id, role: r.team! }));
  target = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId: users.lead!.id, team });
  neighbour = await buildCase(coordinator, { branchId: org.branchIds[0]!, programmeId, leadId: users.otherWorker!.id });
  const surnameOf = async (c: Client, familyId: string) => (await c.get(`/api/families/${familyId}`)).json().members[0].lastName as string;
  targetSurname = await surnameOf(coordinator, target.familyId);
  neighbourSurname = await surnameOf(coordinator, neighbour.familyId);
  // A sensitive note of the target family: no document may carry it.
  const lead = users.lead!.client;
  expect(
    (
      await lead.post(`/api/families/${target.familyId}/consents`, {
        memberId: target.motherId,
        kind: 'special_categories',
        givenOn: '2026-09-01',
        scope: 'Здоровье',
      })
    ).statusCode,
  ).toBe(201);
  expect((await lead.post(`/api/families/${target.familyId}/sensitive`, { section: 'health', text: CANARY })).statusCode).toBe(201);
  partnerId = (
    await coordinator.post('/api/partners', { kind: 'guardianship_office', name: 'Отдел опеки района Южный', address: 'ул. Мира, 1' })
  ).json().id;

  // The other organisation: its case, member, template and partner.
  const otherAdmin = await login(t, other.adminEmail);
  const otherProgramme = (
    await otherAdmin.post('/api/programmes', { name: 'Другая', periodStart: '2026-01-01', periodEnd: '2026-12-31' })
  ).json().id;
  const otherCoordinator = await login(t, (await buildUser(t, other, ['coordinator'], [other.branchIds[0]!])).email);
  foreign = await buildCase(otherCoordinator, {
    branchId: other.branchIds[0]!,
    programmeId: otherProgramme,
    leadId: otherCoordinator.me.id,
  });
  foreignSurname = await surnameOf(otherCoordinator, foreign.familyId);
  foreignMemberId = foreign.motherId;
  foreignTemplateId = await templateId(otherCoordinator, 'consent_adult');
  foreignPartnerId = (await otherCoordinator.post('/api/partners', { kind: 'ngo', name: 'Чужой партнёр' })).json().id;
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('templates', () => {
  it('every organisation has the nine shipped templates, listed to anyone signed in', async () => {
    for (const name of ['lead', 'admin', 'meOfficer', 'teamVolunteer', 'mentor']) {
      const res = await users[name]!.client.get('/api/document-templates');
      expect(res.statusCode, name).toBe(200);
      const codes = (res.json().items as { shippedCode: string }[]).map((x) => x.shippedCode).sort();
      expect(codes, name).toEqual(
        [
          'aid_act',
          'consent_adult',
          'consent_child',
          'consent_special',
          'guardianship_request',
          'house_rules',
          'partner_referral',
          'stay_agreement',
          'support_plan',
        ].sort(),
      );
    }
    const consent = (
      (await users.lead!.client.get('/api/document-templates')).json().items as { shippedCode: string; placeholders: string[] }[]
    ).find((x) => x.shippedCode === 'consent_adult')!;
    expect(consent.placeholders).toContain('субъект.фио');
  });

  it('uploads, changes, retires and downloads: admin and coordinator only', async () => {
    const content = await docxOf(['Справка для {заявитель.фио}', '{#дети}{номер}. {фио}, {дата_рождения}{/дети}', 'Дата: {дата}']);
    for (const name of ['lead', 'teamPsychologist', 'meOfficer', 'teamVolunteer', 'shelterAdmin', 'mentor', 'supervisorA']) {
      expect((await upload(users[name]!.client, content)).statusCode, name).toBe(403);
    }
    const res = await upload(users.admin!.client, content, 'Справка');
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created.placeholders).toEqual(['заявитель.фио', 'дети', 'номер', 'фио', 'дата_рождения', 'дата']);
    expect((await upload(users.coordinatorA!.client, content, 'Справка 2')).statusCode).toBe(201);

    const change = { name: 'Справка о сопровождении', description: '', active: true, version: created.version };
    expect((await users.lead!.client.put(`/api/document-templates/${created.id}`, change)).statusCode).toBe(403);
    const changed = await users.admin!.client.put(`/api/document-templates/${created.id}`, change);
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await users.admin!.client.put(`/api/document-templates/${created.id}`, change)).statusCode).toBe(409);
    expect((await users.admin!.client.put(`/api/document-templates/${foreignTemplateId}`, { ...change, version: 1 })).statusCode).toBe(404);

    const file = await users.admin!.client.get(`/api/document-templates/${created.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(content)).toBe(true);
    const shipped = await users.coordinatorA!.client.get(
      `/api/document-templates/${await templateId(users.admin!.client, 'aid_act')}/file`,
    );
    expect(shipped.statusCode).toBe(200);
    expect(shipped.headers['content-type']).toContain('wordprocessingml');
    expect(documentXmlOf(shipped.rawPayload)).toContain('{#позиции_помощи}');
    expect((await users.lead!.client.get(`/api/document-templates/${created.id}/file`)).statusCode).toBe(403);
    expect((await users.admin!.client.get(`/api/document-templates/${foreignTemplateId}/file`)).statusCode).toBe(404);

    // Retired: out of the list, and not generated from.
    const retired = await users.admin!.client.put(`/api/document-templates/${created.id}`, {
      ...change,
      active: false,
      version: changed.json().version,
    });
    expect(retired.statusCode).toBe(200);
    const listed = (await users.lead!.client.get('/api/document-templates')).json().items as { id: string }[];
    expect(listed.map((x) => x.id)).not.toContain(created.id);
    const all = (await users.admin!.client.get('/api/document-templates?all=true')).json().items as { id: string }[];
    expect(all.map((x) => x.id)).toContain(created.id);
    const gen = await users.lead!.client.post(`/api/cases/${target.caseId}/documents`, { templateId: created.id, format: 'docx' });
    expect(gen.statusCode).toBe(400);
    expect(gen.json().error.fields[0].path).toBe('templateId');
  });

  it('refuses a template with an unknown placeholder naming it, broken markup, raw XML, not a DOCX, a zip bomb, macros, hostile text', async () => {
    const admin = users.admin!.client;
    const before = await system(
      t.engine,
      async (tx) => (await tx.execute<{ n: number }>(sql`select count(*)::int as n from document_templates`)).rows[0]!.n,
    );
    const refused = async (content: Buffer, name = 'Шаблон') => {
      const res = await upload(admin, content, name);
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.fields[0] as { path: string; message: string };
    };
    const unknown = await refused(await docxOf(['Уважаемая {заявитель.фио}', 'Паспорт: {паспорт_мамы}']));
    expect(unknown.path).toBe('contentBase64');
    expect(unknown.message).toContain('паспорт_мамы');
    // An item field outside its list, and a list used as a field, are unknown too.
    expect((await refused(await docxOf(['{фио}']))).message).toContain('фио');
    expect((await refused(await docxOf(['{дети}']))).message).toContain('дети');
    expect((await refused(await docxOf(['{#дети}{цель}{/дети}']))).message).toContain('цель');
    expect((await refused(await docxOf(['{заявитель.фио']))).path).toBe('contentBase64');
    expect((await refused(await docxOf(['{#дети}{фио}']))).path).toBe('contentBase64');
    expect((await refused(await docxOf(['{@заявитель.фио}']))).path).toBe('contentBase64');
    // Not a DOCX: a PNG, plain text, an HTML page named .docx, a zip without a Word document.
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    expect((await refused(png)).path).toBe('contentBase64');
    expect((await refused(Buffer.from('<html><script>alert(1)</script></html>'))).path).toBe('contentBase64');
    expect((await refused(zipOf([{ name: 'readme.txt', data: Buffer.from('hello') }]))).path).toBe('contentBase64');
    // Zip bombs: one declaring 200 MB, one declaring 1 KB that inflates to 50 MB.
    const zeros = Buffer.alloc(50 * 1024 * 1024);
    const contentTypes = Buffer.from('<Types/>');
    const huge = await refused(
      zipOf([
        { name: '[Content_Types].xml', data: contentTypes },
        { name: 'word/document.xml', data: Buffer.alloc(1024), declared: 200 * 1024 * 1024 },
      ]),
    );
    expect(huge.message).toMatch(/слишком большой/);
    const liar = await refused(
      zipOf([
        { name: '[Content_Types].xml', data: contentTypes },
        { name: 'word/document.xml', data: zeros, declared: 1024 },
      ]),
    );
    expect(liar.message).toMatch(/слишком большой/);
    // A macro-enabled document.
    const docx = new PizZip(await docxOf(['Привет']));
    docx.file('word/vbaProject.bin', 'macro');
    expect((await refused(docx.generate({ type: 'nodebuffer' }))).message).toMatch(/макрос/);
    // Hostile text in the name: a NUL, a lone surrogate, 100,000 characters — 400 naming the field.
    for (const name of ['a\u0000b', 'a\ud800b', 'x'.repeat(100_000)]) {
      const res = await upload(admin, await docxOf(['{дата}']), name);
      expect(res.statusCode).toBe(400);
      expect((res.json().error.fields as { path: string }[]).map((f) => f.path)).toContain('name');
    }
    const after = await system(
      t.engine,
      async (tx) => (await tx.execute<{ n: number }>(sql`select count(*)::int as n from document_templates`)).rows[0]!.n,
    );
    expect(after).toBe(before);
  });
});

describe('generating a document from a case', () => {
  it('fills the consent form with the case family, never another family or a sensitive section, as DOCX and PDF', async () => {
    const lead = users.lead!.client;
    const id = await templateId(lead, 'consent_adult');
    const res = await lead.post(`/api/cases/${target.caseId}/documents`, { templateId: id, format: 'docx' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    expect(res.headers['content-disposition']).toContain('attachment');
    const xml = documentXmlOf(res.rawPayload);
    const text = textOf(xml);
    expect(text).toContain(`${targetSurname} Дарья Олеговна`);
    expect(text).toContain('12.04.1998');
    expect(text).toContain('152-ФЗ');
    expect(text).not.toMatch(/\{[^}]*\}/);
    for (const absent of [neighbourSurname, foreignSurname, CANARY]) expect(xml).not.toContain(absent);

    const pdf = await lead.post(`/api/cases/${target.caseId}/documents`, { templateId: id, format: 'pdf' });
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const words = await pdfText(pdf.rawPayload);
    expect(words).toContain(targetSurname);
    expect(words).toContain('СОГЛАСИЕ');
    expect(words).not.toContain(neighbourSurname);
  });

  it('fills lists and the chosen member: the stay agreement lists the children, a child consent names the child', async () => {
    const lead = users.lead!.client;
    const family = (await lead.get(`/api/families/${target.familyId}`)).json() as {
      members: { id: string; relation: string; firstName: string }[];
    };
    const child = family.members.find((m) => m.relation === 'child')!;
    const stay = await lead.post(`/api/cases/${target.caseId}/documents`, {
      templateId: await templateId(lead, 'stay_agreement'),
      format: 'docx',
    });
    expect(stay.statusCode).toBe(200);
    expect(textOf(documentXmlOf(stay.rawPayload))).toContain(child.firstName);
    const res = await lead.post(`/api/cases/${target.caseId}/documents`, {
      templateId: await templateId(lead, 'consent_child'),
      format: 'docx',
      memberId: child.id,
    });
    expect(res.statusCode).toBe(200);
    const text = textOf(documentXmlOf(res.rawPayload));
    expect(text).toContain(`законным представителем (мать) несовершеннолетнего(ей) ${child.firstName}`);
    const letter = await lead.post(`/api/cases/${target.caseId}/documents`, {
      templateId: await templateId(lead, 'guardianship_request'),
      format: 'docx',
      partnerId,
    });
    expect(letter.statusCode, letter.body).toBe(200);
    expect(textOf(documentXmlOf(letter.rawPayload))).toContain('Отдел опеки района Южный');
    // Every shipped template fills and opens (the main document is well-formed XML).
    const list = (await lead.get('/api/document-templates')).json().items as { id: string }[];
    for (const template of list) {
      const out = await lead.post(`/api/cases/${target.caseId}/documents`, { templateId: template.id, format: 'docx' });
      expect(out.statusCode, out.body).toBe(200);
      expect(documentXmlOf(out.rawPayload)).toMatch(/^<\?xml[\s\S]*<\/w:document>$/);
    }
  });

  it('values are text, never markup: a name with XML characters stays a name', async () => {
    const coordinator = users.coordinatorA!.client;
    const family = await buildFamily(coordinator, org.branchIds[0]!, [motherInput({ lastName: '<w:t>Ё&"Злая"</w:t>', middleName: '' })]);
    const programmeId = (await coordinator.get(`/api/cases/${target.caseId}`)).json().case.programmeId;
    const opened = await coordinator.post('/api/cases', {
      familyId: family.id,
      programmeId,
      branchId: org.branchIds[0]!,
      leadId: users.coordinatorA!.id,
      openedOn: '2026-09-01',
      team: [],
      riskFlags: [],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const res = await coordinator.post(`/api/cases/${opened.json().id}/documents`, {
      templateId: await templateId(coordinator, 'consent_adult'),
      format: 'docx',
    });
    expect(res.statusCode).toBe(200);
    const xml = documentXmlOf(res.rawPayload);
    expect(xml).toContain('&lt;w:t&gt;Ё&amp;');
    const pdf = await coordinator.post(`/api/cases/${opened.json().id}/documents`, {
      templateId: await templateId(coordinator, 'consent_adult'),
      format: 'pdf',
    });
    expect(await pdfText(pdf.rawPayload)).toContain('<w:t>Ё&"Злая"</w:t>');
  });

  it('who may generate: the case team and its branch, 404 for another team or branch, 403 without casework', async () => {
    const id = await templateId(users.lead!.client, 'consent_adult');
    const expected: Record<string, number> = {
      lead: 200,
      teamPsychologist: 200,
      coordinatorA: 200,
      supervisorA: 200,
      coordinatorB: 404,
      otherWorker: 404,
      teamVolunteer: 403,
      meOfficer: 403,
      shelterAdmin: 403,
      admin: 403,
      mentor: 403,
    };
    const got: Record<string, number> = {};
    for (const name of Object.keys(expected)) {
      got[name] = (await users[name]!.client.post(`/api/cases/${target.caseId}/documents`, { templateId: id, format: 'docx' })).statusCode;
    }
    expect(got).toEqual(expected);
  });

  it("another organisation's or family's id in every id field: 404 for the case, 400 naming the field", async () => {
    const lead = users.lead!.client;
    const id = await templateId(lead, 'consent_adult');
    const url = `/api/cases/${target.caseId}/documents`;
    expect((await lead.post(`/api/cases/${foreign.caseId}/documents`, { templateId: id, format: 'docx' })).statusCode).toBe(404);
    expect((await lead.post(`/api/cases/${neighbour.caseId}/documents`, { templateId: id, format: 'docx' })).statusCode).toBe(404);
    const cases: [Record<string, unknown>, string][] = [
      [{ templateId: foreignTemplateId }, 'templateId'],
      [{ memberId: foreignMemberId }, 'memberId'],
      [{ memberId: neighbour.motherId }, 'memberId'],
      [{ partnerId: foreignPartnerId }, 'partnerId'],
      [{ aidRequestId: foreign.caseId }, 'aidRequestId'],
      [{ templateId: 'not-a-uuid' }, 'templateId'],
    ];
    for (const [patch, field] of cases) {
      const res = await lead.post(url, { templateId: id, format: 'docx', ...patch });
      expect(res.statusCode, `${field} ${res.body}`).toBe(400);
      expect((res.json().error.fields as { path: string }[]).map((f) => f.path)).toContain(field);
    }
    // A partner needs partners.read: the M&E officer has none, but she does not reach the case either;
    // a volunteer neither. Hostile text in the format is a 400 naming it.
    const res = await lead.post(url, { templateId: id, format: 'exe' });
    expect(res.statusCode).toBe(400);
  });

  it("saves the generated document among the case's files when asked (the files area stores it)", async () => {
    const lead = users.lead!.client;
    const id = await templateId(lead, 'consent_adult');
    const res = await lead.post(`/api/cases/${target.caseId}/documents`, { templateId: id, format: 'pdf', save: true });
    expect(res.statusCode, res.body).toBe(200);
    const fileId = res.headers['x-saved-file-id'] as string;
    expect(fileId).toMatch(/^[0-9a-f-]{36}$/);
    const files = (await lead.get(`/api/files/owners/case/${target.caseId}`)).json() as { items: { id: string; title: string }[] };
    expect(files.items.find((f) => f.id === fileId)?.title).toBe('Согласие на обработку персональных данных (совершеннолетний)');
    const content = await lead.get(`/api/files/${fileId}/content`);
    expect(content.statusCode).toBe(200);
    expect(content.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    // Not saved unless asked.
    const plain = await lead.post(`/api/cases/${target.caseId}/documents`, { templateId: id, format: 'docx' });
    expect(plain.headers['x-saved-file-id']).toBeUndefined();
  });

  it('is audited with the template, case and format — no content', async () => {
    const lead = users.lead!.client;
    const id = await templateId(lead, 'consent_special');
    expect((await lead.post(`/api/cases/${target.caseId}/documents`, { templateId: id, format: 'pdf' })).statusCode).toBe(200);
    const rows = await system(
      t.engine,
      async (tx) =>
        (
          await tx.execute<{ details: Record<string, unknown>; user_id: string }>(
            sql`select details, user_id::text from audit_log where record_type = 'case_document' and record_id = ${target.caseId} and action = 'export'
            order by at desc limit 1`,
          )
        ).rows,
    );
    const entry = rows[0]!;
    expect(entry.user_id).toBe(users.lead!.id);
    expect(entry.details).toMatchObject({ templateId: id, format: 'pdf' });
    expect(JSON.stringify(entry.details)).not.toContain(targetSurname);
  });

  // The 500 ms target is measured by the bench (documents scenario); here only a loose guard on a busy machine.
  it('generates a document in well under two seconds', async () => {
    const lead = users.lead!.client;
    const id = await templateId(lead, 'support_plan');
    await lead.post(`/api/cases/${target.caseId}/documents`, { templateId: id, format: 'docx' });
    const started = performance.now();
    const res = await lead.post(`/api/cases/${target.caseId}/documents`, { templateId: id, format: 'docx' });
    expect(res.statusCode).toBe(200);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

// The DOCX must open in LibreOffice, not only parse as XML: every shipped template is generated for
// the case and converted by LibreOffice itself (headless, the Word 2007 import filter forced, so a
// file LibreOffice cannot read as a Word document fails instead of being read as plain text), and
// the PDF's text must hold the family's data. CI installs libreoffice-writer-nogui and poppler-utils
// (.ci/run); without them this test fails — it is not skipped.
describe('generated documents open in LibreOffice', () => {
  const run = promisify(execFile);
  it('every shipped template, generated for the case, converts to a PDF holding the family', async () => {
    const lead = users.lead!.client;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-lo-'));
    try {
      for (const code of SHIPPED_TEMPLATES) {
        const out = await lead.post(`/api/cases/${target.caseId}/documents`, {
          templateId: await templateId(lead, code),
          format: 'docx',
          ...(code === 'partner_referral' || code === 'guardianship_request' ? { partnerId } : {}),
        });
        expect(out.statusCode, out.body).toBe(200);
        fs.writeFileSync(path.join(dir, `${code}.docx`), out.rawPayload);
      }
      // One LibreOffice run for all nine, with a profile of its own (a shared one is locked by another run).
      await run(
        'soffice',
        [
          `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
          '--headless',
          '--infilter=MS Word 2007 XML',
          '--convert-to',
          'pdf',
          '--outdir',
          path.join(dir, 'pdf'),
          ...SHIPPED_TEMPLATES.map((code) => path.join(dir, `${code}.docx`)),
        ],
        { timeout: 120_000 },
      );
      for (const code of SHIPPED_TEMPLATES) {
        const pdf = path.join(dir, 'pdf', `${code}.pdf`);
        expect(fs.existsSync(pdf), `LibreOffice made no PDF of ${code}`).toBe(true);
        const { stdout } = await run('pdftotext', ['-layout', pdf, '-']);
        const words = stdout.replace(/\s+/g, ' ');
        expect(words, code).toContain(targetSurname);
        expect(words, code).not.toMatch(/\{[^}]*\}/);
        expect(words, code).not.toContain(neighbourSurname);
        expect(words, code).not.toContain(CANARY);
        if (code === 'consent_adult') expect(words).toContain('152-ФЗ');
        if (code === 'guardianship_request') expect(words).toContain('Отдел опеки района Южный');
      }
      if (process.env.HEARTH_KEEP_LO_OUTPUT) fs.cpSync(dir, process.env.HEARTH_KEEP_LO_OUTPUT, { recursive: true });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
