// Demo outcomes: a cohort of families of «Неразлучные» (Псковская область) admitted 7–17 months
// ago — some still supported, most gone home — with follow-up contacts 3, 6 and 12 months after
// leaving (one due now, one overdue), and a hand mark on Гульнара's case. Everyone is fictional.
import { sql } from 'drizzle-orm';
import { addDays, addMonths } from '../../domain/outcomes/follow-up.js';
import type { Tx } from '../db/engine.js';
import type { DemoContext } from './demo-casework.js';

const today = () => new Date().toISOString().slice(0, 10);
const monthsAgo = (months: number, days = 0) => addDays(addMonths(today(), -months), -days);

interface CohortFamily {
  surname: string;
  mother: string;
  child: string;
  childBorn: string;
  admitted: string;
  status: 'active' | 'post_support' | 'closed';
  closed?: { on: string; outcome: string; reason: string };
  followUps?: {
    milestone: 3 | 6 | 12;
    answer: 'yes' | 'state_care' | 'relatives' | 'unknown';
    housing: string;
    place: string;
    note: string;
  }[];
}

const GIRLS = new Set(['Ксения', 'Алиса', 'Соня', 'Вика']);

const FAMILIES: CohortFamily[] = [
  {
    surname: 'Соколова',
    mother: 'Наталья',
    child: 'Артём',
    childBorn: '2021-03-14',
    admitted: monthsAgo(17),
    status: 'closed',
    closed: { on: monthsAgo(13, 20), outcome: 'child_with_family', reason: 'Опека сняла с учёта, мама справляется' },
    followUps: [
      { milestone: 3, answer: 'yes', housing: 'own_home', place: 'Великие Луки', note: 'Артём ходит в садик' },
      { milestone: 6, answer: 'yes', housing: 'own_home', place: 'Великие Луки', note: 'Мама работает на почте' },
      { milestone: 12, answer: 'yes', housing: 'own_home', place: 'Великие Луки', note: 'Всё спокойно' },
    ],
  },
  {
    surname: 'Белова',
    mother: 'Светлана',
    child: 'Ксения',
    childBorn: '2019-08-02',
    admitted: monthsAgo(16),
    status: 'closed',
    // The 12-month contact falls due in a few days.
    closed: { on: monthsAgo(12, -5), outcome: 'child_with_family', reason: 'Печь отремонтирована, дети в школе' },
    followUps: [
      { milestone: 3, answer: 'yes', housing: 'own_home', place: 'д. Горки', note: 'Дрова на зиму есть' },
      { milestone: 6, answer: 'yes', housing: 'own_home', place: 'д. Горки', note: 'Ходит в клуб родителей' },
    ],
  },
  {
    surname: 'Андреева',
    mother: 'Ирина',
    child: 'Максим',
    childBorn: '2022-01-20',
    admitted: monthsAgo(15),
    status: 'closed',
    // The 6-month contact was missed: overdue.
    closed: { on: monthsAgo(10), outcome: 'child_in_state_care', reason: 'Ребёнок временно помещён в социально-реабилитационный центр' },
    followUps: [{ milestone: 3, answer: 'state_care', housing: 'rented', place: 'Псков', note: 'Мама навещает сына, оформляет документы' }],
  },
  {
    surname: 'Григорьева',
    mother: 'Ольга',
    child: 'Дима',
    childBorn: '2020-11-05',
    admitted: monthsAgo(14),
    status: 'closed',
    closed: { on: monthsAgo(9, 10), outcome: 'with_relatives', reason: 'Переехали к бабушке' },
    followUps: [
      { milestone: 3, answer: 'relatives', housing: 'with_relatives', place: 'Невель', note: 'Дима живёт у бабушки, мама приезжает' },
      { milestone: 6, answer: 'yes', housing: 'with_relatives', place: 'Невель', note: 'Мама с Димой живут вместе у бабушки' },
    ],
  },
  {
    surname: 'Зайцева',
    mother: 'Марина',
    child: 'Алиса',
    childBorn: '2023-06-30',
    admitted: monthsAgo(13),
    status: 'closed',
    // The 3-month contact is due now.
    closed: { on: monthsAgo(3, 5), outcome: 'independent_living', reason: 'Сняла квартиру, вышла на работу' },
  },
  { surname: 'Павлова', mother: 'Елена', child: 'Соня', childBorn: '2018-02-11', admitted: monthsAgo(11), status: 'post_support' },
  { surname: 'Николаева', mother: 'Анастасия', child: 'Егор', childBorn: '2021-09-09', admitted: monthsAgo(9), status: 'active' },
  {
    surname: 'Тарасова',
    mother: 'Юлия',
    child: 'Вика',
    childBorn: '2020-04-17',
    admitted: monthsAgo(8),
    status: 'closed',
    closed: { on: monthsAgo(5), outcome: 'contact_lost', reason: 'Семья уехала, телефон не отвечает' },
    followUps: [{ milestone: 3, answer: 'unknown', housing: 'unknown', place: '', note: 'Соседи не знают, где семья' }],
  },
];

