// The free text of shared records that may name a destroyed family's people: group sessions (topic,
// summary), away shifts (description, analysis, summary, each day's programme), mentors' group
// supervisions (topic, summary) and volunteer tasks (title, needs, address). Such a record belongs to
// many people, so it is not blanked: the names are cut out of it.
//
// - In the records the family took part in (attendance of its cases, a shift's participants, a
//   supervision attended by its mentor, a volunteer task for its case), every name of every member
//   (surname, first name, patronymic, with Russian endings) and their phone numbers; a task for its
//   case also loses its address (the family's home).
// - In every other such record of the organisation, the members' surnames (a first name alone, without
//   the rest, points to nobody, and cutting every «Анна» of the organisation would spoil others' records).
// - In the records the family took part in, also the diminutives of the members' first names («Маша»,
//   «Ванечкой» for Мария and Иван: src/domain/privacy/diminutives.ts), every case form written out
//   from its endings, as a whole word starting with a capital letter: «поля», «света», «кости» in
//   lower case are ordinary words; «Машина» is no form of «Маша». Like a first name, a diminutive alone
//   is not cut from records the family had no part in.
// ё and е are one letter everywhere here («Семёнова» is cut where it was typed «Семенова»).
//
// Matching is done here rather than by SQL regular expressions, whose idea of a letter depends on the
// database's locale (Cyrillic is no letter under the C locale). Candidates are found by ILIKE on the
// names' stems, then cut with Unicode-aware expressions.
import { sql, type SQL } from 'drizzle-orm';
import { nameForms, relatedNames } from '../../domain/privacy/diminutives.js';
import type { Tx } from '../db/engine.js';

export const REMOVED = '—';

export interface Person {
  lastName: string;
  firstName: string;
  middleName: string;
  phone: string;
}

