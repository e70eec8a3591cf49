// Computing indicators for a period. The counts of all the indicators asked for are grouped by
// subject and each subject is read with ONE statement whose aggregates carry the filters as
// FILTER (WHERE …) clauses — the full library is a dozen statements, not a hundred — with an
// optional disaggregation as a grouping set beside the total (a family in two branches counts
// once in the total and once in each branch). Values are aggregate figures only.
//
// Measures: count (distinct units), sum / average / median of the subject's value, proportion =
// numerator ÷ denominator as a percentage (0–100, one decimal; null when the denominator is 0),
// share_average = each person's (family's) own numerator ÷ denominator, averaged over those with a
// denominator (a percentage, one decimal; ./shares.ts), ratio = one indicator's value ÷ another's
// (two decimals). Period semantics are those of each
// subject module (./subjects/*).
import { sql, type SQL } from 'drizzle-orm';
import { countsOf, type Count, type Disaggregation, type IndicatorDefinition } from '../../domain/indicators/definition.js';
import { DEFAULT_LANGUAGE, translate, type Language } from '../../domain/i18n/index.js';
import { citizenshipName } from '../../domain/families/citizenship.js';
import type { Tx } from '../db/engine.js';
import { listIndicators } from './queries.js';
import { SUBJECT_MODULES } from './subjects/index.js';
import type { SourceInput } from './subjects/types.js';
import type { Aggregate, Figure, Wanted } from './figures.js';
import { fromRollup, readWithRollup } from './rollup.js';
import { readShareAverages } from './shares.js';

export interface IndicatorQuery {
  from: string; // ISO dates, inclusive
  to: string;
  programmeId?: string;
  branchId?: string;
  by?: Disaggregation;
  /** Language of the breakdown labels (Russian unless given). */
  lang?: Language;
}

export interface BreakdownRow {
  key: string;
  label: string;
  value: number | null;
  numerator?: number;
  denominator?: number;
  /** A small cell hidden from this reader ("<5", or "—" for a share): see ./small-cells.ts. */
  suppressed?: string;
}

export interface IndicatorValue {
  value: number | null;
  numerator?: number;
  denominator?: number;
  breakdown?: BreakdownRow[];
}

const NO_KEY = '';
const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

function aggregateSql(kind: Aggregate, count: Count): SQL {
  const module = SUBJECT_MODULES[count.subject];
  const uniqueRows = module.uniqueRows;
  const where = count.filters.length
    ? sql.join(
        count.filters.map((f) => sql`(${module.filter(f.field, f.values)})`),
        sql` and `,
      )
    : sql`true`;
  switch (kind) {
    case 'count':
      return uniqueRows
        ? sql`count(*) filter (where ${where})`
        : sql`count(distinct ${sql.raw(`r.${module.unitColumn ?? 'unit'}`)}) filter (where ${where})`;
    case 'sum':
      return sql`coalesce(sum(r.value) filter (where ${where}), 0)`;
    case 'average':
      return sql`avg(r.value) filter (where ${where})`;
    case 'median':
      return sql`percentile_cont(0.5) within group (order by r.value) filter (where ${where})`;
  }
}

/** Reads every requested aggregate over one source (one subject, or subjects sharing it) in one statement. */
async function readSource(tx: Tx, wanted: Map<string, Wanted>, q: IndicatorQuery): Promise<Map<string, Figure>> {
  const entries = [...wanted.entries()];
  const module = SUBJECT_MODULES[entries[0]![1].count.subject];
  const fields = new Set(entries.flatMap(([, w]) => w.count.filters.map((f) => f.field)));
  const input: SourceInput = { from: q.from, to: q.to, programmeId: q.programmeId, branchId: q.branchId, by: q.by, fields };
  const columns = entries.map(([, w], i) => sql`${aggregateSql(w.kind, w.count)} as ${sql.raw(`a${i}`)}`);
  const grouping = q.by
    ? sql`, grouping(r.dim) as total_row, r.dim from (${module.source(input)}) r group by grouping sets ((), (r.dim))`
    : sql`, 1 as total_row, null as dim from (${module.source(input)}) r`;
  const result = await tx.execute<Record<string, unknown>>(sql`select ${sql.join(columns, sql`, `)} ${grouping}`);
  const figures = new Map<string, Figure>();
  entries.forEach(([key], i) => {
    const figure: Figure = { total: null, byKey: new Map() };
    for (const row of result.rows) {
      const raw = row[`a${i}`];
      const value = raw === null || raw === undefined ? null : Number(raw);
      if (Number(row.total_row) === 1) figure.total = value;
      else figure.byKey.set(row.dim === null ? NO_KEY : String(row.dim), value);
    }
    figures.set(key, figure);
  });
  return figures;
}

/**
 * One source's counts: those of services the monthly totals can answer come from them for whole
 * months (./rollup.ts), the rest — and everything of other sources — from the records.
 */
