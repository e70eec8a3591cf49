// English strings of the indicators area; the type keeps the keys the same as the Russian ones.
import type { indicatorsRu } from '../ru/indicators.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const indicatorsEn: Widen<typeof indicatorsRu> = {
  title: 'Indicators',
  breakdown: { unknown: 'Not stated' },
  ageBand: {
    '0_2': '0–2 years',
    '3_6': '3–6 years',
    '7_13': '7–13 years',
    '14_17': '14–17 years',
    '18_24': '18–24 years',
    '25_34': '25–34 years',
    '35_49': '35–49 years',
    '50_plus': '50 and over',
    unknown: 'Age not stated',
  },
  sex: { female: 'Female', male: 'Male', unknown: 'Not stated' },
};
