// Plan vs actual: targets, the report, narratives, records behind a figure and the export links,
// through the shared contracts of src/domain/reports.
import type { z } from 'zod';
import {
  NarrativeView,
  type NarrativeInput,
  PlanVsActual,
  type RecordsQuery,
  RecordsView,
  type ReportQuery,
  ReportSettings,
  type ReportSettingsInput,
  TargetList,
  type TargetsInput,
  type Audience,
} from '../../domain/reports/contracts.js';
import { request } from '../app/api.js';

type Query = z.input<typeof ReportQuery>;

export const reportsApi = {
  report: (query: Query) => request('GET', '/api/reports/plan-vs-actual', { response: PlanVsActual, query }),
  saveTargets: (programmeId: string, body: z.input<typeof TargetsInput>) =>
    request('PUT', `/api/programmes/${programmeId}/targets`, { response: TargetList, body }),
  saveNarrative: (body: z.input<typeof NarrativeInput>) => request('PUT', '/api/reports/narratives', { response: NarrativeView, body }),
  records: (query: z.input<typeof RecordsQuery>) => request('GET', '/api/reports/records', { response: RecordsView, query }),
  settings: () => request('GET', '/api/reports/settings', { response: ReportSettings }),
  saveSettings: (body: z.input<typeof ReportSettingsInput>) => request('PUT', '/api/reports/settings', { response: ReportSettings, body }),
};

export const reportKeys = {
  all: ['reports'] as const,
  report: (query: Query) => ['reports', 'plan-vs-actual', query] as const,
  records: (query: z.input<typeof RecordsQuery>) => ['reports', 'records', query] as const,
  settings: ['reports', 'settings'] as const,
};

/** The export's address: a plain link, so the browser downloads it with the session cookie. */
export function exportUrl(format: 'xlsx' | 'pdf', query: Query, audience: Audience): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...query, audience }))
    if (value !== undefined && value !== '') params.set(key, String(value));
  return `/api/reports/plan-vs-actual.${format}?${params.toString()}`;
}
