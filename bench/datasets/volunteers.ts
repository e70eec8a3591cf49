// Volunteers at network scale (issue 18): `--volunteers` volunteers (default 10,000) over the branches
// of the casework dataset, along the status path, with certificates, teams of about twenty, and twenty
// tasks and shifts per volunteer (200,000 by default) from eighteen months ago to two months ahead —
// child care, transport, deliveries (some about a family's case), events, repairs, tutoring — each
// with its places filled by volunteers of its branch (completed with hours or a no-show in the past,
// signed up for those to come). One volunteer is the heaviest reader of their own screen: an active
// volunteer of the biggest branch on a quarter of its child-care shifts (≈3,400 on the default sizes,
// some of them to come: far more than anyone gives, a worst case for the screen's sums); the
// scenarios sign in as them, and as the casework dataset's coordinator of the biggest branch for the
// task board.
import { sql } from 'drizzle-orm';
import { hashPassword } from '../../src/server/auth/passwords.js';
import { system } from '../../src/server/db/gateway.js';
import { bulkInsert } from '../lib/bulk.js';
import { pick, uuidFrom, weighted } from '../lib/random.js';
import type { Dataset } from '../lib/types.js';
import type { CaseworkData } from './casework.js';
import { personName } from './names.js';
import { BENCH_DOMAIN, BENCH_PASSWORD, insertAccounts, type StaffData } from './staff.js';

const DAY = 86_400_000;
const STATUSES = { active: 60, applicant: 8, screened: 5, paused: 10, left: 17 } as const;
const KINDS = { child_care: 35, transport: 15, aid_delivery: 20, event_help: 10, repairs: 10, tutoring: 10 } as const;
const CHILD = new Set(['child_care', 'tutoring']);
const TITLES: Record<string, string> = {
  child_care: 'Присмотр за малышами во время занятий мам',
  transport: 'Отвезти семью в поликлинику',
  aid_delivery: 'Доставить продуктовый набор',
  event_help: 'Помощь на празднике',
  repairs: 'Ремонт в кризисной квартире',
  tutoring: 'Занятие с детьми',
};
const TASKS_PER_VOLUNTEER = 20;
const PAST_DAYS = 540;
const FUTURE_DAYS = 60;

