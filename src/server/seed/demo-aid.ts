// Demo aid: a warehouse at the Moscow centre (nappies, formula with lots, hygiene kits) and one in
// Великие Луки for the rural case-management programme (firewood from a timber company, food
// packages), hand-out norms, and requests in every state: firewood delivered home, a food package
// approved for delivery by the volunteer, a stove repair done, nappies awaiting the coordinator.
import { sql } from 'drizzle-orm';
import type { Tx } from '../db/engine.js';
import type { DemoContext } from './demo-casework.js';

const dateAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

export async function seedDemoAid(tx: Tx, ctx: DemoContext): Promise<void> {
  const items = new Map(
    (await tx.execute<{ id: string; code: string }>(sql`select id::text, code from aid_items where org_id = ${ctx.orgId}`)).rows.map(
      (r) => [r.code, r.id],
    ),
  );
  const item = (code: string) => items.get(code)!;
  const warehouse = async (branch: number, name: string, address: string) =>
    (
      await tx.execute<{ id: string }>(sql`insert into warehouses (org_id, branch_id, name, address)
        values (${ctx.orgId}, ${ctx.branchIds[branch]}, ${name}, ${address}) returning id::text`)
    ).rows[0]!.id;
  const moscow = await warehouse(0, 'Склад «Тёплого дома»', 'ул. Садовая, д. 12, подвал');
  const luki = await warehouse(2, 'Склад в Великих Луках', 'пр. Ленина, д. 3, гараж');

  const receive = async (
    warehouseId: string,
    r: { kind: 'donation' | 'purchase'; donorKind?: string; counterparty: string; daysAgo: number; programme?: number },
    lines: { code: string; quantity: number; value: number; lot?: string; expiresInDays?: number }[],
  ) => {
    const on = dateAgo(r.daysAgo);
    const receipt = (
      await tx.execute<{
        id: string;
      }>(sql`insert into aid_receipts (org_id, warehouse_id, kind, received_on, donor_kind, counterparty, programme_id, created_by)
        values (${ctx.orgId}, ${warehouseId}, ${r.kind}, ${on}, ${r.donorKind ?? null}, ${r.counterparty},
          ${r.programme === undefined ? null : ctx.programmeIds[r.programme]!}, ${ctx.staff.shelter_admin!}) returning id::text`)
    ).rows[0]!.id;
    for (const line of lines) {
      const expires =
        line.expiresInDays === undefined ? null : new Date(Date.now() + line.expiresInDays * 86_400_000).toISOString().slice(0, 10);
      await tx.execute(sql`insert into stock_movements (org_id, warehouse_id, item_id, lot, expires_on, kind, quantity, value, occurred_on, receipt_id, created_by)
        values (${ctx.orgId}, ${warehouseId}, ${item(line.code)}, ${line.lot ?? ''}, ${expires}, ${r.kind}, ${line.quantity}, ${line.value}, ${on}, ${receipt},
          ${ctx.staff.shelter_admin!})`);
    }
  };
  await receive(moscow, { kind: 'donation', donorKind: 'company', counterparty: 'ООО «Детский мир — Север»', daysAgo: 60, programme: 0 }, [
    { code: 'nappies_3', quantity: 40, value: 36000 },
    { code: 'nappies_4', quantity: 30, value: 28500 },
    { code: 'formula', quantity: 24, value: 19200, lot: 'NAN-2611', expiresInDays: 20 },
    { code: 'formula', quantity: 36, value: 28800, lot: 'NAN-2705', expiresInDays: 160 },
  ]);
  await receive(moscow, { kind: 'purchase', counterparty: 'ИП Белова А. С.', daysAgo: 30, programme: 0 }, [
    { code: 'hygiene_kit', quantity: 15, value: 13500 },
  ]);
  await receive(luki, { kind: 'donation', donorKind: 'company', counterparty: 'ООО «Лес-Сервис»', daysAgo: 75, programme: 3 }, [
    { code: 'firewood', quantity: 60, value: 120000 },
  ]);
  await receive(luki, { kind: 'donation', donorKind: 'person', counterparty: 'Прихожане храма Вознесения', daysAgo: 40, programme: 3 }, [
    { code: 'food_package', quantity: 25, value: 37500, lot: 'ПН-10', expiresInDays: 45 },
  ]);
  await tx.execute(sql`insert into stock_minimums (org_id, warehouse_id, item_id, minimum) values
    (${ctx.orgId}, ${moscow}, ${item('nappies_3')}, 10), (${ctx.orgId}, ${moscow}, ${item('hygiene_kit')}, 20), (${ctx.orgId}, ${luki}, ${item('food_package')}, 10)`);
  await tx.execute(sql`insert into aid_norms (org_id, programme_id, item_id, quantity, per) values
    (${ctx.orgId}, ${ctx.programmeIds[0]!}, ${item('nappies_3')}, 4, 'child_under_2'),
    (${ctx.orgId}, ${ctx.programmeIds[3]!}, ${item('food_package')}, 1, 'family')`);

  // Requests for the open cases of the rural programme and of the centre.
  const cases = await tx.execute<{ id: string; branch_id: string; programme_id: string; lead_id: string }>(sql`
    select id::text, branch_id::text, programme_id::text, lead_id::text from cases
    where org_id = ${ctx.orgId} and status in ('active', 'post_support') order by opened_on limit 6`);
  const rural = cases.rows.filter((c) => c.programme_id === ctx.programmeIds[3]);
  const centre = cases.rows.filter((c) => c.programme_id === ctx.programmeIds[0]);
  const request = async (
    c: { id: string; branch_id: string; lead_id: string },
    r: {
      status: string;
      delivery: string;
      reason: string;
      daysAgo: number;
      lines: [string, number][];
      handed?: { warehouse: string | null; contractor?: string; cost?: number };
    },
  ) => {
    const decided = r.status === 'requested' ? null : dateAgo(r.daysAgo - 1);
    const id = (
      await tx.execute<{
        id: string;
      }>(sql`insert into aid_requests (org_id, case_id, branch_id, status, delivery, reason, requested_on, requested_by, decided_by, decided_on, deliverer_id)
        values (${ctx.orgId}, ${c.id}, ${c.branch_id}, ${r.status}, ${r.delivery}, ${r.reason}, ${dateAgo(r.daysAgo)}, ${c.lead_id},
          ${decided ? ctx.staff.coordinator! : null}, ${decided}, ${r.status === 'approved' && r.delivery === 'home' ? ctx.staff.volunteer! : null}) returning id::text`)
    ).rows[0]!.id;
    for (const [i, [code, quantity]] of r.lines.entries())
      await tx.execute(sql`insert into aid_request_lines (org_id, request_id, position, item_id, requested, approved)
        values (${ctx.orgId}, ${id}, ${i}, ${item(code)}, ${quantity}, ${decided ? quantity : null})`);
    await tx.execute(sql`insert into case_events (org_id, case_id, actor_id, kind, data)
      values (${ctx.orgId}, ${c.id}, ${c.lead_id}, 'aid_requested', ${JSON.stringify({ requestId: id, on: dateAgo(r.daysAgo), lines: r.lines.length })}::jsonb)`);
    if (!r.handed) return;
    const on = dateAgo(r.daysAgo - 2);
    const handout = (
      await tx.execute<{
        id: string;
      }>(sql`insert into aid_handouts (org_id, request_id, case_id, warehouse_id, handed_on, contractor, cost, act_signed_on, recorded_by)
        values (${ctx.orgId}, ${id}, ${c.id}, ${r.handed.warehouse}, ${on}, ${r.handed.contractor ?? ''}, ${r.handed.cost ?? null}, ${on}, ${ctx.staff.coordinator!})
        returning id::text`)
    ).rows[0]!.id;
    if (r.handed.warehouse)
      for (const [code, quantity] of r.lines) {
        const lot = (
          await tx.execute<{
            lot: string;
          }>(sql`select lot from stock_balances where warehouse_id = ${r.handed.warehouse} and item_id = ${item(code)} and quantity >= ${quantity}
            order by expires_on nulls last limit 1`)
        ).rows[0]!.lot;
        // What leaves carries its share of the value that came in (as the ledger does, see aid/ledger.ts).
        await tx.execute(sql`insert into stock_movements (org_id, warehouse_id, item_id, lot, kind, quantity, value, occurred_on, handout_id, created_by)
          select ${ctx.orgId}, ${r.handed.warehouse}, ${item(code)}, ${lot}, 'issue', ${-quantity},
            -round(coalesce(sum(value) / nullif(sum(quantity), 0), 0) * ${quantity}, 2), ${on}, ${handout}, ${ctx.staff.coordinator!}
          from stock_movements where warehouse_id = ${r.handed.warehouse} and item_id = ${item(code)} and lot = ${lot} and quantity > 0`);
      }
    await tx.execute(sql`insert into case_events (org_id, case_id, actor_id, kind, data)
      values (${ctx.orgId}, ${c.id}, ${ctx.staff.coordinator!}, 'aid_handed_out', ${JSON.stringify({ requestId: id, on })}::jsonb)`);
  };
  for (const [i, c] of rural.entries()) {
    await request(c, {
      status: 'handed_out',
      delivery: 'home',
      reason: 'Зима, дров не хватает до весны',
      daysAgo: 40 - i,
      lines: [['firewood', 5]],
      handed: { warehouse: luki },
    });
    await request(c, {
      status: 'approved',
      delivery: 'home',
      reason: 'Продуктовый набор на месяц',
      daysAgo: 3,
      lines: [['food_package', 1]],
    });
    if (i === 0)
      await request(c, {
        status: 'handed_out',
        delivery: 'home',
        reason: 'Печь дымит, в доме маленький ребёнок',
        daysAgo: 25,
        lines: [['stove_repair', 1]],
        handed: { warehouse: null, contractor: 'Бригада Иванова', cost: 18000 },
      });
  }
  for (const c of centre.slice(0, 2))
    await request(c, {
      status: 'requested',
      delivery: 'centre',
      reason: 'Подгузники и гигиенический набор на месяц',
      daysAgo: 1,
      lines: [
        ['nappies_3', 4],
        ['hygiene_kit', 1],
      ],
    });
}
