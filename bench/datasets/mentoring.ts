// Family mentoring at network scale (issue 14): `--mentors` mentors (default 5,000) over the
// branches of the casework dataset (100,000 cases by default) — resource families mostly, some
// specialists and volunteers —, each with an account to sign in with (the role `mentor`), along the
// status path; the active ones with running matches up to their capacity, many with ended matches
// before, and the mentoring log of every match (a contact about once a week since it began, some of
// them with a concern). One mentor is the heaviest reader: a specialist in the biggest branch with ten
// families and two years of weekly contacts with each; the scenarios sign in as them.
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
const KINDS = { resource_family: 70, specialist: 20, volunteer: 10 } as const;
const STATUSES = { active: 60, trained: 15, paused: 5, withdrawn: 5, in_training: 10, candidate: 5 } as const;
const EXPERIENCE = ['large_family', 'child_disability', 'single_parent', 'addiction_recovery', 'young_mother', 'housing_loss'];
const LOG_KINDS = { meeting: 60, call: 30, joint_activity: 10 } as const;
const END_REASONS = ['goals_reached', 'did_not_fit', 'family_withdrew', 'mentor_withdrew'] as const;
/** The heaviest mentor's families, and how long each has been mentored (weekly contacts). */
const BUSIEST_FAMILIES = 10;
const BUSIEST_WEEKS = 104;

export interface MentoringData {
  /** The mentor with the most families and the longest logs (sign in as them). */
  mentorEmail: string;
  /** That mentor's running matches (the ids of their families' pages). */
  matchIds: string[];
  counts: Record<string, number>;
}

