// Scenario of attachments (issue 16, point 1): uploading a 10 MB scan (a PDF whose page is 10 MB of
// incompressible image bytes, sent as the web app sends it: JSON with the content in base64) to a
// case's files on loopback — checked by content, stored (the folder beside PGlite's data, or the
// database on PostgreSQL), recorded and audited. Target from the issue: ≤ 1 s (p95, one client).
import crypto from 'node:crypto';
import type { DocumentsData } from '../datasets/documents.js';
import { pick } from '../lib/random.js';
import type { Scenario, Session } from '../lib/types.js';

const MB = 1024 * 1024;

/** A one-page PDF of exactly `size` bytes whose page content is a stream of random bytes. */
export function scanPdf(size: number): Buffer {
  const head = Buffer.from(
    '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n4 0 obj\n<< /Length 0 >>\nstream\n',
    'latin1',
  );
  const tail = Buffer.from('\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
  return Buffer.concat([head, crypto.randomBytes(size - head.length - tail.length), tail]);
}

let body: string | undefined;
/** The request body, built once (13.3 MB of JSON). */
const uploadBody = () =>
  (body ??= JSON.stringify({
    title: 'Скан решения суда',
    documentDate: '2026-11-20',
    fileName: 'решение.pdf',
    contentBase64: scanPdf(10 * MB).toString('base64'),
  }));

const headers = (session: Session | undefined): Record<string, string> => ({
  ...(session ? { cookie: session.cookie, 'x-csrf-token': session.csrfToken } : {}),
  'content-type': 'application/json',
});

export const fileScenarios: Scenario[] = [
  {
    name: 'files.upload',
    description: 'POST /api/files/owners/case/:id: a 10 MB scan (PDF, base64 in JSON) attached to a case, a different case each time',
    datasets: ['documents'],
    connections: [1],
    loginAs: ({ data }) => (data.documents as DocumentsData).workerEmail,
    targets: { 1: { p95Ms: 1000 } },
    requests: ({ data, session, random }) => [
      {
        method: 'POST',
        path: '/api/files',
        headers: headers(session),
        body: uploadBody(),
        setupRequest: (request) => ({
          ...request,
          path: `/api/files/owners/case/${pick(random, (data.documents as DocumentsData).caseIds)}`,
        }),
      },
    ],
  },
];
