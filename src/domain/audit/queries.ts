// "Who saw what" (issue 17, point 4): everything one user saw or changed in a period, and everyone
// who saw or changed one person's data — from the audit log, which holds ids and field names only.
import { z } from 'zod';
import { uuid } from '../validation.js';
import { AuditEntry } from './contracts.js';

const period = {
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
};

export const ActivityQuery = z.object({ userId: uuid, ...period }).strict();
export type ActivityQuery = z.infer<typeof ActivityQuery>;

/** One person: a family member (with their family's records) or a whole family. Exactly one is given. */
export const PersonAccessQuery = z.object({ memberId: uuid.optional(), familyId: uuid.optional(), ...period }).strict();
export type PersonAccessQuery = z.infer<typeof PersonAccessQuery>;

export const ExportFormatParams = z.strictObject({ format: z.enum(['xlsx', 'csv']) });

export const AccessSummary = z.object({
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  reads: z.number(),
  changes: z.number(),
  first: z.string(),
  last: z.string(),
});
export type AccessSummary = z.infer<typeof AccessSummary>;

/** The newest entries (at most `limit`), how many there are in all, and per user for a person. */
export const AccessReport = z.object({
  items: z.array(AuditEntry),
  total: z.number(),
  limit: z.number(),
  people: z.array(AccessSummary),
});
export type AccessReport = z.infer<typeof AccessReport>;
