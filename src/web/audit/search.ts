// The audit log's filters live in the address (/admin/audit?userId=…&from=…), so a filtered view can
// be linked to, bookmarked and reached from a user's name. Values are checked with the route's own
// query schema; an invalid one is dropped rather than breaking the page.
import type { z } from 'zod';
import { AuditQuery } from '../../domain/audit/contracts.js';

export type AuditSearch = Partial<z.infer<typeof AuditQuery>>;

export function parseAuditSearch(search: Record<string, unknown>): AuditSearch {
  const shape = AuditQuery.shape;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(search)) {
    if (!(key in shape)) continue;
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success && parsed.data !== undefined) result[key] = parsed.data;
  }
  return result as AuditSearch;
}
