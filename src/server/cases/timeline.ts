// The case's story: its events newest first by the day they happened, then by when they were
// entered, a page at a time. Built only from case_events (the case's own append-only history), never
// from the audit, which keeps field names and no values.
import { sql } from 'drizzle-orm';
import type { TimelineEvent, TimelinePage, TimelineQuery } from '../../domain/cases/contracts.js';
import { visibleFlags, type RiskFlag, type SensitiveSection } from '../../domain/cases/sensitive.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { caseEvents } from './tables.js';

/** The case page shows this many events first; the rest come with "show more". */
export const FIRST_PAGE = 50;

type Row = { id: string; kind: string; occurred_on: string; recorded_at: string; data: unknown; recorded_by: string | null };

/**
 * Appends an event to a case's history. `occurredOn` is the day it happened when the caller knows
 * it; without one the database takes the day the event's data names, else the day it is entered.
 */
export async function appendEvent(
  tx: Tx,
  actor: Actor,
  caseId: string,
  kind: string,
  data: Record<string, unknown> = {},
  occurredOn?: string,
): Promise<void> {
  await tx.insert(caseEvents).values({ orgId: actor.orgId, caseId, actorId: actor.userId, kind, data, occurredOn });
}

export async function timelinePage(
  tx: Tx,
  caseId: string,
  sections: readonly SensitiveSection[],
  query: TimelineQuery,
): Promise<TimelinePage> {
  // The cursor holds the entry time to the microsecond as text in UTC, so the comparison is exact.
  const [day, at, id] = query.before ? query.before.split('_') : [];
  const after = query.before ? sql`and (e.occurred_on, e.at, e.id) < (${day}::date, ${at}::timestamptz, ${Number(id)})` : sql``;
  // One row more than asked tells whether another page follows.
  const rows = await tx.execute<Row>(sql`
    select e.id::text, e.kind, e.occurred_on::text, to_char(e.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as recorded_at,
      e.data, trim(u.last_name || ' ' || u.first_name) as recorded_by
    from case_events e left join users u on u.id = e.actor_id
    where e.case_id = ${caseId} ${after}
    order by e.occurred_on desc, e.at desc, e.id desc limit ${query.limit + 1}`);
  const page = rows.rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => toEvent(row, sections)),
    next: rows.rows.length > query.limit && last ? `${last.occurred_on}_${last.recorded_at}_${last.id}` : null,
  };
}

function toEvent(row: Row, sections: readonly SensitiveSection[]): TimelineEvent {
  const data = (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as Record<string, unknown>;
  // An event about a sensitive section does not even name the section to those who may not see it.
  const section = data.section as SensitiveSection | undefined;
  const visible = section === undefined || sections.includes(section);
  return {
    id: row.id,
    kind: row.kind,
    occurredOn: row.occurred_on,
    recordedAt: row.recorded_at,
    recordedBy: row.recorded_by ?? null,
    data: visible ? stripFlags(data, sections) : {},
  };
}

/** Risk-flag changes in the history hide flags tied to sections the reader may not see. */
function stripFlags(data: Record<string, unknown>, sections: readonly SensitiveSection[]): Record<string, unknown> {
  const change = data.riskFlags as { from?: RiskFlag[]; to?: RiskFlag[] } | undefined;
  if (!change) return data;
  return { ...data, riskFlags: { from: visibleFlags(change.from ?? [], sections), to: visibleFlags(change.to ?? [], sections) } };
}
