// Drizzle definitions of the families, referrals and cases tables (migrations/0002_families_cases.sql).
import { bigint, boolean, date, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { Citizenship } from '../../domain/families/citizenship.js';

const stamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

export const families = pgTable('families', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  branchId: uuid('branch_id').notNull(),
  name: text('name').notNull().default(''),
  notes: text('notes').notNull().default(''),
  createdBy: uuid('created_by'),
  version: integer('version').notNull().default(1),
  ...stamps,
});

export const members = pgTable('members', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  familyId: uuid('family_id').notNull(),
  position: integer('position').notNull().default(0),
  relation: text('relation').notNull(),
  lastName: text('last_name').notNull().default(''),
  firstName: text('first_name').notNull().default(''),
  middleName: text('middle_name').notNull().default(''),
  birthDate: date('birth_date'),
  approximateAge: integer('approximate_age'),
  expectedBirthDate: date('expected_birth_date'),
  sex: text('sex').notNull().default('unknown'),
  citizenship: text('citizenship').$type<Citizenship | null>(),
  education: text('education'),
  occupation: text('occupation'),
  languages: text('languages').array().notNull().default([]),
  phone: text('phone').notNull().default(''),
  phoneDigits: text('phone_digits').notNull().default(''),
  registeredAddress: text('registered_address').notNull().default(''),
  actualAddress: text('actual_address').notNull().default(''),
  documents: jsonb('documents').$type<{ kind: string; status: string; note: string }[]>().notNull().default([]),
  version: integer('version').notNull().default(1),
  ...stamps,
});

export const socialContacts = pgTable('social_contacts', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  familyId: uuid('family_id').notNull(),
  name: text('name').notNull(),
  kind: text('kind').notNull(),
  relationship: text('relationship').notNull().default(''),
  nature: text('nature').notNull(),
  reachable: boolean('reachable').notNull(),
  phone: text('phone').notNull().default(''),
  note: text('note').notNull().default(''),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const referrals = pgTable('referrals', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  branchId: uuid('branch_id').notNull(),
  programmeId: uuid('programme_id'),
  receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull(),
  receivedBy: uuid('received_by').notNull(),
  source: text('source').notNull(),
  sourceOrganization: text('source_organization').notNull().default(''),
  callerName: text('caller_name').notNull().default(''),
  callerContact: text('caller_contact').notNull().default(''),
  clientLastName: text('client_last_name').notNull().default(''),
  clientFirstName: text('client_first_name').notNull(),
  clientMiddleName: text('client_middle_name').notNull().default(''),
  clientBirthDate: date('client_birth_date'),
  clientPhone: text('client_phone').notNull().default(''),
  summary: text('summary').notNull(),
  urgency: text('urgency').notNull().default('normal'),
  status: text('status').notNull().default('new'),
  familyId: uuid('family_id'),
  intakeScheduledAt: timestamp('intake_scheduled_at', { withTimezone: true, mode: 'string' }),
  intakeLocation: text('intake_location').notNull().default(''),
  intakeAssignedTo: uuid('intake_assigned_to'),
  outcomeNote: text('outcome_note').notNull().default(''),
  intake: jsonb('intake').$type<Record<string, unknown>>(),
  // A referral received from a partner organisation, and signposting to one (migration 0032).
  partnerId: uuid('partner_id'),
  partnerContactId: uuid('partner_contact_id'),
  signpostPartnerId: uuid('signpost_partner_id'),
  signpostTakenUp: text('signpost_taken_up'),
  signpostFollowUpOn: date('signpost_follow_up_on'),
  signpostFollowedUpOn: date('signpost_followed_up_on'),
  signpostedBy: uuid('signposted_by'),
  version: integer('version').notNull().default(1),
  ...stamps,
});

export const cases = pgTable('cases', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  familyId: uuid('family_id').notNull(),
  programmeId: uuid('programme_id').notNull(),
  branchId: uuid('branch_id').notNull(),
  referralId: uuid('referral_id'),
  leadId: uuid('lead_id').notNull(),
  status: text('status').notNull().default('intake'),
  openedOn: date('opened_on').notNull(),
  closedOn: date('closed_on'),
  postSupportSince: date('post_support_since'),
  closingOutcome: text('closing_outcome'),
  closingReason: text('closing_reason').notNull().default(''),
  riskFlags: text('risk_flags').array().notNull().default([]),
  version: integer('version').notNull().default(1),
  createdBy: uuid('created_by'),
  ...stamps,
});

export const caseTeam = pgTable('case_team', {
  orgId: uuid('org_id').notNull(),
  caseId: uuid('case_id').notNull(),
  userId: uuid('user_id').notNull(),
  role: text('role').notNull(),
});

export const caseEvents = pgTable('case_events', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  orgId: uuid('org_id').notNull(),
  caseId: uuid('case_id').notNull(),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  /** The day it happened; filled by the database (migrations/0021) when not given. */
  occurredOn: date('occurred_on'),
  actorId: uuid('actor_id'),
  kind: text('kind').notNull(),
  data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
});

export const files = pgTable('files', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  fileName: text('file_name').notNull(),
  mimeType: text('mime_type').notNull(),
  size: integer('size').notNull(),
  content: text('content').notNull(),
  uploadedBy: uuid('uploaded_by'),
});

export const consents = pgTable('consents', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  familyId: uuid('family_id').notNull(),
  memberId: uuid('member_id').notNull(),
  kind: text('kind').notNull(),
  givenOn: date('given_on').notNull(),
  scope: text('scope').notNull(),
  takenBy: uuid('taken_by').notNull(),
  scanFileId: uuid('scan_file_id'),
  withdrawnOn: date('withdrawn_on'),
});

export const sensitiveNotes = pgTable('sensitive_notes', {
  id: uuid('id').primaryKey().defaultRandom(),
  orgId: uuid('org_id').notNull(),
  familyId: uuid('family_id').notNull(),
  memberId: uuid('member_id'),
  section: text('section').notNull(),
  text: text('text').notNull(),
  overrideReason: text('override_reason').notNull().default(''),
  recordedBy: uuid('recorded_by').notNull(),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  /** The day what the note records was learnt (migrations/0021). */
  notedOn: date('noted_on'),
});
