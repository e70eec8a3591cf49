-- Material and humanitarian aid: the aid catalogue, warehouses per branch, the append-only stock
-- ledger with balances kept by a trigger, requests for a case with their approval and hand-out,
-- and hand-out norms per programme.
--
-- Stock never goes negative: the kept balance has CHECK (quantity >= 0), and a hand-out locks the
-- balance rows it takes from (select … for update) before it checks them, so two simultaneous
-- hand-outs of the last pack take turns and the second sees what is left.
-- Every table is keyed by (org_id, id) with composite foreign keys (see 0019).

create table aid_items (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  code text not null check (code ~ '^[a-z][a-z0-9_]{0,59}$'),
  name jsonb not null,
  kind text not null check (kind in ('goods', 'work', 'purchase')),
  unit text not null check (unit in ('piece', 'pack', 'kg', 'litre', 'm3', 'set', 'job')),
  "group" text not null,
  variant text not null default '' check (length(variant) <= 100),
  tracks_lots boolean not null default false,
  retired boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, code),
  check (kind = 'goods' or not tracks_lots),
  check ((kind = 'work') = (unit = 'job'))
);

create table warehouses (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  branch_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  address text not null default '' check (length(address) <= 500),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, name),
  foreign key (org_id, branch_id) references branches (org_id, id)
);

-- A receipt document: a donation in kind or a purchase, with its lines as ledger movements.
create table aid_receipts (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  warehouse_id uuid not null,
  kind text not null check (kind in ('donation', 'purchase')),
  received_on date not null,
  donor_kind text check (donor_kind in ('person', 'company')),
  counterparty text not null check (length(counterparty) between 1 and 300),
  programme_id uuid,
  note text not null default '' check (length(note) <= 2000),
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, warehouse_id) references warehouses (org_id, id),
  foreign key (org_id, programme_id) references programmes (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id)
);

create table aid_requests (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  case_id uuid not null,
  branch_id uuid not null,
  status text not null default 'requested' check (status in ('requested', 'approved', 'declined', 'handed_out', 'cancelled')),
  delivery text not null check (delivery in ('warehouse', 'centre', 'home')),
  reason text not null check (length(reason) between 1 and 2000),
  plan_task_id uuid,
  requested_on date not null,
  requested_by uuid not null,
  decided_by uuid,
  decided_on date,
  decision_note text not null default '' check (length(decision_note) <= 2000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, branch_id) references branches (org_id, id),
  foreign key (org_id, plan_task_id) references plan_tasks (org_id, id),
  foreign key (org_id, requested_by) references users (org_id, id),
  foreign key (org_id, decided_by) references users (org_id, id),
  check ((status in ('requested', 'cancelled')) or decided_on is not null)
);
create index aid_requests_queue_idx on aid_requests (org_id, status, branch_id, requested_on);
create index aid_requests_case_idx on aid_requests (org_id, case_id, requested_on desc);

create table aid_request_lines (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  request_id uuid not null,
  position integer not null,
  item_id uuid not null,
  requested numeric(14, 3) not null check (requested > 0),
  approved numeric(14, 3) check (approved >= 0),
  above_norm boolean not null default false,
  primary key (org_id, id),
  foreign key (org_id, request_id) references aid_requests (org_id, id),
  foreign key (org_id, item_id) references aid_items (org_id, id)
);
create index aid_request_lines_request_idx on aid_request_lines (org_id, request_id);

-- The hand-out (or delivery, or work done at home) of an approved request: one per request.
create table aid_handouts (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  request_id uuid not null,
  case_id uuid not null,
  warehouse_id uuid,
  handed_on date not null,
  deliverer_id uuid,
  contractor text not null default '' check (length(contractor) <= 300),
  cost numeric(14, 2) check (cost >= 0),
  act_signed_on date,
  recorded_by uuid not null,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  unique (org_id, request_id),
  foreign key (org_id, request_id) references aid_requests (org_id, id),
  foreign key (org_id, case_id) references cases (org_id, id),
  foreign key (org_id, warehouse_id) references warehouses (org_id, id),
  foreign key (org_id, deliverer_id) references users (org_id, id),
  foreign key (org_id, recorded_by) references users (org_id, id)
);
create index aid_handouts_case_idx on aid_handouts (org_id, case_id, handed_on);
create index aid_handouts_date_idx on aid_handouts (org_id, handed_on);

-- The deliverer of a home delivery, assigned at approval (a volunteer sees only these until done).
alter table aid_requests add column deliverer_id uuid;
alter table aid_requests add foreign key (org_id, deliverer_id) references users (org_id, id);

