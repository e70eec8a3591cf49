// The confidentiality matrix of casework: every route of families, referrals and cases × role ×
// relation to the case (its team, another team, no team) × case status. A case outside the caller's
// scope reads as 404 everywhere (details, lists, search, history); sensitive sections appear only
// to the case relations allowed to see them, and canary strings planted in them never reach anyone else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../../domain/access/permissions.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';
import { ageCodeOf } from '../../domain/families/people.js';
import { sql } from 'drizzle-orm';
import { system } from '../db/gateway.js';
import { samplePdf } from '../testing/files.js';

const CANARY = { health: 'CANARY-HEALTH-4410', mental_state: 'CANARY-MENTAL-7731', criminal_record: 'CANARY-CRIME-5521' } as const;
type Section = keyof typeof CANARY;

let t: TestApp;
let org: TestOrganization;
let programmeId: string;
let target: BuiltCase;
let surname: string;
let referralId: string;
const users: Record<string, { client: Client; id: string }> = {};

/** Who is who, and what each should get on the target case (in branch A). */
const ACTORS: {
  name: string;
  roles: RoleCode[];
  branch: 0 | 1;
  team?: string;
  expect: 'full' | 'hidden' | 'forbidden';
  sections: Section[];
}[] = [
  { name: 'lead', roles: ['case_worker'], branch: 0, expect: 'full', sections: ['health', 'mental_state', 'criminal_record'] },
  {
    name: 'teamPsychologist',
    roles: ['psychologist'],
    branch: 0,
    team: 'psychologist',
    expect: 'full',
    sections: ['health', 'mental_state'],
  },
  { name: 'teamLawyer', roles: ['lawyer'], branch: 0, team: 'lawyer', expect: 'full', sections: ['criminal_record'] },
  { name: 'coordinatorA', roles: ['coordinator'], branch: 0, expect: 'full', sections: ['health', 'criminal_record'] },
  { name: 'supervisorA', roles: ['supervisor'], branch: 0, expect: 'full', sections: ['health', 'mental_state', 'criminal_record'] },
  { name: 'coordinatorB', roles: ['coordinator'], branch: 1, expect: 'hidden', sections: [] },
  { name: 'otherWorker', roles: ['case_worker'], branch: 0, expect: 'hidden', sections: [] },
  { name: 'otherPsychologist', roles: ['psychologist'], branch: 0, expect: 'hidden', sections: [] },
  { name: 'teamVolunteer', roles: ['volunteer'], branch: 0, team: 'volunteer', expect: 'forbidden', sections: [] },
  { name: 'meOfficer', roles: ['me_officer'], branch: 0, expect: 'forbidden', sections: [] },
  { name: 'shelterAdmin', roles: ['shelter_admin'], branch: 0, expect: 'forbidden', sections: [] },
  { name: 'admin', roles: ['admin'], branch: 0, expect: 'forbidden', sections: [] },
];

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  programmeId = (await admin.post('/api/programmes', { name: 'Неразлучные', periodStart: '2026-01-01', periodEnd: '2026-12-31' })).json()
    .id;
  for (const actor of ACTORS) {
    const user = await buildUser(t, org, actor.roles, [org.branchIds[actor.branch]!]);
    users[actor.name] = { id: user.id, client: await login(t, user.email) };
  }
  const coordinator = users.coordinatorA!.client;
  const team = ACTORS.filter((a) => a.team).map((a) => ({ userId: users[a.name]!.id, role: a.team! }));
  target = await buildCase(coordinator, {
    branchId: org.branchIds[0]!,
    programmeId,
    leadId: users.lead!.id,
    team,
    riskFlags: ['suicide_risk', 'no_housing'],
  });
  const family = (await coordinator.get(`/api/families/${target.familyId}`)).json();
  surname = family.members[0].lastName;
  const lead = users.lead!.client;
  const consent = await lead.post(`/api/families/${target.familyId}/consents`, {
    memberId: target.motherId,
    kind: 'special_categories',
    givenOn: '2026-09-01',
    scope: 'Сведения о здоровье для сопровождения',
  });
  expect(consent.statusCode, consent.body).toBe(201);
  for (const section of Object.keys(CANARY) as Section[]) {
    const note = await lead.post(`/api/families/${target.familyId}/sensitive`, {
      memberId: target.motherId,
      section,
      text: `Запись: ${CANARY[section]}`,
    });
    expect(note.statusCode, note.body).toBe(201);
  }
  const referral = await lead.post('/api/referrals', {
    branchId: org.branchIds[0],
    receivedAt: new Date().toISOString(),
    source: 'guardianship',
    clientFirstName: 'Дарья',
    clientLastName: surname,
    summary: `Повторное обращение ${CANARY.health}`,
    familyId: target.familyId,
  });
  referralId = referral.json().id;
});
afterAll(() => t.close());

