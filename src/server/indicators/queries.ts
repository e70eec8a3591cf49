// Reading indicator definitions: the current version of each (the library), and one indicator
// with a given version (or its current one) for reports that state the version they used.
import { sql } from 'drizzle-orm';
import { IndicatorDefinition } from '../../domain/indicators/definition.js';
import type { Tx } from '../db/engine.js';

export interface IndicatorRow {
  id: string;
  code: string;
  version: number;
  retired: boolean;
  shipped: boolean;
  definition: IndicatorDefinition;
}

type Raw = {
  id: string;
  code: string;
  version: number;
  retired: boolean;
  shipped: boolean;
  definition: unknown;
};

const toRow = (r: Raw): IndicatorRow => ({
  id: r.id,
  code: r.code,
  version: Number(r.version),
  retired: r.retired,
  shipped: r.shipped,
  // Stored definitions were validated when saved; parsing again fills defaults of later releases.
  definition: IndicatorDefinition.parse(typeof r.definition === 'string' ? JSON.parse(r.definition) : r.definition),
});

/** The organisation's indicators at their current versions (retired ones included, flagged). */
export async function listIndicators(tx: Tx): Promise<IndicatorRow[]> {
  const rows = await tx.execute<Raw>(sql`
    select i.id::text, i.code, i.current_version as version, i.retired, i.shipped, v.definition
    from indicators i join indicator_versions v on v.indicator_id = i.id and v.version = i.current_version
    order by i.retired, i.code`);
  return rows.rows.map(toRow);
}

/** One indicator at a version (its current one by default); null when there is no such. */
export async function findIndicatorVersion(tx: Tx, id: string, version?: number): Promise<IndicatorRow | null> {
  const rows = await tx.execute<Raw>(sql`
    select i.id::text, i.code, v.version, i.retired, i.shipped, v.definition
    from indicators i join indicator_versions v on v.indicator_id = i.id
    where i.id = ${id} and v.version = ${version === undefined ? sql`i.current_version` : sql`${version}`}`);
  return rows.rows[0] ? toRow(rows.rows[0]) : null;
}