/** The part of a name every Russian case form starts with: the name less a final vowel or soft sign. */
export function nameStem(name: string): string | null {
  const word = name.trim();
  if ([...word].length < 3) return null;
  const stem = word.replace(/[аеёиоуыэюяйь]$/iu, '');
  return [...stem].length >= 3 ? stem : word;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** ё and е match each other (the regular expression is case-insensitive, so one case is enough). */
const yo = (s: string) => s.replace(/[её]/giu, '[её]');
const WHOLE_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
const WHOLE_WORD_AFTER = '(?![\\p{L}\\p{N}])';

/** An expression matching the name in any case form: its stem and up to three more letters, as a whole word. */
export function namePattern(names: string[]): RegExp | null {
  const stems = [...new Set(names.flatMap((n) => n.split(/[\s-]+/)).map(nameStem))].filter((s): s is string => s !== null);
  if (stems.length === 0) return null;
  return new RegExp(`${WHOLE_WORD_BEFORE}(?:${stems.map((s) => yo(escape(s))).join('|')})[\\p{L}\\p{N}]{0,3}${WHOLE_WORD_AFTER}`, 'giu');
}

/** One letter of a diminutive's form: the first only in capitals, the rest in either case; ё as е. */
function letter(ch: string, first: boolean): string {
  const lower = ch.toLowerCase();
  const variants = lower === 'е' || lower === 'ё' ? ['е', 'ё'] : [lower];
  const cased = variants.flatMap((v) => (first ? [v.toUpperCase()] : [v, v.toUpperCase()]));
  return cased.length === 1 ? escape(cased[0]!) : `[${cased.join('')}]`;
}

/**
 * An expression matching the diminutives of these first names (and, for a name written as a
 * diminutive, its full names) in every case form, as whole words that start with a capital letter.
 */
export function diminutivePattern(firstNames: string[]): RegExp | null {
  const forms = [
    ...new Set(
      firstNames
        .flatMap((n) => n.split(/[\s-]+/))
        .flatMap(relatedNames)
        .flatMap(nameForms),
    ),
  ];
  if (forms.length === 0) return null;
  const alternatives = forms.map((form) => [...form].map((ch, i) => letter(ch, i === 0)).join(''));
  return new RegExp(`${WHOLE_WORD_BEFORE}(?:${alternatives.join('|')})${WHOLE_WORD_AFTER}`, 'gu');
}

/** A phone number as typed anywhere: its last ten digits with any spaces, brackets or dashes between. */
export function phonePattern(phones: string[]): RegExp | null {
  const tails = phones.map((p) => p.replace(/\D/g, '').slice(-10)).filter((d) => d.length >= 5);
  if (tails.length === 0) return null;
  return new RegExp(tails.map((d) => [...d].join('[\\s()\\-.]*')).join('|'), 'g');
}

export function cutNames(text: string, patterns: (RegExp | null)[]): string {
  let result = text;
  for (const pattern of patterns) if (pattern) result = result.replace(pattern, REMOVED);
  return result;
}

interface Target {
  table: string;
  key: string[];
  columns: string[];
  /** The record is one the family took part in. */
  linked: SQL;
  /** Columns blanked whole in a linked record. */
  blankWhenLinked?: string[];
}

export interface Links {
  caseIds: string[];
  memberIds: string[];
  mentorIds: string[];
}

const anyOf = (values: string[]) => sql`${`{${values.join(',')}}`}::uuid[]`;

function targets(links: Links): Target[] {
  const cases = anyOf(links.caseIds);
  const mentors = anyOf(links.mentorIds);
  const members = anyOf(links.memberIds);
  return [
    {
      table: 'group_sessions',
      key: ['id'],
      columns: ['topic', 'summary', 'series'],
      linked: sql`exists (select 1 from group_attendance a where a.session_id = x.id and (a.case_id = any(${cases}) or a.member_id = any(${members})))`,
    },
    {
      table: 'shifts',
      key: ['id'],
      columns: ['description', 'analysis', 'summary'],
      linked: sql`exists (select 1 from shift_participants p where p.shift_id = x.id and (p.case_id = any(${cases}) or p.mentor_id = any(${mentors})))`,
    },
    {
      table: 'shift_days',
      key: ['shift_id', 'day'],
      columns: ['programme'],
      linked: sql`exists (select 1 from shift_participants p where p.shift_id = x.shift_id and (p.case_id = any(${cases}) or p.mentor_id = any(${mentors})))`,
    },
    {
      table: 'mentor_supervisions',
      key: ['id'],
      columns: ['topic', 'summary'],
      linked: sql`exists (select 1 from mentor_supervision_attendance a where a.supervision_id = x.id and a.mentor_id = any(${mentors}))`,
    },
    {
      table: 'volunteer_tasks',
      key: ['id'],
      columns: ['title', 'needs', 'address'],
      linked: sql`x.case_id = any(${cases})`,
      blankWhenLinked: ['address'],
    },
  ];
}

/**
 * Cuts the family's people's names (and, where the family took part, phones and a task's address) out
 * of the shared records. Returns how many records were rewritten.
 */
export async function scrubGroupRecords(tx: Tx, people: Person[], links: Links): Promise<number> {
  const everyName = people.flatMap((p) => [p.lastName, p.firstName, p.middleName]).filter((n) => n.trim() !== '');
  const surnames = people.map((p) => p.lastName).filter((n) => n.trim() !== '');
  const linkedPatterns = [
    namePattern(everyName),
    diminutivePattern(people.map((p) => p.firstName)),
    phonePattern(people.map((p) => p.phone)),
  ];
  const otherPatterns = [namePattern(surnames)];
  const surnameStems = [...new Set(surnames.flatMap((n) => n.split(/[\s-]+/)).map(nameStem))]
    .filter((s): s is string => s !== null)
    .map((s) => s.replace(/ё/gu, 'е').replace(/Ё/gu, 'Е'));
  let rewritten = 0;
  for (const target of targets(links)) {
    const text = sql.raw(target.columns.map((c) => `x.${c}`).join(` || ' ' || `));
    const mentions =
      surnameStems.length === 0
        ? sql`false`
        : sql`(${sql.join(
            surnameStems.map((stem) => sql`translate(${text}, 'ёЁ', 'еЕ') ilike ${`%${stem}%`}`),
            sql` or `,
          )})`;
    const rows = await tx.execute<Record<string, unknown>>(
      sql`select ${sql.raw(target.key.map((k) => `x.${k}::text as ${k}`).join(', '))}, ${sql.raw(target.columns.map((c) => `x.${c}`).join(', '))},
        ${target.linked} as linked
      from ${sql.identifier(target.table)} x where ${target.linked} or ${mentions}`,
    );
    for (const row of rows.rows) {
      const linked = row.linked === true;
      const patterns = linked ? linkedPatterns : otherPatterns;
      const changes: SQL[] = [];
      for (const column of target.columns) {
        const before = String(row[column] ?? '');
        const after = linked && target.blankWhenLinked?.includes(column) ? '' : cutNames(before, patterns);
        if (after !== before) changes.push(sql`${sql.identifier(column)} = ${after}`);
      }
      if (changes.length === 0) continue;
      const where = sql.join(
        target.key.map((k) => sql`${sql.identifier(k)}::text = ${row[k] as string}`),
        sql` and `,
      );
      await tx.execute(sql`update ${sql.identifier(target.table)} set ${sql.join(changes, sql`, `)} where ${where}`);
      rewritten += 1;
    }
  }
  return rewritten;
}
