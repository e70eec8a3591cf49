// Referrals (requests for help), their triage, and the intake meeting with its admission decision.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';

export const REFERRAL_SOURCES = [
  'self',
  'relatives',
  'ngo',
  'state_body',
  'maternity_hospital',
  'guardianship',
  'hotline',
  'other',
] as const;
export const ReferralSource = z.enum(REFERRAL_SOURCES);
export const URGENCIES = ['low', 'normal', 'high', 'emergency'] as const;
export const Urgency = z.enum(URGENCIES);

/** new → intake_scheduled → decided (admitted / waitlisted / signposted / declined); or merged into a known family. */
export const REFERRAL_STATUSES = ['new', 'intake_scheduled', 'admitted', 'waitlisted', 'signposted', 'declined', 'merged'] as const;
export const ReferralStatus = z.enum(REFERRAL_STATUSES);
export type ReferralStatus = z.infer<typeof ReferralStatus>;

/** Referrals still waiting for someone to act on them; these are flagged when they wait too long. */
export const OPEN_REFERRAL_STATUSES: readonly ReferralStatus[] = ['new', 'intake_scheduled', 'waitlisted'];

export const ReferralInput = z.strictObject({
  branchId: uuid,
  programmeId: uuid.nullable().default(null),
  receivedAt: z.iso.datetime({ offset: true }).refine((v) => Date.parse(v) <= Date.now() + 60_000, { message: 'i18n:date_in_future' }),
  source: ReferralSource,
  sourceOrganization: optionalText(200),
  callerName: optionalText(200),
  callerContact: optionalText(200),
  /** The woman (or family) the referral is about — used to look for a known family. */
  clientLastName: optionalText(100),
  clientFirstName: text(100),
  clientMiddleName: optionalText(100),
  clientBirthDate: isoDate.nullable().default(null),
  clientPhone: optionalText(40),
  summary: text(5000),
  urgency: Urgency.default('normal'),
  familyId: uuid.nullable().default(null),
  /** The partner organisation it came from (the directory), and its contact person who referred. */
  partnerId: uuid.nullable().default(null),
  partnerContactId: uuid.nullable().default(null),
});
export type ReferralInput = z.infer<typeof ReferralInput>;

export const TriageInput = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('schedule_intake'),
    scheduledAt: z.iso.datetime({ offset: true }),
    location: text(300),
    assignedTo: uuid,
    version,
  }),
  // Signposting: to a partner of the directory (partnerId) or an organisation named in words; the
  // day to ask whether the help was taken up (followUpOn) comes to the worker's my-work.
  z.strictObject({
    action: z.literal('signpost'),
    organization: optionalText(300),
    partnerId: uuid.nullable().default(null),
    followUpOn: isoDate.nullable().default(null),
    note: optionalText(2000),
    version,
  }),
  z.strictObject({ action: z.literal('decline'), reason: text(2000), version }),
  z.strictObject({ action: z.literal('merge'), familyId: uuid, version }),
]);
export type TriageInput = z.infer<typeof TriageInput>;

export const EligibilityAnswer = z.strictObject({ code: text(60), met: z.boolean(), note: optionalText(500) });

export const INTAKE_DECISIONS = ['admit', 'waitlist', 'signpost', 'decline'] as const;
export const IntakeInput = z
  .strictObject({
    metOn: isoDate.refine((v) => v <= new Date().toISOString().slice(0, 10), { message: 'i18n:date_in_future' }),
    location: text(300),
    staffIds: z.array(uuid).min(1).max(10),
    participants: optionalText(1000),
    findings: text(10_000),
    programmeId: uuid,
    eligibility: z.array(EligibilityAnswer).max(50).default([]),
    decision: z.enum(INTAKE_DECISIONS),
    decisionReason: optionalText(2000),
    signpostOrganization: optionalText(300),
    signpostPartnerId: uuid.nullable().default(null),
    signpostFollowUpOn: isoDate.nullable().default(null),
    /** For an admission: the family (existing) and the case lead. */
    familyId: uuid.nullable().default(null),
    leadId: uuid.nullable().default(null),
    version,
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'admit') {
      if (!v.familyId) ctx.addIssue({ code: 'custom', path: ['familyId'], message: 'i18n:required' });
      if (!v.leadId) ctx.addIssue({ code: 'custom', path: ['leadId'], message: 'i18n:required' });
    }
    if ((v.decision === 'decline' || v.decision === 'waitlist') && !v.decisionReason) {
      ctx.addIssue({ code: 'custom', path: ['decisionReason'], message: 'i18n:required' });
    }
    if (v.decision === 'signpost' && !v.signpostOrganization && !v.signpostPartnerId) {
      ctx.addIssue({ code: 'custom', path: ['signpostOrganization'], message: 'i18n:required' });
    }
  });
