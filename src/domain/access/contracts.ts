// API contracts of organisations & access: log-in, the current user, staff, roles, branches,
// programmes. One Zod schema per shape, imported by the server routes and the web forms.
import { z } from 'zod';
import { email, isoDate, optionalText, password, text, uuid, version } from '../validation.js';
import { PERMISSIONS } from './permissions.js';
import { LANGUAGES } from '../i18n/languages.js';
import { CASE_RELATIONS, SENSITIVE_SECTIONS } from '../cases/sensitive.js';
import { FOLLOW_UP_FROM } from '../outcomes/follow-up.js';
import { DEFAULT_REQUIRED_CONSENTS } from '../families/consents.js';
import { CONSENT_KINDS, ConsentKind } from '../families/contracts.js';

/** A role's code: one of the shipped roles (ROLE_CODES) or one the organisation made (custom_…). */
export const RoleCode = z.string().regex(/^[a-z][a-z0-9_]{1,39}$/, { message: 'i18n:invalid_option' });
/** How many roles one account may hold (the shipped ones and the organisation's own). */
const MAX_ROLES_HELD = 30;
export const PermissionCode = z.enum(PERMISSIONS);
export const Language = z.enum(LANGUAGES);

// ---- authentication ----
export const LoginInput = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(200),
  totp: z
    .string()
    .regex(/^\d{6}$/, { message: 'i18n:invalid_format' })
    .optional(),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const TotpCodeInput = z.strictObject({ code: z.string().regex(/^\d{6}$/, { message: 'i18n:invalid_format' }) });
export const TotpEnrolment = z.object({ secret: z.string(), otpauthUrl: z.string() });

export const PasswordChangeInput = z.strictObject({ currentPassword: z.string().min(1).max(200), newPassword: password });

export const Me = z.object({
  id: uuid,
  orgId: uuid,
  orgName: z.string(),
  email: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  locale: Language,
  roles: z.array(RoleCode),
  permissions: z.array(PermissionCode),
  branchIds: z.array(uuid),
  totpEnabled: z.boolean(),
  /** Set while the session still owes a second factor ('totp') or its enrolment. */
  pending: z.enum(['totp', 'totp_enrolment']).nullable(),
});
export type Me = z.infer<typeof Me>;

export const Session = z.object({ me: Me, csrfToken: z.string() });
export type Session = z.infer<typeof Session>;

export const LocaleInput = z.strictObject({ locale: Language });

// ---- staff ----
const personName = {
  lastName: text(100),
  firstName: text(100),
  middleName: optionalText(100),
};

export const UserCreateInput = z.strictObject({
  ...personName,
  email,
  phone: optionalText(40),
  password,
  roles: z.array(RoleCode).min(1).max(MAX_ROLES_HELD),
  branchIds: z.array(uuid).max(100).default([]),
  locale: Language.default('ru'),
});
export type UserCreateInput = z.infer<typeof UserCreateInput>;

export const UserUpdateInput = z.strictObject({
  ...personName,
  email,
  phone: optionalText(40),
  roles: z.array(RoleCode).min(1).max(MAX_ROLES_HELD),
  branchIds: z.array(uuid).max(100),
  active: z.boolean(),
  version,
});
export type UserUpdateInput = z.infer<typeof UserUpdateInput>;

export const UserView = z.object({
  id: uuid,
  email: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  middleName: z.string(),
  phone: z.string(),
  locale: Language,
  roles: z.array(RoleCode),
  branchIds: z.array(uuid),
  active: z.boolean(),
  totpEnabled: z.boolean(),
  version: z.number(),
  createdAt: z.string(),
});
export type UserView = z.infer<typeof UserView>;

export const UserListQuery = z.strictObject({
  q: z.string().trim().max(100).optional(),
  role: RoleCode.optional(),
  branchId: uuid.optional(),
  active: z.enum(['true', 'false']).optional(),
});
export const UserList = z.object({ items: z.array(UserView), total: z.number() });

