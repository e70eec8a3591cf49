// Case search: what the caseload's search box becomes in SQL. A case is found by the words of its
// family members' names and by their phone numbers (table case_search, migration 0016, kept by
// triggers with the case's branch, status and last change). Each word typed must begin a word of
// the family («ива» finds Иванова, Ивановна and Иван); a number of five digits or more is matched
// by its last digits. The words are looked up within the caller's scope from the start — the
// branches they are responsible for, and their own cases — so a common surname costs a range of an
// index in one branch, not a scan of everyone, and its counts and first page need no other table.
// When few cases match exactly, the closest spellings of the typed words are searched too (typos).
import { sql, type SQL } from 'drizzle-orm';
import type { CaseStatus } from '../../domain/cases/lifecycle.js';
import { normalizeName, phoneDigits } from '../../domain/families/people.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { countsOf, sumCounts, type CaseCounts } from './counts.js';
import { caseScope, ownCaseIds, responsibleBranches } from './scope.js';

/** Below this many exact matches, similar names are added to the results. */
export const SIMILAR_BELOW = 50;

export interface SearchTerms {
  /** Beginnings each of which some word of the family must start with (phones: reversed digits). */
  beginnings: string[];
  /** Whether the words are a name, whose closest spellings may be looked for (not a phone number). */
  similar: boolean;
}

export function searchTerms(q: string): SearchTerms {
  const digits = phoneDigits(q);
  if (digits.length >= 5 && !/\p{L}/u.test(q)) {
    // Stored reversed: the last ten digits typed (a number with or without its 8/+7) begin the
    // reversed digits of the stored number.
    return { beginnings: [[...digits.slice(-10)].reverse().join('')], similar: false };
  }
  const name = normalizeName(q);
  const beginnings = [...new Set(name.split(/[\s-]+/).filter(Boolean))];
  return { beginnings, similar: beginnings.length > 0 };
}

/** The first string after every string that begins with `prefix`, in the `C` collation. */
function upperBound(prefix: string): string {
  const last = prefix.codePointAt(prefix.length - 1)!;
  return prefix.slice(0, -1) + String.fromCodePoint(last + 1);
}

/** Which part of the caller's scope a search reaches: an optional branch filter narrows it. */
export interface SearchReach {
  actor: Actor;
  branchId?: string | undefined;
}

/**
 * Cases in reach with a word that begins with `prefix` or is one of `words`, as rows (case_id,
 * status, updated_at): those of the branches the caller is responsible for, and the caller's own
 * (lead or team, volunteers excepted) — exactly the reach of caseScope.
 */
function casesWithWord({ actor, branchId }: SearchReach, prefix: string, words: string[]): SQL {
  const ranges = [sql`s.term >= ${prefix} and s.term < ${upperBound(prefix)}`];
  if (words.length > 0) ranges.push(sql`s.term = any(${sql.param(words)}::text[])`);
  const inBranch = branchId ? sql` and s.branch_id = ${branchId}` : sql``;
  const branches = responsibleBranches(actor).filter((id) => !branchId || id === branchId);
  // One select per way in, so each is a range of an index: (branch, word) or (case, word).
  const parts = ranges.flatMap((range) => [
    ...(branches.length > 0
      ? [
          sql`select s.case_id, s.status, s.updated_at from case_search s where s.branch_id = any(${sql.param(branches)}::uuid[]) and ${range}`,
        ]
      : []),
    sql`select s.case_id, s.status, s.updated_at from case_search s where s.case_id in (${ownCaseIds(actor)}) and ${range}${inBranch}`,
  ]);
  return sql.join(parts, sql` union `);
}

/**
 * Cases in reach of which every typed word begins a word (or, given `alternatives` — the closest
 * spellings of each typed word — is one of them): rows (case_id, status, updated_at).
 */
function matches(reach: SearchReach, terms: SearchTerms, alternatives: string[][] = []): SQL {
  if (terms.beginnings.length === 0) {
    const inBranch = reach.branchId ? sql` and c.branch_id = ${reach.branchId}` : sql``;
    return sql`select c.id as case_id, c.status, c.updated_at from cases c where ${caseScope(reach.actor)}${inBranch}`;
  }
  return sql.join(
    terms.beginnings.map((prefix, i) => sql`(${casesWithWord(reach, prefix, alternatives[i] ?? [])})`),
    sql` intersect `,
  );
}

/** The closest spellings in the organisation's vocabulary of each typed word (typos, slips). */
async function closestWords(tx: Tx, terms: SearchTerms): Promise<string[][]> {
  if (!terms.similar) return [];
  const found = await tx.execute<{ i: number; word: string }>(
    sql`select t.i, w.word from unnest(${sql.param(terms.beginnings)}::text[]) with ordinality t(typed, i),
      lateral hearth_similar_words(t.typed) w`,
  );
  return terms.beginnings.map((_, i) => found.rows.filter((row) => Number(row.i) === i + 1).map((row) => row.word));
}

/**
 * The cases in reach that `q` finds, with their counts per status; `join` narrows them by other
 * filters over the case (aliased `c`). A typo or a rare spelling finds few cases exactly: then the
 * closest spellings of the typed words are searched too; a common surname's hundreds of exact
 * matches are not diluted with lookalikes.
 */
export async function searchMatches(
  tx: Tx,
  reach: SearchReach,
  q: string,
  join: SQL | null,
): Promise<{ matches: SQL; counts: CaseCounts }> {
  const terms = searchTerms(q);
  const exact = matches(reach, terms);
  const counts = await countsOf(tx, countMatches(exact, join));
  if (!terms.similar || sumCounts(counts) >= SIMILAR_BELOW) return { matches: exact, counts };
  const alternatives = await closestWords(tx, terms);
  if (!alternatives.some((words) => words.length > 0)) return { matches: exact, counts };
  const widened = matches(reach, terms, alternatives);
  return { matches: widened, counts: await countsOf(tx, countMatches(widened, join)) };
}

/** Counts per status of a set of matches. */
function countMatches(matches: SQL, join: SQL | null): SQL {
  return join
    ? sql`select m.status, count(*)::int as n from (${matches}) m join cases c on c.id = m.case_id and ${join} group by m.status`
    : sql`select m.status, count(*)::int as n from (${matches}) m group by m.status`;
}

/** One page of a set of matches, newest change first, as case ids. */
export function pageOfMatches(matches: SQL, status: CaseStatus | undefined, limit: number, offset: number): SQL {
  const where = status ? sql` where m.status = ${status}` : sql``;
  return sql`select m.case_id::text as id from (${matches}) m${where} order by m.updated_at desc, m.case_id limit ${limit} offset ${offset}`;
}
