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
  const name = normalizeName(query.lastName, query.firstName, query.middleName);
  const phone = phoneDigits(query.phone ?? '');
  const hasName = name.length >= 3 && Boolean(query.firstName || query.lastName);
  if (!hasName && !query.birthDate && phone.length < 6) return [];
  const nameCond = hasName ? sql`m.name_norm % ${name}` : sql`false`;
  const birthCond = query.birthDate ? sql`m.birth_date = ${query.birthDate}` : sql`false`;
  const phoneCond = phone.length >= 6 ? sql`m.phone_digits = ${phone}` : sql`false`;
  // A birth date alone matches too many people: it counts only together with a similar name.
  const result = await tx.execute<{ family_id: string; name_score: number; birth: boolean; phone: boolean }>(sql`
    select m.family_id::text, max(${hasName ? sql`similarity(m.name_norm, ${name})` : sql`0`}) as name_score,
      bool_or(${birthCond}) as birth, bool_or(${phoneCond}) as phone
    from members m
    where ${nameCond} or ${phoneCond}
    group by m.family_id
    limit 50`);
  const candidates = result.rows
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
  if (candidates.length === 0) return [];
  const ids = candidates.map((c) => c.familyId);
  const visible = await tx.execute<{ id: string; name: string; branch_name: string; in_scope: boolean }>(sql`
    select f.id::text, f.name, b.name as branch_name, ${familyScope(actor)} as in_scope
    from families f join branches b on b.id = f.branch_id where f.id in ${ids}`);
  const byId = new Map(visible.rows.map((row) => [row.id, row]));
  return candidates.flatMap((c) => {
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
  });
}
