// Recognising and counting: the hours given per volunteer, team or branch in a period (completed
// shifts, by the shift's day), and the thank-you letter with a volunteer's hours in Russian as a PDF
// (the framed one-page layout of the trainings' certificate, src/server/framed-pdf.ts). Nothing of any
// family or case.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { translate } from '../../domain/i18n/index.js';
import { HoursQuery, HoursView, LetterQuery } from '../../domain/volunteers/contracts.js';
import { assertBranchInReach } from '../access/reach.js';
import { writeAudit } from '../audit/audit.js';
import { defineRoute } from '../http/route.js';
import { framedPdf, type FramedLine } from '../framed-pdf.js';
import { ruDate } from '../plans/export.js';
import { assertPeriod, branchScope, findVolunteerRow, fullName, num, read, todayOf, type Row } from './common.js';

export interface Letter {
  person: string;
  hours: number;
  shifts: number;
  from: string;
  to: string;
  kinds: string[];
  organization: string;
  issuedOn: string;
}

const t = (key: string, params?: Record<string, unknown>) => translate('ru', `volunteers.letter.${key}`, params);
const hoursText = (n: number) => n.toLocaleString('ru-RU', { maximumFractionDigits: 2 });

export function letterLines(l: Letter): FramedLine[] {
  return [
    { text: t('title'), bold: true, size: 26, gap: 0.3 },
    { text: t('subtitle'), size: 13, gap: 1.5 },
    { text: t('intro'), size: 12, gap: 0.6 },
    { text: l.person, bold: true, size: 18, gap: 0.6 },
    { text: t('thanks', { org: l.organization }), size: 12, gap: 0.8 },
    { text: t('period', { from: ruDate(l.from), to: ruDate(l.to) }), size: 11, gap: 0.3 },
    { text: t('hours', { hours: hoursText(l.hours), shifts: l.shifts }), bold: true, size: 12, gap: 0.3 },
    ...(l.kinds.length > 0 ? [{ text: t('kinds', { kinds: l.kinds.join(', ') }), size: 11, gap: 0.3 }] : []),
    { text: t('issuedOn', { date: ruDate(l.issuedOn) }), size: 11, gap: 2 },
    { text: t('signature'), size: 11, gap: 0 },
  ];
}

export function letterToPdf(l: Letter): Promise<Buffer> {
  return framedPdf(t('title'), letterLines(l));
}

export function registerFigureRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers/hours',
    tag: 'volunteers',
    summary: 'Hours given in a period (completed shifts by their day) per volunteer, team or branch of the caller’s branches',
    access: read,
    query: HoursQuery,
    response: HoursView,
    handler: async ({ tx, actor, query, req }) => {
      assertPeriod(req.lang, query, { path: 'to', beforeKey: 'volunteers.errors.before' });
      if (query.branchId) assertBranchInReach(actor, query.branchId, 'branchId', req.lang);
      const place = query.branchId ? sql`t.branch_id = ${query.branchId}` : branchScope(actor, 't');
      const where = sql`where s.status = 'completed' and s.task_on between ${query.from} and ${query.to} and ${place}`;
      const from = sql`from volunteer_signups s join volunteer_tasks t on t.id = s.task_id`;
      const statement =
        query.by === 'volunteer'
          ? sql`select v.id::text as id, ${fullName('v')} as name, sum(s.hours) as hours, count(*)::int as shifts
              ${from} join volunteers v on v.id = s.volunteer_id ${where} group by v.id, v.last_name, v.first_name, v.middle_name order by sum(s.hours) desc limit 1000`
          : query.by === 'team'
            ? sql`select coalesce(tm.id::text, '') as id, coalesce(tm.name, '') as name, sum(s.hours) as hours, count(*)::int as shifts
              ${from} left join volunteer_teams tm on tm.id = t.team_id ${where} group by tm.id, tm.name order by sum(s.hours) desc`
            : sql`select b.id::text as id, b.city || ' — ' || b.name as name, sum(s.hours) as hours, count(*)::int as shifts
              ${from} join branches b on b.id = t.branch_id ${where} group by b.id, b.city, b.name order by sum(s.hours) desc`;
      const rows = (await tx.execute<Row>(statement)).rows.map((r) => ({
        id: r.id as string,
        name: r.name as string,
        hours: num(r.hours),
        shifts: num(r.shifts),
      }));
      return { from: query.from, to: query.to, by: query.by, rows, total: rows.reduce((sum, r) => sum + r.hours, 0) };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/volunteers/:id/letter.pdf',
    tag: 'volunteers',
    summary: 'A thank-you letter with the volunteer’s hours in a period, in Russian, as PDF (audited)',
    access: read,
    params: IdParams,
    query: LetterQuery,
    response: z.instanceof(Buffer),
    handler: async ({ tx, actor, params, query, reply, audit, req, deps }) => {
      assertPeriod(req.lang, query, { path: 'to', beforeKey: 'volunteers.errors.before' });
      const volunteer = await findVolunteerRow(tx, actor, params.id);
      const totals = (
        await tx.execute<Row>(sql`select coalesce(sum(s.hours), 0) as hours, count(*)::int as shifts,
            coalesce(array_agg(distinct t.kind) filter (where t.kind is not null), '{}') as kinds
          from volunteer_signups s join volunteer_tasks t on t.id = s.task_id
          where s.volunteer_id = ${params.id} and s.status = 'completed' and s.task_on between ${query.from} and ${query.to}`)
      ).rows[0]!;
      const org = (await tx.execute<{ name: string }>(sql`select name from organizations`)).rows[0]?.name ?? '';
      const kinds = (
        typeof totals.kinds === 'string'
          ? (totals.kinds as string).replace(/[{}]/g, '').split(',').filter(Boolean)
          : (totals.kinds as string[])
      ).map((kind) => translate('ru', `volunteers.kinds.${kind}`).toLowerCase());
      const buffer = await letterToPdf({
        person: `${volunteer.last_name as string} ${volunteer.first_name as string} ${volunteer.middle_name as string}`.trim(),
        hours: num(totals.hours),
        shifts: num(totals.shifts),
        from: query.from,
        to: query.to,
        kinds,
        organization: org,
        issuedOn: todayOf(deps.now()),
      });
      await writeAudit(tx, audit, { action: 'export', recordType: 'volunteer', recordId: params.id });
      void reply.header('content-type', 'application/pdf').header('content-disposition', 'attachment; filename="volunteer-hours.pdf"');
      return buffer;
    },
  });
}
