// Assessments and individual plans (issue 4) on top of the casework dataset: a plan with goals and
// tasks for many open cases, assessments behind them, some reviews. One case worker of the biggest
// branch leads exactly 50 open cases (the "my work" page measured); their plans have 30 tasks each,
// due across the weeks around today, some overdue, with reviews and repeat assessments coming due.
import { sql } from 'drizzle-orm';
import { system } from '../../src/server/db/gateway.js';
import { bulkInsert } from '../lib/bulk.js';
import { pick, uuidFrom } from '../lib/random.js';
import type { Dataset } from '../lib/types.js';
import type { CaseworkData } from './casework.js';
import type { StaffData } from './staff.js';

const DAY = 86_400_000;
const WORKER_CASES = 50;
const WORKER_TASKS = 30;
const DOMAINS = ['housing', 'income', 'documents', 'health', 'parenting', 'employment', 'social_network', 'safety'] as const;
const GOALS: Record<(typeof DOMAINS)[number], string> = {
  housing: 'Постоянное жильё для мамы и детей',
  income: 'Стабильный доход семьи',
  documents: 'Все документы восстановлены',
  health: 'Здоровье детей под наблюдением врача',
  parenting: 'Уверенность мамы в уходе за ребёнком',
  employment: 'Мама работает или учится',
  social_network: 'Рядом есть люди, готовые помочь',
  safety: 'Семья в безопасности',
};
const TASKS = [
  'Подать заявление на пособие',
  'Записаться к педиатру',
  'Получить СНИЛС ребёнку',
  'Встретиться с юристом',
  'Посетить родительский клуб',
  'Подготовить резюме',
  'Сходить на собеседование',
  'Оформить место в детском саду',
  'Созвониться с сестрой',
  'Восстановить паспорт',
];

