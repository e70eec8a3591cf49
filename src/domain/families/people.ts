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
