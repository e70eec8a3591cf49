// Pure helpers of the services screens (tested without a browser).

/** Field errors of a batch by row: "services.2.durationMinutes" → 2 → { durationMinutes }; others are not a row's. */
export function errorsByRow(fields: readonly { path: string; message: string }[]): Map<number, Record<string, string>> {
  const rows = new Map<number, Record<string, string>>();
  for (const field of fields) {
    const [root, index, name] = field.path.split('.');
    if (root !== 'services' || index === undefined || !/^\d+$/.test(index)) continue;
    const errors = rows.get(Number(index)) ?? {};
    errors[name ?? 'row'] ??= field.message;
    rows.set(Number(index), errors);
  }
  return rows;
}

/** "YYYY-MM" moved by whole months. */
export function shiftMonth(month: string, delta: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const total = year * 12 + (m - 1) + delta;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}
