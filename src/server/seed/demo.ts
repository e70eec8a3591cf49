// The demo organisation, created on the first start of an empty database (never in production).
// All people here are fictional.
import { sql } from 'drizzle-orm';
import type { RoleCode } from '../../domain/access/permissions.js';
import { branches, programmes } from '../access/tables.js';
import { createOrganization, createUser } from '../access/organizations.js';
import { hashPassword } from '../auth/passwords.js';
import type { Engine } from '../db/engine.js';
import { system } from '../db/gateway.js';
import { seedDemoCasework } from './demo-casework.js';
import { seedDemoHousing } from './demo-housing.js';
import { seedDemoIndicators } from './demo-indicators.js';
import { seedDemoFeedback } from './demo-feedback.js';
import { seedDemoOutcomes } from './demo-outcomes.js';
import { seedDemoReports } from './demo-reports.js';
import { seedDemoAid } from './demo-aid.js';
import { seedDemoShifts } from './demo-shifts.js';
import { seedDemoPartners } from './demo-partners.js';
import { seedDemoTrainings } from './demo-trainings.js';
import { seedDemoMentoring } from './demo-mentoring.js';
import { seedDemoHistory } from './demo-history.js';
import { seedDemoVolunteers } from './demo-volunteers.js';
import { seedDemoPrivacy } from './demo-privacy.js';

export const DEMO_DOMAIN = 'demo.hearth';

const DEMO_STAFF: { role: RoleCode; lastName: string; firstName: string; middleName: string; branches: number[] }[] = [
  { role: 'admin', lastName: 'Волкова', firstName: 'Ирина', middleName: 'Сергеевна', branches: [0, 1, 2] },
  { role: 'coordinator', lastName: 'Смирнова', firstName: 'Татьяна', middleName: 'Викторовна', branches: [0, 2] },
  { role: 'case_worker', lastName: 'Кузнецова', firstName: 'Анна', middleName: 'Павловна', branches: [0, 2] },
  { role: 'psychologist', lastName: 'Лебедева', firstName: 'Мария', middleName: 'Андреевна', branches: [0] },
  { role: 'lawyer', lastName: 'Орлов', firstName: 'Дмитрий', middleName: 'Игоревич', branches: [0, 1] },
  { role: 'shelter_admin', lastName: 'Никитина', firstName: 'Светлана', middleName: 'Олеговна', branches: [0] },
  { role: 'volunteer', lastName: 'Морозова', firstName: 'Екатерина', middleName: '', branches: [0] },
  { role: 'supervisor', lastName: 'Соколов', firstName: 'Алексей', middleName: 'Николаевич', branches: [0, 1, 2] },
  { role: 'me_officer', lastName: 'Фёдорова', firstName: 'Ольга', middleName: 'Михайловна', branches: [0, 1, 2] },
  // The Сомовы resource family signs in as a mentor (demo-mentoring.ts).
  { role: 'mentor', lastName: 'Сомова', firstName: 'Наталья', middleName: 'Ивановна', branches: [0] },
];

export async function isEmpty(engine: Engine): Promise<boolean> {
  const result = await system(engine, (tx) => tx.execute<{ n: number }>(sql`select count(*)::int as n from organizations`));
  return Number(result.rows[0]?.n ?? 0) === 0;
}

export async function hasDemoUsers(engine: Engine): Promise<boolean> {
  const like = `%@${DEMO_DOMAIN}`;
  const result = await system(engine, (tx) =>
    tx.execute<{ n: number }>(sql`select count(*)::int as n from users where email like ${like}`),
  );
  return Number(result.rows[0]?.n ?? 0) > 0;
}

/**
 * `history: false` leaves out the 18 months of generated history (demo-history.ts): the browser
 * tests drive the named demo families and count on their figures, so they seed without it.
 */
