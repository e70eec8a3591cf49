// Demo trainings: one fictional past seminar on the case-management technology at the Moscow centre
// (two sessions of 8 hours), with the partners' demo specialists (or fictional ones of its own when
// the partners demo has none) and a staff member registered, attendance, tests, completion and
// numbered certificates; and a consultation for a speech therapist.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import type { DemoContext } from './demo-casework.js';

const dateAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const OWN_SPECIALISTS = [
  { lastName: 'Гордеева', firstName: 'Вера', profession: 'speech_therapist', city: 'Псков', region: 'Псковская область' },
  { lastName: 'Ласточкина', firstName: 'Ирина', profession: 'defectologist', city: 'Великие Луки', region: 'Псковская область' },
  { lastName: 'Беляков', firstName: 'Олег', profession: 'guardianship_inspector', city: 'Псков', region: 'Псковская область' },
  { lastName: 'Тимофеева', firstName: 'Анна', profession: 'psychologist', city: 'Хабаровск', region: 'Хабаровский край' },
];

export async function seedDemoTrainings(tx: Tx, ctx: DemoContext): Promise<void> {
  let specialists = (
    await tx.execute<{ id: string; profession: string }>(sql`select id::text, profession from external_specialists
      where org_id = ${ctx.orgId} and active order by created_at, last_name limit 4`)
  ).rows;
  if (specialists.length < 3) {
    for (const s of OWN_SPECIALISTS)
      await tx.execute(sql`insert into external_specialists (org_id, last_name, first_name, profession, city, region, consent_on)
        values (${ctx.orgId}, ${s.lastName}, ${s.firstName}, ${s.profession}, ${s.city}, ${s.region}, ${dateAgo(120)})`);
    specialists = (
      await tx.execute<{ id: string; profession: string }>(sql`select id::text, profession from external_specialists
        where org_id = ${ctx.orgId} and active order by created_at, last_name limit 4`)
    ).rows;
  }
  const start = dateAgo(40);
  const end = dateAgo(39);
  const training = (
    await tx.execute<{
      id: string;
    }>(sql`insert into trainings (org_id, branch_id, programme_id, kind, title, curriculum, starts_on, ends_on,
        hours, place, teaches_case_management, min_hours, min_post_score, created_by)
      values (${ctx.orgId}, ${ctx.branchIds[0]}, ${ctx.programmeIds[0]}, 'seminar', 'Технология ведения случая: оценка и план',
        ${'День 1: оценка потребностей, рисков и ресурсов семьи.\nДень 2: индивидуальный план сопровождения, работа команды.'},
        ${start}, ${end}, 16, 'Москва, ул. Садовая, 12, зал', true, 12, 60, ${ctx.staff.coordinator!}) returning id::text`)
  ).rows[0]!.id;
  await tx.execute(sql`insert into training_trainers (org_id, training_id, position, user_id)
    values (${ctx.orgId}, ${training}, 0, ${ctx.staff.coordinator!}), (${ctx.orgId}, ${training}, 1, ${ctx.staff.supervisor!})`);
  const sessions: string[] = [];
  for (const [heldOn, topic] of [
    [start, 'Оценка потребностей, рисков и ресурсов'],
    [end, 'Индивидуальный план и команда случая'],
  ] as const)
    sessions.push(
      (
        await tx.execute<{ id: string }>(sql`insert into training_sessions (org_id, training_id, held_on, hours, topic)
          values (${ctx.orgId}, ${training}, ${heldOn}, 8, ${topic}) returning id::text`)
      ).rows[0]!.id,
    );
  // Everyone but the last specialist came to both days and passed the post-test; the last came to
  // the first day only and did not complete.
  const people = [
    ...specialists.map((s) => ({ specialistId: s.id, userId: null })),
    { specialistId: null, userId: ctx.staff.case_worker! },
  ];
  const highest = (
    await tx.execute<{ max: number | null }>(sql`select max(certificate_seq) as max from training_participants
      where org_id = ${ctx.orgId} and certificate_year = ${Number(end.slice(0, 4))}`)
  ).rows[0]?.max;
  let seq = Number(highest ?? 0);
  for (const [i, person] of people.entries()) {
    const completes = i !== specialists.length - 1;
    const id = (
      await tx.execute<{
        id: string;
      }>(sql`insert into training_participants (org_id, training_id, user_id, specialist_id, registered_on, pre_score, post_score)
        values (${ctx.orgId}, ${training}, ${person.userId}, ${person.specialistId}, ${dateAgo(50)}, ${40 + i * 5}, ${completes ? 80 + i : 45})
        returning id::text`)
    ).rows[0]!.id;
    for (const session of completes ? sessions : sessions.slice(0, 1))
      await tx.execute(sql`insert into training_attendance (org_id, session_id, participant_id) values (${ctx.orgId}, ${session}, ${id})`);
    if (!completes) continue;
    seq += 1;
    const year = Number(end.slice(0, 4));
    await tx.execute(sql`update training_participants set completed_on = ${end}, certificate_year = ${year}, certificate_seq = ${seq},
      certificate_number = ${`${year}-${String(seq).padStart(4, '0')}`}, certificate_issued_on = ${dateAgo(38)} where id = ${id}`);
  }
  const speech = specialists.find((s) => s.profession === 'speech_therapist') ?? specialists[0]!;
  const consultation = (
    await tx.execute<{
      id: string;
    }>(sql`insert into specialist_consultations (org_id, branch_id, programme_id, given_on, minutes, topic, given_by)
      values (${ctx.orgId}, ${ctx.branchIds[0]}, ${ctx.programmeIds[0]}, ${dateAgo(20)}, 90,
        'Развитие речи у детей раннего возраста из семей в трудной ситуации', ${ctx.staff.psychologist!}) returning id::text`)
  ).rows[0]!.id;
  await tx.execute(sql`insert into specialist_consultation_people (org_id, consultation_id, specialist_id)
    values (${ctx.orgId}, ${consultation}, ${speech.id})`);
}
