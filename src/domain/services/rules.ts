// Pure rules of services: totals for workload and reports, and the post-support visit schedule.

export interface ServiceLike {
  durationMinutes: number;
  initiatedBy: 'client' | 'team';
  withdrawn?: boolean;
}

/** Count, minutes and the client-initiated share of the services that stand (withdrawn ones do not count). */
export function serviceTotals(services: readonly ServiceLike[]) {
  const live = services.filter((s) => !s.withdrawn);
  const minutes = live.reduce((sum, s) => sum + s.durationMinutes, 0);
  const client = live.filter((s) => s.initiatedBy === 'client').length;
  return {
    count: live.length,
    minutes,
    hours: Math.round((minutes / 60) * 100) / 100,
    clientInitiatedShare: live.length === 0 ? null : Math.round((client / live.length) * 1000) / 1000,
  };
}

/** Adds whole months, keeping the day where the month has it (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The next supervisor visit of a family in post-support: every `months` after the last (or the start). */
export function nextVisit(since: string, lastVisitOn: string | null, months: number, today: string) {
  const dueOn = addMonths(lastVisitOn ?? since, months);
  return { dueOn, overdue: dueOn < today };
}
