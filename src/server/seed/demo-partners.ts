// Demo partners (fictional): the guardianship offices, maternity hospital, polyclinic, schools,
// employment centre, a parish and NGOs around the Moscow centre and Великие Луки, with contact
// people, cooperation agreements (one expired) and external specialists who agreed to be
// registered. The demo's referrals from the guardianship service and the maternity hospital name
// the partner they came from, so "referred by the guardianship service" is a figure at once.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import type { DemoContext } from './demo-casework.js';

const dateAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const dateAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

interface DemoPartner {
  key: string;
  kind: string;
  name: string;
  region: string;
  city: string;
  district?: string;
  address: string;
  phones: string[];
  services: string;
  audience: string;
  tags: string[];
  contacts: { name: string; position: string; phone: string; email?: string }[];
  agreement?: { number: string; signedDaysAgo: number; fromDaysAgo: number; toDaysAhead: number | null };
}

const MOSCOW = 'Москва';
const PSKOV = 'Псковская область';

const PARTNERS: DemoPartner[] = [
  {
    key: 'opeka_msk',
    kind: 'guardianship_office',
    name: 'Отдел опеки и попечительства района Северный (демо)',
    region: MOSCOW,
    city: 'Москва',
    district: 'Северный',
    address: 'ул. Примерная, д. 1',
    phones: ['+7 495 000-00-01'],
    services: 'Направляет семьи в трудной ситуации; сопровождение опекунских семей; документы на детей',
    audience: 'Семьи с детьми района',
    tags: ['опека', 'направление семей'],
    contacts: [
      { name: 'Семёнова Ольга Викторовна', position: 'Главный специалист', phone: '+7 495 000-00-02', email: 'opeka.demo@example.org' },
      { name: 'Лаптев Игорь Сергеевич', position: 'Начальник отдела', phone: '+7 495 000-00-03' },
    ],
    agreement: { number: 'С-12/2025', signedDaysAgo: 300, fromDaysAgo: 300, toDaysAhead: 430 },
  },
  {
    key: 'roddom',
    kind: 'maternity_hospital',
    name: 'Родильный дом № 0 (демо)',
    region: MOSCOW,
    city: 'Москва',
    address: 'ул. Условная, д. 5',
    phones: ['+7 495 000-00-10'],
    services: 'Сообщает о мамах в кризисе после родов; консультации неонатолога',
    audience: 'Беременные и мамы новорождённых',
    tags: ['роддом', 'новорождённые'],
    contacts: [{ name: 'Кравец Анна Юрьевна', position: 'Социальный работник', phone: '+7 495 000-00-11' }],
    agreement: { number: '7-П', signedDaysAgo: 500, fromDaysAgo: 500, toDaysAhead: null },
  },
  {
    key: 'polyclinic',
    kind: 'polyclinic',
    name: 'Детская поликлиника № 00 (демо)',
    region: MOSCOW,
    city: 'Москва',
    address: 'пр. Образцовый, д. 12',
    phones: ['+7 495 000-00-20'],
    services: 'Педиатр, логопед, невролог; патронаж новорождённых',
    audience: 'Дети до 18 лет',
    tags: ['логопед', 'педиатр', 'патронаж'],
    contacts: [{ name: 'Дьячкова Марина Петровна', position: 'Заведующая педиатрическим отделением', phone: '+7 495 000-00-21' }],
  },
  {
    key: 'czn',
    kind: 'employment_centre',
    name: 'Центр занятости «Мои документы — работа» (демо)',
    region: MOSCOW,
    city: 'Москва',
    address: 'ул. Трудовая, д. 3',
    phones: ['+7 495 000-00-30'],
    services: 'Подбор вакансий, переобучение, пособие по безработице',
    audience: 'Взрослые, ищущие работу',
    tags: ['работа', 'обучение'],
    contacts: [{ name: 'Голубева Светлана Андреевна', position: 'Консультант', phone: '+7 495 000-00-31' }],
    agreement: { number: '44', signedDaysAgo: 800, fromDaysAgo: 800, toDaysAhead: -70 },
  },
  {
    key: 'ngo_food',
    kind: 'ngo',
    name: 'Благотворительный фонд «Полная корзина» (демо)',
    region: MOSCOW,
    city: 'Москва',
    address: 'ул. Добрая, д. 8',
    phones: ['+7 495 000-00-40'],
    services: 'Продуктовые наборы, детское питание, одежда',
    audience: 'Малообеспеченные семьи с детьми',
    tags: ['продукты', 'одежда'],
    contacts: [
      { name: 'Мельник Ксения Олеговна', position: 'Координатор программы', phone: '+7 495 000-00-41', email: 'food.demo@example.org' },
    ],
  },
  {
    key: 'opeka_luki',
    kind: 'guardianship_office',
    name: 'Управление опеки г. Великие Луки (демо)',
    region: PSKOV,
    city: 'Великие Луки',
    address: 'ул. Пробная, д. 2',
    phones: ['+7 81153 0-00-01'],
    services: 'Направляет семьи, выезды в сельские поселения, контроль условий жизни детей',
    audience: 'Семьи города и района',
    tags: ['опека', 'направление семей'],
    contacts: [{ name: 'Антонова Вера Николаевна', position: 'Специалист по охране прав детства', phone: '+7 81153 0-00-02' }],
    agreement: { number: '3/24', signedDaysAgo: 400, fromDaysAgo: 400, toDaysAhead: 330 },
  },
  {
    key: 'school_luki',
    kind: 'school_kindergarten',
    name: 'Средняя школа № 0 г. Великие Луки (демо)',
    region: PSKOV,
    city: 'Великие Луки',
    address: 'ул. Школьная, д. 1',
    phones: ['+7 81153 0-00-10'],
    services: 'Школьный психолог, дефектолог, группа продлённого дня',
    audience: 'Школьники и их родители',
    tags: ['психолог', 'дефектолог'],
    contacts: [{ name: 'Ершова Татьяна Ильинична', position: 'Социальный педагог', phone: '+7 81153 0-00-11' }],
  },
  {
    key: 'parish_luki',
    kind: 'church',
    name: 'Приход храма (демо)',
    region: PSKOV,
    city: 'Великие Луки',
    address: 'пл. Соборная, д. 1',
    phones: ['+7 81153 0-00-20'],
    services: 'Вещевая помощь, дрова для сельских семей, добровольцы',
    audience: 'Нуждающиеся семьи',
    tags: ['одежда', 'дрова', 'добровольцы'],
    contacts: [{ name: 'Журавлёв Павел Андреевич', position: 'Помощник настоятеля', phone: '+7 81153 0-00-21' }],
  },
];

