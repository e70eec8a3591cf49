-- A stocktake closes the books of what it counted up to its day (issue 13, records entered after
-- the fact). A count is booked as the difference against what the lot held on its day; a movement
-- typed in later but dated on or before that day would change what the lot held then and silently
-- falsify the count. The ledger cannot tell: a count with no difference leaves no movement. So each
-- count is kept here, and a movement of a counted item dated on or before its last count is refused
-- (src/server/aid/ledger.ts, assertAfterStocktake); a mistake before it is corrected after it.
create table stocktake_counts (
  org_id uuid not null references organizations(id),
  id uuid not null default gen_random_uuid(),
  warehouse_id uuid not null,
  item_id uuid not null,
  lot text not null default '',
  counted_on date not null,
  -- Unknown (null) for counts recorded before this migration: only their day was kept.
  counted numeric check (counted >= 0),
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, warehouse_id) references warehouses (org_id, id),
  foreign key (org_id, item_id) references aid_items (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id)
);
comment on table stocktake_counts is 'Each counted line of a stocktake, with its day: the books of that item in that warehouse are closed up to it.';
create index stocktake_counts_item_idx on stocktake_counts (org_id, warehouse_id, item_id, counted_on);

-- Stocktakes recorded before this migration left a movement only where they found a difference;
-- those are the counts that can be known.
insert into stocktake_counts (org_id, warehouse_id, item_id, lot, counted_on, counted, created_by, created_at)
  select m.org_id, m.warehouse_id, m.item_id, m.lot, m.occurred_on, null, m.created_by, m.created_at
  from stock_movements m where m.kind = 'stocktake';

select hearth_tenant_table('stocktake_counts');
select hearth_grant_app();
