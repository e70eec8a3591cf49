// Destruction of personal data (152-FZ art. 21; Roskomnadzor order No. 179 of 28.10.2022), carried out
// irreversibly in one transaction with its act and its audit record:
//
// - a family (every case closed, the retention period over, or the person's deletion or consent
//   withdrawal request): anonymised. The people's names, phones, addresses, documents' details, the
//   family's notes, every free text of its referrals, cases, story, assessments, plans, services,
//   stays, the house journal, aid requests, follow-ups, feedback comments, mentoring and away-shift
//   notes are blanked; its sensitive notes, social contacts and files are deleted. What the figures
//   count stays: dates, programme, branch, statuses and outcomes, service types and minutes, stays'
//   days, aid handed out, scores of assessments, and each person's relation, sex, citizenship,
//   education, occupation and birth date (the indicators' breakdowns by age band read it at the end of
//   each period; without a name, contact or document it no longer points to a person in Hearth).
//   Shared records of group work (group sessions, away shifts and their days, mentors' supervisions,
//   volunteer tasks) lose the people's names — all of them, with phones, where the family took part;
//   the surnames anywhere else (group-records.ts) — and a withdrawn mentor family's register entry its
//   name and contacts.
// - a referral that ended without help: its person's and caller's identity and every free text blanked.
// - the special-category data of a person who withdrew that consent: their sensitive notes deleted.
// - an application of a volunteer who never started, and a volunteer who started and then left:
//   anonymised by the volunteers area through the registry hook (src/server/volunteers/retention.ts).
//
// No copy is left in the words the caseload is searched by (case_search is rebuilt by its triggers
// when the names change; search_words loses the words no case uses any more), in stored answers of
// retried creates (idempotency keys), or in the file storage. JSON free text is blanked by
// hearth_scrub_json (migration 0041), which keeps codes, dates, ids and numbers.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import type { Deps } from '../http/context.js';
import { scrubGroupRecords } from './group-records.js';
import { destroyFamilyFiles, retentionSource, type SourceKind } from './registry.js';

const blankJson = (column: string) => sql.raw(`${column} = hearth_scrub_json(${column})`);

export interface Destroyed {
  subjects: { category: string; count: number }[];
  dataCategories: string[];
  method: 'anonymisation' | 'deletion';
  media: string[];
}

async function ids(tx: Tx, query: ReturnType<typeof sql>): Promise<string[]> {
  return (await tx.execute<{ id: string }>(query)).rows.map((r) => r.id);
}

const inIds = (column: string, values: string[]) => (values.length === 0 ? sql`false` : sql`${sql.raw(column)} in ${values}`);

/** Forgets stored answers of retried creates that name any of these records (they hold whole records). */
async function forgetStoredAnswers(tx: Tx, recordIds: string[]): Promise<void> {
  if (recordIds.length === 0) return;
  await tx.execute(sql`delete from idempotency_keys k where exists (select 1 from unnest(${`{${recordIds.join(',')}}`}::text[]) as r(id)
    where position(r.id in k.response::text) > 0)`);
}

/** Drops the organisation's search words that no case is found by any more. */
async function forgetSearchWords(tx: Tx, words: string[]): Promise<void> {
  if (words.length === 0) return;
  await tx.execute(sql`delete from search_words w where w.word in ${words}
    and not exists (select 1 from case_search s where s.org_id = w.org_id and s.term = w.word)`);
}

