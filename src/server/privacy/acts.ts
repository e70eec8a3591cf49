// Destruction with its act, the append-only register of acts and each act as a PDF in the form of
// Roskomnadzor order No. 179 of 28.10.2022 (for data processed with automation: the act and the
// extract from the event log — here the audit record written with it).
//
// Who approves: the holder of privacy.manage who carries it out approves it by confirming (confirm:
// true) and is named on the act as both; the organisation decides who holds the permission (by default
// the admin). A second signature, where the organisation's rules ask for one, is given on the printed act.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import PDFDocument from 'pdfkit';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { DestructionActView, DestructionInput } from '../../domain/privacy/contracts.js';
import { holdReason, dueFrom, type HoldFacts } from '../../domain/privacy/retention.js';
import { contentDisposition } from '../../domain/reports/table.js';
import { auditCode, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Deps } from '../http/context.js';
import { notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { registerFonts } from '../pdf-fonts.js';
import { conflictField, day, field, manage, todayOf, type Row } from './common.js';
import { anonymiseFamily, anonymiseReferral, deleteSpecialCategories, destroyFromSource, VACUUMED, type Destroyed } from './destruction.js';
import { familyFacts, readSettings } from './retention.js';
import { retentionSource } from './registry.js';

const SELECT = sql`select a.*, trim(concat_ws(' ', d.last_name, d.first_name, d.middle_name)) as destroyed_by_name,
    trim(concat_ws(' ', p.last_name, p.first_name, p.middle_name)) as approved_by_name
  from destruction_acts a join users d on d.id = a.destroyed_by join users p on p.id = a.approved_by`;

function toView(row: Row): DestructionActView {
  return {
    id: row.id as string,
    number: Number(row.number),
    recordKind: row.record_kind as DestructionActView['recordKind'],
    recordId: row.record_id as string,
    basis: row.basis as DestructionActView['basis'],
    requestId: (row.request_id as string | null) ?? null,
    subjects: (typeof row.subjects === 'string' ? JSON.parse(row.subjects) : row.subjects) as DestructionActView['subjects'],
    dataCategories: row.data_categories as string[],
    method: row.method as DestructionActView['method'],
    media: row.media as string[],
    reason: row.reason as string,
    destroyedOn: day(row.destroyed_on),
    destroyedAt: new Date(row.destroyed_at as string).toISOString(),
    destroyedBy: row.destroyed_by_name as string,
    approvedBy: row.approved_by_name as string,
  };
}

async function getAct(tx: Tx, id: string): Promise<DestructionActView> {
  const row = (await tx.execute<Row>(sql`${SELECT} where a.id = ${id}`)).rows[0];
  if (!row) throw notFound();
  return toView(row);
}

/** What holds a record, checked against its facts; null when it may go. */
async function holdOf(tx: Tx, body: DestructionInput, today: string): Promise<ReturnType<typeof holdReason>> {
  const settings = await readSettings(tx);
  const done = async (kind: string) =>
    (await tx.execute(sql`select 1 from destruction_acts where record_kind = ${kind} and record_id = ${body.recordId}`)).rows.length > 0;
  switch (body.recordKind) {
    case 'family':
      return holdReason(await familyFacts(tx, body.recordId, settings, body.requestId), today, body.basis);
    case 'referral': {
      const row = (
        await tx.execute<Row>(sql`select status, family_id, updated_at::date as ended_on from referrals where id = ${body.recordId}`)
      ).rows[0];
      if (!row) throw notFound();
      const ended = row.status === 'declined' || row.status === 'signposted';
      // A referral of a family goes with the family's record.
      if (row.family_id !== null) return 'open_case';
      const facts: HoldFacts = {
        openCases: ended ? 0 : 1,
        dueFrom: dueFrom('referral', day(row.ended_on), settings),
        openRequests: 0,
        mentorFamily: false,
        destroyed: await done('referral'),
      };
      return holdReason(facts, today, body.basis);
    }
    case 'special_categories': {
      const row = (
        await tx.execute<Row>(sql`select
          (select max(withdrawn_on) from consents where member_id = m.id and kind = 'special_categories') as withdrawn_on,
          exists (select 1 from consents where member_id = m.id and kind = 'special_categories' and withdrawn_on is null) as in_force
        from members m where m.id = ${body.recordId}`)
      ).rows[0];
      if (!row) throw notFound();
      // Only a withdrawn consent ends the purpose of special-category data here (art. 21 part 5).
      if (row.in_force === true || row.withdrawn_on === null) return 'not_ended';
      const facts: HoldFacts = {
        openCases: 0,
        dueFrom: dueFrom('special_categories', day(row.withdrawn_on), settings),
        openRequests: 0,
        mentorFamily: false,
        destroyed: false,
      };
      return holdReason(facts, today, body.basis);
    }
    case 'volunteer_application':
    case 'former_volunteer': {
      // The source lists only records of its kind not yet destroyed: anything else is not found.
      const source = retentionSource(body.recordKind);
      if (!source) throw notFound();
      const item = (await source.due(tx)).find((i) => i.id === body.recordId);
      if (!item) throw notFound();
      const facts: HoldFacts = {
        openCases: 0,
        dueFrom: dueFrom(body.recordKind, item.endedOn, settings),
        openRequests: 0,
        mentorFamily: false,
        destroyed: await done(body.recordKind),
      };
      return holdReason(facts, today, body.basis);
    }
  }
}

/** The person's request a destruction rests on: a deletion or withdrawal request still being answered, about this record. */
async function checkBasisRequest(tx: Tx, body: DestructionInput, lang: Language): Promise<void> {
  if (body.basis === 'retention') {
    if (body.requestId) throw field(lang, 'requestId', 'privacy.errors.request_not_needed');
    return;
  }
  const row = (
    await tx.execute<Row>(sql`select kind, status, family_id::text, member_id::text from subject_requests where id = ${body.requestId!}`)
  ).rows[0];
  if (!row) throw field(lang, 'requestId', 'validation.invalid_option');
  const kinds = body.basis === 'subject_request' ? ['deletion', 'consent_withdrawal'] : ['consent_withdrawal'];
  if (!kinds.includes(row.kind as string)) throw field(lang, 'requestId', 'privacy.errors.request_kind');
  if (row.status !== 'open' && row.status !== 'in_progress') throw conflictField(lang, 'requestId', 'privacy.errors.request_closed');
  if (body.recordKind === 'family' && row.family_id !== body.recordId)
    throw field(lang, 'requestId', 'privacy.errors.request_other_person');
  if (body.recordKind === 'special_categories' && row.member_id !== body.recordId)
    throw field(lang, 'requestId', 'privacy.errors.request_other_person');
}

async function destroy(tx: Tx, deps: Deps, orgId: string, body: DestructionInput): Promise<Destroyed> {
  switch (body.recordKind) {
    case 'family':
      return anonymiseFamily(tx, deps, orgId, body.recordId);
    case 'referral':
      return anonymiseReferral(tx, body.recordId);
    case 'special_categories':
      return deleteSpecialCategories(tx, body.recordId);
    case 'volunteer_application':
    case 'former_volunteer':
      return destroyFromSource(tx, deps, orgId, body.recordKind, body.recordId);
  }
}

async function recordExists(tx: Tx, body: DestructionInput): Promise<boolean> {
  const table = {
    family: 'families',
    referral: 'referrals',
    special_categories: 'members',
    volunteer_application: null,
    former_volunteer: null,
  }[body.recordKind];
  if (table === null) return true;
  return (await tx.execute(sql`select 1 from ${sql.raw(table)} where id = ${body.recordId}`)).rows.length > 0;
}

export function actPdf(act: DestructionActView, operator: string, lang: Language): Promise<Buffer> {
  const t = (key: string, params?: Record<string, unknown>) => translate(lang, `privacy.act.${key}`, params);
  const code = (group: string, value: string) => translate(lang, `privacy.codes.${group}.${value}`);
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: t('title', { number: act.number }) } });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const line = (label: string, value: string) => {
    doc.font('bold').fontSize(10).text(label);
    doc
      .font('body')
      .fontSize(10)
      .text(value || '—', { indent: 12 })
      .moveDown(0.4);
  };
  doc
    .font('bold')
    .fontSize(14)
    .text(t('title', { number: act.number }), { align: 'center' });
  doc.font('body').fontSize(10).text(t('subtitle'), { align: 'center' }).moveDown(1);
  line(t('operator'), operator);
  line(t('system'), t('systemName'));
  line(
    t('subjects'),
    act.subjects.map((s) => `${code('relation', s.category)} — ${s.count}`).join('; ') +
      `\n${t('record', { kind: code('recordKind', act.recordKind), id: act.recordId })}`,
  );
  line(t('categories'), act.dataCategories.map((c) => code('dataCategory', c)).join(', '));
  line(t('media'), act.media.map((m) => code('media', m)).join(', '));
  line(t('reason'), `${code('basis', act.basis)}. ${act.reason}`);
  line(t('method'), code('method', act.method));
  line(t('date'), `${act.destroyedOn} (${act.destroyedAt.slice(11, 16)} UTC)`);
  line(t('by'), act.destroyedBy);
  line(t('approvedBy'), act.approvedBy);
  doc.moveDown(0.6).font('bold').fontSize(10).text(t('logExtract'));
  doc
    .font('body')
    .fontSize(9)
    .text(
      t('logLine', {
        at: act.destroyedAt.replace('T', ' ').slice(0, 19),
        by: act.destroyedBy,
        kind: code('recordKind', act.recordKind),
        id: act.recordId,
        basis: code('basis', act.basis),
      }),
    );
  doc
    .moveDown(2)
    .font('body')
    .fontSize(10)
    .text(`${t('signature')} ____________________ / ${act.destroyedBy} /`);
  doc.moveDown(1).text(`${t('signature')} ____________________ / ${act.approvedBy} /`);
  doc.end();
  return done;
}

