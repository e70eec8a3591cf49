// Everything Hearth holds about one person, for an access request (152-FZ art. 14): the person's own
// record in every family they appear in (the same name and birth date, or the same member), the
// family and its cases, referrals, consents, the sensitive notes about them, services, stays, aid,
// plans, assessments and the files of the family — as a readable Russian (or English) PDF and a
// machine-readable JSON file. Other adults' data is not the person's own: other members are listed by
// relation only, children (whose legal representative the person is) by first name and birth date.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import PDFDocument from 'pdfkit';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { SubjectDataExport } from '../../domain/privacy/contracts.js';
import type { Tx } from '../db/engine.js';
import type { Deps } from '../http/context.js';
import { registerFonts } from '../pdf-fonts.js';
import { day, dayOrNull, type Row } from './common.js';
import { familyFiles } from './registry.js';

type Rows = Record<string, unknown>[];
const local = (value: unknown, lang: Language): string => {
  if (value && typeof value === 'object') {
    const v = value as Record<string, string>;
    return v[lang] ?? v.ru ?? '';
  }
  return String(value ?? '');
};

async function rows(tx: Tx, query: ReturnType<typeof sql>): Promise<Row[]> {
  return (await tx.execute<Row>(query)).rows;
}

/** The member rows that are this person: the member named, and members of other families with the same name and birth date. */
async function personRows(tx: Tx, memberId: string): Promise<Row[]> {
  return rows(
    tx,
    sql`select m.* from members m, members me where me.id = ${memberId}
      and (m.id = me.id or (me.birth_date is not null and m.birth_date = me.birth_date and m.name_norm = me.name_norm and m.name_norm <> ''))
      order by m.id = me.id desc, m.created_at`,
  );
}