async function readCounts(tx: Tx, source: string, wanted: Map<string, Wanted>, q: IndicatorQuery): Promise<Map<string, Figure>> {
  if (source !== 'services') return readSource(tx, wanted, q);
  const viaRollup = new Map([...wanted].filter(([, w]) => fromRollup(w, q)));
  if (viaRollup.size === 0) return readSource(tx, wanted, q);
  const rolled = await readWithRollup(tx, viaRollup, q, (w, period) => readSource(tx, w, period));
  if (!rolled) return readSource(tx, wanted, q);
  const rest = new Map([...wanted].filter(([key]) => !viaRollup.has(key)));
  return rest.size === 0 ? rolled : new Map([...rolled, ...(await readSource(tx, rest, q))]);
}

const countKey = (kind: Aggregate, count: Count) => JSON.stringify([kind, count.subject, count.filters]);

function aggregateOf(def: IndicatorDefinition): Aggregate {
  const kind = def.measure.kind;
  return kind === 'sum' || kind === 'average' || kind === 'median' ? kind : 'count';
}

/** Breakdown labels in the caller's language: names of branches and programmes, bands, sexes, countries. */
async function labels(tx: Tx, by: Disaggregation, keys: string[], lang: Language): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const ids = keys.filter((k) => k !== NO_KEY);
  if ((by === 'branch' || by === 'programme') && ids.length) {
    const table = sql.raw(by === 'branch' ? 'branches' : 'programmes');
    const rows = await tx.execute<{ id: string; name: string }>(
      sql`select id::text, name from ${table} where id = any(${sql.param(ids)}::uuid[])`,
    );
    for (const row of rows.rows) result.set(row.id, row.name);
  }
  for (const key of keys) {
    if (result.has(key)) continue;
    if (key === NO_KEY || key === 'unknown') result.set(key, translate(lang, 'indicators.breakdown.unknown'));
    else if (by === 'ageBand') result.set(key, translate(lang, `indicators.ageBand.${key}`));
    else if (by === 'sex') result.set(key, translate(lang, `indicators.sex.${key}`));
    else if (by === 'education' || by === 'occupation') result.set(key, translate(lang, `families.${by}.${key}`));
    // The country's name from the catalogue: the key is a code of the closed list, never typed text.
    else if (by === 'citizenship') result.set(key, citizenshipName(key, lang));
    else result.set(key, key);
  }
  return result;
}

function sortedKeys(...maps: Map<string, number | null>[]): string[] {
  return [...new Set(maps.flatMap((m) => [...m.keys()]))].sort();
}

