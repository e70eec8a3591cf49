// Accounting to donors: for a period (and a grant project or a warehouse), what was received from
// whom at what value, what was handed out to how many families and people (counts only — the
// report carries no identities; small counts suppressed as in the exports, see peopleRule), and the stock movement of every warehouse (opening balance,
// receipts, hand-outs, transfers, write-offs, stocktakes and reversals, closing balance), on screen
// and as XLSX. Also the hand-over act of one request.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { AidReport, AidReportQuery } from '../../domain/aid/contracts.js';
import { safeCell } from '../../domain/indicators/results.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { AppError, invalidField } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { openBranches, suppressedCell } from '../indicators/small-cells.js';
import { smallCellThreshold } from '../reports/export-meta.js';
import { actToDocx, actToPdf, type Act } from './act.js';
import { findRequest } from './requests.js';
import { stockMovementTotals } from './stock-months.js';

type Row = Record<string, unknown>;
const reportAccess = { kind: 'permission', permission: 'aid.report', records: 'organization' } as const;
const n = (v: unknown) => Number(v ?? 0);

/**
 * Whether the reader sees the report's counts of families and people exactly: when she opens every
 * case behind them (the coordinators and supervisors of each branch whose cases got the aid, as
 * small-cells.ts reads a cell). Otherwise a count under the organisation's threshold reads "<N", as
 * the funder exports show it: each item's families and people (a breakdown by item), and the report's
 * totals when it is narrowed to one warehouse (that warehouse's cell); the organisation's totals (of a
 * programme too, like the plan vs actual report's) stay. Quantities and values are goods and money,
 * not people, and are never suppressed — as the exports leave sums as they are.
 */
async function peopleRule(tx: Tx, actor: Actor, query: z.infer<typeof AidReportQuery>) {
  const open = new Set(openBranches(actor));
  const { threshold } = await smallCellThreshold(tx);
  const behind = await tx.execute<{ branch_id: string }>(sql`
    select distinct c.branch_id::text from aid_handouts h join cases c on c.id = h.case_id
    where h.handed_on between ${query.from} and ${query.to} ${query.programmeId ? sql`and c.programme_id = ${query.programmeId}` : sql``}
      ${query.warehouseId ? sql`and h.warehouse_id = ${query.warehouseId}` : sql``}`);
  const exact = behind.rows.every((row) => open.has(row.branch_id));
  return (value: number, cell: boolean) => (exact || !cell ? value : (suppressedCell('count', { value }, threshold) ?? value));
}

export async function aidReport(tx: Tx, actor: Actor, query: z.infer<typeof AidReportQuery>): Promise<AidReport> {
  const count = await peopleRule(tx, actor, query);
  const { from, to } = query;
  const warehouse = query.warehouseId ? sql`and m.warehouse_id = ${query.warehouseId}` : sql``;
  const received = await tx.execute<Row>(sql`
    select r.counterparty, r.kind, m.item_id::text, sum(m.quantity)::text as quantity, sum(m.value)::text as value
    from aid_receipts r join stock_movements m on m.receipt_id = r.id
    where r.received_on between ${from} and ${to} ${query.programmeId ? sql`and r.programme_id = ${query.programmeId}` : sql``} ${warehouse}
    group by r.counterparty, r.kind, m.item_id order by r.counterparty, m.item_id`);
  // What was handed out: approved quantities of every kind; the value of goods from the ledger, of works and purchases their cost.
  const programme = query.programmeId ? sql`and c.programme_id = ${query.programmeId}` : sql``;
  const handoutWarehouse = query.warehouseId ? sql`and h.warehouse_id = ${query.warehouseId}` : sql``;
  const handed = await tx.execute<Row>(sql`
    with h as (
      select h.id, h.cost, c.family_id, h.request_id from aid_handouts h join cases c on c.id = h.case_id
      where h.handed_on between ${from} and ${to} ${programme} ${handoutWarehouse}
    ), lines as (
      select l.item_id, l.approved, h.family_id, h.id as handout_id, i.kind,
        case when i.kind = 'goods' then -(select coalesce(sum(m.value), 0) from stock_movements m where m.handout_id = h.id and m.item_id = l.item_id)
          else coalesce(h.cost, 0) / greatest(1, (select count(*) from aid_request_lines x where x.request_id = h.request_id and x.approved > 0)) end as value
      from h join aid_request_lines l on l.request_id = h.request_id join aid_items i on i.id = l.item_id where l.approved > 0
    )
    select item_id::text, sum(approved)::text as quantity, sum(value)::text as value, count(distinct family_id)::int as families,
      (select count(*) from members mm where mm.family_id in (select distinct family_id from lines l2 where l2.item_id = lines.item_id) and mm.relation <> 'unborn_child')::int as people
    from lines group by item_id order by item_id`);
  const totals = await tx.execute<{ families: number; people: number }>(sql`
    with f as (select distinct c.family_id from aid_handouts h join cases c on c.id = h.case_id
      where h.handed_on between ${from} and ${to} ${programme} ${handoutWarehouse})
    select (select count(*) from f)::int as families,
      (select count(*) from members m where m.family_id in (select family_id from f) and m.relation <> 'unborn_child')::int as people`);
  // Whole months from the kept monthly sums, the days around them from the ledger (stock-months.ts).
  const movements = await stockMovementTotals(tx, from, to, query.warehouseId);
  return {
    from,
    to,
    received: received.rows.map((r) => ({
      counterparty: r.counterparty as string,
      kind: r.kind as 'donation',
      itemId: r.item_id as string,
      quantity: n(r.quantity),
      value: n(r.value),
    })),
    handedOut: handed.rows.map((r) => ({
      itemId: r.item_id as string,
      quantity: n(r.quantity),
      value: Math.round(n(r.value) * 100) / 100,
      families: count(n(r.families), true),
      people: count(n(r.people), true),
    })),
    families: count(n(totals.rows[0]?.families), query.warehouseId !== undefined),
    people: count(n(totals.rows[0]?.people), query.warehouseId !== undefined),
    movements: movements.map((r) => ({
      warehouseId: r.warehouse_id,
      itemId: r.item_id,
      opening: n(r.opening),
      receipts: n(r.receipts),
      issues: n(r.issues),
      transfers: n(r.transfers),
      writeOffs: n(r.write_offs),
      adjustments: n(r.adjustments),
      closing: n(r.closing),
    })),
  };
}

