// The people of trainings and consultations: the organisation's staff and external specialists
// (partners' `external_specialists`), named for lists, checked when a request names them, and where
// a training is reached from: the branch that holds it.
import { sql, type SQL } from 'drizzle-orm';
import { translate, type Language } from '../../domain/i18n/index.js';
import type { PersonRef, PersonView } from '../../domain/trainings/contracts.js';
import type { Tx } from '../db/engine.js';
import type { Actor } from '../http/context.js';
import { field, findOption } from '../http/fields.js';

export { field };

export const today = (now: Date) => now.toISOString().slice(0, 10);

/** Trainings and consultations belong to a branch: the caller reaches those of the branches they work in. */
export function branchScope(actor: Actor, column: string): SQL {
  return actor.branchIds.length === 0 ? sql`false` : sql`${sql.raw(column)} in ${actor.branchIds}`;
}

export interface PersonKey {
  userId: string | null;
  specialistId: string | null;
}

const key = (p: PersonKey) => (p.userId ? `u:${p.userId}` : `s:${p.specialistId}`);

/** Names (and for specialists profession, organisation, city) of the people given, by `u:id` / `s:id`. */
export async function peopleOf(tx: Tx, people: readonly PersonKey[], lang: Language): Promise<Map<string, PersonView>> {
  const users = [...new Set(people.flatMap((p) => (p.userId ? [p.userId] : [])))];
  const specialists = [...new Set(people.flatMap((p) => (p.specialistId ? [p.specialistId] : [])))];
  const map = new Map<string, PersonView>();
  if (users.length > 0) {
    const rows = await tx.execute<{ id: string; name: string }>(sql`
      select id::text, trim(last_name || ' ' || first_name || ' ' || middle_name) as name from users where id in ${users}`);
    for (const r of rows.rows)
      map.set(`u:${r.id}`, {
        userId: r.id,
        specialistId: null,
        name: r.name,
        profession: translate(lang, 'trainings.fields.staff'),
        organization: '',
        city: '',
      });
  }
  if (specialists.length > 0) {
    const rows = await tx.execute<{ id: string; name: string; profession: string; organization: string | null; city: string }>(sql`
      select s.id::text, trim(s.last_name || ' ' || s.first_name || ' ' || s.middle_name) as name, s.profession, p.name as organization, s.city
      from external_specialists s left join partners p on p.id = s.partner_id where s.id in ${specialists}`);
    for (const r of rows.rows)
      map.set(`s:${r.id}`, {
        userId: null,
        specialistId: r.id,
        name: r.name,
        profession: translate(lang, `partners.professions.${r.profession}`),
        organization: r.organization ?? '',
        city: r.city,
      });
  }
  return map;
}

export function personOf(map: Map<string, PersonView>, p: PersonKey): PersonView {
  return map.get(key(p)) ?? { userId: p.userId, specialistId: p.specialistId, name: '', profession: '', organization: '', city: '' };
}

/** Staff named in a request are active users of the organisation; specialists are registered ones. Else 400 naming the field. */
export async function assertPeople(
  tx: Tx,
  refs: readonly { ref: PersonRef; path: string; exact?: boolean }[],
  lang: Language,
): Promise<void> {
  const users = refs.flatMap(({ ref }) => ('userId' in ref ? [ref.userId] : []));
  const specialists = refs.flatMap(({ ref }) => ('specialistId' in ref ? [ref.specialistId] : []));
  const knownUsers = new Set(
    users.length === 0
      ? []
      : (await tx.execute<{ id: string }>(sql`select id::text from users where active and id in ${users}`)).rows.map((r) => r.id),
  );
  const knownSpecialists = new Set(
    specialists.length === 0
      ? []
      : (await tx.execute<{ id: string }>(sql`select id::text from external_specialists where id in ${specialists}`)).rows.map((r) => r.id),
  );
  for (const { ref, path, exact } of refs) {
    if ('userId' in ref && !knownUsers.has(ref.userId)) throw field(lang, exact ? path : `${path}.userId`, 'validation.invalid_option');
    if ('specialistId' in ref && !knownSpecialists.has(ref.specialistId))
      throw field(lang, exact ? path : `${path}.specialistId`, 'validation.invalid_option');
  }
}

/** A programme of the organisation named in a request, or 400 naming the field. */
export async function assertProgramme(tx: Tx, programmeId: string | undefined, lang: Language): Promise<void> {
  if (!programmeId) return;
  await findOption(tx, sql`select 1 from programmes where id = ${programmeId}`, lang, 'programmeId');
}