async function cohortFamily(tx: Tx, ctx: DemoContext, f: CohortFamily, followUpType: string): Promise<void> {
  const { orgId, staff } = ctx;
  const branchId = ctx.branchIds[2]!;
  const family = await tx.execute<{ id: string }>(sql`insert into families (org_id, branch_id, name, created_by)
    values (${orgId}, ${branchId}, ${`${f.surname} ${f.mother}`}, ${staff.coordinator}) returning id::text`);
  const familyId = family.rows[0]!.id;
  await tx.execute(sql`insert into members (org_id, family_id, position, relation, last_name, first_name, sex, citizenship, documents)
    values (${orgId}, ${familyId}, 0, 'mother', ${f.surname}, ${f.mother}, 'female', 'RU', '[{"kind":"passport","status":"have","note":""}]'::jsonb)`);
  const girl = GIRLS.has(f.child);
  await tx.execute(sql`insert into members (org_id, family_id, position, relation, last_name, first_name, birth_date, sex, citizenship)
    values (${orgId}, ${familyId}, 1, 'child', ${girl ? f.surname : f.surname.replace(/а$/, '')}, ${f.child}, ${f.childBorn},
      ${girl ? 'female' : 'male'}, 'RU')`);
  const c = await tx.execute<{ id: string }>(sql`insert into cases
    (org_id, family_id, programme_id, branch_id, lead_id, status, opened_on, closed_on, closing_outcome, closing_reason, post_support_since, created_by)
    values (${orgId}, ${familyId}, ${ctx.programmeIds[3]}, ${branchId}, ${staff.case_worker}, ${f.status}, ${f.admitted},
      ${f.closed?.on ?? null}, ${f.closed?.outcome ?? null}, ${f.closed?.reason ?? ''}, ${f.status === 'post_support' ? monthsAgo(2) : null},
      ${staff.coordinator}) returning id::text`);
  const caseId = c.rows[0]!.id;
  await tx.execute(sql`insert into case_team (org_id, case_id, user_id, role) values (${orgId}, ${caseId}, ${staff.case_worker}, 'lead')`);
  await tx.execute(sql`insert into case_events (org_id, case_id, at, actor_id, kind, data)
    values (${orgId}, ${caseId}, ${`${f.admitted}T09:00:00Z`}, ${staff.coordinator}, 'case_opened', ${JSON.stringify({ openedOn: f.admitted })}::jsonb)`);
  if (f.closed) {
    const data = { status: { from: 'active', to: 'closed' }, action: 'close', outcome: f.closed.outcome, reason: f.closed.reason };
    await tx.execute(sql`insert into case_events (org_id, case_id, at, actor_id, kind, data)
      values (${orgId}, ${caseId}, ${`${f.closed.on}T12:00:00Z`}, ${staff.coordinator}, 'status_changed', ${JSON.stringify(data)}::jsonb)`);
  }
  for (const fu of f.followUps ?? []) {
    const on = addDays(addMonths(f.closed!.on, fu.milestone), 2);
    const service = await tx.execute<{ id: string }>(sql`insert into services
      (org_id, case_id, type_id, date, duration_minutes, format, initiated_by, specialist_ids, note, created_by)
      values (${orgId}, ${caseId}, ${followUpType}, ${on}, 20, 'phone', 'team', ${`{${staff.case_worker}}`}::uuid[], ${fu.note}, ${staff.case_worker})
      returning id::text`);
    await tx.execute(sql`insert into follow_ups (org_id, case_id, service_id, milestone, contacted_on, child_with_family, housing, place, created_by)
      values (${orgId}, ${caseId}, ${service.rows[0]!.id}, ${fu.milestone}, ${on}, ${fu.answer}, ${fu.housing}, ${fu.place}, ${staff.case_worker})`);
    await tx.execute(sql`insert into case_events (org_id, case_id, at, actor_id, kind, data)
      values (${orgId}, ${caseId}, ${`${on}T10:00:00Z`}, ${staff.case_worker}, 'follow_up_recorded',
        ${JSON.stringify({ milestone: fu.milestone, contactedOn: on, childWithFamily: fu.answer })}::jsonb)`);
  }
}

export async function seedDemoOutcomes(tx: Tx, ctx: DemoContext): Promise<void> {
  const type = await tx.execute<{ id: string }>(
    sql`select id::text from service_types where org_id = ${ctx.orgId} and code = 'follow_up_contact'`,
  );
  for (const f of FAMILIES) await cohortFamily(tx, ctx, f, type.rows[0]!.id);
  // Гульнара's case: the psychologist noted that trust has come.
  const rahimova = await tx.execute<{ id: string }>(sql`select c.id::text from cases c join families f on f.id = c.family_id
    where c.org_id = ${ctx.orgId} and f.name = 'Рахимова Гульнара' limit 1`);
  const outcome = await tx.execute<{
    id: string;
  }>(sql`select o.id::text from outcomes o join outcome_frameworks fw on fw.id = o.framework_id
    where fw.org_id = ${ctx.orgId} and fw.programme_id is null and o.code = 'trust_in_staff'`);
  if (rahimova.rows[0] && outcome.rows[0]) {
    await tx.execute(sql`insert into outcome_marks (org_id, case_id, outcome_id, status, on_date, note, marked_by)
      values (${ctx.orgId}, ${rahimova.rows[0].id}, ${outcome.rows[0].id}, 'achieved', ${addDays(today(), -7)},
        'Сама пришла обсудить, как говорить с мужем о разводе', ${ctx.staff.psychologist})`);
  }
}
