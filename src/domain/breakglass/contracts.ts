// Break-glass (issue 17, point 3): emergency access to a case outside one's reach, with a mandatory
// reason, for a short time set by the organisation, shown at once to the case lead and the
// coordinators of the case's branch and reviewed by them.
import { z } from 'zod';
import { ROLE_CODES, type RoleCode } from '../access/permissions.js';
import { text, uuid, version } from '../validation.js';

/** Never allowed, whatever the organisation sets: they see first names only, through their own routes. */
export const NEVER_BREAK_GLASS: readonly RoleCode[] = ['volunteer', 'mentor'];
export const BREAK_GLASS_ROLES = ROLE_CODES.filter((role) => !NEVER_BREAK_GLASS.includes(role));

export const BreakGlassSettings = z.object({
  allowedRoles: z.array(z.enum(ROLE_CODES)),
  minutes: z.number(),
  version: z.number(),
});
export type BreakGlassSettings = z.infer<typeof BreakGlassSettings>;

export const BreakGlassSettingsInput = z
  .object({
    allowedRoles: z
      .array(z.enum(ROLE_CODES))
      .max(ROLE_CODES.length)
      .refine((roles) => !roles.some((role) => NEVER_BREAK_GLASS.includes(role)), { message: 'i18n:invalid_option' }),
    minutes: z.number().int().min(5).max(480),
    /** 0 while the organisation keeps the defaults (no row yet). */
    version: z.number().int().min(0),
  })
  .strict();
export type BreakGlassSettingsInput = z.infer<typeof BreakGlassSettingsInput>;

export const BreakGlassRequest = z.object({ caseId: uuid, reason: text(2000, 10) }).strict();
export type BreakGlassRequest = z.infer<typeof BreakGlassRequest>;

export const REVIEWS = ['pending', 'justified', 'misuse'] as const;
export type Review = (typeof REVIEWS)[number];

export const BreakGlassGrant = z.object({
  id: z.string(),
  caseId: z.string(),
  userId: z.string(),
  userName: z.string(),
  familyName: z.string(),
  reason: z.string(),
  grantedAt: z.string(),
  expiresAt: z.string(),
  active: z.boolean(),
  review: z.enum(REVIEWS),
  reviewNote: z.string(),
  reviewedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  version: z.number(),
});
export type BreakGlassGrant = z.infer<typeof BreakGlassGrant>;
export const BreakGlassGrantList = z.object({ items: z.array(BreakGlassGrant) });

/** The caller's own: may they use break-glass, for how long, and their grants in force. */
export const BreakGlassMine = z.object({
  allowed: z.boolean(),
  minutes: z.number(),
  active: z.array(z.object({ id: z.string(), caseId: z.string(), expiresAt: z.string() })),
});
export type BreakGlassMine = z.infer<typeof BreakGlassMine>;

export const BreakGlassCreated = z.object({ id: z.string(), caseId: z.string(), expiresAt: z.string() });

export const BreakGlassListQuery = z.object({ review: z.enum([...REVIEWS, 'all']).default('pending') }).strict();

export const BreakGlassReviewInput = z
  .object({ review: z.enum(['justified', 'misuse']), note: z.string().trim().max(2000).default(''), version })
  .strict();
export type BreakGlassReviewInput = z.infer<typeof BreakGlassReviewInput>;