export async function assembleSubjectData(
  tx: Tx,
  deps: Deps,
  orgId: string,
  requestId: string,
  memberId: string,
  lang: Language,
): Promise<SubjectDataExport> {
  const now = deps.now();
  const people = await personRows(tx, memberId);
  const me = people[0]!;
  const org = await rows(tx, sql`select name from organizations limit 1`);
  const families: Record<string, unknown>[] = [];
  for (const person of people) {
    const familyId = person.family_id as string;
    const pid = person.id as string;
    const family = (
      await rows(tx, sql`select f.name, b.name as branch from families f join branches b on b.id = f.branch_id where f.id = ${familyId}`)
    )[0]!;
    const members = await rows(
      tx,
      sql`select id, relation, first_name, birth_date from members where family_id = ${familyId} and id <> ${pid} order by position`,
    );
    const cases = await rows(
      tx,
      sql`select c.id, p.name as programme, b.name as branch, c.status, c.opened_on, c.closed_on, c.closing_outcome
      from cases c join programmes p on p.id = c.programme_id join branches b on b.id = c.branch_id where c.family_id = ${familyId} order by c.opened_on`,
    );
    const caseIds = cases.map((c) => c.id as string);
    const referrals = await rows(
      tx,
      sql`select received_at, source, status, summary from referrals where family_id = ${familyId} order by received_at`,
    );
    const consents = await rows(
      tx,
      sql`select kind, given_on, scope, withdrawn_on from consents where member_id = ${pid} order by given_on`,
    );
    const sensitive = await rows(
      tx,
      sql`select section, noted_on, text from sensitive_notes where family_id = ${familyId}
      and (member_id = ${pid} or member_id is null) order by noted_on`,
    );
    const services = await rows(
      tx,
      sql`select s.date, t.name as type, s.duration_minutes, s.note from services s join service_types t on t.id = s.type_id
      where ${caseIds.length === 0 ? sql`false` : sql`s.case_id in ${caseIds}`} and not s.withdrawn
      and (cardinality(s.member_ids) = 0 or ${pid} = any(s.member_ids)) order by s.date`,
    );
    const stays = await rows(
      tx,
      sql`select f.name as facility, s.check_in_on, s.check_out_on from stays s join facilities f on f.id = s.facility_id
      where s.family_id = ${familyId} order by s.check_in_on`,
    );
    const aid = await rows(
      tx,
      sql`select h.handed_on, i.name as item, -m.quantity as quantity, i.unit from aid_handouts h
      join stock_movements m on m.handout_id = h.id join aid_items i on i.id = m.item_id
      where ${caseIds.length === 0 ? sql`false` : sql`h.case_id in ${caseIds}`} order by h.handed_on`,
    );
    const plans = await rows(
      tx,
      sql`select p.made_on, g.domain, g.title as goal, t.title as task, t.status, t.due_on
      from plans p join plan_goals g on g.plan_id = p.id left join plan_tasks t on t.goal_id = g.id
      where ${caseIds.length === 0 ? sql`false` : sql`p.case_id in ${caseIds}`} order by p.made_on, g.position, t.position`,
    );
    const assessments = await rows(
      tx,
      sql`select a.conducted_on, t.definition->'name' as template, a.overall_level from assessments a
      join assessment_templates t on t.id = a.template_id where ${caseIds.length === 0 ? sql`false` : sql`a.case_id in ${caseIds}`} and (a.member_id is null or a.member_id = ${pid}) order by a.conducted_on`,
    );
    const files = await familyFiles(tx, deps, orgId, familyId);
    families.push({
      familyName: family.name,
      branch: family.branch,
      relation: person.relation,
      otherMembers: members.map((m) =>
        m.relation === 'child' || m.relation === 'unborn_child'
          ? { relation: m.relation, firstName: m.first_name, birthDate: dayOrNull(m.birth_date) }
          : { relation: m.relation },
      ),
      cases: cases.map((c) => ({
        programme: c.programme,
        branch: c.branch,
        status: c.status,
        openedOn: day(c.opened_on),
        closedOn: dayOrNull(c.closed_on),
        outcome: c.closing_outcome ?? null,
      })),
      referrals: referrals.map((r) => ({
        receivedOn: day(new Date(r.received_at as string).toISOString()),
        source: r.source,
        status: r.status,
        summary: r.summary,
      })),
      consents: consents.map((c) => ({ kind: c.kind, givenOn: day(c.given_on), scope: c.scope, withdrawnOn: dayOrNull(c.withdrawn_on) })),
      sensitiveNotes: sensitive.map((n) => ({ section: n.section, notedOn: day(n.noted_on), text: n.text })),
      services: services.map((s) => ({ date: day(s.date), type: local(s.type, lang), minutes: Number(s.duration_minutes), note: s.note })),
      stays: stays.map((s) => ({ facility: s.facility, checkIn: day(s.check_in_on), checkOut: dayOrNull(s.check_out_on) })),
      aid: aid.map((a) => ({ handedOn: day(a.handed_on), item: local(a.item, lang), quantity: Number(a.quantity), unit: a.unit })),
      plans: plans.map((p) => ({
        madeOn: dayOrNull(p.made_on),
        domain: p.domain,
        goal: p.goal,
        task: p.task ?? null,
        status: p.status ?? null,
        dueOn: dayOrNull(p.due_on),
      })),
      assessments: assessments.map((a) => ({
        conductedOn: day(a.conducted_on),
        template: local(a.template, lang),
        level: a.overall_level ?? null,
      })),
      files,
    });
  }
  return {
    operator: (org[0]?.name as string) ?? '',
    generatedAt: now.toISOString(),
    requestId,
    person: {
      lastName: me.last_name,
      firstName: me.first_name,
      middleName: me.middle_name,
      birthDate: dayOrNull(me.birth_date),
      sex: me.sex ?? null,
      citizenship: me.citizenship ?? null,
      phone: me.phone,
      registeredAddress: me.registered_address,
      actualAddress: me.actual_address,
      education: me.education ?? null,
      occupation: me.occupation ?? null,
      documents: me.documents ?? [],
    },
    families,
  };
}

export const sha256 = (content: Buffer): string => crypto.createHash('sha256').update(content).digest('hex');

export function subjectDataJson(data: SubjectDataExport): Buffer {
  return Buffer.from(`${JSON.stringify(data, null, 2)}\n`, 'utf8');
}

