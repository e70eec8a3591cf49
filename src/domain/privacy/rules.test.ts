// The legal terms of subject requests and the retention rules, worked by hand against a calendar.
import { describe, expect, it } from 'vitest';
import { addWorkingDays, extendedDeadline, isWorkingDay, requestDeadline, requestUrgency } from './deadlines.js';
import { addMonths, dueFrom, holdReason } from './retention.js';

const settings = { closedCaseYears: 5, declinedReferralMonths: 12, volunteerApplicationMonths: 6, formerVolunteerYears: 3 };

describe('request deadlines (152-FZ)', () => {
  it('counts working days after the day of receipt, skipping weekends and the Labour Code holidays', () => {
    // Tuesday 1 December 2026: 10 working days → Tuesday 15 December.
    expect(requestDeadline('access', '2026-12-01')).toBe('2026-12-15');
    // Monday 28 December: 29, 30, 31 December, then 1–8 January are holidays, 9–10 a weekend.
    expect(addWorkingDays('2026-12-28', 10)).toBe('2027-01-19');
    expect(isWorkingDay('2027-03-08')).toBe(false);
    expect(isWorkingDay('2027-03-09')).toBe(true);
    expect(requestDeadline('correction', '2026-12-01')).toBe('2026-12-10');
    expect(requestDeadline('deletion', '2026-12-01')).toBe('2026-12-10');
    expect(requestDeadline('stop_processing', '2026-12-01')).toBe('2026-12-15');
  });

  it('gives 30 calendar days for a withdrawal of consent, and extends only access and stop-processing by 5 working days', () => {
    expect(requestDeadline('consent_withdrawal', '2026-12-01')).toBe('2026-12-31');
    expect(extendedDeadline('access', '2026-12-15')).toBe('2026-12-22');
    expect(extendedDeadline('stop_processing', '2026-12-15')).toBe('2026-12-22');
    expect(extendedDeadline('correction', '2026-12-10')).toBeNull();
    expect(extendedDeadline('consent_withdrawal', '2026-12-31')).toBeNull();
  });

  it('marks overdue after the deadline and due soon within three days', () => {
    expect(requestUrgency('open', '2026-12-03', '2026-12-04')).toBe('overdue');
    expect(requestUrgency('in_progress', '2026-12-07', '2026-12-04')).toBe('due_soon');
    expect(requestUrgency('open', '2026-12-15', '2026-12-04')).toBe('later');
    expect(requestUrgency('answered', '2026-12-03', '2026-12-04')).toBe('done');
  });
});

describe('retention', () => {
  it('adds whole months, keeping the end of a shorter month', () => {
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2021-06-30', 60)).toBe('2026-06-30');
    expect(addMonths('2025-11-15', 3)).toBe('2026-02-15');
  });

  it('runs each kind of record from its own end', () => {
    expect(dueFrom('family', '2021-06-30', settings)).toBe('2026-06-30');
    expect(dueFrom('referral', '2025-12-01', settings)).toBe('2026-12-01');
    expect(dueFrom('volunteer_application', '2026-01-31', settings)).toBe('2026-07-31');
    // A volunteer who started and left: years from the day they left (29 February → 28 February).
    expect(dueFrom('former_volunteer', '2024-02-29', settings)).toBe('2027-02-28');
    expect(dueFrom('special_categories', '2026-10-01', settings)).toBe('2026-10-31');
  });

  it('holds a record with the first reason that applies; a subject’s request lifts only the period', () => {
    const free = { openCases: 0, dueFrom: '2026-06-30', openRequests: 0, mentorFamily: false, destroyed: false };
    expect(holdReason(free, '2026-12-04', 'retention')).toBeNull();
    expect(holdReason({ ...free, dueFrom: '2027-01-01' }, '2026-12-04', 'retention')).toBe('retention_not_expired');
    expect(holdReason({ ...free, dueFrom: '2027-01-01' }, '2026-12-04', 'subject_request')).toBeNull();
    expect(holdReason({ ...free, openCases: 1 }, '2026-12-04', 'subject_request')).toBe('open_case');
    expect(holdReason({ ...free, openRequests: 1 }, '2026-12-04', 'retention')).toBe('open_request');
    expect(holdReason({ ...free, mentorFamily: true }, '2026-12-04', 'retention')).toBe('mentor_family');
    expect(holdReason({ ...free, destroyed: true, openCases: 1 }, '2026-12-04', 'retention')).toBe('already_destroyed');
    expect(holdReason({ ...free, dueFrom: null }, '2026-12-04', 'retention')).toBe('not_ended');
  });
});
