// Demo data protection (issue 17): an access request of a mother of the named demo families received
// a week ago and due in a few working days (the admin answers for it and sees it on her home page),
// and a deletion request from a woman not found in the records, received the day before yesterday.
// Every person is fictional.
import { sql } from 'drizzle-orm';
import { requestDeadline } from '../../domain/privacy/deadlines.js';
import type { Tx } from '../db/engine.js';
import type { DemoContext } from './demo-casework.js';

const dateAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoPrivacy(tx: Tx, ctx: DemoContext): Promise<void> {
  const admin = ctx.staff.admin!;
  const mother = (
    await tx.execute<{ id: string; family_id: string }>(
      sql`select m.id::text, m.family_id::text from members m join families f on f.id = m.family_id
        where m.org_id = ${ctx.orgId} and m.relation = 'mother' order by f.created_at, m.position limit 1`,
    )
  ).rows[0];
  if (mother) {
    const received = dateAgo(7);
    await tx.execute(sql`insert into subject_requests (org_id, kind, received_on, due_on, family_id, member_id, channel, responsible_id, created_by)
      values (${ctx.orgId}, 'access', ${received}, ${requestDeadline('access', received)}, ${mother.family_id}, ${mother.id}, 'in_person', ${admin}, ${admin})`);
  }
  const received = dateAgo(2);
  await tx.execute(sql`insert into subject_requests (org_id, kind, received_on, due_on, subject_name, subject_contact, channel, responsible_id, created_by)
    values (${ctx.orgId}, 'deletion', ${received}, ${requestDeadline('deletion', received)}, 'Лебедева Мария Петровна', 'Почтовый адрес: г. Псков, ул. Вымышленная, д. 1', 'post', ${admin}, ${admin})`);
}
