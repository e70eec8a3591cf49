import { describe, expect, it } from 'vitest';
import { EVIDENCE, evidenceFor, type OutcomeFacts } from './evidence.js';

const none: OutcomeFacts = {
  openedOn: '2026-03-01',
  closedOn: null,
  closingOutcome: null,
  plan: null,
  contacts: [],
  documents: [],
  benefitServices: [],
  interaction: [],
  stays: [],
  followUps: [],
};
const facts = (f: Partial<OutcomeFacts>): OutcomeFacts => ({ ...none, ...f });
const plan = (goals: OutcomeFacts['plan'] extends infer P ? (P extends { goals: infer G } ? G : never) : never, desiredFuture = '') => ({
  createdOn: '2026-03-10',
  desiredFuture,
  goals,
});

describe('evidence rules', () => {
  it('no rule: nothing to prove', () => expect(evidenceFor(null, facts({ plan: plan([]) }))).toBeNull());

  it('plan_drawn_up: a plan exists, dated by its creation', () => {
    expect(EVIDENCE.plan_drawn_up(none)).toBeNull();
    expect(EVIDENCE.plan_drawn_up(facts({ plan: plan([]) }))).toEqual({ rule: 'plan_drawn_up', on: '2026-03-10', params: {} });
  });

  it('social_contacts_mapped: any contact, the earliest date and the count', () => {
    expect(EVIDENCE.social_contacts_mapped(none)).toBeNull();
    const contacts = [
      { kind: 'professional', nature: 'neutral', reachable: true, createdOn: '2026-03-05' },
      { kind: 'relative', nature: 'conflictual', reachable: false, createdOn: '2026-03-02' },
    ];
    expect(EVIDENCE.social_contacts_mapped(facts({ contacts }))).toEqual({
      rule: 'social_contacts_mapped',
      on: '2026-03-02',
      params: { count: 2 },
    });
  });

  it('desired_future_formulated: the plan states it (blank does not count)', () => {
    expect(EVIDENCE.desired_future_formulated(facts({ plan: plan([], '   ') }))).toBeNull();
    expect(EVIDENCE.desired_future_formulated(facts({ plan: plan([], 'Жить с сыном в своей комнате') }))?.on).toBe('2026-03-10');
  });

  it('plan_goals_completed: all goals still pursued are achieved; cancelled ones aside; none → no evidence', () => {
    expect(EVIDENCE.plan_goals_completed(facts({ plan: plan([]) }))).toBeNull();
    expect(EVIDENCE.plan_goals_completed(facts({ plan: plan([{ status: 'achieved' }, { status: 'open' }]) }))).toBeNull();
    expect(EVIDENCE.plan_goals_completed(facts({ plan: plan([{ status: 'cancelled' }]) }))).toBeNull();
    expect(
      EVIDENCE.plan_goals_completed(facts({ plan: plan([{ status: 'achieved' }, { status: 'cancelled' }, { status: 'achieved' }]) })),
    ).toEqual({ rule: 'plan_goals_completed', on: null, params: { achieved: 2, total: 2 } });
    expect(EVIDENCE.plan_goals_completed(facts({ plan: plan([{ status: 'achieved' }, { status: 'not_achieved' }]) }))).toBeNull();
  });

  it('relatives_reconnected: a supportive, reachable relative or friend added after the admission day', () => {
    const c = (over: Partial<OutcomeFacts['contacts'][number]>) => ({
      kind: 'relative',
      nature: 'supportive',
      reachable: true,
      createdOn: '2026-04-01',
      ...over,
    });
    expect(EVIDENCE.relatives_reconnected(facts({ contacts: [c({ createdOn: '2026-03-01' })] }))).toBeNull(); // on admission: the map she came with
    expect(EVIDENCE.relatives_reconnected(facts({ contacts: [c({ nature: 'neutral' })] }))).toBeNull();
    expect(EVIDENCE.relatives_reconnected(facts({ contacts: [c({ reachable: false })] }))).toBeNull();
    expect(EVIDENCE.relatives_reconnected(facts({ contacts: [c({ kind: 'professional' })] }))).toBeNull();
    expect(EVIDENCE.relatives_reconnected(facts({ contacts: [c({ kind: 'friend', createdOn: '2026-05-02' }), c({})] }))).toEqual({
      rule: 'relatives_reconnected',
      on: '2026-04-01',
      params: { count: 2 },
    });
  });

  it('documents_complete: everything have/restored, at least one restored', () => {
    expect(EVIDENCE.documents_complete(none)).toBeNull();
    expect(EVIDENCE.documents_complete(facts({ documents: [{ status: 'have' }, { status: 'have' }] }))).toBeNull();
    expect(EVIDENCE.documents_complete(facts({ documents: [{ status: 'restored' }, { status: 'being_restored' }] }))).toBeNull();
    expect(EVIDENCE.documents_complete(facts({ documents: [{ status: 'restored' }, { status: 'never_had' }] }))).toBeNull();
    expect(EVIDENCE.documents_complete(facts({ documents: [{ status: 'restored' }, { status: 'have' }, { status: 'have' }] }))).toEqual({
      rule: 'documents_complete',
      on: null,
      params: { restored: 1, total: 3 },
    });
  });

  it('benefits_applied: a benefits-application service, dated by the first', () => {
    expect(EVIDENCE.benefits_applied(none)).toBeNull();
    expect(EVIDENCE.benefits_applied(facts({ benefitServices: ['2026-05-10', '2026-04-02'] }))).toEqual({
      rule: 'benefits_applied',
      on: '2026-04-02',
      params: { count: 2 },
    });
  });

  it('parent_child_interaction_improved: first vs latest, a rise of 1 point or more on any scale', () => {
    const a = (conductedOn: string, scores: [string, number | null][]) => ({
      conductedOn,
      scores: scores.map(([domain, score]) => ({ domain, score })),
    });
    expect(EVIDENCE.parent_child_interaction_improved(facts({ interaction: [a('2026-03-02', [['warmth', 2]])] }))).toBeNull();
    // 0.5 up on each scale is not enough; a middle assessment does not count.
    expect(
      EVIDENCE.parent_child_interaction_improved(
        facts({
          interaction: [
            a('2026-03-02', [
              ['warmth', 2],
              ['control', 3],
            ]),
            a('2026-04-01', [['warmth', 4]]),
            a('2026-06-01', [
              ['warmth', 2.5],
              ['control', 3.5],
            ]),
          ],
        }),
      ),
    ).toBeNull();
    // A scale left unanswered on either side is not compared.
    expect(
      EVIDENCE.parent_child_interaction_improved(
        facts({ interaction: [a('2026-03-02', [['warmth', null]]), a('2026-06-01', [['warmth', 4]])] }),
      ),
    ).toBeNull();
    expect(
      EVIDENCE.parent_child_interaction_improved(
        facts({
          interaction: [
            a('2026-03-02', [
              ['warmth', 2],
              ['control', 3],
            ]),
            a('2026-06-01', [
              ['warmth', 3],
              ['control', 2],
            ]),
          ],
        }),
      ),
    ).toEqual({ rule: 'parent_child_interaction_improved', on: '2026-06-01', params: { rise: 1, from: '2026-03-02', to: '2026-06-01' } });
  });

  it('lives_independently: a stay ended by graduation, or the case closed with independent living', () => {
    expect(EVIDENCE.lives_independently(facts({ stays: [{ checkOutOn: '2026-08-01', leaveReason: 'to_relatives' }] }))).toBeNull();
    expect(EVIDENCE.lives_independently(facts({ closedOn: '2026-09-01', closingOutcome: 'child_with_family' }))).toBeNull();
    expect(EVIDENCE.lives_independently(facts({ stays: [{ checkOutOn: '2026-08-01', leaveReason: 'graduated' }] }))).toEqual({
      rule: 'lives_independently',
      on: '2026-08-01',
      params: { source: 'stay_graduated' },
    });
    expect(EVIDENCE.lives_independently(facts({ closedOn: '2026-09-01', closingOutcome: 'independent_living' }))).toEqual({
      rule: 'lives_independently',
      on: '2026-09-01',
      params: { source: 'case_closed' },
    });
  });

  it('child_with_family: closed with the child in the family, unless a later follow-up says otherwise', () => {
    const closed = { closedOn: '2026-01-10', closingOutcome: 'child_with_family' as const };
    expect(EVIDENCE.child_with_family(facts({ closedOn: '2026-01-10', closingOutcome: 'child_in_state_care' }))).toBeNull();
    expect(EVIDENCE.child_with_family(facts(closed))).toEqual({
      rule: 'child_with_family',
      on: '2026-01-10',
      params: { source: 'case_closed' },
    });
    expect(
      EVIDENCE.child_with_family(
        facts({
          ...closed,
          followUps: [
            { contactedOn: '2026-07-10', childWithFamily: 'state_care' },
            { contactedOn: '2026-04-10', childWithFamily: 'yes' },
          ],
        }),
      ),
    ).toBeNull();
    expect(
      EVIDENCE.child_with_family(
        facts({
          closedOn: '2026-01-10',
          closingOutcome: 'contact_lost',
          followUps: [{ contactedOn: '2026-04-12', childWithFamily: 'yes' }],
        }),
      ),
    ).toEqual({ rule: 'child_with_family', on: '2026-04-12', params: { source: 'follow_up' } });
  });
});
