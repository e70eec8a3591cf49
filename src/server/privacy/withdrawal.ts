// A person who withdrew the special-category consent (152-FZ art. 9 part 2, art. 21 part 5): their
// special-category data is no longer shown or processed from that day, and is due for destruction
// 30 days later (the due list). Every read path of the sensitive notes (the case page, the family's
// sensitive tab, anything built on readSensitive in families/consent.ts) applies this predicate.
// A consent given again brings the notes back; notes about the whole family (no person) stay.
import { sql, type SQL } from 'drizzle-orm';

/** Over a sensitive_notes row aliased `alias`: false for a note about a person whose special-category consent is withdrawn. */
export function specialConsentNotWithdrawn(alias: string): SQL {
  const n = sql.raw(alias);
  return sql`not (${n}.member_id is not null
    and exists (select 1 from consents w where w.member_id = ${n}.member_id and w.kind = 'special_categories' and w.withdrawn_on is not null)
    and not exists (select 1 from consents g where g.member_id = ${n}.member_id and g.kind = 'special_categories' and g.withdrawn_on is null))`;
}
