// People: members of the families under support in the period (cases overlapping it), unborn
// children left out; children are the members recorded as a child. Residents are the women and
// children placed in a shelter or crisis apartment during the period: a placement that has a night
// in the period or begins in it (the convention of the housing figures, placements over
// [from_on, to_on)). Each person is counted once, however many cases, stays or places they had.
import { sql, type SQL } from 'drizzle-orm';
import { citizenshipFromText } from '../../../domain/families/citizenship.js';
import {
  anyText,
  ageBand,
  personDim,
  placeFilter,
  placeScope,
  unknownFilter,
  type FilterValue,
  type SourceInput,
  type SubjectModule,
} from './types.js';

/** Filter values as citizenship codes ('RU', or 'Россия' saved before the list → 'RU'); those naming none are dropped. */
const citizenshipCodes = (values: readonly FilterValue[]): string[] =>
  values.map((v) => citizenshipFromText(String(v))).filter((code) => code !== null);

function dim(input: SourceInput, branchColumn: string): SQL {
  if (input.by === 'branch') return sql`${sql.raw(branchColumn)}::text`;
  if (input.by === 'programme') return sql`c.programme_id::text`;
  return personDim(input.by, 'm', input.to) ?? sql`null::text`;
}

const personColumns = (input: SourceInput) =>
  sql`m.relation, m.sex, m.citizenship, ${ageBand('m', input.to)} as age_band, m.education, m.occupation`;

function members(onlyChildren: boolean) {
  return (input: SourceInput): SQL => sql`
    select m.id as unit, c.id as case_id, null::numeric as value, ${dim(input, 'c.branch_id')} as dim,
      c.programme_id, c.branch_id, ${personColumns(input)}
    from cases c join members m on m.family_id = c.family_id
    where c.opened_on <= ${input.to} and (c.closed_on is null or c.closed_on >= ${input.from})
      and ${sql.raw(onlyChildren ? `m.relation = 'child'` : `m.relation <> 'unborn_child'`)}
      ${placeScope(input, 'c.programme_id', 'c.branch_id')}`;
}

function residentsSource(input: SourceInput): SQL {
  return sql`
    select pl.member_id as unit, s.case_id, null::numeric as value, ${dim(input, 's.branch_id')} as dim,
      c.programme_id, s.branch_id, pl.facility_id, pl.person, ${personColumns(input)}
    from placements pl join stays s on s.id = pl.stay_id join cases c on c.id = s.case_id join members m on m.id = pl.member_id
    where pl.from_on <= ${input.to} and (pl.to_on is null or pl.to_on > ${input.from} or pl.from_on >= ${input.from})
      ${placeScope(input, 'c.programme_id', 's.branch_id')}`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'relation':
      return anyText('relation', values);
    case 'sex':
      return anyText('sex', values);
    case 'citizenship':
      // A code from the closed list (0027). A filter saved before it may name a country as typed
      // ('Россия'): read as the code it clearly names; a value naming none matches nobody.
      return anyText('citizenship', citizenshipCodes(values));
    case 'ageBand':
      return anyText('age_band', values);
    case 'education':
      return anyText('education', values);
    case 'occupation':
      return anyText('occupation', values);
    case 'facilityId':
      return sql`r.facility_id = any(${sql.param(values.map(String))}::uuid[])`;
    case 'person':
      return anyText('person', values);
    default:
      return unknownFilter(field);
  }
}

export const people: SubjectModule = { sourceKey: 'people', source: members(false), filter, uniqueRows: false };
export const children: SubjectModule = { sourceKey: 'children', source: members(true), filter, uniqueRows: false };
export const residents: SubjectModule = { sourceKey: 'residents', source: residentsSource, filter, uniqueRows: false };
