// What both exports print around the table: who the report is from and for, the period, when and by
// whom it was generated, and the suppression footnote. Staff names only — never a family's.
import { sql } from 'drizzle-orm';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { Audience, PlanVsActual } from '../../domain/reports/contracts.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';

export interface ExportMeta {
  lang: Language;
  audience: Audience;
  threshold: number;
  /** Decimals of a percentage (the organisation's setting). */
  percentDigits: number;
  organization: string;
  generatedAt: string;
  generatedBy: string;
}

const ru = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
export const formatDate = (iso: string, lang: Language) => (lang === 'ru' ? ru(iso) : iso);

/**
 * The report settings: the small-cell threshold (5 by default), the decimals of a percentage in
 * exports (0 by default) and the settings' version (1 before anything is saved).
 */
export async function smallCellThreshold(tx: Tx): Promise<{ threshold: number; percentDigits: number; version: number; stored: boolean }> {
  const rows = await tx.execute<{ t: number; d: number; v: number }>(
    sql`select small_cell_threshold as t, percent_digits as d, version as v from report_settings`,
  );
  const row = rows.rows[0];
  return { threshold: Number(row?.t ?? 5), percentDigits: Number(row?.d ?? 0), version: Number(row?.v ?? 1), stored: row !== undefined };
}

export async function exportMeta(tx: Tx, actor: Actor, lang: Language, audience: Audience, now: Date): Promise<ExportMeta> {
  const org = await tx.execute<{ name: string }>(sql`select name from organizations`);
  const user = await tx.execute<{ name: string }>(
    sql`select trim(last_name || ' ' || first_name || ' ' || middle_name) as name from users where id = ${actor.userId}`,
  );
  const { threshold, percentDigits } = await smallCellThreshold(tx);
  return {
    lang,
    audience,
    threshold,
    percentDigits,
    organization: org.rows[0]?.name ?? '',
    generatedAt: `${formatDate(now.toISOString().slice(0, 10), lang)} ${now.toISOString().slice(11, 16)}`,
    generatedBy: user.rows[0]?.name ?? '',
  };
}

/** The heading lines, label and value, in the export's language. */
export function headingLines(report: PlanVsActual, meta: ExportMeta): [string, string][] {
  const t = (key: string, params?: Record<string, unknown>) => translate(meta.lang, `reports.export.${key}`, params);
  const branch = report.branchId ? report.branches.find((b) => b.id === report.branchId)?.name : undefined;
  return [
    [t('organization'), meta.organization],
    [t('programme'), report.programme.name],
    [t('funder'), report.programme.funder || '—'],
    [t('period'), `${formatDate(report.from, meta.lang)} – ${formatDate(report.to, meta.lang)}`],
    ...(branch ? ([[t('branch'), branch]] as [string, string][]) : []),
    [t('audience'), t(`audiences.${meta.audience}`)],
    [t('generated'), t('generatedValue', { at: meta.generatedAt, by: meta.generatedBy })],
  ];
}

export function footnotes(meta: ExportMeta): string[] {
  const t = (key: string, params?: Record<string, unknown>) => translate(meta.lang, `reports.export.${key}`, params);
  return [
    meta.audience === 'external' ? t('suppressionExternal', { n: meta.threshold }) : t('suppressionInternal'),
    t('shares'),
    t('versions'),
  ];
}
