// The cohort figures on a hand-built fixture (PGlite and PostgreSQL). Today is T; the period is
// admissions from T−15 months to T−9 months, programme P, branch A unless said otherwise.
//
//   F1 admitted T−14m, closed child_with_family T−8m; contacts at 3 m (yes) and 6 m (yes)
//   F2 admitted T−13m, closed child_in_state_care T−10m; 3 m: state care; 6 m: a "yes" recorded and
//      then withdrawn (does not count) → due and not contacted
//   F3 admitted T−12m, closed independent_living T−11m, reopened T−10m: back in the programme (active)
//   F4 admitted T−11m, in post-support
//   F5 admitted T−10m, still in intake
//   F6 admitted T−14m, closed other T−13m; 3 m: answer unknown; 6 m: with relatives; 12 m: none
//   F7 admitted in branch B in the period, active (only in the all-branches figures)
//   outside: F8 admitted T−16m (before), F9 admitted T−8m (after), F10 in another programme
//
// By hand, branch A: admitted 6 (F1–F6); in programme: intake 1 (F5), active 1 (F3), post-support 1
// (F4); left 3 (F1, F2, F6): child_with_family 1, child_in_state_care 1, other 1.
//   3 months: F1 yes, F2 state care, F6 unknown → contacted 3, with 1, not 1, unknown 1, not due 0; share 1/3
//   6 months: F1 yes, F2 none (due T−4m) → unknown, F6 relatives → contacted 2, with 1, not 1, unknown 1; share 1/2
//   12 months: F1 due T+4m and F2 due T+2m → not yet due 2; F6 due T−1m, none → unknown 1; contacted 0; share null
// All branches: the same plus F7 active → admitted 7, active 2.
//
// Programme R counts follow-ups from the move to post-support (issue 12, point 4), as the follow-up
// list does:
//   F11 admitted T−12m, post-support from T−7m (still there); 3 m (due T−4m): contact "yes"
//   F12 admitted T−11m, post-support from T−10m, closed child_with_family T−2m: left T−10m
// By hand: admitted 2; none still in the programme; left 2 (child_with_family 1).
//   3 months: F11 yes, F12 none (due T−7m) → contacted 1, with 1, unknown 1; share 1
//   6 months: F11 due T−1m, F12 due T−4m, none → unknown 2
//   12 months: F11 due T+5m, F12 due T+2m → not yet due 2
// (Counted from the closing, F11 would still be in the programme and F12's 3 months not yet due.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../domain/outcomes/follow-up.js';
import { buildCase } from '../testing/casework.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';

const today = () => new Date().toISOString().slice(0, 10);
const ago = (n: number) => addMonths(today(), -n);

let t: TestApp;
let coord: Client;
let me: Client;
let coordA: Client;
let coordB: Client;
let supervisorA: Client;
let programmeId: string;
let fromPostSupport: string;
let branchA: string;

async function transition(caseId: string, action: string, on: string, outcome: string | null = null) {
  const detail = (await coord.get(`/api/cases/${caseId}`)).json();
  const res = await coord.post(`/api/cases/${caseId}/transition`, { action, on, outcome, reason: 'Итог', version: detail.case.version });
  expect(res.statusCode, res.body).toBe(200);
}

async function family(opts: { openedOn: string; branch?: string; programme?: string }) {
  return buildCase(coord, {
    branchId: opts.branch ?? branchA,
    programmeId: opts.programme ?? programmeId,
    leadId: coord.me.id,
    openedOn: opts.openedOn,
  });
}

