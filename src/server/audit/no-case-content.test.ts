// The audit viewer is no back door to case content (issue 11, defect 1). The admin, who by design
// sees no case, reads GET /api/audit after every kind of case change, each made with a marker string
// of its own in every free-text and personal field; no marker may appear anywhere in the answer.
// Also: the rule of migration 0024 that strips values from entries written by older versions.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { motherInput } from '../testing/casework.js';
import { buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';
import { buildHousingWorld, daysFrom, today, waitingCase, type HousingWorld } from '../testing/housing.js';

let t: TestApp;
let w: HousingWorld;
let lead: Client;
let leadId: string;
const markers: string[] = [];

/** A distinctive string for one field of one change: the audit must never show it. */
function marker(name: string): string {
  const value = `MARK-${name}-${markers.length}`;
  markers.push(value);
  return value;
}

async function ok(res: Promise<{ statusCode: number; body: string; json: () => unknown }>, status = [200, 201]) {
  const r = await res;
  expect(status, `${r.statusCode} ${r.body}`).toContain(r.statusCode);
  return r.json() as Record<string, unknown> & { id: string; version: number };
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildHousingWorld(t);
  const user = await buildUser(t, w.org, ['case_worker'], [w.org.branchIds[0]!]);
  leadId = user.id;
  lead = await login(t, user.email);
}, 120_000);
afterAll(() => t.close());

describe('the audit viewer after every kind of case change', () => {
  it('shows who, what, which record and which fields, never a value', async () => {
    const c = await waitingCase(w, leadId);
    const family = (await w.coordinator.get(`/api/families/${c.familyId}`)).json();

    // The family's notes and branch.
    await ok(
      w.coordinator.put(`/api/families/${c.familyId}`, {
        notes: marker('family-notes'),
        branchId: w.org.branchIds[0],
        version: family.version,
      }),
    );
    // A member's surname, phone and address.
    const mother = family.members.find((m: { relation: string }) => m.relation === 'mother');
    const { id: _id, version: memberVersion, ...memberFields } = mother;
    const editable = motherInput();
    const member = Object.fromEntries(
      Object.keys(editable).map((key) => [key, memberFields[key] ?? editable[key as keyof typeof editable]]),
    );
    await ok(
      w.coordinator.put(`/api/families/${c.familyId}/members/${c.motherId}`, {
        member: {
          ...member,
          lastName: marker('surname'),
          phone: `+7 900 ${String(markers.length).padStart(3, '0')}-00-00`,
          actualAddress: marker('address'),
        },
        version: memberVersion,
      }),
    );
    // A social contact added and deleted.
    const contact = await ok(
      w.coordinator.post(`/api/families/${c.familyId}/contacts`, {
        name: marker('contact-name'),
        kind: 'friend',
        relationship: marker('contact-relationship'),
        nature: 'supportive',
        reachable: true,
        phone: '+7 911 555-44-33',
        note: marker('contact-note'),
      }),
    );
    await ok(w.coordinator.del(`/api/families/${c.familyId}/contacts/${contact.id}`));
    // A sensitive note recorded without consent, with the override reason.
    await ok(
      lead.post(`/api/families/${c.familyId}/sensitive`, {
        memberId: c.motherId,
        section: 'domestic_violence',
        text: marker('sensitive-text'),
        overrideReason: marker('override-reason'),
      }),
    );
    // The case's risk flags.
    const caseView = (await w.coordinator.get(`/api/cases/${c.caseId}`)).json().case;
    await ok(
      w.coordinator.put(`/api/cases/${c.caseId}`, {
        leadId,
        team: [],
        riskFlags: ['suicide_risk'],
        version: caseView.version,
      }),
    );

    // Referrals: declined with a reason, signposted with a note, an intake scheduled at a place.
    const referral = (summary: string) =>
      ok(
        w.coordinator.post('/api/referrals', {
          branchId: w.org.branchIds[0],
          programmeId: w.programmeId,
          receivedAt: new Date().toISOString(),
          source: 'hotline',
          clientFirstName: marker('referral-first-name'),
          clientLastName: marker('referral-last-name'),
          clientPhone: '+7 922 111-22-33',
          summary,
          urgency: 'high',
        }),
      );
    const declined = await referral(marker('referral-summary'));
    await ok(
      w.coordinator.post(`/api/referrals/${declined.id}/triage`, {
        action: 'decline',
        reason: marker('decline-reason'),
        version: declined.version,
      }),
    );
    const signposted = await referral(marker('referral-summary'));
    await ok(
      w.coordinator.post(`/api/referrals/${signposted.id}/triage`, {
        action: 'signpost',
        organization: marker('signpost-organization'),
        note: marker('signpost-note'),
        version: signposted.version,
      }),
    );
    const scheduled = await referral(marker('referral-summary'));
    await ok(
      w.coordinator.post(`/api/referrals/${scheduled.id}/triage`, {
        action: 'schedule_intake',
        scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
        location: marker('intake-location'),
        assignedTo: leadId,
        version: scheduled.version,
      }),
    );

    // A service recorded with a note, then withdrawn with a reason.
    const types = (await lead.get('/api/service-types')).json().items as { id: string }[];
    const service = await ok(
      lead.post('/api/services', {
        caseId: c.caseId,
        typeId: types[0]!.id,
        date: today(),
        durationMinutes: 45,
        specialistIds: [leadId],
        format: 'in_person',
        initiatedBy: 'client',
        note: marker('service-note'),
      }),
    );
    await ok(lead.post(`/api/services/${service.id}/withdraw`, { reason: marker('withdraw-reason') }));

    // An assessment and its amendment with a reason.
    const assessment = await ok(
      lead.post(`/api/cases/${c.caseId}/assessments`, {
        templateCode: 'family_needs',
        conductedOn: today(),
        answers: { housing_need: 3, housing_risk: 2, psychological_resources: marker('assessment-answer') },
      }),
    );
    await ok(
      lead.post(`/api/assessments/${assessment.id}/amendments`, {
        answers: { psychological_resources: marker('amended-answer') },
        reason: marker('amendment-reason'),
      }),
    );

    // A plan drawn up and changed.
    const plan = await ok(
      lead.post(`/api/cases/${c.caseId}/plan`, {
        desiredFuture: marker('desired-future'),
        participants: [{ kind: 'mother', name: marker('participant') }],
        startOn: today(),
        nextReviewOn: daysFrom(30),
        goals: [
          {
            domain: 'housing',
            title: marker('goal-title'),
            tasks: [{ title: marker('task-title'), responsibleKind: 'mother', dueOn: daysFrom(10) }],
          },
        ],
      }),
    );
    await ok(
      lead.put(`/api/plans/${plan.id}`, {
        desiredFuture: marker('desired-future-changed'),
        participants: [{ kind: 'mother', name: marker('participant-changed') }],
        startOn: today(),
        nextReviewOn: daysFrom(40),
        goals: [
          {
            domain: 'housing',
            title: marker('goal-title-changed'),
            tasks: [{ title: marker('task-title-changed'), responsibleKind: 'mother', dueOn: daysFrom(12) }],
          },
        ],
        version: plan.version,
      }),
    );

    // A stay: checked in, extended with a reason, checked out with a note.
    const room = w.rooms[0]!;
    const stay = await ok(
      w.coordinator.post('/api/housing/stays', {
        caseId: c.caseId,
        roomId: room.id,
        checkInOn: daysFrom(-5),
        members: [{ memberId: c.motherId }, { memberId: c.childId }],
      }),
    );
    const extended = await ok(
      w.coordinator.post(`/api/housing/stays/${stay.id}/extend`, {
        plannedLeaveOn: daysFrom(300),
        reason: marker('extension-reason'),
        version: stay.version,
      }),
    );
    await ok(
      w.coordinator.post(`/api/housing/stays/${stay.id}/check-out`, {
        on: today(),
        reason: 'graduated',
        note: marker('checkout-note'),
        version: extended.version,
      }),
    );

    // What the admin sees: every page of the organisation's audit.
    const admin = await login(t, w.org.adminEmail);
    const first = (await admin.get('/api/audit?pageSize=200')).json();
    expect(first.total).toBeGreaterThan(20);
    const pages = [first];
    for (let page = 2; (page - 1) * 200 < first.total; page += 1)
      pages.push((await admin.get(`/api/audit?pageSize=200&page=${page}`)).json());
    const answer = JSON.stringify(pages);
    for (const value of markers) expect(answer, `the audit shows ${value}`).not.toContain(value);
    // The phones as typed ('900' alone also occurs in ids and milliseconds of timestamps).
    for (const phone of ['+7 900', '911 555', '922 111']) expect(answer).not.toContain(phone);
    expect(answer).not.toContain('suicide_risk');

    // …and it still answers who did what to which record and which fields changed.
    const memberEntry = first.items.find(
      (e: { recordType: string; recordId: string; action: string }) =>
        e.recordType === 'member' && e.recordId === c.motherId && e.action === 'update',
    );
    expect(memberEntry.details.fields).toEqual(expect.arrayContaining(['lastName', 'phone', 'actualAddress']));
    expect(memberEntry.userId).toBe(w.coordinator.me.id);
    const withdrawal = first.items.find(
      (e: { recordType: string; recordId: string; details: { fields?: string[] } }) =>
        e.recordType === 'service' && e.recordId === service.id && e.details.fields,
    );
    expect(withdrawal.details.fields).toContain('withdrawn');

    // The values stay readable where they belong: the service keeps its withdrawal reason for the case team.
    expect(JSON.stringify((await lead.get(`/api/cases/${c.caseId}/services`)).json())).toContain('MARK-withdraw-reason');
  });
});

