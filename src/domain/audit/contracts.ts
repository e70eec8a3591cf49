// Audit log contracts: what an admin can filter by and what each entry shows.
import { z } from 'zod';
import { Page, uuid } from '../validation.js';

/** Actions recorded in the audit log. Reads of sensitive sections and exports are recorded too. */
export const AUDIT_ACTIONS = [
  'login',
  'login_failed',
  'logout',
  'password_changed',
  'totp_enabled',
  'totp_disabled',
  'create',
  'update',
  'delete',
  'read',
  'read_sensitive',
  'export',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

export const AuditQuery = Page.extend({
  userId: uuid.optional(),
  recordType: z.string().trim().max(60).optional(),
  recordId: z.string().trim().max(100).optional(),
  action: AuditAction.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
}).strict();
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEntry = z.object({
  id: z.number(),
  at: z.string(),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  action: z.string(),
  recordType: z.string(),
  recordId: z.string(),
  /** Field names, ids, codes from closed lists, counts and flags: never values of records. */
  details: z.record(z.string(), z.union([z.string(), z.array(z.string()), z.number(), z.boolean(), z.null()])),
  ip: z.string(),
  requestId: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
export const AuditList = z.object({ items: z.array(AuditEntry), total: z.number() });