async function followUp(caseId: string, milestone: number, contactedOn: string, childWithFamily: string) {
  const res = await coord.post('/api/follow-ups', { caseId, milestone, contactedOn, format: 'phone', childWithFamily, housing: 'unknown' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { serviceId: string };
}

beforeAll(async () => {
  t = await buildTestApp();
  const org = await buildOrganization(t);
  branchA = org.branchIds[0]!;
  const admin = await login(t, org.adminEmail);
  programmeId = (await admin.post('/api/programmes', { name: 'P', periodStart: '2024-01-01', periodEnd: '2027-12-31' })).json().id;
  const other = (await admin.post('/api/programmes', { name: 'Q', periodStart: '2024-01-01', periodEnd: '2027-12-31' })).json().id;
  coord = await login(t, (await buildUser(t, org, ['coordinator'], org.branchIds)).email);
  me = await login(t, (await buildUser(t, org, ['me_officer'], org.branchIds)).email);
  coordA = await login(t, (await buildUser(t, org, ['coordinator'], [branchA])).email);
  coordB = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[1]!])).email);
  supervisorA = await login(t, (await buildUser(t, org, ['supervisor'], [branchA])).email);

  const f1 = await family({ openedOn: ago(14) });
  await transition(f1.caseId, 'close', ago(8), 'child_with_family');
  await followUp(f1.caseId, 3, ago(5), 'yes');
  await followUp(f1.caseId, 6, ago(2), 'yes');

  const f2 = await family({ openedOn: ago(13) });
  await transition(f2.caseId, 'close', ago(10), 'child_in_state_care');
  await followUp(f2.caseId, 3, ago(7), 'state_care');
  const withdrawn = await followUp(f2.caseId, 6, ago(4), 'yes');
  expect((await coord.post(`/api/services/${withdrawn.serviceId}/withdraw`, { reason: 'Записано не той семье' })).statusCode).toBe(200);

  const f3 = await family({ openedOn: ago(12) });
  await transition(f3.caseId, 'close', ago(11), 'independent_living');
  await transition(f3.caseId, 'reopen', ago(10));

  const f4 = await family({ openedOn: ago(11) });
  await transition(f4.caseId, 'activate', ago(11));
  await transition(f4.caseId, 'to_post_support', ago(3));

  await family({ openedOn: ago(10) }); // F5, intake

  const f6 = await family({ openedOn: ago(14) });
  await transition(f6.caseId, 'close', ago(13), 'other');
  await followUp(f6.caseId, 3, ago(10), 'unknown');
  await followUp(f6.caseId, 6, ago(7), 'relatives');

  const f7 = await family({ openedOn: ago(12), branch: org.branchIds[1]! });
  await transition(f7.caseId, 'activate', ago(12));

  const f8 = await family({ openedOn: ago(16) });
  await transition(f8.caseId, 'close', ago(12), 'child_with_family');
  await family({ openedOn: ago(8) }); // F9
  await family({ openedOn: ago(12), programme: other }); // F10

  fromPostSupport = (
    await admin.post('/api/programmes', { name: 'R', periodStart: '2024-01-01', periodEnd: '2027-12-31', followUpFrom: 'post_support' })
  ).json().id;
  const f11 = await family({ openedOn: ago(12), programme: fromPostSupport });
  await transition(f11.caseId, 'activate', ago(12));
  await transition(f11.caseId, 'to_post_support', ago(7));
  await followUp(f11.caseId, 3, ago(4), 'yes');
  const f12 = await family({ openedOn: ago(11), programme: fromPostSupport });
  await transition(f12.caseId, 'activate', ago(11));
  await transition(f12.caseId, 'to_post_support', ago(10));
  await transition(f12.caseId, 'close', ago(2), 'child_with_family');
});
afterAll(() => t.close());

const horizons = [
  { months: 3, contacted: 3, childWithFamily: 1, notWithFamily: 1, unknown: 1, notYetDue: 0, childWithFamilyShare: 1 / 3 },
  { months: 6, contacted: 2, childWithFamily: 1, notWithFamily: 1, unknown: 1, notYetDue: 0, childWithFamilyShare: 0.5 },
  { months: 12, contacted: 0, childWithFamily: 0, notWithFamily: 0, unknown: 1, notYetDue: 2, childWithFamilyShare: null },
];

