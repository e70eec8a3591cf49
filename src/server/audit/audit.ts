// Writing the audit log. Called inside the same transaction as the change it records, so if the
// audit write fails the change does not happen. Details hold previous values of a write, never
// passwords or secrets (callers pass through `withoutSecrets`).
import type { Tx } from '../db/engine.js';
import type { AuditAction } from '../../domain/audit/contracts.js';
import { auditLog } from './tables.js';

export interface AuditContext {
  orgId: string | null;
  userId: string | null;
  ip: string;
  requestId: string;
}

export interface AuditEntryInput {
  action: AuditAction;
  recordType?: string;
  recordId?: string;
  details?: Record<string, unknown>;
}

const SECRET_KEYS = new Set(['passwordHash', 'password', 'totpSecret', 'newPassword', 'currentPassword', 'csrfToken']);

export function withoutSecrets(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).filter(([key]) => !SECRET_KEYS.has(key)));
}

export async function writeAudit(tx: Tx, ctx: AuditContext, entry: AuditEntryInput): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: ctx.orgId,
    userId: ctx.userId,
    action: entry.action,
    recordType: entry.recordType ?? '',
    recordId: entry.recordId ?? '',
    details: withoutSecrets(entry.details ?? {}),
    ip: ctx.ip,
    requestId: ctx.requestId,
  });
}

/** The fields whose values differ, as { field: { from, to } }: what an update audit entry records. */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, { from: unknown; to: unknown }> {
  const result: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of Object.keys(after)) {
    if (SECRET_KEYS.has(key) || key === 'version' || key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) result[key] = { from: before[key], to: after[key] };
  }
  return result;
}
