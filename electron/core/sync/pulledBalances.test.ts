import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import type { Member } from '../../../shared/domain';
import type { PullResponse } from '../../../shared/sync/protocol';
import { openTestCore, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';
import { localPointsIncluded } from '../points/chainBalance';
import { applyPullPage, applyPullPageInSlices } from './applyPull';
import { CountedPoints, localPointsIncludedFor } from './pulledBalances';
import { readCursor } from './syncStore';
import { lastOutboxSeq } from './pushOutbox';

/**
 * Pulled balances are applied in slices, one grouped query per slice for what this terminal's
 * own entries already count at head office. Both must come to what the one-member form and the
 * one-transaction page come to.
 */

const cores: TestCore[] = [];
afterEach(() => {
  while (cores.length > 0) cores.pop()?.cleanup();
});

/** A till with members who bought (earning points), a few of whom also redeemed. */
function tradingTill(members: number, salesEach: number): { core: TestCore; ids: string[] } {
  const core = openTestCore();
  cores.push(core);
  const ids: string[] = [];
  for (let i = 0; i < members; i++) {
    const member = unwrap(
      core.dispatch('member.enroll', {
        name: `Member ${i}`,
        phone: `9123${String(4000 + i).padStart(4, '0')}`,
        marketingConsent: false,
      }),
    ) as Member;
    ids.push(member.id);
  }
  for (let s = 0; s < salesEach; s++) {
    for (const [i, memberId] of ids.entries()) {
      const lines = [{ description: 'Tea', quantity: 1, unitPriceMinor: 2_000 + 100 * i }];
      unwrap(core.dispatch('sale.record', { saleId: uuidv7(), memberId, lines, redeemPoints: 0 }));
    }
  }
  return { core, ids };
}

function remote(core: TestCore): unknown[] {
  return core.db
    .prepare('SELECT member_id, points, as_of_seq, local_included FROM member_remote ORDER BY 1')
    .all();
}

/** A made-up member id: head office knows members this till has never seen. */
const stranger = (i: number) => `01a199c5-3824-7094-be53-${String(i).padStart(12, '0')}`;

/** A balances page as head office serves it: every item of a member carries its value now. */
function balancesPage(ids: string[], asOf: number, from: number, repeats: number): PullResponse {
  const items = [];
  let seq = from;
  for (let r = 0; r < repeats; r++) {
    for (const [i, memberId] of ids.entries()) {
      seq += 1;
      items.push({ seq, stream: 'balances' as const, data: { memberId, points: 1_000 + i } });
    }
  }
  return {
    stream: 'balances',
    items,
    cursor: seq,
    hasMore: false,
    terminalHighWaterMark: asOf,
    serverTime: new Date().toISOString(),
  };
}

describe('what head office already counts of this terminal’s points', () => {
  it('comes to what the one-member form says, at every mark', () => {
    const { core, ids } = tradingTill(6, 4);
    const top = lastOutboxSeq(core.db);
    expect(top).toBeGreaterThan(20);
    const unknown = '01a199c5-3824-7094-be53-a0a91650f7f1';
    for (const asOf of [0, 1, 7, Math.floor(top / 2), top - 3, top, top + 10]) {
      const grouped = localPointsIncludedFor(core.db, [...ids, unknown, ids[0] ?? ''], asOf);
      for (const memberId of [...ids, unknown]) {
        expect(grouped.get(memberId) ?? 0, `${memberId} at ${asOf}`).toBe(
          localPointsIncluded(core.db, memberId, asOf),
        );
      }
    }
    // Something counted at the top, nothing at zero: the comparison above is not vacuous.
    expect([...localPointsIncludedFor(core.db, ids, top).values()].every((p) => p > 0)).toBe(true);
    expect(localPointsIncludedFor(core.db, ids, 0).size).toBe(0);
  });
});

describe('what head office counts, carried from page to page', () => {
  it('moves with the sales made meanwhile exactly as reading it again would', () => {
    const { core, ids } = tradingTill(5, 2);
    const asOf = lastOutboxSeq(core.db);
    const counted = new CountedPoints(core.db);
    const first = counted.of(ids, asOf);
    expect([...first.values()].every((p) => p > 0)).toBe(true);
    // New sales: pending, so not counted at this mark; then the mark moves past some of them.
    for (const memberId of ids.slice(0, 3)) {
      const lines = [{ description: 'Cake', quantity: 2, unitPriceMinor: 4_500 }];
      unwrap(core.dispatch('sale.record', { saleId: uuidv7(), memberId, lines, redeemPoints: 0 }));
    }
    for (const mark of [asOf, asOf, lastOutboxSeq(core.db) - 1, lastOutboxSeq(core.db)]) {
      const carried = counted.of([...ids].reverse(), mark);
      for (const memberId of ids) {
        expect(carried.get(memberId), `${memberId} at ${mark}`).toBe(
          localPointsIncluded(core.db, memberId, mark),
        );
      }
    }
    expect(counted.of(ids, lastOutboxSeq(core.db)).get(ids[0] ?? '')).toBeGreaterThan(
      first.get(ids[0] ?? '') ?? 0,
    );
  });
});

describe('applying a pulled page in slices', () => {
  it('ends where applying it in one transaction ends, pausing between slices', async () => {
    const one = tradingTill(30, 2);
    const sliced = tradingTill(30, 2);
    const asOf = lastOutboxSeq(one.core.db) - 5;
    // The till's own members (whose entries count) and strangers, each twice.
    const strangers = Array.from({ length: 470 }, (_, i) => stranger(i));
    const page = balancesPage([...one.ids, ...strangers], asOf, 40, 2);
    applyPullPage(one.core.db, page);
    let pauses = 0;
    await applyPullPageInSlices(
      sliced.core.db,
      balancesPage([...sliced.ids, ...strangers], asOf, 40, 2),
      async () => {
        pauses += 1;
      },
      { budgetMs: 0 },
    );
    // The tills' members have their own ids: compare by position.
    const anonymous = (core: TestCore, ids: string[]) =>
      remote(core)
        .map((row) => {
          const r = row as { member_id: string };
          const own = ids.indexOf(r.member_id);
          return {
            ...r,
            member_id: own >= 0 ? `own ${String(own).padStart(2, '0')}` : r.member_id,
          };
        })
        .sort((a, b) => a.member_id.localeCompare(b.member_id));
    expect(anonymous(sliced.core, sliced.ids)).toEqual(anonymous(one.core, one.ids));
    expect(remote(one.core)).toHaveLength(30 + strangers.length);
    expect(
      (remote(one.core) as { local_included: number }[]).filter((r) => r.local_included > 0),
    ).toHaveLength(30);
    expect(readCursor(sliced.core.db, 'balances')).toBe(page.cursor);
    // Four balances a slice when every slice is over budget at once.
    expect(pauses).toBe(124);
  });

  it('leaves a cursor that is exact for what it applied when stopped between slices', async () => {
    const { core } = tradingTill(1, 1);
    const page = balancesPage(
      Array.from({ length: 25 }, (_, i) => stranger(i)),
      0,
      100,
      1,
    );
    await expect(
      applyPullPageInSlices(core.db, page, () => Promise.reject(new Error('closed')), {
        budgetMs: 0,
      }),
    ).rejects.toThrow('closed');
    expect(readCursor(core.db, 'balances')).toBe(104);
    expect(remote(core)).toHaveLength(4);
  });
});
