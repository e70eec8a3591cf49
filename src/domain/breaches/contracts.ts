// The breach register (issue 17, point 5; 152-FZ art. 21 p. 3.1): an incident with its discovery
// time (typed in after the fact), what data and how many people, what was done, and the two notices
// to the regulator — within 24 hours of discovery (the incident) and within 72 hours (the results of
// the internal investigation) — with the days they were sent.
import { z } from 'zod';
import { optionalText, text, uuid, version } from '../validation.js';

export const DATA_CATEGORIES = [
  'identity',
  'contacts',
  'address',
  'documents',
  'family',
  'health',
  'mental_health',
  'addiction',
  'criminal_record',
  'violence',
  'children',
  'financial',
  'other',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const NOTICE_HOURS = { notice24h: 24, notice72h: 72 } as const;

/** The deadlines of a breach discovered at `discoveredAt` (ISO): 24 and 72 hours on. */
export function noticeDeadlines(discoveredAt: string): { deadline24h: string; deadline72h: string } {
  const at = new Date(discoveredAt).getTime();
  return { deadline24h: new Date(at + 24 * 3_600_000).toISOString(), deadline72h: new Date(at + 72 * 3_600_000).toISOString() };
}

const instant = z.iso.datetime({ offset: true });

const fields = {
  discoveredAt: instant,
  title: text(300),
  description: optionalText(10000),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)).max(DATA_CATEGORIES.length).default([]),
  peopleAffected: z.number().int().min(0).max(10_000_000).nullable().default(null),
  measures: optionalText(10000),
  responsibleId: uuid,
  notice24hOn: instant.nullable().default(null),
  notice72hOn: instant.nullable().default(null),
  closedAt: instant.nullable().default(null),
};

export const BreachInput = z.object(fields).strict();
export type BreachInput = z.infer<typeof BreachInput>;
export const BreachUpdate = z.object({ ...fields, version }).strict();
export type BreachUpdate = z.infer<typeof BreachUpdate>;

export const BreachView = z.object({
  id: z.string(),
  discoveredAt: z.string(),
  title: z.string(),
  description: z.string(),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)),
  peopleAffected: z.number().nullable(),
  measures: z.string(),
  responsibleId: z.string(),
  responsibleName: z.string(),
  notice24hOn: z.string().nullable(),
  notice72hOn: z.string().nullable(),
  closedAt: z.string().nullable(),
  deadline24h: z.string(),
  deadline72h: z.string(),
  version: z.number(),
});
export type BreachView = z.infer<typeof BreachView>;
export const BreachList = z.object({ items: z.array(BreachView) });

/** A notice still owed by the responsible person: shown on their My work before and after its deadline. */
export const BreachReminder = z.object({
  id: z.string(),
  title: z.string(),
  notice: z.enum(['notice24h', 'notice72h']),
  deadline: z.string(),
  overdue: z.boolean(),
});
export const BreachReminders = z.object({ items: z.array(BreachReminder) });