export interface PlansData {
  /** The case worker measured: lead of exactly 50 open cases, only the case_worker role. */
  workerEmail: string;
  workerId: string;
  /** The worker's cases that have a plan of 30 tasks. */
  workerPlanCaseIds: string[];
  /** All 50 open cases the worker leads. */
  workerCaseIds: string[];
  counts: Record<string, number>;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const plansDataset: Dataset<PlansData, { staff: StaffData; casework: CaseworkData }> = {
  name: 'plans',
  description: 'assessments, plans with goals and tasks, reviews; one worker leading 50 open cases with 30-task plans',
  after: ['staff', 'casework'],
  size: { option: 'plans', default: 20_000, describe: 'number of open cases with a plan (≈20 tasks each; the worker’s have 30)' },
  async generate({ engine, size, needs, random, log }) {
    const { orgId, staff } = needs.staff;
    const branchId = needs.casework.branchIds[0]!;
    const now = Date.now();
    const today = isoDate(now);
    const query = <T>(statement: ReturnType<typeof sql>) =>
      system(engine, async (tx) => (await tx.execute<T & Record<string, unknown>>(statement)).rows);

    // The worker: only the case_worker role, in the biggest branch, with the most open cases there.
    const candidates = new Set(
      staff
        .filter((m) => m.active && m.roles.length === 1 && m.roles[0] === 'case_worker' && m.branchIds.join() === branchId)
        .map((m) => m.id),
    );
    const leads = await query<{ lead_id: string; n: number }>(sql`
      select lead_id::text, count(*)::int as n from cases where branch_id = ${branchId} and status <> 'closed'
      group by lead_id order by n desc, lead_id`);
    // On a small data set (CI's smoke run) nobody leads 50 open cases: take the busiest worker then,
    // so the scenarios still run end to end; the figures only mean something at full size.
    const worker =
      leads.find((row) => candidates.has(row.lead_id) && row.n >= WORKER_CASES) ?? leads.find((row) => candidates.has(row.lead_id));
    if (!worker) throw new Error('plans: no case worker leads an open case in the first branch; use more --families');
    if (worker.n < WORKER_CASES) log(`only ${worker.n} open cases for the busiest worker: a smoke run, not a measurement`);
    const workerMember = staff.find((m) => m.id === worker.lead_id)!;
    const others = leads.filter((row) => candidates.has(row.lead_id) && row.lead_id !== worker.lead_id).map((row) => row.lead_id);
    // Hand the open cases beyond 50 to colleagues, so the worker leads exactly 50.
    const own = await query<{ id: string }>(sql`
      select id::text from cases where lead_id = ${worker.lead_id} and status <> 'closed' order by opened_on desc, id`);
    const handOver = own.slice(WORKER_CASES).map((row) => row.id);
    for (const id of handOver) {
      const to = pick(random, others);
      await system(engine, async (tx) => {
        await tx.execute(sql`update cases set lead_id = ${to} where id = ${id}`);
        await tx.execute(sql`delete from case_team where case_id = ${id} and user_id = ${to}`);
        await tx.execute(sql`update case_team set user_id = ${to} where case_id = ${id} and user_id = ${worker.lead_id} and role = 'lead'`);
      });
    }
    const workerCases = new Set(own.slice(0, WORKER_CASES).map((row) => row.id));
    log(`worker ${workerMember.email} leads ${workerCases.size} open cases (${handOver.length} handed over)`);

    // Which open cases get a plan: the worker's (not in intake), then others at random.
    const open = await query<{ id: string; lead_id: string; status: string; opened_on: string; mother_id: string | null }>(sql`
      select c.id::text, c.lead_id::text, c.status, c.opened_on::text,
        (select m.id::text from members m where m.family_id = c.family_id and m.relation = 'mother' limit 1) as mother_id
      from cases c where c.status <> 'closed' order by c.id`);
    const templates = await query<{ id: string; code: string }>(sql`select id::text, code from assessment_templates where is_current`);
    const needsTemplate = templates.find((t) => t.code === 'family_needs') ?? templates[0]!;
    const interaction = templates.find((t) => t.code === 'parent_child_interaction') ?? needsTemplate;
    const workerRows = open.filter((row) => workerCases.has(row.id) && row.status !== 'intake');
    const pool = open.filter((row) => !workerCases.has(row.id) && row.status !== 'intake');
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const planned = [...workerRows, ...pool.slice(0, Math.max(0, size - workerRows.length))];

    const plans: Record<string, unknown>[] = [];
    const goals: Record<string, unknown>[] = [];
    const tasks: Record<string, unknown>[] = [];
    const reviews: Record<string, unknown>[] = [];
    const assessments: Record<string, unknown>[] = [];
    const workerPlanCaseIds: string[] = [];
    for (const row of planned) {
      const mine = workerCases.has(row.id);
      const openedMs = Date.parse(row.opened_on);
      const startMs = Math.min(now - 7 * DAY, openedMs + Math.floor(random() * 14) * DAY);
      // Assessments: the first one at intake, for a third a repeat, for some an interaction one.
      const assessmentIds: string[] = [];
      const assess = (templateId: string, atMs: number) => {
        const id = uuidFrom(random);
        assessmentIds.push(id);
        const level = pick(random, ['low', 'medium', 'high'] as const);
        assessments.push({
          id,
          org_id: orgId,
          case_id: row.id,
          template_id: templateId,
          member_id: row.mother_id,
          conducted_on: isoDate(atMs),
          conducted_by: row.lead_id,
          answers: '{}',
          scores: JSON.stringify(DOMAINS.slice(0, 4).map((domain) => ({ domain, score: Math.floor(random() * 10), level, answered: 3 }))),
          overall_level: level,
          created_at: new Date(atMs).toISOString(),
        });
      };
      assess(needsTemplate.id, startMs - DAY);
      // The worker's repeats fall due around now (every 90 days for family needs).
      if (mine || random() < 0.3) assess(needsTemplate.id, mine ? now - (80 + Math.floor(random() * 20)) * DAY : startMs + 90 * DAY);
      if (random() < 0.2) assess(interaction.id, startMs);

      const planId = uuidFrom(random);
      const nextReviewMs = mine ? now + Math.floor(random() * 42 - 7) * DAY : now + Math.floor(random() * 90 - 20) * DAY;
      plans.push({
        id: planId,
        org_id: orgId,
        case_id: row.id,
        desired_future: 'Мама с детьми живёт в своём жилье, у неё есть работа и люди рядом',
        participants: JSON.stringify([
          { kind: 'mother', name: 'Мама', userId: null },
          { kind: 'staff', name: 'Ведущий специалист', userId: row.lead_id },
        ]),
        start_on: isoDate(startMs),
        // Plans are made on the day they start here; made_on is what the 14-day rule judges.
        made_on: isoDate(startMs),
        next_review_on: isoDate(Math.max(nextReviewMs, startMs)),
        created_by: row.lead_id,
        created_at: new Date(startMs).toISOString(),
        updated_at: new Date(startMs).toISOString(),
      });
      if (mine) workerPlanCaseIds.push(row.id);
      const taskCount = mine ? WORKER_TASKS : 10 + Math.floor(random() * 21);
      const goalCount = mine ? 6 : 3 + Math.floor(random() * 4);
      const goalIds: string[] = [];
      for (let g = 0; g < goalCount; g++) {
        const id = uuidFrom(random);
        goalIds.push(id);
        const domain = DOMAINS[(g + Math.floor(random() * DOMAINS.length)) % DOMAINS.length]!;
        goals.push({
          id,
          org_id: orgId,
          plan_id: planId,
          position: g,
          domain,
          title: GOALS[domain],
          status: random() < 0.1 ? 'achieved' : 'open',
          from_assessment_id: random() < 0.7 ? assessmentIds[0] : null,
        });
      }
      const positions = new Map<string, number>();
      for (let t = 0; t < taskCount; t++) {
        const goalId = goalIds[t % goalCount]!;
        const position = positions.get(goalId) ?? 0;
        positions.set(goalId, position + 1);
        // Due from 8 weeks back to 12 weeks ahead; most past ones done, some overdue.
        const dueMs = now + Math.floor(random() * 140 - 56) * DAY;
        const past = dueMs < now;
        const status = past
          ? random() < 0.8
            ? 'done'
            : random() < 0.5
              ? 'in_progress'
              : 'planned'
          : random() < 0.2
            ? 'in_progress'
            : 'planned';
        const kind = random() < 0.55 ? 'staff' : pick(random, ['mother', 'mother', 'relative', 'organization'] as const);
        tasks.push({
          id: uuidFrom(random),
          org_id: orgId,
          plan_id: planId,
          goal_id: goalId,
          position,
          title: pick(random, TASKS),
          responsible_kind: kind,
          responsible_user_id: kind === 'staff' ? row.lead_id : null,
          responsible_name: kind === 'staff' ? '' : kind === 'mother' ? 'Мама' : 'Сестра',
          due_on: isoDate(dueMs),
          status,
          note: '',
          completed_on: status === 'done' ? isoDate(Math.min(dueMs, now)) : null,
        });
      }
      const reviewCount = Math.floor(random() * 3);
      for (let r = 0; r < reviewCount; r++) {
        const atMs = Math.min(now - DAY, startMs + (r + 1) * 60 * DAY);
        reviews.push({
          id: uuidFrom(random),
          org_id: orgId,
          plan_id: planId,
          reviewed_on: isoDate(atMs),
          reviewed_by: row.lead_id,
          participants: '[]',
          summary: 'План пересмотрен вместе с мамой',
          snapshot: '{}',
          created_at: new Date(atMs).toISOString(),
        });
      }
    }
    log(`built ${plans.length} plans, ${goals.length} goals, ${tasks.length} tasks in memory`);
    await bulkInsert(
      engine,
      'assessments',
      {
        id: 'uuid',
        org_id: 'uuid',
        case_id: 'uuid',
        template_id: 'uuid',
        member_id: 'uuid',
        conducted_on: 'date',
        conducted_by: 'uuid',
        answers: 'jsonb',
        scores: 'jsonb',
        overall_level: 'text',
        created_at: 'timestamptz',
      },
      assessments,
    );
    await bulkInsert(
      engine,
      'plans',
      {
        id: 'uuid',
        org_id: 'uuid',
        case_id: 'uuid',
        desired_future: 'text',
        participants: 'jsonb',
        start_on: 'date',
        made_on: 'date',
        next_review_on: 'date',
        created_by: 'uuid',
        created_at: 'timestamptz',
        updated_at: 'timestamptz',
      },
      plans,
    );
    await bulkInsert(
      engine,
      'plan_goals',
      {
        id: 'uuid',
        org_id: 'uuid',
        plan_id: 'uuid',
        position: 'integer',
        domain: 'text',
        title: 'text',
        status: 'text',
        from_assessment_id: 'uuid',
      },
      goals,
    );
    await bulkInsert(
      engine,
      'plan_tasks',
      {
        id: 'uuid',
        org_id: 'uuid',
        plan_id: 'uuid',
        goal_id: 'uuid',
        position: 'integer',
        title: 'text',
        responsible_kind: 'text',
        responsible_user_id: 'uuid',
        responsible_name: 'text',
        due_on: 'date',
        status: 'text',
        note: 'text',
        completed_on: 'date',
      },
      tasks,
    );
    await bulkInsert(
      engine,
      'plan_reviews',
      {
        id: 'uuid',
        org_id: 'uuid',
        plan_id: 'uuid',
        reviewed_on: 'date',
        reviewed_by: 'uuid',
        participants: 'jsonb',
        summary: 'text',
        snapshot: 'jsonb',
        created_at: 'timestamptz',
      },
      reviews,
    );
    log(`assessments, plans, goals, tasks and reviews written (today ${today})`);
    return {
      workerEmail: workerMember.email,
      workerId: workerMember.id,
      workerPlanCaseIds,
      workerCaseIds: [...workerCases],
      counts: {
        assessments: assessments.length,
        plans: plans.length,
        planGoals: goals.length,
        planTasks: tasks.length,
        planReviews: reviews.length,
        workerCases: workerCases.size,
        workerPlans: workerPlanCaseIds.length,
      },
    };
  },
  describe: (data) => data.counts,
};
