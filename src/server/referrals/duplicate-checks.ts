// Possible duplicates to check (issue 11, defect 8). A new referral that looks like a family its
// author may not reach is not told where or who: she learns only that a possible match exists and
// that the coordinator is asked to check it. The request goes to the coordinators and supervisors
// responsible for the matched family's branch, who compare the referral's person with the family and
// say whether it is the same family. Nobody else sees the request — not the author, not another
// branch (another organisation cannot, by row-level security).
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { IdParams } from '../../domain/access/contracts.js';
import {
  DuplicateCheckList,
  DuplicateCheckQuery,
  DuplicateCheckResolution,
  DuplicateCheckView,
  type ReferralInput,
} from '../../domain/referrals/contracts.js';
import { writeAudit, type AuditContext } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { responsibleBranches } from '../cases/scope.js';
import { findMatches } from '../families/matches.js';

type Row = Record<string, unknown>;
const triage = { kind: 'permission', permission: 'referrals.triage', records: 'case_team' } as const;

/** Predicate over a `families` row aliased `f`: the checks of families whose branch the caller oversees. */
function checkScope(actor: Actor) {
  const branches = responsibleBranches(actor);
  return branches.length === 0 ? sql`false` : sql`f.branch_id in ${branches}`;
}

/**
 * Asks the matched families' coordinators to check a new referral: one request per family outside
 * the author's reach (matches within her reach she saw in full and decided on herself). Returns how
 * many were asked.
 */
export async function requestDuplicateChecks(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  referralId: string,
  referral: ReferralInput,
): Promise<number> {
  if (referral.familyId) return 0;
  const matches = await findMatches(tx, actor, {
    lastName: referral.clientLastName,
    firstName: referral.clientFirstName,
    middleName: referral.clientMiddleName,
    birthDate: referral.clientBirthDate ?? undefined,
    phone: referral.clientPhone,
  });
  let asked = 0;
  for (const match of matches.filter((m) => !m.inReach)) {
    const inserted = await tx.execute(sql`insert into duplicate_checks (org_id, referral_id, family_id, reasons, created_by)
      values (${actor.orgId}, ${referralId}, ${match.familyId}, ${`{${match.reasons.join(',')}}`}::text[], ${actor.userId})
      on conflict do nothing returning id::text`);
    for (const row of inserted.rows as { id: string }[]) {
      await writeAudit(tx, audit, { action: 'create', recordType: 'duplicate_check', recordId: row.id });
      asked += 1;
    }
  }
  return asked;
}

const SELECT = sql`select d.id, d.status, d.reasons, d.created_at, d.resolved_at, d.version,
    r.id as referral_id, r.received_at, rb.name as referral_branch, r.client_last_name, r.client_first_name,
    r.client_middle_name, r.client_birth_date, r.client_phone,
    f.id as family_id, f.name as family_name, fb.name as family_branch
  from duplicate_checks d
    join referrals r on r.id = d.referral_id join branches rb on rb.id = r.branch_id
    join families f on f.id = d.family_id join branches fb on fb.id = f.branch_id`;

const iso = (value: unknown) => (value === null || value === undefined ? null : new Date(value as string).toISOString());
const list = (value: unknown) => (Array.isArray(value) ? value : String(value).replace(/[{}]/g, '').split(',').filter(Boolean));

function toView(row: Row): DuplicateCheckView {
  return {
    id: row.id as string,
    status: row.status as DuplicateCheckView['status'],
    reasons: list(row.reasons) as DuplicateCheckView['reasons'],
    createdAt: iso(row.created_at)!,
    referral: {
      id: row.referral_id as string,
      receivedAt: iso(row.received_at)!,
      branchName: row.referral_branch as string,
      clientLastName: row.client_last_name as string,
      clientFirstName: row.client_first_name as string,
      clientMiddleName: row.client_middle_name as string,
      clientBirthDate: row.client_birth_date === null ? null : String(row.client_birth_date).slice(0, 10),
      clientPhone: row.client_phone as string,
    },
    family: { id: row.family_id as string, name: row.family_name as string, branchName: row.family_branch as string },
    resolvedAt: iso(row.resolved_at),
    version: Number(row.version),
  };
}

async function getCheck(tx: Tx, actor: Actor, id: string): Promise<DuplicateCheckView> {
  const rows = await tx.execute<Row>(sql`${SELECT} where d.id = ${id} and ${checkScope(actor)}`);
  if (!rows.rows[0]) throw notFound();
  return toView(rows.rows[0]);
}

export function registerDuplicateCheckRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/duplicate-checks',
    tag: 'referrals',
    summary: 'Possible duplicates to check: new referrals that may be families of the branches the caller oversees',
    access: triage,
    query: DuplicateCheckQuery,
    response: DuplicateCheckList,
    handler: async ({ tx, actor, query }) => {
      const status = query.status === 'open' ? sql`d.status = 'open'` : sql`d.status <> 'open'`;
      const rows = await tx.execute<Row>(sql`${SELECT} where ${status} and ${checkScope(actor)} order by d.created_at desc limit 100`);
      return { items: rows.rows.map(toView) };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/duplicate-checks/:id/resolve',
    tag: 'referrals',
    summary: 'Say whether the new referral is the same family (the referral itself is triaged as usual)',
    access: triage,
    params: IdParams,
    body: DuplicateCheckResolution,
    response: DuplicateCheckView,
    handler: async ({ tx, actor, audit, params, body }) => {
      await getCheck(tx, actor, params.id);
      const updated = await tx.execute(sql`update duplicate_checks
        set status = ${body.outcome}, resolved_by = ${actor.userId}, resolved_at = now(), version = version + 1
        where id = ${params.id} and version = ${body.version} and status = 'open' returning id`);
      if (updated.rows.length === 0) throw conflict();
      // Which field changed, not to what: whether a person is a known client is itself case content.
      await writeAudit(tx, audit, { action: 'update', recordType: 'duplicate_check', recordId: params.id });
      return getCheck(tx, actor, params.id);
    },
  });
}
