// Trainings for specialists at network scale (issue 15): `--trainings` events (default 2,000) over
// three years in the organisation's branches, each of two to four sessions, with participants drawn
// from the partners dataset's external specialists (and a few staff): 8–40 a seminar or course,
// 200–300 every fiftieth event (a conference). Attendance per session (most come), pre- and post-test
// scores, completion by the event's rule on its last day for the past ones, and numbered
// certificates for most of those who completed.
import { sql } from 'drizzle-orm';
import { system } from '../../src/server/db/gateway.js';
import { bulkInsert } from '../lib/bulk.js';
import { pick, uuidFrom } from '../lib/random.js';
import type { Dataset } from '../lib/types.js';
import { staffWithRole, type StaffData } from './staff.js';

const KINDS = ['seminar', 'webinar', 'course', 'internship', 'methodological_consultation', 'supervision'] as const;
const TOPICS = [
  'Технология ведения случая',
  'Оценка потребностей семьи',
  'Работа с кризисной семьёй',
  'Ранняя помощь детям',
  'Профилактика отказов от новорождённых',
  'Супервизия специалистов опеки',
];
const DAY = 86_400_000;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export interface TrainingsData {
  /** A coordinator of the first branch, who reads its trainings. */
  readerEmail: string;
  /** Trainings of the reader's branches with 8–40 participants, and the conferences (200–300). */
  trainingIds: string[];
  conferenceIds: string[];
  counts: Record<string, number>;
}

