// The coordinator's volunteer reminders: certificates of no criminal record of active and paused
// volunteers ending within the organisation's days (or ended), and child-related shifts to come put
// on hold by them. Read by the register (GET /api/volunteers/reminders) and by "My work"
// (GET /api/my-work, for those who keep the register: volunteers.manage), always within the branches
// the caller works in.
import { sql } from 'drizzle-orm';
import type { Reminders } from '../../domain/volunteers/contracts.js';
import { daysLeft } from '../../domain/volunteers/rules.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { branchScope, dayOrNull, fullName, iso, num, type Row } from './common.js';

export async function findReminders(tx: Tx, actor: Actor, today: string): Promise<Reminders> {
  const settings = (await tx.execute<Row>(sql`select reminder_days from volunteer_settings`)).rows[0];
  if (!settings || actor.branchIds.length === 0) return { certificates: [], onHold: [] };
  const soon = new Date(Date.parse(today) + num(settings.reminder_days) * 86_400_000).toISOString().slice(0, 10);
  const certificates = await tx.execute<Row>(sql`select v.id::text, ${fullName('v')} as name, v.certificate_valid_until
    from volunteers v where v.status in ('active', 'paused') and ${branchScope(actor, 'v')}
      and v.certificate_valid_until is not null and v.certificate_valid_until <= ${soon}
    order by v.certificate_valid_until limit 200`);
  const onHold = await tx.execute<Row>(sql`select s.id::text as signup_id, t.id::text as task_id, t.title, t.starts_at,
      v.id::text as volunteer_id, ${fullName('v')} as volunteer_name
    from volunteer_signups s join volunteer_tasks t on t.id = s.task_id join volunteers v on v.id = s.volunteer_id
    where s.status = 'signed_up' and t.child_related and t.status = 'open' and s.task_on >= ${today} and ${branchScope(actor, 't')}
      and (v.certificate_valid_until is null or v.certificate_valid_until < s.task_on)
    order by t.starts_at limit 200`);
  return {
    certificates: certificates.rows.map((r) => {
      const until = dayOrNull(r.certificate_valid_until);
      return { volunteerId: r.id as string, name: r.name as string, validUntil: until, daysLeft: until ? daysLeft(until, today) : null };
    }),
    onHold: onHold.rows.map((r) => ({
      signupId: r.signup_id as string,
      taskId: r.task_id as string,
      title: r.title as string,
      startsAt: iso(r.starts_at),
      volunteerId: r.volunteer_id as string,
      volunteerName: r.volunteer_name as string,
    })),
  };
}
