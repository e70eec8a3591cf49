// Aid handed out: one row per approved line of a request handed out (or work done) in the period, by
// the day it happened. `aid` counts lines and sums their quantity ("13 stoves repaired", "food
// packages delivered"); `aid_value` sums what they were worth (the goods' share of the value that
// came in with their lot, the cost of a work or purchase); `aid_families` counts the families that
// received aid ("firewood to 23 families"). Filters: the item's code, group and kind, and how it
// reached the family.
import { sql, type SQL } from 'drizzle-orm';
import {
  anyText,
  caseDim,
  caseDimJoin,
  placeFilter,
  placeScope,
  unknownFilter,
  type FilterValue,
  type SourceInput,
  type SubjectModule,
} from './types.js';

function source(input: SourceInput): SQL {
  return sql`
    select l.id as unit, c.family_id, c.id as case_id, ${caseDim(input)} as dim, c.programme_id, c.branch_id,
      i.code as item_code, i."group" as item_group, i.kind as item_kind, q.delivery,
      l.approved as quantity,
      case when i.kind = 'goods'
        then -(select coalesce(sum(m.value), 0) from stock_movements m where m.handout_id = h.id and m.item_id = l.item_id)
        else coalesce(h.cost, 0) / greatest(1, (select count(*) from aid_request_lines x where x.request_id = q.id and x.approved > 0))
      end as roubles
    from aid_handouts h join aid_requests q on q.id = h.request_id join cases c on c.id = h.case_id
      join aid_request_lines l on l.request_id = q.id and l.approved > 0 join aid_items i on i.id = l.item_id
    ${caseDimJoin(input)}
    where h.handed_on >= ${input.from} and h.handed_on <= ${input.to}
      ${placeScope(input, 'c.programme_id', 'c.branch_id')}`;
}

function filter(field: string, values: readonly FilterValue[]): SQL {
  const place = placeFilter(field, values);
  if (place) return place;
  switch (field) {
    case 'itemCode':
      return anyText('item_code', values);
    case 'itemGroup':
      return anyText('item_group', values);
    case 'itemKind':
      return anyText('item_kind', values);
    case 'delivery':
      return anyText('delivery', values);
    default:
      return unknownFilter(field);
  }
}

/** Lines handed out; the value summed is the quantity. */
export const aid: SubjectModule = {
  sourceKey: 'aid',
  source: (input) => sql`select r.*, r.quantity as value from (${source(input)}) r`,
  filter,
  uniqueRows: true,
};

/** The same lines; the value summed is what they were worth in roubles. */
export const aidValue: SubjectModule = {
  sourceKey: 'aid_value',
  source: (input) => sql`select r.*, r.roubles as value from (${source(input)}) r`,
  filter,
  uniqueRows: true,
};

/** Families that received aid: the same lines, counted by family. */
export const aidFamilies: SubjectModule = {
  sourceKey: 'aid_families',
  source: (input) => sql`select r.*, r.family_id as family_unit, null::numeric as value from (${source(input)}) r`,
  filter,
  uniqueRows: false,
  unitColumn: 'family_unit',
};
