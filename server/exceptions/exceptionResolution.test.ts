import { beforeEach, describe, expect, it } from 'vitest';
import { pulledBalance } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import type { HeadOffice } from '../headOffice';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import {
  TerminalScript,
  balanceOf,
  balancesMatchLedger,
  enrollTerminal,
  pushOk,
  type TestClock,
} from '../testing/terminalScript';

/**
 * What each decision on an exception does to the member: the defaults value 100 points at 500
 * minor units. Chan earned 100 points, then two tills spent more than that: the second redemption
 * (300 points) took the balance from 100 to -200.
 */
describe.each(testDatabases)('resolving exceptions on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let tillA: TerminalScript;
  let tillB: TerminalScript;
  let chanId: string;

  const office = headOfficePerTest(testDb);
  beforeEach(async () => {
    ({ db, clock, headOffice } = await office.fresh());
    tillA = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'A' }), clock);
    tillB = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'B' }), clock);
    const chan = tillA.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    chanId = chan.memberId;
    tillA.sale({ memberId: chanId, earn: 100 });
    await pushOk(headOffice, tillA);
    // Both tills offline, each spending what they believe Chan holds (and B more).
    tillA.sale({ memberId: chanId, redeem: 100, offline: true });
    tillB.sale({ memberId: chanId, redeem: 200, offline: true });
    await pushOk(headOffice, tillA);
    await pushOk(headOffice, tillB);
    expect(await balanceOf(headOffice, chanId)).toBe(-200);
  });

  async function theOverdraft() {
    const listed = await headOffice.admin.listExceptions({ kind: 'overdraft' });
    if (!listed.ok) throw new Error(listed.error.message);
    const [overdraft] = listed.value.exceptions;
    if (!overdraft) throw new Error('no overdraft raised');
    expect(overdraft.facts).toMatchObject({ balanceBefore: 0, balanceAfter: -200 });
    expect(overdraft.allowedResolutions).toEqual(['write_off', 'charge_back', 'reverse']);
    return overdraft;
  }

  async function resolve(id: string, resolution: string) {
    const result = await headOffice.admin.resolveException('Ms Lam', id, {
      resolution,
      note: `Resolved by ${resolution}.`,
    });
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    return result.value;
  }

  /** What another till learns on its next pull of the balances stream. */
  async function pulledBy(till: TerminalScript): Promise<number | undefined> {
    const page = await headOffice.pull(till.terminal.auth, {
      stream: 'balances',
      after: 0,
      limit: 1000,
    });
    if (!page.ok) throw new Error(page.error.message);
    const mine = page.value.items
      .map((item) => pulledBalance.parse(item.data))
      .filter((b) => b.memberId === chanId);
    return mine.at(-1)?.points;
  }

  async function auditOf(exceptionId: string) {
    const { rows } = await db.query<{ actor: string; at: Date; details: Record<string, unknown> }>(
      `SELECT actor, at, details FROM audit_log
       WHERE action = 'exception.resolved' AND subject = $1`,
      [exceptionId],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  it('write off: head office brings the member back to zero and books the loss', async () => {
    const overdraft = await theOverdraft();
    const resolved = await resolve(overdraft.id, 'write_off');
    expect(resolved.effect).toEqual({
      memberId: chanId,
      balanceBefore: -200,
      balanceAfter: 0,
      pointsGiven: 200,
      lossPoints: 200,
      lossMinor: 1000,
      lossCurrency: 'HKD',
      debtPoints: 0,
      couponUseId: null,
    });
    expect(await balanceOf(headOffice, chanId)).toBe(0);
    await balancesMatchLedger(headOffice);
    const { rows } = await db.query<{ kind: string; points: number; op_id: string }>(
      "SELECT kind, points, op_id FROM points_entry WHERE kind = 'write_off'",
    );
    expect(rows).toEqual([{ kind: 'write_off', points: 200, op_id: expect.any(String) }]);
    expect(await pulledBy(tillA)).toBe(0);
    expect(await auditOf(overdraft.id)).toMatchObject({
      actor: 'Ms Lam',
      details: {
        resolution: 'write_off',
        before: { status: 'open', balance: -200 },
        after: { status: 'resolved', balance: 0 },
      },
    });
  });

  it('write off never lifts a member above zero when they have earned since', async () => {
    const overdraft = await theOverdraft();
    tillB.sale({ memberId: chanId, earn: 150 });
    await pushOk(headOffice, tillB);
    expect(await balanceOf(headOffice, chanId)).toBe(-50);
    const resolved = await resolve(overdraft.id, 'write_off');
    expect(resolved.effect).toMatchObject({ pointsGiven: 50, lossMinor: 250, balanceAfter: 0 });
    expect(await balanceOf(headOffice, chanId)).toBe(0);
    await balancesMatchLedger(headOffice);
  });

  it('charge back: the debt stays on the member and future earning pays it off', async () => {
    const overdraft = await theOverdraft();
    const resolved = await resolve(overdraft.id, 'charge_back');
    expect(resolved.effect).toMatchObject({
      balanceBefore: -200,
      balanceAfter: -200,
      pointsGiven: 0,
      lossPoints: 0,
      lossMinor: 0,
      debtPoints: 200,
    });
    expect(await balanceOf(headOffice, chanId)).toBe(-200);
    expect(await pulledBy(tillB)).toBe(-200);
    tillB.sale({ memberId: chanId, earn: 120 });
    await pushOk(headOffice, tillB);
    expect(await balanceOf(headOffice, chanId)).toBe(-80);
    await balancesMatchLedger(headOffice);
    expect(await auditOf(overdraft.id)).toMatchObject({
      details: { resolution: 'charge_back', effect: { debtPoints: 200 } },
    });
  });

  it('reverse: the losing redemption comes back as an entry that points at it', async () => {
    const overdraft = await theOverdraft();
    const resolved = await resolve(overdraft.id, 'reverse');
    expect(resolved.effect).toMatchObject({
      balanceBefore: -200,
      balanceAfter: 0,
      pointsGiven: 200,
      lossPoints: 200,
      lossMinor: 1000,
    });
    const { rows } = await db.query<{ kind: string; points: number; reverses: string }>(
      `SELECT r.kind, r.points, o.kind AS reverses FROM points_entry r
       JOIN points_entry o ON o.id = r.reverses_id WHERE r.op_id <> o.op_id`,
    );
    expect(rows).toEqual([{ kind: 'reverse_redeem', points: 200, reverses: 'redeem' }]);
    expect(await balanceOf(headOffice, chanId)).toBe(0);
    expect(await pulledBy(tillA)).toBe(0);
    await balancesMatchLedger(headOffice);
  });

  it('appends and never edits: the entries of the sales stay as they were', async () => {
    const before = await db.query('SELECT id, kind, points FROM points_entry ORDER BY id');
    await resolve((await theOverdraft()).id, 'reverse');
    const after = await db.query('SELECT id, kind, points FROM points_entry ORDER BY id');
    for (const row of before.rows) expect(after.rows).toContainEqual(row);
    expect(after.rows).toHaveLength(before.rows.length + 1);
  });

  it('resolves once: a second decision changes nothing in the ledger', async () => {
    const overdraft = await theOverdraft();
    await resolve(overdraft.id, 'write_off');
    const again = await headOffice.admin.resolveException('Mr Ho', overdraft.id, {
      resolution: 'reverse',
      note: 'again',
    });
    expect(again).toMatchObject({ ok: false, error: { code: 'already_resolved' } });
    expect(await balanceOf(headOffice, chanId)).toBe(0);
  });

  it('acknowledges a merge, and refuses a ledger decision that does not fit it', async () => {
    tillB.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    await pushOk(headOffice, tillB);
    const listed = await headOffice.admin.listExceptions({ kind: 'member_merged' });
    const merge = listed.ok ? listed.value.exceptions[0] : undefined;
    if (!merge) throw new Error('no merge raised');
    expect(merge.allowedResolutions).toEqual(['acknowledge']);
    expect(
      await headOffice.admin.resolveException('Ms Lam', merge.id, {
        resolution: 'write_off',
        note: 'x',
      }),
    ).toMatchObject({
      ok: false,
      error: { code: 'resolution_not_applicable', details: { allowed: ['acknowledge'] } },
    });
    expect((await headOffice.admin.getException(merge.id)).ok && merge.status).toBe('open');
    const done = await resolve(merge.id, 'acknowledge');
    expect(done).toMatchObject({ status: 'resolved', resolution: 'acknowledge' });
    expect(done.effect).toMatchObject({ pointsGiven: 0, balanceBefore: null });
  });

  it('refuses an overdraft decision that does not fit, writing nothing', async () => {
    const overdraft = await theOverdraft();
    expect(
      await headOffice.admin.resolveException('Ms Lam', overdraft.id, {
        resolution: 'acknowledge',
        note: 'x',
      }),
    ).toMatchObject({ ok: false, error: { code: 'resolution_not_applicable' } });
    expect(await balanceOf(headOffice, chanId)).toBe(-200);
    const { rows } = await db.query('SELECT 1 FROM exception_resolution');
    expect(rows).toEqual([]);
  });

  describe('a coupon redeemed at two stores', () => {
    async function doubleRedeemed() {
      const coupon = tillA.issueCoupon({ memberId: chanId });
      tillA.sale({ memberId: chanId, coupons: [{ ...coupon, discountMinor: 2000 }] });
      await pushOk(headOffice, tillA);
      tillB.sale({ memberId: chanId, coupons: [{ ...coupon, discountMinor: 1500 }] });
      await pushOk(headOffice, tillB);
      const listed = await headOffice.admin.listExceptions({ kind: 'coupon_double_redeemed' });
      const exception = listed.ok ? listed.value.exceptions[0] : undefined;
      if (!exception) throw new Error('no double redemption raised');
      return exception;
    }

    it('write off books the second discount as a loss', async () => {
      const resolved = await resolve((await doubleRedeemed()).id, 'write_off');
      expect(resolved.effect).toMatchObject({ lossMinor: 1500, pointsGiven: 0, debtPoints: 0 });
      expect(await balanceOf(headOffice, chanId)).toBe(-200);
    });

    it('charge back turns the second discount into points the member owes', async () => {
      const resolved = await resolve((await doubleRedeemed()).id, 'charge_back');
      // 1500 minor at 500 per 100 points is 300 points.
      expect(resolved.effect).toMatchObject({
        debtPoints: 300,
        balanceBefore: -200,
        balanceAfter: -500,
      });
      expect(await pulledBy(tillA)).toBe(-500);
      await balancesMatchLedger(headOffice);
    });

    it('reverse gives the losing use back with a return that points at it', async () => {
      const exception = await doubleRedeemed();
      const resolved = await resolve(exception.id, 'reverse');
      const { rows } = await db.query<{ kind: string; discount_minor: number; sale_id: string }>(
        `SELECT r.kind, r.discount_minor, u.sale_id FROM coupon_use r
         JOIN coupon_use u ON u.id = r.returns_use_id WHERE r.id = $1`,
        [resolved.effect?.couponUseId],
      );
      expect(rows).toEqual([
        { kind: 'returned', discount_minor: -1500, sale_id: exception.saleId },
      ]);
      // The first redemption still holds the coupon.
      const { rows: coupons } = await db.query<{ redeemed_sale_id: string }>(
        'SELECT redeemed_sale_id FROM coupon',
      );
      expect(coupons[0]?.redeemed_sale_id).not.toBe(exception.saleId);
    });
  });
});