-- The stock ledger. Appended, never changed: a mistake is undone by a 'correction' movement that
-- negates the one it corrects (corrects_id), with a reason. quantity is signed: + in, − out.
create table stock_movements (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  warehouse_id uuid not null,
  item_id uuid not null,
  lot text not null default '' check (length(lot) <= 60),
  expires_on date,
  kind text not null check (kind in ('donation', 'purchase', 'issue', 'transfer_out', 'transfer_in', 'write_off', 'stocktake', 'correction')),
  quantity numeric(14, 3) not null check (quantity <> 0),
  -- Estimated value (donations) or cost (purchases), carried with the goods for the donors' report.
  value numeric(14, 2) not null default 0,
  occurred_on date not null,
  receipt_id uuid,
  handout_id uuid,
  -- Both halves of a transfer share one id.
  transfer_id uuid,
  corrects_id uuid,
  reason text not null default '' check (length(reason) <= 1000),
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (org_id, id),
  foreign key (org_id, warehouse_id) references warehouses (org_id, id),
  foreign key (org_id, item_id) references aid_items (org_id, id),
  foreign key (org_id, receipt_id) references aid_receipts (org_id, id),
  foreign key (org_id, handout_id) references aid_handouts (org_id, id),
  foreign key (org_id, corrects_id) references stock_movements (org_id, id),
  foreign key (org_id, created_by) references users (org_id, id),
  check ((kind = 'correction') = (corrects_id is not null))
);
create index stock_movements_warehouse_idx on stock_movements (org_id, warehouse_id, occurred_on);
create index stock_movements_item_idx on stock_movements (org_id, item_id, occurred_on);
create index stock_movements_handout_idx on stock_movements (org_id, handout_id) where handout_id is not null;
create unique index stock_movements_corrected_once on stock_movements (org_id, corrects_id) where corrects_id is not null;
create trigger stock_movements_append_only before update or delete on stock_movements
  for each row execute function hearth_reject_change();

-- The balance of each lot of each item in each warehouse: the sum of its movements, kept by the
-- trigger below in the same transaction; never below zero.
create table stock_balances (
  org_id uuid not null references organizations(id),
  warehouse_id uuid not null,
  item_id uuid not null,
  lot text not null default '',
  expires_on date,
  quantity numeric(14, 3) not null constraint stock_balances_not_negative check (quantity >= 0),
  primary key (org_id, warehouse_id, item_id, lot),
  foreign key (org_id, warehouse_id) references warehouses (org_id, id),
  foreign key (org_id, item_id) references aid_items (org_id, id)
);

create function stock_balance_apply() returns trigger language plpgsql as $$
begin
  -- A CHECK is judged on the row an INSERT proposes even when it then conflicts, so a movement out
  -- (negative) updates the existing balance; only a movement in may create one.
  if new.quantity > 0 then
    insert into stock_balances (org_id, warehouse_id, item_id, lot, expires_on, quantity)
    values (new.org_id, new.warehouse_id, new.item_id, new.lot, new.expires_on, new.quantity)
    on conflict (org_id, warehouse_id, item_id, lot)
    do update set quantity = stock_balances.quantity + excluded.quantity,
      expires_on = coalesce(stock_balances.expires_on, excluded.expires_on);
  else
    update stock_balances set quantity = quantity + new.quantity
    where org_id = new.org_id and warehouse_id = new.warehouse_id and item_id = new.item_id and lot = new.lot;
    if not found then
      raise check_violation using message = 'stock would go below zero', constraint = 'stock_balances_not_negative';
    end if;
  end if;
  return null;
end $$;
create trigger stock_movements_balance after insert on stock_movements
  for each row execute function stock_balance_apply();

-- The minimum the storekeeper keeps of an item in a warehouse (below it, the stock page says so).
create table stock_minimums (
  org_id uuid not null references organizations(id),
  warehouse_id uuid not null,
  item_id uuid not null,
  minimum numeric(14, 3) not null check (minimum >= 0),
  primary key (org_id, warehouse_id, item_id),
  foreign key (org_id, warehouse_id) references warehouses (org_id, id),
  foreign key (org_id, item_id) references aid_items (org_id, id)
);

-- Hand-out norms per programme: so much of an item per month, per family / child under two / child / person.
create table aid_norms (
  id uuid not null default gen_random_uuid(),
  org_id uuid not null references organizations(id),
  programme_id uuid not null,
  item_id uuid not null,
  quantity numeric(14, 3) not null check (quantity > 0),
  per text not null check (per in ('family', 'child_under_2', 'child', 'person')),
  period text not null default 'month' check (period = 'month'),
  primary key (org_id, id),
  unique (org_id, programme_id, item_id),
  foreign key (org_id, programme_id) references programmes (org_id, id),
  foreign key (org_id, item_id) references aid_items (org_id, id)
);

select hearth_tenant_table('aid_items');
select hearth_tenant_table('warehouses');
select hearth_tenant_table('aid_receipts');
select hearth_tenant_table('aid_requests');
select hearth_tenant_table('aid_request_lines');
select hearth_tenant_table('aid_handouts');
select hearth_tenant_table('stock_movements');
select hearth_tenant_table('stock_balances');
select hearth_tenant_table('stock_minimums');
select hearth_tenant_table('aid_norms');
select hearth_grant_app();

-- Organisations created before this migration get the aid permissions of the built-in roles.
update roles r set permissions = array(select distinct p from unnest(r.permissions || d.extra) p order by p)
from (values
  ('admin', array['aid.catalogue', 'aid.report']),
  ('coordinator', array['aid.catalogue', 'aid.request', 'aid.approve', 'aid.warehouse', 'aid.report']),
  ('supervisor', array['aid.request', 'aid.approve', 'aid.report']),
  ('case_worker', array['aid.request']),
  ('psychologist', array['aid.request']),
  ('lawyer', array['aid.request']),
  ('shelter_admin', array['aid.warehouse']),
  ('volunteer', array['aid.deliver']),
  ('me_officer', array['aid.report'])
) as d(code, extra)
where r.code = d.code;
