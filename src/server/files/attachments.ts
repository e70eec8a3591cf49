// Attachments: the one way any area stores, reads and removes a file of a record (see
// /work/notes/files-api.md and README "Files and attachments"). Every function checks the caller's
// reach of the owner through the owner kind's registry entry (owners.ts), so a caller cannot skip it.
//
// An upload goes: the name's extension (executables and markup refused) → the organisation's size
// limits → the content's type from its bytes (sniff.ts: allow-list, polyglots, zip bombs, images
// decoded) → location data stripped (strip.ts) → the virus check when the organisation has it on →
// the store (storage.ts) → the rows and the audit, in the request's transaction.
import crypto from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { SensitiveSection } from '../../domain/cases/sensitive.js';
import {
  DEFAULT_ATTACHMENT_SETTINGS,
  type AttachmentSettings,
  type AttachmentView,
  type FileKind,
  type VersionView,
} from '../../domain/files/contracts.js';
import { translate, type Language } from '../../domain/i18n/index.js';
import { auditCode, auditCodes, writeAudit, type AuditContext } from '../audit/audit.js';
import { afterTransaction } from '../db/after-transaction.js';
import type { Tx } from '../db/engine.js';
import { system } from '../db/gateway.js';
import type { Actor, Deps } from '../http/context.js';
import { AppError, businessRule, conflict, invalidField, notFound } from '../http/errors.js';
import { sectionsFor } from '../cases/scope.js';
import { findOwnerKind, type OwnerKindSpec, type OwnerReach } from './owners.js';
import { checkName, FileRefused, sniff, storedName, type Sniffed } from './sniff.js';
import { stripMetadata } from './strip.js';
import { storeOf, storeOfKind, type StoreKind } from './storage.js';
import { scanForViruses } from './virus.js';

export interface Owner {
  spec: OwnerKindSpec;
  ownerId: string;
  reach: OwnerReach;
  canManage: boolean;
  /** The sensitive sections of the owner's family the caller may see (all files of no family are unsectioned). */
  sections: SensitiveSection[];
}

/**
 * The owner within the caller's reach, or 404 (an unknown kind, a kind whose area the caller has no
 * permission for, a record of another organisation or outside the caller's reach all read the same).
 */
export async function reachOwner(tx: Tx, actor: Actor, kind: string, ownerId: string): Promise<Owner> {
  const spec = findOwnerKind(kind);
  if (!spec || !spec.read.some((p) => actor.permissions.has(p))) throw notFound();
  const reach = await spec.reach(tx, actor, ownerId);
  if (!reach) throw notFound();
  const sections = reach.familyId ? await sectionsFor(tx, actor, reach.familyId) : [];
  // A record whose own section the caller may not see (a psychologist's service) is not found either.
  if (reach.section && !sections.includes(reach.section)) throw notFound();
  return { spec, ownerId, reach, canManage: await spec.canManage(tx, actor, ownerId, reach), sections };
}

export async function attachmentSettings(tx: Tx): Promise<AttachmentSettings> {
  const row = (await tx.execute<{ s: Partial<AttachmentSettings> | null }>(sql`select attachment_settings as s from organizations`))
    .rows[0];
  return { ...DEFAULT_ATTACHMENT_SETTINGS, ...(row?.s ?? {}) };
}

const MB = 1024 * 1024;

function refused(lang: Language, path: string, reason: string, params: Record<string, unknown> = {}): AppError {
  const code = `files.refused.${reason}`;
  return invalidField(path, code, translate(lang, code, params), params);
}

export interface CheckedFile {
  content: Buffer;
  sniffed: Sniffed;
  fileName: string;
  sha256: string;
}

/**
 * The bytes as they will be stored, or a 400 naming the field and the reason; the virus check (when
 * on) included. `path` prefixes the field names (`contentBase64`, `fileName`).
 */
