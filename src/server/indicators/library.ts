// Installing the shipped indicator library in a new organisation (runs as the owner while the
// organisation is created, so org_id is given explicitly). Each indicator starts at version 1.
import { sql } from 'drizzle-orm';
import { SHIPPED_INDICATORS } from '../../domain/indicators/shipped.js';
import type { Tx } from '../db/engine.js';

export async function installShippedIndicators(tx: Tx, orgId: string): Promise<void> {
  for (const def of SHIPPED_INDICATORS) {
    await tx.execute(sql`
      with i as (insert into indicators (org_id, code, shipped) values (${orgId}, ${def.code}, true) returning id)
      insert into indicator_versions (org_id, indicator_id, version, definition)
      select ${orgId}, i.id, 1, ${JSON.stringify(def)}::jsonb from i`);
  }
}
