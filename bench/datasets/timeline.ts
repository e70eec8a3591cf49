// Long case stories (issue 12, point 8): a few cases of the biggest branch with `--events` timeline
// events each (default 2,000) — about three years of a family's life in the programme as the areas
// write it: services and group sessions most of all, plan versions, tasks done and reviews,
// assessments, housing (check-ins, extensions, moves, a baby joining the stay, check-outs), aid
// requests and hand-outs, consents, family and member changes, sensitive notes, outcomes and
// follow-ups, status changes. Each event's data has the shape its area writes (the timeline shows it
// in words), the day it happened, and when and by whom it was entered (one in ten entered days
// later). Only the story is written: the services, plans and stays the events name are not, since
// the case page reads the story from case_events alone.
//
// The scenarios open these cases' pages (the first page of 50 events comes with the case) and ask
// for pages further back with the cursors read here.
import { sql } from 'drizzle-orm';
import { system } from '../../src/server/db/gateway.js';
import { CONSENT_KINDS } from '../../src/domain/families/contracts.js';
import { RISK_FLAGS, SENSITIVE_SECTIONS } from '../../src/domain/cases/sensitive.js';
import { MARK_STATUSES } from '../../src/domain/outcomes/contracts.js';
import { SHIPPED_TEMPLATES } from '../../src/domain/assessments/shipped.js';
import { GROUP_KINDS } from '../../src/domain/services/contracts.js';
import { LEAVE_REASONS } from '../../src/domain/housing/contracts.js';
import { bulkInsert } from '../lib/bulk.js';
import { pick, uuidFrom, weighted } from '../lib/random.js';
import type { Dataset } from '../lib/types.js';
import type { CaseworkData } from './casework.js';
import type { StaffData } from './staff.js';

const DAY = 86_400_000;
/** How many cases get the long story. */
const CASES = 5;
/** How many "show more" cursors per case, spread over its story. */
const CURSORS = 20;

export interface TimelineData {
  /** The coordinator of the biggest branch, who may open every case of it. */
  coordinatorEmail: string;
  /** The cases with the long story. */
  caseIds: string[];
  /** Cursors into those stories (case id and the `before` of a later page), for "show more". */
  cursors: { caseId: string; before: string }[];
  counts: Record<string, number>;
}

/** Shares of the event kinds in a long story (per 1,000 events, roughly as a year of a centre writes them). */
const KINDS = {
  service_recorded: 420,
  group_attended: 120,
  task_completed: 90,
  task_status_changed: 15,
  plan_updated: 40,
  plan_reviewed: 20,
  plan_created: 4,
  assessment_completed: 25,
  assessment_amended: 3,
  service_withdrawn: 8,
  stay_extended: 12,
  stay_moved: 4,
  stay_resident_joined: 3,
  stay_resident_left: 3,
  stay_checked_in: 5,
  stay_checked_out: 5,
  aid_requested: 30,
  aid_approved: 25,
  aid_declined: 4,
  aid_handed_out: 25,
  consent_recorded: 10,
  consent_withdrawn: 2,
  family_updated: 25,
  member_updated: 30,
  member_added: 3,
  contact_added: 6,
  sensitive_note_added: 20,
  case_updated: 12,
  outcome_marked: 15,
  follow_up_recorded: 3,
} as const;
type Kind = keyof typeof KINDS;

