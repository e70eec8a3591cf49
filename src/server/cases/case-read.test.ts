// The case page's consent warning (issue 12, point 9): it counts only the consents the programme
// requires of the family's adults, so an optional consent never given (photos, third parties)
// never keeps it on; the caseload's mark agrees with the page. Through the HTTP app, on both engines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { buildFamily, motherInput } from '../testing/casework.js';

let t: TestApp;
let org: TestOrganization;
let coordinator: Client;
let leadId: string;
let programmeId: string;

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  const admin = await login(t, org.adminEmail);
  programmeId = (await admin.post('/api/programmes', { name: 'Мама рядом', periodStart: '2026-01-01', periodEnd: '2026-12-31' })).json().id;
  const coordinatorUser = await buildUser(t, org, ['coordinator']);
  coordinator = await login(t, coordinatorUser.email);
  leadId = (await buildUser(t, org, ['case_worker'])).id;
});
afterAll(() => t.close());

async function consent(familyId: string, memberId: string, kind: string): Promise<string> {
  const res = await coordinator.post(`/api/families/${familyId}/consents`, {
    memberId,
    kind,
    givenOn: '2026-09-02',
    scope: 'Сопровождение',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

describe('the missing-consents warning', () => {
  it('counts only the required consent of the adults; optional ones never keep it on', async () => {
    const mother = motherInput();
    const family = await buildFamily(coordinator, org.branchIds[0]!, [
      mother,
      { relation: 'grandmother', firstName: 'Нина', lastName: 'Кравцова', birthDate: '1968-02-03', sex: 'female' },
      { relation: 'child', firstName: 'Миша', birthDate: '2026-05-01', sex: 'male' },
      { relation: 'unborn_child', firstName: '', expectedBirthDate: '2027-02-01' },
    ]);
    const opened = await coordinator.post('/api/cases', {
      familyId: family.id,
      programmeId,
      branchId: org.branchIds[0]!,
      leadId,
      openedOn: '2026-09-01',
      team: [],
      riskFlags: [],
    });
    expect(opened.statusCode, opened.body).toBe(201);
    const caseId = opened.json().id as string;
    const motherId = family.members.find((m) => m.relation === 'mother')!.id;
    const grandmotherId = family.members.find((m) => m.relation === 'grandmother')!.id;
    const page = async () => (await coordinator.get(`/api/cases/${caseId}`)).json();
    const listed = async () =>
      (await coordinator.get(`/api/cases?q=${encodeURIComponent(mother.lastName)}`))
        .json()
        .items.find((c: { id: string }) => c.id === caseId);

    // Nothing given yet: each adult lacks the personal-data consent; the children are not asked.
    let detail = await page();
    expect(detail.requiredConsents).toEqual(['personal_data']);
    expect(detail.missingConsents).toEqual([
      { memberId: motherId, kinds: ['personal_data'] },
      { memberId: grandmotherId, kinds: ['personal_data'] },
    ]);
    expect((await listed()).missingConsent).toBe(true);

    // An optional consent does not stand in for the required one.
    await consent(family.id, motherId, 'photo_video');
    await consent(family.id, motherId, 'special_categories');
    detail = await page();
    expect(detail.missingConsents.map((m: { memberId: string }) => m.memberId)).toEqual([motherId, grandmotherId]);

    // The required ones given: no warning, although photos and third parties were never agreed to.
    const motherConsent = await consent(family.id, motherId, 'personal_data');
    await consent(family.id, grandmotherId, 'personal_data');
    detail = await page();
    expect(detail.missingConsents).toEqual([]);
    expect((await listed()).missingConsent).toBe(false);

    // Withdrawn, it is missing again.
    const withdrawn = await coordinator.post(`/api/families/${family.id}/consents/${motherConsent}/withdraw`, {
      withdrawnOn: '2026-10-01',
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    detail = await page();
    expect(detail.missingConsents).toEqual([{ memberId: motherId, kinds: ['personal_data'] }]);
    expect((await listed()).missingConsent).toBe(true);
  });
});
