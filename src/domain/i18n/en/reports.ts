// English strings of the reports area; the type keeps the keys the same as the Russian ones.
import type { reportsRu } from '../ru/reports.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const reportsEn: Widen<typeof reportsRu> = {
  title: 'Plan vs actual',
};
