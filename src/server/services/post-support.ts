// Post-support: families largely self-sufficient, with a supervisor visit every few months (set per
// programme, 3 by default). The list shows visits due and overdue, so a missed one is visible.
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { PostSupportVisits } from '../../domain/services/contracts.js';
import { nextVisit } from '../../domain/services/rules.js';
import { today as todayIso } from '../../domain/families/people.js';
import { defineRoute } from '../http/route.js';
import { caseScope } from '../cases/scope.js';

export function registerPostSupportRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/post-support/visits',
    tag: 'services',
    summary: 'Post-support cases in scope with their next supervisor visit, overdue ones first',
    access: { kind: 'permission', permission: 'cases.read', records: 'case_team' },
    response: PostSupportVisits,
    handler: async ({ tx, actor }) => {
      const rows = await tx.execute<Record<string, unknown>>(sql`
        select c.id::text as case_id, f.name as family_name, trim(u.last_name || ' ' || u.first_name) as lead_name,
          coalesce(c.post_support_since, c.updated_at::date) as since, p.post_support_visit_months as months,
          (select max(s.date) from services s join service_types t on t.id = s.type_id
             where s.case_id = c.id and t.code = 'supervisor_visit' and not s.withdrawn
               and s.date >= coalesce(c.post_support_since, c.opened_on)) as last_visit
        from cases c join families f on f.id = c.family_id join users u on u.id = c.lead_id join programmes p on p.id = c.programme_id
        where c.status = 'post_support' and ${caseScope(actor)}`);
      const today = todayIso();
      const items = rows.rows.map((r) => {
        const since = String(r.since).slice(0, 10);
        const lastVisitOn = r.last_visit === null ? null : String(r.last_visit).slice(0, 10);
        return {
          caseId: r.case_id as string,
          familyName: r.family_name as string,
          leadName: r.lead_name as string,
          since,
          lastVisitOn,
          ...nextVisit(since, lastVisitOn, Number(r.months), today),
        };
      });
      items.sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn));
      return { items };
    },
  });
}
