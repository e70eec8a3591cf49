// The demo's volunteers: the demo volunteer (volunteer@demo.hearth) is linked to a volunteer record
// and sees their shifts, teams and hours; the coordinator sees the teams, the board and a certificate
// ending soon; the public form answers at its address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../seed/demo.js';
import { buildTestApp, login, PASSWORD, type TestApp } from '../testing/harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
  await seedDemo(t.engine, PASSWORD, { history: false });
}, 300_000);
afterAll(() => t.close());

describe('demo volunteers', () => {
  it('links the demo volunteer to a record with shifts, a team and hours; the coordinator sees the rest', async () => {
    const volunteer = await login(t, 'volunteer@demo.hearth');
    const me = (await volunteer.get('/api/volunteers/me')).json();
    expect(me.volunteer).toMatchObject({ firstName: 'Екатерина', status: 'active' });
    expect(me.teams.map((team: { name: string }) => team.name)).toEqual(['Тёплые руки']);
    expect(me.hours.total).toBeGreaterThan(10);
    const delivery = me.upcoming.find((u: { kind: string }) => u.kind === 'aid_delivery');
    expect(delivery.address).toContain('Профсоюзная');
    expect(delivery.family.people.length).toBeGreaterThan(0);
    const coordinator = await login(t, 'coordinator@demo.hearth');
    expect((await coordinator.get('/api/volunteers/teams')).json().items.length).toBeGreaterThanOrEqual(1);
    const reminders = (await coordinator.get('/api/volunteers/reminders')).json();
    expect(reminders.certificates.map((c: { name: string }) => c.name)).toContain('Ковалёва Дарья Сергеевна');
    expect((await t.app.inject({ method: 'GET', url: '/api/public/volunteer-form/ochag-demo' })).statusCode).toBe(200);
  });
});
