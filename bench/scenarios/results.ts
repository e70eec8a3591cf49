// Scenarios of indicators and results (issue 7), on 100,000 cases, 2,000,000 services and 20,000
// stays: the full plan-vs-actual report of one programme-year with every indicator of the library
// (total and per branch), and the three dashboards. Targets from the issue, one client: the report
// in ≤ 1 s, a dashboard in ≤ 300 ms.
import type { ResultsData } from '../datasets/results.js';
import type { Scenario, Target } from '../lib/types.js';

const results = (data: Record<string, unknown>) => data.results as ResultsData;
const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});
const REPORT: Record<number, Target> = { 1: { p95Ms: 1000 } };
const DASHBOARD: Record<number, Target> = { 1: { p95Ms: 300 } };

const get = (
  name: string,
  description: string,
  as: keyof ResultsData,
  path: (d: ResultsData) => string,
  targets: Record<number, Target>,
): Scenario => ({
  name,
  description,
  datasets: ['results'],
  connections: [1, 4],
  loginAs: ({ data }) => results(data)[as] as string,
  targets,
  requests: ({ data, session }) => [{ method: 'GET', path: path(results(data)), headers: withCookie(session?.cookie) }],
});

export const resultsScenarios: Scenario[] = [
  get(
    'results.report',
    'GET /api/reports/plan-vs-actual?all=true for the biggest programme’s last year: every indicator, total and per branch (M&E officer)',
    'meEmail',
    (d) => `/api/reports/plan-vs-actual?programmeId=${d.programmeId}&from=${d.from}&to=${d.to}&all=true`,
    REPORT,
  ),
  get(
    'results.coordinator',
    'GET /api/dashboards/coordinator: month vs plan, caseload, overdue work of the biggest branch',
    'coordinatorEmail',
    () => '/api/dashboards/coordinator',
    DASHBOARD,
  ),
  get(
    'results.indicators',
    'GET /api/dashboards/indicators: default indicators over the last 12 months and by branch (M&E officer)',
    'meEmail',
    () => '/api/dashboards/indicators',
    DASHBOARD,
  ),
  get(
    'results.programmes',
    'GET /api/dashboards/programmes: every programme’s results at a glance (director: a supervisor)',
    'directorEmail',
    () => '/api/dashboards/programmes',
    DASHBOARD,
  ),
];
