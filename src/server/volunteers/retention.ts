// Applications of volunteers who never started (issue 17, point 2): a retention kind of the privacy
// area, registered through its hook. A volunteer never started when the register has no move of theirs
// to active and no completed shift — an applicant or a screened candidate who went no further, or who
// left (was declined, withdrew) before the first day. Their period runs from the last step on the path
// (status_on): the day they left, or the day an application stopped moving.
//
// Destruction anonymises the record in place (the row, its status path and sign-ups stay, so counts of
// teams and tasks keep their rows; none of the volunteer figures counts a volunteer who never started:
// they count shifts completed, first moves to active and teams): the name, contacts, city, skills,
// availability, how they heard of us, interview notes and the certificate's dates are overwritten, the
// reasons of their status moves blanked and the certificate scan deleted from its store. (An account is
// made only for an active volunteer, so one who never started has none.)
import { sql } from 'drizzle-orm';
import { destroyOwnerFiles } from '../files/attachments.js';
import { registerRetentionSource } from '../privacy/registry.js';
import { VOLUNTEER_FILE_KINDS } from './certificate-files.js';
import { day, type Row } from './common.js';

const neverStarted = sql`not exists (select 1 from volunteer_status_changes c where c.volunteer_id = v.id and c.to_status = 'active')
  and not exists (select 1 from volunteer_signups s where s.volunteer_id = v.id and s.status = 'completed')
  and v.status in ('applicant', 'screened', 'left')`;

registerRetentionSource({
  kind: 'volunteer_application',
  async due(tx) {
    const rows = await tx.execute<Row>(sql`select v.id::text, trim(v.last_name || ' ' || v.first_name) as label, b.name as branch_name,
        v.status_on as ended_on
      from volunteers v join branches b on b.id = v.branch_id
      where ${neverStarted}
        and not exists (select 1 from destruction_acts a where a.record_kind = 'volunteer_application' and a.record_id = v.id)
      order by v.status_on limit 1000`);
    return rows.rows.map((r) => ({
      id: r.id as string,
      label: r.label as string,
      branchName: r.branch_name as string,
      endedOn: day(r.ended_on),
    }));
  },
  async destroy(tx, deps, orgId, id) {
    const row = (await tx.execute<Row>(sql`select 1 from volunteers v where v.id = ${id} and ${neverStarted} for update`)).rows[0];
    // The privacy area found it in the due list a moment ago; anything else is a bug, not a 404.
    if (!row) throw new Error('the volunteer application is not one of a volunteer who never started');
    await tx.execute(sql`update volunteers set last_name = '—', first_name = '—', middle_name = '', phone = '', email = '', city = '',
      skills = '', availability = '', heard_from = '', interview_notes = '', interview_on = null,
      certificate_issued_on = null, certificate_valid_until = null, version = version + 1 where id = ${id}`);
    await tx.execute(sql`update volunteer_status_changes set reason = '' where volunteer_id = ${id} and reason <> ''`);
    // Every file of the record: the certificate's scan, the signed agreement, the other papers.
    const files = { versions: 0 };
    for (const kind of VOLUNTEER_FILE_KINDS) files.versions += (await destroyOwnerFiles(tx, deps, orgId, kind, id)).versions;
    return {
      dataCategories: ['identity', 'contacts', 'volunteer_records', ...(files.versions > 0 ? ['files'] : [])],
      method: 'anonymisation',
      media: files.versions > 0 ? ['database', 'file_storage'] : ['database'],
    };
  },
});
