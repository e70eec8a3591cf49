// Import from spreadsheets: upload → mapping → preview (problems, duplicates, decisions) → import in
// the background with progress → report of the rows not imported → undo. Holders of imports.run
// reach only the jobs they started; what a job may write is what they could write by hand (see
// KIND_PERMISSION and each kind's module).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  DecisionInput,
  ImportJobList,
  ImportJobView,
  ImportMappingInput,
  ImportRowPage,
  ImportRowsQuery,
  ImportUploadInput,
  IMPORT_LIMITS,
  ReportQuery,
  RunInput,
  UndoInput,
} from '../../domain/imports/contracts.js';
import { today } from '../../domain/families/people.js';
import { translate } from '../../domain/i18n/index.js';
import { contentDisposition } from '../../domain/reports/table.js';
import { auditCode, writeAudit } from '../audit/audit.js';
import { defineRoute } from '../http/route.js';
import { assertMayImport, createJob, decide, jobView, listJobs, reportRows, rowPage, setMapping, startRun, undoJob } from './jobs.js';
import { reportCsv, reportXlsx } from './report.js';

const TAG = 'imports';
const access = { kind: 'permission', permission: 'imports.run', records: 'case_team' } as const;

export function registerImportRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/imports',
    tag: TAG,
    summary: 'The imports the caller started, newest first',
    access,
    response: ImportJobList,
    handler: async ({ tx, actor }) => listJobs(tx, actor),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/imports',
    tag: TAG,
    summary: 'Upload an XLSX or CSV file as an import job (a bad file is a 400 naming the problem; nothing is written)',
    access,
    body: ImportUploadInput,
    response: ImportJobView,
    status: 201,
    idempotent: true,
    bodyLimit: Math.ceil((IMPORT_LIMITS.maxFileBytes * 4) / 3) + 64 * 1024,
    handler: async ({ tx, actor, audit, body, req }) => {
      assertMayImport(actor, body.kind);
      const id = await createJob(tx, actor, audit, body, req.lang);
      return jobView(tx, actor, id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/imports/:id',
    tag: TAG,
    summary: 'An import job: its mapping, status, progress and counts',
    access,
    params: IdParams,
    response: ImportJobView,
    handler: async ({ tx, actor, params }) => jobView(tx, actor, params.id),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/imports/:id/mapping',
    tag: TAG,
    summary: 'Confirm which column holds which field (remembered for the next file of this kind) and check every row',
    access,
    params: IdParams,
    body: ImportMappingInput,
    response: ImportJobView,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      await setMapping(deps.engine, tx, actor, audit, params.id, body, req.lang, today());
      return jobView(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/imports/:id/rows',
    tag: TAG,
    summary: "The preview: each row's problems by field, its possible duplicates and the decision taken",
    access,
    params: IdParams,
    query: ImportRowsQuery,
    response: ImportRowPage,
    handler: async ({ tx, actor, params, query, req }) => rowPage(tx, actor, params.id, query, req.lang),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/imports/:id/decisions',
    tag: TAG,
    summary: 'For each possible duplicate: skip it, import it as new, or link it to a family shown',
    access,
    params: IdParams,
    body: DecisionInput,
    response: ImportJobView,
    handler: async ({ tx, actor, params, body, req }) => {
      await decide(tx, actor, params.id, body, req.lang);
      return jobView(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/imports/:id/run',
    tag: TAG,
    summary: 'Import the good rows in the background (poll the job for progress); continues an interrupted import',
    access,
    params: IdParams,
    body: RunInput,
    response: ImportJobView,
    status: 202,
    handler: async ({ tx, actor, audit, params, body, req, deps }) => {
      await startRun(deps.engine, tx, actor, audit, params.id, body.version, req.lang, today());
      return jobView(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/imports/:id/undo',
    tag: TAG,
    summary: 'Undo a whole import while nothing has been built on its records (409 naming what was)',
    access,
    params: IdParams,
    body: UndoInput,
    response: ImportJobView,
    handler: async ({ tx, actor, audit, params, body, req }) => {
      await undoJob(tx, actor, audit, params.id, body.version, req.lang);
      return jobView(tx, actor, params.id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/imports/:id/report',
    tag: TAG,
    summary: 'The rows not imported with a problem column, as XLSX or CSV, to fix and upload again',
    access,
    params: IdParams,
    query: ReportQuery,
    response: z.instanceof(Buffer),
    handler: async ({ tx, actor, audit, params, query, req, reply }) => {
      const lang = query.lang ?? req.lang;
      const { headers, rows } = await reportRows(tx, actor, params.id, lang);
      const file =
        query.format === 'xlsx' ? await reportXlsx(translate(lang, 'imports.report.sheet'), headers, rows) : reportCsv(headers, rows);
      await writeAudit(tx, audit, {
        action: 'export',
        recordType: 'import',
        recordId: params.id,
        details: { format: auditCode(query.format), rows: rows.length },
      });
      void reply
        .header(
          'content-type',
          query.format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv; charset=utf-8',
        )
        .header('content-disposition', contentDisposition(`${translate(lang, 'imports.report.fileName')}.${query.format}`));
      return file;
    },
  });
}