export interface VolunteersData {
  /** The volunteer with the longest history (sign in as them for their own screen). */
  volunteerEmail: string;
  /** The casework coordinator of the biggest branch (the task board). */
  coordinatorEmail: string;
  counts: Record<string, number>;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const volunteersDataset: Dataset<VolunteersData, { staff: StaffData; casework: CaseworkData }> = {
  name: 'volunteers',
  description: 'volunteers along the status path with certificates and teams, tasks and shifts (20 per volunteer) with sign-ups and hours',
  after: ['staff', 'casework'],
  size: { option: 'volunteers', default: 10_000, describe: 'number of volunteers (20 tasks each, with sign-ups and hours)' },
  async generate({ engine, size, needs, random, log }) {
    const { orgId } = needs.staff;
    const { branchIds, casesPerBranch, coordinatorEmail } = needs.casework;
    const now = Date.now();
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    const weights = Object.fromEntries(branchIds.map((id) => [id, Math.max(1, casesPerBranch[id] ?? 0)]));
    const cases = await system(engine, (tx) =>
      tx.execute<{ id: string; branch_id: string }>(
        sql`select id::text, branch_id::text from cases where org_id = ${orgId} and status <> 'closed' limit 20000`,
      ),
    );
    const casesByBranch = new Map<string, string[]>();
    for (const row of cases.rows) casesByBranch.set(row.branch_id, [...(casesByBranch.get(row.branch_id) ?? []), row.id]);

    const volunteers: Record<string, unknown>[] = [];
    const changes: Record<string, unknown>[] = [];
    const activeByBranch = new Map<string, { id: string; validUntil: string | null }[]>();
    for (let i = 0; i < size; i++) {
      const first = i === 0;
      const branchId = first ? branchIds[0]! : weighted(random, weights);
      const status = first ? 'active' : weighted(random, STATUSES);
      const appliedMs = now - Math.floor((first ? PAST_DAYS + 30 : 30 + random() * (PAST_DAYS + 200)) * DAY);
      const onboarded = status !== 'applicant';
      const activeMs = appliedMs + 14 * DAY;
      const hasCertificate = first || (onboarded && random() < 0.75);
      const issuedMs = first ? now - 100 * DAY : appliedMs - Math.floor(random() * 60) * DAY;
      const validUntil = hasCertificate ? isoDate(issuedMs + 365 * DAY) : null;
      const name = personName(random);
      const id = uuidFrom(random);
      const statusOn =
        status === 'applicant' ? appliedMs : status === 'screened' ? appliedMs + 7 * DAY : activeMs + (status === 'active' ? 0 : 60 * DAY);
      volunteers.push({
        id,
        org_id: orgId,
        branch_id: branchId,
        last_name: name.lastName,
        first_name: name.firstName,
        middle_name: name.middleName,
        phone: `+7 9${String(10 + (i % 89)).padStart(2, '0')} ${String(i % 1000).padStart(3, '0')}-00-00`,
        city: '',
        skills: 'Помогаю с детьми и доставкой',
        source: random() < 0.4 ? 'public_form' : 'staff',
        applied_on: isoDate(appliedMs),
        consent_on: isoDate(appliedMs),
        consent_text: 'Согласие на обработку персональных данных (нагрузочный тест)',
        status,
        status_on: isoDate(Math.min(statusOn, now)),
        interview_on: onboarded ? isoDate(appliedMs + 5 * DAY) : null,
        certificate_issued_on: hasCertificate ? isoDate(issuedMs) : null,
        certificate_valid_until: validUntil,
        induction_on: onboarded && status !== 'screened' ? isoDate(activeMs) : null,
        agreement_on: onboarded && status !== 'screened' ? isoDate(activeMs) : null,
      });
      changes.push({
        id: uuidFrom(random),
        org_id: orgId,
        volunteer_id: id,
        from_status: null,
        to_status: 'applicant',
        changed_on: isoDate(appliedMs),
      });
      if (onboarded)
        changes.push({
          id: uuidFrom(random),
          org_id: orgId,
          volunteer_id: id,
          from_status: 'applicant',
          to_status: 'screened',
          changed_on: isoDate(appliedMs + 7 * DAY),
        });
      if (['active', 'paused', 'left'].includes(status)) {
        changes.push({
          id: uuidFrom(random),
          org_id: orgId,
          volunteer_id: id,
          from_status: 'screened',
          to_status: 'active',
          changed_on: isoDate(activeMs),
        });
        activeByBranch.set(branchId, [...(activeByBranch.get(branchId) ?? []), { id, validUntil }]);
      }
    }
    const busiest = volunteers[0]!;
    const busiestUser = uuidFrom(random);
    busiest.user_id = busiestUser;
    const volunteerEmail = `volunteer000000@${BENCH_DOMAIN}`;

    // Teams of about twenty active volunteers per branch, the first as leader.
    const teams: Record<string, unknown>[] = [];
    const members: Record<string, unknown>[] = [];
    const teamsByBranch = new Map<string, string[]>();
    for (const [branchId, list] of activeByBranch) {
      for (let start = 0; start < list.length; start += 20) {
        const teamId = uuidFrom(random);
        const group = list.slice(start, start + 20);
        teams.push({
          id: teamId,
          org_id: orgId,
          branch_id: branchId,
          name: `Команда ${teams.length + 1}`,
          leader_id: group[0]!.id,
          formed_on: isoDate(now - PAST_DAYS * DAY),
        });
        for (const m of group)
          members.push({ org_id: orgId, team_id: teamId, volunteer_id: m.id, joined_on: isoDate(now - PAST_DAYS * DAY) });
        teamsByBranch.set(branchId, [...(teamsByBranch.get(branchId) ?? []), teamId]);
      }
    }

    // Tasks spread over the branches by size, each filled by volunteers of its branch who may take it.
    const tasks: Record<string, unknown>[] = [];
    const signups: Record<string, unknown>[] = [];
    const total = size * TASKS_PER_VOLUNTEER;
    const busiestId = busiest.id as string;
    const taken = new Set<string>();
    for (let i = 0; i < total; i++) {
      const branchId = weighted(random, weights);
      const kind = weighted(random, KINDS);
      const childRelated = CHILD.has(kind);
      const offsetDays = Math.floor(random() * (PAST_DAYS + FUTURE_DAYS)) - PAST_DAYS;
      const startMs = Math.floor((now + offsetDays * DAY) / DAY) * DAY + (7 + Math.floor(random() * 11)) * 3_600_000;
      const hours = 1 + Math.floor(random() * 4);
      const places = 1 + Math.floor(random() * 3);
      const past = startMs + hours * 3_600_000 < now;
      const id = uuidFrom(random);
      const on = isoDate(startMs);
      const pool = activeByBranch.get(branchId) ?? [];
      const chosen = new Set<string>();
      // The busiest volunteer takes a quarter of their branch's child-care shifts.
      if (branchId === branchIds[0] && kind === 'child_care' && random() < 0.25) chosen.add(busiestId);
      const fill = past ? places : Math.floor(random() * (places + 1));
      for (let tries = 0; chosen.size < fill && tries < fill * 3 && pool.length > 0; tries++) {
        const v = pick(random, pool);
        if (childRelated && !(v.validUntil && v.validUntil >= on)) continue;
        chosen.add(v.id);
      }
      let count = 0;
      for (const volunteerId of chosen) {
        if (taken.has(`${id}:${volunteerId}`)) continue;
        taken.add(`${id}:${volunteerId}`);
        const status = past ? (random() < 0.92 ? 'completed' : 'no_show') : 'signed_up';
        if (status !== 'no_show') count++;
        signups.push({
          id: uuidFrom(random),
          org_id: orgId,
          task_id: id,
          volunteer_id: volunteerId,
          how: random() < 0.6 ? 'self' : 'assigned',
          status,
          hours: status === 'completed' ? Math.max(0.5, hours - Math.floor(random() * 2) * 0.5) : null,
          task_on: on,
        });
      }
      const branchCases = casesByBranch.get(branchId) ?? [];
      tasks.push({
        id,
        org_id: orgId,
        branch_id: branchId,
        team_id: random() < 0.7 ? (pick(random, teamsByBranch.get(branchId) ?? [null]) ?? null) : null,
        kind,
        child_related: childRelated,
        title: TITLES[kind],
        needs: kind === 'aid_delivery' ? 'Набор со склада' : '',
        address: kind === 'aid_delivery' ? 'ул. Тестовая, д. 1' : '',
        case_id: (kind === 'aid_delivery' || kind === 'transport') && branchCases.length > 0 ? pick(random, branchCases) : null,
        starts_at: new Date(startMs).toISOString(),
        ends_at: new Date(startMs + hours * 3_600_000).toISOString(),
        places: Math.max(places, count),
        taken: count,
        status: past ? 'done' : 'open',
      });
    }
    log(`built ${volunteers.length} volunteers, ${teams.length} teams, ${tasks.length} tasks, ${signups.length} sign-ups in memory`);
    await insertAccounts(
      engine,
      [
        {
          id: busiestUser,
          org_id: orgId,
          email: volunteerEmail,
          last_name: busiest.last_name,
          first_name: busiest.first_name,
          middle_name: '',
          phone: '',
          password_hash: passwordHash,
          active: true,
        },
      ],
      [{ org_id: orgId, user_id: busiestUser, role_code: 'volunteer' }],
      [{ org_id: orgId, user_id: busiestUser, branch_id: busiest.branch_id }],
    );
    await bulkInsert(
      engine,
      'volunteers',
      {
        id: 'uuid',
        org_id: 'uuid',
        branch_id: 'uuid',
        last_name: 'text',
        first_name: 'text',
        middle_name: 'text',
        phone: 'text',
        city: 'text',
        skills: 'text',
        source: 'text',
        applied_on: 'date',
        consent_on: 'date',
        consent_text: 'text',
        status: 'text',
        status_on: 'date',
        interview_on: 'date',
        certificate_issued_on: 'date',
        certificate_valid_until: 'date',
        induction_on: 'date',
        agreement_on: 'date',
        user_id: 'uuid',
      },
      volunteers.map((v): Record<string, unknown> => ({ user_id: null, ...v })),
    );
    await bulkInsert(
      engine,
      'volunteer_status_changes',
      { id: 'uuid', org_id: 'uuid', volunteer_id: 'uuid', from_status: 'text', to_status: 'text', changed_on: 'date' },
      changes,
    );
    await bulkInsert(
      engine,
      'volunteer_teams',
      { id: 'uuid', org_id: 'uuid', branch_id: 'uuid', name: 'text', leader_id: 'uuid', formed_on: 'date' },
      teams,
    );
    await bulkInsert(
      engine,
      'volunteer_team_members',
      { org_id: 'uuid', team_id: 'uuid', volunteer_id: 'uuid', joined_on: 'date' },
      members,
    );
    await bulkInsert(
      engine,
      'volunteer_tasks',
      {
        id: 'uuid',
        org_id: 'uuid',
        branch_id: 'uuid',
        team_id: 'uuid',
        kind: 'text',
        child_related: 'boolean',
        title: 'text',
        needs: 'text',
        address: 'text',
        case_id: 'uuid',
        starts_at: 'timestamptz',
        ends_at: 'timestamptz',
        places: 'integer',
        taken: 'integer',
        status: 'text',
      },
      tasks,
    );
    // The tasks carry their places taken already: the trigger that keeps them is off for the bulk load.
    await system(engine, (tx) => tx.execute(sql`alter table volunteer_signups disable trigger volunteer_signups_taken`));
    try {
      await bulkInsert(
        engine,
        'volunteer_signups',
        {
          id: 'uuid',
          org_id: 'uuid',
          task_id: 'uuid',
          volunteer_id: 'uuid',
          how: 'text',
          status: 'text',
          hours: 'numeric',
          task_on: 'date',
        },
        signups,
      );
    } finally {
      await system(engine, (tx) => tx.execute(sql`alter table volunteer_signups enable trigger volunteer_signups_taken`));
    }
    const counts = {
      volunteers: volunteers.length,
      volunteer_teams: teams.length,
      volunteer_tasks: tasks.length,
      volunteer_signups: signups.length,
      'busiest volunteer sign-ups': signups.filter((s) => s.volunteer_id === busiestId).length,
    };
    log(
      Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', '),
    );
    return { volunteerEmail, coordinatorEmail, counts };
  },
  describe: (info) => info.counts,
};