const TASKS = [
  'Восстановить паспорт',
  'Подать заявление на детское пособие',
  'Встать на учёт в поликлинике',
  'Оформить СНИЛС ребёнку',
  'Найти место в детском саду',
  'Пройти курс «Школа молодой мамы»',
  'Составить семейный бюджет',
  'Подготовить документы на алименты',
  'Встретиться с работодателем',
  'Посетить психолога вместе с ребёнком',
];
const GOALS = [
  'Документы восстановлены',
  'Семья получает положенные выплаты',
  'Мама готова жить самостоятельно',
  'Ребёнок под наблюдением врача',
];
const TOPICS = ['Уход за новорождённым', 'Домашний бюджет', 'Права мамы', 'Прогулка с детьми', 'Собрание дома', 'Безопасный сон'];
const ROOMS = ['Комната 1', 'Комната 2', 'Комната 3', 'Комната 4', 'Комната 5'];
const REASONS = ['Ждём место в общежитии', 'Оформление документов ещё идёт', 'Ребёнок болеет', 'Ждём решения суда'];
const FIELDS = [['phone'], ['actualAddress'], ['notes'], ['documents'], ['phone', 'actualAddress']];
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const timelineDataset: Dataset<TimelineData, { staff: StaffData; casework: CaseworkData }> = {
  name: 'timeline',
  description: 'a few cases of the biggest branch with a long story (services, plans, stays, aid, … events)',
  after: ['staff', 'casework'],
  size: { option: 'events', default: 2_000, describe: 'timeline events of each of the 5 long-story cases' },
  async generate({ engine, size, needs, random, log }) {
    const { orgId } = needs.staff;
    const ids = needs.casework.coordinatorCaseIds;
    const query = async <T extends Record<string, unknown>>(statement: ReturnType<typeof sql>) =>
      (await system(engine, (tx) => tx.execute<T>(statement))).rows;
    // The oldest active cases of the branch (three years of story fit them), others only in a tiny dataset.
    const cases = await query<{ id: string; opened_on: string; family_id: string; lead_id: string; team: string[] | string }>(sql`
      select c.id::text, c.opened_on::text, c.family_id::text, c.lead_id::text,
        array(select ct.user_id::text from case_team ct where ct.case_id = c.id order by ct.role <> 'lead', ct.user_id) as team
      from cases c where c.id = any(${`{${ids.join(',')}}`}::uuid[])
      order by c.status <> 'active', c.opened_on, c.id limit ${CASES}`);
    if (cases.length === 0) throw new Error('timeline: no case in the biggest branch; use more --families');
    const types = (await query<{ code: string }>(sql`select code from service_types where org_id = ${orgId} order by code`)).map(
      (t) => t.code,
    );
    const templates = SHIPPED_TEMPLATES.map((t) => t.code);
    const now = Date.now();
    const events: Record<string, unknown>[] = [];

    for (const theCase of cases) {
      const team = typeof theCase.team === 'string' ? theCase.team.replace(/[{}]/g, '').split(',') : theCase.team;
      const members = await query<{ id: string; relation: string; first_name: string }>(
        sql`select id::text, relation, first_name from members where family_id = ${theCase.family_id} order by position`,
      );
      const child = members.find((m) => m.relation === 'child') ?? members[0]!;
      const opened = Date.parse(`${theCase.opened_on}T00:00:00Z`);
      const span = Math.max(DAY, now - DAY - opened);
      const planId = uuidFrom(random);
      let stayId = uuidFrom(random);
      let planned = isoDate(opened + 90 * DAY);
      const event = (dayMs: number, kind: string, data: Record<string, unknown>) => {
        const day = isoDate(dayMs);
        // Entered the same day, a few working hours in; one in ten typed in days later.
        const late = random() < 0.1 ? (1 + Math.floor(random() * 20)) * DAY : 0;
        const at = Math.min(now, Date.parse(`${day}T00:00:00Z`) + late + (9 + random() * 9) * 3_600_000);
        events.push({
          org_id: orgId,
          case_id: theCase.id,
          at: new Date(at).toISOString(),
          occurred_on: day,
          actor_id: pick(random, team),
          kind,
          data: JSON.stringify(data),
        });
      };
      event(opened, 'case_opened', { leadId: theCase.lead_id, openedOn: theCase.opened_on });
      event(opened, 'status_changed', { status: { from: 'intake', to: 'active' }, action: 'activate', on: theCase.opened_on });
      for (let n = 2; n < size; n++) {
        // Spread evenly over the case's life, so every page holds a mix.
        const dayMs = opened + Math.floor(((n + random()) / size) * span);
        const on = isoDate(dayMs);
        const kind = weighted(random, KINDS) as Kind;
        const task = pick(random, TASKS);
        switch (kind) {
          case 'service_recorded':
            event(dayMs, kind, {
              serviceId: uuidFrom(random),
              typeCode: pick(random, types),
              date: on,
              durationMinutes: pick(random, [30, 45, 60, 60, 90]),
              initiatedBy: random() < 0.35 ? 'client' : 'team',
            });
            break;
          case 'service_withdrawn':
            event(dayMs, kind, { serviceId: uuidFrom(random), reason: 'Записано по ошибке в другую семью' });
            break;
          case 'group_attended':
            event(dayMs, kind, { sessionId: uuidFrom(random), kind: pick(random, GROUP_KINDS), topic: pick(random, TOPICS), date: on });
            break;
          case 'task_completed':
            event(dayMs, kind, { planId, taskId: uuidFrom(random), title: task, completedOn: on });
            break;
          case 'task_status_changed':
            event(dayMs, kind, {
              planId,
              taskId: uuidFrom(random),
              status: { from: 'todo', to: pick(random, ['in_progress', 'cancelled']) },
            });
            break;
          case 'plan_created':
            event(dayMs, kind, { planId, madeOn: on, goals: 3 + Math.floor(random() * 3), tasks: 10 + Math.floor(random() * 15) });
            break;
          case 'plan_updated': {
            const changes = [
              `+ task: ${task}`,
              `task ${pick(random, TASKS)}: due ${on} → ${isoDate(dayMs + 14 * DAY)}`,
              `task ${pick(random, TASKS)}: todo → in_progress`,
              `+ goal: ${pick(random, GOALS)}`,
            ].slice(0, 1 + Math.floor(random() * 4));
            event(dayMs, kind, { planId, changes });
            break;
          }
          case 'plan_reviewed':
            event(dayMs, kind, { planId, reviewId: uuidFrom(random), reviewedOn: on, nextReviewOn: isoDate(dayMs + 90 * DAY) });
            break;
          case 'assessment_completed':
            event(dayMs, kind, { assessmentId: uuidFrom(random), templateCode: pick(random, templates), conductedOn: on });
            break;
          case 'assessment_amended':
            event(dayMs, kind, { assessmentId: uuidFrom(random), reason: 'Уточнили ответ после встречи с мамой' });
            break;
          case 'stay_checked_in':
            stayId = uuidFrom(random);
            planned = isoDate(dayMs + 90 * DAY);
            event(dayMs, kind, {
              stayId,
              facilityId: uuidFrom(random),
              roomName: pick(random, ROOMS),
              on,
              checkInOn: on,
              plannedLeaveOn: planned,
              previousStayId: null,
            });
            break;
          case 'stay_extended': {
            const to = isoDate(Date.parse(`${planned}T00:00:00Z`) + 30 * DAY);
            event(dayMs, kind, { stayId, on, plannedLeaveOn: { from: planned, to }, reason: pick(random, REASONS) });
            planned = to;
            break;
          }
          case 'stay_moved':
            event(dayMs, kind, { stayId, roomName: pick(random, ROOMS), on });
            break;
          case 'stay_resident_joined':
            event(dayMs, kind, { stayId, memberId: child.id, reason: pick(random, ['born', 'returned']), on });
            break;
          case 'stay_resident_left':
            event(dayMs, kind, { stayId, memberId: child.id, reason: 'hospital', on });
            break;
          case 'stay_checked_out':
            event(dayMs, kind, { stayId, on, reason: pick(random, LEAVE_REASONS) });
            break;
          case 'aid_requested':
            event(dayMs, kind, { requestId: uuidFrom(random), on, lines: 1 + Math.floor(random() * 3) });
            break;
          case 'aid_approved':
          case 'aid_declined':
          case 'aid_handed_out':
            event(dayMs, kind, { requestId: uuidFrom(random), on });
            break;
          case 'consent_recorded':
          case 'consent_withdrawn':
            event(dayMs, kind, {
              memberId: pick(random, members).id,
              kind: pick(random, CONSENT_KINDS),
              ...(kind === 'consent_recorded' ? { givenOn: on } : { withdrawnOn: on }),
            });
            break;
          case 'family_updated':
            event(dayMs, kind, { fields: pick(random, FIELDS) });
            break;
          case 'member_updated':
            event(dayMs, kind, { memberId: pick(random, members).id, fields: pick(random, FIELDS) });
            break;
          case 'member_added':
            event(dayMs, kind, { memberId: uuidFrom(random), relation: 'child', firstName: 'Мария' });
            break;
          case 'contact_added':
            event(dayMs, kind, { kind: 'relative', nature: 'supportive' });
            break;
          case 'sensitive_note_added':
            event(dayMs, kind, { section: pick(random, SENSITIVE_SECTIONS), notedOn: on });
            break;
          case 'case_updated':
            if (random() < 0.5) event(dayMs, kind, { riskFlags: { from: [], to: [pick(random, RISK_FLAGS)] } });
            else
              event(dayMs, kind, {
                team: {
                  from: team.slice(1).map((userId) => ({ userId, role: 'case_worker' })),
                  to: team.map((userId) => ({ userId, role: 'case_worker' })),
                },
              });
            break;
          case 'outcome_marked':
            event(dayMs, kind, { outcomeId: uuidFrom(random), markId: uuidFrom(random), status: pick(random, MARK_STATUSES), on });
            break;
          case 'follow_up_recorded':
            event(dayMs, kind, {
              followUpId: uuidFrom(random),
              milestone: pick(random, [3, 6, 12]),
              contactedOn: on,
              childWithFamily: 'yes',
            });
            break;
        }
      }
    }
    log(`${events.length} events for ${cases.length} cases…`);
    await bulkInsert(
      engine,
      'case_events',
      { org_id: 'uuid', case_id: 'uuid', at: 'timestamptz', occurred_on: 'date', actor_id: 'uuid', kind: 'text', data: 'jsonb' },
      events,
    );
    // "Show more" cursors at every depth of each story, as the timeline builds them.
    const cursors: TimelineData['cursors'] = [];
    for (const theCase of cases) {
      const rows = await query<{ before: string }>(sql`
        select e.occurred_on::text || '_' || to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') || '_' || e.id::text as before
        from (select occurred_on, at, id, row_number() over (order by occurred_on desc, at desc, id desc) as n
              from case_events where case_id = ${theCase.id}) e
        where e.n % ${Math.max(1, Math.floor(size / CURSORS))} = 0 order by e.n`);
      cursors.push(...rows.map((row) => ({ caseId: theCase.id, before: row.before })));
    }
    return {
      coordinatorEmail: needs.casework.coordinatorEmail,
      caseIds: cases.map((c) => c.id),
      cursors,
      counts: { longStoryCases: cases.length, longStoryEvents: events.length },
    };
  },
  describe: (info) => info.counts,
};
