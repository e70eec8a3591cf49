// The volunteers area through the real HTTP app, on both engines: the public form (consent kept,
// bots, floods and oversize refused with nothing written), screening and the status path, the account
// made and ended, teams, tasks and the rules (work with children only with a certificate valid on the
// shift's day, a shift ending before it starts, hours beyond the shift, over the places — each naming
// the field with nothing written; two volunteers taking the last place at once), hours and the letter,
// the coordinator's reminders, and the audit keeping no values.
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SHIPPED_INDICATORS } from '../../domain/indicators/shipped.js';
import { system } from '../db/gateway.js';
import { buildOrganization, buildTestApp, buildUser, login, type Client, type TestApp, type TestOrganization } from '../testing/harness.js';
import { samplePdf } from '../testing/files.js';
import { application, buildTask, buildVolunteer, daysFromNow, isoDay, openForm, submit } from '../testing/volunteers.js';
import { PUBLIC_FORM_LIMITS, resetPublicFormThrottle } from './public-form.js';

let t: TestApp;
let org: TestOrganization;
let coord: Client;
let admin: Client;
let slug: string;

const count = async (table: string) =>
  system(t.engine, async (tx) =>
    Number((await tx.execute<{ n: number }>(sql`select count(*)::int as n from ${sql.raw(table)}`)).rows[0]!.n),
  );

beforeAll(async () => {
  t = await buildTestApp();
  org = await buildOrganization(t);
  coord = await login(t, (await buildUser(t, org, ['coordinator'], org.branchIds)).email);
  admin = await login(t, org.adminEmail);
  slug = (await coord.get('/api/volunteers/settings')).json().formSlug;
}, 120_000);
afterAll(() => t.close());
beforeEach(() => resetPublicFormThrottle(t.engine));

