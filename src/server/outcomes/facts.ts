// Reading the facts the evidence rules look at, for one case, from the real tables: the plan and
// its goals, the family's social contacts and documents, benefit-application services,
// parent–child interaction assessments, stays, the closing and follow-up contacts. One statement.
import { sql } from 'drizzle-orm';
import type { ClosingOutcome } from '../../domain/cases/lifecycle.js';
import type { OutcomeFacts } from '../../domain/outcomes/evidence.js';
import type { Tx } from '../db/engine.js';
import { notFound } from '../http/errors.js';

const parse = <T>(v: unknown, empty: T): T => (v === null || v === undefined ? empty : ((typeof v === 'string' ? JSON.parse(v) : v) as T));

export interface CaseFacts extends OutcomeFacts {
  programmeId: string;
  branchId: string;
}

export async function readFacts(tx: Tx, caseId: string): Promise<CaseFacts> {
  const rows = await tx.execute<Record<string, unknown>>(sql`
    select c.programme_id::text, c.branch_id::text, c.opened_on::text, c.closed_on::text, c.closing_outcome,
      (select json_build_object('createdOn', p.created_at::date::text, 'desiredFuture', p.desired_future,
          'goals', coalesce((select json_agg(json_build_object('status', g.status)) from plan_goals g where g.plan_id = p.id), '[]'::json))
        from plans p where p.case_id = c.id) as plan,
      (select json_agg(json_build_object('kind', sc.kind, 'nature', sc.nature, 'reachable', sc.reachable, 'createdOn', sc.created_at::date::text))
        from social_contacts sc where sc.family_id = c.family_id) as contacts,
      (select json_agg(json_build_object('status', d->>'status'))
        from members m, jsonb_array_elements(m.documents) d where m.family_id = c.family_id) as documents,
      (select json_agg(s.date::text order by s.date) from services s join service_types t on t.id = s.type_id
        where s.case_id = c.id and t.code = 'benefits_application' and not s.withdrawn) as benefits,
      (select json_agg(json_build_object('conductedOn', a.conducted_on::text, 'scores', a.scores) order by a.conducted_on, a.created_at)
        from assessments a join assessment_templates tpl on tpl.id = a.template_id
        where a.case_id = c.id and tpl.code = 'parent_child_interaction') as interaction,
      (select json_agg(json_build_object('checkOutOn', st.check_out_on::text, 'leaveReason', st.leave_reason))
        from stays st where st.case_id = c.id) as stays,
      (select json_agg(json_build_object('contactedOn', fu.contacted_on::text, 'childWithFamily', fu.child_with_family))
        from follow_ups fu join services s on s.id = fu.service_id where fu.case_id = c.id and not s.withdrawn) as follow_ups
    from cases c where c.id = ${caseId}`);
  const r = rows.rows[0];
  if (!r) throw notFound();
  const interaction = parse<{ conductedOn: string; scores: { domain: string; score: number | null }[] }[]>(r.interaction, []);
  return {
    programmeId: r.programme_id as string,
    branchId: r.branch_id as string,
    openedOn: r.opened_on as string,
    closedOn: (r.closed_on as string | null) ?? null,
    closingOutcome: (r.closing_outcome as ClosingOutcome | null) ?? null,
    plan: parse<OutcomeFacts['plan']>(r.plan, null),
    contacts: parse(r.contacts, []),
    documents: parse(r.documents, []),
    benefitServices: parse(r.benefits, []),
    interaction: interaction.map((a) => ({
      conductedOn: a.conductedOn,
      scores: parse<{ domain: string; score: number | null }[]>(a.scores, []).map((s) => ({ domain: s.domain, score: s.score ?? null })),
    })),
    stays: parse(r.stays, []),
    followUps: parse(r.follow_ups, []),
  };
}
