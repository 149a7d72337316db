import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt } from '../../../shared/domain';
import type { ShiftSummary, ShiftView, StaffMember } from '../../../shared/staff';
import { uuidv7 } from '../../../shared/ids';
import { shiftSummary } from './shiftSummary';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
  closeTemplateShift,
} from '../../../test/unit/helpers/terminal';
import {
  enroll,
  expectRefusal,
  goods,
  makeClock,
  rows,
  sell,
  trySell,
} from '../../../test/unit/helpers/loyalty';

/**
 * Shifts on a real ledger: one open shift per terminal, no sale without one, and the close's
 * arithmetic: expected cash = float + cash sales + cash refunds. Card, gift-card and points
 * tenders are reported beside the cash and never counted in the drawer.
 */

let core: TestCore;

beforeEach(() => {
  core = openTestCore({ now: makeClock('2025-03-05T04:00:00.000Z').now });
  // The test template opened a shift with an empty drawer; these tests open their own.
  closeTemplateShift(core);
});
afterEach(() => core.cleanup());

const openShift = (floatMinor: number) =>
  unwrap(core.dispatch('shift.open', { floatMinor })) as ShiftView;

describe('opening', () => {
  it('no shift, no sale and no refund; opening one with a float lets the cashier sell', () => {
    expect(unwrap(core.dispatch('shift.current', {}))).toBeNull();
    expect(trySell(core, { lines: [goods(1000)] })).toMatchObject({
      ok: false,
      error: { code: 'shift_not_open' },
    });
    const shift = openShift(50_000);
    expect(shift).toMatchObject({
      floatMinor: 50_000,
      openedByName: 'Mandy Manager',
      closedAt: null,
    });
    expect(unwrap(core.dispatch('shift.current', {}))).toEqual(shift);
    const sale = sell(core, { lines: [goods(1000)] });
    expect(
      core.db
        .prepare('SELECT shift_id, tender FROM shift_sale WHERE sale_id = ?')
        .all(sale.sale.id),
    ).toEqual([{ shift_id: shift.id, tender: 'cash' }]);
    // The opening is audited: who, the float, the terminal; in the same transaction as the shift.
    const opened = rows<{
      subject_id: string;
      staff_id: string;
      terminal_id: string;
      after: string;
    }>(
      core,
      "SELECT subject_id, staff_id, terminal_id, after FROM audit_log WHERE action = 'shift.opened' AND subject_id = ?",
      shift.id,
    );
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({
      staff_id: core.terminal.cashier.id,
      terminal_id: core.terminal.terminalId,
    });
    expect(JSON.parse(opened[0]?.after ?? '{}')).toEqual({ floatMinor: 50_000 });
    // Head office hears of each opening and closing.
    expect(
      rows(core, "SELECT op_type FROM outbox WHERE op_type LIKE 'shift.%' ORDER BY seq"),
    ).toEqual([
      { op_type: 'shift.opened' },
      { op_type: 'shift.closed' },
      { op_type: 'shift.opened' },
    ]);
  });

  it('only one open shift per terminal (and the database refuses a second too)', () => {
    openShift(0);
    const audited = () =>
      rows(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'shift.opened'");
    const before = audited();
    // expectRefusal checks nothing is written, the audit row of the opening included.
    expectRefusal(core, 'shift.open', { floatMinor: 100 }, 'shift_already_open');
    expect(audited()).toEqual(before);
    expect(() =>
      core.db
        .prepare(
          `INSERT INTO shift (id, store_id, terminal_id, currency, opened_by, opened_at, float_minor, hlc)
           SELECT ?, store_id, terminal_id, currency, opened_by, opened_at, 0, hlc FROM shift LIMIT 1`,
        )
        .run(uuidv7()),
    ).toThrow(/UNIQUE/);
  });
});

describe('closing', () => {
  it('expected = float + cash sales − cash refunds; card, gift card and points are not cash', () => {
    const shift = openShift(20_000);
    const amy = enroll(core);
    // Cash HK$100, earns 100 points.
    const cash = sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    // Card HK$80.
    const card = unwrap(
      core.dispatch('sale.record', {
        saleId: uuidv7(),
        memberId: null,
        lines: [goods(8000)],
        redeemPoints: 0,
        moneyTender: 'card',
      }),
    ) as Receipt;
    // A HK$300 gift card bought with cash, then HK$50 of goods paid HK$30 by it and HK$20 cash.
    const giftSale = sell(core, {
      lines: [{ description: 'Gift card', quantity: 1, unitPriceMinor: 30_000, kind: 'gift_card' }],
    });
    const code = giftSale.giftCards[0]?.code ?? '';
    sell(core, { lines: [goods(5000)], giftCardPayments: [{ code, amountMinor: 3000 }] } as never);
    // HK$30 of goods: 100 points pay HK$5, HK$25 cash.
    sell(core, { memberId: amy.id, lines: [goods(3000)], redeemPoints: 100 });
    // Refunds: half the cash sale (cash back HK$50), all of the card sale (to the card).
    unwrap(
      core.dispatch('sale.refund', {
        saleId: cash.sale.id,
        refundId: uuidv7(),
        reason: 'One broken',
        lines: [{ lineNo: 1, quantity: 1 }],
      }),
    );
    unwrap(core.dispatch('sale.refund', { saleId: card.sale.id, refundId: uuidv7(), reason: 'x' }));

    const summary = unwrap(core.dispatch('shift.summary', {})) as ShiftSummary;
    // The first sale is one unit: refunding line 1 × 1 gives all its HK$100 back in cash.
    expect(summary.byTender).toEqual({
      cash: { salesMinor: 10_000 + 30_000 + 2000 + 2500, refundsMinor: -10_000 },
      card: { salesMinor: 8000, refundsMinor: -8000 },
      giftCard: { salesMinor: 3000, refundsMinor: 0 },
      points: { salesMinor: 500, refundsMinor: 0 },
    });
    expect(summary).toMatchObject({ saleCount: 5, refundCount: 2 });
    const expected = 20_000 + 44_500 - 10_000;
    expect(summary.expectedCashMinor).toBe(expected);
    expect(summary.cashSalesMinor - -summary.cashRefundsMinor + 20_000).toBe(expected);

    // Short by HK$12.30: the difference needs a note.
    expectRefusal(
      core,
      'shift.close',
      { shiftId: shift.id, countedMinor: expected - 1230 },
      'shift_note_required',
    );
    const closed = unwrap(
      core.dispatch('shift.close', {
        shiftId: shift.id,
        countedMinor: expected - 1230,
        note: 'Change given twice',
      }),
    ) as ShiftSummary;
    expect(closed).toMatchObject({
      expectedCashMinor: expected,
      countedMinor: expected - 1230,
      differenceMinor: -1230,
      shift: { note: 'Change given twice', closedByName: 'Mandy Manager' },
    });
    // The X/Z report helper reads the same figures from the core function.
    expect(shiftSummary(core.db, shift.id)).toEqual(closed);
    // Closed: no more sales until the next shift opens.
    expect(trySell(core, { lines: [goods(100)] })).toMatchObject({ ok: false });
    const audit = rows<{ before: string; after: string; reason: string }>(
      core,
      "SELECT before, after, reason FROM audit_log WHERE action = 'shift.closed' ORDER BY audit_no DESC LIMIT 1",
    )[0];
    expect(JSON.parse(audit?.before ?? '{}')).toEqual({
      floatMinor: 20_000,
      expectedMinor: expected,
    });
    expect(JSON.parse(audit?.after ?? '{}')).toEqual({
      countedMinor: expected - 1230,
      differenceMinor: -1230,
    });
    expect(audit?.reason).toBe('Change given twice');
    const op = rows<{ payload: string }>(
      core,
      "SELECT payload FROM outbox WHERE op_type = 'shift.closed' ORDER BY seq DESC LIMIT 1",
    )[0];
    expect(JSON.parse(op?.payload ?? '{}')).toMatchObject({
      shiftId: shift.id,
      expectedMinor: expected,
      differenceMinor: -1230,
      byTender: closed.byTender,
    });
  });

  it('a refund of a sale from an earlier shift counts in the shift open now, in the sale’s tender', () => {
    const first = openShift(0);
    const sale = unwrap(
      core.dispatch('sale.record', {
        saleId: uuidv7(),
        memberId: null,
        lines: [goods(4000)],
        redeemPoints: 0,
        moneyTender: 'card',
      }),
    ) as Receipt;
    unwrap(core.dispatch('shift.close', { shiftId: first.id, countedMinor: 0 }));
    const second = openShift(1000);
    unwrap(core.dispatch('sale.refund', { saleId: sale.sale.id, refundId: uuidv7(), reason: 'x' }));
    const summary = shiftSummary(core.db, second.id);
    expect(summary.byTender.card).toEqual({ salesMinor: 0, refundsMinor: -4000 });
    expect(summary.expectedCashMinor).toBe(1000);
  });

  it('a cashier closes only with a manager PIN; the audit names both', () => {
    const shift = openShift(0);
    const cara = unwrap(
      core.dispatch('staff.add', {
        name: 'Cara',
        role: 'cashier',
        pin: '4321',
        managerPin: MANAGER_PIN,
      }),
    ) as StaffMember;
    unwrap(core.dispatch('staff.signIn', { pin: '4321' }));
    expectRefusal(core, 'shift.close', { shiftId: shift.id, countedMinor: 0 }, 'manager_required');
    expectRefusal(core, 'shift.summary', {}, 'manager_required');
    unwrap(
      core.dispatch('shift.close', { shiftId: shift.id, countedMinor: 0, managerPin: MANAGER_PIN }),
    );
    const row = rows<{ staff_id: string; approved_by: string }>(
      core,
      "SELECT staff_id, approved_by FROM audit_log WHERE action = 'shift.closed' ORDER BY audit_no DESC LIMIT 1",
    )[0];
    expect(row?.staff_id).toBe(cara.id);
    expect(row?.approved_by).not.toBe(cara.id);
  });

  it('the database refuses editing a closed shift, or a close that is off without a note', () => {
    const shift = openShift(0);
    unwrap(core.dispatch('shift.close', { shiftId: shift.id, countedMinor: 0 }));
    expect(() =>
      core.db.prepare('UPDATE shift SET note = ? WHERE id = ?').run('x', shift.id),
    ).toThrow(/only be closed, once/);
    const next = openShift(0);
    expect(() =>
      core.db
        .prepare(
          `UPDATE shift SET closed_at = 'x', closed_by = opened_by, counted_minor = 5,
             expected_minor = 0, difference_minor = 5 WHERE id = ?`,
        )
        .run(next.id),
    ).toThrow(/CHECK/);
  });
});