async function reportToXlsx(tx: Tx, report: AidReport, lang: Language): Promise<Buffer> {
  const t = (key: string) => safeCell(translate(lang, `aid.${key}`));
  const items = new Map(
    (await tx.execute<Row>(sql`select id::text, name, unit from aid_items`)).rows.map((r) => {
      const name = (typeof r.name === 'string' ? JSON.parse(r.name) : r.name) as Record<Language, string>;
      return [r.id as string, { name: name[lang], unit: translate(lang, `aid.units.${r.unit as string}`) }];
    }),
  );
  const warehouses = new Map(
    (await tx.execute<Row>(sql`select id::text, name from warehouses`)).rows.map((r) => [r.id as string, r.name as string]),
  );
  const item = (id: string) => safeCell(items.get(id)?.name ?? id);
  const unit = (id: string) => safeCell(items.get(id)?.unit ?? '');
  const workbook = new ExcelJS.Workbook();
  const bold = (row: ExcelJS.Row) => void (row.font = { bold: true });

  const received = workbook.addWorksheet(translate(lang, 'aid.report.received'));
  received.columns = [{ width: 40 }, { width: 16 }, { width: 40 }, { width: 10 }, { width: 12 }, { width: 14 }];
  bold(received.addRow([t('report.title')]));
  received.addRow([`${report.from} — ${report.to}`]);
  bold(
    received.addRow([
      t('fields.counterparty'),
      t('fields.kind'),
      t('fields.item'),
      t('fields.unit'),
      t('fields.quantity'),
      t('fields.value'),
    ]),
  );
  for (const r of report.received)
    received.addRow([safeCell(r.counterparty), t(`movements.${r.kind}`), item(r.itemId), unit(r.itemId), r.quantity, r.value]);

  const handed = workbook.addWorksheet(translate(lang, 'aid.report.handedOut'));
  handed.columns = [{ width: 40 }, { width: 10 }, { width: 12 }, { width: 14 }, { width: 10 }, { width: 10 }];
  bold(
    handed.addRow([t('fields.item'), t('fields.unit'), t('fields.quantity'), t('fields.value'), t('report.families'), t('report.people')]),
  );
  for (const r of report.handedOut) handed.addRow([item(r.itemId), unit(r.itemId), r.quantity, r.value, r.families, r.people]);
  bold(handed.addRow([t('act.total'), '', '', '', report.families, report.people]));

  const moves = workbook.addWorksheet(translate(lang, 'aid.report.movements'));
  moves.columns = [{ width: 30 }, { width: 40 }, ...Array.from({ length: 7 }, () => ({ width: 13 }))];
  bold(
    moves.addRow([
      t('fields.warehouse'),
      t('fields.item'),
      t('report.opening'),
      t('report.receipts'),
      t('report.issues'),
      t('report.transfers'),
      t('report.writeOffs'),
      t('report.adjustments'),
      t('report.closing'),
    ]),
  );
  for (const r of report.movements)
    moves.addRow([
      safeCell(warehouses.get(r.warehouseId) ?? ''),
      item(r.itemId),
      r.opening,
      r.receipts,
      r.issues,
      r.transfers,
      r.writeOffs,
      r.adjustments,
      r.closing,
    ]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The period in order, and the programme and warehouse it names within the organisation (else 400 naming the field). */
async function checkQuery(tx: Tx, query: z.infer<typeof AidReportQuery>, lang: Language): Promise<void> {
  if (query.to < query.from) throw invalidField('to', 'validation.period_order', translate(lang, 'validation.period_order'));
  const unknown = (name: string) => invalidField(name, 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  if (query.programmeId && (await tx.execute(sql`select 1 from programmes where id = ${query.programmeId}`)).rows.length === 0)
    throw unknown('programmeId');
  if (query.warehouseId && (await tx.execute(sql`select 1 from warehouses where id = ${query.warehouseId}`)).rows.length === 0)
    throw unknown('warehouseId');
}

async function actOf(tx: Tx, row: Row): Promise<Act> {
  const info = (
    await tx.execute<Row>(sql`select o.name as org, h.handed_on::text, h.contractor, h.cost::text, h.warehouse_id::text,
        (select trim(m.last_name || ' ' || m.first_name || ' ' || m.middle_name) from members m join cases c on c.family_id = m.family_id
          where c.id = h.case_id and m.relation <> 'unborn_child' order by (m.relation = 'mother') desc, m.position limit 1) as recipient,
        (select trim(u.last_name || ' ' || u.first_name) from users u where u.id = h.recorded_by) as handed_by
      from aid_handouts h, organizations o where h.id = ${row.handout_id as string}`)
  ).rows[0]!;
  const lines = await tx.execute<Row>(sql`select i.id::text as item_id, i.name, i.unit, l.approved::text,
      coalesce((select -sum(m.value) from stock_movements m where m.handout_id = ${row.handout_id as string} and m.item_id = l.item_id), 0)::text as value
    from aid_request_lines l join aid_items i on i.id = l.item_id where l.request_id = ${row.rid as string} and l.approved > 0 order by l.position`);
  return {
    organization: info.org as string,
    handedOn: info.handed_on as string,
    recipient: (info.recipient as string | null) ?? '',
    address: row.delivery === 'home' ? ((row.address as string | null) ?? '') : '',
    lines: lines.rows.map((l) => ({
      name: ((typeof l.name === 'string' ? JSON.parse(l.name) : l.name) as Record<Language, string>).ru,
      unit: translate('ru', `aid.units.${l.unit as string}`),
      quantity: n(l.approved),
      value: n(l.value),
    })),
    contractor: info.contractor as string,
    cost: info.cost === null ? null : n(info.cost),
    handedBy: (info.handed_by as string | null) ?? '',
  };
}

export function registerAidReportRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/aid/report',
    tag: 'aid',
    summary: 'Received, handed out and stock movement for a period (counts, no identities)',
    access: reportAccess,
    query: AidReportQuery,
    response: AidReport,
    handler: async ({ tx, actor, query, req }) => {
      await checkQuery(tx, query, req.lang);
      return aidReport(tx, actor, query);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/aid/report.xlsx',
    tag: 'aid',
    summary: 'The donors’ aid report as an XLSX workbook (the export is audited)',
    access: reportAccess,
    query: AidReportQuery,
    response: z.instanceof(Buffer),
    handler: async ({ tx, actor, query, req, reply, audit }) => {
      await checkQuery(tx, query, req.lang);
      const buffer = await reportToXlsx(tx, await aidReport(tx, actor, query), req.lang);
      await writeAudit(tx, audit, { action: 'export', recordType: 'aid_report', recordId: '' });
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="aid-${query.from}-${query.to}.xlsx"`);
      return buffer;
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/aid/requests/:id/act.:format',
    tag: 'aid',
    summary: 'The hand-over act of a request, in Russian, as DOCX or PDF (audited)',
    access: { kind: 'signed_in', records: 'organization' },
    params: IdParams.extend({ format: z.enum(['docx', 'pdf']) }),
    response: z.instanceof(Buffer),
    handler: async ({ tx, actor, params, reply, audit }) => {
      const row = await findRequest(tx, actor, params.id);
      if (row.reach === 'deliverer') throw new AppError('forbidden');
      if (!row.handout_id) throw new AppError('conflict', 'aid.errors.not_approved');
      const act = await actOf(tx, row);
      const buffer = params.format === 'docx' ? await actToDocx(act) : await actToPdf(act);
      await writeAudit(tx, audit, { action: 'export', recordType: 'aid_request', recordId: params.id });
      void reply
        .header(
          'content-type',
          params.format === 'docx' ? 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' : 'application/pdf',
        )
        .header('content-disposition', `attachment; filename="act-${act.handedOn}.${params.format}"`);
      return buffer;
    },
  });
}
