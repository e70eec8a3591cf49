// Period presets of the plan-vs-actual page: the programme's own period, a calendar year or a
// quarter within it, or any period the user types.
export type PresetKind = 'programme' | 'year' | 'quarter' | 'custom';

export interface Period {
  from: string;
  to: string;
}

export interface PresetOption extends Period {
  value: string;
  year: number;
  quarter?: number;
}

const QUARTER_ENDS = ['03-31', '06-30', '09-30', '12-31'];

/** The calendar years a programme period touches. */
export function yearsOf(period: Period): PresetOption[] {
  const first = Number(period.from.slice(0, 4));
  const last = Number(period.to.slice(0, 4));
  const years: PresetOption[] = [];
  for (let year = first; year <= last; year += 1) years.push({ value: String(year), year, from: `${year}-01-01`, to: `${year}-12-31` });
  return years;
}

/** The calendar quarters a programme period touches. */
export function quartersOf(period: Period): PresetOption[] {
  return yearsOf(period).flatMap(({ year }) =>
    [1, 2, 3, 4]
      .map((quarter) => ({
        value: `${year}-q${quarter}`,
        year,
        quarter,
        from: `${year}-${String(quarter * 3 - 2).padStart(2, '0')}-01`,
        to: `${year}-${QUARTER_ENDS[quarter - 1]!}`,
      }))
      .filter((q) => q.to >= period.from && q.from <= period.to),
  );
}