export async function checkFile(
  deps: Deps,
  settings: AttachmentSettings,
  input: { fileName: string; content: Buffer },
  lang: Language,
  prefix = '',
): Promise<CheckedFile> {
  try {
    checkName(input.fileName);
  } catch (error) {
    if (error instanceof FileRefused) throw refused(lang, `${prefix}fileName`, error.reason);
    throw error;
  }
  if (input.content.length > settings.maxFileMb * MB)
    throw refused(lang, `${prefix}contentBase64`, 'too_big', { max: `${settings.maxFileMb} MB` });
  let sniffed: Sniffed;
  let content: Buffer;
  try {
    sniffed = sniff(input.content);
    content = stripMetadata(input.content, sniffed.contentType);
  } catch (error) {
    if (error instanceof FileRefused) throw refused(lang, `${prefix}contentBase64`, error.reason);
    throw error;
  }
  if (settings.virusCheck) {
    const result = await scanForViruses(deps.config.files.clamavCommand, content);
    if (result === 'infected') throw refused(lang, `${prefix}contentBase64`, 'virus');
    if (result === 'unavailable') throw businessRule('files.errors.scanner_unavailable');
  }
  return {
    content,
    sniffed,
    fileName: storedName(input.fileName, sniffed.extension),
    sha256: crypto.createHash('sha256').update(content).digest('hex'),
  };
}

/** Bytes kept for the owner now (current and earlier versions of files not removed). */
async function usedBytes(tx: Tx, kind: string, ownerId: string): Promise<number> {
  const row = (
    await tx.execute<{ used: string | null }>(sql`select sum(v.size)::text as used from attachment_versions v
      join attachments a on a.org_id = v.org_id and a.id = v.attachment_id
      where a.owner_kind = ${kind} and a.owner_id = ${ownerId} and v.content_deleted_at is null`)
  ).rows[0];
  return Number(row?.used ?? 0);
}

async function assertRoom(tx: Tx, owner: Owner, settings: AttachmentSettings, adding: number): Promise<void> {
  const used = await usedBytes(tx, owner.spec.kind, owner.ownerId);
  if (used + adding > settings.maxRecordMb * MB) throw businessRule('files.errors.record_full', { max: `${settings.maxRecordMb} MB` });
}

/**
 * The bytes of the folder and S3 stores live outside the transaction, so they follow its rows once it
 * has ended: a key whose version row was committed and whose content is not marked deleted keeps its
 * bytes; any other — an upload whose transaction (or savepoint) failed, a removal or destruction that
 * committed — has them deleted. So bytes are written before their row (a failed upload removes them)
 * and deleted only after the removal's commit (a failed removal keeps them). The database store is
 * part of the transaction itself and needs none of this.
 */
function settleAfterTransaction(deps: Deps, orgId: string, kind: StoreKind, keys: string[]): void {
  if (kind === 'database' || keys.length === 0) return;
  afterTransaction(async () => {
    // As the owner, outside any request: the keys are our own random ids, read back from rows just written.
    await system(deps.engine, async (tx) => {
      const live = (
        await tx.execute<{ key: string }>(sql`select storage_key::text as key from attachment_versions
          where org_id = ${orgId} and store = ${kind} and storage_key in ${keys} and content_deleted_at is null`)
      ).rows.map((r) => r.key);
      const store = storeOfKind(deps, kind);
      for (const key of keys) if (!live.includes(key)) await store.delete(tx, orgId, key);
    });
  });
}

async function storeVersion(tx: Tx, deps: Deps, actor: Actor, attachmentId: string, number: number, file: CheckedFile): Promise<void> {
  const store = storeOf(deps);
  const key = crypto.randomUUID();
  // Registered before the write: even a write that fails half-way is cleaned up.
  settleAfterTransaction(deps, actor.orgId, store.kind, [key]);
  await store.put(tx, actor.orgId, key, file.content);
  await tx.execute(sql`insert into attachment_versions
    (org_id, attachment_id, number, store, storage_key, file_name, content_type, size, sha256, pages, uploaded_by)
    values (${actor.orgId}, ${attachmentId}, ${number}, ${store.kind}, ${key}, ${file.fileName}, ${file.sniffed.contentType},
      ${file.content.length}, ${file.sha256}, ${file.sniffed.pages}, ${actor.userId})`);
}

