// Attachments: files of a record (scans, photos, office documents), their versions and the
// organisation's file rules. One Zod schema per shape, used by the server routes and the web panel.
import { z } from 'zod';
import { isoDate, text, uuid, version } from '../validation.js';
import { SENSITIVE_SECTIONS } from '../cases/sensitive.js';
import { DOCUMENT_KINDS } from '../families/contracts.js';

/**
 * The owner kinds shipped with Hearth. Other areas add theirs at start-up through the server's
 * registry (src/server/files/owners.ts); the API takes any registered code.
 */
export const SHIPPED_OWNER_KINDS = [
  'family',
  'person',
  'person_document',
  'consent',
  'case',
  'service',
  'stay',
  'aid_handover',
  'partner_agreement',
  'training_certificate',
] as const;
export type ShippedOwnerKind = (typeof SHIPPED_OWNER_KINDS)[number];
export const OwnerKind = z.string().regex(/^[a-z][a-z_]{0,49}$/, { message: 'i18n:invalid_option' });

export const FILE_KINDS = ['image', 'pdf', 'office'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** The hard ceiling of one file whatever the organisation sets (the request body carries it in base64). */
export const MAX_FILE_MB = 50;
/** Base64 of MAX_FILE_MB, with room for line breaks. */
export const MAX_BASE64_CHARS = Math.ceil((MAX_FILE_MB * 1024 * 1024 * 4) / 3) + 1024 * 1024;

export const FileContent = z.strictObject({
  /** The name it had on the device: only its extension is checked (the content decides the type). */
  fileName: text(255),
  contentBase64: z
    .string()
    .min(1)
    .max(MAX_BASE64_CHARS)
    .regex(/^[A-Za-z0-9+/=\r\n]+$/, { message: 'i18n:invalid_format' }),
});

export const AttachmentInput = FileContent.extend({
  title: text(300),
  /** The date the document is from (the certificate's issue, the act's signing); may be typed later. */
  documentDate: isoDate.nullable().default(null),
  /** For a person's document: which document. */
  documentKind: z.enum(DOCUMENT_KINDS).nullable().default(null),
  /** A sensitive section: then only those who may see that section of the family see the file. */
  section: z.enum(SENSITIVE_SECTIONS).nullable().default(null),
});
export type AttachmentInput = z.infer<typeof AttachmentInput>;

export const ReplaceInput = FileContent.extend({ version });
export type ReplaceInput = z.infer<typeof ReplaceInput>;

export const AttachmentEditInput = z.strictObject({
  title: text(300),
  documentDate: isoDate.nullable(),
  version,
});
export type AttachmentEditInput = z.infer<typeof AttachmentEditInput>;

export const RemoveInput = z.strictObject({ version });

export const VersionView = z.object({
  number: z.number(),
  fileName: z.string(),
  contentType: z.string(),
  kind: z.enum(FILE_KINDS),
  size: z.number(),
  sha256: z.string(),
  pages: z.number().nullable(),
  uploadedAt: z.string(),
  uploadedBy: z.string(),
  /** False once the attachment was removed: its content is deleted. */
  available: z.boolean(),
});
export type VersionView = z.infer<typeof VersionView>;

export const AttachmentView = z.object({
  id: uuid,
  ownerKind: z.string(),
  ownerId: uuid,
  documentKind: z.enum(DOCUMENT_KINDS).nullable(),
  section: z.enum(SENSITIVE_SECTIONS).nullable(),
  title: z.string(),
  documentDate: z.string().nullable(),
  version: z.number(),
  createdAt: z.string(),
  createdBy: z.string(),
  removedAt: z.string().nullable(),
  removedBy: z.string().nullable(),
  /** Newest first; the first is the current one. */
  versions: z.array(VersionView),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

export const AttachmentSettings = z.strictObject({
  maxFileMb: z.number().int().min(1).max(MAX_FILE_MB),
  maxRecordMb: z.number().int().min(1).max(10000),
  virusCheck: z.boolean(),
});
export type AttachmentSettings = z.infer<typeof AttachmentSettings>;
export const DEFAULT_ATTACHMENT_SETTINGS: AttachmentSettings = { maxFileMb: 10, maxRecordMb: 100, virusCheck: false };

export const AttachmentSettingsInput = AttachmentSettings;

export const AttachmentList = z.object({
  items: z.array(AttachmentView),
  /** Whether the caller may upload, replace, edit and remove here. */
  canManage: z.boolean(),
  /** The sensitive sections the caller may mark a new file with (those they may see). */
  sections: z.array(z.enum(SENSITIVE_SECTIONS)),
  limits: z.object({ maxFileMb: z.number(), maxRecordMb: z.number(), usedBytes: z.number() }),
});
export type AttachmentList = z.infer<typeof AttachmentList>;

export const OwnerParams = z.strictObject({ kind: OwnerKind, ownerId: uuid });
export const ListQuery = z.strictObject({ removed: z.enum(['true', 'false']).default('false') });
export const ContentQuery = z.strictObject({
  version: z.coerce.number().int().min(1).optional(),
  /** An image or PDF shown in the page rather than downloaded. */
  inline: z.enum(['1', '0']).default('0'),
});
