// The demo organisation's last 18 months, dated back from the day it is created: referrals and
// intakes, new families in every programme, stays at «Тёплый дом» and the Хабаровск apartments that
// came and went, consultations week by week, house meetings and parents' club sessions, plans with
// tasks and reviews, post-support visits, follow-ups and closed cases. It goes to families of its own
// and to places and days no current stay uses, so the named demo families and today's board stay as
// they are. Generated from a fixed seed (the same demo on every first start) and loaded in bulk.
// Every person is fictional.
import { sql } from 'drizzle-orm';
import { addMonths } from '../../domain/outcomes/follow-up.js';
import type { Tx } from '../db/engine.js';
import { bulkInsert, seededRandom } from './bulk.js';
import type { DemoContext } from './demo-casework.js';

const DAY = 86_400_000;
const HISTORY_DAYS = 545;

const MOTHERS = [
  'Анна',
  'Мария',
  'Екатерина',
  'Дарья',
  'Алёна',
  'Виктория',
  'Ксения',
  'Юлия',
  'Наталья',
  'Оксана',
  'Кристина',
  'Валерия',
  'Полина',
  'Татьяна',
  'Людмила',
  'Алина',
  'Яна',
  'Евгения',
  'Диана',
  'Зарина',
  'Малика',
  'Светлана',
  'Ольга',
  'Елизавета',
];
const MIDDLE = [
  'Александровна',
  'Сергеевна',
  'Игоревна',
  'Викторовна',
  'Андреевна',
  'Дмитриевна',
  'Олеговна',
  'Николаевна',
  'Юрьевна',
  'Павловна',
];
const SURNAMES = [
  'Кравцова',
  'Михайлова',
  'Громова',
  'Баранова',
  'Ковалёва',
  'Фролова',
  'Яковлева',
  'Сорокина',
  'Виноградова',
  'Гусева',
  'Титова',
  'Киселёва',
  'Макарова',
  'Полякова',
  'Борисова',
  'Романова',
  'Осипова',
  'Медведева',
  'Ершова',
  'Комарова',
  'Степанова',
  'Никифорова',
  'Жукова',
  'Орлова',
  'Беляева',
  'Тихонова',
  'Шубина',
  'Воронина',
  'Калинина',
  'Денисова',
];
const BOYS = ['Артём', 'Миша', 'Ваня', 'Тимофей', 'Матвей', 'Лёва', 'Саша', 'Даня', 'Костя', 'Роман'];
const GIRLS = ['Маша', 'Аня', 'Вера', 'Алиса', 'Соня', 'Милана', 'Лиза', 'Ева', 'Катя', 'Даша'];

interface Programme {
  index: number;
  branch: number;
  weight: number;
  /** Days of the active phase. */
  length: [number, number];
  sources: [string, string][];
  situations: string[];
  services: string[];
  flags: string[][];
  region: string[];
}

