// English strings of the indicators area; the type keeps the keys the same as the Russian ones.
import type { indicatorsRu } from '../ru/indicators.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const indicatorsEn: Widen<typeof indicatorsRu> = {
  title: 'Indicators',
};
