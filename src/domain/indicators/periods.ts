// Splitting a period into whole calendar months and the partial months at its edges: whole months
// of some figures are read from monthly totals (the service rollup), the edges from the records.

export interface Span {
  from: string;
  to: string;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** The first day of the month after the one `date` is in. */
function nextMonthStart(date: string): string {
  const d = utc(date);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)));
}

/** The last day of the month `date` is in. */
export function monthLastDay(date: string): string {
  const d = utc(date);
  return iso(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)));
}

const dayBefore = (date: string) => iso(new Date(utc(date).getTime() - 86_400_000));
const dayAfter = (date: string) => iso(new Date(utc(date).getTime() + 86_400_000));

/**
 * The whole months inside [from, to] (both inclusive) as the first day of the first one and of the
 * last one — null when the period holds no whole month — and the partial spans left around them.
 */
export function splitByMonths(from: string, to: string): { months: { first: string; last: string } | null; edges: Span[] } {
  const first = from.endsWith('-01') ? from : nextMonthStart(from);
  const lastEnd = monthLastDay(to) === to ? to : dayBefore(`${to.slice(0, 7)}-01`);
  if (first > lastEnd) return { months: null, edges: from <= to ? [{ from, to }] : [] };
  const edges: Span[] = [];
  if (from < first) edges.push({ from, to: dayBefore(first) });
  if (lastEnd < to) edges.push({ from: dayAfter(lastEnd), to });
  return { months: { first, last: `${lastEnd.slice(0, 7)}-01` }, edges };
}
