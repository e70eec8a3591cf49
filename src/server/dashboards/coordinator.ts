// The coordinator's dashboard over the branches she is responsible for: this month's services and
// consultations against last month and against the month's share of the targets, the caseload by
// status and case lead, and the overdue work (plan tasks, post-support visits, referrals waiting
// too long, first plans). Each figure is one aggregate statement, so the answer stays fast on a
// large branch; nothing here returns a family or a person.
import { sql, type SQL } from 'drizzle-orm';
import type { CoordinatorDashboard } from '../../domain/dashboards/contracts.js';
import { daysBetween, monthEnd } from '../../domain/dashboards/figures.js';
import type { Tx } from '../db/engine.js';
import { inList } from '../housing/queries.js';
import { monthTargets } from './targets.js';

type Row = Record<string, unknown>;
const day = (v: unknown) => String(v).slice(0, 10);

/** What counts as a consultation: the consultation types and the psychological, legal and specialist ones. */
const CONSULTATION = sql`(t.code like '%consultation%' or t.category in ('psychological', 'legal', 'specialist'))`;

function previousMonthStart(monthStart: string): string {
  const d = new Date(`${monthStart}T00:00:00Z`);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1)).toISOString().slice(0, 10);
}

/** Services per day in the branches, from the daily counts the database keeps (migration 0014). */
async function servicesByDay(tx: Tx, branchIds: string[], from: string, to: string) {
  const rows = await tx.execute<{ date: string; n: number; consultations: number }>(sql`
    select d.date, sum(d.services)::int as n, (coalesce(sum(d.services) filter (where ${CONSULTATION}), 0))::int as consultations
    from service_days d join service_types t on t.id = d.type_id
    where d.date between ${from} and ${to} and ${inList(sql`d.branch_id`, branchIds)}
    group by d.date`);
  return rows.rows.map((r) => ({ date: day(r.date), n: Number(r.n), consultations: Number(r.consultations) }));
}

async function caseload(tx: Tx, inBranches: SQL) {
  const rows = await tx.execute<Row>(sql`
    select c.lead_id::text as lead_id, trim(u.last_name || ' ' || u.first_name) as lead_name, c.status, count(*)::int as n
    from cases c join users u on u.id = c.lead_id
    where ${inBranches} and c.status <> 'closed' group by c.lead_id, u.last_name, u.first_name, c.status`);
  const byStatus = { intake: 0, active: 0, post_support: 0 };
  const leads = new Map<string, CoordinatorDashboard['caseload']['byLead'][number]>();
  for (const r of rows.rows) {
    const status = r.status as keyof typeof byStatus;
    const lead = leads.get(r.lead_id as string) ?? {
      leadId: r.lead_id as string,
      leadName: r.lead_name as string,
      intake: 0,
      active: 0,
      post_support: 0,
    };
    lead[status] += Number(r.n);
    byStatus[status] += Number(r.n);
    leads.set(lead.leadId, lead);
  }
  const total = (l: typeof byStatus) => l.intake + l.active + l.post_support;
  return { byStatus, byLead: [...leads.values()].sort((a, b) => total(b) - total(a) || a.leadName.localeCompare(b.leadName)) };
}

