// Keeping a generated document among the case's files. Storage belongs to the files area (issue 16,
// point 1); this module is the one place that calls it, so the documents area never stores files
// of its own.
import type { Language } from '../../domain/i18n/index.js';
import type { AuditContext } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor, Deps } from '../http/context.js';
import { businessRule } from '../http/errors.js';

export interface GeneratedFile {
  caseId: string;
  fileName: string;
  content: Buffer;
  format: 'docx' | 'pdf';
}

/** Saves the file as an attachment of the case and returns the attachment's id. */
export async function saveToCaseFiles(
  _tx: Tx,
  _deps: Deps,
  _actor: Actor,
  _audit: AuditContext,
  _file: GeneratedFile,
  _lang: Language,
): Promise<string> {
  // Until the files area's attach API is in, saving is refused as a business rule (nothing written).
  throw businessRule('documents.errors.save_unavailable');
}
