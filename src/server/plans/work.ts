// "My work": what a staff member has to do — across their cases tasks overdue and due this week, plan
// reviews due, first plans due, repeat assessments due; signposting to follow up; and for the
// volunteer coordinator the volunteers' certificates ending — and the printable plan. My work is open
// to every staff role; each section is filled only for holders of its permission (domain/plans/my-work.ts).
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { IdParams } from '../../domain/access/contracts.js';
import { MyWork } from '../../domain/plans/contracts.js';
import type { Language } from '../../domain/i18n/index.js';
import { isStaff, MY_WORK_SECTIONS, type MyWorkSection } from '../../domain/plans/my-work.js';
import { addDays } from '../../domain/plans/progress.js';
import { today as todayIso } from '../../domain/families/people.js';
import type { TemplateInput } from '../../domain/assessments/template.js';
import { auditCode, writeAudit } from '../audit/audit.js';
import { forbidden } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { caseScope } from '../cases/scope.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { findReminders } from '../volunteers/reminders.js';
import { planToDocx } from './export.js';
import { getPlan, toTaskView } from './queries.js';

type Row = Record<string, unknown>;
type MyWorkView = z.infer<typeof MyWork>;
const day = (v: unknown) => String(v).slice(0, 10);

/** Sunday of the current week (weeks start on Monday in Russia). */
function endOfWeek(today: string): string {
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(today, 6 - weekday);
}

type CaseWork = Pick<MyWorkView, 'tasksOverdue' | 'tasksThisWeek' | 'reviewsDue' | 'firstPlansDue' | 'assessmentsDue'>;
const NO_CASE_WORK: CaseWork = { tasksOverdue: [], tasksThisWeek: [], reviewsDue: [], firstPlansDue: [], assessmentsDue: [] };

/** The case sections: the caller's plan tasks, and reviews, first plans and assessments due of the cases they lead. */
async function casesDue(tx: Tx, actor: Actor, lang: Language): Promise<CaseWork> {
  const today = todayIso();
  const weekEnd = endOfWeek(today);
  const tasks = await tx.execute<Row>(sql`
      select t.*, g.title as goal_title, c.id::text as case_id, f.name as family_name
      from plan_tasks t join plan_goals g on g.id = t.goal_id join plans p on p.id = t.plan_id
      join cases c on c.id = p.case_id join families f on f.id = c.family_id
      where t.responsible_user_id = ${actor.userId} and t.status in ('planned', 'in_progress') and t.due_on <= ${weekEnd}
        and c.status <> 'closed' and ${caseScope(actor)}
      order by t.due_on, f.name`);
  const item = (row: Row) => ({
    task: toTaskView(row),
    caseId: row.case_id as string,
    familyName: row.family_name as string,
    goalTitle: row.goal_title as string,
    planId: row.plan_id as string,
  });
  const led = sql`c.lead_id = ${actor.userId} and c.status in ('intake', 'active', 'post_support')`;
  const reviews = await tx.execute<Row>(sql`
      select c.id::text as case_id, f.name as family_name, p.id::text as plan_id, p.next_review_on
      from plans p join cases c on c.id = p.case_id join families f on f.id = c.family_id
      where ${led} and p.next_review_on <= ${addDays(today, 7)} order by p.next_review_on`);
  const firstPlans = await tx.execute<Row>(sql`
      select c.id::text as case_id, f.name as family_name, c.opened_on + pr.first_plan_days as due_on
      from cases c join families f on f.id = c.family_id join programmes pr on pr.id = c.programme_id
      where ${led} and not exists (select 1 from plans p where p.case_id = c.id) order by due_on`);
  // A repeat is due `repeatEveryDays` after the last assessment of a template with a schedule.
  // The last dates are found per template version, and the (large) definitions read once per
  // version afterwards: grouping the assessments by the definition itself compared the whole
  // JSON document row against row (≈70 ms for 50 cases). Versions with an identical
  // definition count as one template, as they did when grouped by it.
  const last = await tx.execute<Row>(sql`
      select c.id::text as case_id, f.name as family_name, a.template_id::text as template_id, max(a.conducted_on) as last_on
      from cases c join families f on f.id = c.family_id join assessments a on a.case_id = c.id
      where ${led} group by c.id, f.name, a.template_id`);
  const templateIds = [...new Set(last.rows.map((row) => row.template_id as string))];
  const templates = templateIds.length
    ? await tx.execute<Row>(sql`select id::text, code, definition from assessment_templates where id in ${templateIds}`)
    : { rows: [] as Row[] };
  const templateById = new Map(
    templates.rows.map((t) => {
      const definition = (typeof t.definition === 'string' ? JSON.parse(t.definition) : t.definition) as TemplateInput;
      return [t.id as string, { code: t.code as string, definition, key: `${t.code as string}\u0000${JSON.stringify(definition)}` }];
    }),
  );
  const due = new Map<string, { caseId: string; familyName: string; code: string; definition: TemplateInput; lastOn: string }>();
  for (const row of last.rows) {
    const template = templateById.get(row.template_id as string)!;
    const key = `${row.case_id as string}\u0000${row.family_name as string}\u0000${template.key}`;
    const lastOn = day(row.last_on);
    const seen = due.get(key);
    if (!seen || seen.lastOn < lastOn)
      due.set(key, {
        caseId: row.case_id as string,
        familyName: row.family_name as string,
        code: template.code,
        definition: template.definition,
        lastOn,
      });
  }
  const assessmentsDue = [...due.values()].flatMap(({ caseId, familyName, code, definition, lastOn }) => {
    if (!definition.repeatEveryDays) return [];
    const dueOn = addDays(lastOn, definition.repeatEveryDays);
    return dueOn <= addDays(today, 7) ? [{ caseId, familyName, templateCode: code, templateName: definition.name[lang], dueOn }] : [];
  });
  return {
    tasksOverdue: tasks.rows.filter((r) => day(r.due_on) < today).map(item),
    tasksThisWeek: tasks.rows.filter((r) => day(r.due_on) >= today).map(item),
    reviewsDue: reviews.rows.map((r) => ({
      caseId: r.case_id as string,
      familyName: r.family_name as string,
      planId: r.plan_id as string,
      nextReviewOn: day(r.next_review_on),
    })),
    firstPlansDue: firstPlans.rows.map((r) => ({
      caseId: r.case_id as string,
      familyName: r.family_name as string,
      dueOn: day(r.due_on),
      overdue: day(r.due_on) < today,
    })),
    assessmentsDue,
  };
}

