// Aid end to end through the HTTP app: the catalogue, a warehouse's receipts, transfers, write-offs,
// stocktakes and reversals with the ledger checked against its balances, a family's request approved
// and handed out first-expiring-first-out, norms, the last pack taken twice at once, the hand-over
// act, the donors' report worked out by hand, bad input that changes nothing, and who sees what.
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../db/gateway.js';
import { buildCase, type BuiltCase } from '../testing/casework.js';
import { buildOrganization, buildUser, login, type Client, type TestApp, type TestOrganization, buildTestApp } from '../testing/harness.js';

const today = new Date().toISOString().slice(0, 10);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

let t: TestApp;
let org: TestOrganization;
let other: TestOrganization;
const c: Record<string, Client> = {};
const ids: Record<string, string> = {};
let items: Record<string, string> = {};
let kase: BuiltCase;
let programmeId: string;
let warehouseA: string;
let warehouseA2: string;
let warehouseB: string;

async function rows(table: string): Promise<number> {
  return system(t.engine, async (tx) =>
    Number((await tx.execute<{ n: number }>(sql.raw(`select count(*)::int as n from ${table}`))).rows[0]!.n),
  );
}
async function counts() {
  return Object.fromEntries(
    await Promise.all(
      [
        'aid_items',
        'warehouses',
        'aid_receipts',
        'aid_requests',
        'aid_request_lines',
        'aid_handouts',
        'stock_movements',
        'stock_balances',
        'aid_norms',
      ].map(async (name) => [name, await rows(name)] as const),
    ),
  );
}

/** The ledger's promise: every kept balance equals the sum of its movements, and none is negative. */
async function ledgerHolds() {
  const result = await system(t.engine, (tx) =>
    tx.execute<{ bad: number }>(sql`select count(*)::int as bad from (
      select coalesce(b.quantity, 0) as kept, coalesce(m.total, 0) as summed from stock_balances b
      full join (select org_id, warehouse_id, item_id, lot, sum(quantity) as total from stock_movements group by 1, 2, 3, 4) m
        using (org_id, warehouse_id, item_id, lot)) x where kept <> summed or kept < 0`),
  );
  expect(result.rows[0]!.bad).toBe(0);
}

async function stock(client: Client, warehouseId: string, code: string): Promise<number> {
  const res = await client.get(`/api/warehouses/${warehouseId}/stock`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().items as { itemId: string; quantity: number }[]).find((i) => i.itemId === items[code])?.quantity ?? 0;
}

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  other = await buildOrganization(t);
  c.admin = await login(t, org.adminEmail);
  c.otherAdmin = await login(t, other.adminEmail);
  const [a, b] = org.branchIds as [string, string];
  const people: [string, Parameters<typeof buildUser>[2], string[]][] = [
    ['coord', ['coordinator'], [a]],
    ['coordB', ['coordinator'], [b]],
    ['worker', ['case_worker'], [a]],
    ['workerB', ['case_worker'], [b]],
    ['store', ['shelter_admin'], [a]],
    ['storeB', ['shelter_admin'], [b]],
    ['volunteer', ['volunteer'], [a]],
    ['me', ['me_officer'], [a]],
    ['supervisor', ['supervisor'], [a]],
  ];
  for (const [name, roles, branches] of people) {
    const user = await buildUser(t, org, roles, branches);
    ids[name] = user.id;
    c[name] = await login(t, user.email);
  }
  const otherCoord = await buildUser(t, other, ['coordinator'], [other.branchIds[0]!]);
  c.otherCoord = await login(t, otherCoord.email);
  programmeId = (await c.admin.post('/api/programmes', { name: 'Неразлучные', periodStart: '2026-01-01', periodEnd: '2027-12-31' })).json()
    .id;
  kase = await buildCase(c.coord!, { branchId: a, programmeId, leadId: ids.worker!, openedOn: daysAgo(60) });
  const catalogue = (await c.coord!.get('/api/aid/items')).json().items as { id: string; code: string }[];
  items = Object.fromEntries(catalogue.map((i) => [i.code, i.id]));
  const wh = async (client: Client, branchId: string, name: string) => {
    const res = await client.post('/api/warehouses', { branchId, name, address: 'ул. Складская, 1' });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  warehouseA = await wh(c.store!, a, 'Склад Москва');
  warehouseA2 = await wh(c.coord!, a, 'Склад центра');
  warehouseB = await wh(c.storeB!, b, 'Склад Псков');
});
afterAll(() => t.close());

