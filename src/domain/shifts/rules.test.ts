import { describe, expect, it } from 'vitest';
import type { Domain } from '../assessments/template.js';
import { diagnosticChanges, heldWithSummary, missingForHeld, shiftDays, shiftLength, shiftStatus, type ShiftFacts } from './rules.js';

const complete: ShiftFacts = {
  startsOn: '2026-07-10',
  endsOn: '2026-07-12',
  families: [
    { caseId: 'a', start: true, end: true },
    { caseId: 'b', start: true, end: true },
  ],
  analysis: true,
  summary: true,
};

describe('shift days', () => {
  it('lists every day from the first to the last, across a month', () => {
    expect(shiftDays('2026-07-30', '2026-08-02')).toEqual(['2026-07-30', '2026-07-31', '2026-08-01', '2026-08-02']);
    expect(shiftDays('2026-07-10', '2026-07-10')).toEqual(['2026-07-10']);
    expect(shiftLength('2026-07-10', '2026-07-12')).toBe(3);
  });
});

describe('held with diagnostics, analysis and summary', () => {
  it('counts a shift that ended, with every family diagnosed at the start and the end, analysed and summed up', () => {
    expect(heldWithSummary(complete, '2026-07-12')).toBe(true);
    expect(shiftStatus(complete, '2026-08-01')).toBe('held_with_summary');
  });

  it('does not count before its last day', () => {
    expect(missingForHeld(complete, '2026-07-11')).toEqual(['end']);
    expect(shiftStatus(complete, '2026-07-11')).toBe('running');
    expect(shiftStatus(complete, '2026-07-01')).toBe('planned');
  });

  it('needs each of the three: both diagnostics for every family, the analysis, the summary', () => {
    const noEnd = { ...complete, families: [complete.families[0]!, { caseId: 'b', start: true, end: false }] };
    expect(missingForHeld(noEnd, '2026-08-01')).toEqual(['diagnostics_end']);
    const noStart = { ...complete, families: [{ caseId: 'a', start: false, end: true }] };
    expect(missingForHeld(noStart, '2026-08-01')).toEqual(['diagnostics_start']);
    expect(missingForHeld({ ...complete, analysis: false }, '2026-08-01')).toEqual(['analysis']);
    expect(missingForHeld({ ...complete, summary: false }, '2026-08-01')).toEqual(['summary']);
    expect(shiftStatus({ ...complete, summary: false }, '2026-08-01')).toBe('ended');
  });

  it('needs families: a shift nobody was diagnosed at is not one with diagnostics', () => {
    expect(missingForHeld({ ...complete, families: [] }, '2026-08-01')).toEqual(['participants']);
  });
});

describe('the analysis: change per participant and scale', () => {
  const domains = [
    { code: 'warmth', higherIsBetter: true },
    { code: 'stress', higherIsBetter: false },
  ] as unknown as Domain[];
  const score = (domain: string, value: number | null) => ({ domain, score: value, level: null, answered: value === null ? 0 : 1 });

  it('pairs the start and end diagnostics of the same person and template and compares every scale', () => {
    const changes = diagnosticChanges(
      [
        {
          stage: 'start',
          caseId: 'a',
          memberId: 'm1',
          templateCode: 'pci',
          conductedOn: '2026-07-10',
          scores: [score('warmth', 2), score('stress', 4)],
        },
        {
          stage: 'end',
          caseId: 'a',
          memberId: 'm1',
          templateCode: 'pci',
          conductedOn: '2026-07-12',
          scores: [score('warmth', 4), score('stress', 3)],
        },
        // Another member, diagnosed only at the start: no change to compute.
        {
          stage: 'start',
          caseId: 'a',
          memberId: 'm2',
          templateCode: 'pci',
          conductedOn: '2026-07-10',
          scores: [score('warmth', 1), score('stress', 1)],
        },
        // A family-level diagnostic with a scale left unanswered at the end.
        {
          stage: 'start',
          caseId: 'b',
          memberId: null,
          templateCode: 'pci',
          conductedOn: '2026-07-10',
          scores: [score('warmth', 3), score('stress', 2)],
        },
        {
          stage: 'end',
          caseId: 'b',
          memberId: null,
          templateCode: 'pci',
          conductedOn: '2026-07-12',
          scores: [score('warmth', 3), score('stress', null)],
        },
      ],
      new Map([['pci', domains]]),
    );
    expect(changes).toEqual([
      {
        caseId: 'a',
        memberId: 'm1',
        templateCode: 'pci',
        scales: [
          { domain: 'warmth', from: 2, to: 4, delta: 2, direction: 'better' },
          { domain: 'stress', from: 4, to: 3, delta: -1, direction: 'better' },
        ],
      },
      {
        caseId: 'b',
        memberId: null,
        templateCode: 'pci',
        scales: [
          { domain: 'warmth', from: 3, to: 3, delta: 0, direction: 'same' },
          { domain: 'stress', from: 2, to: null, delta: null, direction: null },
        ],
      },
    ]);
  });
});
