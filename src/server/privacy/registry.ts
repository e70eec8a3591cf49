// Hooks to the areas whose records the privacy area lists and destroys but does not own:
//
// - the files of a family (issue 16, the attachments area, src/server/files/attachments.ts): listed in
//   answer to an access request and their content deleted by a destruction, with the consent scans the
//   families area still keeps in the table `files`.
// - the applications of volunteers who never started, and volunteers who started and then left (issue
//   18, the volunteers area): registered here as retention sources by that area
//   (`registerRetentionSource`) when it exists; the due list and the destruction then include them.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import { destroyFamilyFiles as destroyAttachments, familyFiles as attachmentsOf } from '../files/attachments.js';
import type { Deps } from '../http/context.js';

export interface FileEntry {
  title: string;
  fileName: string;
  documentDate: string | null;
  sha256: string | null;
}

/** The family's files: the attachments of its records (issue 16) and the consent scans kept in `files`. */
export async function familyFiles(tx: Tx, deps: Deps, orgId: string, familyId: string): Promise<FileEntry[]> {
  const scans = await tx.execute<{ file_name: string }>(sql`select f.file_name from consents c join files f on f.id = c.scan_file_id
    where c.family_id = ${familyId} order by c.given_on`);
  const result: FileEntry[] = scans.rows.map((r) => ({ title: 'consent_scan', fileName: r.file_name, documentDate: null, sha256: null }));
  for (const file of await attachmentsOf(tx, deps, orgId, familyId)) {
    if (file.removed) continue;
    result.push({ title: file.title, fileName: file.fileName, documentDate: file.documentDate, sha256: file.sha256 });
  }
  return result;
}

/**
 * Deletes a family's files and their content for good: the consent scans of `files`, and every
 * attachment with every version through the attachments area (its content in the folder, S3 or the
 * file_contents table). Returns how many went.
 */
export async function destroyFamilyFiles(tx: Tx, deps: Deps, orgId: string, familyId: string): Promise<number> {
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
  const attachments = await destroyAttachments(tx, deps, orgId, familyId);
  return count + attachments.versions;
}

export type SourceKind = 'volunteer_application' | 'former_volunteer';

/** A kind of record another area keeps due for destruction after the organisation's period. */
export interface RetentionSource {
  kind: SourceKind;
  /** The category of the person whose data it is, as the act names it. */
  subject: string;
  /**
   * Records not yet destroyed whose period runs from `endedOn`: id, a label for the responsible
   * person, branch name. Read within the caller's organisation (row-level security).
   */
  due(tx: Tx): Promise<{ id: string; label: string; branchName: string; endedOn: string }[]>;
  /** Deletes or anonymises the record's personal data for good; says what went, how and from where. */
  destroy(
    tx: Tx,
    deps: Deps,
    orgId: string,
    id: string,
  ): Promise<{ dataCategories: string[]; method: 'anonymisation' | 'deletion'; media: ('database' | 'file_storage')[] }>;
}
const sources = new Map<SourceKind, RetentionSource>();

export function registerRetentionSource(source: RetentionSource): void {
  sources.set(source.kind, source);
}

export function retentionSource(kind: SourceKind): RetentionSource | undefined {
  return sources.get(kind);
}

export function retentionSources(): RetentionSource[] {
  return [...sources.values()];
}
