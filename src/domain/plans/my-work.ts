// Who has "My work" and which of its sections. My work is every staff member's list of what is due,
// whatever their role: a volunteer coordinator without casework still gets the volunteers'
// certificate reminders there. Each section is shown only to holders of its own permission; the
// server leaves a section empty for anyone else, and the page does not show it.
import { DEFAULT_ROLE_PERMISSIONS, PERMISSIONS, type Permission } from '../access/permissions.js';

/** The sections of My work and the permission each needs. */
export const MY_WORK_SECTIONS = {
  /** Plan tasks overdue and due this week, plan reviews, first plans and repeat assessments due. */
  cases: 'cases.read',
  /** Signposting the caller did whose follow-up is due (the referral's client and partner). */
  signposts: 'referrals.read',
  /** Volunteers' certificates ending or ended and the child-related shifts on hold. */
  volunteers: 'volunteers.manage',
} as const satisfies Record<string, Permission>;
export type MyWorkSection = keyof typeof MY_WORK_SECTIONS;

/**
 * What the accounts of volunteers and mentors hold: their own screens only (and what everyone
 * holds). They are not staff and have no My work; their own screens list what is theirs to do.
 */
const OWN_SCREEN_ONLY: ReadonlySet<Permission> = new Set([...DEFAULT_ROLE_PERMISSIONS.volunteer, ...DEFAULT_ROLE_PERMISSIONS.mentor]);

/** Holding any of these makes an account staff: every permission beyond a volunteer's or mentor's own screen. */
export const STAFF_PERMISSIONS: Permission[] = PERMISSIONS.filter((permission) => !OWN_SCREEN_ONLY.has(permission));

export function isStaff(permissions: ReadonlySet<Permission> | readonly Permission[]): boolean {
  const held = new Set(permissions);
  return STAFF_PERMISSIONS.some((permission) => held.has(permission));
}
