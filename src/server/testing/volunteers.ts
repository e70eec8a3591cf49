// Factories of the volunteers tests: a volunteer taken through the path (applicant → screened →
// active, with a certificate issued on a given day), a shift, and a public-form submission.
import { expect } from 'vitest';
import type { TestApp, Client } from './harness.js';

export const daysFromNow = (days: number, hour = 10): string => {
  const d = new Date(Date.now() + days * 86_400_000);
  d.setUTCHours(hour, 0, 0, 0);
  return d.toISOString();
};
export const isoDay = (days: number): string => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

export interface BuildVolunteer {
  branchId: string;
  lastName?: string;
  firstName?: string;
  /** How far along the path (default: active). */
  status?: 'applicant' | 'screened' | 'active';
  /** The certificate's issue day (days ago, moved with appliedDaysAgo; default 30 days ago); null: none. */
  certificateDaysAgo?: number | null;
  /** The day of the application, days ago (default 60); every later step keeps its distance from it. */
  appliedDaysAgo?: number;
}

/** A volunteer entered by staff and taken along the path; returns its id and version. */
export async function buildVolunteer(coord: Client, opts: BuildVolunteer): Promise<{ id: string; version: number }> {
  const shift = (opts.appliedDaysAgo ?? 60) - 60;
  const onDay = (days: number) => isoDay(days - shift);
  const created = await coord.post('/api/volunteers', {
    lastName: opts.lastName ?? 'Смирнова',
    firstName: opts.firstName ?? 'Алина',
    middleName: 'Игоревна',
    phone: '+7 900 555-44-33',
    email: 'alina@example.test',
    branchId: opts.branchId,
    skills: 'Педагог',
    appliedOn: onDay(-60),
  });
  expect(created.statusCode, created.body).toBe(201);
  let v = created.json();
  const status = opts.status ?? 'active';
  if (status === 'applicant') return { id: v.id, version: v.version };
  const certificate = opts.certificateDaysAgo === undefined ? 30 : opts.certificateDaysAgo;
  const screening = await coord.put(`/api/volunteers/${v.id}/screening`, {
    interviewOn: onDay(-50),
    interviewNotes: 'Спокойная, опыт с детьми',
    certificateIssuedOn: certificate === null ? null : onDay(-certificate),
    inductionOn: onDay(-45),
    agreementOn: onDay(-44),
    version: v.version,
  });
  expect(screening.statusCode, screening.body).toBe(200);
  v = screening.json();
  const screened = await coord.post(`/api/volunteers/${v.id}/status`, { status: 'screened', changedOn: onDay(-50), version: v.version });
  expect(screened.statusCode, screened.body).toBe(200);
  v = screened.json();
  if (status === 'screened') return { id: v.id, version: v.version };
  const active = await coord.post(`/api/volunteers/${v.id}/status`, { status: 'active', changedOn: onDay(-44), version: v.version });
  expect(active.statusCode, active.body).toBe(200);
  v = active.json();
  return { id: v.id, version: v.version };
}

/** A shift (task) in `days` days of `hours` hours. */
export async function buildTask(coord: Client, input: Record<string, unknown> & { branchId: string }, days = 3, hours = 3) {
  const res = await coord.post('/api/volunteers/tasks', {
    kind: 'child_care',
    title: 'Присмотр за малышами во время занятий мам',
    places: 2,
    startsAt: daysFromNow(days, 9),
    endsAt: daysFromNow(days, 9 + hours),
    ...input,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number; childRelated: boolean; startsAt: string };
}

/** The public form of the organisation, as the browser opens it. */
export async function openForm(t: TestApp, slug: string, ip = '203.0.113.7') {
  const res = await t.app.inject({ method: 'GET', url: `/api/public/volunteer-form/${slug}`, remoteAddress: ip });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { formToken: string; branches: { id: string; city: string }[]; consentText: string; organization: string };
}

export function application(branchId: string, formToken: string, extra: Record<string, unknown> = {}) {
  return {
    lastName: 'Кузнецова',
    firstName: 'Мария',
    middleName: 'Петровна',
    phone: '+7 913 222-11-00',
    email: 'maria@example.test',
    branchId,
    skills: 'Вожу машину, люблю детей',
    availability: 'Выходные',
    heardFrom: 'ВКонтакте',
    consent: true,
    website: '',
    formToken,
    ...extra,
  };
}

export const submit = (t: TestApp, slug: string, body: unknown, ip = '203.0.113.7') =>
  t.app.inject({ method: 'POST', url: `/api/public/volunteer-form/${slug}`, payload: body as Record<string, unknown>, remoteAddress: ip });