const SPECIALISTS = [
  {
    partner: 'polyclinic',
    last: 'Орлова',
    first: 'Наталья',
    middle: 'Сергеевна',
    profession: 'speech_therapist',
    city: 'Москва',
    region: MOSCOW,
  },
  { partner: 'polyclinic', last: 'Власов', first: 'Денис', middle: 'Игоревич', profession: 'doctor', city: 'Москва', region: MOSCOW },
  {
    partner: 'opeka_msk',
    last: 'Семёнова',
    first: 'Ольга',
    middle: 'Викторовна',
    profession: 'guardianship_inspector',
    city: 'Москва',
    region: MOSCOW,
  },
  {
    partner: 'ngo_food',
    last: 'Костина',
    first: 'Алёна',
    middle: 'Романовна',
    profession: 'social_worker',
    city: 'Москва',
    region: MOSCOW,
  },
  { partner: null, last: 'Рябинина', first: 'Юлия', middle: 'Андреевна', profession: 'psychologist', city: 'Москва', region: MOSCOW },
  {
    partner: 'school_luki',
    last: 'Ершова',
    first: 'Татьяна',
    middle: 'Ильинична',
    profession: 'teacher',
    city: 'Великие Луки',
    region: PSKOV,
  },
  {
    partner: 'school_luki',
    last: 'Никитина',
    first: 'Ирина',
    middle: 'Павловна',
    profession: 'defectologist',
    city: 'Великие Луки',
    region: PSKOV,
  },
  {
    partner: 'opeka_luki',
    last: 'Антонова',
    first: 'Вера',
    middle: 'Николаевна',
    profession: 'guardianship_inspector',
    city: 'Великие Луки',
    region: PSKOV,
  },
  { partner: null, last: 'Гусева', first: 'Оксана', middle: 'Викторовна', profession: 'psychologist', city: 'Псков', region: PSKOV },
] as const;