export async function computeIndicators(tx: Tx, defs: IndicatorDefinition[], q: IndicatorQuery): Promise<Map<string, IndicatorValue>> {
  const lang = q.lang ?? DEFAULT_LANGUAGE;
  // Ratios refer to other indicators by code: those not asked for are read from the library.
  const all = new Map(defs.map((d) => [d.code, d]));
  const missing = (d: IndicatorDefinition) =>
    d.measure.kind === 'ratio' ? [d.measure.numeratorCode, d.measure.denominatorCode].filter((c) => !all.has(c)) : [];
  if (defs.some((d) => missing(d).length > 0)) {
    for (const item of await listIndicators(tx)) if (!all.has(item.code)) all.set(item.code, item.definition);
  }
  const needed = new Map<string, IndicatorDefinition>();
  const visit = (d: IndicatorDefinition, depth: number) => {
    if (needed.has(d.code) || depth > 20) return;
    needed.set(d.code, d);
    if (d.measure.kind === 'ratio')
      for (const code of [d.measure.numeratorCode, d.measure.denominatorCode]) {
        const ref = all.get(code);
        if (ref) visit(ref, depth + 1);
      }
  };
  for (const d of defs) visit(d, 0);

  // Group every count by the source it reads (families and cases share one, services and hours
  // another); the same count asked twice is read once.
  const bySource = new Map<string, Map<string, { kind: Aggregate; count: Count }>>();
  for (const def of needed.values()) {
    // A share per person is read apart (./shares.ts): its parts are counted per person, not in total.
    if (def.measure.kind === 'share_average') continue;
    for (const { count } of countsOf(def.measure)) {
      const kind = def.measure.kind === 'proportion' ? 'count' : aggregateOf(def);
      const source = SUBJECT_MODULES[count.subject].sourceKey;
      const wanted = bySource.get(source) ?? new Map<string, { kind: Aggregate; count: Count }>();
      wanted.set(countKey(kind, count), { kind, count });
      bySource.set(source, wanted);
    }
  }
  // These are short analytical statements: compiling them (PostgreSQL's JIT) costs more than it saves.
  // And the storage is an SSD wherever Hearth runs: with the default random_page_cost (4, for
  // spinning disks) the planner reads all cases to join a day's services instead of looking up the
  // few it needs (≈130 ms against ≈45 ms at the edge of a period on 100,000 cases).
  if (bySource.size > 0) await tx.execute(sql`select set_config('jit', 'off', true), set_config('random_page_cost', '1.1', true)`);
  const figures = new Map<string, Figure>();
  for (const [source, wanted] of bySource) for (const [key, figure] of await readCounts(tx, source, wanted, q)) figures.set(key, figure);
  const shares = await readShareAverages(
    tx,
    [...needed.values()].filter((d) => d.measure.kind === 'share_average'),
    q,
  );

  const values = new Map<string, IndicatorValue>();
  const labelCache = new Map<string, string>();
  const label = async (keys: string[]) => {
    const unknown = keys.filter((k) => !labelCache.has(k));
    if (q.by && unknown.length) for (const [k, v] of await labels(tx, q.by, unknown, lang)) labelCache.set(k, v);
    return (k: string) => labelCache.get(k) ?? k;
  };

  const evaluate = async (def: IndicatorDefinition, stack: Set<string>): Promise<IndicatorValue> => {
    const done = values.get(def.code);
    if (done) return done;
    const m = def.measure;
    let result: IndicatorValue;
    if (m.kind === 'proportion') {
      const num = m.numerator ? figures.get(countKey('count', m.numerator))! : null;
      const den = m.denominator ? figures.get(countKey('count', m.denominator))! : null;
      const share = (n: number | null | undefined, d: number | null | undefined) =>
        n === null || n === undefined || d === null || d === undefined || d === 0 ? null : round((n / d) * 100, 1);
      result = { value: share(num?.total, den?.total), numerator: num?.total ?? 0, denominator: den?.total ?? 0 };
      if (q.by && num && den) {
        const keys = sortedKeys(num.byKey, den.byKey);
        const name = await label(keys);
        result.breakdown = keys.map((key) => {
          const n = num.byKey.get(key) ?? 0;
          const d = den.byKey.get(key) ?? 0;
          return { key, label: name(key), value: share(n, d), numerator: n, denominator: d };
        });
      }
    } else if (m.kind === 'share_average') {
      const figure = shares.get(def.code);
      const percent = (v: number | null | undefined) => (v === null || v === undefined ? null : round(v * 100, 1));
      result = { value: percent(figure?.total) };
      if (q.by && figure) {
        const keys = sortedKeys(figure.byKey);
        const name = await label(keys);
        result.breakdown = keys.map((key) => ({ key, label: name(key), value: percent(figure.byKey.get(key)) }));
      }
    } else if (m.kind === 'ratio') {
      const refs = [m.numeratorCode, m.denominatorCode].map((code) => all.get(code));
      // A circular or dangling reference is refused when saved; should one reach here, no value.
      if (stack.has(def.code) || refs.some((r) => !r)) return { value: null };
      stack.add(def.code);
      const [a, b] = await Promise.all(refs.map((r) => evaluate(r!, stack)));
      stack.delete(def.code);
      const ratio = (x: number | null | undefined, y: number | null | undefined) =>
        x === null || x === undefined || y === null || y === undefined || y === 0 ? null : round(x / y, 2);
      result = { value: ratio(a!.value, b!.value) };
      if (q.by && a!.breakdown && b!.breakdown) {
        const bm = new Map(b!.breakdown.map((row) => [row.key, row.value]));
        result.breakdown = a!.breakdown.map((row) => ({ key: row.key, label: row.label, value: ratio(row.value, bm.get(row.key)) }));
      }
    } else {
      const figure = figures.get(countKey(aggregateOf(def), m.of))!;
      const digits = m.kind === 'count' ? 0 : 2;
      const shape = (v: number | null) => (v === null ? (m.kind === 'count' ? 0 : null) : round(v, digits));
      result = { value: shape(figure.total) };
      if (q.by) {
        const keys = sortedKeys(figure.byKey);
        const name = await label(keys);
        result.breakdown = keys.map((key) => ({ key, label: name(key), value: shape(figure.byKey.get(key) ?? null) }));
      }
    }
    values.set(def.code, result);
    return result;
  };
  for (const def of needed.values()) await evaluate(def, new Set());
  return new Map(defs.map((d) => [d.code, values.get(d.code)!]));
}

export async function computeIndicator(tx: Tx, def: IndicatorDefinition, q: IndicatorQuery): Promise<IndicatorValue> {
  return (await computeIndicators(tx, [def], q)).get(def.code)!;
}

/**
 * The cases behind a figure (for those allowed to open them; the caller checks who may). A
 * proportion's `value` is its numerator; a ratio and group sessions have no cases of their own.
 */
export async function recordsBehind(
  tx: Tx,
  def: IndicatorDefinition,
  q: IndicatorQuery,
  part: 'value' | 'numerator' | 'denominator',
): Promise<string[]> {
  const counts = countsOf(def.measure);
  const wanted = part === 'value' && def.measure.kind === 'proportion' ? 'numerator' : part;
  const count = counts.find((c) => c.part === wanted)?.count;
  if (!count) return [];
  const module = SUBJECT_MODULES[count.subject];
  const fields = new Set(count.filters.map((f) => f.field));
  const input: SourceInput = { from: q.from, to: q.to, programmeId: q.programmeId, branchId: q.branchId, fields };
  const where = count.filters.length
    ? sql.join(
        count.filters.map((f) => sql`(${module.filter(f.field, f.values)})`),
        sql` and `,
      )
    : sql`true`;
  const rows = await tx.execute<{ case_id: string }>(
    sql`select distinct r.case_id::text as case_id from (${module.source(input)}) r where r.case_id is not null and ${where} order by 1`,
  );
  return rows.rows.map((r) => r.case_id);
}
