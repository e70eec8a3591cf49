import { describe, expect, it } from 'vitest';
import { addMonths, computeCohort, followUpDue, type CohortCase } from './follow-up.js';

describe('addMonths', () => {
  it('keeps the day, or the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 12)).toBe('2027-11-30');
    expect(addMonths('2026-03-31', -1)).toBe('2026-02-28');
  });
});

describe('followUpDue (left on 2026-01-10: due 2026-04-10, 2026-07-10, 2027-01-10)', () => {
  const left = '2026-01-10';
  it('nothing before the window of the first contact opens (14 days ahead)', () => {
    expect(followUpDue(left, [], '2026-03-26')).toBeNull();
    expect(followUpDue(left, [], '2026-03-27')).toEqual({ milestone: 3, dueOn: '2026-04-10', status: 'due' });
  });
  it('due until 30 days after, then overdue until the next one comes due', () => {
    expect(followUpDue(left, [], '2026-05-10')?.status).toBe('due');
    expect(followUpDue(left, [], '2026-05-11')).toEqual({ milestone: 3, dueOn: '2026-04-10', status: 'overdue' });
    expect(followUpDue(left, [], '2026-06-25')?.milestone).toBe(3);
    expect(followUpDue(left, [], '2026-06-26')).toEqual({ milestone: 6, dueOn: '2026-07-10', status: 'due' });
  });
  it('a recorded contact (after leaving) is done; a later one makes earlier ones moot', () => {
    const three = { milestone: 3, contactedOn: '2026-04-12', childWithFamily: 'yes' as const };
    expect(followUpDue(left, [three], '2026-04-20')).toBeNull();
    expect(followUpDue(left, [three], '2026-07-01')?.milestone).toBe(6);
    const six = { milestone: 6, contactedOn: '2026-07-01', childWithFamily: 'yes' as const };
    expect(followUpDue(left, [six], '2026-07-20')).toBeNull();
    // A contact from before this leaving (the case was reopened and closed again) does not count.
    expect(followUpDue(left, [{ ...three, contactedOn: '2025-12-01' }], '2026-04-20')?.milestone).toBe(3);
  });
  it('the 12-month contact stays overdue until 18 months after leaving', () => {
    expect(followUpDue(left, [], '2027-02-09')).toEqual({ milestone: 12, dueOn: '2027-01-10', status: 'due' });
    expect(followUpDue(left, [], '2027-07-09')?.status).toBe('overdue');
    expect(followUpDue(left, [], '2027-07-10')).toBeNull();
  });
});

describe('computeCohort', () => {
  const today = '2026-12-01';
  const c = (over: Partial<CohortCase>): CohortCase => ({
    familyId: crypto.randomUUID(),
    openedOn: '2026-01-15',
    status: 'active',
    closedOn: null,
    postSupportSince: null,
    followUpFrom: 'closing',
    closingOutcome: null,
    followUps: [],
    ...over,
  });
  it('counts families once, by their first admission, and places each left family at each horizon', () => {
    const twice = crypto.randomUUID();
    const cases = [
      c({ status: 'intake' }),
      c({ status: 'post_support' }),
      c({ familyId: twice, openedOn: '2026-01-20', status: 'active' }),
      // The same family admitted again later in the period: not a second family.
      c({ familyId: twice, openedOn: '2026-05-20', status: 'closed', closedOn: '2026-06-01', closingOutcome: 'other' }),
      // Left 2026-02-01: 3 months (05-01) contacted yes, 6 months (08-01) state care, 12 months not yet due.
      c({
        status: 'closed',
        closedOn: '2026-02-01',
        closingOutcome: 'child_with_family',
        followUps: [
          { milestone: 3, contactedOn: '2026-05-03', childWithFamily: 'yes' },
          { milestone: 6, contactedOn: '2026-08-05', childWithFamily: 'state_care' },
        ],
      }),
      // Left 2026-03-01, nobody reached at 3 months (due, unknown), 6 months: answer unknown.
      c({
        status: 'closed',
        closedOn: '2026-03-01',
        closingOutcome: 'contact_lost',
        followUps: [{ milestone: 6, contactedOn: '2026-09-02', childWithFamily: 'unknown' }],
      }),
      // Left 2026-10-01: nothing due yet (3 months falls on 2027-01-01).
      c({ status: 'closed', closedOn: '2026-10-01', closingOutcome: 'child_in_state_care' }),
    ];
    const cohort = computeCohort(cases, today);
    expect(cohort.admitted).toBe(6);
    expect(cohort.inProgramme).toEqual({ intake: 1, active: 1, post_support: 1 });
    expect(cohort.left).toBe(3);
    expect(cohort.leftByOutcome.child_with_family).toBe(1);
    expect(cohort.leftByOutcome.contact_lost).toBe(1);
    expect(cohort.leftByOutcome.child_in_state_care).toBe(1);
    expect(cohort.leftByOutcome.other).toBe(0);
    expect(cohort.horizons).toEqual([
      { months: 3, contacted: 1, childWithFamily: 1, notWithFamily: 0, unknown: 1, notYetDue: 1, childWithFamilyShare: 1 },
      { months: 6, contacted: 2, childWithFamily: 0, notWithFamily: 1, unknown: 1, notYetDue: 1, childWithFamilyShare: 0 },
      { months: 12, contacted: 0, childWithFamily: 0, notWithFamily: 0, unknown: 0, notYetDue: 3, childWithFamilyShare: null },
    ]);
  });

  it('in a programme that counts from post-support, horizons run from the move there, and such a family has left', () => {
    const fromPostSupport = { followUpFrom: 'post_support' } as const;
    const cases = [
      // Moved to post-support 2026-03-01: 3 months (06-01) contacted yes; 12 months (2027-03-01) not yet due.
      c({
        ...fromPostSupport,
        status: 'post_support',
        postSupportSince: '2026-03-01',
        followUps: [{ milestone: 3, contactedOn: '2026-06-02', childWithFamily: 'yes' }],
      }),
      // Post-support from 2026-02-01, closed 2026-09-01: it left on 2026-02-01, so 6 months (08-01) is due, none → unknown.
      c({ ...fromPostSupport, status: 'closed', postSupportSince: '2026-02-01', closedOn: '2026-09-01', closingOutcome: 'other' }),
      // The same dates in a programme counting from the closing: still in the programme, nothing at any horizon.
      c({ status: 'post_support', postSupportSince: '2026-03-01' }),
    ];
    const cohort = computeCohort(cases, today);
    expect(cohort.inProgramme).toEqual({ intake: 0, active: 0, post_support: 1 });
    expect(cohort.left).toBe(2);
    expect(cohort.leftByOutcome.other).toBe(1);
    expect(cohort.horizons).toEqual([
      { months: 3, contacted: 1, childWithFamily: 1, notWithFamily: 0, unknown: 1, notYetDue: 0, childWithFamilyShare: 1 },
      { months: 6, contacted: 0, childWithFamily: 0, notWithFamily: 0, unknown: 2, notYetDue: 0, childWithFamilyShare: null },
      { months: 12, contacted: 0, childWithFamily: 0, notWithFamily: 0, unknown: 0, notYetDue: 2, childWithFamilyShare: null },
    ]);
  });
});