const PROGRAMMES: Programme[] = [
  {
    index: 0,
    branch: 0,
    weight: 0.3,
    length: [60, 175],
    sources: [
      ['maternity_hospital', 'Родильный дом № 17'],
      ['maternity_hospital', 'Перинатальный центр ГКБ № 24'],
      ['ngo', 'Кризисный центр «Сёстры»'],
      ['state_body', 'Центр социальной помощи семье и детям «Зеленоград»'],
      ['hotline', ''],
    ],
    situations: [
      'Родила неделю назад, жить негде: хозяйка квартиры отказала после рождения ребёнка.',
      'Беременность 34 недели, ушла от сожителя после побоев, ночует у знакомых.',
      'Выпускница детского дома с ребёнком 3 месяцев, квартира от государства ещё не выдана.',
      'Приехала из области на заработки, после родов осталась без работы и жилья.',
      'Родители выгнали из дома после рождения ребёнка, думает об отказе от ребёнка.',
    ],
    services: [
      'psy_individual',
      'psy_individual',
      'legal_consultation',
      'documents_restoring',
      'accompaniment',
      'child_specialist',
      'medical_help',
      'benefits_application',
    ],
    flags: [['no_housing'], ['no_housing', 'violence'], ['no_housing', 'no_income']],
    region: ['Москва', 'Московская обл., Подольск', 'Тверская обл.', 'Калужская обл.', 'Рязанская обл.'],
  },
  {
    index: 1,
    branch: 1,
    weight: 0.15,
    length: [45, 120],
    sources: [
      ['state_body', 'КГБУ «Хабаровский центр социальной помощи семье и детям»'],
      ['maternity_hospital', 'Роддом № 1 г. Хабаровска'],
      ['self', ''],
    ],
    situations: [
      'Мама с двумя детьми, муж выгнал из квартиры, родственников в городе нет.',
      'Приехала из района на обследование ребёнка, негде жить на время лечения.',
      'Сгорел дом в посёлке, семья временно без жилья.',
    ],
    services: ['psy_individual', 'legal_consultation', 'remote_consultation', 'benefits_application', 'employment_help'],
    flags: [['no_housing'], ['no_housing', 'violence']],
    region: ['Хабаровск', 'Хабаровский край, Амурск', 'Хабаровский край, пос. Переяславка'],
  },
  {
    index: 2,
    branch: 0,
    weight: 0.15,
    length: [90, 200],
    sources: [
      ['ngo', 'Фонд «Семья»'],
      ['relatives', ''],
      ['self', ''],
    ],
    situations: [
      'Мама троих детей после развода, нужна помощь с работой и бюджетом семьи.',
      'Семья после выхода из кризисного центра, просит наставника.',
      'Мама-одиночка, ребёнок с инвалидностью, нет поддержки близких.',
    ],
    services: ['home_visit', 'employment_help', 'psy_individual', 'family_mediation'],
    flags: [['no_income'], ['debts'], []],
    region: ['Москва', 'Московская обл., Химки'],
  },
  {
    index: 3,
    branch: 2,
    weight: 0.4,
    length: [90, 240],
    sources: [
      ['guardianship', 'Отдел опеки и попечительства Великолукского района'],
      ['guardianship', 'Отдел опеки г. Великие Луки'],
      ['state_body', 'Школа № 7 г. Великие Луки'],
      ['state_body', 'КДН и ЗП Невельского района'],
      ['relatives', ''],
    ],
    situations: [
      'Опека рассматривает отобрание детей: в доме нет дров, печь неисправна.',
      'Многодетная семья, долги за электричество, дети пропускают школу.',
      'Мама после лечения от зависимости, ребёнок временно у бабушки, хочет вернуть сына домой.',
      'Семья переселилась из другого региона, нет регистрации и пособий.',
      'Отец детей в заключении, мама не справляется с хозяйством и тремя детьми.',
    ],
    services: [
      'home_visit',
      'home_visit',
      'family_mediation',
      'benefits_application',
      'psy_individual',
      'legal_consultation',
      'documents_restoring',
    ],
    flags: [['child_removal_risk'], ['child_removal_risk', 'no_income'], ['debts', 'no_income']],
    region: ['Псковская обл., Великие Луки', 'Псковская обл., Великолукский р-н', 'Псковская обл., Невель', 'Псковская обл., Локня'],
  },
];

const OUTCOMES: [string, string][] = [
  ['independent_living', 'Сняла комнату, вышла на работу'],
  ['child_with_family', 'Ребёнок в семье, риски сняты'],
  ['child_with_family', 'Опека сняла семью с учёта'],
  ['with_relatives', 'Переехала к родителям'],
  ['independent_living', 'Получила жильё как выпускница детского дома'],
  ['family_refused', 'Отказалась от сопровождения'],
  ['moved_away', 'Переехала в другой регион'],
  ['contact_lost', 'Телефон не отвечает, по адресу не проживает'],
];
const LEAVE: string[] = [
  'graduated',
  'graduated',
  'graduated',
  'to_relatives',
  'shared_rent',
  'left_voluntarily',
  'asked_to_leave',
  'home_country',
];
const GOALS: [string, string, string[]][] = [
  [
    'housing',
    'Найти постоянное жильё',
    ['Подать заявление на соцнайм', 'Подобрать варианты комнаты', 'Договориться с родственниками о временном жилье'],
  ],
  ['documents', 'Восстановить документы', ['Получить справку в МФЦ', 'Оформить СНИЛС', 'Получить свидетельство о рождении ребёнка']],
  [
    'income',
    'Выйти на стабильный доход',
    ['Оформить пособие по уходу за ребёнком', 'Встать на учёт в центре занятости', 'Пройти собеседования'],
  ],
  ['child_health', 'Ребёнок под наблюдением врача', ['Прикрепиться к поликлинике', 'Сделать прививки по календарю']],
  ['child_care', 'Уверенный уход за ребёнком', ['Занятия с психологом по привязанности', 'Посещать школу мам']],
  ['relations', 'Восстановить связь с близкими', ['Встреча с мамой при психологе', 'Найти няню на время работы']],
];

type Row = Record<string, unknown>;

