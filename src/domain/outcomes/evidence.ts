// Evidence rules: each proves one outcome from facts the routine work already records (plan,
// social contacts, documents, services, assessments, stays, closing, follow-up contacts). Pure
// functions over facts the server reads from the real tables; null means "the records do not show it".
import type { ClosingOutcome } from '../cases/lifecycle.js';
import type { ChildWithFamily, EvidenceRule, EvidenceView } from './contracts.js';

export interface OutcomeFacts {
  openedOn: string;
  closedOn: string | null;
  closingOutcome: ClosingOutcome | null;
  plan: { createdOn: string; desiredFuture: string; goals: { status: 'open' | 'achieved' | 'not_achieved' | 'cancelled' }[] } | null;
  contacts: { kind: string; nature: string; reachable: boolean; createdOn: string }[];
  documents: { status: string }[];
  /** Dates of benefit-application services that were not withdrawn. */
  benefitServices: string[];
  /** Parent–child interaction assessments, oldest first, with their score per scale. */
  interaction: { conductedOn: string; scores: { domain: string; score: number | null }[] }[];
  stays: { checkOutOn: string | null; leaveReason: string | null }[];
  /** Follow-up contacts after leaving (services not withdrawn). */
  followUps: { contactedOn: string; childWithFamily: ChildWithFamily }[];
}

type Evidence = EvidenceView | null;
const evidence = (rule: EvidenceRule, on: string | null, params: EvidenceView['params'] = {}): EvidenceView => ({ rule, on, params });
const earliest = (dates: string[]) => [...dates].sort()[0] ?? null;

export const EVIDENCE: Record<EvidenceRule, (f: OutcomeFacts) => Evidence> = {
  plan_drawn_up: (f) => (f.plan ? evidence('plan_drawn_up', f.plan.createdOn) : null),

  social_contacts_mapped: (f) =>
    f.contacts.length > 0
      ? evidence('social_contacts_mapped', earliest(f.contacts.map((c) => c.createdOn)), { count: f.contacts.length })
      : null,

  desired_future_formulated: (f) =>
    f.plan && f.plan.desiredFuture.trim().length > 0 ? evidence('desired_future_formulated', f.plan.createdOn) : null,

  // Every goal still pursued (cancelled ones aside) is achieved, and there is at least one.
  plan_goals_completed: (f) => {
    const goals = (f.plan?.goals ?? []).filter((g) => g.status !== 'cancelled');
    const achieved = goals.filter((g) => g.status === 'achieved').length;
    return goals.length > 0 && achieved === goals.length ? evidence('plan_goals_completed', null, { achieved, total: goals.length }) : null;
  },

  // A supportive, reachable relative or friend entered on the map after the admission day: the
  // contacts recorded on admission are the map the mother came with, later ones are reconnections.
  relatives_reconnected: (f) => {
    const found = f.contacts.filter(
      (c) => (c.kind === 'relative' || c.kind === 'friend') && c.nature === 'supportive' && c.reachable && c.createdOn > f.openedOn,
    );
    return found.length > 0 ? evidence('relatives_reconnected', earliest(found.map((c) => c.createdOn)), { count: found.length }) : null;
  },

  // Every document of every member is in hand, and at least one of them was restored during the work.
  documents_complete: (f) => {
    if (f.documents.length === 0) return null;
    const complete = f.documents.every((d) => d.status === 'have' || d.status === 'restored');
    const restored = f.documents.filter((d) => d.status === 'restored').length;
    return complete && restored > 0 ? evidence('documents_complete', null, { restored, total: f.documents.length }) : null;
  },

  benefits_applied: (f) =>
    f.benefitServices.length > 0 ? evidence('benefits_applied', earliest(f.benefitServices), { count: f.benefitServices.length }) : null,

  // The first and the latest assessment compared scale by scale: a rise of one point or more on any scale.
  parent_child_interaction_improved: (f) => {
    if (f.interaction.length < 2) return null;
    const first = f.interaction[0]!;
    const latest = f.interaction[f.interaction.length - 1]!;
    let rise = 0;
    for (const score of latest.scores) {
      const before = first.scores.find((s) => s.domain === score.domain)?.score;
      if (score.score !== null && before !== null && before !== undefined) rise = Math.max(rise, score.score - before);
    }
    return rise >= 1
      ? evidence('parent_child_interaction_improved', latest.conductedOn, { rise, from: first.conductedOn, to: latest.conductedOn })
      : null;
  },

  lives_independently: (f) => {
    const graduated = f.stays.find((s) => s.leaveReason === 'graduated' && s.checkOutOn);
    if (graduated) return evidence('lives_independently', graduated.checkOutOn, { source: 'stay_graduated' });
    if (f.closingOutcome === 'independent_living') return evidence('lives_independently', f.closedOn, { source: 'case_closed' });
    return null;
  },

  // The latest word counts: a follow-up contact after leaving overrides what the case was closed with.
  child_with_family: (f) => {
    const latest = [...f.followUps].sort((a, b) => a.contactedOn.localeCompare(b.contactedOn)).at(-1);
    if (latest) return latest.childWithFamily === 'yes' ? evidence('child_with_family', latest.contactedOn, { source: 'follow_up' }) : null;
    if (f.closingOutcome === 'child_with_family') return evidence('child_with_family', f.closedOn, { source: 'case_closed' });
    return null;
  },
};

export function evidenceFor(rule: EvidenceRule | null, facts: OutcomeFacts): Evidence {
  return rule ? EVIDENCE[rule](facts) : null;
}
