// The organisation's retention periods and the records due for destruction, each with what would
// hold it (an open case, the period not yet over, an open request of the person, a mentor family).
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DueItem, DueQuery, RetentionSettings, type DueItem as DueItemType } from '../../domain/privacy/contracts.js';
import { dueFrom, holdReason, type HoldFacts, type RecordKind } from '../../domain/privacy/retention.js';
import { auditCodes, writeAudit } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { conflict, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { day, manage, todayOf, type Row } from './common.js';
import { retentionSources } from './registry.js';

export type Settings = Omit<RetentionSettings, 'version'> & { version: number };

export async function readSettings(tx: Tx): Promise<Settings> {
  const row = (await tx.execute<Row>(sql`select * from retention_settings limit 1`)).rows[0];
  return {
    closedCaseYears: Number(row?.closed_case_years ?? 5),
    declinedReferralMonths: Number(row?.declined_referral_months ?? 12),
    volunteerApplicationMonths: Number(row?.volunteer_application_months ?? 12),
    formerVolunteerYears: Number(row?.former_volunteer_years ?? 3),
    version: Number(row?.version ?? 1),
  };
}

const destroyed = (kind: RecordKind, column: string) =>
  sql`exists (select 1 from destruction_acts a where a.record_kind = ${kind} and a.record_id = ${sql.raw(column)})`;

/** Facts that decide whether a family's data may be destroyed (all of its cases, its people's requests). */
export async function familyFacts(
  tx: Tx,
  familyId: string,
  settings: Settings,
  exceptRequest?: string,
): Promise<HoldFacts & { endedOn: string | null }> {
  const row = (
    await tx.execute<Row>(sql`select
      (select count(*)::int from cases c where c.family_id = f.id and c.status <> 'closed') as open_cases,
      (select count(*)::int from cases c where c.family_id = f.id) as cases,
      (select max(c.closed_on) from cases c where c.family_id = f.id) as ended_on,
      (select count(*)::int from subject_requests r where r.family_id = f.id and r.status in ('open', 'in_progress')
        ${exceptRequest ? sql`and r.id <> ${exceptRequest}` : sql``}) as open_requests,
      exists (select 1 from mentors m where m.family_id = f.id and m.status <> 'withdrawn') as mentor,
      ${destroyed('family', 'f.id')} as destroyed
    from families f where f.id = ${familyId}`)
  ).rows[0];
  if (!row) throw notFound();
  const endedOn = Number(row.cases) > 0 && row.ended_on ? day(row.ended_on) : null;
  return {
    openCases: Number(row.open_cases),
    dueFrom: endedOn ? dueFrom('family', endedOn, settings) : null,
    openRequests: Number(row.open_requests),
    mentorFamily: row.mentor === true,
    destroyed: row.destroyed === true,
    endedOn,
  };
}

export async function dueList(tx: Tx, today: string, include: 'due' | 'all'): Promise<DueItemType[]> {
  const settings = await readSettings(tx);
  const items: DueItemType[] = [];
  // Families whose every case is closed.
  const families = await tx.execute<Row>(sql`select f.id::text, f.name, b.name as branch_name, max(c.closed_on) as ended_on,
      (select count(*)::int from subject_requests r where r.family_id = f.id and r.status in ('open', 'in_progress')) as open_requests,
      exists (select 1 from mentors m where m.family_id = f.id and m.status <> 'withdrawn') as mentor
    from families f join branches b on b.id = f.branch_id join cases c on c.family_id = f.id
    where not ${destroyed('family', 'f.id')}
    group by f.id, f.name, b.name having bool_and(c.status = 'closed') order by max(c.closed_on) limit 1000`);
  for (const f of families.rows) {
    const endedOn = day(f.ended_on);
    const facts: HoldFacts = {
      openCases: 0,
      dueFrom: dueFrom('family', endedOn, settings),
      openRequests: Number(f.open_requests),
      mentorFamily: f.mentor === true,
      destroyed: false,
    };
    items.push({
      recordKind: 'family',
      recordId: f.id as string,
      label: f.name as string,
      branchName: f.branch_name as string,
      endedOn,
      dueFrom: facts.dueFrom!,
      hold: holdReason(facts, today, 'retention'),
    });
  }
  // Referrals that ended without help and without a family record.
  const referrals = await tx.execute<Row>(sql`select r.id::text, trim(concat_ws(' ', r.client_last_name, r.client_first_name)) as name,
      b.name as branch_name, r.updated_at::date as ended_on
    from referrals r join branches b on b.id = r.branch_id
    where r.status in ('declined', 'signposted') and r.family_id is null and not ${destroyed('referral', 'r.id')}
    order by r.updated_at limit 1000`);
  for (const r of referrals.rows) {
    const endedOn = day(r.ended_on);
    const from = dueFrom('referral', endedOn, settings);
    const facts: HoldFacts = { openCases: 0, dueFrom: from, openRequests: 0, mentorFamily: false, destroyed: false };
    items.push({
      recordKind: 'referral',
      recordId: r.id as string,
      label: (r.name as string) || '—',
      branchName: r.branch_name as string,
      endedOn,
      dueFrom: from,
      hold: holdReason(facts, today, 'retention'),
    });
  }
  // Special-category notes of a person who withdrew that consent and has not given it again.
  const withdrawn =
    await tx.execute<Row>(sql`select m.id::text, trim(concat_ws(' ', m.last_name, m.first_name)) as name, b.name as branch_name,
      max(c.withdrawn_on) as ended_on
    from members m join families f on f.id = m.family_id join branches b on b.id = f.branch_id
    join consents c on c.member_id = m.id and c.kind = 'special_categories' and c.withdrawn_on is not null
    where exists (select 1 from sensitive_notes n where n.member_id = m.id)
      and not exists (select 1 from consents g where g.member_id = m.id and g.kind = 'special_categories' and g.withdrawn_on is null)
    group by m.id, m.last_name, m.first_name, b.name limit 1000`);
  for (const m of withdrawn.rows) {
    const endedOn = day(m.ended_on);
    const from = dueFrom('special_categories', endedOn, settings);
    const facts: HoldFacts = { openCases: 0, dueFrom: from, openRequests: 0, mentorFamily: false, destroyed: false };
    items.push({
      recordKind: 'special_categories',
      recordId: m.id as string,
      label: m.name as string,
      branchName: m.branch_name as string,
      endedOn,
      dueFrom: from,
      hold: holdReason(facts, today, 'retention'),
    });
  }
  for (const source of retentionSources()) {
    for (const v of await source.due(tx)) {
      const from = dueFrom(source.kind, v.endedOn, settings);
      const facts: HoldFacts = { openCases: 0, dueFrom: from, openRequests: 0, mentorFamily: false, destroyed: false };
      items.push({
        recordKind: source.kind,
        recordId: v.id,
        label: v.label,
        branchName: v.branchName,
        endedOn: v.endedOn,
        dueFrom: from,
        hold: holdReason(facts, today, 'retention'),
      });
    }
  }
  const shown = include === 'all' ? items : items.filter((i) => i.hold === null);
  return shown.sort((a, b) => a.dueFrom.localeCompare(b.dueFrom));
}

export function registerRetentionRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/privacy/retention',
    tag: 'privacy',
    summary: 'The organisation’s retention periods',
    access: manage,
    response: RetentionSettings,
    handler: async ({ tx }) => readSettings(tx),
  });

  defineRoute(app, {
    method: 'PUT',
    url: '/api/privacy/retention',
    tag: 'privacy',
    summary:
      'Set the retention periods (closed cases and former volunteers in years, declined referrals and volunteer applications in months)',
    access: manage,
    body: RetentionSettings,
    response: RetentionSettings,
    handler: async ({ tx, actor, audit, body }) => {
      const before = await readSettings(tx);
      if (before.version !== body.version) throw conflict();
      await tx.execute(sql`insert into retention_settings (org_id, closed_case_years, declined_referral_months, volunteer_application_months,
          former_volunteer_years, version, updated_by)
        values (${actor.orgId}, ${body.closedCaseYears}, ${body.declinedReferralMonths}, ${body.volunteerApplicationMonths},
          ${body.formerVolunteerYears}, 2, ${actor.userId})
        on conflict (org_id) do update set closed_case_years = excluded.closed_case_years, declined_referral_months = excluded.declined_referral_months,
          volunteer_application_months = excluded.volunteer_application_months, former_volunteer_years = excluded.former_volunteer_years,
          version = retention_settings.version + 1, updated_by = excluded.updated_by, updated_at = now()`);
      const changed = (['closedCaseYears', 'declinedReferralMonths', 'volunteerApplicationMonths', 'formerVolunteerYears'] as const).filter(
        (k) => before[k] !== body[k],
      );
      await writeAudit(tx, audit, {
        action: 'update',
        recordType: 'retention_settings',
        recordId: actor.orgId,
        details: { fields: auditCodes(changed) },
      });
      return readSettings(tx);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/privacy/due',
    tag: 'privacy',
    summary: 'Records due for destruction (include=all: with those held, and why)',
    access: manage,
    query: DueQuery,
    response: z.object({ items: z.array(DueItem) }),
    handler: async ({ tx, query, deps }) => ({ items: await dueList(tx, todayOf(deps.now()), query.include) }),
  });
}

export type { Actor };
