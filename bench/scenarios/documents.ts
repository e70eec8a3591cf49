// Scenarios of documents and exports (issue 16, points 2 and 4): a document generated from a case —
// the shipped individual plan (family, two lists, a table of the plan's 30 tasks) or an uploaded
// consent form, as DOCX and as PDF — and the worker's case list exported to XLSX. Target from the
// issue: a document generated ≤ 500 ms (p95, one client).
import type { DocumentsData } from '../datasets/documents.js';
import { pick } from '../lib/random.js';
import type { Scenario, Session } from '../lib/types.js';

const withCookie = (cookie: string | undefined): Record<string, string> => (cookie ? { cookie } : {});
const documents = (data: Record<string, unknown>) => data.documents as DocumentsData;
const headers = (session: Session | undefined): Record<string, string> => ({
  ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
  'content-type': 'application/json',
});

function generate(format: 'docx' | 'pdf'): Scenario {
  return {
    name: `documents.${format}`,
    description: `POST /api/cases/:id/documents as ${format.toUpperCase()}: the plan (30 tasks) or an uploaded consent, a different case each time`,
    datasets: ['documents'],
    connections: [1, 4],
    loginAs: ({ data }) => documents(data).workerEmail,
    targets: { 1: { p95Ms: 500 } },
    requests: ({ data, session, random }) => [
      {
        method: 'POST',
        path: '/api/cases',
        headers: headers(session),
        setupRequest: (request) => {
          const d = documents(data);
          const templateId = random() < 0.5 ? d.planTemplateId : pick(random, d.consentTemplateIds);
          return {
            ...request,
            path: `/api/cases/${pick(random, d.caseIds)}/documents`,
            body: JSON.stringify({ templateId, format }),
          };
        },
      },
    ],
  };
}

export const documentScenarios: Scenario[] = [
  generate('docx'),
  generate('pdf'),
  {
    name: 'exports.cases',
    description: "GET /api/cases.xlsx: the worker's caseload (50 open cases) as an Excel workbook",
    datasets: ['documents'],
    connections: [1],
    loginAs: ({ data }) => documents(data).workerEmail,
    requests: ({ session }) => [{ method: 'GET', path: '/api/cases.xlsx', headers: withCookie(session?.cookie) }],
  },
];