export const trainingsDataset: Dataset<TrainingsData, { staff: StaffData }> = {
  name: 'trainings',
  description: 'trainings for specialists with sessions, participants, attendance, tests, completion and certificates',
  after: ['staff', 'partners'],
  size: { option: 'trainings', default: 2_000, describe: 'number of training events (a fiftieth of them conferences of 200–300)' },
  async generate({ engine, size, needs, random, log }) {
    const { orgId, branchIds } = needs.staff;
    const reader = staffWithRole(needs.staff, 'coordinator').find((s) => s.branchIds.length > 0)!;
    const creators = staffWithRole(needs.staff, 'coordinator');
    const staffPeople = staffWithRole(needs.staff, 'case_worker').slice(0, 200);
    const specialists = (
      await system(engine, (tx) =>
        tx.execute<{ id: string }>(sql`select id::text from external_specialists where org_id = ${orgId} and active`),
      )
    ).rows.map((r) => r.id);
    if (specialists.length === 0) throw new Error('trainings: the partners dataset made no specialists');
    const now = Date.now();
    const trainings: Record<string, unknown>[] = [];
    const sessions: Record<string, unknown>[] = [];
    const participants: Record<string, unknown>[] = [];
    const attendance: Record<string, unknown>[] = [];
    const seqByYear = new Map<number, number>();
    const readerTrainings: string[] = [];
    const conferences: string[] = [];
    for (let i = 0; i < size; i++) {
      const id = uuidFrom(random);
      const conference = i % 50 === 49;
      // A quarter of the events, and every conference, are the reader's branch's.
      const branchId = i % 4 === 0 || conference ? reader.branchIds[0]! : pick(random, branchIds);
      const count = 2 + Math.floor(random() * 3);
      const sessionHours = random() < 0.5 ? 4 : 8;
      const hours = count * sessionHours;
      // Three years back to two months ahead.
      const startMs = now - Math.floor(random() * 1095 - 60) * DAY;
      const endMs = startMs + (count - 1) * DAY;
      const past = endMs < now - DAY;
      const minHours = hours - sessionHours;
      trainings.push({
        id,
        org_id: orgId,
        branch_id: branchId,
        kind: conference ? 'conference' : pick(random, KINDS),
        title: `${pick(random, TOPICS)} — ${i + 1}`,
        starts_on: isoDate(startMs),
        ends_on: isoDate(endMs),
        hours,
        place: 'Учебный центр',
        teaches_case_management: random() < 0.4,
        min_hours: minHours,
        created_by: pick(random, creators).id,
      });
      if (reader.branchIds.includes(branchId)) (conference ? conferences : readerTrainings).push(id);
      const sessionIds: { id: string; heldMs: number }[] = [];
      for (let s = 0; s < count; s++) {
        const sessionId = uuidFrom(random);
        const heldMs = startMs + s * DAY;
        sessionIds.push({ id: sessionId, heldMs });
        sessions.push({
          id: sessionId,
          org_id: orgId,
          training_id: id,
          held_on: isoDate(heldMs),
          hours: sessionHours,
          topic: `День ${s + 1}`,
        });
      }
      const people = conference ? 200 + Math.floor(random() * 101) : 8 + Math.floor(random() * 33);
      const chosen = new Set<string>();
      const chosenStaff = new Set<string>();
      for (let p = 0; p < people; p++) {
        const isStaff = !conference && staffPeople.length > 0 && random() < 0.1;
        const person = isStaff ? pick(random, staffPeople).id : pick(random, specialists);
        if ((isStaff ? chosenStaff : chosen).has(person)) continue;
        (isStaff ? chosenStaff : chosen).add(person);
        const participantId = uuidFrom(random);
        let attended = 0;
        let lastMs = 0;
        for (const session of sessionIds)
          if (session.heldMs < now && random() < 0.85) {
            attendance.push({ org_id: orgId, session_id: session.id, participant_id: participantId });
            attended += sessionHours;
            lastMs = session.heldMs;
          }
        const completed = past && attended >= minHours;
        const year = new Date(endMs).getUTCFullYear();
        const certified = completed && random() < 0.8;
        const seq = certified ? (seqByYear.get(year) ?? 0) + 1 : null;
        if (seq !== null) seqByYear.set(year, seq);
        participants.push({
          id: participantId,
          org_id: orgId,
          training_id: id,
          user_id: isStaff ? person : null,
          specialist_id: isStaff ? null : person,
          registered_on: isoDate(startMs - 14 * DAY),
          pre_score: Math.round(random() * 60),
          post_score: past ? 40 + Math.round(random() * 60) : null,
          completed_on: completed ? isoDate(Math.max(endMs, lastMs)) : null,
          certificate_year: seq === null ? null : year,
          certificate_seq: seq,
          certificate_number: seq === null ? null : `${year}-${String(seq).padStart(4, '0')}`,
          certificate_issued_on: seq === null ? null : isoDate(Math.max(endMs, lastMs) + DAY),
        });
      }
    }
    await bulkInsert(
      engine,
      'trainings',
      {
        id: 'uuid',
        org_id: 'uuid',
        branch_id: 'uuid',
        kind: 'text',
        title: 'text',
        starts_on: 'date',
        ends_on: 'date',
        hours: 'numeric',
        place: 'text',
        teaches_case_management: 'boolean',
        min_hours: 'numeric',
        created_by: 'uuid',
      },
      trainings,
    );
    await bulkInsert(
      engine,
      'training_sessions',
      { id: 'uuid', org_id: 'uuid', training_id: 'uuid', held_on: 'date', hours: 'numeric', topic: 'text' },
      sessions,
    );
    await bulkInsert(
      engine,
      'training_participants',
      {
        id: 'uuid',
        org_id: 'uuid',
        training_id: 'uuid',
        user_id: 'uuid',
        specialist_id: 'uuid',
        registered_on: 'date',
        pre_score: 'numeric',
        post_score: 'numeric',
        completed_on: 'date',
        certificate_year: 'integer',
        certificate_seq: 'integer',
        certificate_number: 'text',
        certificate_issued_on: 'date',
      },
      participants,
    );
    await bulkInsert(engine, 'training_attendance', { org_id: 'uuid', session_id: 'uuid', participant_id: 'uuid' }, attendance);
    await system(engine, (tx) => tx.execute(sql`analyze trainings, training_sessions, training_participants, training_attendance`));
    log(`${trainings.length} trainings, ${participants.length} participants, ${attendance.length} attendance marks`);
    return {
      readerEmail: reader.email,
      trainingIds: readerTrainings,
      conferenceIds: conferences,
      counts: {
        trainings: trainings.length,
        training_sessions: sessions.length,
        training_participants: participants.length,
        training_attendance: attendance.length,
      },
    };
  },
  describe: (info) => info.counts,
};
