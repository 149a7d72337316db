import { afterEach, describe, expect, it } from 'vitest';
import { openTestCore, type TestCore } from '../../../test/unit/helpers/terminal';
import {
  balanceOf,
  enroll,
  goods,
  makeClock,
  rows,
  sell,
} from '../../../test/unit/helpers/loyalty';
import { catchUpLoyalty, catchUpLoyaltyBesideSales } from './catchUp';

/**
 * The loyalty catch-up beside the sale path: the same entries as the catch-up at once, in
 * transactions of a few milliseconds with the event loop handed back between them.
 */

const cores: TestCore[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.cleanup();
});

/** 12 members with 3 sales each (HK$10.00, HK$20.00, HK$30.00: 10 + 20 + 30 pts), then 13 months on. */
function shopWithExpiredLots() {
  const clock = makeClock('2025-03-03T04:00:00.000Z');
  const core = openTestCore({ now: clock.now });
  cores.push(core);
  const members = Array.from({ length: 12 }, (_, i) => enroll(core, { name: `Member ${i + 1}` }));
  for (const member of members) {
    for (const price of [1_000, 2_000, 3_000])
      sell(core, { memberId: member.id, lines: [goods(price)] });
  }
  clock.advanceMonths(13);
  return { core, clock, members };
}

const expireEntries = (core: TestCore) =>
  rows<{ member_id: string; points: number; lot_id: string }>(
    core,
    "SELECT member_id, points, lot_id FROM points_entry WHERE kind = 'expire'",
  );

describe('loyalty catch-up beside sales', () => {
  it('expires the 36 lots (60 pts × 12 members) one member per transaction when the budget is 0 ms, pausing after each', async () => {
    const { core, members } = shopWithExpiredLots();
    let pauses = 0;
    const totals = await catchUpLoyaltyBesideSales(
      core.ctx,
      async () => {
        pauses += 1;
      },
      0,
    );
    expect(totals).toEqual({ expiredEntries: 36, tierChanges: 0, birthdayCoupons: 0 });
    expect(pauses).toBe(12);
    for (const member of members) expect(balanceOf(core, member.id)).toBe(0);
    expect(expireEntries(core).reduce((sum, e) => sum - e.points, 0)).toBe(720);
  });

  it('a sale between two steps expires its own member first; the catch-up then skips that member, and no lot expires twice', async () => {
    const { core, members } = shopWithExpiredLots();
    // The catch-up goes in member-id order: the last member in it is the one it reaches last.
    const late = [...members].sort((a, b) => (a.id < b.id ? -1 : 1))[11];
    if (!late) throw new Error('no members');
    let pauses = 0;
    const totals = await catchUpLoyaltyBesideSales(
      core.ctx,
      async () => {
        pauses += 1;
        // After the third member: a customer at the till whose lots the catch-up has not reached.
        if (pauses === 3) sell(core, { memberId: late.id, lines: [goods(4_500)] });
      },
      0,
    );
    // The sale wrote member 12's 3 expire entries; the catch-up wrote the other 33.
    expect(totals.expiredEntries).toBe(33);
    const entries = expireEntries(core);
    expect(entries).toHaveLength(36);
    expect(new Set(entries.map((e) => e.lot_id)).size).toBe(36);
    expect(balanceOf(core, late.id)).toBe(45);
    for (const member of members.filter((m) => m.id !== late.id)) {
      expect(balanceOf(core, member.id)).toBe(0);
    }
  });

  it('the catch-up at once leaves the same ledger figures as the one in steps (the test above can fail)', () => {
    const { core, members } = shopWithExpiredLots();
    expect(catchUpLoyalty(core.ctx)).toEqual({
      expiredEntries: 36,
      tierChanges: 0,
      birthdayCoupons: 0,
    });
    expect(catchUpLoyalty(core.ctx)).toEqual({
      expiredEntries: 0,
      tierChanges: 0,
      birthdayCoupons: 0,
    });
    for (const member of members) expect(balanceOf(core, member.id)).toBe(0);
  });
});
