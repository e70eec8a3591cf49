// Demo volunteers: the public form at /apply/volunteer/ochag-demo, two teams — «Тёплые руки» at the
// Moscow centre (babies looked after while mothers are in classes, drives to appointments, aid
// deliveries) and the Khabarovsk team of the crisis apartments (repairs, events) — with volunteers at
// every step of the path (a new application from the form, one screened, active ones, one paused),
// certificates of no criminal record (one ending within the reminder days), past shifts with hours and
// shifts to come. Екатерина Морозова signs in as volunteer@demo.hearth and is the Moscow team's
// leader. Every person is fictional.
import { sql } from 'drizzle-orm';
import { certificateValidUntil } from '../../domain/volunteers/rules.js';
import type { Tx } from '../db/engine.js';
import type { DemoContext } from './demo-casework.js';

const day = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
const at = (days: number, hour: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour - 3, 0, 0, 0); // Moscow time
  return d.toISOString();
};

interface DemoVolunteer {
  key: string;
  branch: number;
  lastName: string;
  firstName: string;
  middleName: string;
  phone: string;
  skills: string;
  availability: string;
  status: 'applicant' | 'screened' | 'active' | 'paused';
  appliedDaysAgo: number;
  /** Days ago the certificate was issued (null: none yet). */
  certificateDaysAgo: number | null;
  fromForm?: boolean;
  userRole?: string;
  pauseReason?: string;
}

const VOLUNTEERS: DemoVolunteer[] = [
  {
    key: 'morozova',
    branch: 0,
    lastName: 'Морозова',
    firstName: 'Екатерина',
    middleName: 'Андреевна',
    phone: '+7 916 201-11-22',
    skills: 'Воспитатель детского сада, 8 лет стажа',
    availability: 'Будни после 16:00, суббота',
    status: 'active',
    appliedDaysAgo: 300,
    certificateDaysAgo: 250,
    userRole: 'volunteer',
  },
  {
    key: 'kovaleva',
    branch: 0,
    lastName: 'Ковалёва',
    firstName: 'Дарья',
    middleName: 'Сергеевна',
    phone: '+7 925 330-44-55',
    skills: 'Студентка педагогического, играю на гитаре',
    availability: 'Вторник и четверг',
    status: 'active',
    appliedDaysAgo: 380,
    certificateDaysAgo: 345,
  },
  {
    key: 'nikitin',
    branch: 0,
    lastName: 'Никитин',
    firstName: 'Павел',
    middleName: 'Олегович',
    phone: '+7 903 777-12-34',
    skills: 'Водитель, свой минивэн',
    availability: 'Выходные',
    status: 'active',
    appliedDaysAgo: 120,
    certificateDaysAgo: null,
  },
  {
    key: 'belova',
    branch: 0,
    lastName: 'Белова',
    firstName: 'Ксения',
    middleName: 'Игоревна',
    phone: '+7 926 450-67-89',
    skills: 'Няня, курсы первой помощи',
    availability: 'Утро будней',
    status: 'screened',
    appliedDaysAgo: 20,
    certificateDaysAgo: 10,
  },
  {
    key: 'guseva',
    branch: 0,
    lastName: 'Гусева',
    firstName: 'Алёна',
    middleName: 'Викторовна',
    phone: '+7 915 118-90-90',
    skills: 'Шью, могу вести кружок рукоделия для мам',
    availability: 'Вечер среды',
    status: 'applicant',
    appliedDaysAgo: 2,
    certificateDaysAgo: null,
    fromForm: true,
  },
  {
    key: 'tikhonova',
    branch: 0,
    lastName: 'Тихонова',
    firstName: 'Юлия',
    middleName: 'Петровна',
    phone: '+7 985 222-33-44',
    skills: 'Репетитор по математике',
    availability: 'Суббота',
    status: 'paused',
    appliedDaysAgo: 200,
    certificateDaysAgo: 190,
    pauseReason: 'Сессия в университете до конца января',
  },
  {
    key: 'polyakova',
    branch: 1,
    lastName: 'Полякова',
    firstName: 'Виктория',
    middleName: 'Александровна',
    phone: '+7 914 540-10-20',
    skills: 'Организатор праздников, аниматор',
    availability: 'Выходные',
    status: 'active',
    appliedDaysAgo: 240,
    certificateDaysAgo: 200,
  },
  {
    key: 'zakharov',
    branch: 1,
    lastName: 'Захаров',
    firstName: 'Илья',
    middleName: 'Дмитриевич',
    phone: '+7 924 101-55-66',
    skills: 'Плотник, мелкий ремонт, сборка мебели',
    availability: 'Суббота',
    status: 'active',
    appliedDaysAgo: 150,
    certificateDaysAgo: null,
  },
  {
    key: 'kim',
    branch: 1,
    lastName: 'Ким',
    firstName: 'Анастасия',
    middleName: 'Викторовна',
    phone: '+7 962 300-70-80',
    skills: 'Логопед, занятия с малышами',
    availability: 'Будни после 18:00',
    status: 'active',
    appliedDaysAgo: 90,
    certificateDaysAgo: 80,
  },
];

