// Keeping a generated document among the case's files. Storage belongs to the files area (issue 16,
// point 1, src/server/files): this module only hands it the file, so the documents area never
// stores files of its own. The files area checks that the caller may manage the case's files (403
// otherwise: a psychologist on the team may read the case, not change its family's records), checks
// the content as any upload, stores it and audits the attachment.
import type { Language } from '../../domain/i18n/index.js';
import type { AuditContext } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor, Deps } from '../http/context.js';
import { attach } from '../files/attachments.js';

export interface GeneratedFile {
  caseId: string;
  title: string;
  documentDate: string;
  fileName: string;
  content: Buffer;
}

/** Saves the file as an attachment of the case and returns the attachment's id. */
export function saveToCaseFiles(
  tx: Tx,
  deps: Deps,
  actor: Actor,
  audit: AuditContext,
  file: GeneratedFile,
  lang: Language,
): Promise<string> {
  return attach(
    tx,
    deps,
    actor,
    audit,
    {
      ownerKind: 'case',
      ownerId: file.caseId,
      title: file.title,
      documentDate: file.documentDate,
      fileName: file.fileName,
      content: file.content,
    },
    lang,
  );
}
