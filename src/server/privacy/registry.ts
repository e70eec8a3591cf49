// Hooks to the areas whose records the privacy area lists and destroys but does not own:
//
// - the files of a family (issue 16, the attachments area): listed in answer to an access request and
//   their content deleted by a destruction. Until that area's API is present (its table `attachments`
//   exists), only the consent scans of the families area (table `files`) are handled.
// - the applications of volunteers who never started (issue 18, the volunteers area): registered here
//   as a retention source by that area (`registerRetentionSource`) when it exists; the due list and the
//   destruction then include them.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';

export interface FileEntry {
  title: string;
  fileName: string;
}

async function tableExists(tx: Tx, name: string): Promise<boolean> {
  const rows = await tx.execute<{ t: string | null }>(sql`select to_regclass(${name})::text as t`);
  return rows.rows[0]?.t !== null && rows.rows[0]?.t !== undefined;
}

/** The family's files: consent scans, and the attachments of its records when that area is present. */
export async function familyFiles(tx: Tx, familyId: string): Promise<FileEntry[]> {
  const scans = await tx.execute<{ file_name: string }>(sql`select f.file_name from consents c join files f on f.id = c.scan_file_id
    where c.family_id = ${familyId} order by c.given_on`);
  const result: FileEntry[] = scans.rows.map((r) => ({ title: 'consent_scan', fileName: r.file_name }));
  if (await tableExists(tx, 'public.attachments')) {
    const rows = await tx.execute<{ title: string; file_name: string }>(sql`select a.title, coalesce(
        (select v.file_name from attachment_versions v where v.attachment_id = a.id order by v.number desc limit 1), '') as file_name
      from attachments a where a.family_id = ${familyId} and a.removed_at is null order by a.created_at`);
    result.push(...rows.rows.map((r) => ({ title: r.title, fileName: r.file_name })));
  }
  return result;
}

/** Deletes a family's files and their content; returns how many went. */
export type FamilyFilesDestroyer = (tx: Tx, familyId: string, actorId: string) => Promise<number>;
let attachmentsDestroyer: FamilyFilesDestroyer | null = null;

/** The attachments area hands over how its content is deleted for good (storage may be a folder or S3). */
export function registerFamilyFilesDestroyer(destroyer: FamilyFilesDestroyer): void {
  attachmentsDestroyer = destroyer;
}

export async function destroyFamilyFiles(tx: Tx, familyId: string, actorId: string): Promise<number> {
  const scans = await tx.execute<{ id: string }>(
    sql`select scan_file_id::text as id from consents where family_id = ${familyId} and scan_file_id is not null`,
  );
  const ids = scans.rows.map((r) => r.id);
  let count = 0;
  if (ids.length > 0) {
    await tx.execute(sql`update consents set scan_file_id = null where family_id = ${familyId}`);
    const deleted = await tx.execute(sql`delete from files where id in ${ids} returning id`);
    count += deleted.rows.length;
  }
  if (attachmentsDestroyer) count += await attachmentsDestroyer(tx, familyId, actorId);
  return count;
}

/** A kind of record another area keeps due for destruction after the organisation's period. */
export interface RetentionSource {
  kind: 'volunteer_application';
  /** Records whose period runs from `ended_on`: id, a label for the responsible person, branch name. */
  due(tx: Tx): Promise<{ id: string; label: string; branchName: string; endedOn: string }[]>;
  /** Deletes or anonymises the record's personal data; returns the categories of data destroyed. */
  destroy(tx: Tx, id: string): Promise<string[]>;
}
const sources = new Map<string, RetentionSource>();

export function registerRetentionSource(source: RetentionSource): void {
  sources.set(source.kind, source);
}

export function retentionSource(kind: string): RetentionSource | undefined {
  return sources.get(kind);
}

export function retentionSources(): RetentionSource[] {
  return [...sources.values()];
}