async function overdue(tx: Tx, inBranches: SQL, branchIds: string[], today: string, now: Date) {
  const tasks = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from plan_tasks t join plans p on p.id = t.plan_id join cases c on c.id = p.case_id
    where ${inBranches} and c.status <> 'closed' and t.status in ('planned', 'in_progress') and t.due_on < ${today}`);
  // The same rule as the post-support list: due `months` after the last supervisor visit since the
  // case moved to post-support (or after the move itself). PostgreSQL's month arithmetic clamps to
  // the month's last day exactly as addMonths in src/domain/services/rules.ts does.
  const visits = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from (
      select coalesce(c.post_support_since, c.updated_at::date) as since, p.post_support_visit_months as months,
        (select max(s.date) from services s
           where s.case_id = c.id and not s.withdrawn
             -- The visit type looked up once (an init plan), not joined for every service (≈110 → 80 ms).
             and s.type_id = (select t.id from service_types t where t.code = 'supervisor_visit')
             and s.date >= coalesce(c.post_support_since, c.opened_on)) as last_visit
      from cases c join programmes p on p.id = c.programme_id
      where c.status = 'post_support' and ${inBranches}) v
    where (coalesce(v.last_visit, v.since) + make_interval(months => v.months))::date < ${today}`);
  const hours = await tx.execute<{ h: number }>(sql`select referral_wait_hours as h from organizations`);
  const waitedSince = new Date(now.getTime() - Number(hours.rows[0]?.h ?? 48) * 3_600_000).toISOString();
  const referrals = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from referrals r where ${inList(sql`r.branch_id`, branchIds)} and r.status = 'new' and r.received_at < ${waitedSince}`);
  const firstPlans = await tx.execute<{ n: number }>(sql`
    select count(*)::int as n from cases c join programmes pr on pr.id = c.programme_id
    where ${inBranches} and c.status in ('intake', 'active', 'post_support')
      and c.opened_on + pr.first_plan_days < ${today} and not exists (select 1 from plans p where p.case_id = c.id)`);
  return {
    tasks: Number(tasks.rows[0]?.n ?? 0),
    postSupportVisits: Number(visits.rows[0]?.n ?? 0),
    referrals: Number(referrals.rows[0]?.n ?? 0),
    firstPlans: Number(firstPlans.rows[0]?.n ?? 0),
  };
}

export async function coordinatorDashboard(tx: Tx, branchIds: string[], today: string, now: Date): Promise<CoordinatorDashboard> {
  const monthStart = `${today.slice(0, 7)}-01`;
  const lastStart = previousMonthStart(monthStart);
  const lastEnd = monthEnd(lastStart);
  const inBranches = inList(sql`c.branch_id`, branchIds);
  // Aggregates over a branch's month: no JIT, and SSD costs (see the indicator engine, compute.ts).
  await tx.execute(sql`select set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)`);
  const branches = await tx.execute<{ id: string; name: string }>(
    sql`select id::text, name from branches where ${inList(sql`id`, branchIds)} order by name`,
  );
  const days = await servicesByDay(tx, branchIds, lastStart, today);
  const sum = (from: string, to: string, key: 'n' | 'consultations') =>
    days.filter((d) => d.date >= from && d.date <= to).reduce((total, d) => total + d[key], 0);
  const length = Math.max(daysBetween(monthStart, monthEnd(monthStart)), daysBetween(lastStart, lastEnd));
  const servicesOn = (date: string) => days.filter((d) => d.date === date).reduce((total, d) => total + d.n, 0);
  const dateIn = (start: string, i: number) =>
    new Date(new Date(`${start}T00:00:00Z`).getTime() + i * 86_400_000).toISOString().slice(0, 10);
  // Running totals by day of the month: this month so far against the whole of last month.
  let runThis = 0;
  let runLast = 0;
  const servicesByDayOut = Array.from({ length }, (_, i) => {
    const thisDate = dateIn(monthStart, i);
    const lastDate = dateIn(lastStart, i);
    const inThis = thisDate.startsWith(monthStart.slice(0, 7)) && thisDate <= today;
    const inLast = lastDate <= lastEnd;
    if (inThis) runThis += servicesOn(thisDate);
    if (inLast) runLast += servicesOn(lastDate);
    return { day: i + 1, thisMonth: inThis ? runThis : null, lastMonth: inLast ? runLast : null };
  });
  return {
    month: monthStart.slice(0, 7),
    today,
    branches: branches.rows,
    services: { thisMonth: sum(monthStart, today, 'n'), lastMonth: sum(lastStart, lastEnd, 'n') },
    consultations: { thisMonth: sum(monthStart, today, 'consultations'), lastMonth: sum(lastStart, lastEnd, 'consultations') },
    servicesByDay: servicesByDayOut,
    targets: await monthTargets(tx, branchIds, monthStart, today),
    caseload: await caseload(tx, inBranches),
    overdue: await overdue(tx, inBranches, branchIds, today, now),
  };
}
