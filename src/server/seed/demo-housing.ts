// Demo housing: the temporary stay centre «Тёплый дом» in Moscow (six places for mothers, six cots)
// where Гульнара and her son live now and Анастасия lived before she graduated, two crisis
// apartments in Хабаровск, a family admitted and waiting for a place, and a few journal entries.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import { addMonths } from '../../domain/housing/figures.js';
import type { DemoContext } from './demo-casework.js';

const dateAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function facility(
  tx: Tx,
  ctx: DemoContext,
  f: { branch: number; programme: number; kind: string; name: string; address: string; rooms: [string, number, number][] },
): Promise<{ id: string; places: Record<string, { id: string; kind: string }[]> }> {
  const row = await tx.execute<{ id: string }>(sql`
    insert into facilities (org_id, branch_id, programme_id, kind, name, address, rules_version)
    values (${ctx.orgId}, ${ctx.branchIds[f.branch]}, ${ctx.programmeIds[f.programme]}, ${f.kind}, ${f.name}, ${f.address}, '2026-1')
    returning id`);
  const id = row.rows[0]!.id;
  const places: Record<string, { id: string; kind: string }[]> = {};
  for (const [name, beds, cots] of f.rooms) {
    const room = await tx.execute<{ id: string }>(
      sql`insert into rooms (org_id, facility_id, name) values (${ctx.orgId}, ${id}, ${name}) returning id`,
    );
    places[name] = [];
    const list = [
      ...Array.from({ length: beds }, (_, i) => ['mother', `${name}: кровать ${i + 1}`]),
      ...Array.from({ length: cots }, (_, i) => ['child', `${name}: кроватка ${i + 1}`]),
    ];
    for (const [kind, label] of list) {
      const place = await tx.execute<{ id: string }>(sql`
        insert into places (org_id, facility_id, room_id, kind, label) values (${ctx.orgId}, ${id}, ${room.rows[0]!.id}, ${kind}, ${label}) returning id`);
      places[name].push({ id: place.rows[0]!.id, kind: kind! });
    }
  }
  return { id, places };
}

async function familyOf(tx: Tx, ctx: DemoContext, lastName: string) {
  const rows = await tx.execute<{ case_id: string; family_id: string; member_id: string; relation: string }>(sql`
    select c.id as case_id, c.family_id, m.id as member_id, m.relation from cases c join members m on m.family_id = c.family_id
    where c.org_id = ${ctx.orgId} and c.family_id in (select family_id from members where last_name = ${lastName} and relation = 'mother')
    order by m.position`);
  return rows.rows;
}

async function stay(
  tx: Tx,
  ctx: DemoContext,
  f: { id: string; branch: number },
  people: { case_id: string; family_id: string; member_id: string; relation: string }[],
  places: { id: string; kind: string }[],
  s: { inDaysAgo: number; outDaysAgo?: number; reason?: string },
): Promise<void> {
  const checkIn = dateAgo(s.inDaysAgo);
  const out = s.outDaysAgo === undefined ? null : dateAgo(s.outDaysAgo);
  const row = await tx.execute<{ id: string }>(sql`
    insert into stays (org_id, facility_id, branch_id, case_id, family_id, check_in_on, planned_leave_on, check_out_on, leave_reason, created_by)
    values (${ctx.orgId}, ${f.id}, ${ctx.branchIds[f.branch]}, ${people[0]!.case_id}, ${people[0]!.family_id}, ${checkIn},
      ${addMonths(checkIn, 6)}, ${out}, ${s.reason ?? null}, ${ctx.staff.shelter_admin})
    returning id`);
  const free = [...places];
  for (const person of people.filter((p) => p.relation === 'mother' || p.relation === 'child')) {
    const kind = person.relation === 'child' ? 'child' : 'mother';
    const place = free.splice(
      free.findIndex((p) => p.kind === kind),
      1,
    )[0]!;
    await tx.execute(sql`insert into placements (org_id, stay_id, facility_id, member_id, place_id, kind, person, from_on, to_on)
      values (${ctx.orgId}, ${row.rows[0]!.id}, ${f.id}, ${person.member_id}, ${place.id}, ${kind}, ${kind === 'child' ? 'child' : 'woman'}, ${checkIn}, ${out})`);
  }
  await tx.execute(sql`insert into case_events (org_id, case_id, at, actor_id, kind, data)
    values (${ctx.orgId}, ${people[0]!.case_id}, ${new Date(Date.now() - s.inDaysAgo * 86_400_000).toISOString()}, ${ctx.staff.shelter_admin},
      'stay_checked_in', ${JSON.stringify({ stayId: row.rows[0]!.id, facilityId: f.id, checkInOn: checkIn })}::jsonb)`);
  if (out)
    await tx.execute(sql`insert into case_events (org_id, case_id, at, actor_id, kind, data)
      values (${ctx.orgId}, ${people[0]!.case_id}, ${new Date(Date.now() - s.outDaysAgo! * 86_400_000).toISOString()}, ${ctx.staff.shelter_admin},
        'stay_checked_out', ${JSON.stringify({ stayId: row.rows[0]!.id, on: out, reason: s.reason })}::jsonb)`);
}