export async function seedDemo(engine: Engine, password: string, options: { history?: boolean } = {}): Promise<string> {
  const passwordHash = await hashPassword(password);
  const demoOrgId = await system(engine, async (tx) => {
    const orgId = await createOrganization(tx, 'Фонд «Очаг» (демо)');
    const branchRows = await tx
      .insert(branches)
      .values([
        { orgId, name: 'Тёплый дом — Москва', city: 'Москва', region: 'Москва', address: 'ул. Садовая, д. 12' },
        { orgId, name: 'Дом для мамы — Хабаровск', city: 'Хабаровск', region: 'Хабаровский край', address: 'ул. Ленина, д. 40' },
        { orgId, name: 'Неразлучные — Псковская область', city: 'Великие Луки', region: 'Псковская область', address: 'пр. Ленина, д. 3' },
      ])
      .returning({ id: branches.id });
    const programmeRows = await tx
      .insert(programmes)
      .values([
        {
          orgId,
          name: 'Центр временного пребывания для мам с детьми',
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
          funder: 'Фонд президентских грантов',
          budget: '4800000.00',
          description:
            'Шесть мест, проживание до шести месяцев, индивидуальный план, помощь психолога, юриста и специалиста по социальной работе.',
        },
        {
          orgId,
          name: 'Кризисные квартиры «Дом для мамы»',
          periodStart: '2026-03-01',
          periodEnd: '2027-02-28',
          funder: 'Благотворительный фонд «Свет»',
          budget: '2150000.00',
          description: 'Две кризисные квартиры, волонтёрские команды, обучение специалистов из шести городов.',
        },
        {
          orgId,
          name: 'Семейное наставничество «Выход»',
          periodStart: '2026-01-01',
          periodEnd: '2026-12-31',
          funder: 'Фонд «Семья»',
          budget: '1900000.00',
          description: 'Оценка потребностей, индивидуальный план, наставничество ресурсных семей.',
        },
        {
          orgId,
          name: 'Сопровождение семей «Неразлучные»',
          periodStart: '2025-09-01',
          periodEnd: '2027-08-31',
          funder: 'Фонд поддержки детей, находящихся в трудной жизненной ситуации',
          budget: '6300000.00',
          description:
            'Кейс-менеджмент для семей в риске изъятия ребёнка: план, услуги, гуманитарная помощь, клуб родителей, постсопровождение.',
        },
      ])
      .returning({ id: programmes.id });
    const criteria = JSON.stringify([
      { code: 'infant', label: 'Ребёнок до 1 года или беременность после 30 недель' },
      { code: 'no_addiction', label: 'Нет активной алкогольной или наркотической зависимости' },
      { code: 'wants_child', label: 'Мама хочет воспитывать ребёнка сама' },
      { code: 'no_housing', label: 'Нет безопасного жилья' },
    ]);
    await tx.execute(sql`update programmes set eligibility_criteria = ${criteria}::jsonb where id = ${programmeRows[0]!.id}`);
    const staffIds: Record<string, string> = {};
    for (const staff of DEMO_STAFF) {
      staffIds[staff.role] = await createUser(tx, orgId, {
        email: `${staff.role}@${DEMO_DOMAIN}`,
        lastName: staff.lastName,
        firstName: staff.firstName,
        middleName: staff.middleName,
        password,
        passwordHash,
        roles: [staff.role],
        branchIds: staff.branches.map((index) => branchRows[index]!.id),
      });
    }
    const ctx = { orgId, branchIds: branchRows.map((b) => b.id), programmeIds: programmeRows.map((p) => p.id), staff: staffIds };
    await seedDemoCasework(tx, ctx);
    await seedDemoHousing(tx, ctx);
    await seedDemoIndicators(tx, ctx);
    await seedDemoFeedback(tx, ctx);
    await seedDemoOutcomes(tx, ctx);
    await seedDemoReports(tx, ctx);
    await seedDemoAid(tx, ctx);
    await seedDemoShifts(tx, ctx);
    await seedDemoMentoring(tx, ctx);
    await seedDemoVolunteers(tx, ctx);
    // Last: 18 months of history on families, places and days of its own.
    if (options.history !== false) await seedDemoHistory(tx, ctx);
    // After the history: its referrals from the guardianship service name the partner too.
    await seedDemoPartners(tx, ctx);
    // After the partners: the seminar's participants are their demo specialists.
    await seedDemoTrainings(tx, ctx);
    await seedDemoPrivacy(tx, ctx);
    return orgId;
  });
  // Thousands of rows just loaded, and PGlite has no autovacuum: fresh statistics keep the first
  // dashboards fast.
  await engine.exec('vacuum analyze');
  return demoOrgId;
}