describe('entries written before: migration 0024', () => {
  it('keeps field names, ids and codes of an old entry and drops every value', async () => {
    const old = {
      changes: { phone: { from: '+7 900 000-00-00', to: '+7 900 111-11-11' }, lastName: { from: 'Иванова', to: 'Петрова' } },
      before: { name: 'Сосед Коля', note: 'пьёт', passwordHash: '$argon2id$x' },
      reason: 'Ошибка ввода',
      consentOverride: 'Угроза жизни',
      caseId: '0b5c3c39-4a44-4f6e-9d5e-6d2a1f0f4c11',
      sections: ['health', 'addiction'],
      residentJoined: { memberId: 'x', reason: 'born' },
      format: 'docx',
    };
    const rows = await system(t.engine, (tx) =>
      tx.execute<{ d: unknown; login: unknown }>(
        sql`select hearth_audit_names_only('update', ${JSON.stringify(old)}::jsonb) as d,
          hearth_audit_names_only('login_failed', '{"reason": "credentials"}'::jsonb) as login`,
      ),
    );
    const d = rows.rows[0]!.d as Record<string, unknown>;
    expect(d).toEqual({
      fields: ['lastName', 'name', 'note', 'phone'],
      caseId: old.caseId,
      sections: ['health', 'addiction'],
      format: 'docx',
    });
    expect(rows.rows[0]!.login).toEqual({ reason: 'credentials' });
  });
});
