// Material and humanitarian aid: the aid catalogue (goods, works in kind, purchases delivered to a
// family), warehouses per branch with an append-only stock ledger, requests for a case approved by
// the coordinator and handed out or delivered, hand-out norms per programme, and the donors' view.
import { z } from 'zod';
import { isoDate, optionalText, text, uuid, version } from '../validation.js';
import { Localized } from '../assessments/template.js';

/** Goods are stocked; works (stove repair…) are counted per job; purchases (livestock…) per item with a cost. */
export const AID_KINDS = ['goods', 'work', 'purchase'] as const;
export const AidKind = z.enum(AID_KINDS);
export type AidKind = z.infer<typeof AidKind>;

export const AID_UNITS = ['piece', 'pack', 'kg', 'litre', 'm3', 'set', 'job'] as const;
export const AidUnit = z.enum(AID_UNITS);
export type AidUnit = z.infer<typeof AidUnit>;

/** Units counted in whole numbers; the others take up to three decimals (kg, litres, m³). */
export const WHOLE_UNITS: readonly AidUnit[] = ['piece', 'pack', 'set', 'job'];

/** Report groups for the funders' figures ("13 stoves repaired, firewood to 23 families"). */
export const AID_GROUPS = [
  'hygiene',
  'baby_food',
  'food',
  'clothes',
  'baby_goods',
  'fuel',
  'medicine',
  'household',
  'repair',
  'agriculture',
  'livestock',
  'furniture',
  'transport',
  'other',
] as const;
export const AidGroup = z.enum(AID_GROUPS);

const code = z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, { message: 'i18n:invalid_code' });

/** A positive quantity; whether it may have decimals depends on the item's unit (checked by `checkQuantity`). */
export const Quantity = z
  .number({ message: 'i18n:invalid_quantity' })
  .positive({ message: 'i18n:quantity_positive' })
  .max(1_000_000, { message: 'i18n:too_big' });
export const Money = z.number().min(0).max(100_000_000);

export const AidItemInput = z.strictObject({
  code,
  name: Localized,
  kind: AidKind,
  unit: AidUnit,
  group: AidGroup,
  /** Size or variant (nappies size 3, clothes 2–3 years); empty when none. */
  variant: optionalText(100),
  /** Food, formula, medicines: received in lots with an expiry date. */
  tracksLots: z.boolean().default(false),
});
export type AidItemInput = z.infer<typeof AidItemInput>;
export const AidItemUpdateInput = AidItemInput.omit({ code: true, kind: true, unit: true }).extend({ retired: z.boolean(), version });
export const AidItemView = z.object({
  id: uuid,
  code: z.string(),
  name: Localized,
  kind: AidKind,
  unit: AidUnit,
  group: AidGroup,
  variant: z.string(),
  tracksLots: z.boolean(),
  retired: z.boolean(),
  inUse: z.boolean(),
  version: z.number(),
});
export type AidItemView = z.infer<typeof AidItemView>;

// ---- Warehouses and the stock ledger ----

export const WarehouseInput = z.strictObject({ branchId: uuid, name: text(200), address: optionalText(500) });
export const WarehouseUpdateInput = WarehouseInput.omit({ branchId: true }).extend({ active: z.boolean(), version });
export const WarehouseView = z.object({
  id: uuid,
  branchId: uuid,
  name: z.string(),
  address: z.string(),
  active: z.boolean(),
  version: z.number(),
});
export type WarehouseView = z.infer<typeof WarehouseView>;

export const MOVEMENT_KINDS = [
  'donation',
  'purchase',
  'issue',
  'transfer_out',
  'transfer_in',
  'write_off',
  'stocktake',
  'correction',
] as const;
export const MovementKind = z.enum(MOVEMENT_KINDS);
export type MovementKind = z.infer<typeof MovementKind>;

const lot = z.string().trim().max(60).default('');

