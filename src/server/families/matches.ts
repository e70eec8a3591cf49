// Possible duplicates: is this family already known? Matches on the name with typos and ё/е
// (trigram similarity on the normalised full name), on the birth date and on the phone digits.
// The search covers the whole organisation so nobody registers a family twice, but a match outside
// the caller's scope is told only as "a possible match exists" — no branch, no name, no id, not what
// matched, not how many (issue 11: for a woman hiding from a violent husband, "a client in branch X"
// is a disclosure). A new referral with such a match asks the coordinators of the matched family's
// branch to check it (duplicate-checks.ts).
import { sql } from 'drizzle-orm';
import type { FamilyMatches, MatchQuery } from '../../domain/families/contracts.js';
import { normalizeName, phoneDigits } from '../../domain/families/people.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { familyScope } from '../cases/scope.js';

export type MatchReason = 'name' | 'birth_date' | 'phone';

/** A possible match as the server knows it; only presentMatches decides what the caller is told. */
export interface Match {
  familyId: string;
  inReach: boolean;
  name: string;
  branchName: string;
  reasons: MatchReason[];
  score: number;
}

/** What the caller is told: the matches within reach in detail, and only whether any other exists. */
export function presentMatches(matches: Match[]): FamilyMatches {
  return {
    items: matches
      .filter((m) => m.inReach)
      .map((m) => ({ familyId: m.familyId, name: m.name, branchName: m.branchName, reasons: m.reasons, score: m.score })),
    outsideReach: matches.some((m) => !m.inReach),
  };
}

const NAME_THRESHOLD = 0.45;

export async function findMatches(tx: Tx, actor: Actor, query: MatchQuery): Promise<Match[]> {
  return (await findMatchesMany(tx, actor, [query]))[0]!;
}

interface Candidate {
  familyId: string;
  reasons: MatchReason[];
  score: number;
}

/** The rule of a match: a similar name, the birth date with a similar name, or the phone. */
function scored(rows: { family_id: string; name_score: number; birth: boolean; phone: boolean }[]): Candidate[] {
  return rows
    .map((row) => {
      const reasons: MatchReason[] = [];
      const nameScore = Number(row.name_score);
      if (nameScore >= NAME_THRESHOLD) reasons.push('name');
      if (row.birth && nameScore >= 0.3) reasons.push('birth_date');
      if (row.phone) reasons.push('phone');
      const score = Math.min(1, nameScore * 0.6 + (reasons.includes('birth_date') ? 0.3 : 0) + (row.phone ? 0.4 : 0));
      return { familyId: row.family_id, reasons, score };
    })
    .filter((c) => c.reasons.length > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 10);
}

/**
 * The possible duplicates of several people in one statement (the spreadsheet import checks
 * thousands): the same rule as one at a time.
 */
export async function findMatchesMany(tx: Tx, actor: Actor, queries: readonly MatchQuery[]): Promise<Match[][]> {
  const prepared = queries.map((query) => {
    const name = normalizeName(query.lastName, query.firstName, query.middleName);
    const phone = phoneDigits(query.phone ?? '');
    const hasName = name.length >= 3 && Boolean(query.firstName || query.lastName);
    const searchable = hasName || phone.length >= 6;
    return { name: hasName ? name : null, phone: phone.length >= 6 ? phone : null, birth: query.birthDate ?? null, searchable };
  });
  const asked = prepared.map((p, i) => ({ ...p, i })).filter((p) => p.searchable);
  const byQuery = new Map<number, { family_id: string; name_score: number; birth: boolean; phone: boolean }[]>();
  if (asked.length > 0) {
    // A birth date alone matches too many people: it counts only together with a similar name.
    const result = await tx.execute<{ i: number; family_id: string; name_score: number; birth: boolean; phone: boolean }>(sql`
      select q.i::int as i, m.family_id::text,
        max(case when q.name is null then 0 else similarity(m.name_norm, q.name) end) as name_score,
        bool_or(q.birth is not null and m.birth_date = q.birth::date) as birth,
        bool_or(q.phone is not null and m.phone_digits = q.phone) as phone
      from unnest(${sql.param(asked.map((p) => p.i))}::int[], ${sql.param(asked.map((p) => p.name))}::text[],
        ${sql.param(asked.map((p) => p.birth))}::text[], ${sql.param(asked.map((p) => p.phone))}::text[]) as q(i, name, birth, phone)
      cross join lateral (select m.family_id, m.name_norm, m.birth_date, m.phone_digits from members m
        where (q.name is not null and m.name_norm % q.name) or (q.phone is not null and m.phone_digits = q.phone)) m
      group by q.i, m.family_id`);
    for (const row of result.rows) byQuery.set(Number(row.i), [...(byQuery.get(Number(row.i)) ?? []), row]);
  }
  const candidates = prepared.map((_, i) => scored(byQuery.get(i) ?? []));
  const ids = [...new Set(candidates.flat().map((c) => c.familyId))];
  if (ids.length === 0) return candidates.map(() => []);
  const visible = await tx.execute<{ id: string; name: string; branch_name: string; in_scope: boolean }>(sql`
    select f.id::text, f.name, b.name as branch_name, ${familyScope(actor)} as in_scope
    from families f join branches b on b.id = f.branch_id where f.id in ${ids}`);
  const byId = new Map(visible.rows.map((row) => [row.id, row]));
  return candidates.map((list) =>
    list.flatMap((c) => {
      const row = byId.get(c.familyId);
      if (!row) return [];
      return [
        {
          familyId: c.familyId,
          inReach: Boolean(row.in_scope),
          name: row.name,
          branchName: row.branch_name,
          reasons: c.reasons,
          score: Math.round(c.score * 100) / 100,
        },
      ];
    }),
  );
}