/** Signposting to follow up (migration 0032): the caller's own, due within the week, not yet followed up. */
async function signpostsDue(tx: Tx, actor: Actor): Promise<MyWorkView['signpostFollowUps']> {
  const today = todayIso();
  const signposts = await tx.execute<Row>(sql`
      select r.id::text as referral_id, trim(r.client_last_name || ' ' || r.client_first_name) as client_name,
        coalesce(p.name, nullif(r.outcome_note, '')) as partner_name, r.signpost_follow_up_on
      from referrals r left join partners p on p.org_id = r.org_id and p.id = r.signpost_partner_id
      where r.signposted_by = ${actor.userId} and r.status = 'signposted' and r.signpost_followed_up_on is null
        and r.signpost_follow_up_on <= ${addDays(today, 7)}
      order by r.signpost_follow_up_on`);
  return signposts.rows.map((r) => ({
    referralId: r.referral_id as string,
    clientName: r.client_name as string,
    partnerName: (r.partner_name as string | null) ?? null,
    followUpOn: day(r.signpost_follow_up_on),
    overdue: day(r.signpost_follow_up_on) < today,
  }));
}

export function registerWorkRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/my-work',
    tag: 'plans',
    summary:
      "The caller's work: across cases tasks overdue and due this week, reviews, first plans and assessments due; signposting to follow up; volunteers' certificates — each section for holders of its permission",
    // Any staff member; each section below is gated by its own permission (the case sections read
    // within the caller's case reach as before). Volunteers' and mentors' accounts have their own screens.
    access: { kind: 'signed_in', records: 'own' },
    response: MyWork,
    handler: async ({ tx, actor, req, deps }) => {
      if (!isStaff(actor.permissions)) throw forbidden();
      const may = (section: MyWorkSection) => actor.permissions.has(MY_WORK_SECTIONS[section]);
      const cases = may('cases') ? await casesDue(tx, actor, req.lang) : NO_CASE_WORK;
      const signposts = may('signposts') ? await signpostsDue(tx, actor) : [];
      // Volunteers' certificates ending or ended and the child-related shifts they put on hold: for
      // those who keep the register, within their branches (issue 18).
      const volunteerReminders = may('volunteers')
        ? await findReminders(tx, actor, deps.now().toISOString().slice(0, 10))
        : { certificates: [], onHold: [] };
      return { ...cases, volunteerReminders, signpostFollowUps: signposts };
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/plans/:id/export.docx',
    tag: 'plans',
    summary: 'The plan as a Word document in Russian, to print and sign (the export is audited)',
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    params: IdParams,
    response: z.instanceof(Buffer),
    handler: async ({ tx, actor, audit, params, reply }) => {
      const plan = await getPlan(tx, actor, params.id);
      const info = await tx.execute<Row>(sql`
        select f.id::text as family_id, pr.name as programme_name, trim(u.last_name || ' ' || u.first_name || ' ' || u.middle_name) as lead_name
        from cases c join families f on f.id = c.family_id join programmes pr on pr.id = c.programme_id join users u on u.id = c.lead_id where c.id = ${plan.caseId}`);
      const row = info.rows[0]!;
      const mother = await tx.execute<Row>(
        sql`select last_name, first_name, middle_name from members where family_id = ${row.family_id} order by (relation = 'mother') desc, position limit 1`,
      );
      const m = mother.rows[0];
      const staff = await tx.execute<Row>(
        sql`select id::text, trim(last_name || ' ' || first_name || ' ' || middle_name) as name from users`,
      );
      const templates = await tx.execute<Row>(sql`select definition from assessment_templates where is_current`);
      const titles = new Map<string, string>();
      for (const t of templates.rows) {
        const definition = (typeof t.definition === 'string' ? JSON.parse(t.definition) : t.definition) as TemplateInput;
        for (const d of definition.domains) titles.set(d.code, d.title.ru);
      }
      const buffer = await planToDocx({
        plan,
        familyName: m ? `${m.last_name} ${m.first_name} ${m.middle_name}`.trim() : '',
        programmeName: row.programme_name as string,
        leadName: row.lead_name as string,
        staffNames: new Map(staff.rows.map((s) => [s.id as string, s.name as string])),
        domainTitle: (code) => titles.get(code) ?? code,
      });
      await writeAudit(tx, audit, { action: 'export', recordType: 'plan', recordId: params.id, details: { format: auditCode('docx') } });
      void reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('content-disposition', `attachment; filename="plan-${plan.startOn}.docx"`);
      return buffer;
    },
  });
}
