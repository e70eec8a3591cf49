// API contracts of field work (issue 19, points 2–5): visits planned for the coming days, the offline
// pack a device keeps for them (only what the visits need), the queue items it sends back once each,
// and the devices holding a grant. Shared by the server and the offline pages.
import { z } from 'zod';
import { isoDate, optionalText, uuid } from '../validation.js';

export const FIELD_VISIT_KINDS = ['post_support', 'home_visit', 'aid_delivery'] as const;
export const FieldVisitKind = z.enum(FIELD_VISIT_KINDS);
export type FieldVisitKind = z.infer<typeof FieldVisitKind>;

export const FieldVisitInput = z
  .strictObject({
    caseId: uuid,
    plannedOn: isoDate,
    kind: FieldVisitKind,
    aidRequestId: uuid.nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'aid_delivery' && !v.aidRequestId) ctx.addIssue({ code: 'custom', path: ['aidRequestId'], message: 'i18n:required' });
    if (v.kind !== 'aid_delivery' && v.aidRequestId)
      ctx.addIssue({ code: 'custom', path: ['aidRequestId'], message: 'i18n:invalid_option' });
  });
export type FieldVisitInput = z.infer<typeof FieldVisitInput>;

export const FieldVisitView = z.object({
  id: uuid,
  caseId: uuid,
  familyName: z.string(),
  plannedOn: z.string(),
  kind: FieldVisitKind,
  aidRequestId: uuid.nullable(),
  status: z.enum(['planned', 'done', 'cancelled']),
});
export type FieldVisitView = z.infer<typeof FieldVisitView>;

/** What a worker may plan: post-support visits due, home deliveries of aid, their own open cases. */
export const FieldPlan = z.object({
  planned: z.array(FieldVisitView),
  postSupportDue: z.array(z.object({ caseId: uuid, familyName: z.string(), dueOn: z.string(), overdue: z.boolean() })),
  deliveries: z.array(z.object({ requestId: uuid, caseId: uuid, familyName: z.string(), status: z.string() })),
  cases: z.array(z.object({ caseId: uuid, familyName: z.string(), status: z.string() })),
});
export type FieldPlan = z.infer<typeof FieldPlan>;

export const DeviceInput = z.strictObject({ label: optionalText(100) });
export const DeviceGrant = z.object({ deviceId: uuid, wipeAfterDays: z.number().int() });
export type DeviceGrant = z.infer<typeof DeviceGrant>;

export const DeviceView = z.object({
  id: uuid,
  userId: uuid,
  userName: z.string(),
  label: z.string(),
  createdAt: z.string(),
  lastPackAt: z.string().nullable(),
  lastSyncAt: z.string().nullable(),
  lockedAt: z.string().nullable(),
});
export const DeviceList = z.object({ items: z.array(DeviceView) });

export const FieldSettings = z.strictObject({ offlineWipeDays: z.number().int().min(1).max(90) });
export type FieldSettings = z.infer<typeof FieldSettings>;

export const DeviceQuery = z.strictObject({ deviceId: uuid });

/**
 * The offline pack: for each of the worker's own planned visits, only what the visit needs — first
 * names, children's ages (not birth dates), address, phone, open plan tasks, the last home visit's
 * note (never a psychologist's), the aid to deliver. No surnames, documents, sensitive sections.
 */
export const PackVisit = z.object({
  visitId: uuid,
  plannedOn: z.string(),
  kind: FieldVisitKind,
  caseId: uuid,
  family: z.object({
    members: z.array(z.object({ id: uuid, firstName: z.string(), relation: z.string(), age: z.number().nullable() })),
    address: z.string(),
    phone: z.string(),
  }),
  openTasks: z.array(z.object({ id: uuid, title: z.string(), dueOn: z.string() })),
  lastVisit: z.object({ on: z.string(), note: z.string() }).nullable(),
  aid: z.array(
    z.object({
      requestId: uuid,
      status: z.string(),
      items: z.array(z.object({ name: z.string(), quantity: z.number(), unit: z.string() })),
    }),
  ),
});
export type PackVisit = z.infer<typeof PackVisit>;

export const OfflinePack = z.object({
  deviceId: uuid,
  userId: uuid,
  generatedAt: z.string(),
  wipeAfterDays: z.number().int(),
  serviceTypes: z.array(z.object({ id: uuid, name: z.string(), category: z.string() })),
  visits: z.array(PackVisit),
});
export type OfflinePack = z.infer<typeof OfflinePack>;

/** A visit recorded offline: it becomes a home-visit service of the worker (the services' own rules apply). */
export const OfflineVisit = z.strictObject({
  caseId: uuid,
  /** The planned visit it was made for, if any (marked done). */
  visitId: uuid.nullable().default(null),
  typeId: uuid,
  date: isoDate,
  durationMinutes: z.number().int(),
  /** Who was seen. */
  memberIds: z.array(uuid).max(30).default([]),
  note: optionalText(5000),
  /** Plan tasks done at the visit. */
  taskIds: z.array(uuid).max(10).default([]),
  /** A next visit to plan. */
  followUpOn: isoDate.nullable().default(null),
});
export type OfflineVisit = z.infer<typeof OfflineVisit>;

/** Aid handed over at the family's home. */
export const OfflineAidDelivery = z.strictObject({
  caseId: uuid,
  requestId: uuid,
  deliveredOn: isoDate,
  visitId: uuid.nullable().default(null),
});
export type OfflineAidDelivery = z.infer<typeof OfflineAidDelivery>;

const itemKey = z.string().regex(/^[A-Za-z0-9_-]{8,100}$/, { message: 'i18n:invalid_format' });

export const SyncItem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('visit'), key: itemKey, deviceId: uuid, payload: OfflineVisit }),
  z.strictObject({ kind: z.literal('aid_delivery'), key: itemKey, deviceId: uuid, payload: OfflineAidDelivery }),
]);
export type SyncItem = z.infer<typeof SyncItem>;

/** Why the server refused a queue item: the worker sees it and discards or re-attaches the item. */
export const REFUSAL_REASONS = ['not_in_case', 'case_closed', 'task_done', 'aid_not_open', 'aid_delivered'] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const SyncResult = z.object({
  key: z.string(),
  outcome: z.enum(['accepted', 'refused']),
  reason: z.enum(REFUSAL_REASONS).nullable(),
  recordId: uuid.nullable(),
  syncedAt: z.string(),
});
export type SyncResult = z.infer<typeof SyncResult>;
