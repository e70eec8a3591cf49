// Partner organisations with a cooperation agreement in force on some day of the period: one row
// per agreement overlapping the period, the partner counted once (issue 15). The directory is the
// organisation's, not a branch's or a programme's: the caller's programme and branch choice does
// not narrow it, and it has no disaggregation.
import { sql, type SQL } from 'drizzle-orm';
import { anyText, unknownFilter, type FilterValue, type SourceInput, type SubjectModule } from './types.js';

function source(input: SourceInput): SQL {
  return sql`
    select a.partner_id as unit, null::uuid as case_id, null::numeric as value, null::text as dim, p.kind as partner_kind
    from partner_agreements a join partners p on p.org_id = a.org_id and p.id = a.partner_id
    where a.valid_from <= ${input.to}::date and (a.valid_to is null or a.valid_to >= ${input.from}::date)`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  if (field === 'partnerKind') return anyText('partner_kind', values);
  return unknownFilter(field);
}

export const partnerAgreements: SubjectModule = { sourceKey: 'partner_agreements', source, filter, uniqueRows: false };