export async function anonymiseFamily(tx: Tx, deps: Deps, orgId: string, familyId: string): Promise<Destroyed> {
  const members = await tx.execute<{
    id: string;
    relation: string;
    last_name: string;
    first_name: string;
    middle_name: string;
    phone: string;
  }>(sql`select id::text, relation, last_name, first_name, middle_name, phone from members where family_id = ${familyId}`);
  const memberIds = members.rows.map((m) => m.id);
  const caseIds = await ids(tx, sql`select id::text from cases where family_id = ${familyId}`);
  const referralIds = await ids(tx, sql`select id::text from referrals where family_id = ${familyId}`);
  const stayIds = await ids(tx, sql`select id::text from stays where family_id = ${familyId}`);
  const planIds = await ids(tx, sql`select id::text from plans where ${inIds('case_id', caseIds)}`);
  const words = await ids(tx, sql`select distinct term as id from case_search where ${inIds('case_id', caseIds)}`);
  const sensitive = await ids(tx, sql`select id::text from sensitive_notes where family_id = ${familyId}`);
  const mentorIds = await ids(tx, sql`select id::text from mentors where family_id = ${familyId}`);
  const byCase = (column = 'case_id') => inIds(column, caseIds);

  await tx.execute(sql`update families set name = '—', notes = '', version = version + 1, updated_at = now() where id = ${familyId}`);
  await tx.execute(sql`update members set last_name = '', first_name = '', middle_name = '', phone = '', phone_digits = '',
    registered_address = '', actual_address = '', ${blankJson('documents')}, version = version + 1, updated_at = now() where family_id = ${familyId}`);
  await tx.execute(sql`update referrals set caller_name = '', caller_contact = '', client_last_name = '', client_first_name = '', client_middle_name = '',
    client_phone = '', summary = '—', outcome_note = '', intake_location = '', ${blankJson('intake')}, version = version + 1, updated_at = now()
    where family_id = ${familyId}`);
  await tx.execute(sql`update cases set closing_reason = '' where family_id = ${familyId} and closing_reason <> ''`);
  const array = (values: string[]) => sql`${`{${values.join(',')}}`}::uuid[]`;
  await tx.execute(sql`select hearth_destroy_history(${array(caseIds)}, ${array(stayIds)}, ${array(memberIds)}, ${array(planIds)})`);
  await tx.execute(sql`delete from sensitive_notes where family_id = ${familyId}`);
  await tx.execute(sql`update consents set scope = '' where family_id = ${familyId}`);
  await tx.execute(sql`delete from social_contacts where family_id = ${familyId}`);
  await tx.execute(sql`update assessments set notes = '', ${blankJson('answers')} where ${byCase()}`);
  await tx.execute(sql`update plans set desired_future = '', ${blankJson('participants')} where ${byCase()}`);
  await tx.execute(sql`update plan_goals set title = '' where ${inIds('plan_id', planIds)}`);
  await tx.execute(sql`update plan_tasks set title = '', note = '', responsible_name = '' where ${inIds('plan_id', planIds)}`);
  await tx.execute(sql`update services set note = '', withdrawn_reason = '' where ${byCase()} and (note <> '' or withdrawn_reason <> '')`);
  await tx.execute(sql`update stays set leave_note = '' where family_id = ${familyId}`);
  await tx.execute(sql`update stay_extensions set reason = '' where ${inIds('stay_id', stayIds)}`);
  await tx.execute(sql`update placements set person = '', joined_reason = '', left_reason = '' where ${inIds('stay_id', stayIds)}`);
  await tx.execute(sql`update aid_requests set reason = '—', decision_note = '' where ${byCase()}`);
  await tx.execute(sql`update feedback_responses set ${blankJson('answers')}, ${blankJson('comments')} where ${byCase()}`);
  await tx.execute(sql`update mentor_matches set note = '', end_note = '' where ${byCase()}`);
  await tx.execute(sql`update mentoring_log set note = '', concern = '' where ${byCase()}`);
  await tx.execute(sql`update shift_diagnostics set notes = '', ${blankJson('answers')} where ${byCase()}`);
  await tx.execute(sql`update specialist_consultations set case_note = '' where ${byCase()}`);
  await tx.execute(sql`update subject_requests set subject_name = '', subject_contact = '' where family_id = ${familyId}`);
  // A withdrawn mentor (resource) family's entry in the register (an active one holds the destruction).
  await tx.execute(sql`update mentors set display_name = '—', phone = '', email = '', locality = '', note = '', version = version + 1
    where family_id = ${familyId}`);
  await scrubGroupRecords(
    tx,
    members.rows.map((m) => ({ lastName: m.last_name, firstName: m.first_name, middleName: m.middle_name, phone: m.phone })),
    { caseIds, memberIds, mentorIds },
  );
  const files = await destroyFamilyFiles(tx, deps, orgId, familyId);
  await forgetStoredAnswers(tx, [familyId, ...memberIds, ...caseIds, ...referralIds, ...stayIds, ...planIds]);
  await forgetSearchWords(tx, words);

  const byRelation = new Map<string, number>();
  for (const m of members.rows) byRelation.set(m.relation, (byRelation.get(m.relation) ?? 0) + 1);
  const dataCategories = ['identity', 'contacts', 'addresses', 'documents', 'family_composition', 'case_records'];
  if (sensitive.length > 0) dataCategories.push('special_categories');
  if (files > 0) dataCategories.push('files');
  return {
    subjects: [...byRelation].map(([category, count]) => ({ category, count })),
    dataCategories,
    method: 'anonymisation',
    media: files > 0 ? ['database', 'file_storage'] : ['database'],
  };
}

export async function anonymiseReferral(tx: Tx, referralId: string): Promise<Destroyed> {
  await tx.execute(sql`update referrals set caller_name = '', caller_contact = '', client_last_name = '', client_first_name = '', client_middle_name = '',
    client_phone = '', client_birth_date = null, summary = '—', outcome_note = '', intake_location = '', ${blankJson('intake')},
    version = version + 1, updated_at = now() where id = ${referralId}`);
  await forgetStoredAnswers(tx, [referralId]);
  return {
    subjects: [{ category: 'referral_person', count: 1 }],
    dataCategories: ['identity', 'contacts', 'referral_records'],
    method: 'anonymisation',
    media: ['database'],
  };
}

export async function deleteSpecialCategories(tx: Tx, memberId: string): Promise<Destroyed> {
  const relation = (await tx.execute<{ relation: string }>(sql`select relation from members where id = ${memberId}`)).rows[0]!.relation;
  await tx.execute(sql`delete from sensitive_notes where member_id = ${memberId}`);
  return { subjects: [{ category: relation, count: 1 }], dataCategories: ['special_categories'], method: 'deletion', media: ['database'] };
}

export async function destroyFromSource(tx: Tx, deps: Deps, orgId: string, kind: SourceKind, id: string): Promise<Destroyed> {
  const source = retentionSource(kind)!;
  const done = await source.destroy(tx, deps, orgId, id);
  await forgetStoredAnswers(tx, [id]);
  return { subjects: [{ category: source.subject, count: 1 }], ...done };
}

/** Tables a destruction rewrites, vacuumed after it commits so the old row versions go from the files too. */
export const VACUUMED = [
  'members',
  'families',
  'referrals',
  'sensitive_notes',
  'social_contacts',
  'case_search',
  'search_words',
  'case_events',
  'services',
  'files',
  'idempotency_keys',
  'mentors',
  'group_sessions',
  'shifts',
  'shift_days',
  'mentor_supervisions',
  'volunteer_tasks',
  'volunteers',
  'volunteer_status_changes',
  'users',
];