export type IntakeInput = z.infer<typeof IntakeInput>;

export const IntakeView = z.object({
  metOn: z.string(),
  location: z.string(),
  staffIds: z.array(uuid),
  participants: z.string(),
  findings: z.string(),
  programmeId: uuid,
  eligibility: z.array(EligibilityAnswer),
  decision: z.enum(INTAKE_DECISIONS),
  decisionReason: z.string(),
  caseId: uuid.nullable(),
});

export const ReferralView = z.object({
  id: uuid,
  branchId: uuid,
  programmeId: uuid.nullable(),
  receivedAt: z.string(),
  receivedBy: z.string(),
  source: ReferralSource,
  sourceOrganization: z.string(),
  callerName: z.string(),
  callerContact: z.string(),
  clientLastName: z.string(),
  clientFirstName: z.string(),
  clientMiddleName: z.string(),
  clientBirthDate: z.string().nullable(),
  clientPhone: z.string(),
  summary: z.string(),
  urgency: Urgency,
  status: ReferralStatus,
  familyId: uuid.nullable(),
  intakeScheduledAt: z.string().nullable(),
  intakeLocation: z.string(),
  intakeAssignedTo: uuid.nullable(),
  outcomeNote: z.string(),
  intake: IntakeView.nullable(),
  /** The partner it came from; the contact person's name only for holders of partners.read. */
  partner: z.object({ id: uuid, name: z.string(), kind: z.string() }).nullable(),
  partnerContact: z.object({ id: uuid, name: z.string(), position: z.string() }).nullable(),
  /** Signposted to a partner: which, whether the help was taken up, when to follow up. */
  signpost: z
    .object({
      partnerId: uuid.nullable(),
      partnerName: z.string().nullable(),
      takenUp: z.enum(['yes', 'no', 'unknown']),
      followUpOn: z.string().nullable(),
      followedUpOn: z.string().nullable(),
    })
    .nullable(),
  /** Open longer than the organisation's waiting limit. */
  overdue: z.boolean(),
  version: z.number(),
});
export type ReferralView = z.infer<typeof ReferralView>;

export const ReferralListQuery = z.strictObject({
  status: ReferralStatus.optional(),
  open: z.enum(['true', 'false']).optional(),
  branchId: uuid.optional(),
  overdue: z.enum(['true']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export const ReferralList = z.object({ items: z.array(ReferralView), total: z.number() });

export const EligibilityCriterion = z.strictObject({ code: z.string().regex(/^[a-z0-9_]{1,60}$/), label: text(300) });
export const EligibilityInput = z.strictObject({ criteria: z.array(EligibilityCriterion).max(50) });

// ---- possible duplicates to check (issue 11) ----
/** A new referral that may be a known family outside its author's reach; the family's coordinators check it. */
export const DUPLICATE_CHECK_STATUSES = ['open', 'same_family', 'not_same'] as const;
export const DuplicateCheckStatus = z.enum(DUPLICATE_CHECK_STATUSES);
export const DuplicateCheckQuery = z.strictObject({ status: z.enum(['open', 'resolved']).default('open') });
export const DuplicateCheckView = z.object({
  id: uuid,
  status: DuplicateCheckStatus,
  reasons: z.array(z.enum(['name', 'birth_date', 'phone'])),
  createdAt: z.string(),
  /** The person the new referral is about, as its author typed her — what the coordinator compares. */
  referral: z.object({
    id: uuid,
    receivedAt: z.string(),
    branchName: z.string(),
    clientLastName: z.string(),
    clientFirstName: z.string(),
    clientMiddleName: z.string(),
    clientBirthDate: z.string().nullable(),
    clientPhone: z.string(),
  }),
  family: z.object({ id: uuid, name: z.string(), branchName: z.string() }),
  resolvedAt: z.string().nullable(),
  version: z.number(),
});
export type DuplicateCheckView = z.infer<typeof DuplicateCheckView>;
export const DuplicateCheckList = z.object({ items: z.array(DuplicateCheckView) });
export const DuplicateCheckResolution = z.strictObject({ outcome: z.enum(['same_family', 'not_same']), version });
export type DuplicateCheckResolution = z.infer<typeof DuplicateCheckResolution>;