export async function seedDemoHistory(tx: Tx, ctx: DemoContext): Promise<void> {
  const rnd = seededRandom(20_26_12);
  const { orgId, staff } = ctx;
  const now = Date.now();
  const date = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString().slice(0, 10);
  const at = (daysAgo: number, hour = 10) => `${date(daysAgo)}T${String(hour).padStart(2, '0')}:00:00Z`;
  const types = new Map(
    (await tx.execute<{ id: string; code: string }>(sql`select id::text, code from service_types where org_id = ${orgId}`)).rows.map(
      (r) => [r.code, r.id],
    ),
  );
  const places = (
    await tx.execute<{ id: string; facility_id: string; kind: string; room: string; facility: string }>(sql`
      select p.id::text, p.facility_id::text, p.kind, r.name as room, f.name as facility from places p
      join rooms r on r.id = p.room_id join facilities f on f.id = p.facility_id
      where p.org_id = ${orgId} order by f.name, r.name, p.label`)
  ).rows;
  // Days (as days ago) from which each place is free of every stay already seeded: a place in use
  // now is never given to the history; a place used in the past only before that stay began.
  const busy = (
    await tx.execute<{ place_id: string; from_on: string; to_on: string | null }>(sql`
      select place_id::text, from_on::text, to_on::text from placements where org_id = ${orgId}`)
  ).rows;
  const ago = (iso: string) => Math.round((now - Date.parse(`${iso}T00:00:00Z`)) / DAY);
  const free = (placeId: string, fromAgo: number, toAgo: number) =>
    busy.every((b) => b.place_id !== placeId || ago(b.from_on) < toAgo - 1 || (b.to_on !== null && ago(b.to_on) > fromAgo + 1));
  const take = (placeId: string, fromAgo: number, toAgo: number) =>
    busy.push({ place_id: placeId, from_on: date(fromAgo), to_on: date(toAgo) });

  const rows = {
    families: [] as Row[],
    members: [] as Row[],
    referrals: [] as Row[],
    cases: [] as Row[],
    team: [] as Row[],
    events: [] as Row[],
    stays: [] as Row[],
    placements: [] as Row[],
    services: [] as Row[],
    plans: [] as Row[],
    goals: [] as Row[],
    tasks: [] as Row[],
    reviews: [] as Row[],
    followUps: [] as Row[],
    sessions: [] as Row[],
    attendance: [] as Row[],
  };
  const event = (caseId: string, daysAgo: number, actor: string, kind: string, data: object) =>
    rows.events.push({ org_id: orgId, case_id: caseId, at: at(daysAgo, 9 + (rows.events.length % 8)), actor_id: actor, kind, data });
  const specialistFor = (code: string) =>
    code.startsWith('psy')
      ? staff.psychologist!
      : code.startsWith('legal')
        ? staff.lawyer!
        : code === 'accompaniment'
          ? staff.volunteer!
          : staff.case_worker!;
  const formatFor = (code: string, programme: number) =>
    code === 'home_visit'
      ? 'home_visit'
      : code === 'remote_consultation'
        ? 'phone'
        : programme === 0
          ? 'at_shelter'
          : rnd.pick(['in_person', 'in_person', 'phone', 'online']);
  const service = (caseId: string, code: string, daysAgo: number, programme: number, memberIds: string[] = []) => {
    const id = rnd.uuid();
    rows.services.push({
      id,
      org_id: orgId,
      case_id: caseId,
      type_id: types.get(code),
      date: date(daysAgo),
      duration_minutes: code === 'accompaniment' ? rnd.pick([120, 180, 240]) : rnd.pick([30, 45, 45, 60, 60, 90]),
      format: formatFor(code, programme),
      initiated_by: code.startsWith('psy') && rnd.chance(0.4) ? 'client' : 'team',
      specialist_ids: [specialistFor(code)],
      member_ids: memberIds,
      note: '',
      created_by: specialistFor(code),
      created_at: at(Math.max(daysAgo - rnd.int(0, 2), 0), 17),
    });
    return id;
  };
  // The active cases of each branch on a day, for attendance of group sessions.
  const spans: { branch: number; caseId: string; motherId: string; from: number; to: number }[] = [];

  const count = 90;
  for (let n = 0; n < count; n++) {
    const roll = rnd.next();
    let acc = 0;
    const p = PROGRAMMES.find((x) => (acc += x.weight) >= roll) ?? PROGRAMMES[3]!;
    const housed = p.index <= 1;
    const opened = housed ? rnd.int(12, HISTORY_DAYS) : rnd.int(3, HISTORY_DAYS);
    const length = rnd.int(p.length[0], p.length[1]);
    const activeEnd = opened - length; // days ago; ≤ 0: still active
    let status: 'active' | 'post_support' | 'closed' = 'active';
    let postSince: number | null = null;
    let closedAgo: number | null = null;
    let outcome: [string, string] | null = null;
    if (activeEnd > 0) {
      if (rnd.chance(0.45)) {
        postSince = activeEnd;
        const postEnd = activeEnd - rnd.int(60, 150);
        if (postEnd > 0) {
          status = 'closed';
          closedAgo = postEnd;
        } else status = 'post_support';
      } else {
        status = 'closed';
        closedAgo = activeEnd;
      }
      if (closedAgo !== null) outcome = rnd.chance(0.8) ? rnd.pick(OUTCOMES.slice(0, 5)) : rnd.pick(OUTCOMES.slice(5));
    }
    const branch = ctx.branchIds[p.branch]!;
    const familyId = rnd.uuid();
    const surname = rnd.pick(SURNAMES);
    const first = rnd.pick(MOTHERS);
    const region = rnd.pick(p.region);
    rows.families.push({ id: familyId, org_id: orgId, branch_id: branch, name: `${surname} ${first}`, created_at: at(opened, 11) });
    const motherId = rnd.uuid();
    rows.members.push({
      id: motherId,
      org_id: orgId,
      family_id: familyId,
      position: 0,
      relation: 'mother',
      last_name: surname,
      first_name: first,
      middle_name: rnd.pick(MIDDLE),
      birth_date: `${rnd.int(1984, 2006)}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`,
      sex: 'female',
      citizenship: rnd.chance(0.9) ? 'RU' : rnd.pick(['TJ', 'UZ', 'KG']),
      registered_address: region,
      documents: [{ kind: 'passport', status: rnd.chance(0.8) ? 'have' : 'restored', note: '' }],
      created_at: at(opened, 11),
    });
    const children = p.index === 3 ? rnd.int(1, 3) : rnd.int(1, 2);
    const childIds: string[] = [];
    for (let c = 0; c < children; c++) {
      const girl = rnd.chance(0.5);
      const id = rnd.uuid();
      childIds.push(id);
      const born = c === 0 && housed ? opened + rnd.int(5, 200) : opened + rnd.int(200, 4000);
      rows.members.push({
        id,
        org_id: orgId,
        family_id: familyId,
        position: c + 1,
        relation: 'child',
        last_name: girl ? surname : surname.replace(/а$/, ''),
        first_name: rnd.pick(girl ? GIRLS : BOYS),
        middle_name: '',
        birth_date: date(born),
        sex: girl ? 'female' : 'male',
        citizenship: 'RU',
        registered_address: '',
        documents: [],
        created_at: at(opened, 11),
      });
    }
    const caseId = rnd.uuid();
    const source = rnd.pick(p.sources);
    const referralId = rnd.uuid();
    const received = opened + rnd.int(1, 6);
    rows.referrals.push({
      id: referralId,
      org_id: orgId,
      branch_id: branch,
      programme_id: ctx.programmeIds[p.index],
      received_at: at(received, 12),
      received_by: rnd.pick([staff.coordinator!, staff.case_worker!]),
      source: source[0],
      source_organization: source[1],
      caller_name: source[0] === 'self' ? 'Сама' : '',
      client_last_name: surname,
      client_first_name: first,
      summary: rnd.pick(p.situations),
      urgency: rnd.pick(['normal', 'normal', 'high', 'emergency']),
      status: 'admitted',
      outcome_note: '',
      family_id: familyId,
      intake: {
        metOn: date(opened),
        location: housed ? 'Офис центра' : 'Дом семьи',
        staffIds: [staff.case_worker],
        participants: 'Мама, специалист',
        findings: 'Соответствует критериям программы.',
        programmeId: ctx.programmeIds[p.index],
        eligibility: [],
        decision: 'admit',
        decisionReason: '',
        caseId,
      },
      created_at: at(received, 12),
    });
    rows.cases.push({
      id: caseId,
      org_id: orgId,
      family_id: familyId,
      programme_id: ctx.programmeIds[p.index],
      branch_id: branch,
      referral_id: referralId,
      lead_id: staff.case_worker,
      status,
      opened_on: date(opened),
      closed_on: closedAgo === null ? null : date(closedAgo),
      closing_outcome: outcome?.[0] ?? null,
      closing_reason: outcome?.[1] ?? '',
      risk_flags: rnd.pick(p.flags),
      post_support_since: postSince === null ? null : date(postSince),
      created_by: staff.coordinator,
      created_at: at(opened, 11),
    });
    rows.team.push({ org_id: orgId, case_id: caseId, user_id: staff.case_worker, role: 'lead' });
    if (p.services.includes('psy_individual'))
      rows.team.push({ org_id: orgId, case_id: caseId, user_id: staff.psychologist, role: 'psychologist' });
    if (p.services.includes('legal_consultation'))
      rows.team.push({ org_id: orgId, case_id: caseId, user_id: staff.lawyer, role: 'lawyer' });
    event(caseId, opened, staff.coordinator!, 'case_opened', { openedOn: date(opened) });
    event(caseId, opened, staff.case_worker!, 'status_changed', { status: { from: 'intake', to: 'active' }, action: 'activate' });
    if (postSince !== null)
      event(caseId, postSince, staff.coordinator!, 'status_changed', {
        status: { from: 'active', to: 'post_support' },
        action: 'to_post_support',
      });
    if (closedAgo !== null)
      event(caseId, closedAgo, staff.coordinator!, 'status_changed', {
        status: { from: postSince === null ? 'active' : 'post_support', to: 'closed' },
        action: 'close',
        outcome: outcome![0],
        reason: outcome![1],
      });
    const end = Math.max(activeEnd, 0);
    spans.push({ branch: p.branch, caseId, motherId, from: opened, to: end });

    // A stay for the families of the centre and the apartments, on a place free for all its days.
    if (housed) {
      const inAgo = opened - rnd.int(0, 3);
      const outAgo = Math.max(activeEnd, 2);
      const facilityPlaces = places.filter((x) => (p.index === 0 ? x.facility === 'Тёплый дом' : x.facility !== 'Тёплый дом'));
      const bed = facilityPlaces.find((x) => x.kind === 'mother' && free(x.id, inAgo, outAgo));
      const cot = bed && facilityPlaces.find((x) => x.kind === 'child' && x.facility_id === bed.facility_id && free(x.id, inAgo, outAgo));
      if (bed && outAgo < inAgo) {
        const stayId = rnd.uuid();
        // A family still supported has moved on to a rented room: today's board keeps the named families only.
        const reason = activeEnd > 0 ? rnd.pick(LEAVE) : 'shared_rent';
        rows.stays.push({
          id: stayId,
          org_id: orgId,
          facility_id: bed.facility_id,
          branch_id: branch,
          case_id: caseId,
          family_id: familyId,
          check_in_on: date(inAgo),
          planned_leave_on: addMonths(date(inAgo), 6),
          check_out_on: date(outAgo),
          leave_reason: reason,
          created_by: staff.shelter_admin,
          created_at: at(inAgo, 15),
        });
        take(bed.id, inAgo, outAgo);
        rows.placements.push({
          org_id: orgId,
          stay_id: stayId,
          facility_id: bed.facility_id,
          member_id: motherId,
          place_id: bed.id,
          kind: 'mother',
          person: 'woman',
          from_on: date(inAgo),
          to_on: date(outAgo),
        });
        if (cot) {
          take(cot.id, inAgo, outAgo);
          rows.placements.push({
            org_id: orgId,
            stay_id: stayId,
            facility_id: bed.facility_id,
            member_id: childIds[0],
            place_id: cot.id,
            kind: 'child',
            person: 'child',
            from_on: date(inAgo),
            to_on: date(outAgo),
          });
        }
        event(caseId, inAgo, staff.shelter_admin!, 'stay_checked_in', { stayId, facilityId: bed.facility_id, checkInOn: date(inAgo) });
        event(caseId, outAgo, staff.shelter_admin!, 'stay_checked_out', { stayId, on: date(outAgo), reason });
      }
    }

    // Consultations and visits week by week while the family is supported, help after leaving after.
    for (let d = opened - rnd.int(1, 4); d > end; d -= rnd.int(3, 9)) service(caseId, rnd.pick(p.services), d, p.index, [motherId]);
    if (postSince !== null)
      for (let d = postSince - rnd.int(10, 25); d > (closedAgo ?? 0); d -= rnd.int(18, 35))
        service(caseId, rnd.pick(['after_leaving_help', 'after_leaving_help', 'supervisor_visit']), d, p.index, [motherId]);

    // The plan, usually within the two weeks, with tasks done or not by their due dates, reviewed quarterly.
    const madeAgo = opened - (rnd.chance(0.85) ? rnd.int(3, 13) : rnd.int(15, 25));
    if (madeAgo > 0 && madeAgo > end) {
      const planId = rnd.uuid();
      const participants = [
        { kind: 'mother', name: `${first} ${surname}`, userId: null },
        { kind: 'staff', name: 'Кузнецова Анна Павловна', userId: staff.case_worker },
      ];
      const desiredFuture = rnd.pick([
        'Жить с ребёнком в своём жилье и работать',
        'Дети дома, в тепле, ходят в школу',
        'Спокойная жизнь с ребёнком рядом с мамой',
      ]);
      const goalViews: Row[] = [];
      let tasksTotal = 0;
      let tasksDone = 0;
      const picked = [...GOALS].sort(() => rnd.next() - 0.5).slice(0, rnd.int(2, 3));
      picked.forEach(([domain, title, taskTitles], gi) => {
        const goalId = rnd.uuid();
        const taskViews: Row[] = [];
        taskTitles.forEach((taskTitle, ti) => {
          const due = madeAgo - rnd.int(10, Math.max(length - 5, 15));
          const past = due > 0;
          const status = past ? (rnd.chance(0.8) ? 'done' : 'not_done') : rnd.pick(['planned', 'in_progress']);
          const completed = status === 'done' ? date(Math.max(due + rnd.int(-3, 5), 0)) : null;
          const taskId = rnd.uuid();
          rows.tasks.push({
            id: taskId,
            org_id: orgId,
            plan_id: planId,
            goal_id: goalId,
            position: ti,
            title: taskTitle,
            responsible_kind: ti === 0 ? 'staff' : 'mother',
            responsible_user_id: ti === 0 ? staff.case_worker : null,
            responsible_name: '',
            due_on: date(due),
            status,
            completed_on: completed,
          });
          tasksTotal++;
          if (status === 'done') tasksDone++;
          taskViews.push({
            id: taskId,
            title: taskTitle,
            responsibleKind: ti === 0 ? 'staff' : 'mother',
            responsibleUserId: ti === 0 ? staff.case_worker : null,
            responsibleName: '',
            dueOn: date(due),
            status,
            note: '',
            completedOn: completed,
            version: 1,
          });
        });
        const goalStatus = closedAgo !== null ? (rnd.chance(0.75) ? 'achieved' : 'not_achieved') : 'open';
        rows.goals.push({ id: goalId, org_id: orgId, plan_id: planId, position: gi, domain, title, status: goalStatus });
        goalViews.push({ id: goalId, domain, title, status: goalStatus, fromAssessmentId: null, tasks: taskViews });
      });
      const reviewDays: number[] = [];
      for (let r = madeAgo - 90; r > Math.max(end, 1); r -= 90) reviewDays.push(r);
      const nextReview = (reviewDays.at(-1) ?? madeAgo) - 90;
      rows.plans.push({
        id: planId,
        org_id: orgId,
        case_id: caseId,
        desired_future: desiredFuture,
        participants,
        start_on: date(madeAgo),
        next_review_on: date(nextReview),
        made_on: date(madeAgo),
        created_by: staff.case_worker,
        created_at: at(madeAgo, 16),
        updated_at: at(madeAgo, 16),
      });
      event(caseId, madeAgo, staff.case_worker!, 'plan_created', {
        planId,
        madeOn: date(madeAgo),
        goals: goalViews.length,
        tasks: tasksTotal,
      });
      for (const r of reviewDays) {
        // The plan as it was: the same goals and tasks (the demo keeps its plans unchanged between reviews).
        const snapshot = {
          id: planId,
          caseId,
          desiredFuture,
          participants,
          startOn: date(madeAgo),
          nextReviewOn: date(r),
          madeOn: date(madeAgo),
          goals: goalViews,
          progress: {
            tasksTotal,
            tasksDone,
            goalsTotal: goalViews.length,
            goalsAchieved: 0,
            share: tasksTotal ? tasksDone / tasksTotal : null,
          },
          version: 1,
          createdAt: at(madeAgo, 16),
        };
        rows.reviews.push({
          org_id: orgId,
          plan_id: planId,
          reviewed_on: date(r),
          reviewed_by: staff.case_worker,
          participants,
          summary: rnd.pick([
            'Задачи идут по плану, сроки сохраняем.',
            'Жильё пока не найдено, добавили поиск через родственников.',
            'Пособие оформлено, ребёнок прикреплён к поликлинике.',
          ]),
          snapshot,
          changes: [],
          created_at: at(r, 15),
        });
        event(caseId, r, staff.case_worker!, 'plan_reviewed', { planId, reviewedOn: date(r) });
      }
    }

    // Follow-ups 3, 6 and 12 months after leaving the active phase, once their day has come.
    if (closedAgo !== null && outcome![0] !== 'contact_lost') {
      const left = date(postSince ?? closedAgo);
      for (const milestone of [3, 6, 12] as const) {
        const on = addMonths(left, milestone);
        const onAgo = ago(on) - 2;
        if (onAgo < 1 || ago(on) < 0 || rnd.chance(0.15)) continue;
        const serviceId = service(caseId, 'follow_up_contact', onAgo, p.index);
        rows.followUps.push({
          org_id: orgId,
          case_id: caseId,
          service_id: serviceId,
          milestone,
          contacted_on: date(onAgo),
          child_with_family: outcome![0] === 'with_relatives' ? 'relatives' : rnd.chance(0.9) ? 'yes' : 'unknown',
          housing: outcome![0] === 'with_relatives' ? 'with_relatives' : rnd.pick(['own_home', 'rented', 'rented', 'with_partner']),
          place: region,
          created_by: staff.case_worker,
        });
        event(caseId, onAgo, staff.case_worker!, 'follow_up_recorded', { milestone, contactedOn: date(onAgo), childWithFamily: 'yes' });
      }
    }
  }

  // Referrals that did not become cases: signposted elsewhere or declined, now and then.
  for (let n = 0; n < 40; n++) {
    const p = rnd.pick(PROGRAMMES);
    const received = rnd.int(2, HISTORY_DAYS);
    const source = rnd.pick(p.sources);
    const signposted = rnd.chance(0.6);
    rows.referrals.push({
      id: rnd.uuid(),
      org_id: orgId,
      branch_id: ctx.branchIds[p.branch],
      programme_id: ctx.programmeIds[p.index],
      received_at: at(received, 13),
      received_by: staff.coordinator,
      source: source[0],
      source_organization: source[1],
      caller_name: '',
      client_last_name: rnd.pick(SURNAMES),
      client_first_name: rnd.pick(MOTHERS),
      summary: rnd.pick(p.situations),
      urgency: 'normal',
      status: signposted ? 'signposted' : 'declined',
      family_id: null,
      intake: null,
      outcome_note: signposted ? 'Направлена в центр социальной помощи по месту жительства' : 'Не соответствует критериям программы',
      created_at: at(received, 13),
    });
  }

  // Group work week by week: house meetings and workshops at the centre, the parents' club in
  // Великие Луки, a support group in Хабаровск; mothers of the cases supported that day attend.
  const groups: { branch: number; kind: string; every: number; topics: string[]; facilitator: string; minutes: number }[] = [
    {
      branch: 0,
      kind: 'house_meeting',
      every: 7,
      topics: ['Собрание дома: дежурства и правила', 'Собрание дома: планы на неделю'],
      facilitator: staff.shelter_admin!,
      minutes: 60,
    },
    {
      branch: 0,
      kind: 'workshop',
      every: 14,
      topics: ['Школа мам: прикорм', 'Финансовая грамотность', 'Как составить резюме', 'Первая помощь ребёнку'],
      facilitator: staff.psychologist!,
      minutes: 90,
    },
    {
      branch: 2,
      kind: 'parents_club',
      every: 7,
      topics: ['Клуб родителей: границы и правила', 'Клуб родителей: подростки', 'Клуб родителей: семейный бюджет'],
      facilitator: staff.case_worker!,
      minutes: 120,
    },
    { branch: 1, kind: 'group_therapy', every: 14, topics: ['Группа поддержки мам'], facilitator: staff.psychologist!, minutes: 90 },
  ];
  for (const g of groups) {
    for (let d = HISTORY_DAYS - rnd.int(0, g.every); d >= 1; d -= g.every) {
      const sessionId = rnd.uuid();
      rows.sessions.push({
        id: sessionId,
        org_id: orgId,
        branch_id: ctx.branchIds[g.branch],
        kind: g.kind,
        series: '',
        topic: rnd.pick(g.topics),
        date: date(d),
        duration_minutes: g.minutes,
        facilitator_ids: [g.facilitator],
        outside_adults: g.kind === 'parents_club' ? rnd.int(0, 4) : 0,
        outside_children: 0,
        summary: '',
        created_by: g.facilitator,
        created_at: at(d, 18),
      });
      for (const s of spans)
        if (s.branch === g.branch && s.from >= d && s.to < d && rnd.chance(0.7))
          rows.attendance.push({ org_id: orgId, session_id: sessionId, case_id: s.caseId, member_id: s.motherId });
    }
  }

  await bulkInsert(
    tx,
    'families',
    { id: 'uuid', org_id: 'uuid', branch_id: 'uuid', name: 'text', created_at: 'timestamptz' },
    rows.families,
  );
  await bulkInsert(
    tx,
    'members',
    {
      id: 'uuid',
      org_id: 'uuid',
      family_id: 'uuid',
      position: 'int4',
      relation: 'text',
      last_name: 'text',
      first_name: 'text',
      middle_name: 'text',
      birth_date: 'date',
      sex: 'text',
      citizenship: 'text',
      registered_address: 'text',
      documents: 'jsonb',
      created_at: 'timestamptz',
    },
    rows.members,
  );
  await bulkInsert(
    tx,
    'cases',
    {
      id: 'uuid',
      org_id: 'uuid',
      family_id: 'uuid',
      programme_id: 'uuid',
      branch_id: 'uuid',
      lead_id: 'uuid',
      status: 'text',
      opened_on: 'date',
      closed_on: 'date',
      closing_outcome: 'text',
      closing_reason: 'text',
      risk_flags: 'text[]',
      post_support_since: 'date',
      created_by: 'uuid',
      created_at: 'timestamptz',
    },
    rows.cases,
  );
  await bulkInsert(
    tx,
    'referrals',
    {
      id: 'uuid',
      org_id: 'uuid',
      branch_id: 'uuid',
      programme_id: 'uuid',
      received_at: 'timestamptz',
      received_by: 'uuid',
      source: 'text',
      source_organization: 'text',
      caller_name: 'text',
      client_last_name: 'text',
      client_first_name: 'text',
      summary: 'text',
      urgency: 'text',
      status: 'text',
      family_id: 'uuid',
      intake: 'jsonb',
      outcome_note: 'text',
      created_at: 'timestamptz',
    },
    rows.referrals,
  );
  await tx.execute(sql`update cases c set referral_id = r.id from referrals r
    where r.org_id = ${orgId} and c.org_id = ${orgId} and (r.intake ->> 'caseId') = c.id::text and c.referral_id is null`);
  await bulkInsert(tx, 'case_team', { org_id: 'uuid', case_id: 'uuid', user_id: 'uuid', role: 'text' }, rows.team);
  await bulkInsert(
    tx,
    'stays',
    {
      id: 'uuid',
      org_id: 'uuid',
      facility_id: 'uuid',
      branch_id: 'uuid',
      case_id: 'uuid',
      family_id: 'uuid',
      check_in_on: 'date',
      planned_leave_on: 'date',
      check_out_on: 'date',
      leave_reason: 'text',
      created_by: 'uuid',
      created_at: 'timestamptz',
    },
    rows.stays,
  );
  await bulkInsert(
    tx,
    'placements',
    {
      org_id: 'uuid',
      stay_id: 'uuid',
      facility_id: 'uuid',
      member_id: 'uuid',
      place_id: 'uuid',
      kind: 'text',
      person: 'text',
      from_on: 'date',
      to_on: 'date',
    },
    rows.placements,
  );
  await bulkInsert(
    tx,
    'services',
    {
      id: 'uuid',
      org_id: 'uuid',
      case_id: 'uuid',
      type_id: 'uuid',
      date: 'date',
      duration_minutes: 'int4',
      format: 'text',
      initiated_by: 'text',
      specialist_ids: 'uuid[]',
      member_ids: 'uuid[]',
      note: 'text',
      created_by: 'uuid',
      created_at: 'timestamptz',
    },
    rows.services,
  );
  await bulkInsert(
    tx,
    'plans',
    {
      id: 'uuid',
      org_id: 'uuid',
      case_id: 'uuid',
      desired_future: 'text',
      participants: 'jsonb',
      start_on: 'date',
      next_review_on: 'date',
      made_on: 'date',
      created_by: 'uuid',
      created_at: 'timestamptz',
      updated_at: 'timestamptz',
    },
    rows.plans,
  );
  await bulkInsert(
    tx,
    'plan_goals',
    { id: 'uuid', org_id: 'uuid', plan_id: 'uuid', position: 'int4', domain: 'text', title: 'text', status: 'text' },
    rows.goals,
  );
  await bulkInsert(
    tx,
    'plan_tasks',
    {
      id: 'uuid',
      org_id: 'uuid',
      plan_id: 'uuid',
      goal_id: 'uuid',
      position: 'int4',
      title: 'text',
      responsible_kind: 'text',
      responsible_user_id: 'uuid',
      responsible_name: 'text',
      due_on: 'date',
      status: 'text',
      completed_on: 'date',
    },
    rows.tasks,
  );
  await bulkInsert(
    tx,
    'plan_reviews',
    {
      org_id: 'uuid',
      plan_id: 'uuid',
      reviewed_on: 'date',
      reviewed_by: 'uuid',
      participants: 'jsonb',
      summary: 'text',
      snapshot: 'jsonb',
      changes: 'jsonb',
      created_at: 'timestamptz',
    },
    rows.reviews,
  );
  await bulkInsert(
    tx,
    'follow_ups',
    {
      org_id: 'uuid',
      case_id: 'uuid',
      service_id: 'uuid',
      milestone: 'int4',
      contacted_on: 'date',
      child_with_family: 'text',
      housing: 'text',
      place: 'text',
      created_by: 'uuid',
    },
    rows.followUps,
  );
  await bulkInsert(
    tx,
    'group_sessions',
    {
      id: 'uuid',
      org_id: 'uuid',
      branch_id: 'uuid',
      kind: 'text',
      series: 'text',
      topic: 'text',
      date: 'date',
      duration_minutes: 'int4',
      facilitator_ids: 'uuid[]',
      outside_adults: 'int4',
      outside_children: 'int4',
      summary: 'text',
      created_by: 'uuid',
      created_at: 'timestamptz',
    },
    rows.sessions,
  );
  await bulkInsert(tx, 'group_attendance', { org_id: 'uuid', session_id: 'uuid', case_id: 'uuid', member_id: 'uuid' }, rows.attendance);
  await bulkInsert(
    tx,
    'case_events',
    { org_id: 'uuid', case_id: 'uuid', at: 'timestamptz', actor_id: 'uuid', kind: 'text', data: 'jsonb' },
    rows.events,
  );
}
