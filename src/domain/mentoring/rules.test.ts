// The completion rule of the mentors' training (the funder's "completed the special educational
// programme and primary diagnostic"), the status path, capacity and suggestions, worked by hand.
import { describe, expect, it } from 'vitest';
import { scoreDomains } from '../assessments/template.js';
import { TrainingProgrammeInput } from './contracts.js';
import {
  canMoveMentor,
  childAge,
  completionProblems,
  diagnosticPassed,
  hasFreePlace,
  matchRoleOf,
  reasonRequired,
  sameLocality,
  startProblems,
  suggestionScore,
} from './rules.js';
import { MENTOR_DIAGNOSTIC, MENTOR_DIAGNOSTIC_PASS, SHIPPED_TRAINING_PROGRAMME } from './shipped.js';

describe('training completion: attended at least N of M sessions AND passed the primary diagnostic', () => {
  const rule = { sessions: 6, minSessions: 5 };
  it('holds with 5 of 6 and a passed diagnostic', () => {
    expect(completionProblems({ ...rule, attended: 5, diagnosticPassed: true })).toEqual([]);
    expect(completionProblems({ ...rule, attended: 6, diagnosticPassed: true })).toEqual([]);
  });
  it('names the attendance when one session short', () => {
    expect(completionProblems({ ...rule, attended: 4, diagnosticPassed: true })).toEqual(['attendance']);
  });
  it('names the diagnostic when it was failed or not done', () => {
    expect(completionProblems({ ...rule, attended: 6, diagnosticPassed: false })).toEqual(['diagnostic']);
    expect(completionProblems({ ...rule, attended: 6, diagnosticPassed: null })).toEqual(['diagnostic']);
  });
  it('names both when both are missing', () => {
    expect(completionProblems({ ...rule, attended: 0, diagnosticPassed: null })).toEqual(['attendance', 'diagnostic']);
  });
  it('a programme cannot ask for more sessions than it has', () => {
    const bad = TrainingProgrammeInput.safeParse({ ...SHIPPED_TRAINING_PROGRAMME, minSessions: 7 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.path).toEqual(['minSessions']);
    expect(TrainingProgrammeInput.safeParse(SHIPPED_TRAINING_PROGRAMME).success).toBe(true);
  });
});

describe('the primary diagnostic', () => {
  const answers = (value: number) => Object.fromEntries(MENTOR_DIAGNOSTIC.domains.flatMap((d) => d.questions.map((q) => [q.code, value])));
  it('passes at the pass score over all domains (7 questions × 0–3 = 21 at most)', () => {
    // 7 questions answered 2 → 14 ≥ 12.
    expect(diagnosticPassed(scoreDomains(MENTOR_DIAGNOSTIC.domains, answers(2)), MENTOR_DIAGNOSTIC_PASS)).toEqual({
      score: 14,
      passed: true,
    });
    // 7 × 1 = 7 < 12.
    expect(diagnosticPassed(scoreDomains(MENTOR_DIAGNOSTIC.domains, answers(1)), MENTOR_DIAGNOSTIC_PASS)).toEqual({
      score: 7,
      passed: false,
    });
  });
  it('exactly the pass score passes; nothing answered does not', () => {
    expect(diagnosticPassed([{ score: 12 }], 12).passed).toBe(true);
    expect(diagnosticPassed([{ score: null }], 0).passed).toBe(false);
  });
});

describe('the status path', () => {
  it('candidate → in training → trained → active → paused → withdrawn; trained only by completion', () => {
    expect(canMoveMentor('trained', 'active')).toBe(true);
    expect(canMoveMentor('active', 'paused')).toBe(true);
    expect(canMoveMentor('paused', 'active')).toBe(true);
    expect(canMoveMentor('paused', 'withdrawn')).toBe(true);
    expect(canMoveMentor('candidate', 'trained')).toBe(false);
    expect(canMoveMentor('in_training', 'trained')).toBe(false);
    expect(canMoveMentor('candidate', 'active')).toBe(false);
    expect(canMoveMentor('withdrawn', 'active')).toBe(false);
  });
  it('a pause or withdrawal needs a reason', () => {
    expect(reasonRequired('paused')).toBe(true);
    expect(reasonRequired('withdrawn')).toBe(true);
    expect(reasonRequired('active')).toBe(false);
  });
});

describe('matches', () => {
  it('capacity: proposed and active matches take a place', () => {
    expect(hasFreePlace(2, 1)).toBe(true);
    expect(hasFreePlace(2, 2)).toBe(false);
  });
  it('a resource family is a mentor family; a specialist or volunteer a mentoring specialist', () => {
    expect(matchRoleOf('resource_family')).toBe('mentor_family');
    expect(matchRoleOf('specialist')).toBe('mentoring_specialist');
    expect(matchRoleOf('volunteer')).toBe('mentoring_specialist');
  });
  it('starts only with both sides’ agreement', () => {
    expect(startProblems({ familyAgreedOn: null, mentorAgreedOn: null })).toEqual(['familyAgreedOn', 'mentorAgreedOn']);
    expect(startProblems({ familyAgreedOn: '2026-10-01', mentorAgreedOn: null })).toEqual(['mentorAgreedOn']);
    expect(startProblems({ familyAgreedOn: '2026-10-01', mentorAgreedOn: '2026-10-02' })).toEqual([]);
  });
  it('suggestions: experience counts twice, locality and branch once; a full mentor is left out', () => {
    const family = { experience: ['large_family', 'single_parent'] as const, addresses: ['г. Псков, ул. Ленина, 5'], branchId: 'b1' };
    const fit = suggestionScore(
      { experience: ['large_family', 'single_parent', 'migration'], locality: 'Псков', branchId: 'b1', capacity: 2, load: 1 },
      { ...family, experience: [...family.experience] },
    );
    expect(fit).toEqual({ score: 6, matchingExperience: ['large_family', 'single_parent'], sameLocality: true, sameBranch: true, free: 1 });
    expect(
      suggestionScore(
        { experience: ['large_family'], locality: 'Псков', branchId: 'b1', capacity: 1, load: 1 },
        { ...family, experience: [] },
      ),
    ).toBeNull();
  });
  it('locality ignores case and ё', () => {
    expect(sameLocality('орёл', ['г. Орел, д. 1'])).toBe(true);
    expect(sameLocality('', ['г. Орел'])).toBe(false);
  });
});

describe('what a mentor sees of a child', () => {
  it('months under two, years after', () => {
    expect(childAge('2026-04-15', null, '2026-12-04')).toBe('7m');
    expect(childAge('2022-12-05', null, '2026-12-04')).toBe('3y');
    expect(childAge('2022-12-04', null, '2026-12-04')).toBe('4y');
    expect(childAge(null, 5, '2026-12-04')).toBe('5y');
    expect(childAge(null, null, '2026-12-04')).toBeNull();
  });
});
