// Drizzle definition of the append-only audit log (migrations/0001_foundation.sql).
import { bigint, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

export const auditLog = pgTable('audit_log', {
  id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
  orgId: uuid('org_id'),
  at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  userId: uuid('user_id'),
  action: text('action').notNull(),
  recordType: text('record_type').notNull().default(''),
  recordId: text('record_id').notNull().default(''),
  details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  ip: text('ip').notNull().default(''),
  requestId: text('request_id').notNull().default(''),
});
