// Which scheduled backups to keep: the newest of each of the last N days that have one, and the
// newest of each of the last M ISO weeks that have one (a backup may count for both). The rest
// are removed by the scheduler after each new backup. Pure, so it is tested on its own.

export interface Dated {
  name: string;
  createdAt: string;
}

const day = (iso: string) => iso.slice(0, 10);

/** ISO week of a UTC instant as `YYYY-Www`. */
export function isoWeek(iso: string): string {
  const date = new Date(`${day(iso)}T00:00:00Z`);
  const weekday = date.getUTCDay() || 7; // Monday 1 … Sunday 7
  date.setUTCDate(date.getUTCDate() + 4 - weekday); // the Thursday of the week decides its year
  const yearStart = Date.UTC(date.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((date.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The names to keep, given every backup (any order). */
export function backupsToKeep(backups: readonly Dated[], keepDaily: number, keepWeekly: number): Set<string> {
  const newestFirst = [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const keep = new Set<string>();
  const pick = (key: (iso: string) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of newestFirst) {
      const k = key(backup.createdAt);
      if (seen.has(k)) continue;
      if (seen.size >= count) break;
      seen.add(k);
      keep.add(backup.name);
    }
  };
  pick(day, keepDaily);
  pick(isoWeek, keepWeekly);
  return keep;
}
