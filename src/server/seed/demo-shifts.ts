// Demo away shift (issue 14, point 6): a three-day summer shift of the mentoring programme «Выход»
// for two fictional families of the Moscow centre, held about two months ago — its daily programme,
// attendance, the parent–child interaction diagnostic at the start and the end, the analysis, the
// written summary and two consultations given there. It counts as "held with diagnostics, analysis
// and summary". Every person is fictional.
import { sql } from 'drizzle-orm';
import { scoreDomains, type Answers, type Domain } from '../../domain/assessments/template.js';
import { phoneDigits } from '../../domain/families/people.js';
import type { Tx } from '../db/engine.js';
import { caseTeam, cases, families, members } from '../cases/tables.js';
import type { DemoContext } from './demo-casework.js';

const dateAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const MENTORING = 2;
const MOSCOW = 0;

async function mentoredFamily(
  tx: Tx,
  ctx: DemoContext,
  name: string,
  mother: string,
  child: { name: string; lastName: string; birth: string; sex: string },
) {
  const [row] = await tx
    .insert(families)
    .values({ orgId: ctx.orgId, branchId: ctx.branchIds[MOSCOW]!, name, createdBy: ctx.staff.coordinator! })
    .returning({ id: families.id });
  const people = [
    { relation: 'mother', lastName: name.split(' ')[0]!, firstName: mother, birthDate: '1994-03-14', sex: 'female', phone: '' },
    { relation: 'child', lastName: child.lastName, firstName: child.name, birthDate: child.birth, sex: child.sex, phone: '' },
  ];
  const inserted = await tx
    .insert(members)
    .values(people.map((p, position) => ({ ...p, orgId: ctx.orgId, familyId: row!.id, position, phoneDigits: phoneDigits(p.phone) })))
    .returning({ id: members.id });
  const [kase] = await tx
    .insert(cases)
    .values({
      orgId: ctx.orgId,
      familyId: row!.id,
      programmeId: ctx.programmeIds[MENTORING]!,
      branchId: ctx.branchIds[MOSCOW]!,
      leadId: ctx.staff.case_worker!,
      status: 'active',
      openedOn: dateAgo(200),
      riskFlags: [],
      createdBy: ctx.staff.coordinator!,
    })
    .returning({ id: cases.id });
  await tx.insert(caseTeam).values([
    { orgId: ctx.orgId, caseId: kase!.id, userId: ctx.staff.case_worker!, role: 'lead' },
    { orgId: ctx.orgId, caseId: kase!.id, userId: ctx.staff.psychologist!, role: 'psychologist' },
  ]);
  return { caseId: kase!.id, motherId: inserted[0]!.id, childId: inserted[1]!.id };
}