interface OpenCase {
  id: string;
  branchId: string;
  leadId: string;
  openedMs: number;
}

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const mentoringDataset: Dataset<MentoringData, { staff: StaffData; casework: CaseworkData }> = {
  name: 'mentoring',
  description: 'mentors with accounts, matches with families (running and ended), the mentoring log with concerns',
  after: ['staff', 'casework'],
  size: { option: 'mentors', default: 5000, describe: 'number of mentors (each with an account, matches and their log)' },
  async generate({ engine, size, needs, random, log }) {
    const { orgId } = needs.staff;
    const { branchIds, casesPerBranch } = needs.casework;
    const now = Date.now();
    const today = isoDate(now);
    const passwordHash = await hashPassword(BENCH_PASSWORD);

    // The cases a mentor may be matched with: not closed, by branch, shuffled.
    const open = await system(engine, (tx) =>
      tx.execute<{ id: string; branch_id: string; lead_id: string; opened_on: string }>(
        sql`select id::text, branch_id::text, lead_id::text, opened_on::text from cases where org_id = ${orgId} and status <> 'closed'`,
      ),
    );
    const casesByBranch = new Map<string, OpenCase[]>(branchIds.map((id) => [id, []]));
    for (const row of open.rows)
      casesByBranch
        .get(row.branch_id)
        ?.push({ id: row.id, branchId: row.branch_id, leadId: row.lead_id, openedMs: Date.parse(row.opened_on) });
    for (const list of casesByBranch.values())
      for (let i = list.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [list[i], list[j]] = [list[j]!, list[i]!];
      }
    // One running match per role per case: each case is taken once per role, in turn.
    const nextCase = new Map<string, number>();
    const takeCase = (branchId: string, role: string): OpenCase | undefined => {
      const list = casesByBranch.get(branchId)!;
      const key = `${branchId}:${role}`;
      const at = nextCase.get(key) ?? 0;
      nextCase.set(key, at + 1);
      return list[at];
    };
    const weights = Object.fromEntries(branchIds.map((id) => [id, casesPerBranch[id] ?? 0]));

    const users: Record<string, unknown>[] = [];
    const roles: Record<string, unknown>[] = [];
    const userBranches: Record<string, unknown>[] = [];
    const mentors: Record<string, unknown>[] = [];
    const matches: Record<string, unknown>[] = [];
    const entries: Record<string, unknown>[] = [];
    let busiest: { email: string; matchIds: string[] } | undefined;

    /** A match with its log: a contact about once in `every` days from its start until it ended (or today). */
    const addMatch = (
      mentor: { id: string; userId: string },
      kase: OpenCase,
      role: string,
      startMs: number,
      endMs: number | null,
      every: number,
    ): string => {
      const id = uuidFrom(random);
      let minutes = 0;
      const until = endMs ?? now;
      for (
        let at = startMs + DAY * Math.ceil(random() * every);
        at <= until;
        at += DAY * Math.max(1, Math.round(every * (0.5 + random())))
      ) {
        const byMentor = random() < 0.7;
        const duration = 15 + Math.floor(random() * 8) * 15;
        minutes += duration;
        const concern = byMentor && random() < 0.03 ? 'Мама говорит, что не справляется (нагрузочный тест)' : '';
        entries.push({
          id: uuidFrom(random),
          org_id: orgId,
          match_id: id,
          case_id: kase.id,
          mentor_id: mentor.id,
          kind: weighted(random, LOG_KINDS),
          occurred_on: isoDate(at),
          duration_minutes: duration,
          note: random() < 0.5 ? 'Встретились, поговорили о неделе' : '',
          concern,
          concern_acknowledged_on: concern && random() < 0.8 ? isoDate(Math.min(now, at + DAY)) : null,
          entered_by: byMentor ? mentor.userId : kase.leadId,
          entered_by_mentor: byMentor,
        });
      }
      const proposedMs = Math.max(kase.openedMs, startMs - 14 * DAY);
      matches.push({
        id,
        org_id: orgId,
        case_id: kase.id,
        mentor_id: mentor.id,
        role,
        status: endMs === null ? 'active' : 'ended',
        proposed_on: isoDate(proposedMs),
        family_agreed_on: isoDate(proposedMs + 3 * DAY),
        mentor_agreed_on: isoDate(proposedMs + 3 * DAY),
        started_on: isoDate(startMs),
        ended_on: endMs === null ? null : isoDate(endMs),
        end_reason: endMs === null ? null : pick(random, END_REASONS),
        minutes,
        created_by: kase.leadId,
      });
      return id;
    };

    for (let i = 0; i < size; i++) {
      const first = i === 0;
      const branchId = first ? branchIds[0]! : weighted(random, weights);
      const kind = first ? 'specialist' : weighted(random, KINDS);
      const status = first ? 'active' : weighted(random, STATUSES);
      const capacity = first ? BUSIEST_FAMILIES : kind === 'resource_family' ? 1 + Math.floor(random() * 2) : 2 + Math.floor(random() * 3);
      const registeredMs = now - Math.floor((first ? 900 : 60 + random() * 900) * DAY);
      const trained = !['candidate', 'in_training'].includes(status);
      const name = personName(random);
      const id = uuidFrom(random);
      const userId = uuidFrom(random);
      const email = `mentor${String(i).padStart(6, '0')}@${BENCH_DOMAIN}`;
      users.push({
        id: userId,
        org_id: orgId,
        email,
        last_name: name.lastName,
        first_name: name.firstName,
        middle_name: name.middleName,
        phone: '',
        password_hash: passwordHash,
        active: status !== 'withdrawn',
      });
      roles.push({ org_id: orgId, user_id: userId, role_code: 'mentor' });
      userBranches.push({ org_id: orgId, user_id: userId, branch_id: branchId });
      mentors.push({
        id,
        org_id: orgId,
        branch_id: branchId,
        kind,
        display_name: kind === 'resource_family' ? `Семья ${name.lastName}` : `${name.lastName} ${name.firstName}`,
        user_id: userId,
        locality: `Город ${1 + Math.floor(random() * 20)}`,
        experience: `{${[pick(random, EXPERIENCE), pick(random, EXPERIENCE)].filter((v, k, a) => a.indexOf(v) === k).join(',')}}`,
        capacity,
        status,
        status_on: isoDate(registeredMs + (trained ? 60 * DAY : 0)),
        registered_on: isoDate(registeredMs),
        trained_on: trained ? isoDate(registeredMs + 60 * DAY) : null,
        created_at: new Date(registeredMs).toISOString(),
      });
      if (!trained) continue;
      const role = kind === 'resource_family' ? 'mentor_family' : 'mentoring_specialist';
      const mentor = { id, userId };
      const trainedMs = registeredMs + 60 * DAY;
      // Families mentored before, ended.
      const past = first ? 0 : Math.floor(random() * 3);
      for (let p = 0; p < past; p++) {
        const kase = takeCase(branchId, role);
        if (!kase) break;
        const startMs = Math.max(kase.openedMs, trainedMs) + Math.floor(random() * 60) * DAY;
        const endMs = Math.min(now - DAY, startMs + (30 + Math.floor(random() * 150)) * DAY);
        if (endMs <= startMs) continue;
        addMatch(mentor, kase, role, startMs, endMs, 9);
      }
      if (status !== 'active') continue;
      const running = first ? BUSIEST_FAMILIES : 1 + Math.floor(random() * capacity);
      const ids: string[] = [];
      for (let r = 0; r < running; r++) {
        const kase = takeCase(branchId, role);
        if (!kase) break;
        const startMs = first
          ? Math.max(kase.openedMs, now - BUSIEST_WEEKS * 7 * DAY)
          : Math.max(kase.openedMs, trainedMs, now - Math.floor(random() * 540) * DAY);
        ids.push(addMatch(mentor, kase, role, Math.min(startMs, now - DAY), null, 7));
      }
      if (first) busiest = { email, matchIds: ids };
    }
    if (!busiest || busiest.matchIds.length === 0) throw new Error('mentoring: no open cases in the first branch; use more --families');

    log(`built ${mentors.length} mentors, ${matches.length} matches, ${entries.length} log entries in memory (today ${today})`);
    await insertAccounts(engine, users, roles, userBranches);
    await bulkInsert(
      engine,
      'mentors',
      {
        id: 'uuid',
        org_id: 'uuid',
        branch_id: 'uuid',
        kind: 'text',
        display_name: 'text',
        user_id: 'uuid',
        locality: 'text',
        experience: 'text[]',
        capacity: 'integer',
        status: 'text',
        status_on: 'date',
        registered_on: 'date',
        trained_on: 'date',
        created_at: 'timestamptz',
      },
      mentors,
    );
    await bulkInsert(
      engine,
      'mentor_matches',
      {
        id: 'uuid',
        org_id: 'uuid',
        case_id: 'uuid',
        mentor_id: 'uuid',
        role: 'text',
        status: 'text',
        proposed_on: 'date',
        family_agreed_on: 'date',
        mentor_agreed_on: 'date',
        started_on: 'date',
        ended_on: 'date',
        end_reason: 'text',
        minutes: 'integer',
        created_by: 'uuid',
      },
      matches,
    );
    // The matches carry their minutes already: the trigger that keeps them is off for the bulk load.
    await system(engine, (tx) => tx.execute(sql`alter table mentoring_log disable trigger mentoring_log_minutes`));
    try {
      await bulkInsert(
        engine,
        'mentoring_log',
        {
          id: 'uuid',
          org_id: 'uuid',
          match_id: 'uuid',
          case_id: 'uuid',
          mentor_id: 'uuid',
          kind: 'text',
          occurred_on: 'date',
          duration_minutes: 'integer',
          note: 'text',
          concern: 'text',
          concern_acknowledged_on: 'date',
          entered_by: 'uuid',
          entered_by_mentor: 'boolean',
        },
        entries,
      );
    } finally {
      await system(engine, (tx) => tx.execute(sql`alter table mentoring_log enable trigger mentoring_log_minutes`));
    }
    const counts = {
      mentors: mentors.length,
      mentor_accounts: users.length,
      mentor_matches: matches.length,
      'running matches': matches.filter((m) => m.status === 'active').length,
      mentoring_log: entries.length,
    };
    log(
      Object.entries(counts)
        .map(([k, v]) => `${v} ${k}`)
        .join(', '),
    );
    return { mentorEmail: busiest.email, matchIds: busiest.matchIds, counts };
  },
  describe: (info) => info.counts,
};
