-- A stay's residents change while the stay goes on (issue 12, point 1): a baby born in the house
-- joins the mother's stay on its birth date, a child goes to hospital or to relatives and comes
-- back. Each person's time in the house is already its placements over [from_on, to_on); what a
-- placement did not say is why it began or ended when that was not the stay's own check-in, move or
-- check-out. The reason is kept on the placement itself, so the stay's card, the figures and the
-- timeline read one row per period a person lived there. Null = began with the check-in or a move,
-- ended with a move or the check-out.
alter table placements
  add column joined_reason text check (joined_reason in ('born', 'returned', 'other')),
  add column left_reason text check (left_reason in ('hospital', 'to_relatives', 'other')),
  add check (left_reason is null or to_on is not null);

-- A stay extension takes the date it was decided (issue 12, point 3), not the day it was typed in.
-- Extensions recorded before this migration were typed in on the day they were decided.
alter table stay_extensions add column decided_on date;
update stay_extensions set decided_on = (created_at at time zone 'UTC')::date;
alter table stay_extensions alter column decided_on set not null;

-- Stays entered after the fact in any order: the overlap check of a place looks at the placements
-- that begin before the new one ends, not only at those still open, so it needs them by start too.
-- placements_place_idx (place_id, from_on) already serves it; the family's stays by check-in serve
-- the check that a family is not in two stays at once (stays_family_idx).