export async function seedDemoPartners(tx: Tx, ctx: DemoContext): Promise<void> {
  const creator = ctx.staff.coordinator ?? null;
  const ids = new Map<string, { id: string; contacts: string[] }>();
  for (const p of PARTNERS) {
    const id = (
      await tx.execute<{
        id: string;
      }>(sql`insert into partners (org_id, kind, name, region, city, district, address, phones, services, audience, tags, created_by)
        values (${ctx.orgId}, ${p.kind}, ${p.name}, ${p.region}, ${p.city}, ${p.district ?? ''}, ${p.address},
          ${`{${p.phones.map((x) => `"${x}"`).join(',')}}`}::text[], ${p.services}, ${p.audience},
          ${`{${p.tags.map((x) => `"${x}"`).join(',')}}`}::text[], ${creator}) returning id::text`)
    ).rows[0]!.id;
    const contacts: string[] = [];
    for (const c of p.contacts)
      contacts.push(
        (
          await tx.execute<{ id: string }>(sql`insert into partner_contacts (org_id, partner_id, name, position, phone, email)
            values (${ctx.orgId}, ${id}, ${c.name}, ${c.position}, ${c.phone}, ${c.email ?? ''}) returning id::text`)
        ).rows[0]!.id,
      );
    if (p.agreement) {
      const a = p.agreement;
      await tx.execute(sql`insert into partner_agreements (org_id, partner_id, number, signed_on, valid_from, valid_to, subject, created_by)
        values (${ctx.orgId}, ${id}, ${a.number}, ${dateAgo(a.signedDaysAgo)}, ${dateAgo(a.fromDaysAgo)},
          ${a.toDaysAhead === null ? null : dateAhead(a.toDaysAhead)}, 'О сотрудничестве в поддержке семей с детьми', ${creator})`);
    }
    ids.set(p.key, { id, contacts });
  }
  for (const [i, s] of SPECIALISTS.entries()) {
    await tx.execute(sql`insert into external_specialists (org_id, partner_id, last_name, first_name, middle_name, profession, region, city, phone, consent_on, created_by)
      values (${ctx.orgId}, ${s.partner ? ids.get(s.partner)!.id : null}, ${s.last}, ${s.first}, ${s.middle}, ${s.profession}, ${s.region}, ${s.city},
        ${`+7 900 000-10-${String(i).padStart(2, '0')}`}, ${dateAgo(60 + i * 7)}, ${creator})`);
  }
  // The demo's referrals from the guardianship service and the maternity hospital came through these partners.
  const msk = ids.get('opeka_msk')!;
  const luki = ids.get('opeka_luki')!;
  await tx.execute(sql`update referrals set partner_id = ${msk.id}, partner_contact_id = ${msk.contacts[0]!}
    where org_id = ${ctx.orgId} and source = 'guardianship' and branch_id <> ${ctx.branchIds[2]!}`);
  await tx.execute(sql`update referrals set partner_id = ${luki.id}, partner_contact_id = ${luki.contacts[0]!}
    where org_id = ${ctx.orgId} and source = 'guardianship' and branch_id = ${ctx.branchIds[2]!}`);
  await tx.execute(sql`update referrals set partner_id = ${ids.get('roddom')!.id}
    where org_id = ${ctx.orgId} and source = 'maternity_hospital'`);
  // Signposted referrals: to the food fund, the help taken up.
  await tx.execute(sql`update referrals set signpost_partner_id = ${ids.get('ngo_food')!.id}, signpost_taken_up = 'yes',
      signpost_follow_up_on = (received_at::date + 14), signpost_followed_up_on = (received_at::date + 14), signposted_by = received_by
    where org_id = ${ctx.orgId} and status = 'signposted' and received_at::date + 14 <= current_date`);
}
