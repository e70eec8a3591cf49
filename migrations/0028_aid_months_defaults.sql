-- Aid at network scale (issue 13's benchmark: 1,000,000 stock movements over 50 warehouses).
--
-- The donors' report summed the ledger row by row up to the period's end: a year's report read
-- every movement ever made (seconds on a million). The sums of each month per warehouse, item and
-- kind are kept here instead; the report reads whole months from here and the days around them
-- from the movements (src/server/aid/stock-months.ts). Exact by construction: the ledger is
-- append-only, and a statement-level trigger adds every movement written (one upsert per
-- statement and month, so a bulk load adds its months in one go). The function runs as the owner
-- like the balance trigger; rows carry the organisation and the tenant policy.
create table stock_months (
  org_id uuid not null references organizations(id),
  warehouse_id uuid not null,
  item_id uuid not null,
  month date not null check (extract(day from month) = 1),
  kind text not null,
  quantity numeric(16, 3) not null,
  value numeric(16, 2) not null,
  primary key (org_id, warehouse_id, item_id, month, kind),
  foreign key (org_id, warehouse_id) references warehouses (org_id, id),
  foreign key (org_id, item_id) references aid_items (org_id, id)
);
comment on table stock_months is 'Sums of stock movements per month, warehouse, item and kind; kept by a trigger on stock_movements.';

create function hearth_stock_months() returns trigger
language plpgsql security definer set search_path = public, pg_temp as $$
begin
  insert into stock_months as s (org_id, warehouse_id, item_id, month, kind, quantity, value)
  select n.org_id, n.warehouse_id, n.item_id, date_trunc('month', n.occurred_on)::date, n.kind, sum(n.quantity), sum(n.value)
  from new_rows n group by 1, 2, 3, 4, 5
  on conflict (org_id, warehouse_id, item_id, month, kind)
  do update set quantity = s.quantity + excluded.quantity, value = s.value + excluded.value;
  return null;
end $$;
create trigger stock_movements_months after insert on stock_movements
  referencing new table as new_rows for each statement execute function hearth_stock_months();

-- The movements written before this migration.
insert into stock_months (org_id, warehouse_id, item_id, month, kind, quantity, value)
select org_id, warehouse_id, item_id, date_trunc('month', occurred_on)::date, kind, sum(quantity), sum(value)
from stock_movements group by 1, 2, 3, 4, 5;

-- The report's days around its whole months, for every warehouse: a date range of the ledger, read
-- from the index alone.
create index stock_movements_date_idx on stock_movements (org_id, occurred_on) include (warehouse_id, item_id, kind, quantity);

-- What a lot came in at (the value a hand-out carries, src/server/aid/ledger.ts unitValue): the
-- incoming movements of one lot, read from the index alone instead of every movement of the
-- warehouse (≈20,000 rows at this scale, ≈1 s under load, for each line handed out).
create index stock_movements_lot_in_idx on stock_movements (org_id, warehouse_id, item_id, lot) include (kind, quantity, value)
  where quantity > 0;

-- The donors' report joins receipts to their movements.
create index stock_movements_receipt_idx on stock_movements (org_id, receipt_id) where receipt_id is not null;

select hearth_tenant_table('stock_months');
select hearth_grant_app();

-- Shipped aid defaults for the organisations that existed before aid (issue 13).
--
-- A new organisation gets the shipped aid catalogue and the shipped aid indicators when it is
-- created (src/server/access/organizations.ts); organisations created before migration 0026 got
-- neither: an empty catalogue, and no aid figures in plan vs actual. Each organisation without any
-- aid item gets the shipped catalogue (src/domain/aid/shipped.ts), and each organisation gets every
-- shipped aid indicator (src/domain/indicators/shipped.ts) whose code it does not have, at version 1.
-- The rows are the code's as this was written; src/server/aid/shipped-defaults.test.ts checks that
-- they are equal. Running this part again changes nothing.

insert into aid_items (org_id, code, name, kind, unit, "group", variant, tracks_lots)
select o.id, v.code, v.name::jsonb, v.kind, v.unit, v.item_group, v.variant, v.tracks_lots
from organizations o cross join (values
    ('nappies_3', '{"ru":"Подгузники, размер 3","en":"Nappies, size 3"}', 'goods', 'pack', 'hygiene', '3', false),
    ('nappies_4', '{"ru":"Подгузники, размер 4","en":"Nappies, size 4"}', 'goods', 'pack', 'hygiene', '4', false),
    ('formula', '{"ru":"Детская смесь","en":"Infant formula"}', 'goods', 'piece', 'baby_food', '', true),
    ('baby_puree', '{"ru":"Детское пюре","en":"Baby puree"}', 'goods', 'piece', 'baby_food', '', true),
    ('hygiene_kit', '{"ru":"Гигиенический набор","en":"Hygiene kit"}', 'goods', 'set', 'hygiene', '', false),
    ('food_package', '{"ru":"Продуктовый набор","en":"Food package"}', 'goods', 'set', 'food', '', true),
    ('clothes_baby', '{"ru":"Детская одежда (0–1 год)","en":"Baby clothes (0–1 year)"}', 'goods', 'piece', 'clothes', '0–1', false),
    ('clothes_child', '{"ru":"Детская одежда (1–3 года)","en":"Child clothes (1–3 years)"}', 'goods', 'piece', 'clothes', '1–3', false),
    ('pram', '{"ru":"Коляска","en":"Pram"}', 'goods', 'piece', 'baby_goods', '', false),
    ('firewood', '{"ru":"Дрова","en":"Firewood"}', 'goods', 'm3', 'fuel', '', false),
    ('medicines', '{"ru":"Лекарства","en":"Medicines"}', 'goods', 'pack', 'medicine', '', true),
    ('stove_repair', '{"ru":"Ремонт печи","en":"Stove repair"}', 'work', 'job', 'repair', '', false),
    ('room_renovation', '{"ru":"Ремонт комнаты","en":"Room renovation"}', 'work', 'job', 'repair', '', false),
    ('garden_ploughing', '{"ru":"Вспашка огорода","en":"Garden ploughing"}', 'work', 'job', 'agriculture', '', false),
    ('transport', '{"ru":"Перевозка","en":"Transport"}', 'work', 'job', 'transport', '', false),
    ('livestock', '{"ru":"Скот и птица (покупка и доставка)","en":"Livestock (purchase and delivery)"}', 'purchase', 'piece', 'livestock', '', false),
    ('furniture', '{"ru":"Мебель","en":"Furniture"}', 'purchase', 'piece', 'furniture', '', false),
    ('appliance', '{"ru":"Бытовая техника","en":"Household appliance"}', 'purchase', 'piece', 'household', '', false)
  ) as v (code, name, kind, unit, item_group, variant, tracks_lots)
where not exists (select 1 from aid_items i where i.org_id = o.id)
on conflict (org_id, code) do nothing;

with v (code, definition) as (values
    ('aid_families', '{"code":"aid_families","name":{"ru":"Семьи, получившие материальную помощь","en":"Families that received material aid"},"group":"people","measure":{"kind":"count","of":{"subject":"aid_families","filters":[]}},"disaggregations":["branch","programme","ageBand","sex","citizenship"]}'),
    ('aid_value', '{"code":"aid_value","name":{"ru":"Стоимость выданной помощи, ₽","en":"Value of aid handed out, ₽"},"group":"work","measure":{"kind":"sum","of":{"subject":"aid_value","filters":[]}},"disaggregations":["branch","programme"]}'),
    ('stoves_repaired', '{"code":"stoves_repaired","name":{"ru":"Отремонтировано печей","en":"Stoves repaired"},"group":"work","measure":{"kind":"sum","of":{"subject":"aid","filters":[{"field":"itemCode","values":["stove_repair"]}]}},"disaggregations":["branch","programme"]}'),
    ('rooms_renovated', '{"code":"rooms_renovated","name":{"ru":"Отремонтировано комнат","en":"Rooms renovated"},"group":"work","measure":{"kind":"sum","of":{"subject":"aid","filters":[{"field":"itemCode","values":["room_renovation"]}]}},"disaggregations":["branch","programme"]}'),
    ('gardens_ploughed', '{"code":"gardens_ploughed","name":{"ru":"Вспахано огородов","en":"Gardens ploughed"},"group":"work","measure":{"kind":"sum","of":{"subject":"aid","filters":[{"field":"itemCode","values":["garden_ploughing"]}]}},"disaggregations":["branch","programme"]}'),
    ('livestock_families', '{"code":"livestock_families","name":{"ru":"Семьи, получившие скот и птицу","en":"Families that received livestock"},"group":"people","measure":{"kind":"count","of":{"subject":"aid_families","filters":[{"field":"itemGroup","values":["livestock"]}]}},"disaggregations":["branch","programme"]}'),
    ('firewood_families', '{"code":"firewood_families","name":{"ru":"Семьи, получившие дрова","en":"Families that received firewood"},"group":"people","measure":{"kind":"count","of":{"subject":"aid_families","filters":[{"field":"itemCode","values":["firewood"]}]}},"disaggregations":["branch","programme"]}'),
    ('food_packages', '{"code":"food_packages","name":{"ru":"Выдано продуктовых наборов","en":"Food packages handed out"},"group":"work","measure":{"kind":"sum","of":{"subject":"aid","filters":[{"field":"itemCode","values":["food_package"]}]}},"disaggregations":["branch","programme"]}')
), added as (
  insert into indicators (org_id, code, shipped)
  select o.id, v.code, true from organizations o cross join v
  where not exists (select 1 from indicators i where i.org_id = o.id and i.code = v.code)
  on conflict (org_id, code) do nothing
  returning id, org_id, code
)
insert into indicator_versions (org_id, indicator_id, version, definition)
select added.org_id, added.id, 1, v.definition::jsonb from added join v on v.code = added.code;