export async function seedDemoVolunteers(tx: Tx, ctx: DemoContext): Promise<void> {
  const { orgId } = ctx;
  await tx.execute(sql`update volunteer_settings set form_slug = 'ochag-demo' where org_id = ${orgId}`);
  const settings = (
    await tx.execute<{ consent_text: string; months: number }>(
      sql`select consent_text, certificate_valid_months as months from volunteer_settings where org_id = ${orgId}`,
    )
  ).rows[0]!;
  const ids: Record<string, string> = {};
  for (const v of VOLUNTEERS) {
    const applied = day(-v.appliedDaysAgo);
    const screenedOn = day(-v.appliedDaysAgo + 7);
    const activeOn = day(-v.appliedDaysAgo + 14);
    const issued = v.certificateDaysAgo === null ? null : day(-v.certificateDaysAgo);
    const city = ['Москва', 'Хабаровск', 'Великие Луки'][v.branch]!;
    const statusOn =
      v.status === 'applicant' ? applied : v.status === 'screened' ? screenedOn : v.status === 'paused' ? day(-20) : activeOn;
    const onboarded = v.status !== 'applicant';
    const id = (
      await tx.execute<{
        id: string;
      }>(sql`insert into volunteers (org_id, branch_id, last_name, first_name, middle_name, phone, email, city,
        skills, availability, heard_from, source, applied_on, consent_text, consent_on, status, status_on, interview_on, interview_notes,
        certificate_issued_on, certificate_valid_until, induction_on, agreement_on, user_id, created_by)
      values (${orgId}, ${ctx.branchIds[v.branch]!}, ${v.lastName}, ${v.firstName}, ${v.middleName}, ${v.phone}, '', ${city},
        ${v.skills}, ${v.availability}, ${v.fromForm ? 'Рассказала подруга' : 'Сайт фонда'}, ${v.fromForm ? 'public_form' : 'staff'}, ${applied},
        ${v.fromForm ? settings.consent_text : ''}, ${v.fromForm ? applied : null}, ${v.status}, ${statusOn},
        ${onboarded ? screenedOn : null}, ${onboarded ? 'Мотивирована, есть опыт с детьми' : ''},
        ${issued}, ${issued ? certificateValidUntil(issued, Number(settings.months)) : null},
        ${v.status === 'active' || v.status === 'paused' ? activeOn : null}, ${v.status === 'active' || v.status === 'paused' ? activeOn : null},
        ${v.userRole ? ctx.staff[v.userRole]! : null}, ${v.fromForm ? null : ctx.staff.coordinator!})
      returning id::text`)
    ).rows[0]!.id;
    ids[v.key] = id;
    const path: [string | null, string, string, string][] = [[null, 'applicant', applied, '']];
    if (onboarded) path.push(['applicant', 'screened', screenedOn, '']);
    if (v.status === 'active' || v.status === 'paused') path.push(['screened', 'active', activeOn, '']);
    if (v.status === 'paused') path.push(['active', 'paused', day(-20), v.pauseReason ?? '']);
    for (const [from, to, on, reason] of path)
      await tx.execute(sql`insert into volunteer_status_changes (org_id, volunteer_id, from_status, to_status, changed_on, reason, changed_by)
        values (${orgId}, ${id}, ${from}, ${to}, ${on}, ${reason}, ${v.fromForm && to === 'applicant' ? null : ctx.staff.coordinator!})`);
  }

  const team = async (branch: number, name: string, leader: string, members: string[]) => {
    const teamId = (
      await tx.execute<{ id: string }>(sql`insert into volunteer_teams (org_id, branch_id, name, leader_id, formed_on)
        values (${orgId}, ${ctx.branchIds[branch]!}, ${name}, ${ids[leader]!}, ${day(-280)}) returning id::text`)
    ).rows[0]!.id;
    for (const m of members)
      await tx.execute(
        sql`insert into volunteer_team_members (org_id, team_id, volunteer_id, joined_on) values (${orgId}, ${teamId}, ${ids[m]!}, ${day(-200)})`,
      );
    return teamId;
  };
  const moscow = await team(0, 'Тёплые руки', 'morozova', ['morozova', 'kovaleva', 'nikitin', 'tikhonova']);
  const khabarovsk = await team(1, 'Дальневосточная команда', 'polyakova', ['polyakova', 'zakharov', 'kim']);

  // A family of the Moscow centre the delivery is for (its first names and children's ages are all a volunteer sees).
  const family =
    (
      await tx.execute<{ id: string }>(sql`select c.id::text from cases c where c.org_id = ${orgId} and c.branch_id = ${ctx.branchIds[0]!}
    and c.status = 'active' order by c.opened_on limit 1`)
    ).rows[0]?.id ?? null;

  const task = async (t: {
    branch: number;
    team: string | null;
    kind: string;
    title: string;
    needs?: string;
    address?: string;
    caseId?: string | null;
    days: number;
    from: number;
    hours: number;
    places: number;
    people: { key: string; outcome?: 'completed' | 'no_show'; hours?: number }[];
  }) => {
    const childRelated = t.kind === 'child_care' || t.kind === 'tutoring';
    const past = t.days < 0;
    const taskId = (
      await tx.execute<{
        id: string;
      }>(sql`insert into volunteer_tasks (org_id, branch_id, team_id, kind, child_related, title, needs, address,
        case_id, starts_at, ends_at, places, status, created_by)
      values (${orgId}, ${ctx.branchIds[t.branch]!}, ${t.team}, ${t.kind}, ${childRelated}, ${t.title}, ${t.needs ?? ''}, ${t.address ?? ''},
        ${t.caseId ?? null}, ${at(t.days, t.from)}, ${at(t.days, t.from + t.hours)}, ${t.places}, ${past ? 'done' : 'open'}, ${ctx.staff.coordinator!})
      returning id::text`)
    ).rows[0]!.id;
    for (const p of t.people) {
      const status = past ? (p.outcome ?? 'completed') : 'signed_up';
      await tx.execute(sql`insert into volunteer_signups (org_id, task_id, volunteer_id, how, status, hours, task_on, created_by)
        values (${orgId}, ${taskId}, ${ids[p.key]!}, ${p.key === 'morozova' ? 'self' : 'assigned'}, ${status},
          ${status === 'completed' ? (p.hours ?? t.hours) : null}, ${at(t.days, t.from).slice(0, 10)}, ${ctx.staff.coordinator!})`);
    }
  };
  const care = 'Присмотр за малышами во время занятий мам';
  for (const [days, who] of [
    [-56, ['morozova', 'kovaleva']],
    [-49, ['morozova', 'tikhonova']],
    [-42, ['kovaleva']],
    [-35, ['morozova', 'kovaleva']],
    [-28, ['morozova']],
    [-21, ['kovaleva']],
    [-14, ['morozova', 'kovaleva']],
    [-7, ['morozova']],
  ] as const)
    await task({
      branch: 0,
      team: moscow,
      kind: 'child_care',
      title: care,
      needs: 'Игрушки в игровой, смена подгузников',
      days,
      from: 10,
      hours: 3,
      places: 2,
      people: who.map((key) => ({ key })),
    });
  await task({
    branch: 0,
    team: moscow,
    kind: 'transport',
    title: 'Отвезти маму с малышом в поликлинику',
    days: -10,
    from: 9,
    hours: 2,
    places: 1,
    caseId: family,
    people: [{ key: 'nikitin', hours: 1.5 }],
  });
  await task({
    branch: 0,
    team: moscow,
    kind: 'event_help',
    title: 'Новогодний праздник в центре',
    days: -40,
    from: 12,
    hours: 4,
    places: 4,
    people: [{ key: 'morozova' }, { key: 'nikitin', outcome: 'no_show' }],
  });
  await task({
    branch: 0,
    team: moscow,
    kind: 'aid_delivery',
    title: 'Доставить коляску и продуктовый набор',
    needs: 'Коляска со склада, набор №2; позвонить за час',
    address: 'ул. Профсоюзная, д. 88, кв. 14',
    caseId: family,
    days: 2,
    from: 11,
    hours: 2,
    places: 1,
    people: [{ key: 'morozova' }],
  });
  for (const days of [1, 8, 15, 22])
    await task({
      branch: 0,
      team: moscow,
      kind: 'child_care',
      title: care,
      needs: 'Игрушки в игровой, смена подгузников',
      days,
      from: 10,
      hours: 3,
      places: 2,
      people: days === 1 ? [{ key: 'morozova' }] : [],
    });
  await task({
    branch: 1,
    team: khabarovsk,
    kind: 'repairs',
    title: 'Покрасить стены в кризисной квартире',
    days: -18,
    from: 10,
    hours: 5,
    places: 3,
    people: [{ key: 'zakharov' }, { key: 'polyakova', hours: 4 }],
  });
  await task({
    branch: 1,
    team: khabarovsk,
    kind: 'tutoring',
    title: 'Логопедическое занятие для малышей',
    days: -5,
    from: 17,
    hours: 1,
    places: 1,
    people: [{ key: 'kim' }],
  });
  await task({
    branch: 1,
    team: khabarovsk,
    kind: 'event_help',
    title: 'Ярмарка в поддержку фонда',
    days: 6,
    from: 11,
    hours: 5,
    places: 5,
    people: [{ key: 'polyakova' }],
  });
  await task({
    branch: 1,
    team: khabarovsk,
    kind: 'repairs',
    title: 'Собрать детские кроватки',
    days: 4,
    from: 10,
    hours: 3,
    places: 2,
    people: [],
  });
}
