// English strings of the outcomes area; the type keeps the keys the same as the Russian ones.
import type { outcomesRu } from '../ru/outcomes.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const outcomesEn: Widen<typeof outcomesRu> = {
  title: 'Family outcomes',
};
