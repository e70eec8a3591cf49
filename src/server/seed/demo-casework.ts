// Demo families, referrals and cases for the demo organisation. Every person is fictional; the
// stories follow the kinds of situation the real programmes meet: a migrant mother who fled
// domestic violence, families referred by a rural child-protection service, a family in post-support.
import type { Tx } from '../db/engine.js';
import { phoneDigits } from '../../domain/families/people.js';
import { caseEvents, caseTeam, cases, consents, families, members, referrals, sensitiveNotes, socialContacts } from '../cases/tables.js';

export interface DemoContext {
  orgId: string;
  branchIds: string[];
  programmeIds: string[];
  staff: Record<string, string>;
}

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000);
const dateAgo = (days: number) => daysAgo(days).toISOString().slice(0, 10);
const dateAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

type MemberSeed = Partial<typeof members.$inferInsert> & { relation: string; firstName: string };

async function family(
  tx: Tx,
  ctx: DemoContext,
  branch: number,
  name: string,
  people: MemberSeed[],
  createdBy: string,
): Promise<{ id: string; memberIds: string[] }> {
  const [row] = await tx
    .insert(families)
    .values({ orgId: ctx.orgId, branchId: ctx.branchIds[branch]!, name, createdBy })
    .returning({ id: families.id });
  const inserted = await tx
    .insert(members)
    .values(people.map((p, position) => ({ ...p, orgId: ctx.orgId, familyId: row!.id, position, phoneDigits: phoneDigits(p.phone ?? '') })))
    .returning({ id: members.id });
  return { id: row!.id, memberIds: inserted.map((m) => m.id) };
}

async function openCase(
  tx: Tx,
  ctx: DemoContext,
  opts: {
    familyId: string;
    programme: number;
    branch: number;
    lead: string;
    team: [string, string][];
    openedDaysAgo: number;
    status: string;
    flags: string[];
    closed?: { daysAgo: number; outcome: string; reason: string };
  },
): Promise<string> {
  const [row] = await tx
    .insert(cases)
    .values({
      orgId: ctx.orgId,
      familyId: opts.familyId,
      programmeId: ctx.programmeIds[opts.programme]!,
      branchId: ctx.branchIds[opts.branch]!,
      leadId: ctx.staff[opts.lead]!,
      status: opts.status,
      openedOn: dateAgo(opts.openedDaysAgo),
      closedOn: opts.closed ? dateAgo(opts.closed.daysAgo) : null,
      closingOutcome: opts.closed?.outcome ?? null,
      closingReason: opts.closed?.reason ?? '',
      riskFlags: opts.flags,
      createdBy: ctx.staff.coordinator,
    })
    .returning({ id: cases.id });
  const caseId = row!.id;
  await tx
    .insert(caseTeam)
    .values([
      { orgId: ctx.orgId, caseId, userId: ctx.staff[opts.lead]!, role: 'lead' },
      ...opts.team.map(([role, who]) => ({ orgId: ctx.orgId, caseId, userId: ctx.staff[who]!, role })),
    ]);
  const events: (typeof caseEvents.$inferInsert)[] = [
    {
      orgId: ctx.orgId,
      caseId,
      actorId: ctx.staff.coordinator,
      kind: 'case_opened',
      at: daysAgo(opts.openedDaysAgo),
      data: { openedOn: dateAgo(opts.openedDaysAgo) },
    },
  ];
  if (opts.status !== 'intake') {
    events.push({
      orgId: ctx.orgId,
      caseId,
      actorId: ctx.staff[opts.lead],
      kind: 'status_changed',
      at: daysAgo(opts.openedDaysAgo - 3),
      data: { status: { from: 'intake', to: 'active' }, action: 'activate' },
    });
  }
  if (opts.status === 'post_support') {
    events.push({
      orgId: ctx.orgId,
      caseId,
      actorId: ctx.staff.coordinator,
      kind: 'status_changed',
      at: daysAgo(30),
      data: { status: { from: 'active', to: 'post_support' }, action: 'to_post_support' },
    });
  }
  if (opts.closed) {
    events.push({
      orgId: ctx.orgId,
      caseId,
      actorId: ctx.staff.coordinator,
      kind: 'status_changed',
      at: daysAgo(opts.closed.daysAgo),
      data: { status: { from: 'active', to: 'closed' }, action: 'close', outcome: opts.closed.outcome, reason: opts.closed.reason },
    });
  }
  await tx.insert(caseEvents).values(events);
  return caseId;
}