/** A family admitted to the Moscow centre and waiting for a place: Алина with her newborn Варвара. */
async function waitingFamily(tx: Tx, ctx: DemoContext): Promise<void> {
  const family = await tx.execute<{ id: string }>(sql`
    insert into families (org_id, branch_id, name, created_by) values (${ctx.orgId}, ${ctx.branchIds[0]}, 'Соколова Алина', ${ctx.staff.coordinator})
    returning id`);
  const familyId = family.rows[0]!.id;
  await tx.execute(sql`insert into members (org_id, family_id, position, relation, last_name, first_name, middle_name, birth_date, sex, citizenship)
    values (${ctx.orgId}, ${familyId}, 0, 'mother', 'Соколова', 'Алина', 'Игоревна', '2005-02-11', 'female', 'RU'),
           (${ctx.orgId}, ${familyId}, 1, 'child', 'Соколова', 'Варвара', '', ${dateAgo(20)}, 'female', 'RU')`);
  const c = await tx.execute<{ id: string }>(sql`
    insert into cases (org_id, family_id, programme_id, branch_id, lead_id, status, opened_on, risk_flags, created_by)
    values (${ctx.orgId}, ${familyId}, ${ctx.programmeIds[0]}, ${ctx.branchIds[0]}, ${ctx.staff.case_worker}, 'active', ${dateAgo(3)},
      '{no_housing}', ${ctx.staff.coordinator})
    returning id`);
  await tx.execute(sql`insert into case_team (org_id, case_id, user_id, role) values
    (${ctx.orgId}, ${c.rows[0]!.id}, ${ctx.staff.case_worker}, 'lead'), (${ctx.orgId}, ${c.rows[0]!.id}, ${ctx.staff.psychologist}, 'psychologist')`);
  await tx.execute(sql`insert into case_events (org_id, case_id, actor_id, kind, data)
    values (${ctx.orgId}, ${c.rows[0]!.id}, ${ctx.staff.coordinator}, 'case_opened', ${JSON.stringify({ openedOn: dateAgo(3) })}::jsonb)`);
}

export async function seedDemoHousing(tx: Tx, ctx: DemoContext): Promise<void> {
  const moscow = await facility(tx, ctx, {
    branch: 0,
    programme: 0,
    kind: 'shelter',
    name: 'Тёплый дом',
    address: 'Москва, Заречная ул., д. 5 (адрес не разглашается)',
    rooms: [
      ['Комната 1', 2, 2],
      ['Комната 2', 2, 2],
      ['Комната 3', 2, 2],
    ],
  });
  for (const [name, address] of [
    ['Квартира на Ленина', 'Хабаровск, ул. Ленина (адрес не разглашается)'],
    ['Квартира на Карла Маркса', 'Хабаровск, ул. Карла Маркса (адрес не разглашается)'],
  ] as const) {
    await facility(tx, ctx, { branch: 1, programme: 1, kind: 'crisis_apartment', name, address, rooms: [['Спальня', 2, 2]] });
  }
  const rahimova = await familyOf(tx, ctx, 'Рахимова');
  if (rahimova.length > 0) await stay(tx, ctx, { id: moscow.id, branch: 0 }, rahimova, moscow.places['Комната 1']!, { inDaysAgo: 75 });
  const kozlova = await familyOf(tx, ctx, 'Козлова');
  if (kozlova.length > 0)
    await stay(tx, ctx, { id: moscow.id, branch: 0 }, kozlova, moscow.places['Комната 2']!, {
      inDaysAgo: 240,
      outDaysAgo: 50,
      reason: 'graduated',
    });
  await waitingFamily(tx, ctx);
  const at = (hoursAgo: number) => new Date(Date.now() - hoursAgo * 3_600_000).toISOString();
  await tx.execute(sql`insert into house_journal (org_id, facility_id, kind, at, shift, on_duty_id, text, recorded_by) values
    (${ctx.orgId}, ${moscow.id}, 'visitor', ${at(30)}, 'day', ${ctx.staff.shelter_admin}, 'Приходила волонтёр Екатерина, занималась с Амиром.', ${ctx.staff.shelter_admin}),
    (${ctx.orgId}, ${moscow.id}, 'handover', ${at(14)}, 'day', ${ctx.staff.shelter_admin}, 'Гульнаре завтра к юристу в 11:00. Амир покашливает — проверить температуру утром.', ${ctx.staff.shelter_admin})`);
}
