// The files of a volunteer's record, in the files area of issue 16: the scan of the certificate of no
// criminal record ('volunteer_certificate'), the signed volunteer agreement ('volunteer_agreement')
// and the record's other papers ('volunteer': a paper application, a reference). A certificate is no
// family's record.
//   - Staff: read by those who reach the volunteer (volunteers.read, the volunteer's branch — another
//     branch's worker gets 404, its list and every file URL alike), attached, replaced and removed by
//     those who keep the register (volunteers.manage).
//   - The volunteer themself (volunteer.families, signed in with the account made from the record):
//     their own certificate and agreement, read-only — the documents they handed in and signed, which
//     they may ask for anyway (152-FZ, art. 14). Not the record's other papers: those are the
//     coordinator's working file. Anyone else's volunteer record: 404.
import { sql, type SQL } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { registerOwnerKind, type OwnerReach } from '../files/owners.js';
import { branchScope } from './common.js';

/** Every owner kind of a volunteer's record (what destroying a volunteer's data must destroy too). */
export const VOLUNTEER_FILE_KINDS = ['volunteer_certificate', 'volunteer_agreement', 'volunteer'] as const;

function reachVolunteer(ownVisible: boolean) {
  return async (tx: Tx, actor: Actor, ownerId: string): Promise<OwnerReach | null> => {
    const staff = actor.permissions.has('volunteers.read') ? branchScope(actor, 'v') : sql`false`;
    const own: SQL = ownVisible && actor.permissions.has('volunteer.families') ? sql`v.user_id = ${actor.userId}` : sql`false`;
    const found = await tx.execute(sql`select 1 from volunteers v where v.id = ${ownerId} and (${staff} or ${own})`);
    return found.rows.length > 0 ? { familyId: null } : null;
  };
}

const canManage = (_tx: Tx, actor: Actor) => actor.permissions.has('volunteers.manage');

registerOwnerKind({
  kind: 'volunteer_certificate',
  read: ['volunteers.read', 'volunteer.families'],
  reach: reachVolunteer(true),
  canManage,
});
registerOwnerKind({
  kind: 'volunteer_agreement',
  read: ['volunteers.read', 'volunteer.families'],
  reach: reachVolunteer(true),
  canManage,
});
registerOwnerKind({ kind: 'volunteer', read: ['volunteers.read'], reach: reachVolunteer(false), canManage });
