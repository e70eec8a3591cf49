// Arithmetic of indicator results: measures over values, plan vs actual, small-cell suppression in
// exports meant for outside, and spreadsheet cells that are safe to open.

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function average(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

/** A share 0..1; null when the denominator is zero (nothing to measure), never a division by zero. */
export function proportion(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

/** Achieved as a percentage of the plan, rounded to one decimal; null without a positive target. */
export function percentOfPlan(achieved: number | null, planned: number | null): number | null {
  if (achieved === null || planned === null || planned <= 0) return null;
  return Math.round((achieved / planned) * 1000) / 10;
}

/**
 * Counts below the threshold (default 5) are suppressed in exports meant for outside, so that a
 * small number cannot point at a family. Zero is not suppressed: it identifies nobody.
 */
export function suppressSmall(value: number | null, threshold = 5): number | '<5' | null {
  if (value === null) return null;
  return value > 0 && value < threshold ? (`<${threshold}` as '<5') : value;
}

/**
 * A spreadsheet cell that starts with =, +, -, @, tab or carriage return could run as a formula
 * when opened (CSV/formula injection): such text is prefixed with an apostrophe.
 */
export function safeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}
