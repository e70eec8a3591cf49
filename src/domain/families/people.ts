// Pure rules about people: ages, name normalisation for finding duplicates (ё = е, case, spaces),
// phone digits. Used by the server (search, duplicates) and the web (ages on the case page).

/** Full years between a birth date and a day, both YYYY-MM-DD. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return Math.max(0, age);
}

/** Whole months between a birth date and a day — how babies' ages are said. */
export function monthsOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  let months = (y - by) * 12 + (m - bm);
  if (d < bd) months -= 1;
  return Math.max(0, months);
}

/**
 * An age as social workers and mothers say it: a newborn in her first week, then weeks, months
 * under a year, whole years from the first birthday.
 */
export type Age = { unit: 'newborn' } | { unit: 'weeks' | 'months' | 'years'; count: number };

const dayNumber = (iso: string) => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d) / 86_400_000;
};

export function ageAt(birthDate: string, day: string): Age {
  const months = monthsOn(birthDate, day);
  if (months >= 12) return { unit: 'years', count: ageOn(birthDate, day) };
  if (months >= 1) return { unit: 'months', count: months };
  const weeks = Math.floor(Math.max(0, dayNumber(day) - dayNumber(birthDate)) / 7);
  return weeks === 0 ? { unit: 'newborn' } : { unit: 'weeks', count: weeks };
}

/** The compact form lists send and the web reads back: "newborn", "3w", "5m", "2y". */
export function ageCode(age: Age): string {
  if (age.unit === 'newborn') return 'newborn';
  return `${age.count}${age.unit.charAt(0)}`;
}

/** An age code read back; "18m" (older servers said months up to two years) reads as a year. */
export function parseAgeCode(code: string): Age | null {
  if (code === 'newborn') return { unit: 'newborn' };
  const match = /^(\d{1,3})([wmy])$/.exec(code);
  if (!match) return null;
  const count = Number(match[1]);
  if (match[2] === 'w') return { unit: 'weeks', count };
  if (match[2] === 'y') return { unit: 'years', count };
  return count >= 12 ? { unit: 'years', count: Math.floor(count / 12) } : { unit: 'months', count };
}

/** The age code of a person from what the family record knows: a birth date, or an approximate age in years. */
export function ageCodeOf(birthDate: string | null, approximateAge: number | null, day: string): string | null {
  if (birthDate) return ageCode(ageAt(birthDate, day));
  return approximateAge === null ? null : `${approximateAge}y`;
}

/** Lower case, ё→е, collapsed spaces: "Семёнова  Алёна" and "семенова алена" are the same name. */
export function normalizeName(...parts: readonly (string | null | undefined)[]): string {
  return parts.filter(Boolean).join(' ').toLowerCase().replaceAll('ё', 'е').replace(/\s+/g, ' ').trim();
}

/** Digits of a phone with the Russian trunk prefix unified: +7 (912) 000-00-00 and 8 912 000 00 00 match. */
export function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && (digits.startsWith('8') || digits.startsWith('7'))) return `7${digits.slice(1)}`;
  return digits;
}

export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