describe('cohort figures', () => {
  it('branch A, worked out by hand (read exactly by a coordinator who opens every case behind it)', async () => {
    const res = await coord.get(`/api/outcomes/cohort?programmeId=${programmeId}&from=${ago(15)}&to=${ago(9)}&branchId=${branchA}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.admitted).toBe(6);
    expect(body.inProgramme).toEqual({ intake: 1, active: 1, post_support: 1 });
    expect(body.left).toBe(3);
    expect(body.leftByOutcome).toMatchObject({ child_with_family: 1, child_in_state_care: 1, other: 1, independent_living: 0 });
    expect(body.horizons).toEqual(horizons);
  });

  it('all branches add F7', async () => {
    const body = (await coord.get(`/api/outcomes/cohort?programmeId=${programmeId}&from=${ago(15)}&to=${ago(9)}`)).json();
    expect(body.admitted).toBe(7);
    expect(body.inProgramme).toEqual({ intake: 1, active: 2, post_support: 1 });
    expect(body.horizons).toEqual(horizons);
  });

  it('a programme counting from post-support: horizons run from the move there, as the follow-up list does', async () => {
    const res = await coord.get(`/api/outcomes/cohort?programmeId=${fromPostSupport}&from=${ago(15)}&to=${ago(9)}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.admitted).toBe(2);
    expect(body.inProgramme).toEqual({ intake: 0, active: 0, post_support: 0 });
    expect(body.left).toBe(2);
    expect(body.leftByOutcome).toMatchObject({ child_with_family: 1 });
    expect(body.horizons).toEqual([
      { months: 3, contacted: 1, childWithFamily: 1, notWithFamily: 0, unknown: 1, notYetDue: 0, childWithFamilyShare: 1 },
      { months: 6, contacted: 0, childWithFamily: 0, notWithFamily: 0, unknown: 2, notYetDue: 0, childWithFamilyShare: null },
      { months: 12, contacted: 0, childWithFamily: 0, notWithFamily: 0, unknown: 0, notYetDue: 2, childWithFamilyShare: null },
    ]);
  });

  it('small cells are hidden from a reader who cannot open the cases behind them (issue 11, point 6)', async () => {
    const url = `/api/outcomes/cohort?programmeId=${programmeId}&from=${ago(15)}&to=${ago(9)}`;
    const hiddenHorizons = [
      { months: 3, contacted: '<5', childWithFamily: '<5', notWithFamily: '<5', unknown: '<5', notYetDue: 0, childWithFamilyShare: '—' },
      { months: 6, contacted: '<5', childWithFamily: '<5', notWithFamily: '<5', unknown: '<5', notYetDue: 0, childWithFamilyShare: '—' },
      { months: 12, contacted: 0, childWithFamily: 0, notWithFamily: 0, unknown: '<5', notYetDue: '<5', childWithFamilyShare: null },
    ];
    // Branch A is that branch's cell: the M&E officer and branch B's coordinator see '<5' (6 admitted stays).
    for (const reader of [me, coordB]) {
      const body = (await reader.get(`${url}&branchId=${branchA}`)).json();
      expect(body.admitted).toBe(6);
      expect(body.inProgramme).toEqual({ intake: '<5', active: '<5', post_support: '<5' });
      expect(body.left).toBe('<5');
      expect(body.leftByOutcome).toMatchObject({ child_with_family: '<5', child_in_state_care: '<5', other: '<5', independent_living: 0 });
      expect(body.horizons).toEqual(hiddenHorizons);
      expect(JSON.stringify(body)).not.toMatch(/"(intake|left|contacted)":[1-4][,}]/);
    }
    // Branch A's coordinator and supervisor open its cases and read it exactly.
    for (const reader of [coordA, supervisorA]) {
      const body = (await reader.get(`${url}&branchId=${branchA}`)).json();
      expect(body.inProgramme).toEqual({ intake: 1, active: 1, post_support: 1 });
      expect(body.horizons).toEqual(horizons);
    }
    // All branches: only a reader who opens every branch's cases reads the breakdown exactly; the total stays.
    for (const reader of [me, coordA]) {
      const body = (await reader.get(url)).json();
      expect(body.admitted).toBe(7);
      expect(body.inProgramme).toEqual({ intake: '<5', active: '<5', post_support: '<5' });
      expect(body.horizons).toEqual(hiddenHorizons);
    }
  });

  it('refuses a period that ends before it starts, naming the field', async () => {
    const res = await me.get(`/api/outcomes/cohort?programmeId=${programmeId}&from=${ago(9)}&to=${ago(15)}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain('query.to');
  });
});
