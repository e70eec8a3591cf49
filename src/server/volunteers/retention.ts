// The volunteers' retention kinds of the privacy area (issue 17, point 2), registered through its hook:
//
// - Applications of volunteers who never started: the register has no move of theirs to active and no
//   completed shift — an applicant or a screened candidate who went no further, or who left (was
//   declined, withdrew) before the first day. Their period (months) runs from the last step on the
//   path (status_on): the day they left, or the day an application stopped moving.
// - Volunteers who started and then left: a move to active or a completed shift, and status «left».
//   Their period (years) runs from the day they left (status_on, back-dated as it happened).
//
// Destruction anonymises the record in place: the name, contacts, city, skills, availability, how they
// heard of us, interview notes and the certificate's dates are overwritten, the reasons of their status
// moves blanked and the record's files deleted from their store. The row, its status path, team
// memberships and sign-ups with their hours stay, so every volunteer figure of a past period — hours
// per volunteer, team or branch, shifts, first moves to active — is what it was, counted for a volunteer
// now named «—». For one who started, also: the sign-in account (made only for an active volunteer and
// deactivated when they left) loses its name, e-mail, phone, password and second factor, and the shared
// tasks they signed up for lose their names (every case form, the diminutives) and phone.
import { sql, type SQL } from 'drizzle-orm';
import { endUserSessions } from '../auth/sessions.js';
import type { Tx } from '../db/engine.js';
import type { Deps } from '../http/context.js';
import { destroyOwnerFiles } from '../files/attachments.js';
import { cutNames, diminutivePattern, namePattern, phonePattern } from '../privacy/group-records.js';
import { registerRetentionSource, type RetentionSource, type SourceKind } from '../privacy/registry.js';
import { VOLUNTEER_FILE_KINDS } from './certificate-files.js';
import { day, type Row } from './common.js';

const started = sql`(exists (select 1 from volunteer_status_changes c where c.volunteer_id = v.id and c.to_status = 'active')
  or exists (select 1 from volunteer_signups s where s.volunteer_id = v.id and s.status = 'completed'))`;

const WHO: Record<SourceKind, SQL> = {
  volunteer_application: sql`not ${started} and v.status in ('applicant', 'screened', 'left')`,
  former_volunteer: sql`${started} and v.status = 'left'`,
};

async function due(tx: Tx, kind: SourceKind) {
  const rows = await tx.execute<Row>(sql`select v.id::text, trim(v.last_name || ' ' || v.first_name) as label, b.name as branch_name,
      v.status_on as ended_on
    from volunteers v join branches b on b.id = v.branch_id
    where ${WHO[kind]}
      and not exists (select 1 from destruction_acts a where a.record_kind = ${kind} and a.record_id = v.id)
    order by v.status_on limit 1000`);
  return rows.rows.map((r) => ({
    id: r.id as string,
    label: r.label as string,
    branchName: r.branch_name as string,
    endedOn: day(r.ended_on),
  }));
}

/** The shared tasks a volunteer signed up for lose the volunteer's names and phone (titles and needs name who goes). */
async function cutFromTasks(tx: Tx, id: string, person: Row): Promise<void> {
  const names = [person.last_name, person.first_name, person.middle_name].map(String).filter((n) => n.trim() !== '');
  const patterns = [namePattern(names), diminutivePattern([String(person.first_name)]), phonePattern([String(person.phone)])];
  const tasks = await tx.execute<Row>(sql`select t.id::text, t.title, t.needs from volunteer_tasks t
    where exists (select 1 from volunteer_signups s where s.task_id = t.id and s.volunteer_id = ${id})`);
  for (const task of tasks.rows) {
    const title = cutNames(String(task.title), patterns);
    const needs = cutNames(String(task.needs), patterns);
    if (title !== task.title || needs !== task.needs) {
      await tx.execute(sql`update volunteer_tasks set title = ${title}, needs = ${needs} where id = ${task.id as string}`);
    }
  }
}

function source(kind: SourceKind, subject: string): RetentionSource {
  return {
    kind,
    subject,
    due: (tx) => due(tx, kind),
    async destroy(tx: Tx, deps: Deps, orgId: string, id: string) {
      const person = (await tx.execute<Row>(sql`select v.* from volunteers v where v.id = ${id} and ${WHO[kind]} for update`)).rows[0];
      // The privacy area found it in the due list a moment ago; anything else is a bug, not a 404.
      if (!person) throw new Error(`the volunteer is not one of the kind ${kind}`);
      if (kind === 'former_volunteer') await cutFromTasks(tx, id, person);
      await tx.execute(sql`update volunteers set last_name = '—', first_name = '—', middle_name = '', phone = '', email = '', city = '',
        skills = '', availability = '', heard_from = '', interview_notes = '', interview_on = null,
        certificate_issued_on = null, certificate_valid_until = null, version = version + 1 where id = ${id}`);
      await tx.execute(sql`update volunteer_status_changes set reason = '' where volunteer_id = ${id} and reason <> ''`);
      const userId = person.user_id as string | null;
      if (userId) {
        // The account stays as a row (the audit log and the records they made point to it) with no identity
        // and no way in: an e-mail that is no address, no password hash any password verifies against.
        await tx.execute(sql`update users set last_name = '—', first_name = '—', middle_name = '', phone = '',
          email = ${`removed-${userId}@invalid`}, password_hash = '', totp_secret = null, totp_enabled = false, active = false,
          version = version + 1, updated_at = now() where id = ${userId}`);
        await endUserSessions(tx, userId);
      }
      // Every file of the record: the certificate's scan, the signed agreement, the other papers.
      const files = { versions: 0 };
      for (const fileKind of VOLUNTEER_FILE_KINDS) files.versions += (await destroyOwnerFiles(tx, deps, orgId, fileKind, id)).versions;
      return {
        dataCategories: [
          'identity',
          'contacts',
          'volunteer_records',
          ...(userId ? ['account'] : []),
          ...(files.versions > 0 ? ['files'] : []),
        ],
        method: 'anonymisation',
        media: files.versions > 0 ? ['database', 'file_storage'] : ['database'],
      };
    },
  };
}

registerRetentionSource(source('volunteer_application', 'volunteer_applicant'));
registerRetentionSource(source('former_volunteer', 'former_volunteer'));
