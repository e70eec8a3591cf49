// English strings of the dashboards area; the type keeps the keys the same as the Russian ones.
import type { dashboardsRu } from '../ru/dashboards.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const dashboardsEn: Widen<typeof dashboardsRu> = {
  title: 'Dashboards',
};
