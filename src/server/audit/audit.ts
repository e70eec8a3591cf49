// Writing the audit log. Called inside the same transaction as the change it records, so if the
// audit write fails the change does not happen.
//
// The audit answers who did what to which record, when, from where and WHICH FIELDS changed — never
// the values. The admin who reads it sees no case by design, so a value or a free text in an entry
// would be a back door to case content (issue 11). The types below make that a compile error: an
// entry's details hold only field names, ids and codes from closed lists (`auditCode`), counts and
// flags. A value that a record must keep for its own history (a reason, a note, an amendment) is
// stored on the record, readable only by those who may read the record.
import type { Tx } from '../db/engine.js';
import type { AuditAction } from '../../domain/audit/contracts.js';
import { auditLog } from './tables.js';

export interface AuditContext {
  orgId: string | null;
  userId: string | null;
  ip: string;
  requestId: string;
}

declare const auditCodeBrand: unique symbol;
/** A string the audit may keep: a record id, a field name or a code from a closed list. */
export type AuditCode = string & { readonly [auditCodeBrand]: true };
/** What an entry's details may hold: codes, lists of codes, counts, flags. */
export type AuditValue = AuditCode | readonly AuditCode[] | number | boolean | null;
export type AuditDetails = Readonly<Record<string, AuditValue>>;

export interface AuditEntryInput {
  action: AuditAction;
  recordType?: string;
  recordId?: string;
  details?: AuditDetails;
}

/** Ids (uuid), field names and enum codes have this shape; free text (spaces, Cyrillic, '@') has not. */
const CODE = /^[A-Za-z0-9_.:-]{1,100}$/;

/**
 * Marks a string as an id or a code the audit may keep. Throws on anything else: that is a
 * programming error (free text passed to the audit), and failing the write is better than keeping it.
 */
export function auditCode(value: string): AuditCode {
  if (!CODE.test(value)) throw new Error('audit details take ids and codes only');
  return value as AuditCode;
}

export function auditCodes(values: readonly string[]): AuditCode[] {
  return values.map(auditCode);
}

/** A record of ids and codes (`{ caseId, kind }`) marked for the audit in one call. */
export function auditIds<K extends string>(values: Record<K, string>): Record<K, AuditCode> {
  return Object.fromEntries(Object.entries<string>(values).map(([key, value]) => [key, auditCode(value)])) as Record<K, AuditCode>;
}

function isAuditValue(value: unknown): value is AuditValue {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'string') return CODE.test(value);
  return Array.isArray(value) && value.every((item) => typeof item === 'string' && CODE.test(item));
}

/**
 * The details as they may be shown: only what `AuditValue` allows. Applied when writing (in case a
 * caller cast its way past the types) and when reading (rows written before migration 0024 are
 * stripped by it; this is the second lock).
 */
export function keptDetails(details: unknown): Record<string, AuditValue> {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return {};
  return Object.fromEntries(Object.entries(details).filter(([key, value]) => CODE.test(key) && isAuditValue(value)));
}

export async function writeAudit(tx: Tx, ctx: AuditContext, entry: AuditEntryInput): Promise<void> {
  const details = entry.details ?? {};
  const kept = keptDetails(details);
  if (Object.keys(kept).length !== Object.keys(details).length) throw new Error('audit details take ids and codes only');
  await tx.insert(auditLog).values({
    orgId: ctx.orgId,
    userId: ctx.userId,
    action: entry.action,
    recordType: entry.recordType ?? '',
    recordId: entry.recordId ?? '',
    details: kept,
    ip: ctx.ip,
    requestId: ctx.requestId,
  });
}

/** Never named in an entry either: that a secret changed is said by the action (password_changed). */
const SECRET_KEYS = new Set(['passwordHash', 'password', 'totpSecret', 'newPassword', 'currentPassword', 'csrfToken']);

const NOT_FIELDS = new Set(['id', 'orgId', 'version', 'updatedAt', 'createdAt']);

/** The names of the fields a create filled in (not their values): what a create entry records as `{ fields }`. */
export function filledFields(values: Record<string, unknown>): AuditCode[] {
  return Object.entries(values)
    .filter(([key]) => !SECRET_KEYS.has(key) && !NOT_FIELDS.has(key))
    .filter(([, value]) => value !== null && value !== undefined && value !== '' && !(Array.isArray(value) && value.length === 0))
    .map(([key]) => auditCode(key));
}

/**
 * The names of the fields whose values differ: what an update entry records as `{ fields }`.
 * The values themselves stay out of the audit.
 */
export function changes(before: Record<string, unknown>, after: Record<string, unknown>): AuditCode[] {
  return Object.keys(after)
    .filter((key) => !SECRET_KEYS.has(key) && !NOT_FIELDS.has(key))
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map(auditCode);
}
