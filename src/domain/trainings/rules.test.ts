import { describe, expect, it } from 'vitest';
import { attendedHours, certificateNumber, completionProblem, cpdHours, eventProblems, nextSequences, sessionProblem } from './rules.js';

describe('completion rule', () => {
  const sessions = [
    { id: 'a', hours: 4 },
    { id: 'b', hours: 3.5 },
    { id: 'c', hours: 0.25 },
  ];

  it('adds up the hours of the sessions attended', () => {
    expect(attendedHours(sessions, new Set(['a', 'c']))).toBe(4.25);
    expect(attendedHours(sessions, new Set())).toBe(0);
    expect(attendedHours(sessions, new Set(['a', 'b', 'c']))).toBe(7.75);
  });

  it('completes with at least the required hours, not with fewer', () => {
    const rule = { minHours: 7.5, minPostScore: null };
    expect(completionProblem(rule, { attendedHours: 7.5, postScore: null })).toBeNull();
    expect(completionProblem(rule, { attendedHours: 7.75, postScore: null })).toBeNull();
    expect(completionProblem(rule, { attendedHours: 7.25, postScore: 100 })).toBe('not_enough_hours');
  });

  it('never completes someone who attended nothing, even with no minimum', () => {
    expect(completionProblem({ minHours: 0, minPostScore: null }, { attendedHours: 0, postScore: null })).toBe('not_enough_hours');
    expect(completionProblem({ minHours: 0, minPostScore: null }, { attendedHours: 1, postScore: null })).toBeNull();
  });

  it('asks for the post-test when the rule has a pass mark', () => {
    const rule = { minHours: 4, minPostScore: 60 };
    expect(completionProblem(rule, { attendedHours: 8, postScore: null })).toBe('post_test_missing');
    expect(completionProblem(rule, { attendedHours: 8, postScore: 59.5 })).toBe('post_test_below');
    expect(completionProblem(rule, { attendedHours: 8, postScore: 60 })).toBeNull();
    // Hours are judged first: the field to fix is the attendance.
    expect(completionProblem(rule, { attendedHours: 2, postScore: 10 })).toBe('not_enough_hours');
  });

  it('credits CPD hours only once completed', () => {
    expect(cpdHours(7.75, true)).toBe(7.75);
    expect(cpdHours(7.75, false)).toBe(0);
  });
});

describe('event and sessions', () => {
  const event = { startsOn: '2026-10-05', endsOn: '2026-10-06', hours: 16 };

  it('refuses an event ending before it starts and a rule longer than the event', () => {
    expect(eventProblems({ ...event, minHours: 8 })).toEqual([]);
    expect(eventProblems({ ...event, endsOn: '2026-10-04', minHours: 8 })).toEqual([{ field: 'endsOn', code: 'ends_before_start' }]);
    expect(eventProblems({ ...event, minHours: 16.25 })).toEqual([{ field: 'minHours', code: 'rule_over_length' }]);
    // A one-day event starts and ends on the same day.
    expect(eventProblems({ ...event, endsOn: event.startsOn, minHours: 0 })).toEqual([]);
  });

  it('keeps sessions within the dates, the event length and a day', () => {
    expect(sessionProblem(event, { heldOn: '2026-10-05', hours: 8 }, 8, 0)).toBeNull();
    expect(sessionProblem(event, { heldOn: '2026-10-07', hours: 1 }, 0, 0)).toEqual({ field: 'heldOn', code: 'outside_event' });
    expect(sessionProblem(event, { heldOn: '2026-10-04', hours: 1 }, 0, 0)).toEqual({ field: 'heldOn', code: 'outside_event' });
    expect(sessionProblem(event, { heldOn: '2026-10-06', hours: 8.25 }, 8, 0)).toEqual({ field: 'hours', code: 'over_length' });
    expect(sessionProblem({ ...event, hours: 100 }, { heldOn: '2026-10-06', hours: 10 }, 15, 15)).toEqual({
      field: 'hours',
      code: 'over_day',
    });
  });
});

describe('certificate numbering', () => {
  it('writes the year and a four-digit sequence', () => {
    expect(certificateNumber(2026, 1)).toBe('2026-0001');
    expect(certificateNumber(2026, 42)).toBe('2026-0042');
    expect(certificateNumber(2027, 12345)).toBe('2027-12345');
  });

  it('continues after the highest number of the year, and starts at 1 in a new year', () => {
    expect(nextSequences(null, 3)).toEqual([1, 2, 3]);
    expect(nextSequences(7, 2)).toEqual([8, 9]);
    expect(nextSequences(7, 0)).toEqual([]);
    expect(nextSequences(null, 1).map((n) => certificateNumber(2027, n))).toEqual(['2027-0001']);
  });
});
