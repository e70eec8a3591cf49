// Routes of plan vs actual: targets per programme and period, the report, narratives, the records
// behind a figure, the XLSX and PDF exports and the small-cell threshold. Figures are readable with
// indicators.read; targets and narratives are written with indicators.manage.
import { sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import {
  ExportQuery,
  NarrativeInput,
  NarrativeView,
  PeriodQuery,
  PlanVsActual,
  RecordsQuery,
  RecordsView,
  ReportQuery,
  ReportSettings,
  ReportSettingsInput,
  TargetList,
  TargetsInput,
} from '../../domain/reports/contracts.js';
import { contentDisposition, exportFileName } from '../../domain/reports/table.js';
import { translate } from '../../domain/i18n/index.js';
import { auditCode, auditCodes, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { conflict, invalidField } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { exportMeta, smallCellThreshold } from './export-meta.js';
import { reportToPdf } from './pdf.js';
import { recordsBehindFigure } from './records.js';
import { loadReport } from './report.js';
import { getProgramme, resolvePeriod, saveNarrative, saveTargets, targetList } from './targets.js';
import { reportToXlsx } from './xlsx.js';

const TAG = 'reports';
const read = { kind: 'permission', permission: 'indicators.read', records: 'organization' } as const;
const manage = { kind: 'permission', permission: 'indicators.manage', records: 'organization' } as const;

type Query = z.infer<typeof ReportQuery>;

async function reportFor(tx: Tx, actor: Actor, req: FastifyRequest, query: Query) {
  const programme = await getProgramme(tx, query.programmeId);
  const { from, to } = resolvePeriod(programme, query, req.lang);
  if (query.branchId) {
    const branch = await tx.execute(sql`select 1 from branches where id = ${query.branchId}`);
    if (branch.rows.length === 0)
      throw invalidField('branchId', 'validation.invalid_option', translate(req.lang, 'validation.invalid_option'));
  }
  return loadReport(tx, actor, { programme, from, to, branchId: query.branchId, all: query.all === 'true', lang: req.lang });
}

export function registerReportRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/programmes/:id/targets',
    tag: TAG,
    summary: "A programme's targets for a period (the programme's own period by default)",
    access: read,
    params: IdParams,
    query: PeriodQuery,
    response: TargetList,
    handler: async ({ tx, params, query, req }) => {
      const programme = await getProgramme(tx, params.id);
      const { from, to } = resolvePeriod(programme, query, req.lang);
      return targetList(tx, programme.id, from, to);
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/programmes/:id/targets',
    tag: TAG,
    summary: 'Set, change or remove targets of a period, in total and per branch: all rows or none (409 on a stale one)',
    access: manage,
    params: IdParams,
    body: TargetsInput,
    response: TargetList,
    handler: async ({ tx, actor, audit, params, body, req }) =>
      saveTargets(tx, actor, audit, await getProgramme(tx, params.id), body, req.lang),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/reports/plan-vs-actual',
    tag: TAG,
    summary: 'Planned, achieved and percent per indicator of a programme period, in total and per branch; no identities',
    access: read,
    query: ReportQuery,
    response: PlanVsActual,
    handler: async ({ tx, actor, query, req }) => reportFor(tx, actor, req, query),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/reports/narratives',
    tag: TAG,
    summary: 'The narrative of one indicator in a programme period (409 when stale)',
    access: manage,
    body: NarrativeInput,
    response: NarrativeView,
    handler: async ({ tx, actor, audit, body, req }) => {
      await getProgramme(tx, body.programmeId);
      return saveNarrative(tx, actor, audit, body, req.lang);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/reports/records',
    tag: TAG,
    summary:
      "The cases behind an achieved figure within the caller's case scope, the rest counted; only a count without cases.read (audited)",
    access: read,
    query: RecordsQuery,
    response: RecordsView,
    handler: async ({ tx, actor, audit, query, req }) => {
      const programme = await getProgramme(tx, query.programmeId);
      const { from, to } = resolvePeriod(programme, query, req.lang);
      return recordsBehindFigure(tx, actor, audit, { ...query, programmeId: programme.id, from, to });
    },
  });

  for (const format of ['xlsx', 'pdf'] as const) {
    defineRoute(app, {
      method: 'GET',
      url: `/api/reports/plan-vs-actual.${format}`,
      tag: TAG,
      summary: `The plan-vs-actual table as ${format.toUpperCase()}; audience=external suppresses small counts (audited)`,
      access: read,
      query: ExportQuery,
      response: z.instanceof(Buffer),
      handler: async ({ tx, actor, audit, query, req, reply, deps }) => {
        const report = await reportFor(tx, actor, req, query);
        const meta = await exportMeta(tx, actor, req.lang, query.audience, deps.now());
        const file = format === 'xlsx' ? await reportToXlsx(report, meta) : await reportToPdf(report, meta);
        await writeAudit(tx, audit, {
          action: 'export',
          recordType: 'plan_vs_actual',
          recordId: report.programme.id,
          details: {
            format: auditCode(format),
            audience: auditCode(query.audience),
            from: auditCode(report.from),
            to: auditCode(report.to),
            branchId: report.branchId === null ? null : auditCode(report.branchId),
            threshold: meta.threshold,
          },
        });
        void reply
          .header(
            'content-type',
            format === 'xlsx' ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'application/pdf',
          )
          .header('content-disposition', contentDisposition(exportFileName(report.programme.name, report.from, report.to, format)));
        return file;
      },
    });
  }

  defineRoute(app, {
    method: 'GET',
    url: '/api/reports/settings',
    tag: TAG,
    summary: 'The small-cell threshold of exports meant for outside (a setting, not a figure: for anyone signed in)',
    access: { kind: 'signed_in', records: 'organization' },
    response: ReportSettings,
    handler: async ({ tx }) => {
      const { threshold, percentDigits, version } = await smallCellThreshold(tx);
      return { smallCellThreshold: threshold, percentDigits, version };
    },
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/reports/settings',
    tag: TAG,
    summary: 'Change the small-cell threshold of exports meant for outside (409 when stale)',
    access: { kind: 'permission', permission: 'organization.manage', records: 'organization' },
    body: ReportSettingsInput,
    response: ReportSettings,
    handler: async ({ tx, actor, audit, body }) => {
      const before = await smallCellThreshold(tx);
      const digits = body.percentDigits ?? before.percentDigits;
      // Before the first save there is no row and the defaults answer as version 1; two first saves
      // at once meet on the primary key, and the second, like any stale edit, gets 409.
      const saved = await tx.execute<{ version: number }>(
        before.stored
          ? sql`update report_settings set small_cell_threshold = ${body.smallCellThreshold}, percent_digits = ${digits}, version = version + 1,
              updated_by = ${actor.userId}, updated_at = now() where version = ${body.version} returning version`
          : sql`insert into report_settings (org_id, small_cell_threshold, percent_digits, version, updated_by)
              select ${actor.orgId}, ${body.smallCellThreshold}, ${digits}, 2, ${actor.userId} where ${body.version} = 1
              on conflict (org_id) do nothing returning version`,
      );
      const version = saved.rows[0]?.version;
      if (version === undefined) throw conflict();
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'report_settings',
        recordId: actor.orgId,
        details: { fields: auditCodes(['smallCellThreshold']), from: before.threshold, to: body.smallCellThreshold },
      });
      return { smallCellThreshold: body.smallCellThreshold, percentDigits: digits, version: Number(version) };
    },
  });
}