export interface AttachInput {
  ownerKind: string;
  ownerId: string;
  title: string;
  documentDate: string | null;
  documentKind?: string | null;
  section?: SensitiveSection | null;
  fileName: string;
  content: Buffer;
  /** Prefixes the field names of a refusal when the file is part of another form (`scan.` → `scan.contentBase64`). */
  fieldPrefix?: string;
}

/**
 * Attaches a file to a record the caller may manage: checked, stripped, stored, recorded, audited.
 * Returns the new attachment's id. Throws 404 (owner out of reach), 403 (may read, not manage),
 * 400 naming the field (a refused file), 422 (the record's limit, the scanner).
 */
export async function attach(tx: Tx, deps: Deps, actor: Actor, audit: AuditContext, input: AttachInput, lang: Language): Promise<string> {
  const owner = await reachOwner(tx, actor, input.ownerKind, input.ownerId);
  if (!owner.canManage) throw new AppError('forbidden');
  if (owner.spec.needsDocumentKind && !input.documentKind)
    throw invalidField('documentKind', 'validation.required', translate(lang, 'validation.required'));
  const section = owner.reach.section ?? input.section ?? null;
  if (section && !owner.reach.familyId)
    throw invalidField('section', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  if (section && !owner.sections.includes(section))
    throw invalidField('section', 'validation.invalid_option', translate(lang, 'validation.invalid_option'));
  const settings = await attachmentSettings(tx);
  const file = await checkFile(deps, settings, input, lang, input.fieldPrefix);
  await assertRoom(tx, owner, settings, file.content.length);
  const row = (
    await tx.execute<{ id: string }>(sql`insert into attachments
      (org_id, owner_kind, owner_id, document_kind, family_id, section, title, document_date, created_by)
      values (${actor.orgId}, ${owner.spec.kind}, ${owner.ownerId}, ${owner.spec.needsDocumentKind ? (input.documentKind ?? '') : ''},
        ${owner.reach.familyId}, ${section}, ${input.title}, ${input.documentDate}, ${actor.userId}) returning id::text`)
  ).rows[0]!;
  await storeVersion(tx, deps, actor, row.id, 1, file);
  await writeAudit(tx, audit, {
    action: 'create',
    recordType: 'attachment',
    recordId: row.id,
    details: {
      ownerKind: auditCode(owner.spec.kind),
      ownerId: auditCode(owner.ownerId),
      fileType: auditCode(file.sniffed.extension),
      size: file.content.length,
      fields: auditCodes(['title', ...(input.documentDate ? ['documentDate'] : []), ...(section ? ['section'] : [])]),
    },
  });
  return row.id;
}

type AttachmentRow = {
  id: string;
  owner_kind: string;
  owner_id: string;
  section: SensitiveSection | null;
  version: number;
  removed_at: string | null;
};

/**
 * The attachment and its owner, when the caller reaches both and may see the attachment's section;
 * otherwise 404 — the file URL of a record out of reach reads as a missing one.
 */
export async function reachAttachment(tx: Tx, actor: Actor, id: string, lock = false): Promise<{ row: AttachmentRow; owner: Owner }> {
  const row = (
    await tx.execute<AttachmentRow>(sql`select id::text, owner_kind, owner_id::text, section, version, removed_at
      from attachments where id = ${id} ${lock ? sql`for update` : sql``}`)
  ).rows[0];
  if (!row) throw notFound();
  let owner: Owner;
  try {
    owner = await reachOwner(tx, actor, row.owner_kind, row.owner_id);
  } catch {
    throw notFound();
  }
  if (row.section && !owner.sections.includes(row.section)) throw notFound();
  return { row, owner };
}

/** Adds a newer version (the earlier ones are kept). */
export async function replaceContent(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  audit: AuditContext,
  id: string,
  input: { fileName: string; content: Buffer; version: number },
  lang: Language,
): Promise<void> {
  const { row, owner } = await reachAttachment(tx, actor, id, true);
  if (!owner.canManage) throw new AppError('forbidden');
  if (row.removed_at) throw conflict('files.errors.removed');
  if (Number(row.version) !== input.version) throw conflict();
  const settings = await attachmentSettings(tx);
  const file = await checkFile(deps, settings, input, lang);
  await assertRoom(tx, owner, settings, file.content.length);
  const next = (
    await tx.execute<{ n: number }>(sql`select coalesce(max(number), 0) + 1 as n from attachment_versions where attachment_id = ${id}`)
  ).rows[0]!.n;
  await storeVersion(tx, deps, actor, id, Number(next), file);
  await tx.execute(sql`update attachments set version = version + 1 where id = ${id}`);
  await writeAudit(tx, audit, {
    action: 'update',
    recordType: 'attachment',
    recordId: id,
    details: {
      fields: auditCodes(['content']),
      versionNumber: Number(next),
      fileType: auditCode(file.sniffed.extension),
      size: file.content.length,
    },
  });
}

export async function editAttachment(
  tx: Tx,
  actor: Actor,
  audit: AuditContext,
  id: string,
  input: { title: string; documentDate: string | null; version: number },
): Promise<void> {
  const { row, owner } = await reachAttachment(tx, actor, id, true);
  if (!owner.canManage) throw new AppError('forbidden');
  if (row.removed_at) throw conflict('files.errors.removed');
  if (Number(row.version) !== input.version) throw conflict();
  const before = (
    await tx.execute<{ title: string; document_date: string | null }>(
      sql`select title, document_date::text from attachments where id = ${id}`,
    )
  ).rows[0]!;
  const fields = [
    ...(before.title !== input.title ? ['title'] : []),
    ...(before.document_date !== input.documentDate ? ['documentDate'] : []),
  ];
  await tx.execute(
    sql`update attachments set title = ${input.title}, document_date = ${input.documentDate}, version = version + 1 where id = ${id}`,
  );
  await writeAudit(tx, audit, { action: 'update', recordType: 'attachment', recordId: id, details: { fields: auditCodes(fields) } });
}

/**
 * Deletes the stored content of the given versions for good (whatever store each went to): in the
 * transaction for the database store, after the commit for the others (settleAfterTransaction), so a
 * removal that fails keeps the content its row still points to.
 */
async function deleteContent(tx: Tx, deps: Deps, orgId: string, versions: { store: StoreKind; storage_key: string }[]): Promise<void> {
  for (const kind of ['folder', 's3'] as const)
    settleAfterTransaction(
      deps,
      orgId,
      kind,
      versions.filter((v) => v.store === kind).map((v) => v.storage_key),
    );
  for (const v of versions) if (v.store === 'database') await storeOfKind(deps, v.store).delete(tx, orgId, v.storage_key);
}

/**
 * Removes a file: who and when are recorded on it, and the content of every version is deleted for
 * good (a removed passport scan is not kept "just in case"); the rows stay as the record of removal.
 */
export async function removeAttachment(tx: Tx, deps: Deps, actor: Actor, audit: AuditContext, id: string, version: number): Promise<void> {
  const { row, owner } = await reachAttachment(tx, actor, id, true);
  if (!owner.canManage) throw new AppError('forbidden');
  if (row.removed_at) throw conflict('files.errors.removed');
  if (Number(row.version) !== version) throw conflict();
  const versions = await tx.execute<{ store: StoreKind; storage_key: string }>(
    sql`select store, storage_key::text from attachment_versions where attachment_id = ${id} and content_deleted_at is null`,
  );
  await tx.execute(sql`update attachments set removed_at = now(), removed_by = ${actor.userId}, version = version + 1 where id = ${id}`);
  await tx.execute(
    sql`update attachment_versions set content_deleted_at = now() where attachment_id = ${id} and content_deleted_at is null`,
  );
  await deleteContent(tx, deps, actor.orgId, versions.rows);
  await writeAudit(tx, audit, { action: 'delete', recordType: 'attachment', recordId: id, details: { versions: versions.rows.length } });
}

export interface StoredContent {
  content: Buffer;
  contentType: string;
  fileName: string;
  kind: FileKind;
  number: number;
}

export function kindOf(contentType: string): FileKind {
  return contentType.startsWith('image/') ? 'image' : contentType === 'application/pdf' ? 'pdf' : 'office';
}

/** One version's content (the current one by default), for a caller who reaches the file; the read is audited. */
export async function readContent(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  audit: AuditContext,
  id: string,
  versionNumber?: number,
): Promise<StoredContent> {
  const { row, owner } = await reachAttachment(tx, actor, id);
  if (row.removed_at) throw notFound();
  const version = (
    await tx.execute<{
      number: number;
      store: StoreKind;
      storage_key: string;
      file_name: string;
      content_type: string;
      deleted: boolean;
    }>(sql`
      select number, store, storage_key::text, file_name, content_type, content_deleted_at is not null as deleted
      from attachment_versions where attachment_id = ${id}
      ${versionNumber === undefined ? sql`order by number desc limit 1` : sql`and number = ${versionNumber}`}`)
  ).rows[0];
  if (!version || version.deleted) throw notFound();
  const content = await storeOfKind(deps, version.store).get(tx, actor.orgId, version.storage_key);
  if (!content) throw notFound();
  // Who read which file and which version: ids only (a file's title and name can hold personal data).
  await writeAudit(tx, audit, {
    action: row.section ? 'read_sensitive' : 'read',
    recordType: 'attachment',
    recordId: id,
    details: {
      ownerKind: auditCode(owner.spec.kind),
      versionNumber: Number(version.number),
      ...(row.section && { sections: auditCodes([row.section]) }),
    },
  });
  return {
    content,
    contentType: version.content_type,
    fileName: version.file_name,
    kind: kindOf(version.content_type),
    number: Number(version.number),
  };
}

type ListRow = {
  id: string;
  owner_kind: string;
  owner_id: string;
  document_kind: string;
  section: SensitiveSection | null;
  title: string;
  document_date: string | null;
  version: number;
  created_at: string;
  created_by: string;
  removed_at: string | null;
  removed_by: string | null;
  versions: VersionRow[] | string;
};
type VersionRow = {
  number: number;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  pages: number | null;
  uploaded_at: string;
  uploaded_by: string;
  deleted: boolean;
};

/** The files of an owner the caller reaches, newest first; those of sections the caller may not see are left out. */
export async function listAttachments(tx: Tx, owner: Owner, includeRemoved: boolean): Promise<AttachmentView[]> {
  const rows = await tx.execute<ListRow>(sql`
    select a.id::text, a.owner_kind, a.owner_id::text, a.document_kind, a.section, a.title, a.document_date::text, a.version,
      a.created_at, trim(cu.last_name || ' ' || cu.first_name) as created_by, a.removed_at,
      trim(ru.last_name || ' ' || ru.first_name) as removed_by,
      (select json_agg(json_build_object('number', v.number, 'file_name', v.file_name, 'content_type', v.content_type, 'size', v.size,
          'sha256', v.sha256, 'pages', v.pages, 'uploaded_at', v.uploaded_at, 'deleted', v.content_deleted_at is not null,
          'uploaded_by', (select trim(u.last_name || ' ' || u.first_name) from users u where u.id = v.uploaded_by)) order by v.number desc)
        from attachment_versions v where v.attachment_id = a.id) as versions
    from attachments a join users cu on cu.id = a.created_by left join users ru on ru.id = a.removed_by
    where a.owner_kind = ${owner.spec.kind} and a.owner_id = ${owner.ownerId}
      ${includeRemoved ? sql`` : sql`and a.removed_at is null`}
      and (a.section is null ${owner.sections.length > 0 ? sql`or a.section in ${owner.sections}` : sql``})
    order by a.removed_at is not null, a.document_date desc nulls last, a.created_at desc`);
  return rows.rows.map((r) => {
    const versions = (typeof r.versions === 'string' ? JSON.parse(r.versions) : (r.versions ?? [])) as VersionRow[];
    return {
      id: r.id,
      ownerKind: r.owner_kind,
      ownerId: r.owner_id,
      documentKind: (r.document_kind || null) as AttachmentView['documentKind'],
      section: r.section,
      title: r.title,
      documentDate: r.document_date,
      version: Number(r.version),
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: r.created_by,
      removedAt: r.removed_at ? new Date(r.removed_at).toISOString() : null,
      removedBy: r.removed_by,
      versions: versions.map((v): VersionView => ({
        number: Number(v.number),
        fileName: v.file_name,
        contentType: v.content_type,
        kind: kindOf(v.content_type),
        size: Number(v.size),
        sha256: v.sha256,
        pages: v.pages === null ? null : Number(v.pages),
        uploadedAt: new Date(v.uploaded_at).toISOString(),
        uploadedBy: v.uploaded_by,
        available: !v.deleted,
      })),
    };
  });
}

export { usedBytes };

// ---- for other areas: subject access, destruction, backups ---------------------------------------

export interface FamilyFile {
  attachmentId: string;
  ownerKind: string;
  ownerId: string;
  title: string;
  documentDate: string | null;
  section: SensitiveSection | null;
  number: number;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  removed: boolean;
  /** Reads the version's bytes (null when deleted). */
  read(): Promise<Buffer | null>;
}

/**
 * Every file version of a family (its members, documents, consents, cases, services, stays,
 * hand-overs — everything attached with that family), for a subject access request. No reach check:
 * the caller (the privacy area) has made its own, and audits the export.
 */
export async function familyFiles(tx: Tx, deps: Deps, orgId: string, familyId: string): Promise<FamilyFile[]> {
  const rows = await tx.execute<{
    id: string;
    owner_kind: string;
    owner_id: string;
    title: string;
    document_date: string | null;
    section: SensitiveSection | null;
    removed: boolean;
    number: number;
    file_name: string;
    content_type: string;
    size: string;
    sha256: string;
    store: StoreKind;
    storage_key: string;
    deleted: boolean;
  }>(sql`select a.id::text, a.owner_kind, a.owner_id::text, a.title, a.document_date::text, a.section, a.removed_at is not null as removed,
      v.number, v.file_name, v.content_type, v.size::text, v.sha256, v.store, v.storage_key::text, v.content_deleted_at is not null as deleted
    from attachments a join attachment_versions v on v.org_id = a.org_id and v.attachment_id = a.id
    where a.family_id = ${familyId} order by a.created_at, v.number`);
  return rows.rows.map((r) => ({
    attachmentId: r.id,
    ownerKind: r.owner_kind,
    ownerId: r.owner_id,
    title: r.title,
    documentDate: r.document_date,
    section: r.section,
    number: Number(r.number),
    fileName: r.file_name,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
    removed: r.removed,
    read: async () => (r.deleted ? null : storeOfKind(deps, r.store).get(tx, orgId, r.storage_key)),
  }));
}

/**
 * Destroys every file of a family irreversibly — content in its store, versions and attachment rows
 * — for a destruction act. Returns how many attachments and versions were destroyed. The caller
 * audits the act; the database store deletes with the transaction, the folder and S3 stores once it
 * has committed (a destruction that fails keeps the files its rows still describe).
 */
export async function destroyFamilyFiles(
  tx: Tx,
  deps: Deps,
  orgId: string,
  familyId: string,
): Promise<{ attachments: number; versions: number }> {
  return destroyWhere(tx, deps, orgId, sql`a.family_id = ${familyId}`);
}

/** The same for the files of one record (an owner kind and id), e.g. a volunteer's certificate. */
export async function destroyOwnerFiles(tx: Tx, deps: Deps, orgId: string, ownerKind: string, ownerId: string) {
  return destroyWhere(tx, deps, orgId, sql`a.owner_kind = ${ownerKind} and a.owner_id = ${ownerId}`);
}

async function destroyWhere(tx: Tx, deps: Deps, orgId: string, where: ReturnType<typeof sql>) {
  const ids = (await tx.execute<{ id: string }>(sql`select a.id::text from attachments a where ${where}`)).rows.map((r) => r.id);
  if (ids.length === 0) return { attachments: 0, versions: 0 };
  const versions = await tx.execute<{ store: StoreKind; storage_key: string }>(
    sql`select store, storage_key::text from attachment_versions where attachment_id in ${ids}`,
  );
  await deleteContent(tx, deps, orgId, versions.rows);
  await tx.execute(sql`delete from attachment_versions where attachment_id in ${ids}`);
  await tx.execute(sql`delete from attachments where id in ${ids}`);
  return { attachments: ids.length, versions: versions.rows.length };
}
