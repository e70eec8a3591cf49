// Demo mentoring for the «Выход» programme: the mentors' school (the shipped programme and primary
// diagnostic), a cohort that trained two resource families and is training a third, a mentoring
// specialist, two families of the programme — one mentored by the Сомовы family (who sign in as
// mentor@demo.hearth) and a mentoring specialist, with their meetings logged — and a supervision.
// Every person is fictional.
import { sql } from 'drizzle-orm';
import { phoneDigits } from '../../domain/families/people.js';
import { scoreDomains, TemplateInput } from '../../domain/assessments/template.js';
import { diagnosticPassed } from '../../domain/mentoring/rules.js';
import { MENTOR_DIAGNOSTIC, MENTOR_DIAGNOSTIC_CODE, SHIPPED_TRAINING_PROGRAMME } from '../../domain/mentoring/shipped.js';
import { caseEvents, caseTeam, cases, families, members } from '../cases/tables.js';
import type { Tx } from '../db/engine.js';
import type { DemoContext } from './demo-casework.js';

const dateAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);
const MENTORING = 2;
const BRANCH = 0;

async function mentoredFamily(
  tx: Tx,
  ctx: DemoContext,
  name: string,
  people: {
    relation: string;
    lastName?: string;
    firstName: string;
    birthDate: string;
    sex: string;
    phone?: string;
    actualAddress?: string;
  }[],
  openedDaysAgo: number,
): Promise<{ familyId: string; caseId: string }> {
  const [fam] = await tx
    .insert(families)
    .values({ orgId: ctx.orgId, branchId: ctx.branchIds[BRANCH]!, name, createdBy: ctx.staff.coordinator })
    .returning({ id: families.id });
  await tx
    .insert(members)
    .values(
      people.map((p, position) => ({ ...p, orgId: ctx.orgId, familyId: fam!.id, position, phoneDigits: phoneDigits(p.phone ?? '') })),
    );
  const [kase] = await tx
    .insert(cases)
    .values({
      orgId: ctx.orgId,
      familyId: fam!.id,
      programmeId: ctx.programmeIds[MENTORING]!,
      branchId: ctx.branchIds[BRANCH]!,
      leadId: ctx.staff.case_worker!,
      status: 'active',
      openedOn: dateAgo(openedDaysAgo),
      riskFlags: [],
      createdBy: ctx.staff.coordinator,
    })
    .returning({ id: cases.id });
  await tx.insert(caseTeam).values([{ orgId: ctx.orgId, caseId: kase!.id, userId: ctx.staff.case_worker!, role: 'lead' }]);
  await tx.insert(caseEvents).values([
    {
      orgId: ctx.orgId,
      caseId: kase!.id,
      actorId: ctx.staff.coordinator,
      kind: 'case_opened',
      data: { openedOn: dateAgo(openedDaysAgo) },
      occurredOn: dateAgo(openedDaysAgo),
    },
  ]);
  return { familyId: fam!.id, caseId: kase!.id };
}

