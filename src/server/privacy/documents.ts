// The answer to an access request: the person's data as a PDF and as JSON. Each download is what is
// given to the person, so it is recorded on the request (format, SHA-256, size, who, when — never the
// content) and audited. Only an access request about a person found in the records has documents.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { contentDisposition } from '../../domain/reports/table.js';
import { auditCode, writeAudit } from '../audit/audit.js';
import { defineRoute } from '../http/route.js';
import { conflictField, day, manage } from './common.js';
import { findRequestRow } from './requests.js';
import { assembleSubjectData, sha256, subjectDataJson, subjectDataPdf } from './subject-data.js';

export function registerDocumentRoutes(app: FastifyInstance): void {
  for (const format of ['pdf', 'json'] as const) {
    defineRoute(app, {
      method: 'GET',
      url: `/api/privacy/requests/:id/subject-data.${format}`,
      tag: 'privacy',
      summary: `Everything held about the person of an access request, as ${format.toUpperCase()}; recorded as given (hash, size, who, when) and audited`,
      access: manage,
      params: IdParams,
      response: z.instanceof(Buffer),
      handler: async ({ tx, actor, audit, params, req, reply, deps }) => {
        const request = await findRequestRow(tx, params.id);
        if (request.kind !== 'access') throw conflictField(req.lang, 'id', 'privacy.errors.not_access');
        if (!request.member_id) throw conflictField(req.lang, 'memberId', 'privacy.errors.no_person');
        const data = await assembleSubjectData(tx, deps, actor.orgId, params.id, request.member_id as string, req.lang);
        const file = format === 'pdf' ? await subjectDataPdf(data, req.lang) : subjectDataJson(data);
        await tx.execute(sql`insert into subject_request_disclosures (org_id, request_id, format, sha256, size, given_by)
          values (${actor.orgId}, ${params.id}, ${format}, ${sha256(file)}, ${file.length}, ${actor.userId})`);
        await writeAudit(tx, audit, {
          action: 'export',
          recordType: 'subject_request',
          recordId: params.id,
          details: { format: auditCode(format), memberId: auditCode(request.member_id as string), families: data.families.length },
        });
        const name = `subject-data-${day(request.received_on)}.${format}`;
        void reply
          .header('content-type', format === 'pdf' ? 'application/pdf' : 'application/json; charset=utf-8')
          .header('content-disposition', contentDisposition(name));
        return file;
      },
    });
  }
}