describe('the public application form', () => {
  it('takes an application with the consent as shown and its date; it waits for the coordinator', async () => {
    const form = await openForm(t, slug);
    expect(form.branches.map((b) => b.city).sort()).toEqual(['Москва', 'Псков']);
    expect(form.consentText).toContain('152-ФЗ');
    t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
    const res = await submit(t, slug, application(org.branchIds[0]!, form.formToken));
    expect(res.statusCode, res.body).toBe(201);
    const list = (await coord.get('/api/volunteers?status=applicant')).json().items;
    const mine = list.find((v: { name: string }) => v.name === 'Кузнецова Мария Петровна');
    expect(mine).toMatchObject({ source: 'public_form', status: 'applicant' });
    const card = (await coord.get(`/api/volunteers/${mine.id}`)).json();
    expect(card.consentText).toBe(form.consentText);
    expect(card.consentOn).toBe(new Date(Date.now() + 0).toISOString().slice(0, 10) <= card.consentOn ? card.consentOn : 'x');
    expect(card.skills).toBe('Вожу машину, люблю детей');
    // Nobody without the permission reads it.
    const worker = await login(t, (await buildUser(t, org, ['case_worker'])).email);
    expect((await worker.get(`/api/volunteers/${mine.id}`)).statusCode).toBe(403);
    expect((await worker.get('/api/volunteers')).statusCode).toBe(403);
    // An unknown form address is not found.
    expect((await t.app.inject({ method: 'GET', url: '/api/public/volunteer-form/no-such-form' })).statusCode).toBe(404);
  });

  it('refuses what it does not ask for, oversize text, a missing consent, and a too-quick or forged form; nothing written', async () => {
    const before = await count('volunteers');
    const form = await openForm(t, slug);
    const b = org.branchIds[0]!;
    // Sent at once: faster than a person types.
    const quick = await submit(t, slug, application(b, form.formToken));
    expect(quick.statusCode).toBe(400);
    expect(quick.json().error.fields[0].path).toBe('formToken');
    t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
    await resetPublicFormThrottle(t.engine);
    const cases: [Record<string, unknown>, string][] = [
      [{ status: 'active' }, 'status'],
      [{ skills: 'я'.repeat(2001) }, 'skills'],
      [{ lastName: 'x'.repeat(100_000) }, 'lastName'],
      [{ consent: false }, 'consent'],
      [{ formToken: `${Date.now() - 60_000}.forged-signature` }, 'formToken'],
      [{ branchId: '00000000-0000-4000-8000-000000000000' }, 'branchId'],
    ];
    for (const [extra, path] of cases) {
      await resetPublicFormThrottle(t.engine);
      const res = await submit(t, slug, application(b, form.formToken, extra));
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
    }
    // Over a megabyte: refused before it is read.
    const huge = await submit(t, slug, application(b, form.formToken, { skills: 'я'.repeat(1_100_000) }));
    expect(huge.statusCode).toBeGreaterThanOrEqual(400);
    expect(huge.statusCode).toBeLessThan(500);
    // A bot fills the honeypot: thanked, nothing written.
    const bot = await submit(t, slug, application(b, form.formToken, { website: 'http://spam.example' }));
    expect(bot.statusCode).toBe(201);
    expect(await count('volunteers')).toBe(before);
  });

  it('refuses a flood from one address with 429 and keeps serving others', async () => {
    const form = await openForm(t, slug, '198.51.100.1');
    t.clock.advance(PUBLIC_FORM_LIMITS.minFillMs + 1000);
    const before = await count('volunteers');
    const answers: number[] = [];
    for (let i = 0; i < 30; i++)
      answers.push(
        (await submit(t, slug, application(org.branchIds[0]!, form.formToken, { lastName: `Флуд${i}` }), '198.51.100.1')).statusCode,
      );
    expect(answers.filter((s) => s === 201)).toHaveLength(PUBLIC_FORM_LIMITS.perAddress);
    expect(answers.filter((s) => s === 429)).toHaveLength(30 - PUBLIC_FORM_LIMITS.perAddress);
    expect(await count('volunteers')).toBe(before + PUBLIC_FORM_LIMITS.perAddress);
    // Another address and the staff are served as usual.
    const other = await submit(t, slug, application(org.branchIds[0]!, form.formToken, { lastName: 'Другая' }), '198.51.100.2');
    expect(other.statusCode).toBe(201);
    expect((await coord.get('/api/volunteers')).statusCode).toBe(200);
  });

  it('a closed form is not found; the address is the organisation’s to choose, unique across organisations', async () => {
    const settings = (await coord.get('/api/volunteers/settings')).json();
    const closed = await coord.put('/api/volunteers/settings', { ...settings, formOpen: false });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/public/volunteer-form/${slug}` })).statusCode).toBe(404);
    const other = await buildOrganization(t);
    const otherCoord = await login(t, (await buildUser(t, other, ['coordinator'], other.branchIds)).email);
    const theirs = (await otherCoord.get('/api/volunteers/settings')).json();
    const clash = await otherCoord.put('/api/volunteers/settings', { ...theirs, formSlug: slug });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.fields[0].path).toBe('formSlug');
    const reopened = await coord.put('/api/volunteers/settings', {
      ...(closed.json() as Record<string, unknown>),
      formOpen: true,
      formSlug: 'teplyi-dom',
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    slug = 'teplyi-dom';
    expect((await t.app.inject({ method: 'GET', url: '/api/public/volunteer-form/teplyi-dom' })).statusCode).toBe(200);
  });
});

describe('screening, the path and the account', () => {
  it('moves applicant → screened → active only with what each step needs, with dates as they happened', async () => {
    const created = (
      await coord.post('/api/volunteers', {
        lastName: 'Орлова',
        firstName: 'Вера',
        phone: '+7 900 1',
        branchId: org.branchIds[0],
        appliedOn: isoDay(-20),
      })
    ).json();
    const early = await coord.post(`/api/volunteers/${created.id}/status`, {
      status: 'screened',
      changedOn: isoDay(-10),
      version: created.version,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields[0].path).toBe('interviewOn');
    const future = await coord.put(`/api/volunteers/${created.id}/screening`, {
      interviewOn: isoDay(2),
      certificateIssuedOn: null,
      inductionOn: isoDay(-30),
      agreementOn: null,
      version: created.version,
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['interviewOn', 'inductionOn']);
    const screening = await coord.put(`/api/volunteers/${created.id}/screening`, {
      interviewOn: isoDay(-15),
      interviewNotes: 'Заметка',
      certificateIssuedOn: '2025-03-10',
      inductionOn: null,
      agreementOn: null,
      version: created.version,
    });
    expect(screening.statusCode, screening.body).toBe(200);
    // Valid for the organisation's 12 months: to the day before the anniversary.
    expect(screening.json().certificateValidUntil).toBe('2026-03-09');
    let v = screening.json();
    const screened = await coord.post(`/api/volunteers/${v.id}/status`, { status: 'screened', changedOn: isoDay(-15), version: v.version });
    expect(screened.statusCode, screened.body).toBe(200);
    v = screened.json();
    const active = await coord.post(`/api/volunteers/${v.id}/status`, { status: 'active', changedOn: isoDay(-1), version: v.version });
    expect(active.json().error.fields[0].path).toBe('inductionOn');
    const backwards = await coord.post(`/api/volunteers/${v.id}/status`, {
      status: 'left',
      changedOn: isoDay(-16),
      reason: 'Переезд',
      version: v.version,
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields[0].path).toBe('changedOn');
    const noReason = await coord.post(`/api/volunteers/${v.id}/status`, { status: 'left', changedOn: isoDay(-1), version: v.version });
    expect(noReason.json().error.fields[0].path).toBe('reason');
    const stale = await coord.post(`/api/volunteers/${v.id}/status`, { status: 'left', changedOn: isoDay(-1), reason: 'Р', version: 1 });
    expect(stale.statusCode).toBe(409);
    expect(v.history.map((h: { to: string }) => h.to)).toEqual(['applicant', 'screened']);
  });

  it('makes an account for an active volunteer; leaving ends it and withdraws their shifts to come', async () => {
    const v = await buildVolunteer(coord, { branchId: org.branchIds[0]!, lastName: 'Белова' });
    const notYet = await buildVolunteer(coord, { branchId: org.branchIds[0]!, status: 'screened' });
    const refused = await coord.post(`/api/volunteers/${notYet.id}/account`, {
      email: 'x@vol.test',
      password: 'correct horse battery',
      version: notYet.version,
    });
    expect(refused.statusCode).toBe(409);
    const made = await coord.post(`/api/volunteers/${v.id}/account`, {
      email: 'belova@vol.test',
      password: 'correct horse battery',
      version: v.version,
    });
    expect(made.statusCode, made.body).toBe(200);
    expect(made.json().hasAccount).toBe(true);
    const taken = await coord.post(`/api/volunteers/${notYet.id}/account`, {
      email: 'belova@vol.test',
      password: 'correct horse battery',
      version: notYet.version,
    });
    expect(taken.statusCode).toBe(409);
    const me = await login(t, 'belova@vol.test');
    expect(me.me.roles ?? me.me).toBeTruthy();
    const task = await buildTask(coord, { branchId: org.branchIds[0]!, kind: 'repairs', title: 'Покрасить комнату' });
    expect((await me.post(`/api/volunteers/me/tasks/${task.id}/signup`)).statusCode).toBe(200);
    const screen = (await me.get('/api/volunteers/me')).json();
    expect(screen.upcoming.map((u: { title: string }) => u.title)).toEqual(['Покрасить комнату']);
    const left = await coord.post(`/api/volunteers/${v.id}/status`, {
      status: 'left',
      changedOn: isoDay(0),
      reason: 'Переезд',
      version: made.json().version,
    });
    expect(left.statusCode, left.body).toBe(200);
    expect((await me.get('/api/volunteers/me')).statusCode).toBe(401);
    await expect(login(t, 'belova@vol.test')).rejects.toThrow();
    expect((await coord.get(`/api/volunteers/tasks/${task.id}`)).json().taken).toBe(0);
  });
});

describe('the certificate’s scan', () => {
  it('is an attachment of the volunteer: attached by the register’s keepers, read within the branch only', async () => {
    const v = await buildVolunteer(coord, { branchId: org.branchIds[0]!, lastName: 'Сосканом' });
    const url = `/api/files/owners/volunteer_certificate/${v.id}`;
    const body = {
      title: 'Справка об отсутствии судимости',
      documentDate: isoDay(-30),
      fileName: 'справка.pdf',
      contentBase64: samplePdf(1).toString('base64'),
    };
    const attached = await coord.post(url, body);
    expect(attached.statusCode, attached.body).toBe(201);
    expect((await coord.get(url)).json().items).toHaveLength(1);
    const worker = await login(t, (await buildUser(t, org, ['case_worker'])).email);
    expect([403, 404]).toContain((await worker.get(url)).statusCode);
    const coordB = await login(t, (await buildUser(t, org, ['coordinator'], [org.branchIds[1]!])).email);
    expect((await coordB.get(url)).statusCode).toBe(404);
    expect((await coordB.post(url, body)).statusCode).toBe(404);
  });
});

describe('tasks, shifts and their rules', () => {
  it('only an active volunteer with a certificate valid on the shift’s day gets work with children', async () => {
    const b = org.branchIds[0]!;
    const valid = await buildVolunteer(coord, { branchId: b, lastName: 'Годная' });
    const none = await buildVolunteer(coord, { branchId: b, lastName: 'Безсправки', certificateDaysAgo: null });
    // Issued 363 days ago, valid 12 months: until tomorrow (the day before the anniversary), not after.
    const ending = await buildVolunteer(coord, { branchId: b, lastName: 'Истекает', certificateDaysAgo: 363 });
    const applicant = await buildVolunteer(coord, { branchId: b, lastName: 'Заявка', status: 'applicant' });
    const care = await buildTask(coord, { branchId: b, places: 5 }, 3);
    expect(care.childRelated).toBe(true);
    const signups = await count('volunteer_signups');
    for (const [id, key] of [
      [none.id, 'volunteers.errors.certificate'],
      [ending.id, 'volunteers.errors.certificate'],
      [applicant.id, 'volunteers.errors.not_active'],
    ] as const) {
      const res = await coord.post(`/api/volunteers/tasks/${care.id}/assign`, { volunteerId: id });
      expect(res.statusCode, res.body).toBe(409);
      expect(res.json().error.fields[0]).toMatchObject({ path: 'volunteerId', code: key });
    }
    expect(await count('volunteer_signups')).toBe(signups);
    expect((await coord.post(`/api/volunteers/tasks/${care.id}/assign`, { volunteerId: valid.id })).statusCode).toBe(200);
    // Work without children needs no certificate; tomorrow's child care is still covered.
    const repairs = await buildTask(coord, { branchId: b, kind: 'repairs', title: 'Ремонт' }, 3);
    expect((await coord.post(`/api/volunteers/tasks/${repairs.id}/assign`, { volunteerId: none.id })).statusCode).toBe(200);
    const tomorrow = await buildTask(coord, { branchId: b, title: 'Завтра' }, 1);
    expect((await coord.post(`/api/volunteers/tasks/${tomorrow.id}/assign`, { volunteerId: ending.id })).statusCode).toBe(200);
  });

  it('an expired certificate puts child-related shifts after it on hold and tells the coordinator', async () => {
    const b = org.branchIds[0]!;
    const v = await buildVolunteer(coord, { branchId: b, lastName: 'Срочная', certificateDaysAgo: 300 });
    const task = await buildTask(coord, { branchId: b, title: 'Смена через 50 дней' }, 50);
    // Valid on the day of the shift when given: refused (the certificate ends in 65 days… not: 300 days ago + 12 months = day 65).
    const ok = await coord.post(`/api/volunteers/tasks/${task.id}/assign`, { volunteerId: v.id });
    expect(ok.statusCode, ok.body).toBe(200);
    // The certificate is corrected to an older one: it ended before the shift.
    const card = (await coord.get(`/api/volunteers/${v.id}`)).json();
    const older = await coord.put(`/api/volunteers/${v.id}/screening`, {
      interviewOn: card.interviewOn,
      interviewNotes: card.interviewNotes,
      certificateIssuedOn: isoDay(-400),
      inductionOn: card.inductionOn,
      agreementOn: card.agreementOn,
      version: card.version,
    });
    expect(older.statusCode, older.body).toBe(200);
    const board = (await coord.get(`/api/volunteers/tasks/${task.id}`)).json();
    expect(board.signups[0].onHold).toBe(true);
    const reminders = (await coord.get('/api/volunteers/reminders')).json();
    expect(reminders.certificates.find((c: { volunteerId: string }) => c.volunteerId === v.id).daysLeft).toBeLessThan(0);
    expect(reminders.onHold.map((h: { taskId: string }) => h.taskId)).toContain(task.id);
  });

  it('refuses a shift ending before it starts, hours beyond the shift, over the places — naming the field, nothing written', async () => {
    const b = org.branchIds[0]!;
    const tasks = await count('volunteer_tasks');
    const backwards = await coord.post('/api/volunteers/tasks', {
      branchId: b,
      kind: 'transport',
      title: 'Отвезти в поликлинику',
      places: 1,
      startsAt: daysFromNow(2, 12),
      endsAt: daysFromNow(2, 10),
    });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields[0].path).toBe('endsAt');
    expect(await count('volunteer_tasks')).toBe(tasks);
    const [a, c] = [
      await buildVolunteer(coord, { branchId: b, lastName: 'Первая' }),
      await buildVolunteer(coord, { branchId: b, lastName: 'Вторая' }),
    ];
    const one = await buildTask(coord, { branchId: b, places: 1, kind: 'event_help', title: 'Праздник' }, -1, 3);
    expect((await coord.post(`/api/volunteers/tasks/${one.id}/assign`, { volunteerId: a.id })).statusCode).toBe(200);
    const full = await coord.post(`/api/volunteers/tasks/${one.id}/assign`, { volunteerId: c.id });
    expect(full.statusCode).toBe(409);
    expect(full.json().error.fields[0].path).toBe('places');
    const signup = (await coord.get(`/api/volunteers/tasks/${one.id}`)).json().signups[0];
    const over = await coord.post(`/api/volunteers/signups/${signup.id}/outcome`, { outcome: 'completed', hours: 3.5 });
    expect(over.statusCode).toBe(400);
    expect(over.json().error.fields[0].path).toBe('hours');
    const noHours = await coord.post(`/api/volunteers/signups/${signup.id}/outcome`, { outcome: 'completed' });
    expect(noHours.json().error.fields[0].path).toBe('hours');
    expect((await coord.get(`/api/volunteers/tasks/${one.id}`)).json().signups[0].status).toBe('signed_up');
    const done = await coord.post(`/api/volunteers/signups/${signup.id}/outcome`, { outcome: 'completed', hours: 2.5 });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().status).toBe('done');
    // A shift to come cannot be completed yet.
    const later = await buildTask(coord, { branchId: b, kind: 'repairs', title: 'Позже' }, 5);
    await coord.post(`/api/volunteers/tasks/${later.id}/assign`, { volunteerId: c.id });
    const laterSignup = (await coord.get(`/api/volunteers/tasks/${later.id}`)).json().signups[0];
    expect((await coord.post(`/api/volunteers/signups/${laterSignup.id}/outcome`, { outcome: 'no_show' })).statusCode).toBe(409);
  });

  it('two volunteers taking the last place at once: one gets it', async () => {
    const b = org.branchIds[0]!;
    const task = await buildTask(coord, { branchId: b, places: 1, kind: 'aid_delivery', title: 'Доставка продуктового набора' }, 4);
    const clients: Client[] = [];
    for (const name of ['Гонка', 'Спешка']) {
      const v = await buildVolunteer(coord, { branchId: b, lastName: name });
      const email = `${name === 'Гонка' ? 'race' : 'rush'}@vol.test`;
      expect(
        (await coord.post(`/api/volunteers/${v.id}/account`, { email, password: 'correct horse battery', version: v.version })).statusCode,
      ).toBe(200);
      clients.push(await login(t, email));
    }
    const answers = await Promise.all(clients.map((c) => c.post(`/api/volunteers/me/tasks/${task.id}/signup`)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409]);
    expect(answers.find((a) => a.statusCode === 409)!.json().error.fields[0].path).toBe('places');
    const view = (await coord.get(`/api/volunteers/tasks/${task.id}`)).json();
    expect(view.taken).toBe(1);
    expect(view.signups.filter((s: { status: string }) => s.status === 'signed_up')).toHaveLength(1);
  });

  it('weekly tasks make one shift a week; teams have a leader from their branch', async () => {
    const b = org.branchIds[0]!;
    const leader = await buildVolunteer(coord, { branchId: b, lastName: 'Лидер' });
    const team = await coord.post('/api/volunteers/teams', {
      branchId: b,
      name: 'Команда Москвы',
      leaderId: leader.id,
      formedOn: isoDay(-10),
    });
    expect(team.statusCode, team.body).toBe(201);
    const otherBranch = await buildVolunteer(coord, { branchId: org.branchIds[1]!, lastName: 'Псковская' });
    const members = await coord.put(`/api/volunteers/teams/${team.json().id}/members`, {
      volunteerIds: [leader.id, otherBranch.id],
      joinedOn: isoDay(-5),
      version: team.json().version,
    });
    expect(members.statusCode).toBe(400);
    expect(members.json().error.fields[0].path).toBe('volunteerIds.1');
    const weekly = await coord.post('/api/volunteers/tasks', {
      branchId: b,
      teamId: team.json().id,
      kind: 'tutoring',
      title: 'Занятия по чтению',
      places: 3,
      startsAt: daysFromNow(1, 15),
      endsAt: daysFromNow(1, 17),
      weeks: 4,
    });
    expect(weekly.statusCode, weekly.body).toBe(201);
    const board = (await coord.get(`/api/volunteers/tasks?from=${isoDay(0)}&to=${isoDay(30)}&kind=tutoring`)).json().items;
    expect(board.filter((x: { seriesId: string }) => x.seriesId === weekly.json().seriesId)).toHaveLength(4);
    // The board sends what its table shows, nothing more (a busy branch's week is hundreds of rows).
    expect(Object.keys(board[0]).sort()).toEqual(
      ['childRelated', 'endsAt', 'id', 'kind', 'places', 'seriesId', 'startsAt', 'status', 'taken', 'title'].sort(),
    );
  });
});

describe('hours, the letter, the indicators and the audit', () => {
  it('counts the hours per volunteer, team and branch, prints the letter, and the shipped indicators read them', async () => {
    const b = org.branchIds[1]!;
    const coordB = coord;
    const v = await buildVolunteer(coordB, { branchId: b, lastName: 'Часова' });
    const team = (await coordB.post('/api/volunteers/teams', { branchId: b, name: 'Псков', leaderId: v.id, formedOn: isoDay(-10) })).json();
    for (const [days, hours] of [
      [-3, 2],
      [-2, 1.5],
    ] as const) {
      const task = await buildTask(coordB, { branchId: b, teamId: team.id, kind: 'event_help', title: 'Ярмарка' }, days, 3);
      await coordB.post(`/api/volunteers/tasks/${task.id}/assign`, { volunteerId: v.id });
      const signup = (await coordB.get(`/api/volunteers/tasks/${task.id}`)).json().signups[0];
      expect((await coordB.post(`/api/volunteers/signups/${signup.id}/outcome`, { outcome: 'completed', hours })).statusCode).toBe(200);
    }
    const q = `from=${isoDay(-7)}&to=${isoDay(0)}&branchId=${b}`;
    const probe = await coordB.get(`/api/volunteers/hours?${q}&by=volunteer`);
    expect(probe.statusCode, probe.body).toBe(200);
    expect((await coordB.get(`/api/volunteers/hours?${q}&by=volunteer`)).json().rows).toEqual([
      { id: v.id, name: 'Часова Алина Игоревна', hours: 3.5, shifts: 2 },
    ]);
    expect((await coordB.get(`/api/volunteers/hours?${q}&by=team`)).json().rows[0]).toMatchObject({ name: 'Псков', hours: 3.5 });
    expect((await coordB.get(`/api/volunteers/hours?${q}&by=branch`)).json().total).toBe(3.5);
    const pdf = await coordB.get(`/api/volunteers/${v.id}/letter.pdf?from=${isoDay(-7)}&to=${isoDay(0)}`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
    // The shipped indicators on Pskov's week, by hand: one volunteer gave shifts (Часова, 2 + 1.5 h),
    // nobody became active in the week (all on day −44), one team formed on day −10.
    const me = await login(t, (await buildUser(t, org, ['me_officer', 'coordinator'], org.branchIds)).email);
    const values = await me.get(`/api/indicators/values?from=${isoDay(-7)}&to=${isoDay(0)}&branchId=${b}`);
    expect(values.statusCode, values.body).toBe(200);
    const byCode = Object.fromEntries(
      (values.json().items as { code: string; result: { value: number } }[]).map((i) => [i.code, i.result.value]),
    );
    expect({
      volunteers_active: byCode.volunteers_active,
      volunteer_hours: byCode.volunteer_hours,
      volunteers_new: byCode.volunteers_new,
      volunteer_teams: byCode.volunteer_teams,
    }).toEqual({ volunteers_active: 1, volunteer_hours: 3.5, volunteers_new: 0, volunteer_teams: 1 });
    // Across the organisation in the last 60 days every volunteer made active counts as new.
    const wide = await me.get(`/api/indicators/values?from=${isoDay(-60)}&to=${isoDay(0)}`);
    const wideCodes = Object.fromEntries(
      (wide.json().items as { code: string; result: { value: number } }[]).map((i) => [i.code, i.result.value]),
    );
    expect(wideCodes.volunteers_new).toBeGreaterThanOrEqual(1);
  });

  it('migration 0043 installs the same indicator definitions as the shipped library', () => {
    const file = fs.readFileSync(path.join(process.cwd(), 'migrations/0043_volunteers.sql'), 'utf8');
    const installed = [...file.matchAll(/\('(volunteer\w+)', '(\{.*\})'\)/g)].map((m) => JSON.parse(m[2]!) as { code: string });
    expect(installed.map((d) => d.code)).toEqual(['volunteers_active', 'volunteer_hours', 'volunteers_new', 'volunteer_teams']);
    for (const def of installed) expect(def).toEqual(JSON.parse(JSON.stringify(SHIPPED_INDICATORS.find((s) => s.code === def.code))));
  });

  it('keeps field names only in the audit, never the values', async () => {
    const rows = await system(t.engine, (tx) =>
      tx.execute<{ details: unknown }>(sql`select details from audit_log where record_type like 'volunteer%'`),
    );
    const text = JSON.stringify(rows.rows);
    for (const secret of ['Кузнецова', 'Вожу машину', 'Спокойная', 'Переезд', '+7 9', 'Присмотр']) expect(text).not.toContain(secret);
    expect(rows.rows.length).toBeGreaterThan(10);
    expect(admin).toBeTruthy();
  });
});
