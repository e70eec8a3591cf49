// The caseload's filters live in the address (/cases?status=active&mine=true&q=…), so a view can be
// bookmarked and the back button works. Values are checked with the route's own query schema; an
// invalid one is dropped rather than breaking the page.
import type { z } from 'zod';
import { CaseListQuery } from '../../domain/cases/contracts.js';
import { ReferralListQuery } from '../../domain/referrals/contracts.js';

export const REFERRAL_TABS = ['open', 'overdue', 'new', 'intake_scheduled', 'waitlisted', 'closed', 'all'] as const;
export type ReferralTab = (typeof REFERRAL_TABS)[number];

export type CaseSearch = Partial<z.infer<typeof CaseListQuery>>;
/** The referral queue's address: which tab, which branch, which page. */
export interface ReferralSearch {
  tab?: ReferralTab;
  branchId?: string;
  page?: number;
}

function pick(shape: Record<string, z.ZodType>, search: Record<string, unknown>): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(search)) {
    const schema = shape[key];
    if (!schema) continue;
    const parsed = schema.safeParse(typeof value === 'number' || typeof value === 'boolean' ? String(value) : value);
    if (parsed.success && parsed.data !== undefined) result[key] = parsed.data;
  }
  return result;
}

export function parseCaseSearch(search: Record<string, unknown>): CaseSearch {
  return pick(CaseListQuery.shape, search) as CaseSearch;
}

export function parseReferralSearch(search: Record<string, unknown>): ReferralSearch {
  const { branchId, page } = pick({ branchId: ReferralListQuery.shape.branchId, page: ReferralListQuery.shape.page }, search);
  const tab = REFERRAL_TABS.find((value) => value === search.tab);
  return { ...(tab && { tab }), ...(typeof branchId === 'string' && { branchId }), ...(typeof page === 'number' && { page }) };
}