// ---- roles ----
export const RoleView = z.object({
  code: RoleCode,
  /** The organisation's own name of a role it made; '' for a shipped role (named by the catalogue). */
  name: z.string(),
  /** Shipped with Hearth: its permissions can change, it cannot be renamed or deleted. */
  builtin: z.boolean(),
  /** Staff accounts holding it: a role in use cannot be deleted. */
  holders: z.number(),
  permissions: z.array(PermissionCode),
  version: z.number(),
});
export type RoleView = z.infer<typeof RoleView>;
const rolePermissions = z.array(PermissionCode).max(PERMISSIONS.length);
export const RoleCreateInput = z.strictObject({ name: text(100), permissions: rolePermissions });
export type RoleCreateInput = z.infer<typeof RoleCreateInput>;
/** Permissions of any role; a new name only for a role the organisation made. */
export const RoleUpdateInput = z.strictObject({ name: text(100).optional(), permissions: rolePermissions, version });
export type RoleUpdateInput = z.infer<typeof RoleUpdateInput>;
export const RoleDeleteQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

// ---- branches ----
export const BranchInput = z.strictObject({
  name: text(200),
  city: text(100),
  region: optionalText(100),
  address: optionalText(500),
  active: z.boolean().default(true),
});
export type BranchInput = z.infer<typeof BranchInput>;
export const BranchUpdateInput = BranchInput.extend({ version });
export const BranchView = z.object({
  id: uuid,
  name: z.string(),
  city: z.string(),
  region: z.string(),
  address: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type BranchView = z.infer<typeof BranchView>;

// ---- programmes ----
const programmeFields = {
  name: text(200),
  periodStart: isoDate,
  periodEnd: isoDate,
  funder: optionalText(200),
  budget: z.number().nonnegative().max(1e12).multipleOf(0.01).nullable().default(null),
  description: optionalText(5000),
  active: z.boolean().default(true),
  /** Follow-ups at 3, 6 and 12 months count from the case's closing (graduation) or its move to post-support. */
  followUpFrom: z.enum(FOLLOW_UP_FROM).default('closing'),
  /** The consents the programme requires of a family's adults (the case page's "missing consents" warning). */
  requiredConsents: z
    .array(ConsentKind)
    .max(CONSENT_KINDS.length)
    .default([...DEFAULT_REQUIRED_CONSENTS]),
};
const periodInOrder = (value: { periodStart: string; periodEnd: string }) => value.periodEnd >= value.periodStart;
const periodIssue = { path: ['periodEnd'], params: { i18n: 'period_order' } };

export const ProgrammeInput = z.strictObject(programmeFields).refine(periodInOrder, periodIssue);
export type ProgrammeInput = z.infer<typeof ProgrammeInput>;
export const ProgrammeUpdateInput = z.strictObject({ ...programmeFields, version }).refine(periodInOrder, periodIssue);
export const ProgrammeView = z.object({
  id: uuid,
  name: z.string(),
  periodStart: z.string(),
  periodEnd: z.string(),
  funder: z.string(),
  budget: z.number().nullable(),
  description: z.string(),
  active: z.boolean(),
  followUpFrom: z.enum(FOLLOW_UP_FROM),
  requiredConsents: z.array(ConsentKind),
  version: z.number(),
});
export type ProgrammeView = z.infer<typeof ProgrammeView>;

// ---- organisation ----
/** Which case relations may see each sensitive section (see src/domain/cases/sensitive.ts). */
export const SensitiveAccessSetting = z.strictObject(
  Object.fromEntries(SENSITIVE_SECTIONS.map((section) => [section, z.array(z.enum(CASE_RELATIONS)).max(CASE_RELATIONS.length)])) as Record<
    (typeof SENSITIVE_SECTIONS)[number],
    z.ZodArray<z.ZodEnum<{ [K in (typeof CASE_RELATIONS)[number]]: K }>>
  >,
);
export const OrganizationView = z.object({
  id: uuid,
  name: z.string(),
  mfaRequiredRoles: z.array(RoleCode),
  /** A referral still untriaged after this many hours is flagged as waiting too long. */
  referralWaitHours: z.number(),
  sensitiveAccess: SensitiveAccessSetting,
  version: z.number(),
});
export const OrganizationUpdateInput = z.strictObject({
  name: text(200),
  mfaRequiredRoles: z.array(RoleCode),
  /** Omitted: left as it is. */
  referralWaitHours: z.number().int().min(1).max(2000).optional(),
  sensitiveAccess: SensitiveAccessSetting.optional(),
  version,
});

/** Active staff, to choose a case lead, team member or intake worker from (names and roles only). */
export const StaffMember = z.object({ id: z.string(), name: z.string(), roles: z.array(z.string()), branchIds: z.array(z.string()) });
export const StaffList = z.object({ items: z.array(StaffMember) });

export const IdParams = z.strictObject({ id: uuid });
export const Ok = z.object({ ok: z.literal(true) });