export async function seedDemoMentoring(tx: Tx, ctx: DemoContext): Promise<void> {
  const org = ctx.orgId;
  const branch = ctx.branchIds[BRANCH]!;
  const coordinator = ctx.staff.coordinator!;
  const psychologist = ctx.staff.psychologist!;

  // The primary diagnostic among the assessment templates, and the mentors' school.
  const existing = await tx.execute<{ id: string }>(
    sql`select id::text from assessment_templates where org_id = ${org} and code = ${MENTOR_DIAGNOSTIC_CODE} and is_current`,
  );
  const templateId =
    existing.rows[0]?.id ??
    (
      await tx.execute<{ id: string }>(sql`insert into assessment_templates (org_id, code, version, definition)
        values (${org}, ${MENTOR_DIAGNOSTIC_CODE}, 1, ${JSON.stringify(TemplateInput.parse(MENTOR_DIAGNOSTIC))}::jsonb) returning id::text`)
    ).rows[0]!.id;
  const p = SHIPPED_TRAINING_PROGRAMME;
  const programmeId = (
    await tx.execute<{
      id: string;
    }>(sql`insert into mentor_training_programmes (org_id, name, sessions, min_sessions, diagnostic_template_code, diagnostic_pass_score)
      values (${org}, ${p.name}, ${JSON.stringify(p.sessions)}::jsonb, ${p.minSessions}, ${p.diagnosticTemplateCode}, ${p.diagnosticPassScore}) returning id::text`)
  ).rows[0]!.id;

  const mentor = async (m: {
    kind: string;
    name: string;
    locality: string;
    experience: string[];
    capacity: number;
    registeredDaysAgo: number;
    phone?: string;
    userId?: string;
  }) => {
    const on = dateAgo(m.registeredDaysAgo);
    const id = (
      await tx.execute<{
        id: string;
      }>(sql`insert into mentors (org_id, branch_id, kind, display_name, user_id, phone, locality, experience, capacity,
          status, status_on, registered_on, created_by)
        values (${org}, ${branch}, ${m.kind}, ${m.name}, ${m.userId ?? null}, ${m.phone ?? ''}, ${m.locality}, ${`{${m.experience.join(',')}}`}::text[],
          ${m.capacity}, 'candidate', ${on}, ${on}, ${coordinator}) returning id::text`)
    ).rows[0]!.id;
    await tx.execute(sql`insert into mentor_status_changes (org_id, mentor_id, from_status, to_status, changed_on, changed_by)
      values (${org}, ${id}, null, 'candidate', ${on}, ${coordinator})`);
    return id;
  };
  const move = async (id: string, from: string, to: string, daysAgo: number, extra = sql``) => {
    await tx.execute(sql`update mentors set status = ${to}, status_on = ${dateAgo(daysAgo)} ${extra} where id = ${id}`);
    await tx.execute(sql`insert into mentor_status_changes (org_id, mentor_id, from_status, to_status, changed_on, changed_by)
      values (${org}, ${id}, ${from}, ${to}, ${dateAgo(daysAgo)}, ${coordinator})`);
  };

  const somovy = await mentor({
    kind: 'resource_family',
    name: 'Семья Сомовых',
    locality: 'Москва',
    experience: ['large_family', 'housing_loss'],
    capacity: 2,
    registeredDaysAgo: 150,
    phone: '+7 916 204-11-35',
    ...(ctx.staff.mentor && { userId: ctx.staff.mentor }),
  });
  const lebedevy = await mentor({
    kind: 'resource_family',
    name: 'Семья Лебедевых',
    locality: 'Москва',
    experience: ['single_parent', 'young_mother'],
    capacity: 1,
    registeredDaysAgo: 150,
  });
  const orlovy = await mentor({
    kind: 'resource_family',
    name: 'Семья Орловых',
    locality: 'Подольск',
    experience: ['child_disability'],
    capacity: 1,
    registeredDaysAgo: 60,
  });
  const kovaleva = await mentor({
    kind: 'specialist',
    name: 'Ковалёва Ирина Петровна',
    locality: 'Москва',
    experience: ['crisis_pregnancy', 'domestic_violence'],
    capacity: 4,
    registeredDaysAgo: 200,
  });

  // The spring cohort: six sessions, the Сомовы and Лебедевы completed; the Орловы joined late.
  const cohortId = (
    await tx.execute<{ id: string }>(sql`insert into mentor_cohorts (org_id, programme_id, branch_id, name, starts_on, ends_on, created_by)
      values (${org}, ${programmeId}, ${branch}, 'Школа наставников — весна', ${dateAgo(140)}, ${dateAgo(90)}, ${coordinator}) returning id::text`)
  ).rows[0]!.id;
  await tx.execute(sql`insert into mentor_cohort_trainers (org_id, cohort_id, user_id) values (${org}, ${cohortId}, ${psychologist})`);
  for (const [id, enrolled] of [
    [somovy, 145],
    [lebedevy, 145],
    [orlovy, 55],
  ] as const) {
    await tx.execute(
      sql`insert into mentor_cohort_members (org_id, cohort_id, mentor_id, enrolled_on) values (${org}, ${cohortId}, ${id}, ${dateAgo(enrolled)})`,
    );
    await move(id, 'candidate', 'in_training', enrolled);
  }
  for (let session = 1; session <= 6; session++) {
    const sessionId = (
      await tx.execute<{ id: string }>(sql`insert into mentor_cohort_sessions (org_id, cohort_id, session_no, held_on)
        values (${org}, ${cohortId}, ${session}, ${dateAgo(140 - session * 8)}) returning id::text`)
    ).rows[0]!.id;
    const present = session === 3 ? [somovy] : session >= 5 ? [somovy, lebedevy, orlovy] : [somovy, lebedevy];
    for (const id of present)
      await tx.execute(sql`insert into mentor_attendance (org_id, cohort_session_id, mentor_id) values (${org}, ${sessionId}, ${id})`);
  }
  const answers = (value: number) => Object.fromEntries(MENTOR_DIAGNOSTIC.domains.flatMap((d) => d.questions.map((q) => [q.code, value])));
  for (const [id, value] of [
    [somovy, 3],
    [lebedevy, 2],
  ] as const) {
    const scores = scoreDomains(MENTOR_DIAGNOSTIC.domains, answers(value));
    const result = diagnosticPassed(scores, p.diagnosticPassScore);
    await tx.execute(sql`insert into mentor_diagnostics (org_id, mentor_id, cohort_id, template_id, conducted_on, answers, scores, score, passed, conducted_by)
      values (${org}, ${id}, ${cohortId}, ${templateId}, ${dateAgo(95)}, ${JSON.stringify(answers(value))}::jsonb, ${JSON.stringify(scores)}::jsonb,
        ${result.score}, ${result.passed}, ${psychologist})`);
    await tx.execute(
      sql`update mentor_cohort_members set completed_on = ${dateAgo(90)} where cohort_id = ${cohortId} and mentor_id = ${id}`,
    );
    await move(id, 'in_training', 'trained', 90, sql`, trained_on = ${dateAgo(90)}::date`);
  }
  await move(kovaleva, 'candidate', 'in_training', 190);
  await move(kovaleva, 'in_training', 'trained', 170, sql`, trained_on = ${dateAgo(170)}::date`);

  // Two families of «Выход»: the Васильевы, mentored by the Сомовы and the specialist; the Гусевы, proposed to the Лебедевы.
  const vasilievy = await mentoredFamily(
    tx,
    ctx,
    'Васильева Ксения',
    [
      {
        relation: 'mother',
        lastName: 'Васильева',
        firstName: 'Ксения',
        birthDate: '1996-02-11',
        sex: 'female',
        phone: '+7 915 330-42-17',
        actualAddress: 'г. Москва, ул. Лесная, д. 8',
      },
      { relation: 'child', lastName: 'Васильев', firstName: 'Артём', birthDate: '2019-07-03', sex: 'male' },
      { relation: 'child', lastName: 'Васильева', firstName: 'Соня', birthDate: dateAgo(300), sex: 'female' },
    ],
    80,
  );
  const gusevy = await mentoredFamily(
    tx,
    ctx,
    'Гусева Алина',
    [
      { relation: 'mother', lastName: 'Гусева', firstName: 'Алина', birthDate: '2005-05-20', sex: 'female' },
      { relation: 'child', lastName: 'Гусев', firstName: 'Миша', birthDate: dateAgo(120), sex: 'male' },
    ],
    20,
  );
  const names = new Map([
    [somovy, 'Семья Сомовых'],
    [lebedevy, 'Семья Лебедевых'],
    [kovaleva, 'Ковалёва Ирина Петровна'],
  ]);
  // The case's timeline tells of the match as the routes do (src/server/mentoring/matches.ts).
  const told = async (caseId: string, kind: string, matchId: string, mentorId: string, role: string, daysAgo: number) =>
    tx.execute(sql`insert into case_events (org_id, case_id, actor_id, kind, data, occurred_on)
      values (${org}, ${caseId}, ${ctx.staff.case_worker!}, ${kind},
        ${JSON.stringify({ matchId, role, mentorName: names.get(mentorId) ?? '' })}::jsonb, ${dateAgo(daysAgo)})`);
  const match = async (caseId: string, mentorId: string, role: string, startedDaysAgo: number | null, proposedDaysAgo: number) => {
    const id = (
      await tx.execute<{
        id: string;
      }>(sql`insert into mentor_matches (org_id, case_id, mentor_id, role, status, proposed_on, family_agreed_on, mentor_agreed_on,
          started_on, created_by)
        values (${org}, ${caseId}, ${mentorId}, ${role}, ${startedDaysAgo === null ? 'proposed' : 'active'}, ${dateAgo(proposedDaysAgo)},
          ${startedDaysAgo === null ? null : dateAgo(startedDaysAgo + 2)}, ${startedDaysAgo === null ? null : dateAgo(startedDaysAgo + 1)},
          ${startedDaysAgo === null ? null : dateAgo(startedDaysAgo)}, ${ctx.staff.case_worker!}) returning id::text`)
    ).rows[0]!.id;
    await told(caseId, 'mentoring_proposed', id, mentorId, role, proposedDaysAgo);
    if (startedDaysAgo !== null) await told(caseId, 'mentoring_started', id, mentorId, role, startedDaysAgo);
    return id;
  };
  const withSomovy = await match(vasilievy.caseId, somovy, 'mentor_family', 60, 65);
  const withKovaleva = await match(vasilievy.caseId, kovaleva, 'mentoring_specialist', 70, 72);
  await match(gusevy.caseId, lebedevy, 'mentor_family', null, 5);
  await move(somovy, 'trained', 'active', 60);
  await move(kovaleva, 'trained', 'active', 70);

  const log = async (matchId: string, mentorId: string, kind: string, daysAgo: number, minutes: number, note: string, byMentor: boolean) =>
    tx.execute(sql`insert into mentoring_log (org_id, match_id, case_id, mentor_id, kind, occurred_on, duration_minutes, note, entered_by, entered_by_mentor)
      values (${org}, ${matchId}, ${vasilievy.caseId}, ${mentorId}, ${kind}, ${dateAgo(daysAgo)}, ${minutes}, ${note},
        ${byMentor && ctx.staff.mentor ? ctx.staff.mentor : ctx.staff.case_worker!}, ${byMentor && Boolean(ctx.staff.mentor)})`);
  await log(withSomovy, somovy, 'meeting', 55, 120, 'Знакомство, пили чай, договорились гулять по субботам', true);
  await log(withSomovy, somovy, 'joint_activity', 41, 180, 'Вместе ходили в поликлинику и на детскую площадку', true);
  await log(withSomovy, somovy, 'call', 20, 20, 'Ксения рассказала, что Артём пошёл на кружок', true);
  await log(withKovaleva, kovaleva, 'meeting', 35, 60, 'Встреча о распорядке дня малыша', false);

  // A group supervision of the mentors.
  const supervision = (
    await tx.execute<{
      id: string;
    }>(sql`insert into mentor_supervisions (org_id, branch_id, held_on, duration_minutes, topic, summary, facilitator_id)
      values (${org}, ${branch}, ${dateAgo(30)}, 90, 'Границы в отношениях с подопечной семьёй', 'Разобрали два случая, договорились о звонках куратору', ${psychologist})
      returning id::text`)
  ).rows[0]!.id;
  for (const id of [somovy, kovaleva, lebedevy])
    await tx.execute(
      sql`insert into mentor_supervision_attendance (org_id, supervision_id, mentor_id) values (${org}, ${supervision}, ${id})`,
    );
}
