// Import from spreadsheets (issue 16, point 3): the kinds of file, the fields a column can be mapped
// to, the limits, and the contracts of the import routes shared by the server and the wizard.
import { z } from 'zod';
import { text, uuid, version } from '../validation.js';

export const IMPORT_KINDS = ['families', 'cases', 'services'] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;

/** What a column can hold, per kind. A person is named by one full-name column or by three. */
export const IMPORT_FIELDS = {
  families: [
    'familyKey',
    'fullName',
    'lastName',
    'firstName',
    'middleName',
    'relation',
    'birthDate',
    'sex',
    'phone',
    'branch',
    'registeredAddress',
    'actualAddress',
    'notes',
  ],
  cases: ['fullName', 'lastName', 'firstName', 'middleName', 'birthDate', 'phone', 'programme', 'status', 'openedOn', 'lead', 'branch'],
  services: [
    'fullName',
    'lastName',
    'firstName',
    'middleName',
    'birthDate',
    'phone',
    'programme',
    'serviceType',
    'date',
    'durationMinutes',
    'specialist',
    'format',
  ],
} as const satisfies Record<ImportKind, readonly string[]>;
export type ImportField = (typeof IMPORT_FIELDS)[ImportKind][number];
export const ALL_FIELDS = [...new Set(Object.values(IMPORT_FIELDS).flat())] as ImportField[];

/**
 * Limits of one file, documented in the README: a larger file is refused with a 400 that names the
 * limit; nothing is written.
 */
export const IMPORT_LIMITS = {
  /** Bytes of the uploaded file. */
  maxFileBytes: 20 * 1024 * 1024,
  /** Bytes of an XLSX once unpacked (a zip bomb unpacks to gigabytes). */
  maxUnpackedBytes: 200 * 1024 * 1024,
  /** Unpacked size over packed size of one entry of an XLSX. */
  maxCompressionRatio: 200,
  /** Rows with content, the header row not counted. */
  maxRows: 50_000,
  maxColumns: 100,
  /** Characters of one cell. */
  maxCell: 5_000,
  /** Reading stops after this many empty rows in a row. */
  maxTrailingEmpty: 1_000,
} as const;

export const ImportUploadInput = z.strictObject({
  kind: ImportKind,
  fileName: text(200),
  /** The file itself, base64 (JSON is the only body the API takes). */
  contentBase64: z
    .string()
    .min(1)
    .max(Math.ceil((IMPORT_LIMITS.maxFileBytes * 4) / 3) + 8)
    .regex(/^[A-Za-z0-9+/=\s]*$/, { message: 'i18n:invalid_format' }),
});
export type ImportUploadInput = z.infer<typeof ImportUploadInput>;

/** Column index (0-based) per field; a field left out is not in the file. */
export const ImportMapping = z.record(
  z.string().max(40),
  z
    .number()
    .int()
    .min(0)
    .max(IMPORT_LIMITS.maxColumns - 1),
);
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportMappingInput = z.strictObject({
  mapping: ImportMapping,
  /** Where a row without a branch column goes (a branch the user works in). */
  branchId: uuid.nullable().default(null),
  version,
});
export type ImportMappingInput = z.infer<typeof ImportMappingInput>;

export const DECISIONS = ['new', 'skip', 'link'] as const;
export const DecisionInput = z.strictObject({
  decisions: z
    .array(
      z.strictObject({
        rowNumber: z
          .number()
          .int()
          .min(1)
          .max(IMPORT_LIMITS.maxRows + 1),
        decision: z.enum(DECISIONS),
        familyId: uuid.nullable().default(null),
      }),
    )
    .min(1)
    .max(1000),
  version,
});
export type DecisionInput = z.infer<typeof DecisionInput>;

export const UndoInput = z.strictObject({ version });
export const RunInput = z.strictObject({ version });

export const JOB_STATUSES = ['uploaded', 'analysing', 'previewed', 'running', 'done', 'interrupted', 'undone'] as const;
export const JobStatus = z.enum(JOB_STATUSES);
export type JobStatus = z.infer<typeof JobStatus>;

export const ImportJobView = z.object({
  id: uuid,
  kind: ImportKind,
  fileName: z.string(),
  encoding: z.string(),
  status: JobStatus,
  headers: z.array(z.string()),
  /** A few rows as read, to help mapping. */
  sample: z.array(z.array(z.string())),
  mapping: ImportMapping,
  /** True when the mapping came from the organisation's previous file of this kind. */
  mappingRemembered: z.boolean(),
  branchId: uuid.nullable(),
  rowCount: z.number(),
  /** Every row checked with the current mapping (the import may run). */
  analysed: z.boolean(),
  progress: z.object({ done: z.number(), total: z.number() }),
  counts: z.object({
    ready: z.number(),
    problems: z.number(),
    duplicates: z.number(),
    imported: z.number(),
    linked: z.number(),
    skipped: z.number(),
    failed: z.number(),
  }),
  createdBy: z.string(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  undoneAt: z.string().nullable(),
  version: z.number(),
});
export type ImportJobView = z.infer<typeof ImportJobView>;
export const ImportJobList = z.object({ items: z.array(ImportJobView.omit({ sample: true, headers: true })) });

export const ROW_STATUSES = ['ready', 'problem', 'duplicate', 'imported', 'linked', 'skipped', 'failed', 'undone'] as const;
export const RowStatus = z.enum(ROW_STATUSES);

export const RowProblem = z.object({ field: z.string(), code: z.string(), message: z.string() });
export type RowProblem = z.infer<typeof RowProblem>;

export const DuplicateCandidate = z.object({
  familyId: uuid,
  name: z.string(),
  branchName: z.string(),
  reasons: z.array(z.enum(['name', 'birth_date', 'phone'])),
});

export const ImportRowView = z.object({
  rowNumber: z.number(),
  status: RowStatus,
  /** Rows read as one family (the family column), by row number. */
  group: z.number(),
  cells: z.array(z.string()),
  problems: z.array(RowProblem),
  duplicates: z.array(DuplicateCandidate),
  /** A look-alike family outside the user's reach exists (told only that). */
  outsideReach: z.boolean(),
  /** The earlier row of this file that looks like the same person. */
  sameAsRow: z.number().nullable(),
  decision: z.enum(DECISIONS).nullable(),
  linkedFamilyId: uuid.nullable(),
});
export type ImportRowView = z.infer<typeof ImportRowView>;

export const ROW_FILTERS = ['all', 'problems', 'duplicates', 'not_imported'] as const;
export const ImportRowsQuery = z.strictObject({
  filter: z.enum(ROW_FILTERS).default('all'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
export const ImportRowPage = z.object({ items: z.array(ImportRowView), total: z.number() });

export const ReportQuery = z.strictObject({
  format: z.enum(['xlsx', 'csv']).default('xlsx'),
  /** The interface's language (a download link cannot send it as a header). */
  lang: z.enum(['ru', 'en']).optional(),
});
