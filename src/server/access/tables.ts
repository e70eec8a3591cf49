// Drizzle definitions of the organisation & access tables (created by migrations/0001_foundation.sql).
import { boolean, bigint, date, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ConsentKind } from '../../domain/families/consents.js';

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  mfaRequiredRoles: text('mfa_required_roles').array().notNull().default([]),
  referralWaitHours: integer('referral_wait_hours').notNull().default(48),
  sensitiveAccess: jsonb('sensitive_access').$type<Record<string, string[]> | null>(),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const branches = pgTable('branches', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  name: text('name').notNull(),
  city: text('city').notNull(),
  region: text('region').notNull().default(''),
  address: text('address').notNull().default(''),
  active: boolean('active').notNull().default(true),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const programmes = pgTable('programmes', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  name: text('name').notNull(),
  periodStart: date('period_start').notNull(),
  periodEnd: date('period_end').notNull(),
  funder: text('funder').notNull().default(''),
  budget: numeric('budget', { precision: 14, scale: 2 }),
  description: text('description').notNull().default(''),
  active: boolean('active').notNull().default(true),
  /** From which day follow-ups count (migrations/0021): 'closing' or 'post_support'. */
  followUpFrom: text('follow_up_from').$type<'closing' | 'post_support'>().notNull().default('closing'),
  /** The consents the programme requires of a family's adults (migrations/0034): consent kind codes. */
  requiredConsents: text('required_consents').array().$type<ConsentKind[]>().notNull().default(['personal_data']),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const roles = pgTable(
  'roles',
  {
    orgId: uuid('org_id').notNull(),
    code: text('code').notNull(),
    /** The organisation's own name of a role it made (migration 0022); '' for a shipped role. */
    name: text('name').notNull().default(''),
    permissions: text('permissions').array().notNull().default([]),
    version: integer('version').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.code] })],
);

export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  email: text('email').notNull(),
  lastName: text('last_name').notNull(),
  firstName: text('first_name').notNull(),
  middleName: text('middle_name').notNull().default(''),
  phone: text('phone').notNull().default(''),
  locale: text('locale').notNull().default('ru'),
  passwordHash: text('password_hash').notNull(),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
  active: boolean('active').notNull().default(true),
  totpSecret: text('totp_secret'),
  totpEnabled: boolean('totp_enabled').notNull().default(false),
  totpLastStep: bigint('totp_last_step', { mode: 'number' }).notNull().default(0),
  version: integer('version').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const userRoles = pgTable(
  'user_roles',
  { orgId: uuid('org_id').notNull(), userId: uuid('user_id').notNull(), roleCode: text('role_code').notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.roleCode] })],
);

export const userBranches = pgTable(
  'user_branches',
  { orgId: uuid('org_id').notNull(), userId: uuid('user_id').notNull(), branchId: uuid('branch_id').notNull() },
  (t) => [primaryKey({ columns: [t.userId, t.branchId] })],
);
