// Demo feedback: exit interviews held with the mothers of the demo cases that moved to post-support
// or closed, and unsigned satisfaction surveys left at the Moscow shelter over the year. The answers
// are fictional; the words stay with the case team and the shelter's desk.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import type { DemoContext } from './demo-casework.js';

const dateAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

const EXIT_ANSWERS = [
  {
    figures: { helped: 5, trust: 5, ready: 4, most_useful: 'psychologist', recommend: true, contact_after: true },
    words: 'Спасибо, что не оставили одну.',
  },
  {
    figures: { helped: 4, trust: 4, ready: 3, most_useful: 'lawyer', recommend: true, contact_after: true },
    words: 'Хотелось бы больше встреч с юристом.',
  },
  { figures: { helped: 4, trust: 5, ready: 4, most_useful: 'housing', recommend: true, contact_after: false }, words: '' },
  {
    figures: { helped: 3, trust: 3, ready: 2, most_useful: 'social', recommend: false, contact_after: true },
    words: 'Было тяжело соблюдать правила дома.',
  },
];

const SURVEY_ANSWERS = [
  { overall: 5, respect: 5, conditions: 4, heard: true, contact_way: 'in_person' },
  { overall: 4, respect: 5, conditions: 3, heard: true, contact_way: 'phone' },
  { overall: 5, respect: 4, conditions: 4, heard: true, contact_way: 'messenger' },
  { overall: 3, respect: 4, conditions: 2, heard: false, contact_way: 'phone' },
  { overall: 4, respect: 4, conditions: 4, heard: true, contact_way: 'messenger' },
  { overall: 5, respect: 5, conditions: 5, heard: true, contact_way: 'in_person' },
];

export async function seedDemoFeedback(tx: Tx, ctx: DemoContext): Promise<void> {
  const templates = await tx.execute<{ id: string; code: string }>(
    sql`select id::text, code from feedback_templates where org_id = ${ctx.orgId} and is_current`,
  );
  const templateId = (code: string) => templates.rows.find((t) => t.code === code)!.id;
  const cases = await tx.execute<{ id: string; branch_id: string; programme_id: string; lead_id: string }>(sql`
    select id::text, branch_id::text, programme_id::text, lead_id::text from cases
    where org_id = ${ctx.orgId} and status in ('post_support', 'closed') order by opened_on`);
  for (const [i, c] of cases.rows.slice(0, EXIT_ANSWERS.length).entries()) {
    const answers = EXIT_ANSWERS[i]!;
    await tx.execute(sql`insert into feedback_responses
        (org_id, template_id, template_code, case_id, branch_id, programme_id, responded_on, answers, comments, created_by)
      values (${ctx.orgId}, ${templateId('exit_interview')}, 'exit_interview', ${c.id}, ${c.branch_id}, ${c.programme_id}, ${dateAgo(20 + i * 25)},
        ${JSON.stringify(answers.figures)}::jsonb, ${JSON.stringify(answers.words ? { improve: answers.words } : {})}::jsonb, ${c.lead_id})`);
  }
  const shelter = await tx.execute<{ id: string; branch_id: string; programme_id: string | null }>(sql`
    select id::text, branch_id::text, programme_id::text from facilities where org_id = ${ctx.orgId} and kind = 'shelter' order by name limit 1`);
  const facility = shelter.rows[0];
  if (!facility) return;
  for (const [i, figures] of SURVEY_ANSWERS.entries()) {
    await tx.execute(sql`insert into feedback_responses
        (org_id, template_id, template_code, facility_id, branch_id, programme_id, responded_on, answers, comments, created_by)
      values (${ctx.orgId}, ${templateId('satisfaction')}, 'satisfaction', ${facility.id}, ${facility.branch_id}, ${facility.programme_id},
        ${dateAgo(10 + i * 30)}, ${JSON.stringify(figures)}::jsonb, ${JSON.stringify(i === 1 ? { comment: 'Хорошо бы детскую площадку во дворе.' } : {})}::jsonb,
        ${ctx.staff.shelter_admin!})`);
  }
}
