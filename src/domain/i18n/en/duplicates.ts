// English strings of the possible duplicates a coordinator is asked to check (issue 11); the type
// keeps the keys the same as the Russian ones.
import type { duplicatesRu } from '../ru/duplicates.js';

type Widen<T> = { -readonly [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

export const duplicatesEn: Widen<typeof duplicatesRu> = {
  title: 'Possible duplicates to check',
  hint: 'New referrals that look like families of your branch. Whoever registered the referral sees only that a match is possible.',
  referral: 'Referral of {{date}}, branch “{{branch}}”',
  family: 'Looks like the family',
  by: 'matches: {{reasons}}',
  born: 'born {{date}}',
  same: 'Same family',
  notSame: 'Not the same family',
  resolved: 'Marked',
  empty: 'Nothing to check',
};
