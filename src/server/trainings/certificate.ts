// The certificate of a training in Russian, as a PDF (the same pdfkit and DejaVu fonts as the aid
// hand-over act): its number, the person named in full, the training's topic, kind, dates and
// length, the hours attended (CPD hours), the organisation and the date of issue. Nothing of any
// case. Whoever reaches the training may print it; every print is audited.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { translate } from '../../domain/i18n/index.js';
import { writeAudit } from '../audit/audit.js';
import { AppError, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { framedPdf, type FramedLine } from '../framed-pdf.js';
import { ruDate } from '../plans/export.js';
import { findTraining, participantsOf } from './trainings.js';

export interface Certificate {
  number: string;
  person: string;
  title: string;
  kind: string;
  startsOn: string;
  endsOn: string;
  hours: number;
  attended: number;
  teachesCaseManagement: boolean;
  organization: string;
  issuedOn: string;
}

const t = (key: string, params?: Record<string, unknown>) => translate('ru', `trainings.certificate.${key}`, params);
const hours = (n: number) => n.toLocaleString('ru-RU', { maximumFractionDigits: 2 });

export function certificateLines(c: Certificate): FramedLine[] {
  return [
    { text: t('title'), bold: true, size: 26, gap: 0.3 },
    { text: t('number', { number: c.number }), size: 12, gap: 1.5 },
    { text: t('intro'), size: 12, gap: 0.6 },
    { text: c.person, bold: true, size: 18, gap: 0.6 },
    { text: t('completed', { title: c.title }), size: 13, gap: 1.2 },
    { text: t('kind', { kind: c.kind }), size: 11, gap: 0.3 },
    { text: t('dates', { from: ruDate(c.startsOn), to: ruDate(c.endsOn) }), size: 11, gap: 0.3 },
    { text: t('hours', { hours: hours(c.hours), attended: hours(c.attended) }), size: 11, gap: 0.3 },
    ...(c.teachesCaseManagement ? [{ text: t('caseManagement'), size: 11, gap: 0.3 }] : []),
    { text: t('organization', { org: c.organization }), size: 11, gap: 2 },
    { text: t('issuedOn', { date: ruDate(c.issuedOn) }), size: 11, gap: 2 },
    { text: t('signature'), size: 11, gap: 0 },
  ];
}

export function certificateToPdf(c: Certificate): Promise<Buffer> {
  return framedPdf(`${t('title')} ${c.number}`, certificateLines(c));
}

const Params = IdParams.extend({ participantId: z.uuid({ message: 'i18n:invalid_uuid' }) });

export function registerCertificateRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/trainings/:id/participants/:participantId/certificate.pdf',
    tag: 'trainings',
    summary: "A participant's certificate in Russian, as PDF (issued certificates only; audited)",
    access: { kind: 'permission', permission: 'trainings.read', records: 'organization' },
    params: Params,
    response: z.instanceof(Buffer),
    handler: async ({ tx, actor, params, reply, audit }) => {
      const training = await findTraining(tx, actor, params.id);
      const participant = (await participantsOf(tx, training, 'ru')).find((p) => p.id === params.participantId);
      if (!participant) throw notFound();
      if (!participant.certificateNumber || !participant.certificateIssuedOn)
        throw new AppError('conflict', 'trainings.errors.not_completed');
      const org = (await tx.execute<{ name: string }>(sql`select name from organizations`)).rows[0]?.name ?? '';
      const buffer = await certificateToPdf({
        number: participant.certificateNumber,
        person: participant.person.name,
        title: training.title as string,
        kind: translate('ru', `trainings.kinds.${training.kind as string}`),
        startsOn: String(training.starts_on).slice(0, 10),
        endsOn: String(training.ends_on).slice(0, 10),
        hours: Number(training.hours),
        attended: participant.attendedHours,
        teachesCaseManagement: training.teaches_case_management as boolean,
        organization: org,
        issuedOn: participant.certificateIssuedOn,
      });
      await writeAudit(tx, audit, { action: 'export', recordType: 'training_participant', recordId: participant.id });
      void reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `attachment; filename="certificate-${participant.certificateNumber}.pdf"`);
      return buffer;
    },
  });
}
