// What the import job machinery (jobs.ts) and each kind of import (families.ts, casework.ts) share.
import type { DECISIONS, ImportKind, ImportMapping } from '../../domain/imports/contracts.js';
import type { Problem } from '../../domain/imports/rows.js';
import type { Cell } from '../../domain/imports/values.js';
import type { Language } from '../../domain/i18n/index.js';
import type { AuditContext } from '../audit/audit.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';

export type Decision = (typeof DECISIONS)[number];

export interface Candidate {
  familyId: string;
  name: string;
  branchName: string;
  reasons: ('name' | 'birth_date' | 'phone')[];
}

/** What the preview found for one row. */
export interface RowResult {
  rowNumber: number;
  group: number;
  status: 'ready' | 'problem' | 'duplicate';
  problems: Problem[];
  duplicates: Candidate[];
  outsideReach: boolean;
  sameAsRow: number | null;
  decision: Decision | null;
  linkedFamilyId: string | null;
}

/** A row as kept with its job. */
export interface StoredRow {
  rowNumber: number;
  group: number;
  cells: Cell[];
  decision: Decision | null;
  linkedFamilyId: string | null;
  created: Created | null;
}

/** What a row wrote (what an undo takes back). */
export interface Created {
  familyId?: string;
  linked?: boolean;
  memberIds?: string[];
  caseId?: string;
  serviceId?: string;
}

export interface JobContext {
  jobId: string;
  kind: ImportKind;
  actor: Actor;
  mapping: ImportMapping;
  /** Where rows without a branch column go. */
  branchId: string | null;
  today: string;
  lang: Language;
  audit: AuditContext;
}

/** Runs work as the user in a transaction of its own (the import runs in many, between other requests). */
export type RunAsUser = <T>(fn: (tx: Tx) => Promise<T>) => Promise<T>;

export interface KindHandler<L> {
  lookups(tx: Tx, ctx: JobContext): Promise<L>;
  /** Problems and duplicates of every row; `progress` after each step. */
  analyse(run: RunAsUser, ctx: JobContext, lookups: L, rows: StoredRow[], progress: (done: number) => Promise<void>): Promise<RowResult[]>;
  /** Writes one group of rows (a family, a case, a service); throws to leave nothing of it. */
  write(tx: Tx, ctx: JobContext, lookups: L, rows: StoredRow[]): Promise<{ status: 'imported' | 'linked'; created: Created }>;
  /**
   * Writes many groups at once (bulk statements), all or nothing: when it throws, each group is
   * written again on its own by `write`, in a savepoint of its own. Groups it cannot take are left out
   * of `take`.
   */
  writeMany?: {
    take(rows: StoredRow[]): boolean;
    write(tx: Tx, ctx: JobContext, lookups: L, groups: StoredRow[][]): Promise<Created[]>;
  };
  /** Takes back what the rows wrote, or names what was built on it (nothing is then changed). */
  undo(tx: Tx, ctx: JobContext, rows: StoredRow[]): Promise<{ blocked: string[] }>;
}
