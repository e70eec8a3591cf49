// The legal terms of a data subject's request under 152-FZ as amended by law 266-FZ of 14.07.2022
// (in force since 01.09.2022), counted from the day the operator received the request:
//
// | kind               | term                          | source                                  | extension           |
// |--------------------|-------------------------------|-----------------------------------------|---------------------|
// | access             | 10 working days               | art. 14 part 3, art. 20 parts 1–2       | +5 working days     |
// | correction         | 7 working days                | art. 20 part 3                          | —                   |
// | deletion           | 7 working days                | art. 20 part 3 (data unlawful/unneeded) | —                   |
// | stop_processing    | 10 working days               | art. 21 part 5.1                        | +5 working days     |
// | consent_withdrawal | 30 calendar days              | art. 21 part 5                          | —                   |
//
// The extension needs a reasoned notice sent to the person before the first term ends (art. 14
// part 3, art. 21 part 5.1), so it is allowed only for those two kinds and only with a reason.
//
// Working days are Monday to Friday except the non-working public holidays of the Labour Code
// (art. 112: 1–8 January, 23 February, 8 March, 1 and 9 May, 12 June, 4 November). The days the
// Government moves each year by decree are not known here: a moved day off may make a term one day
// longer in law than shown — the deadline shown is never later than the legal one for that reason.
export const SUBJECT_REQUEST_KINDS = ['access', 'correction', 'stop_processing', 'consent_withdrawal', 'deletion'] as const;
export type SubjectRequestKind = (typeof SUBJECT_REQUEST_KINDS)[number];

export const REQUEST_TERMS = {
  access: { days: 10, working: true, extension: 5 },
  correction: { days: 7, working: true, extension: 0 },
  deletion: { days: 7, working: true, extension: 0 },
  stop_processing: { days: 10, working: true, extension: 5 },
  consent_withdrawal: { days: 30, working: false, extension: 0 },
} as const satisfies Record<SubjectRequestKind, { days: number; working: boolean; extension: number }>;

const HOLIDAYS = new Set([
  '01-01',
  '01-02',
  '01-03',
  '01-04',
  '01-05',
  '01-06',
  '01-07',
  '01-08',
  '02-23',
  '03-08',
  '05-01',
  '05-09',
  '06-12',
  '11-04',
]);

const parse = (iso: string) => new Date(`${iso}T00:00:00Z`);
const format = (date: Date) => date.toISOString().slice(0, 10);

export function isWorkingDay(iso: string): boolean {
  const day = parse(iso).getUTCDay();
  return day !== 0 && day !== 6 && !HOLIDAYS.has(iso.slice(5));
}

/** The day `days` working days after `from` (the day of receipt itself is not counted). */
export function addWorkingDays(from: string, days: number): string {
  const date = parse(from);
  let left = days;
  while (left > 0) {
    date.setUTCDate(date.getUTCDate() + 1);
    if (isWorkingDay(format(date))) left -= 1;
  }
  return format(date);
}

export function addCalendarDays(from: string, days: number): string {
  const date = parse(from);
  date.setUTCDate(date.getUTCDate() + days);
  return format(date);
}

/** The legal deadline of a request received on `receivedOn`. */
export function requestDeadline(kind: SubjectRequestKind, receivedOn: string): string {
  const term = REQUEST_TERMS[kind];
  return term.working ? addWorkingDays(receivedOn, term.days) : addCalendarDays(receivedOn, term.days);
}

/** The extended deadline, or null when the kind cannot be extended. */
export function extendedDeadline(kind: SubjectRequestKind, dueOn: string): string | null {
  const term = REQUEST_TERMS[kind];
  return term.extension > 0 ? addWorkingDays(dueOn, term.extension) : null;
}

export type Urgency = 'overdue' | 'due_soon' | 'later' | 'done';

/** Overdue after its day; due soon within 3 days; a closed request is done. */
export function requestUrgency(status: string, effectiveDueOn: string, today: string): Urgency {
  if (status === 'answered' || status === 'refused' || status === 'closed') return 'done';
  if (effectiveDueOn < today) return 'overdue';
  return addCalendarDays(today, 3) >= effectiveDueOn ? 'due_soon' : 'later';
}