/** The readable document: headed sections, one line per record, in the user's language. */
export function subjectDataPdf(data: SubjectDataExport, lang: Language): Promise<Buffer> {
  const t = (key: string, params?: Record<string, unknown>) => translate(lang, `privacy.document.${key}`, params);
  const code = (group: string, value: unknown) =>
    value === null || value === undefined || value === ''
      ? '—'
      : translate(lang, `privacy.codes.${group}.${String(value)}`).replace(/^privacy\.codes\..*$/, String(value));
  const doc = new PDFDocument({ size: 'A4', margin: 50, bufferPages: true, info: { Title: t('title') } });
  registerFonts(doc);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const heading = (text: string) => doc.moveDown(0.6).font('bold').fontSize(12).text(text).moveDown(0.2);
  const line = (label: string, value: unknown) =>
    doc
      .font('bold')
      .fontSize(9.5)
      .text(`${label}: `, { continued: true })
      .font('body')
      .text(value === null || value === undefined || value === '' ? '—' : String(value));
  const item = (text: string) => doc.font('body').fontSize(9.5).text(`• ${text}`, { indent: 8 });
  const list = (title: string, items: string[]) => {
    heading(title);
    if (items.length === 0) doc.font('body').fontSize(9.5).fillColor('#555').text(t('none')).fillColor('#000');
    for (const text of items) item(text);
  };

  doc.font('bold').fontSize(15).text(t('title'));
  doc.moveDown(0.4);
  line(t('operator'), data.operator);
  line(t('generatedAt'), data.generatedAt.slice(0, 16).replace('T', ' '));
  line(t('request'), data.requestId);
  const p = data.person;
  heading(t('person'));
  line(t('name'), [p.lastName, p.firstName, p.middleName].filter(Boolean).join(' '));
  line(t('birthDate'), p.birthDate);
  line(t('phone'), p.phone);
  line(t('registeredAddress'), p.registeredAddress);
  line(t('actualAddress'), p.actualAddress);
  line(t('documents'), ((p.documents as Rows | undefined) ?? []).map((d) => code('document', d.kind)).join(', '));
  for (const family of data.families as Rows[] & Record<string, unknown>[]) {
    const f = family as Record<string, unknown>;
    doc
      .moveDown(0.8)
      .font('bold')
      .fontSize(13)
      .text(t('family', { name: f.familyName, branch: f.branch }));
    line(t('relation'), code('relation', f.relation));
    const arr = (key: string) => (f[key] as Rows) ?? [];
    list(
      t('otherMembers'),
      arr('otherMembers').map((m) => [code('relation', m.relation), m.firstName, m.birthDate].filter(Boolean).join(', ')),
    );
    list(
      t('cases'),
      arr('cases').map((c) => `${c.programme} (${c.branch}): ${code('status', c.status)}, ${c.openedOn} — ${c.closedOn ?? '…'}`),
    );
    list(
      t('referrals'),
      arr('referrals').map((r) => `${r.receivedOn}: ${code('referral', r.status)} — ${r.summary}`),
    );
    list(
      t('consents'),
      arr('consents').map(
        (c) =>
          `${code('consent', c.kind)}: ${c.givenOn}${c.withdrawnOn ? ` — ${t('withdrawn')} ${c.withdrawnOn}` : ''}${c.scope ? ` (${c.scope})` : ''}`,
      ),
    );
    list(
      t('sensitive'),
      arr('sensitiveNotes').map((n) => `${n.notedOn}, ${code('section', n.section)}: ${n.text}`),
    );
    list(
      t('services'),
      arr('services').map((s) => `${s.date}: ${s.type}, ${s.minutes} ${t('minutes')}${s.note ? ` — ${s.note}` : ''}`),
    );
    list(
      t('stays'),
      arr('stays').map((s) => `${s.facility}: ${s.checkIn} — ${s.checkOut ?? '…'}`),
    );
    list(
      t('aid'),
      arr('aid').map((a) => `${a.handedOn}: ${a.item}, ${a.quantity} ${a.unit}`),
    );
    list(
      t('plans'),
      arr('plans').map((g) => `${g.goal}${g.task ? ` → ${g.task}` : ''}${g.dueOn ? ` (${g.dueOn})` : ''}`),
    );
    list(
      t('assessments'),
      arr('assessments').map((a) => `${a.conductedOn}: ${a.template}${a.level ? `, ${a.level}` : ''}`),
    );
    list(
      t('files'),
      arr('files').map((file) => `${file.title}${file.fileName ? ` (${file.fileName})` : ''}`),
    );
  }
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc
      .font('body')
      .fontSize(8)
      .fillColor('#555')
      .text(t('page', { n: i + 1, of: range.count }), 50, doc.page.height - 40, { align: 'right', lineBreak: false });
  }
  doc.end();
  return done;
}