export const ReceiptLine = z.strictObject({
  itemId: uuid,
  quantity: Quantity,
  lot,
  expiresOn: isoDate.optional(),
  /** Estimated value (donation) or cost (purchase) of the whole line, in roubles. */
  value: Money.default(0),
});
export const ReceiptInput = z.strictObject({
  kind: z.enum(['donation', 'purchase']),
  receivedOn: isoDate,
  donorKind: z.enum(['person', 'company']).optional(),
  /** Donor (donation) or supplier (purchase). */
  counterparty: text(300),
  /** The grant or project the goods are earmarked for / the purchase is charged to. */
  programmeId: uuid.optional(),
  note: optionalText(2000),
  lines: z.array(ReceiptLine).min(1).max(100),
});
export type ReceiptInput = z.infer<typeof ReceiptInput>;

const StockLine = z.strictObject({ itemId: uuid, quantity: Quantity, lot: lot.optional() });
export const TransferInput = z.strictObject({ toWarehouseId: uuid, occurredOn: isoDate, lines: z.array(StockLine).min(1).max(100) });
export const WRITE_OFF_REASONS = ['expired', 'damaged', 'lost', 'other'] as const;
export const WriteOffInput = z.strictObject({
  occurredOn: isoDate,
  reason: z.enum(WRITE_OFF_REASONS),
  note: optionalText(1000),
  lines: z.array(StockLine).min(1).max(100),
});
export const StocktakeInput = z.strictObject({
  occurredOn: isoDate,
  counts: z
    .array(z.strictObject({ itemId: uuid, lot, counted: z.number().min(0).max(1_000_000) }))
    .min(1)
    .max(1000),
});
export const CorrectionInput = z.strictObject({ movementId: uuid, reason: text(1000) });
export const MinimumInput = z.strictObject({ itemId: uuid, minimum: z.number().min(0).max(1_000_000) });

export const StockRow = z.object({
  itemId: uuid,
  lot: z.string(),
  expiresOn: isoDate.nullable(),
  quantity: z.number(),
});
export const StockItem = z.object({
  itemId: uuid,
  quantity: z.number(),
  minimum: z.number(),
  belowMinimum: z.boolean(),
  /** Lots with stock, first-expiring first. */
  lots: z.array(StockRow),
  expiringSoon: z.boolean(),
});
export const StockView = z.object({ warehouse: WarehouseView, items: z.array(StockItem) });
export type StockView = z.infer<typeof StockView>;

export const MovementView = z.object({
  id: uuid,
  kind: MovementKind,
  itemId: uuid,
  lot: z.string(),
  quantity: z.number(),
  value: z.number(),
  occurredOn: isoDate,
  documentId: uuid.nullable(),
  correctsId: uuid.nullable(),
  createdAt: z.string(),
});
export const MovementList = z.object({ items: z.array(MovementView), total: z.number() });

export const ReceiptView = z.object({
  id: uuid,
  warehouseId: uuid,
  kind: z.enum(['donation', 'purchase']),
  receivedOn: isoDate,
  movements: z.number(),
});

// ---- Requests for a case, approval, hand-out ----

export const DELIVERY_MODES = ['warehouse', 'centre', 'home'] as const;
export const DeliveryMode = z.enum(DELIVERY_MODES);
export const AID_REQUEST_STATUSES = ['requested', 'approved', 'declined', 'handed_out', 'cancelled'] as const;
export const AidRequestStatus = z.enum(AID_REQUEST_STATUSES);
export type AidRequestStatus = z.infer<typeof AidRequestStatus>;

export const AidRequestInput = z.strictObject({
  lines: z
    .array(z.strictObject({ itemId: uuid, quantity: Quantity }))
    .min(1)
    .max(30),
  reason: text(2000),
  planTaskId: uuid.optional(),
  delivery: DeliveryMode,
  requestedOn: isoDate,
});
export type AidRequestInput = z.infer<typeof AidRequestInput>;

export const AidDecisionInput = z.strictObject({
  decision: z.enum(['approve', 'decline']),
  /** Approved quantities where the coordinator changed them (by line id); 0 removes a line. */
  quantities: z
    .array(z.strictObject({ lineId: uuid, quantity: z.number().min(0).max(1_000_000) }))
    .max(30)
    .default([]),
  /** The reason the worker sees: required to decline, and to approve anything above the norm. */
  note: optionalText(2000),
  decidedOn: isoDate,
  /** Who delivers a home delivery (a volunteer then sees it among their deliveries until it is done). */
  delivererId: uuid.optional(),
  version,
});

