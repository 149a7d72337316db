import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pulledCoupon, type PulledCoupon } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import {
  TerminalScript,
  TestClock,
  enrollTerminal,
  pushOk,
  pushRejected,
  stateDigest,
} from '../testing/terminalScript';

describe.each(testDatabases)('single-use coupons on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let tillA: TerminalScript;
  let tillB: TerminalScript;

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    clock = new TestClock();
    headOffice = await createHeadOffice(db, { now: clock.now });
    tillA = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'Central' }), clock);
    tillB = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'Sha Tin' }), clock);
  });

  async function exceptions(kind: string) {
    const result = await headOffice.admin.listExceptions({ kind });
    if (!result.ok) throw new Error(result.error.message);
    return result.value.exceptions;
  }

  async function couponsStream(after = 0): Promise<PulledCoupon[]> {
    const page = await headOffice.pull(tillB.terminal.auth, {
      stream: 'coupons',
      after,
      limit: 1000,
    });
    if (!page.ok) throw new Error(page.error.message);
    return page.value.items.map((item) => pulledCoupon.parse(item.data));
  }

  async function holder(couponId: string) {
    const { rows } = await db.query<{ redeemed_sale_id: string | null }>(
      'SELECT redeemed_sale_id FROM coupon WHERE id = $1',
      [couponId],
    );
    return rows[0]?.redeemed_sale_id;
  }

  /** A welcome coupon issued at till A and known to head office. */
  async function issuedAtA() {
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    const coupon = tillA.issueCoupon({ memberId: chan.memberId });
    await pushOk(headOffice, tillA);
    return { chan, coupon };
  }

  describe.each([
    { first: 'A', second: 'B' },
    { first: 'B', second: 'A' },
  ])('redeemed at two offline stores, $first pushing first', ({ first, second }) => {
    it('keeps both sales, gives the coupon to the first in server order and raises the second', async () => {
      const { chan, coupon } = await issuedAtA();
      const tills: Record<string, TerminalScript> = { A: tillA, B: tillB };
      const winner = tills[first] as TerminalScript;
      const loser = tills[second] as TerminalScript;
      // Both stores are offline; each lets Chan use the coupon.
      const winning = winner.sale({
        memberId: chan.memberId,
        coupons: [{ ...coupon, discountMinor: 2000 }],
        offline: true,
      });
      const losing = loser.sale({
        memberId: chan.memberId,
        coupons: [{ ...coupon, discountMinor: 1500 }],
        offline: true,
      });
      const pending = (till: TerminalScript) =>
        till.outbox.filter((op) => op.type === 'sale.recorded');

      const pushedFirst = await pushOk(headOffice, winner, pending(winner));
      expect(pushedFirst.outcomes.map((o) => o.outcome)).toEqual(['accepted']);
      const pushedSecond = await pushOk(headOffice, loser, pending(loser));
      const [outcome] = pushedSecond.outcomes;
      expect(outcome).toMatchObject({
        outcome: 'compensated',
        compensation: { kind: 'coupon_already_redeemed' },
      });
      expect(outcome?.compensation?.message).toContain(coupon.code);
      expect(outcome?.compensation?.message).toContain(winner.terminal.storeName);

      const { rows: sales } = await db.query<{ id: string }>(
        "SELECT id FROM sale WHERE kind = 'sale' ORDER BY id",
      );
      expect(sales.map((s) => s.id).sort()).toEqual([winning.saleId, losing.saleId].sort());
      expect(await holder(coupon.couponId)).toBe(winning.saleId);

      const [exception] = await exceptions('coupon_double_redeemed');
      expect(exception).toMatchObject({
        id: outcome?.compensation?.exceptionId,
        status: 'open',
        saleId: losing.saleId,
        memberId: chan.memberId,
        terminalId: loser.terminalId,
        storeId: loser.terminal.storeId,
        facts: {
          couponId: coupon.couponId,
          code: coupon.code,
          campaignId: 'welcome',
          issueKnown: true,
          discountMinor: 1500,
          first: {
            saleId: winning.saleId,
            saleNumber: (winning.op.payload as { number: string }).number,
            terminalId: winner.terminalId,
            terminalNumber: winner.terminal.auth.terminalNumber,
            storeId: winner.terminal.storeId,
            storeName: winner.terminal.storeName,
            discountMinor: 2000,
          },
          second: {
            saleId: losing.saleId,
            terminalId: loser.terminalId,
            terminalNumber: loser.terminal.auth.terminalNumber,
            storeId: loser.terminal.storeId,
            storeName: loser.terminal.storeName,
            discountMinor: 1500,
          },
        },
      });

      // Other stores learn the coupon and who holds it; the losing redemption changes nothing.
      expect(await couponsStream()).toEqual([
        {
          couponId: coupon.couponId,
          code: coupon.code,
          campaignId: 'welcome',
          memberId: chan.memberId,
          validFrom: '2026-11-02',
          validTo: '2026-12-01',
          state: 'issued',
          redeemedSaleId: null,
        },
        expect.objectContaining({ state: 'redeemed', redeemedSaleId: winning.saleId }),
      ]);

      // Delivering either batch again raises nothing new.
      const digest = await stateDigest(headOffice);
      await pushOk(headOffice, loser, pending(loser));
      await pushOk(headOffice, winner, pending(winner));
      expect(await stateDigest(headOffice)).toEqual(digest);
      expect(await exceptions('coupon_double_redeemed')).toHaveLength(1);
    });
  });

  it('lets exactly one of two simultaneous pushes win the coupon', async () => {
    const { chan, coupon } = await issuedAtA();
    const atA = tillA.sale({ memberId: chan.memberId, coupons: [coupon] });
    const atB = tillB.sale({ memberId: chan.memberId, coupons: [coupon] });
    const [fromA, fromB] = await Promise.all([
      pushOk(headOffice, tillA, [atA.op]),
      pushOk(headOffice, tillB, [atB.op]),
    ]);
    const kinds = [fromA, fromB].map((p) => p.outcomes[0]?.compensation?.kind ?? 'accepted');
    expect([...kinds].sort()).toEqual(['accepted', 'coupon_already_redeemed']);
    const won = kinds[0] === 'accepted' ? atA.saleId : atB.saleId;
    expect(await holder(coupon.couponId)).toBe(won);
    expect(await exceptions('coupon_double_redeemed')).toHaveLength(1);
  });

  it('frees a coupon when its sale is refunded, for the next redemption', async () => {
    const { chan, coupon } = await issuedAtA();
    const sale = tillA.sale({ memberId: chan.memberId, coupons: [coupon] });
    tillA.refund(sale, chan.memberId);
    const pushed = await pushOk(headOffice, tillA, tillA.outbox.slice(2));
    expect(pushed.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
    expect(await holder(coupon.couponId)).toBeNull();
    const { rows: uses } = await db.query<{ kind: string; discount_minor: number }>(
      'SELECT kind, discount_minor FROM coupon_use ORDER BY number',
    );
    // The terminal sends a return without its discount: head office takes the redemption's.
    expect(uses).toEqual([
      { kind: 'redeemed', discount_minor: 1000 },
      { kind: 'returned', discount_minor: -1000 },
    ]);
    expect((await couponsStream()).map((c) => [c.state, c.redeemedSaleId])).toEqual([
      ['issued', null],
      ['redeemed', sale.saleId],
      ['issued', null],
    ]);

    const again = tillB.sale({ memberId: chan.memberId, coupons: [coupon] });
    const later = await pushOk(headOffice, tillB);
    expect(later.outcomes.map((o) => o.outcome)).toEqual(['accepted']);
    expect(await holder(coupon.couponId)).toBe(again.saleId);
    expect(await exceptions('coupon_double_redeemed')).toHaveLength(0);
  });

  it('leaves the coupon with the winner when the losing sale is refunded, and passes it on when the winner is', async () => {
    const { chan, coupon } = await issuedAtA();
    const first = tillA.sale({ memberId: chan.memberId, coupons: [coupon] });
    const second = tillB.sale({ memberId: chan.memberId, coupons: [coupon] });
    await pushOk(headOffice, tillA, tillA.outbox.slice(2));
    await pushOk(headOffice, tillB);
    const streamed = (await couponsStream()).length;

    // Refunding the losing sale gives back its redemption; the winner keeps the coupon.
    tillB.refund(second, chan.memberId);
    await pushOk(headOffice, tillB, tillB.outbox.slice(1));
    expect(await holder(coupon.couponId)).toBe(first.saleId);
    expect(await couponsStream()).toHaveLength(streamed);

    // A third redemption is still a double one.
    const third = tillB.sale({ memberId: chan.memberId, coupons: [coupon] });
    const pushed = await pushOk(headOffice, tillB, tillB.outbox.slice(2));
    expect(pushed.outcomes[0]?.compensation?.kind).toBe('coupon_already_redeemed');

    // Refunding the winner: the third sale, still holding its redemption, now holds the coupon.
    tillA.refund(first, chan.memberId);
    await pushOk(headOffice, tillA, tillA.outbox.slice(3));
    expect(await holder(coupon.couponId)).toBe(third.saleId);
    expect((await couponsStream()).at(-1)).toMatchObject({
      state: 'redeemed',
      redeemedSaleId: third.saleId,
    });
  });

  it('accepts a redemption of a coupon it has not seen, and keeps it when the issue arrives', async () => {
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    await pushOk(headOffice, tillA);
    // Till A issues a coupon and loses its connection before pushing it; till B redeems it.
    const coupon = tillA.issueCoupon({ memberId: chan.memberId, campaignId: 'next-order' });
    const atB = tillB.sale({ memberId: chan.memberId, coupons: [coupon] });
    const redeemed = await pushOk(headOffice, tillB);
    expect(redeemed.outcomes.map((o) => o.outcome)).toEqual(['accepted']);
    expect(await holder(coupon.couponId)).toBe(atB.saleId);
    // Without its issue head office knows no campaign for it: nothing to share yet.
    expect(await couponsStream()).toEqual([]);

    const issued = await pushOk(headOffice, tillA, tillA.outbox.slice(1));
    expect(issued.outcomes.map((o) => o.outcome)).toEqual(['accepted']);
    expect(await holder(coupon.couponId)).toBe(atB.saleId);
    expect(await couponsStream()).toEqual([
      {
        couponId: coupon.couponId,
        code: coupon.code,
        campaignId: 'next-order',
        memberId: chan.memberId,
        validFrom: '2026-11-02',
        validTo: '2026-12-01',
        state: 'redeemed',
        redeemedSaleId: atB.saleId,
      },
    ]);
    const { rows } = await db.query<{ issued_terminal_id: string; issued_store_id: string }>(
      'SELECT issued_terminal_id, issued_store_id FROM coupon WHERE id = $1',
      [coupon.couponId],
    );
    expect(rows).toEqual([
      { issued_terminal_id: tillA.terminalId, issued_store_id: tillA.terminal.storeId },
    ]);

    // The redemption was not lost: till A using the coupon now is a double redemption.
    tillA.sale({ memberId: chan.memberId, coupons: [coupon] });
    const late = await pushOk(headOffice, tillA, tillA.outbox.slice(2));
    expect(late.outcomes[0]?.compensation?.kind).toBe('coupon_already_redeemed');
  });

  it('raises a double redemption of a coupon whose issue has not arrived, saying so', async () => {
    const coupon = tillA.issueCoupon();
    tillB.sale({ coupons: [coupon] });
    tillB.sale({ coupons: [coupon] });
    const pushed = await pushOk(headOffice, tillB);
    expect(pushed.outcomes.map((o) => o.compensation?.kind ?? o.outcome)).toEqual([
      'accepted',
      'coupon_already_redeemed',
    ]);
    const [exception] = await exceptions('coupon_double_redeemed');
    expect(exception?.facts).toMatchObject({ issueKnown: false, campaignId: null });
    expect(exception?.memberId).toBeNull();
  });

  it('ignores a second issue of the same coupon', async () => {
    const coupon = tillA.issueCoupon({ campaignId: 'welcome' });
    const copy = tillA.other('coupon.issued', {
      ...(coupon.op.payload as Record<string, unknown>),
      campaignId: 'other',
    });
    const pushed = await pushOk(headOffice, tillA);
    expect(pushed.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'accepted']);
    expect(copy.type).toBe('coupon.issued');
    expect((await couponsStream()).map((c) => c.campaignId)).toEqual(['welcome']);
  });

  it('rejects coupon payloads it cannot read, applying nothing of them', async () => {
    const coupon = tillA.issueCoupon();
    const bad: unknown[] = [
      { ...(coupon.op.payload as object), validFrom: '02/11/2026' },
      { ...(coupon.op.payload as object), source: 'lottery' },
      { ...(coupon.op.payload as object), couponId: 'c1' },
    ];
    const script = new TerminalScript(tillB.terminal, clock);
    for (const payload of bad) {
      const op = script.other('coupon.issued', payload);
      const response = await pushRejected(headOffice, script, [op]);
      expect(response.outcomes[0]?.compensation?.message).toMatch(/coupon.issued/);
    }
    const sale = script.sale({ coupons: [coupon] });
    (sale.op.payload as { couponUses: { kind: string }[] }).couponUses[0]!.kind = 'stolen';
    await pushRejected(headOffice, script, [sale.op]);
    expect(await couponsStream()).toEqual([]);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM coupon');
    expect(rows[0]?.n).toBe(0);
  });
});
