import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain';
import { uuidv7 } from '../../../shared/ids';
import {
  MANAGER_PIN,
  openTestCore,
  snapshot,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import {
  balanceOf,
  enroll,
  expectRefusal,
  goods,
  loyaltyOf,
  makeClock,
  rows,
  sell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';

/**
 * Expiry through the real core (default program: points expire 12 months after they are
 * earned). Expiry is written as ledger entries, once, however late the terminal catches up.
 */

let clock: TestClock;
let core: TestCore;
let amy: Member;
let ben: Member;

beforeEach(() => {
  clock = makeClock('2025-03-05T04:00:00.000Z');
  core = openTestCore({ now: clock.now });
  amy = enroll(core, { name: 'Amy' });
  ben = enroll(core, { name: 'Ben' });
});
afterEach(() => core.cleanup());

const catchUp = () =>
  unwrap(core.dispatch('loyalty.catchUp', { managerPin: MANAGER_PIN })) as {
    expiredEntries: number;
    tierChanges: number;
    birthdayCoupons: number;
  };

const expireEntries = () =>
  rows<{ member_id: string; points: number; lot_id: string; reason: string }>(
    core,
    "SELECT member_id, points, lot_id, reason FROM points_entry WHERE kind = 'expire' ORDER BY entry_no",
  );

describe('catching up after the clock jumps 13 months', () => {
  it('writes one expire entry per lot with points left, once; a second catch-up writes nothing at all', () => {
    sell(core, { memberId: amy.id, lines: [goods(10_000)] }); // 100, expires 2026-03-05
    clock.advanceDays(20);
    sell(core, { memberId: amy.id, lines: [goods(5000)] }); // 50, expires 2026-03-25
    sell(core, { memberId: ben.id, lines: [goods(7000)] }); // 70
    sell(core, { memberId: amy.id, lines: [goods(1000)], redeemPoints: 20 }); // spends 20 of the 100
    expect(balanceOf(core, amy.id)).toBe(100 + 50 - 20 + 9);
    clock.advanceMonths(13);
    const outboxBefore = rows<{ n: number }>(core, 'SELECT count(*) AS n FROM outbox')[0]?.n ?? 0;
    expect(catchUp()).toEqual({ expiredEntries: 4, tierChanges: 0, birthdayCoupons: 0 });
    // Members are caught up in id order, and two ids made in one millisecond have no fixed order.
    const byMember = (id: string) =>
      expireEntries()
        .filter((e) => e.member_id === id)
        .map((e) => e.points);
    expect(byMember(amy.id)).toEqual([-80, -50, -9]);
    expect(byMember(ben.id)).toEqual([-70]);
    expect(expireEntries().find((e) => e.member_id === amy.id)?.reason).toBe('expired 2026-03-05');
    expect([balanceOf(core, amy.id), balanceOf(core, ben.id)]).toEqual([0, 0]);
    // One outbox operation per member, in the same transaction as the entries.
    expect(
      rows(core, 'SELECT op_type FROM outbox WHERE seq > ? ORDER BY seq', outboxBefore),
    ).toEqual([{ op_type: 'points.expired' }, { op_type: 'points.expired' }]);

    const before = snapshot(core.db);
    expect(catchUp()).toEqual({ expiredEntries: 0, tierChanges: 0, birthdayCoupons: 0 });
    expect(snapshot(core.db)).toBe(before);
  });

  it('before the expiry instant nothing expires; at it, the lot does', () => {
    sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    clock.set('2026-03-05T03:59:59.999Z');
    expect(catchUp().expiredEntries).toBe(0);
    expect(loyaltyOf(core, amy.id).available).toBe(100);
    clock.set('2026-03-05T04:00:00.000Z');
    expect(catchUp().expiredEntries).toBe(1);
    expect(loyaltyOf(core, amy.id).available).toBe(0);
  });

  it('without a catch-up, a sale expires the member’s old points first and never spends them', () => {
    sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    clock.advanceMonths(13);
    // The points are past expiry but no entry has been written yet: they are not spendable.
    expect(loyaltyOf(core, amy.id)).toMatchObject({ available: 0 });
    expectRefusal(
      core,
      'sale.record',
      { saleId: uuidv7(), memberId: amy.id, lines: [goods(10_000)], redeemPoints: 100 },
      'insufficient_points',
    );
    const receipt = sell(core, { memberId: amy.id, lines: [goods(2000)] });
    expect(receipt.balanceAfter).toBe(20);
    expect(expireEntries().map((e) => e.points)).toEqual([-100]);
    // The sale's outbox operation carries the expire entry with its own earn.
    const payload = JSON.parse(
      rows<{ payload: string }>(
        core,
        "SELECT payload FROM outbox WHERE op_type = 'sale.recorded' ORDER BY seq DESC LIMIT 1",
      )[0]?.payload ?? '{}',
    ) as { pointsEntries: { kind: string; points: number }[] };
    expect(payload.pointsEntries.map((e) => [e.kind, e.points])).toEqual([
      ['expire', -100],
      ['earn', 20],
    ]);
    expect(catchUp().expiredEntries).toBe(0);
  });

  it('redemption spends the oldest points first, so the newer ones are what is left to expire later', () => {
    sell(core, { memberId: amy.id, lines: [goods(10_000)] }); // 100, expires 2026-03-05
    clock.set('2025-09-05T04:00:00.000Z');
    sell(core, { memberId: amy.id, lines: [goods(10_000)] }); // 100, expires 2026-09-05
    sell(core, { memberId: amy.id, lines: [goods(500)], redeemPoints: 100 });
    expect(loyaltyOf(core, amy.id).expiring).toEqual([{ date: '2026-09-05', points: 100 }]);
    clock.set('2026-04-01T04:00:00.000Z');
    expect(catchUp().expiredEntries).toBe(0);
    expect(loyaltyOf(core, amy.id).available).toBe(100);
    clock.set('2026-09-06T04:00:00.000Z');
    expect(catchUp().expiredEntries).toBe(1);
    expect(balanceOf(core, amy.id)).toBe(0);
  });

  it('a manual adjustment is a lot too: +50 expires 12 months later; a negative one spends oldest first', () => {
    unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 50,
        reason: 'Goodwill',
        managerPin: '2468',
      }),
    );
    clock.advanceMonths(12);
    expect(catchUp().expiredEntries).toBe(1);
    expect(balanceOf(core, amy.id)).toBe(0);
  });

  it('expiry applied twice changes nothing, even when a sale and a catch-up race for the same lots', () => {
    sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    clock.advanceMonths(13);
    sell(core, { memberId: amy.id, lines: [goods(100)] }); // expires the lot itself
    const before = snapshot(core.db);
    expect(catchUp().expiredEntries).toBe(0);
    expect(snapshot(core.db)).toBe(before);
    expect(expireEntries()).toHaveLength(1);
  });
});