async function consent(tx: Tx, ctx: DemoContext, familyId: string, memberId: string, kinds: string[], daysAgoGiven: number, by: string) {
  await tx.insert(consents).values(
    kinds.map((kind) => ({
      orgId: ctx.orgId,
      familyId,
      memberId,
      kind,
      givenOn: dateAgo(daysAgoGiven),
      scope:
        kind === 'special_categories'
          ? 'Сведения о здоровье и безопасности — для сопровождения семьи'
          : 'Обработка персональных данных для сопровождения семьи',
      takenBy: ctx.staff[by]!,
    })),
  );
}

export async function seedDemoCasework(tx: Tx, ctx: DemoContext): Promise<void> {
  const { orgId, staff } = ctx;

  // 1. Гульнара: fled domestic violence, came from a friend's flat, now expecting a second child.
  const rahimova = await family(
    tx,
    ctx,
    0,
    'Рахимова Гульнара',
    [
      {
        relation: 'mother',
        lastName: 'Рахимова',
        firstName: 'Гульнара',
        middleName: 'Шавкатовна',
        birthDate: '1999-03-14',
        sex: 'female',
        citizenship: 'TJ',
        languages: ['таджикский', 'русский'],
        phone: '+7 916 204-18-77',
        actualAddress: 'Центр временного пребывания',
        documents: [
          { kind: 'foreign_passport', status: 'have', note: '' },
          { kind: 'migration_card', status: 'being_restored', note: 'Осталась у мужа' },
        ],
      },
      {
        relation: 'child',
        firstName: 'Амир',
        lastName: 'Рахимов',
        birthDate: dateAgo(2 * 365 + 40),
        sex: 'male',
        citizenship: 'RU',
        documents: [
          { kind: 'birth_certificate', status: 'have', note: '' },
          { kind: 'medical_policy', status: 'lost', note: '' },
        ],
      },
      { relation: 'unborn_child', firstName: '', expectedBirthDate: dateAhead(120), sex: 'unknown' },
    ],
    staff.case_worker!,
  );
  await tx.insert(socialContacts).values([
    {
      orgId,
      familyId: rahimova.id,
      name: 'Зарина (подруга)',
      kind: 'friend',
      relationship: 'подруга',
      nature: 'supportive',
      reachable: true,
      phone: '+7 925 111-22-33',
      note: 'Жила у неё две недели',
    },
    {
      orgId,
      familyId: rahimova.id,
      name: 'Муж',
      kind: 'relative',
      relationship: 'муж',
      nature: 'conflictual',
      reachable: false,
      note: 'Не сообщать местонахождение',
    },
    {
      orgId,
      familyId: rahimova.id,
      name: 'Сестра Мадина',
      kind: 'relative',
      relationship: 'сестра',
      nature: 'supportive',
      reachable: true,
      note: 'Живёт в Душанбе',
    },
  ]);
  await consent(tx, ctx, rahimova.id, rahimova.memberIds[0]!, ['personal_data', 'special_categories'], 80, 'case_worker');
  const rahimovaCase = await openCase(tx, ctx, {
    familyId: rahimova.id,
    programme: 0,
    branch: 0,
    lead: 'case_worker',
    team: [
      ['psychologist', 'psychologist'],
      ['lawyer', 'lawyer'],
      ['shelter_admin', 'shelter_admin'],
      ['volunteer', 'volunteer'],
    ],
    openedDaysAgo: 82,
    status: 'active',
    flags: ['violence', 'no_housing', 'pregnancy'],
  });
  await tx.insert(sensitiveNotes).values([
    {
      orgId,
      familyId: rahimova.id,
      memberId: rahimova.memberIds[0]!,
      section: 'domestic_violence',
      text: 'Муж применял физическое насилие, угрожал забрать сына. Обращение в полицию не подавала.',
      recordedBy: staff.psychologist!,
      recordedAt: daysAgo(75),
    },
    {
      orgId,
      familyId: rahimova.id,
      memberId: rahimova.memberIds[0]!,
      section: 'health',
      text: 'Беременность 20 недель, наблюдается в женской консультации.',
      recordedBy: staff.case_worker!,
      recordedAt: daysAgo(60),
    },
  ]);
  await tx.insert(caseEvents).values([
    {
      orgId,
      caseId: rahimovaCase,
      actorId: staff.case_worker,
      kind: 'consent_recorded',
      at: daysAgo(80),
      data: { kind: 'special_categories' },
    },
    {
      orgId,
      caseId: rahimovaCase,
      actorId: staff.psychologist,
      kind: 'sensitive_note_added',
      at: daysAgo(75),
      data: { section: 'domestic_violence' },
    },
    { orgId, caseId: rahimovaCase, actorId: staff.case_worker, kind: 'member_added', at: daysAgo(60), data: { relation: 'unborn_child' } },
  ]);
  await tx.insert(referrals).values({
    orgId,
    branchId: ctx.branchIds[0]!,
    programmeId: ctx.programmeIds[0]!,
    receivedAt: daysAgo(85).toISOString(),
    receivedBy: staff.case_worker!,
    source: 'ngo',
    sourceOrganization: 'Кризисный центр «Сёстры»',
    callerName: 'Ирина, консультант',
    clientLastName: 'Рахимова',
    clientFirstName: 'Гульнара',
    clientPhone: '+7 916 204-18-77',
    summary:
      'Ушла от мужа после побоев, с сыном 2 лет живёт у подруги, та просит съехать. Нужны жильё и юридическая помощь (развод, алименты).',
    urgency: 'high',
    status: 'admitted',
    familyId: rahimova.id,
    intake: {
      metOn: dateAgo(82),
      location: 'Квартира подруги',
      staffIds: [staff.case_worker],
      participants: 'Гульнара, Амир, специалист',
      findings: 'Нуждается в безопасном жилье, документы частично утеряны.',
      programmeId: ctx.programmeIds[0],
      eligibility: [],
      decision: 'admit',
      decisionReason: '',
      caseId: rahimovaCase,
    },
  });

  // 2. A rural family referred by the guardianship service: risk of the children being taken into care.
  const ivanovy = await family(
    tx,
    ctx,
    2,
    'Иванова Светлана',
    [
      {
        relation: 'mother',
        lastName: 'Иванова',
        firstName: 'Светлана',
        middleName: 'Николаевна',
        birthDate: '1990-07-02',
        sex: 'female',
        citizenship: 'RU',
        phone: '+7 911 356-40-12',
        registeredAddress: 'Псковская обл., Великолукский р-н, д. Бельское, ул. Полевая, 4',
        documents: [
          { kind: 'passport', status: 'have', note: '' },
          { kind: 'snils', status: 'lost', note: '' },
        ],
      },
      { relation: 'partner', lastName: 'Петров', firstName: 'Андрей', birthDate: '1987-11-20', sex: 'male', citizenship: 'RU' },
      { relation: 'child', lastName: 'Иванов', firstName: 'Егор', birthDate: '2015-09-01', sex: 'male' },
      { relation: 'child', lastName: 'Иванова', firstName: 'Полина', birthDate: '2019-04-18', sex: 'female' },
      { relation: 'child', lastName: 'Петрова', firstName: 'Варвара', birthDate: dateAgo(300), sex: 'female' },
    ],
    staff.coordinator!,
  );
  await consent(tx, ctx, ivanovy.id, ivanovy.memberIds[0]!, ['personal_data'], 40, 'case_worker');
  await openCase(tx, ctx, {
    familyId: ivanovy.id,
    programme: 3,
    branch: 2,
    lead: 'case_worker',
    team: [['lawyer', 'lawyer']],
    openedDaysAgo: 41,
    status: 'active',
    flags: ['child_removal_risk', 'no_income', 'debts'],
  });
  await tx.insert(socialContacts).values({
    orgId,
    familyId: ivanovy.id,
    name: 'Мать Светланы',
    kind: 'relative',
    relationship: 'мать',
    nature: 'neutral',
    reachable: true,
    note: 'Живёт в соседней деревне',
  });

  // 3. A family in post-support, and one whose case closed well.
  const smirnovy = await family(
    tx,
    ctx,
    2,
    'Смирнова Ольга',
    [
      {
        relation: 'mother',
        lastName: 'Смирнова',
        firstName: 'Ольга',
        middleName: 'Ивановна',
        birthDate: '1985-01-30',
        sex: 'female',
        citizenship: 'RU',
        phone: '+7 911 700-01-02',
      },
      { relation: 'child', lastName: 'Смирнов', firstName: 'Кирилл', birthDate: '2017-06-11', sex: 'male' },
    ],
    staff.coordinator!,
  );
  await consent(tx, ctx, smirnovy.id, smirnovy.memberIds[0]!, ['personal_data', 'third_party_disclosure'], 400, 'case_worker');
  await openCase(tx, ctx, {
    familyId: smirnovy.id,
    programme: 3,
    branch: 2,
    lead: 'case_worker',
    team: [],
    openedDaysAgo: 390,
    status: 'post_support',
    flags: [],
  });

  const kozlova = await family(
    tx,
    ctx,
    0,
    'Козлова Анастасия',
    [
      {
        relation: 'mother',
        lastName: 'Козлова',
        firstName: 'Анастасия',
        middleName: 'Сергеевна',
        birthDate: '2004-12-05',
        sex: 'female',
        citizenship: 'RU',
        phone: '+7 903 512-77-90',
      },
      { relation: 'child', lastName: 'Козлова', firstName: 'Ева', birthDate: dateAgo(250), sex: 'female' },
    ],
    staff.case_worker!,
  );
  await consent(tx, ctx, kozlova.id, kozlova.memberIds[0]!, ['personal_data', 'special_categories', 'photo_video'], 240, 'case_worker');
  await openCase(tx, ctx, {
    familyId: kozlova.id,
    programme: 0,
    branch: 0,
    lead: 'case_worker',
    team: [['psychologist', 'psychologist']],
    openedDaysAgo: 245,
    status: 'closed',
    flags: [],
    closed: { daysAgo: 50, outcome: 'independent_living', reason: 'Сняла комнату, вышла на работу, Ева в яслях' },
  });

  // 4. Referrals waiting for triage: one long overdue, one with an intake meeting booked.
  await tx.insert(referrals).values([
    {
      orgId,
      branchId: ctx.branchIds[2]!,
      programmeId: ctx.programmeIds[3]!,
      receivedAt: daysAgo(4).toISOString(),
      receivedBy: staff.coordinator!,
      source: 'guardianship',
      sourceOrganization: 'Отдел опеки и попечительства Великолукского района',
      callerName: 'Специалист опеки Н. В. Громова',
      callerContact: '+7 81153 3-11-45',
      clientLastName: 'Соловьёва',
      clientFirstName: 'Марина',
      clientPhone: '+7 911 800-45-67',
      summary: 'Семья с тремя детьми, печь в аварийном состоянии, нет дров на зиму. Опека рассматривает вопрос об отобрании детей.',
      urgency: 'emergency',
    },
    {
      orgId,
      branchId: ctx.branchIds[0]!,
      programmeId: ctx.programmeIds[0]!,
      receivedAt: daysAgo(1).toISOString(),
      receivedBy: staff.shelter_admin!,
      source: 'maternity_hospital',
      sourceOrganization: 'Родильный дом № 17',
      callerName: 'Психолог роддома',
      clientLastName: 'Егорова',
      clientFirstName: 'Кристина',
      clientBirthDate: '2006-08-21',
      summary: 'Родила два дня назад, думает об отказе от ребёнка: нет жилья, родители выгнали.',
      urgency: 'high',
      status: 'intake_scheduled',
      intakeScheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      intakeLocation: 'Родильный дом № 17, 3 этаж',
      intakeAssignedTo: staff.psychologist!,
    },
    {
      orgId,
      branchId: ctx.branchIds[1]!,
      receivedAt: daysAgo(0.2).toISOString(),
      receivedBy: staff.coordinator!,
      source: 'hotline',
      callerName: 'Сама',
      clientFirstName: 'Надежда',
      summary: 'Звонок на горячую линию: конфликт с сожителем, двое детей, просит консультацию юриста.',
      urgency: 'normal',
    },
  ]);
}