describe('the catalogue', () => {
  it('ships the programmes’ goods, works and purchases in Russian and English', async () => {
    const res = await c.worker!.get('/api/aid/items');
    const list = res.json().items as { code: string; kind: string; name: { ru: string; en: string } }[];
    expect(list.find((i) => i.code === 'stove_repair')).toMatchObject({ kind: 'work', name: { ru: 'Ремонт печи', en: 'Stove repair' } });
    expect(list.find((i) => i.code === 'firewood')).toMatchObject({ kind: 'goods' });
    expect(list.find((i) => i.code === 'livestock')).toMatchObject({ kind: 'purchase' });
  });

  it('adds an item; one in use is retired, not deleted', async () => {
    const created = await c.admin!.post('/api/aid/items', {
      code: 'school_kit',
      name: { ru: 'Школьный набор', en: 'School kit' },
      kind: 'goods',
      unit: 'set',
      group: 'other',
    });
    expect(created.statusCode, created.body).toBe(201);
    const dup = await c.admin!.post('/api/aid/items', {
      code: 'school_kit',
      name: { ru: 'Дубль', en: 'Dup' },
      kind: 'goods',
      unit: 'set',
      group: 'other',
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().error.fields[0].path).toBe('code');
    const workInKg = await c.admin!.post('/api/aid/items', {
      code: 'odd',
      name: { ru: 'Х', en: 'X' },
      kind: 'work',
      unit: 'kg',
      group: 'repair',
    });
    expect(workInKg.json().error.fields[0].path).toBe('unit');
    expect(
      (await c.worker!.post('/api/aid/items', { code: 'x', name: { ru: 'Х', en: 'X' }, kind: 'goods', unit: 'set', group: 'other' }))
        .statusCode,
    ).toBe(403);
    // Unused: deleted. Used (firewood, below): retired instead.
    expect((await c.admin!.del(`/api/aid/items/${created.json().id}`)).statusCode).toBe(200);
  });
});

describe('a warehouse', () => {
  it('receives a donation and a purchase, with lots and values, and keeps the ledger', async () => {
    const donation = await c.store!.post(`/api/warehouses/${warehouseA}/receipts`, {
      kind: 'donation',
      donorKind: 'company',
      counterparty: 'ООО «Лесторг»',
      receivedOn: daysAgo(20),
      programmeId,
      lines: [
        { itemId: items.firewood, quantity: 12.5, value: 25000 },
        { itemId: items.food_package, quantity: 3, lot: 'FP-LATE', expiresOn: inDays(120), value: 4500 },
        { itemId: items.food_package, quantity: 2, lot: 'FP-SOON', expiresOn: inDays(10), value: 3000 },
      ],
    });
    expect(donation.statusCode, donation.body).toBe(201);
    const purchase = await c.store!.post(`/api/warehouses/${warehouseA}/receipts`, {
      kind: 'purchase',
      counterparty: 'ИП Смирнов',
      receivedOn: daysAgo(15),
      lines: [{ itemId: items.nappies_3, quantity: 10, value: 9000 }],
    });
    expect(purchase.statusCode, purchase.body).toBe(201);
    expect(await stock(c.store!, warehouseA, 'firewood')).toBe(12.5);
    expect(await stock(c.store!, warehouseA, 'food_package')).toBe(5);
    const view = (await c.store!.get(`/api/warehouses/${warehouseA}/stock`)).json();
    const food = view.items.find((i: { itemId: string }) => i.itemId === items.food_package);
    expect(food.lots.map((l: { lot: string }) => l.lot)).toEqual(['FP-SOON', 'FP-LATE']);
    expect(food.expiringSoon).toBe(true);
    await ledgerHolds();
  });

  it('transfers, writes off, takes stock and reverses a mistake — balance is always the sum of movements', async () => {
    const transfer = await c.store!.post(`/api/warehouses/${warehouseA}/transfers`, {
      toWarehouseId: warehouseA2,
      occurredOn: daysAgo(10),
      lines: [{ itemId: items.nappies_3, quantity: 4 }],
    });
    expect(transfer.statusCode, transfer.body).toBe(201);
    expect(await stock(c.store!, warehouseA, 'nappies_3')).toBe(6);
    expect(await stock(c.coord!, warehouseA2, 'nappies_3')).toBe(4);
    const writeOff = await c.store!.post(`/api/warehouses/${warehouseA}/write-offs`, {
      occurredOn: daysAgo(9),
      reason: 'damaged',
      lines: [{ itemId: items.nappies_3, quantity: 1 }],
    });
    expect(writeOff.statusCode, writeOff.body).toBe(201);
    const stocktake = await c.store!.post(`/api/warehouses/${warehouseA}/stocktakes`, {
      occurredOn: daysAgo(8),
      counts: [{ itemId: items.nappies_3, lot: '', counted: 4 }],
    });
    expect(stocktake.json()).toEqual({ adjusted: 1 });
    expect(await stock(c.store!, warehouseA, 'nappies_3')).toBe(4);
    const ledger = (await c.store!.get(`/api/warehouses/${warehouseA}/movements?itemId=${items.nappies_3}`)).json();
    const mistake = ledger.items.find((m: { kind: string }) => m.kind === 'write_off');
    const reversed = await c.store!.post(`/api/warehouses/${warehouseA}/corrections`, {
      movementId: mistake.id,
      reason: 'Списали по ошибке',
    });
    expect(reversed.statusCode, reversed.body).toBe(201);
    expect(await stock(c.store!, warehouseA, 'nappies_3')).toBe(5);
    const again = await c.store!.post(`/api/warehouses/${warehouseA}/corrections`, { movementId: mistake.id, reason: 'Ещё раз' });
    expect(again.statusCode).toBe(409);
    // History is appended, never edited: not even the database owner's app role may change a movement.
    const edit = await system(t.engine, (tx) => tx.execute(sql`update stock_movements set quantity = 100 where id = ${mistake.id}`)).catch(
      (e: Error) => e,
    );
    expect(edit).toBeInstanceOf(Error);
    await ledgerHolds();
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await counts();
    const receipt = (lines: unknown[], extra: Record<string, unknown> = {}) =>
      c.store!.post(`/api/warehouses/${warehouseA}/receipts`, {
        kind: 'donation',
        counterparty: 'Иванова',
        receivedOn: daysAgo(1),
        lines,
        ...extra,
      });
    const cases: [Promise<{ statusCode: number; json: () => { error: { fields: { path: string }[] } } }>, string][] = [
      [receipt([{ itemId: '00000000-0000-4000-8000-000000000000', quantity: 1 }]), 'lines.0.itemId'],
      [receipt([{ itemId: items.nappies_3, quantity: 0 }]), 'lines.0.quantity'],
      [receipt([{ itemId: items.nappies_3, quantity: -2 }]), 'lines.0.quantity'],
      [receipt([{ itemId: items.nappies_3, quantity: 1.5 }]), 'lines.0.quantity'],
      [receipt([{ itemId: items.firewood, quantity: 1.2345 }]), 'lines.0.quantity'],
      [receipt([{ itemId: items.formula, quantity: 2, lot: 'F1', expiresOn: daysAgo(5) }]), 'lines.0.expiresOn'],
      [receipt([{ itemId: items.formula, quantity: 2 }]), 'lines.0.lot'],
      [receipt([{ itemId: items.stove_repair, quantity: 1 }]), 'lines.0.itemId'],
      [receipt([{ itemId: items.nappies_3, quantity: 1 }], { receivedOn: inDays(3) }), 'receivedOn'],
      [receipt([{ itemId: items.nappies_3, quantity: 1 }], { programmeId: '00000000-0000-4000-8000-000000000000' }), 'programmeId'],
      [
        receipt([
          { itemId: items.nappies_3, quantity: 1 },
          { itemId: items.nappies_3, quantity: 1, value: -1 },
        ]),
        'lines.1.value',
      ],
      [
        c.store!.post(`/api/warehouses/${warehouseA}/transfers`, {
          toWarehouseId: warehouseA,
          occurredOn: today,
          lines: [{ itemId: items.nappies_3, quantity: 1 }],
        }),
        'toWarehouseId',
      ],
      [
        c.store!.post(`/api/warehouses/${warehouseA}/write-offs`, {
          occurredOn: today,
          reason: 'lost',
          lines: [{ itemId: items.nappies_3, quantity: 500 }],
        }),
        'lines.0.quantity',
      ],
    ];
    for (const [call, path] of cases) {
      const res = await call;
      expect([400, 409], path).toContain(res.statusCode);
      expect(
        res.json().error.fields?.map((f) => f.path),
        path,
      ).toContain(path);
    }
    // Another organisation's item is unknown here.
    const foreign = (await c.otherAdmin!.get('/api/aid/items')).json().items[0].id as string;
    const res = await receipt([{ itemId: foreign, quantity: 1 }]);
    expect(res.json().error.fields[0].path).toBe('lines.0.itemId');
    expect(await counts()).toEqual(before);
  });
});

describe('aid for a family', () => {
  let requestId: string;

  it('is requested by the worker, approved by the coordinator, handed out first-expiring-first-out, with its act', async () => {
    const req = await c.worker!.post(`/api/cases/${kase.caseId}/aid`, {
      lines: [
        { itemId: items.firewood, quantity: 2.5 },
        { itemId: items.food_package, quantity: 1 },
      ],
      reason: 'Зима, печь топить нечем',
      delivery: 'home',
      requestedOn: daysAgo(5),
    });
    expect(req.statusCode, req.body).toBe(201);
    requestId = req.json().id;
    expect(req.json()).toMatchObject({ status: 'requested', reason: 'Зима, печь топить нечем' });
    const lineIds = req.json().lines.map((l: { id: string }) => l.id);
    // Not the worker's to decide.
    expect(
      (await c.worker!.post(`/api/aid/requests/${requestId}/decision`, { decision: 'approve', decidedOn: today, version: 1 })).statusCode,
    ).toBe(403);
    const approved = await c.coord!.post(`/api/aid/requests/${requestId}/decision`, {
      decision: 'approve',
      quantities: [{ lineId: lineIds[0], quantity: 3 }],
      note: '',
      decidedOn: daysAgo(4),
      delivererId: ids.volunteer,
      version: 1,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().lines.map((l: { approved: number }) => l.approved)).toEqual([3, 1]);

    // The volunteer sees the delivery assigned to them: first name, address, items — not the reason.
    const mine = (await c.volunteer!.get('/api/aid/requests?view=my_deliveries')).json().items;
    expect(mine).toHaveLength(1);
    expect(mine[0].familyFirstName).toBe('Дарья');
    expect(mine[0].reason).toBeUndefined();
    // The storekeeper sees it to hand out, without the case's reasons.
    const queue = (await c.store!.get('/api/aid/requests?view=to_hand_out')).json().items;
    expect(queue.map((r: { id: string }) => r.id)).toContain(requestId);
    expect(queue.find((r: { id: string }) => r.id === requestId).reason).toBeUndefined();
    expect((await c.storeB!.get(`/api/aid/requests/${requestId}`)).statusCode).toBe(404);

    // Another branch's warehouse cannot hand it out.
    const wrong = await c.coord!.post(`/api/aid/requests/${requestId}/handout`, {
      handedOn: daysAgo(3),
      warehouseId: warehouseB,
      version: 2,
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0].path).toBe('warehouseId');

    const handed = await c.store!.post(`/api/aid/requests/${requestId}/handout`, {
      handedOn: daysAgo(3),
      warehouseId: warehouseA,
      version: 2,
    });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json().status).toBe('handed_out');
    expect(await stock(c.store!, warehouseA, 'firewood')).toBe(9.5);
    // First-expiring-first-out: the lot that expires in 10 days went first.
    const lots = (await c.store!.get(`/api/warehouses/${warehouseA}/stock`))
      .json()
      .items.find((i: { itemId: string }) => i.itemId === items.food_package).lots;
    expect(lots).toEqual([
      expect.objectContaining({ lot: 'FP-SOON', quantity: 1 }),
      expect.objectContaining({ lot: 'FP-LATE', quantity: 3 }),
    ]);
    // Done: no longer among the volunteer's deliveries.
    expect((await c.volunteer!.get('/api/aid/requests?view=my_deliveries')).json().items).toHaveLength(0);

    const pdf = await c.store!.get(`/api/aid/requests/${requestId}/act.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    const docx = await c.worker!.get(`/api/aid/requests/${requestId}/act.docx`);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await c.volunteer!.get(`/api/aid/requests/${requestId}/act.pdf`)).statusCode).toBe(404);

    const signed = await c.store!.post(`/api/aid/requests/${requestId}/act-signed`, { signedOn: daysAgo(2), version: 3 });
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json().actSignedOn).toBe(daysAgo(2));

    const page = (await c.worker!.get(`/api/cases/${kase.caseId}`)).json();
    const kinds = JSON.stringify(page);
    for (const kind of ['aid_requested', 'aid_approved', 'aid_handed_out']) expect(kinds).toContain(kind);
    await ledgerHolds();
  });

  it('records works done at home with contractor and cost, without stock', async () => {
    const req = await c.worker!.post(`/api/cases/${kase.caseId}/aid`, {
      lines: [{ itemId: items.stove_repair, quantity: 1 }],
      reason: 'Печь дымит',
      delivery: 'home',
      requestedOn: daysAgo(3),
    });
    expect(req.statusCode, req.body).toBe(201);
    const id = req.json().id;
    await c.coord!.post(`/api/aid/requests/${id}/decision`, { decision: 'approve', decidedOn: daysAgo(2), version: 1 });
    const done = await c.coord!.post(`/api/aid/requests/${id}/handout`, {
      handedOn: daysAgo(1),
      contractor: 'Бригада Петрова',
      cost: 15000,
      version: 2,
    });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('declines only with a reason the worker sees', async () => {
    const req = await c.worker!.post(`/api/cases/${kase.caseId}/aid`, {
      lines: [{ itemId: items.pram, quantity: 1 }],
      reason: 'Нужна коляска',
      delivery: 'centre',
      requestedOn: today,
    });
    const id = req.json().id;
    const bare = await c.coord!.post(`/api/aid/requests/${id}/decision`, { decision: 'decline', decidedOn: today, version: 1 });
    expect(bare.json().error.fields[0].path).toBe('note');
    const declined = await c.coord!.post(`/api/aid/requests/${id}/decision`, {
      decision: 'decline',
      note: 'Коляску отдали другой семье',
      decidedOn: today,
      version: 1,
    });
    expect(declined.statusCode).toBe(200);
    const seen = (await c.worker!.get(`/api/cases/${kase.caseId}/aid`)).json().items.find((r: { id: string }) => r.id === id);
    expect(seen).toMatchObject({ status: 'declined', decisionNote: 'Коляску отдали другой семье' });
  });

  it('flags a request above the programme’s norm, which needs the coordinator’s reason', async () => {
    const norm = await c.coord!.put('/api/aid/norms', { programmeId, itemId: items.nappies_3, quantity: 2, per: 'child_under_2' });
    expect(norm.statusCode, norm.body).toBe(200);
    // The family has one child born 2026-05-01: under two → 2 packs a month.
    const req = await c.worker!.post(`/api/cases/${kase.caseId}/aid`, {
      lines: [{ itemId: items.nappies_3, quantity: 3 }],
      reason: 'Подгузники',
      delivery: 'centre',
      requestedOn: today,
    });
    expect(req.json().lines[0].aboveNorm).toBe(true);
    const id = req.json().id;
    const bare = await c.coord!.post(`/api/aid/requests/${id}/decision`, { decision: 'approve', decidedOn: today, version: 1 });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.fields[0].path).toBe('note');
    const within = await c.coord!.post(`/api/aid/requests/${id}/decision`, {
      decision: 'approve',
      quantities: [{ lineId: req.json().lines[0].id, quantity: 2 }],
      decidedOn: today,
      version: 1,
    });
    expect(within.statusCode, within.body).toBe(200);
    expect(within.json().lines[0]).toMatchObject({ approved: 2, aboveNorm: false });
  });

  it('gives the last pack once when two hand-outs race for it; the other hears what is left', async () => {
    // Exactly one pack of size-4 nappies in stock, two approved requests for one each.
    await c.store!.post(`/api/warehouses/${warehouseA}/receipts`, {
      kind: 'donation',
      counterparty: 'Иванова',
      receivedOn: today,
      lines: [{ itemId: items.nappies_4, quantity: 1 }],
    });
    const approve = async () => {
      const r = await c.worker!.post(`/api/cases/${kase.caseId}/aid`, {
        lines: [{ itemId: items.nappies_4, quantity: 1 }],
        reason: 'Подгузники',
        delivery: 'warehouse',
        requestedOn: today,
      });
      await c.coord!.post(`/api/aid/requests/${r.json().id}/decision`, { decision: 'approve', decidedOn: today, version: 1 });
      return r.json().id as string;
    };
    const [first, second] = [await approve(), await approve()];
    const results = await Promise.all(
      [first, second].map((id) =>
        c.store!.post(`/api/aid/requests/${id}/handout`, { handedOn: today, warehouseId: warehouseA, version: 2 }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = results.find((r) => r.statusCode === 409)!.json();
    expect(refused.error.id).toBe('aid.errors.insufficient');
    expect(refused.error.fields[0].params.left).toBe(0);
    expect(await stock(c.store!, warehouseA, 'nappies_4')).toBe(0);
    await ledgerHolds();
  });

  it('refuses a request for a closed case, a future date, a date before the case, another case’s task', async () => {
    const bad = async (body: Record<string, unknown>, path: string, caseId = kase.caseId) => {
      const res = await c.worker!.post(`/api/cases/${caseId}/aid`, {
        lines: [{ itemId: items.firewood, quantity: 1 }],
        reason: 'Дрова',
        delivery: 'home',
        requestedOn: today,
        ...body,
      });
      expect(res.statusCode, path).toBe(400);
      expect(res.json().error.fields[0].path).toBe(path);
    };
    await bad({ requestedOn: inDays(2) }, 'requestedOn');
    await bad({ requestedOn: daysAgo(400) }, 'requestedOn');
    await bad({ planTaskId: '00000000-0000-4000-8000-000000000000' }, 'planTaskId');
    await bad({ lines: [{ itemId: items.nappies_3, quantity: 0.5 }] }, 'lines.0.quantity');
    const closed = await buildCase(c.coord!, { branchId: org.branchIds[0]!, programmeId, leadId: ids.worker!, openedOn: daysAgo(30) });
    const shut = await c.coord!.post(`/api/cases/${closed.caseId}/transition`, {
      action: 'close',
      on: today,
      outcome: 'moved_away',
      reason: 'Переехали',
      version: 1,
    });
    expect(shut.statusCode, shut.body).toBe(200);
    const res = await c.worker!.post(`/api/cases/${closed.caseId}/aid`, {
      lines: [{ itemId: items.firewood, quantity: 1 }],
      reason: 'Дрова',
      delivery: 'home',
      requestedOn: today,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.id).toBe('aid.errors.closed_case');
  });
});

describe('who sees what', () => {
  it('keeps a case’s aid to those who reach the case', async () => {
    const path = `/api/cases/${kase.caseId}/aid`;
    expect((await c.worker!.get(path)).statusCode).toBe(200);
    expect((await c.coord!.get(path)).statusCode).toBe(200);
    expect((await c.workerB!.get(path)).statusCode).toBe(404);
    expect((await c.coordB!.get(path)).statusCode).toBe(404);
    expect((await c.otherCoord!.get(path)).statusCode).toBe(404);
    expect((await c.admin!.get(path)).statusCode).toBe(403);
    expect((await c.volunteer!.get(path)).statusCode).toBe(403);
    expect(
      (await c.workerB!.post(path, { lines: [{ itemId: items.firewood, quantity: 1 }], reason: 'x', delivery: 'home', requestedOn: today }))
        .statusCode,
    ).toBe(404);
    expect(
      (await c.store!.post(path, { lines: [{ itemId: items.firewood, quantity: 1 }], reason: 'x', delivery: 'home', requestedOn: today }))
        .statusCode,
    ).toBe(403);
    // The whole queue: each sees only what they reach.
    expect((await c.workerB!.get('/api/aid/requests')).json().items).toHaveLength(0);
    expect((await c.otherCoord!.get('/api/aid/requests')).json().items).toHaveLength(0);
    expect((await c.me!.get('/api/aid/requests')).json().items).toHaveLength(0);
  });

  it('keeps warehouses to their branch and organisation', async () => {
    expect((await c.storeB!.get(`/api/warehouses/${warehouseA}/stock`)).statusCode).toBe(404);
    expect((await c.otherCoord!.get(`/api/warehouses/${warehouseA}/stock`)).statusCode).toBe(404);
    expect((await c.worker!.get(`/api/warehouses/${warehouseA}/stock`)).statusCode).toBe(403);
    expect((await c.storeB!.get('/api/warehouses')).json().items.map((w: { id: string }) => w.id)).toEqual([warehouseB]);
    const foreignReceipt = await c.otherCoord!.post(`/api/warehouses/${warehouseA}/receipts`, {
      kind: 'donation',
      counterparty: 'X',
      receivedOn: today,
      lines: [{ itemId: items.nappies_3, quantity: 1 }],
    });
    expect(foreignReceipt.statusCode).toBe(404);
    // Another organisation's ids in every id field are unknown here: 400 naming the field, nothing written.
    const theirs = (await c.otherCoord!.post('/api/warehouses', { branchId: other.branchIds[0], name: 'Их склад' })).json().id as string;
    const before = await counts();
    const transfer = await c.store!.post(`/api/warehouses/${warehouseA}/transfers`, {
      toWarehouseId: theirs,
      occurredOn: today,
      lines: [{ itemId: items.nappies_3, quantity: 1 }],
    });
    expect(transfer.json().error.fields[0].path).toBe('toWarehouseId');
    const asked = await c.worker!.post(`/api/cases/${kase.caseId}/aid`, {
      lines: [{ itemId: items.hygiene_kit, quantity: 1 }],
      reason: 'Набор',
      delivery: 'home',
      requestedOn: today,
    });
    const theirUser = (await c.otherCoord!.get('/api/staff')).json().items[0].id as string;
    const decided = await c.coord!.post(`/api/aid/requests/${asked.json().id}/decision`, {
      decision: 'approve',
      decidedOn: today,
      delivererId: theirUser,
      version: 1,
    });
    expect(decided.json().error.fields[0].path).toBe('delivererId');
    await c.coord!.post(`/api/aid/requests/${asked.json().id}/decision`, { decision: 'approve', decidedOn: today, version: 1 });
    const handout = await c.coord!.post(`/api/aid/requests/${asked.json().id}/handout`, {
      handedOn: today,
      warehouseId: theirs,
      version: 2,
    });
    expect(handout.json().error.fields[0].path).toBe('warehouseId');
    expect((await counts()).stock_movements).toBe(before.stock_movements);
    // A warehouse in a branch the caller does not work in cannot be opened.
    const elsewhere = await c.store!.post('/api/warehouses', { branchId: org.branchIds[1], name: 'Чужой' });
    expect(elsewhere.json().error.fields[0].path).toBe('branchId');
    const foreignBranch = await c.store!.post('/api/warehouses', { branchId: other.branchIds[0], name: 'Чужой' });
    expect(foreignBranch.json().error.fields[0].path).toBe('branchId');
  });

  it('gives the donors’ report without identities, exactly as worked by hand', async () => {
    // By hand, warehouse A from 30 days ago to today:
    //   received: Лесторг firewood 12.5 m³ (25,000 ₽), food packages 3 + 2 (4,500 + 3,000 ₽); Смирнов nappies-3 10 (9,000 ₽); Иванова nappies-4 1.
    //   handed out: firewood 3 m³ (25,000 / 12.5 × 3 = 6,000 ₽), one food package of lot FP-SOON (3,000 / 2 = 1,500 ₽),
    //   nappies-3 2 packs (9,000 / 10 × 2 = 1,800 ₽; not handed — approved only), nappies-4 1, stove repair 15,000 ₽.
    // Branch A's coordinator opens every case behind the figures: she reads them exactly.
    const res = await c.coord!.get(`/api/aid/report?from=${daysAgo(30)}&to=${today}&warehouseId=${warehouseA}`);
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    const handed = (code: string) => report.handedOut.find((h: { itemId: string }) => h.itemId === items[code]);
    expect(handed('firewood')).toMatchObject({ quantity: 3, value: 6000, families: 1 });
    expect(handed('food_package')).toMatchObject({ quantity: 1, value: 1500, families: 1 });
    expect(handed('nappies_4')).toMatchObject({ quantity: 1, families: 1 });
    expect(report.families).toBe(1);
    // Mother and child of the family built by buildCase.
    expect(report.people).toBe(2);
    const firewood = report.movements.find((m: { itemId: string }) => m.itemId === items.firewood);
    expect(firewood).toMatchObject({ opening: 0, receipts: 12.5, issues: -3, closing: 9.5 });
    const nappies = report.movements.find((m: { itemId: string }) => m.itemId === items.nappies_3);
    // 10 in, 4 transferred out, 1 written off and reversed, stocktake −1: closing 5.
    expect(nappies).toMatchObject({ receipts: 10, transfers: -4, writeOffs: -1, adjustments: 0, closing: 5 });
    expect(JSON.stringify(report)).not.toContain('Дарья');
    const xlsx = await c.me!.get(`/api/aid/report.xlsx?from=${daysAgo(30)}&to=${today}`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(report).toEqual((await c.supervisor!.get(`/api/aid/report?from=${daysAgo(30)}&to=${today}&warehouseId=${warehouseA}`)).json());
  });

  it('shows the families and people of the donors’ report as small cells ("<5") to those who cannot open the cases behind them (issue 11, point 6)', async () => {
    const period = `from=${daysAgo(30)}&to=${today}`;
    // The M&E officer, the admin (no case access) and branch B's coordinator: the family is branch A's.
    for (const who of ['me', 'admin', 'coordB']) {
      const narrowed = await c[who]!.get(`/api/aid/report?${period}&warehouseId=${warehouseA}`);
      expect(narrowed.statusCode, `${who}: ${narrowed.body}`).toBe(200);
      const report = narrowed.json();
      expect([report.families, report.people], who).toEqual(['<5', '<5']);
      // Each item's families and people are a breakdown's cells; goods and money are not people.
      const firewood = report.handedOut.find((h: { itemId: string }) => h.itemId === items.firewood);
      expect(firewood, who).toEqual({ itemId: items.firewood, quantity: 3, value: 6000, families: '<5', people: '<5' });
      // The organisation's totals stay; its item lines do not give the family back.
      const whole = (await c[who]!.get(`/api/aid/report?${period}`)).json();
      expect([whole.families, whole.people], who).toEqual([1, 2]);
      expect(
        whole.handedOut.every((h: { families: unknown }) => h.families === '<5'),
        who,
      ).toBe(true);
    }
    // The export prints what the screen shows.
    const sheet = await c.me!.get(`/api/aid/report.xlsx?${period}&warehouseId=${warehouseA}`);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(sheet.rawPayload as unknown as ArrayBuffer);
    const cells = book.worksheets.flatMap((ws) => ws.getSheetValues().flatMap((row) => (Array.isArray(row) ? row : [])));
    expect(cells).toContain('<5');
    // Branch A's coordinator and supervisor read every figure exactly.
    for (const who of ['coord', 'supervisor']) {
      const report = (await c[who]!.get(`/api/aid/report?${period}&warehouseId=${warehouseA}`)).json();
      expect([report.families, report.people], who).toEqual([1, 2]);
      expect(
        report.handedOut.every((h: { families: unknown }) => h.families === 1),
        who,
      ).toBe(true);
    }
    expect((await c.worker!.get(`/api/aid/report?from=${daysAgo(30)}&to=${today}`)).statusCode).toBe(403);
    const backwards = await c.me!.get(`/api/aid/report?from=${today}&to=${daysAgo(30)}`);
    expect(backwards.json().error.fields[0].path).toBe('to');
  });

  it('counts aid in the shipped indicators, exactly as worked by hand', async () => {
    // By hand, this organisation to date: one family got 3 m³ of firewood (6,000 ₽), one food package
    // (1,500 ₽), a stove repair (15,000 ₽) and a pack of size-4 nappies (donated without a value);
    // the other approved and declined requests were not handed out.
    const res = await c.me!.get(`/api/indicators/values?from=${daysAgo(30)}&to=${today}`);
    expect(res.statusCode, res.body).toBe(200);
    const value = (code: string) =>
      (res.json().items as { code: string; result: { value: number | null } }[]).find((i) => i.code === code)?.result.value;
    expect(value('aid_families')).toBe(1);
    expect(value('firewood_families')).toBe(1);
    expect(value('stoves_repaired')).toBe(1);
    expect(value('food_packages')).toBe(1);
    expect(value('aid_value')).toBe(22500);
    expect(value('livestock_families')).toBe(0);
  });

  it('retires an item in use rather than deleting it', async () => {
    const firewood = (await c.admin!.get('/api/aid/items')).json().items.find((i: { code: string }) => i.code === 'firewood');
    expect(firewood.inUse).toBe(true);
    expect((await c.admin!.del(`/api/aid/items/${firewood.id}`)).statusCode).toBe(409);
    const retired = await c.admin!.put(`/api/aid/items/${firewood.id}`, {
      name: firewood.name,
      group: firewood.group,
      variant: '',
      tracksLots: false,
      retired: true,
      version: firewood.version,
    });
    expect(retired.statusCode, retired.body).toBe(200);
    const res = await c.worker!.post(`/api/cases/${kase.caseId}/aid`, {
      lines: [{ itemId: firewood.id, quantity: 1 }],
      reason: 'Дрова',
      delivery: 'home',
      requestedOn: today,
    });
    expect(res.json().error.fields[0].path).toBe('lines.0.itemId');
  });
});
