// The scan of a volunteer's certificate of no criminal record is an attachment of the volunteer's
// record (owner kind 'volunteer_certificate', the files area of issue 16): read by those who reach the
// volunteer (volunteers.read, the volunteer's branch), attached and replaced by those who keep the
// register (volunteers.manage). A certificate is no family's record.
import { sql } from 'drizzle-orm';
import { registerOwnerKind } from '../files/owners.js';
import { branchScope } from './common.js';

registerOwnerKind({
  kind: 'volunteer_certificate',
  read: ['volunteers.read'],
  reach: async (tx, actor, ownerId) => {
    const found = await tx.execute(sql`select 1 from volunteers v where v.id = ${ownerId} and ${branchScope(actor, 'v')}`);
    return found.rows.length > 0 ? { familyId: null } : null;
  },
  canManage: (_tx, actor) => actor.permissions.has('volunteers.manage'),
});