export function registerActRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'POST',
    url: '/api/privacy/destructions',
    tag: 'privacy',
    summary: 'Destroy a record’s personal data for good (anonymise or delete) and write its act; 409 naming what holds it',
    access: manage,
    body: DestructionInput,
    response: DestructionActView,
    status: 201,
    outside: {
      before: async () => {},
      // The old row versions leave the database's files too (autovacuum would get there; PGlite has none).
      succeeded: async ({ deps }) => {
        for (const table of VACUUMED) await deps.engine.exec(`vacuum ${table}`);
      },
    },
    handler: async ({ tx, actor, audit, body, req, deps }) => {
      const today = todayOf(deps.now());
      // The request first: another organisation's request id is a 400 naming it, whatever the record.
      await checkBasisRequest(tx, body, req.lang);
      if (!(await recordExists(tx, body))) throw notFound();
      const hold = await holdOf(tx, body, today);
      if (hold) throw conflictField(req.lang, 'recordId', `privacy.holds.${hold}`);
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`destruction_acts:${actor.orgId}`}))`);
      const destroyed = await destroy(tx, deps, actor.orgId, body);
      const number = Number(
        (await tx.execute<{ n: number }>(sql`select coalesce(max(number), 0) + 1 as n from destruction_acts`)).rows[0]!.n,
      );
      const rows = await tx.execute<{
        id: string;
      }>(sql`insert into destruction_acts (org_id, number, record_kind, record_id, basis, request_id,
          subjects, data_categories, method, media, reason, destroyed_on, destroyed_by, approved_by, audit_request_id)
        values (${actor.orgId}, ${number}, ${body.recordKind}, ${body.recordId}, ${body.basis}, ${body.requestId ?? null},
          ${JSON.stringify(destroyed.subjects)}::jsonb, ${`{${destroyed.dataCategories.join(',')}}`}::text[], ${destroyed.method},
          ${`{${destroyed.media.join(',')}}`}::text[], ${body.reason}, ${today}, ${actor.userId}, ${actor.userId}, ${audit.requestId})
        returning id::text`);
      const id = rows.rows[0]!.id;
      await writeAudit(tx, audit, {
        action: 'delete',
        recordType: body.recordKind,
        recordId: body.recordId,
        details: { actId: auditCode(id), basis: auditCode(body.basis), method: auditCode(destroyed.method), number },
      });
      return getAct(tx, id);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/privacy/acts',
    tag: 'privacy',
    summary: 'The register of destruction acts, newest first',
    access: manage,
    response: z.object({ items: z.array(DestructionActView) }),
    handler: async ({ tx }) => ({ items: (await tx.execute<Row>(sql`${SELECT} order by a.number desc limit 1000`)).rows.map(toView) }),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/privacy/acts/:id',
    tag: 'privacy',
    summary: 'One destruction act',
    access: manage,
    params: IdParams,
    response: DestructionActView,
    handler: async ({ tx, params }) => getAct(tx, params.id),
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/privacy/acts/:id/act.pdf',
    tag: 'privacy',
    summary: 'A destruction act as PDF in the prescribed form (order No. 179), with the extract of the event log (audited)',
    access: manage,
    params: IdParams,
    response: z.instanceof(Buffer),
    handler: async ({ tx, audit, params, req, reply }) => {
      const act = await getAct(tx, params.id);
      const org = (await tx.execute<{ name: string }>(sql`select name from organizations limit 1`)).rows[0]?.name ?? '';
      const file = await actPdf(act, org, req.lang);
      await writeAudit(tx, audit, {
        action: 'export',
        recordType: 'destruction_act',
        recordId: act.id,
        details: { format: auditCode('pdf') },
      });
      void reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(`act-${act.number}-${act.destroyedOn}.pdf`));
      return file;
    },
  });
}