/** Every read path of the target case and family, with what it returned. */
async function readEverything(client: Client) {
  const paths = [
    '/api/cases',
    `/api/cases?q=${encodeURIComponent(surname)}`,
    `/api/cases/${target.caseId}`,
    `/api/families/${target.familyId}`,
    `/api/families/${target.familyId}/sensitive`,
    '/api/referrals',
    '/api/volunteer/families',
    '/api/audit',
  ];
  const results = await Promise.all(paths.map((p) => client.get(p)));
  const matches = await client.post('/api/families/matches', { lastName: surname, firstName: 'Дарья' });
  return {
    byPath: Object.fromEntries(paths.map((p, i) => [p, results[i]!])),
    all: [...results, matches].map((r) => r.body).join('\n'),
    matches,
  };
}

describe('who reaches the case', () => {
  for (const actor of ACTORS) {
    it(`${actor.name} (${actor.roles.join(', ')}) → ${actor.expect}`, async () => {
      const { client } = users[actor.name]!;
      const { byPath, all } = await readEverything(client);
      const detail = byPath[`/api/cases/${target.caseId}`]!;
      const listed = (path: string) =>
        byPath[path]!.statusCode === 200 ? byPath[path]!.json().items.map((i: { id: string }) => i.id) : [];
      if (actor.expect === 'full') {
        expect(detail.statusCode).toBe(200);
        expect(listed('/api/cases')).toContain(target.caseId);
        expect(listed(`/api/cases?q=${encodeURIComponent(surname)}`)).toContain(target.caseId);
        expect(byPath[`/api/families/${target.familyId}`]!.statusCode).toBe(200);
        const sections = detail
          .json()
          .sensitive.map((n: { section: string }) => n.section)
          .sort();
        expect(sections).toEqual([...actor.sections].sort());
        expect(detail.json().case.riskFlags.includes('suicide_risk')).toBe(actor.sections.includes('mental_state'));
      } else if (actor.expect === 'hidden') {
        expect(detail.statusCode).toBe(404);
        expect(byPath[`/api/families/${target.familyId}`]!.statusCode).toBe(404);
        expect(byPath[`/api/families/${target.familyId}/sensitive`]!.statusCode).toBe(404);
        expect(listed('/api/cases')).not.toContain(target.caseId);
        expect(listed(`/api/cases?q=${encodeURIComponent(surname)}`)).not.toContain(target.caseId);
        expect(listed('/api/referrals')).not.toContain(referralId);
        expect(all).not.toContain(surname);
      } else {
        expect(detail.statusCode).toBe(403);
        expect(byPath['/api/cases']!.statusCode).toBe(403);
        expect(byPath[`/api/families/${target.familyId}`]!.statusCode).toBe(403);
        expect(all).not.toContain(surname);
      }
      // Canaries: a section the actor may not see never appears in any response, list, search or history.
      for (const section of Object.keys(CANARY) as Section[]) {
        if (!actor.sections.includes(section)) expect(all).not.toContain(CANARY[section]);
      }
    });
  }

  it('the volunteer of the team sees first names and ages only', async () => {
    const res = await users.teamVolunteer!.client.get('/api/volunteer/families');
    expect(res.statusCode).toBe(200);
    const entry = res.json().items.find((i: { caseId: string }) => i.caseId === target.caseId);
    expect(entry.people.map((p: { firstName: string }) => p.firstName)).toEqual(['Дарья', 'Миша']);
    // Ages in the shared codes the web says with units («28 лет», «7 мес.»).
    const day = new Date().toISOString().slice(0, 10);
    expect(entry.people.map((p: { age: string }) => p.age)).toEqual([
      ageCodeOf('1998-04-12', null, day),
      ageCodeOf('2026-05-01', null, day),
    ]);
    expect(res.body).not.toContain(surname);
    expect(res.body).not.toContain('1998');
  });

  it('writes are refused the same way: 404 outside the scope, 403 without the permission, nothing changed', async () => {
    const writes = (client: Client) => [
      client.put(`/api/cases/${target.caseId}`, { leadId: users.lead!.id, team: [], riskFlags: [], version: 99 }),
      client.post(`/api/cases/${target.caseId}/transition`, {
        action: 'close',
        on: '2026-10-01',
        outcome: 'other',
        reason: 'x',
        version: 99,
      }),
      client.put(`/api/families/${target.familyId}`, { notes: 'x', branchId: org.branchIds[0], version: 99 }),
      client.post(`/api/families/${target.familyId}/members`, { relation: 'child', firstName: 'X' }),
      client.post(`/api/families/${target.familyId}/contacts`, { name: 'X', kind: 'friend', nature: 'neutral', reachable: true }),
      client.post(`/api/families/${target.familyId}/consents`, {
        memberId: target.motherId,
        kind: 'photo_video',
        givenOn: '2026-09-01',
        scope: 'x',
      }),
      client.post(`/api/families/${target.familyId}/sensitive`, { section: 'health', text: 'x', overrideReason: 'x' }),
      client.post(`/api/referrals/${referralId}/triage`, { action: 'decline', reason: 'x', version: 1 }),
    ];
    for (const actor of ACTORS.filter((a) => a.expect !== 'full')) {
      const results = await Promise.all(writes(users[actor.name]!.client));
      for (const res of results) expect([403, 404], `${actor.name}: ${res.body}`).toContain(res.statusCode);
      if (actor.expect === 'hidden')
        expect(
          results.slice(0, 7).every((r) => r.statusCode === 404),
          actor.name,
        ).toBe(true);
    }
    const detail = (await users.lead!.client.get(`/api/cases/${target.caseId}`)).json();
    expect(detail.case.status).toBe('intake');
    expect(detail.family.members).toHaveLength(2);
    expect(detail.family.socialContacts).toHaveLength(0);
  });

  it('a team member who is not the lead cannot change the team or close the case; the coordinator can', async () => {
    const psy = users.teamPsychologist!.client;
    const res = await psy.post(`/api/cases/${target.caseId}/transition`, { action: 'activate', on: '2026-10-01', version: 1 });
    expect(res.statusCode).toBe(403);
  });

  it('a coordinator who cannot see a sensitive flag does not erase it by saving the flags she sees', async () => {
    const coordinator = users.coordinatorA!.client;
    const detail = (await coordinator.get(`/api/cases/${target.caseId}`)).json();
    expect(detail.case.riskFlags).toEqual(['no_housing']);
    const res = await coordinator.put(`/api/cases/${target.caseId}`, {
      leadId: users.lead!.id,
      team: detail.case.team
        .filter((m: { role: string }) => m.role !== 'lead')
        .map((m: { userId: string; role: string }) => ({ userId: m.userId, role: m.role })),
      riskFlags: ['urgent'],
      version: detail.case.version,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().riskFlags).toEqual(['urgent']);
    const asSupervisor = (await users.supervisorA!.client.get(`/api/cases/${target.caseId}`)).json();
    expect([...asSupervisor.case.riskFlags].sort()).toEqual(['suicide_risk', 'urgent']);
  });

  it('visibility does not change with the case status (intake, active, post-support, closed)', async () => {
    const coordinator = users.coordinatorA!.client;
    const steps = [
      { action: 'activate', status: 'active' },
      { action: 'to_post_support', status: 'post_support' },
      { action: 'close', status: 'closed', outcome: 'child_with_family', reason: 'Семья справляется' },
    ];
    let version = (await coordinator.get(`/api/cases/${target.caseId}`)).json().case.version;
    for (const step of [{ status: 'intake' }, ...steps]) {
      if ('action' in step) {
        const res = await coordinator.post(`/api/cases/${target.caseId}/transition`, {
          on: new Date().toISOString().slice(0, 10),
          version,
          ...step,
          status: undefined,
        });
        expect(res.statusCode, res.body).toBe(200);
        version = res.json().version;
      }
      for (const actor of ACTORS) {
        const res = await users[actor.name]!.client.get(`/api/cases/${target.caseId}`);
        expect(res.statusCode, `${actor.name} on ${step.status}`).toBe({ full: 200, hidden: 404, forbidden: 403 }[actor.expect]);
      }
    }
    const history = (await users.supervisorA!.client.get(`/api/cases/${target.caseId}`)).json().timeline.items;
    const coordinatorView = (await coordinator.get(`/api/cases/${target.caseId}`)).json().timeline.items;
    // The history names a sensitive section only to those who may see it.
    expect(
      history.filter(
        (e: { kind: string; data: { section?: string } }) => e.kind === 'sensitive_note_added' && e.data.section === 'mental_state',
      ),
    ).toHaveLength(1);
    expect(JSON.stringify(coordinatorView)).not.toContain('mental_state');
    expect(JSON.stringify(coordinatorView)).not.toContain('suicide_risk');
  });
});

describe('consent and sensitive data', () => {
  it('refuses special-category data without consent; the lead may override with a reason, kept on the note, not in the audit', async () => {
    const coordinator = users.coordinatorA!.client;
    const other = await buildCase(coordinator, {
      branchId: org.branchIds[0]!,
      programmeId,
      leadId: users.lead!.id,
      team: [{ userId: users.teamPsychologist!.id, role: 'psychologist' }],
    });
    const refused = await users.lead!.client.post(`/api/families/${other.familyId}/sensitive`, {
      memberId: other.motherId,
      section: 'health',
      text: 'ВИЧ+',
    });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.id).toBe('errors.special_consent_missing');
    const notLead = await users.teamPsychologist!.client.post(`/api/families/${other.familyId}/sensitive`, {
      memberId: other.motherId,
      section: 'health',
      text: 'ВИЧ+',
      overrideReason: 'Срочно',
    });
    expect(notLead.statusCode).toBe(403);
    const override = await users.lead!.client.post(`/api/families/${other.familyId}/sensitive`, {
      memberId: other.motherId,
      section: 'health',
      text: 'ВИЧ+',
      overrideReason: 'Угроза жизни, согласие будет взято завтра',
    });
    expect(override.statusCode, override.body).toBe(201);
    const admin = await login(t, org.adminEmail);
    const audit = (await admin.get(`/api/audit?recordType=sensitive_note&recordId=${override.json().id}`)).json().items;
    expect(audit).toMatchObject([{ action: 'create', details: { consentOverridden: true, section: 'health' } }]);
    expect(JSON.stringify(audit)).not.toContain('ВИЧ+');
    expect(JSON.stringify(audit)).not.toContain('Угроза жизни');
    // The reason belongs to the note: its readers see it with the text.
    const notes = (await users.lead!.client.get(`/api/families/${other.familyId}/sensitive`)).json();
    expect(JSON.stringify(notes)).toContain('Угроза жизни, согласие будет взято завтра');
  });

  it('every read that returns sensitive sections is audited, and the case page shows what consent is missing', async () => {
    const before = (await (await login(t, org.adminEmail)).get(`/api/audit?action=read_sensitive&userId=${users.supervisorA!.id}`)).json()
      .total;
    const detail = (await users.supervisorA!.client.get(`/api/cases/${target.caseId}`)).json();
    const after = (await (await login(t, org.adminEmail)).get(`/api/audit?action=read_sensitive&userId=${users.supervisorA!.id}`)).json()
      .total;
    expect(after).toBe(before + 1);
    // Only the consent the programme requires is missing: the optional ones are the family's choice.
    const mother = detail.missingConsents.find((m: { memberId: string }) => m.memberId === target.motherId);
    expect(mother.kinds).toEqual(['personal_data']);
  });

  it('records a consent with a scan and its withdrawal', async () => {
    const lead = users.lead!.client;
    const signed = samplePdf(1, '% signed form\n');
    const scan = signed.toString('base64');
    const res = await lead.post(`/api/families/${target.familyId}/consents`, {
      memberId: target.motherId,
      kind: 'personal_data',
      givenOn: '2026-09-02',
      scope: 'Обработка ПДн для сопровождения семьи',
      scan: { fileName: 'soglasie.pdf', mimeType: 'application/pdf', contentBase64: scan },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().hasScan).toBe(true);
    const file = await lead.get(`/api/families/${target.familyId}/consents/${res.json().id}/scan`);
    expect(Buffer.compare(Buffer.from(file.json().contentBase64, 'base64'), signed)).toBe(0);
    // The scan is an attachment of the consent (its files panel), not a row of the old `files` table.
    const panel = await lead.get(`/api/files/owners/consent/${res.json().id}`);
    expect(panel.statusCode, panel.body).toBe(200);
    expect(panel.json().items).toHaveLength(1);
    expect(panel.json().items[0].versions[0]).toMatchObject({ fileName: 'soglasie.pdf', contentType: 'application/pdf' });
    expect(panel.json().items[0].documentDate).toBe('2026-09-02');
    const legacy = await system(t.engine, async (tx) => (await tx.execute(sql`select 1 from files`)).rows.length);
    expect(legacy).toBe(0);
    // Checked by its content like any file: markup named .pdf is a 400 on the scan, and no consent is recorded.
    const consentCount = () =>
      system(t.engine, async (tx) => (await tx.execute(sql`select 1 from consents where family_id = ${target.familyId}`)).rows.length);
    const consentsBefore = await consentCount();
    const hostile = await lead.post(`/api/families/${target.familyId}/consents`, {
      memberId: target.motherId,
      kind: 'photo_video',
      givenOn: '2026-09-02',
      scope: 'Фото',
      scan: {
        fileName: 'soglasie.pdf',
        mimeType: 'application/pdf',
        contentBase64: Buffer.from('<html><script>alert(1)</script>').toString('base64'),
      },
    });
    expect(hostile.statusCode).toBe(400);
    expect(hostile.json().error.fields.map((f: { path: string }) => f.path)).toContain('scan.contentBase64');
    expect(await consentCount()).toBe(consentsBefore);
    const early = await lead.post(`/api/families/${target.familyId}/consents/${res.json().id}/withdraw`, { withdrawnOn: '2026-09-01' });
    expect(early.statusCode).toBe(400);
    const withdrawn = await lead.post(`/api/families/${target.familyId}/consents/${res.json().id}/withdraw`, { withdrawnOn: '2026-10-01' });
    expect(withdrawn.json().withdrawnOn).toBe('2026-10-01');
    const outsider = await users.otherWorker!.client.get(`/api/families/${target.familyId}/consents/${res.json().id}/scan`);
    expect(outsider.statusCode).toBe(404);
  });
});