export const HandoutInput = z.strictObject({
  handedOn: isoDate,
  /** Required for goods: the warehouse of the case's branch they leave from. */
  warehouseId: uuid.optional(),
  /** Works done at home: the contractor or team, and the cost. */
  contractor: optionalText(300),
  cost: Money.optional(),
  /** A lot chosen by the storekeeper instead of first-expiring-first-out, per line. */
  lots: z
    .array(z.strictObject({ lineId: uuid, lot: z.string().trim().max(60) }))
    .max(30)
    .default([]),
  version,
});

export const AidLineView = z.object({
  id: uuid,
  itemId: uuid,
  requested: z.number(),
  approved: z.number().nullable(),
  /** Above the programme's norm when requested (the coordinator must give a reason to approve). */
  aboveNorm: z.boolean(),
});
export const AidRequestView = z.object({
  id: uuid,
  caseId: uuid,
  branchId: uuid,
  /** First name only: the warehouse staff and deliverers need no more. */
  familyFirstName: z.string(),
  status: AidRequestStatus,
  delivery: DeliveryMode,
  requestedOn: isoDate,
  requestedBy: z.string(),
  /** Case content: only for those who reach the case. */
  reason: z.string().optional(),
  planTaskId: uuid.nullable().optional(),
  decisionNote: z.string().optional(),
  decidedOn: isoDate.nullable(),
  /** Only where the home is the place of delivery, and only for those who must deliver or reach the case. */
  address: z.string().optional(),
  delivererId: uuid.nullable(),
  handedOn: isoDate.nullable(),
  handoutId: uuid.nullable(),
  actSignedOn: isoDate.nullable(),
  lines: z.array(AidLineView),
  version: z.number(),
});
export type AidRequestView = z.infer<typeof AidRequestView>;

export const AidQueueQuery = z.object({
  view: z.enum(['to_approve', 'to_hand_out', 'my_deliveries', 'all']).default('all'),
  status: AidRequestStatus.optional(),
});

export const ActSignedInput = z.strictObject({ signedOn: isoDate, version });

// ---- Norms ----

export const NORM_BASES = ['family', 'child_under_2', 'child', 'person'] as const;
export const NormInput = z.strictObject({
  programmeId: uuid,
  itemId: uuid,
  quantity: Quantity,
  /** Per family, per child under two, per child, or per person of the family. */
  per: z.enum(NORM_BASES),
  /** Per calendar month. */
  period: z.enum(['month']).default('month'),
});
export const NormView = NormInput.extend({ id: uuid });

// ---- Donors' report ----

export const AidReportQuery = z.object({
  from: isoDate,
  to: isoDate,
  programmeId: uuid.optional(),
  warehouseId: uuid.optional(),
});
const PeopleCount = z.union([z.number(), z.string()]);
export const AidReport = z.object({
  from: isoDate,
  to: isoDate,
  received: z.array(
    z.object({ counterparty: z.string(), kind: z.enum(['donation', 'purchase']), itemId: uuid, quantity: z.number(), value: z.number() }),
  ),
  /**
   * Counts of families and people, or "<5" where the count is a small cell this reader may not see
   * exactly (she cannot open the cases behind it), as the funder exports show it (server/aid/report.ts).
   */
  handedOut: z.array(z.object({ itemId: uuid, quantity: z.number(), value: z.number(), families: PeopleCount, people: PeopleCount })),
  families: PeopleCount,
  people: PeopleCount,
  movements: z.array(
    z.object({
      warehouseId: uuid,
      itemId: uuid,
      opening: z.number(),
      receipts: z.number(),
      issues: z.number(),
      transfers: z.number(),
      writeOffs: z.number(),
      adjustments: z.number(),
      closing: z.number(),
    }),
  ),
});
export type AidReport = z.infer<typeof AidReport>;
