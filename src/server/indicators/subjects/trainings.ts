// Trainings for specialists and consultations for them (issue 15):
//   trained_specialists       distinct people (external specialists and own staff) who completed a
//                             training in the period, by the day of completion; "specialists who
//                             learned the case-management technology" filters caseManagement
//   training_hours            sessions held in the period; the value is their hours
//   trainings_held            trainings whose dates overlap the period ("internships held")
//   specialist_consultations  consultations given to external specialists in the period; the value
//                             is their hours
// Each counts towards the training's (consultation's) programme and branch. City and region are
// the specialist's own (for own staff: the branch's that held the training), so "from six cities"
// is a breakdown.
import { sql, type SQL } from 'drizzle-orm';
import { anyText, placeFilter, placeScope, unknownFilter, type FilterValue, type SourceInput, type SubjectModule } from './types.js';

/** The breakdown key: branch, programme, city or region; none for the family's dimensions. */
function dim(input: SourceInput, city: string, region: string): SQL {
  switch (input.by) {
    case 'branch':
      return sql`t.branch_id::text`;
    case 'programme':
      return sql`t.programme_id::text`;
    case 'city':
      return sql`nullif(${sql.raw(city)}, '')`;
    case 'region':
      return sql`nullif(${sql.raw(region)}, '')`;
    case 'ageBand':
    case 'sex':
    case 'citizenship':
    case 'education':
    case 'occupation':
    case undefined:
      return sql`null::text`;
  }
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'trainingKind':
      return anyText('training_kind', values);
    case 'caseManagement':
      return anyText('case_management', values);
    case 'participantKind':
      return anyText('participant_kind', values);
    case 'profession':
      return anyText('profession', values);
    case 'city':
      return anyText('city', values);
    case 'region':
      return anyText('region', values);
    case 'aboutCase':
      return anyText('about_case', values);
    default:
      return unknownFilter(field);
  }
}

const PERSON_CITY = `case when p.specialist_id is null then b.city else s.city end`;
const PERSON_REGION = `case when p.specialist_id is null then b.region else s.region end`;

export const trainedSpecialists: SubjectModule = {
  sourceKey: 'trained_specialists',
  source: (input) => sql`
    select p.id as row_id, coalesce('s:' || p.specialist_id::text, 'u:' || p.user_id::text) as unit, null::uuid as case_id,
      null::numeric as value, ${dim(input, PERSON_CITY, PERSON_REGION)} as dim, t.programme_id, t.branch_id,
      t.kind as training_kind, t.teaches_case_management::text as case_management,
      case when p.specialist_id is null then 'staff' else 'specialist' end as participant_kind,
      coalesce(s.profession, 'staff') as profession, ${sql.raw(PERSON_CITY)} as city, ${sql.raw(PERSON_REGION)} as region
    from training_participants p join trainings t on t.id = p.training_id
      join branches b on b.id = t.branch_id
      left join external_specialists s on s.id = p.specialist_id
    where p.completed_on >= ${input.from} and p.completed_on <= ${input.to}
      ${placeScope(input, 't.programme_id', 't.branch_id')}`,
  filter,
  uniqueRows: false,
};

const trainingColumns = sql`t.programme_id, t.branch_id, t.kind as training_kind, t.teaches_case_management::text as case_management`;

export const trainingHours: SubjectModule = {
  sourceKey: 'training_hours',
  source: (input) => sql`
    select ts.id as unit, null::uuid as case_id, ts.hours as value, ${dim(input, 'b.city', 'b.region')} as dim, ${trainingColumns}
    from training_sessions ts join trainings t on t.id = ts.training_id join branches b on b.id = t.branch_id
    where ts.held_on >= ${input.from} and ts.held_on <= ${input.to}
      ${placeScope(input, 't.programme_id', 't.branch_id')}`,
  filter,
  uniqueRows: true,
};

export const trainingsHeld: SubjectModule = {
  sourceKey: 'trainings_held',
  source: (input) => sql`
    select t.id as unit, null::uuid as case_id, null::numeric as value, ${dim(input, 'b.city', 'b.region')} as dim, ${trainingColumns}
    from trainings t join branches b on b.id = t.branch_id
    where t.starts_on <= ${input.to} and t.ends_on >= ${input.from}
      ${placeScope(input, 't.programme_id', 't.branch_id')}`,
  filter,
  uniqueRows: true,
};

export const specialistConsultations: SubjectModule = {
  sourceKey: 'specialist_consultations',
  source: (input) => sql`
    select t.id as unit, t.case_id, t.minutes / 60.0 as value, ${dim(input, 'b.city', 'b.region')} as dim, t.programme_id, t.branch_id,
      (t.case_id is not null)::text as about_case
    from specialist_consultations t join branches b on b.id = t.branch_id
    where t.given_on >= ${input.from} and t.given_on <= ${input.to}
      ${placeScope(input, 't.programme_id', 't.branch_id')}`,
  filter,
  uniqueRows: true,
};