export async function seedDemoShifts(tx: Tx, ctx: DemoContext): Promise<void> {
  const start = 62;
  const days = [dateAgo(start), dateAgo(start - 1), dateAgo(start - 2)];
  const a = await mentoredFamily(tx, ctx, 'Гордеева Вероника', 'Вероника', {
    name: 'Артём',
    lastName: 'Гордеев',
    birth: '2021-06-02',
    sex: 'male',
  });
  const b = await mentoredFamily(tx, ctx, 'Лаптева Ольга', 'Ольга', {
    name: 'Соня',
    lastName: 'Лаптева',
    birth: '2019-11-20',
    sex: 'female',
  });
  const shiftId = (
    await tx.execute<{ id: string }>(sql`insert into shifts
        (org_id, branch_id, programme_id, title, venue, description, starts_on, ends_on, analysis, analysed_on, analysed_by,
         summary, summary_on, summary_by, created_by)
      values (${ctx.orgId}, ${ctx.branchIds[MOSCOW]}, ${ctx.programmeIds[MENTORING]}, 'Летняя профильная смена «Вместе»',
        'База отдыха «Сосновый бор», Московская обл.',
        'Три дня для мам и детей: детско-родительские занятия, встречи с ресурсными семьями, консультации психолога.',
        ${days[0]}, ${days[2]},
        'Во взаимодействии обеих мам с детьми выросли оценки по шкалам чувствительности и эмоциональной теплоты (на 1–2 балла); управление стрессом у Ольги и Сони — без изменений. Рекомендовано продолжить встречи с наставниками.',
        ${days[2]}, ${ctx.staff.psychologist},
        'Смена проведена полностью: две семьи (2 мамы, 2 ребёнка), все три дня. Входная и итоговая диагностика взаимодействия проведены в обеих семьях. Семьи отметили пользу совместных занятий и знакомства с наставниками.',
        ${dateAgo(start - 5)}, ${ctx.staff.coordinator}, ${ctx.staff.coordinator})
      returning id::text`)
  ).rows[0]!.id;
  await tx.execute(sql`insert into shift_specialists (org_id, shift_id, user_id) values
    (${ctx.orgId}, ${shiftId}, ${ctx.staff.psychologist}), (${ctx.orgId}, ${shiftId}, ${ctx.staff.case_worker})`);
  const participants: string[] = [];
  for (const f of [a, b])
    for (const memberId of [f.motherId, f.childId]) {
      const row = await tx.execute<{ id: string }>(sql`insert into shift_participants (org_id, shift_id, kind, case_id, member_id)
        values (${ctx.orgId}, ${shiftId}, 'member', ${f.caseId}, ${memberId}) returning id::text`);
      participants.push(row.rows[0]!.id);
    }
  const programme = [
    'Заезд, знакомство, входная диагностика, вечерний круг',
    'Детско-родительские занятия, встреча с ресурсными семьями, консультации психолога',
    'Итоговая диагностика, общий праздник, отъезд',
  ];
  for (const [i, day] of days.entries()) {
    await tx.execute(
      sql`insert into shift_days (org_id, shift_id, day, programme) values (${ctx.orgId}, ${shiftId}, ${day}, ${programme[i]})`,
    );
    for (const participantId of participants)
      await tx.execute(
        sql`insert into shift_attendance (org_id, shift_id, day, participant_id) values (${ctx.orgId}, ${shiftId}, ${day}, ${participantId})`,
      );
  }
  const template = (
    await tx.execute<{ id: string; definition: unknown }>(
      sql`select id::text, definition from assessment_templates where org_id = ${ctx.orgId} and code = 'parent_child_interaction' and is_current`,
    )
  ).rows[0];
  if (template) {
    const definition = (typeof template.definition === 'string' ? JSON.parse(template.definition) : template.definition) as {
      domains: Domain[];
    };
    const diagnose = async (stage: 'start' | 'end', f: typeof a, on: string, points: number[]) => {
      const codes = ['sensitivity', 'control_conflict', 'anticipation', 'warmth', 'stress'];
      const answers: Answers = Object.fromEntries(codes.map((code, i) => [`${code}_score`, points[i]!]));
      await tx.execute(sql`insert into shift_diagnostics
          (org_id, shift_id, stage, case_id, member_id, template_id, template_code, conducted_on, conducted_by, answers, scores)
        values (${ctx.orgId}, ${shiftId}, ${stage}, ${f.caseId}, ${f.childId}, ${template.id}, 'parent_child_interaction', ${on},
          ${ctx.staff.psychologist}, ${JSON.stringify(answers)}::jsonb, ${JSON.stringify(scoreDomains(definition.domains, answers))}::jsonb)`);
    };
    await diagnose('start', a, days[0]!, [2, 3, 2, 3, 3]);
    await diagnose('end', a, days[2]!, [4, 3, 3, 4, 3]);
    await diagnose('start', b, days[0]!, [3, 2, 3, 2, 2]);
    await diagnose('end', b, days[2]!, [4, 3, 3, 4, 2]);
  }
  // Consultations of the psychologist during the shift: services linked to it, counted in the hours.
  const type = (
    await tx.execute<{ id: string }>(sql`select id::text from service_types where org_id = ${ctx.orgId} and code = 'psy_individual'`)
  ).rows[0];
  if (type)
    for (const f of [a, b])
      await tx.execute(sql`insert into services (org_id, case_id, type_id, date, duration_minutes, format, initiated_by, specialist_ids, member_ids, created_by, shift_id)
        values (${ctx.orgId}, ${f.caseId}, ${type.id}, ${days[1]}, 60, 'in_person', 'client', ${`{${ctx.staff.psychologist}}`}::uuid[],
          ${`{${f.motherId}}`}::uuid[], ${ctx.staff.psychologist}, ${shiftId})`);
}
