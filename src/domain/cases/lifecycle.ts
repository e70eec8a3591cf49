// The case lifecycle: intake → active → post_support → closed, with reopen. This table is the one
// source of truth: the UI reads it to offer actions, the server enforces it (409 otherwise).

export const CASE_STATUSES = ['intake', 'active', 'post_support', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const CASE_ACTIONS = ['activate', 'to_post_support', 'back_to_active', 'close', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ALLOWED_ACTIONS = {
  intake: ['activate', 'close'],
  active: ['to_post_support', 'close'],
  post_support: ['back_to_active', 'close'],
  closed: ['reopen'],
} as const satisfies Record<CaseStatus, readonly CaseAction[]>;

export const ACTION_TARGET = {
  activate: 'active',
  to_post_support: 'post_support',
  back_to_active: 'active',
  close: 'closed',
  reopen: 'active',
} as const satisfies Record<CaseAction, CaseStatus>;

/** Outcomes a case is closed with (what happened to the child and family). */
export const CLOSING_OUTCOMES = [
  'child_with_family',
  'independent_living',
  'with_relatives',
  'child_in_state_care',
  'family_refused',
  'contact_lost',
  'moved_away',
  'other',
] as const;
export type ClosingOutcome = (typeof CLOSING_OUTCOMES)[number];

export function canTransition(status: CaseStatus, action: CaseAction): boolean {
  return (ALLOWED_ACTIONS[status] as readonly CaseAction[]).includes(action);
}

/** Whole days from the start date to `today` (or to the closing date of a closed case). */
export function daysInProgramme(openedOn: string, today: string, closedOn: string | null = null): number {
  const end = closedOn ?? today;
  const ms = Date.parse(`${end}T00:00:00Z`) - Date.parse(`${openedOn}T00:00:00Z`);
  return Math.max(0, Math.floor(ms / 86_400_000));
}
