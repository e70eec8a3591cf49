// External specialists to register for a training or name on a consultation: a short search by
// surname, name, profession or city for the forms of those who run trainings (the partners area
// keeps the register itself, with its contact data).
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { translate } from '../../domain/i18n/index.js';
import { SpecialistOption, SpecialistQuery } from '../../domain/trainings/contracts.js';
import { defineRoute } from '../http/route.js';
import { searchFragment, specialistHasFragment } from '../partners/directory.js';

export function registerSpecialistSearch(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/trainings/specialists',
    tag: 'trainings',
    summary: 'Active external specialists by name, profession or city, to register or consult (no contact data)',
    access: { kind: 'permission', permission: 'trainings.manage', records: 'organization' },
    query: SpecialistQuery,
    response: z.object({ items: z.array(SpecialistOption) }),
    handler: async ({ tx, query, req }) => {
      const words = query.q.toLowerCase().replaceAll('ё', 'е').split(/\s+/).filter(Boolean).slice(0, 5);
      const conditions = words.map(
        (w) =>
          sql`(${specialistHasFragment(w)} or lower(s.city) like ${`%${searchFragment(w)}%`} or s.profession like ${`%${searchFragment(w)}%`})`,
      );
      const rows = await tx.execute<{
        id: string;
        name: string;
        profession: string;
        organization: string | null;
        city: string;
        region: string;
      }>(sql`
        select s.id::text, trim(s.last_name || ' ' || s.first_name || ' ' || s.middle_name) as name, s.profession, p.name as organization,
          s.city, s.region
        from external_specialists s left join partners p on p.id = s.partner_id
        where s.active ${conditions.length ? sql`and ${sql.join(conditions, sql` and `)}` : sql``}
        order by s.last_name, s.first_name limit ${query.limit}`);
      return {
        items: rows.rows.map((r) => ({
          id: r.id,
          name: r.name,
          profession: translate(req.lang, `partners.professions.${r.profession}`),
          organization: r.organization ?? '',
          city: r.city,
          region: r.region,
        })),
      };
    },
  });
}
