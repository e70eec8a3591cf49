// The engine's intermediate results: one aggregate of a count, in total and per disaggregation key.
import type { Count } from '../../domain/indicators/definition.js';

export type Aggregate = 'count' | 'sum' | 'average' | 'median';

/** A count asked of a source, with the aggregate taken of it. */
export interface Wanted {
  kind: Aggregate;
  count: Count;
}

export interface Figure {
  total: number | null;
  byKey: Map<string, number | null>;
}

/** Sums two figures of an additive aggregate (a count or a sum) over two parts of a period. */
export function addFigures(a: Figure, b: Figure): Figure {
  const byKey = new Map(a.byKey);
  for (const [key, value] of b.byKey) byKey.set(key, (byKey.get(key) ?? 0) + (value ?? 0));
  return { total: (a.total ?? 0) + (b.total ?? 0), byKey };
}
