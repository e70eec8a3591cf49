// The board's leavings (issue 12, point 9): stays under way whose planned leaving falls before the
// end of the weeks shown — an overdue one (planned leaving already past) among them, first; a stay
// that has ended is not listed however late its planned day was, nor one planned beyond the weeks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, buildUser, login, type Client, type TestApp } from '../testing/harness.js';
import { buildHousingWorld, daysFrom, today, waitingCase, type HousingWorld } from '../testing/housing.js';

let t: TestApp;
let w: HousingWorld;
let desk: Client;
const ids: Record<string, string> = {};

async function stay(name: string, room: number, checkInOn: string, plannedLeaveOn: string, out?: string) {
  const c = await waitingCase(w);
  const res = await w.coordinator.post('/api/housing/stays', {
    caseId: c.caseId,
    roomId: w.rooms[room]!.id,
    checkInOn,
    plannedLeaveOn,
    members: [{ memberId: c.motherId }],
    ...(out ? { checkOutOn: out, leaveReason: 'graduated' } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  ids[name] = res.json().id;
}

beforeAll(async () => {
  t = await buildTestApp();
  w = await buildHousingWorld(t);
  desk = await login(t, (await buildUser(t, w.org, ['shelter_admin'], [w.org.branchIds[0]!])).email);
  await stay('overdue', 0, daysFrom(-60), daysFrom(-5));
  await stay('soon', 0, daysFrom(-30), daysFrom(10));
  // Entered from the paper records, whole: planned long ago, left long ago.
  await stay('ended', 1, daysFrom(-60), daysFrom(-20), daysFrom(-15));
  await stay('later', 1, today(), daysFrom(60));
});
afterAll(() => t.close());

describe('the board’s leavings', () => {
  it('list the overdue stay first, then the one leaving soon; not the ended one nor one beyond the weeks shown', async () => {
    for (const client of [w.coordinator, desk]) {
      const board = (await client.get('/api/housing/board?weeks=4')).json();
      const leavings = board.leavings as { stayId: string; plannedLeaveOn: string }[];
      const listed = leavings.filter((l) => Object.values(ids).includes(l.stayId));
      expect(listed).toEqual([
        expect.objectContaining({ stayId: ids.overdue, plannedLeaveOn: daysFrom(-5) }),
        expect.objectContaining({ stayId: ids.soon, plannedLeaveOn: daysFrom(10) }),
      ]);
      // On the board itself the overdue stay's place still shows its planned leaving, past.
      const places = board.facilities.flatMap((f: { rooms: { places: { stayId?: string; plannedLeaveOn?: string }[] }[] }) =>
        f.rooms.flatMap((r) => r.places),
      );
      expect(places.find((p: { stayId?: string }) => p.stayId === ids.overdue)).toMatchObject({ plannedLeaveOn: daysFrom(-5) });
    }
  });

  it('over more weeks the later stay joins them, still after the overdue one', async () => {
    const board = (await w.coordinator.get('/api/housing/board?weeks=12')).json();
    const listed = (board.leavings as { stayId: string }[]).map((l) => l.stayId).filter((id) => Object.values(ids).includes(id));
    expect(listed).toEqual([ids.overdue, ids.soon, ids.later]);
  });
});
