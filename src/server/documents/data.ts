// What a generated document is filled with: the catalogue's placeholders (domain/documents/
// placeholders.ts), read for ONE case through the same scoped reads as the case page — the case in
// the caller's scope (404 otherwise), its family through familyScope, its plan through caseScope.
// Every id the request names besides the case (the member, the partner, the aid request) must
// belong to that case's family or to the directory, or it is a 400 naming the field: nothing of
// another family can reach the document. No placeholder reads a sensitive section.
// Values are Russian (the documents are), dates ДД.ММ.ГГГГ, people as surname, name, patronymic.
import { sql } from 'drizzle-orm';
import type { GenerateInput } from '../../domain/documents/contracts.js';
import type { MemberView } from '../../domain/families/contracts.js';
import { ageAt } from '../../domain/families/people.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { invalidField } from '../http/errors.js';
import { caseInScope } from '../cases/scope.js';
import { getFamily } from '../families/queries.js';
import { findPlanOfCase } from '../plans/queries.js';
import type { DocumentData } from './engine.js';

type Row = Record<string, unknown>;
const ru = (key: string) => translate('ru', key);
export const ruDate = (iso: string | null | undefined) => (iso ? iso.slice(0, 10).split('-').reverse().join('.') : '');

const MONTHS = ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'];
export const ruLongDate = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)} г.`;

function plural(n: number, one: string, few: string, many: string): string {
  const tens = n % 100;
  const units = n % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (units === 1) return one;
  if (units >= 2 && units <= 4) return few;
  return many;
}

/** "3 года", "5 месяцев", "2 недели", "новорождённый" — or "" when not known. */
export function ruAge(member: Pick<MemberView, 'birthDate' | 'approximateAge'>, today: string): string {
  if (!member.birthDate)
    return member.approximateAge === null ? '' : `${member.approximateAge} ${plural(member.approximateAge, 'год', 'года', 'лет')}`;
  const age = ageAt(member.birthDate, today);
  if (age.unit === 'newborn') return 'новорождённый';
  const n = age.count;
  if (age.unit === 'years') return `${n} ${plural(n, 'год', 'года', 'лет')}`;
  if (age.unit === 'months') return `${n} ${plural(n, 'месяц', 'месяца', 'месяцев')}`;
  return `${n} ${plural(n, 'неделя', 'недели', 'недель')}`;
}

const fullName = (m: { lastName: string; firstName: string; middleName: string }) =>
  [m.lastName, m.firstName, m.middleName].filter(Boolean).join(' ');
const initials = (last: string, first: string, middle: string) =>
  [
    last,
    [first, middle]
      .filter(Boolean)
      .map((x) => `${x.charAt(0)}.`)
      .join(' '),
  ]
    .filter(Boolean)
    .join(' ');

const IDENTITY = ['passport', 'foreign_passport', 'residence_permit'];
const CHILD_RELATIONS = ['child', 'unborn_child'];
const APPLICANT_ORDER = ['mother', 'father', 'partner', 'grandmother', 'grandfather', 'other_relative'];

/** The person's identity document as written in the record ("Паспорт РФ 4510 123456, выдан …"). */
function documentOf(member: MemberView): string {
  const kinds = CHILD_RELATIONS.includes(member.relation) ? ['birth_certificate'] : IDENTITY;
  const doc = member.documents.find((d) => kinds.includes(d.kind) && (d.status === 'have' || d.status === 'restored'));
  return doc ? [ru(`families.document.kinds.${doc.kind}`), doc.note].filter(Boolean).join(' ') : '';
}

function birthOf(member: MemberView): string {
  return ruDate(member.birthDate ?? member.expectedBirthDate);
}

function personFields(prefix: string, member: MemberView | undefined, today: string): DocumentData {
  const m = member;
  return {
    [`${prefix}.фио`]: m ? fullName(m) : '',
    [`${prefix}.фамилия`]: m?.lastName ?? '',
    [`${prefix}.имя`]: m?.firstName ?? '',
    [`${prefix}.отчество`]: m?.middleName ?? '',
    [`${prefix}.фамилия_инициалы`]: m ? initials(m.lastName, m.firstName, m.middleName) : '',
    [`${prefix}.дата_рождения`]: m ? birthOf(m) : '',
    [`${prefix}.возраст`]: m ? ruAge(m, today) : '',
    [`${prefix}.родство`]: m ? ru(`families.relation.${m.relation}`).toLowerCase() : '',
    [`${prefix}.телефон`]: m?.phone ?? '',
    [`${prefix}.адрес_регистрации`]: m?.registeredAddress ?? '',
    [`${prefix}.адрес_проживания`]: m?.actualAddress ?? '',
    [`${prefix}.документ`]: m ? documentOf(m) : '',
  };
}

const money = (n: number) => n.toLocaleString('ru-RU', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const qty = (n: number) => n.toLocaleString('ru-RU', { maximumFractionDigits: 3 });

const invalid = (field: string, lang: Language, key = 'validation.invalid_option') => invalidField(field, key, translate(lang, key));

/** The aid handed out by `requestId` of this case, or by its latest hand-out. */
async function aidOf(tx: Tx, caseId: string, requestId: string | undefined, lang: Language): Promise<DocumentData> {
  const rows = await tx.execute<Row>(sql`select h.id::text, h.request_id::text, h.handed_on::text,
      (select trim(u.last_name || ' ' || left(u.first_name, 1) || '.') from users u where u.id = h.recorded_by) as handed_by
    from aid_handouts h where h.case_id = ${caseId} ${requestId ? sql`and h.request_id = ${requestId}` : sql``}
    order by h.handed_on desc, h.created_at desc limit 1`);
  const handout = rows.rows[0];
  if (!handout) {
    if (requestId) throw invalid('aidRequestId', lang);
    return { 'помощь.дата': '', 'помощь.выдал': '', 'помощь.сумма': '', позиции_помощи: [] };
  }
  const lines = await tx.execute<Row>(sql`select i.name, i.unit, l.approved::text,
      coalesce((select -sum(m.value) from stock_movements m where m.handout_id = ${handout.id as string} and m.item_id = l.item_id), 0)::text as value
    from aid_request_lines l join aid_items i on i.id = l.item_id
    where l.request_id = ${handout.request_id as string} and l.approved > 0 order by l.position`);
  let total = 0;
  const items = lines.rows.map((l, i) => {
    const value = Number(l.value);
    total += value;
    const name = (typeof l.name === 'string' ? JSON.parse(l.name) : l.name) as Record<Language, string>;
    return {
      номер: String(i + 1),
      наименование: name.ru,
      единица: ru(`aid.units.${l.unit as string}`),
      количество: qty(Number(l.approved)),
      стоимость: value > 0 ? money(value) : '—',
    };
  });
  return {
    'помощь.дата': ruDate(handout.handed_on as string),
    'помощь.выдал': (handout.handed_by as string | null) ?? '',
    'помощь.сумма': money(total),
    позиции_помощи: items,
  };
}

async function partnerOf(tx: Tx, actor: Actor, partnerId: string | undefined, lang: Language): Promise<DocumentData> {
  if (!partnerId) return { 'партнёр.название': '', 'партнёр.город': '', 'партнёр.адрес': '', 'партнёр.телефон': '', 'партнёр.почта': '' };
  // The directory holds its contacts' data: naming a partner needs the right to read it.
  if (!actor.permissions.has('partners.read')) throw invalid('partnerId', lang, 'documents.errors.partner_not_allowed');
  const rows = await tx.execute<Row>(sql`select name, city, address, phones, email from partners where id = ${partnerId}`);
  const p = rows.rows[0];
  if (!p) throw invalid('partnerId', lang);
  return {
    'партнёр.название': p.name as string,
    'партнёр.город': p.city as string,
    'партнёр.адрес': p.address as string,
    'партнёр.телефон': ((p.phones as string[]) ?? []).join(', '),
    'партнёр.почта': p.email as string,
  };
}

async function planOf(tx: Tx, actor: Actor, caseId: string): Promise<DocumentData> {
  const plan = await findPlanOfCase(tx, actor, caseId);
  if (!plan) {
    return {
      'план.дата_начала': '',
      'план.пересмотр': '',
      'план.образ_будущего': '',
      'план.выполнено_задач': '0',
      'план.всего_задач': '0',
      цели: [],
      задачи: [],
    };
  }
  const templates = await tx.execute<Row>(sql`select definition from assessment_templates where is_current`);
  const titles = new Map<string, string>();
  for (const t of templates.rows) {
    const definition = (typeof t.definition === 'string' ? JSON.parse(t.definition) : t.definition) as {
      domains: { code: string; title: { ru: string } }[];
    };
    for (const d of definition.domains) titles.set(d.code, d.title.ru);
  }
  const staffIds = [...new Set(plan.goals.flatMap((g) => g.tasks.map((t) => t.responsibleUserId)).filter((x): x is string => x !== null))];
  const staff =
    staffIds.length === 0
      ? []
      : (
          await tx.execute<Row>(
            sql`select id::text, trim(last_name || ' ' || first_name || ' ' || middle_name) as name from users where id = any(${sql.param(staffIds)}::uuid[])`,
          )
        ).rows;
  const staffNames = new Map(staff.map((s) => [s.id as string, s.name as string]));
  let n = 0;
  const tasks = plan.goals.flatMap((goal) =>
    goal.tasks.map((task) => ({
      номер: String(++n),
      цель: goal.title,
      задача: task.title,
      ответственный:
        task.responsibleKind === 'staff'
          ? (staffNames.get(task.responsibleUserId ?? '') ?? '')
          : [ru(`plans.responsibleKinds.${task.responsibleKind}`), task.responsibleName].filter(Boolean).join(': '),
      срок: ruDate(task.dueOn),
      статус: ru(`plans.taskStatuses.${task.status}`).toLowerCase(),
    })),
  );
  return {
    'план.дата_начала': ruDate(plan.startOn),
    'план.пересмотр': ruDate(plan.nextReviewOn),
    'план.образ_будущего': plan.desiredFuture,
    'план.выполнено_задач': String(plan.progress.tasksDone),
    'план.всего_задач': String(plan.progress.tasksTotal),
    цели: plan.goals.map((goal, i) => ({
      номер: String(i + 1),
      область: titles.get(goal.domain) ?? goal.domain,
      цель: goal.title,
      статус: ru(`plans.goalStatuses.${goal.status}`).toLowerCase(),
    })),
    задачи: tasks,
  };
}

/** The document's data for one case, within the caller's reach. */
export async function documentData(
  tx: Tx,
  actor: Actor,
  caseId: string,
  input: Pick<GenerateInput, 'memberId' | 'partnerId' | 'aidRequestId'>,
  today: string,
  lang: Language,
): Promise<DocumentData> {
  const { familyId } = await caseInScope(tx, actor, caseId);
  const info = (
    await tx.execute<Row>(sql`select c.status, c.opened_on::text, pr.name as programme, b.name as branch, b.city, b.address,
        u.last_name, u.first_name, u.middle_name, o.name as org
      from cases c join programmes pr on pr.id = c.programme_id join branches b on b.id = c.branch_id
      join users u on u.id = c.lead_id cross join organizations o where c.id = ${caseId}`)
  ).rows[0]!;
  const me = (await tx.execute<Row>(sql`select last_name, first_name, middle_name, email from users where id = ${actor.userId}`)).rows[0]!;
  const family = await getFamily(tx, actor, familyId);
  const members = family.members;
  const applicant =
    APPLICANT_ORDER.map((r) => members.find((m) => m.relation === r)).find((m) => m !== undefined) ??
    members.find((m) => !CHILD_RELATIONS.includes(m.relation));
  let subject = applicant;
  if (input.memberId) {
    subject = members.find((m) => m.id === input.memberId);
    if (!subject) throw invalid('memberId', lang);
  }
  const children = members.filter((m) => CHILD_RELATIONS.includes(m.relation));
  const lead = { last: info.last_name as string, first: info.first_name as string, middle: info.middle_name as string };
  const user = { last: me.last_name as string, first: me.first_name as string, middle: me.middle_name as string };
  return {
    дата: ruDate(today),
    дата_прописью: ruLongDate(today),
    год: today.slice(0, 4),
    'организация.название': info.org as string,
    'организация.филиал': info.branch as string,
    'организация.город': info.city as string,
    'организация.адрес': info.address as string,
    'сотрудник.фио': [user.last, user.first, user.middle].filter(Boolean).join(' '),
    'сотрудник.фамилия_инициалы': initials(user.last, user.first, user.middle),
    'сотрудник.почта': me.email as string,
    'случай.программа': info.programme as string,
    'случай.статус': ru(`cases.statuses.${info.status as string}`).toLowerCase(),
    'случай.дата_начала': ruDate(info.opened_on as string),
    'случай.ведущий': [lead.last, lead.first, lead.middle].filter(Boolean).join(' '),
    'случай.ведущий_инициалы': initials(lead.last, lead.first, lead.middle),
    'семья.название': family.name,
    'семья.адрес': applicant?.actualAddress || applicant?.registeredAddress || '',
    'семья.число_детей': String(children.length),
    'семья.число_членов': String(members.length),
    ...personFields('заявитель', applicant, today),
    ...personFields('субъект', subject, today),
    ...(await partnerOf(tx, actor, input.partnerId, lang)),
    ...(await planOf(tx, actor, caseId)),
    ...(await aidOf(tx, caseId, input.aidRequestId, lang)),
    дети: children.map((c, i) => ({
      номер: String(i + 1),
      фио: fullName(c),
      дата_рождения: birthOf(c),
      возраст: ruAge(c, today),
      документ: documentOf(c),
    })),
    члены_семьи: members.map((m, i) => ({
      номер: String(i + 1),
      фио: fullName(m),
      родство: ru(`families.relation.${m.relation}`).toLowerCase(),
      дата_рождения: birthOf(m),
      возраст: ruAge(m, today),
    })),
  };
}
