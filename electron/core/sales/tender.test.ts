import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Receipt, Sale } from '../../../shared/domain';
import type { Report } from '../../../shared/reports/report';
import type { ShiftSummary } from '../../../shared/staff';
import {
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
  refund,
  rows,
  sell,
} from '../../../test/unit/helpers/loyalty';
import { uuidv7 } from '../../../shared/ids';

/**
 * Cash or card at the counter, on a real ledger: the receipt, a reprint and the sales list say
 * how the money was paid; for cash, what was handed over and the change (received − due, never
 * short); the shift and the X report count cash and card apart.
 */

let core: TestCore;

beforeEach(() => {
  core = openTestCore({ now: makeClock('2025-03-05T04:00:00.000Z').now });
  // The template's shift was opened on the wall clock; these tests trade in one of their own.
  closeTemplateShift(core);
  unwrap(core.dispatch('shift.open', { floatMinor: 0 }));
});
afterEach(() => core.cleanup());

const reprint = (saleId: string) => unwrap(core.dispatch('sale.get', { saleId })) as Receipt;
const recent = () => unwrap(core.dispatch('sale.recent', {})) as Sale[];

describe('cash with the amount handed over', () => {
  it('HK$154.50 due, HK$200 received: change HK$45.50 on the receipt, the reprint and the list', () => {
    const receipt = sell(core, { lines: [goods(15_450)], cashReceivedMinor: 20_000 });
    expect(receipt.sale.payment).toEqual({
      tender: 'cash',
      cashReceivedMinor: 20_000,
      changeMinor: 4550,
    });
    // The receipt built from the values written equals the one read back from the ledger.
    expect(reprint(receipt.sale.id)).toEqual(receipt);
    expect(recent()[0]?.payment).toEqual(receipt.sale.payment);
    expect(
      rows(
        core,
        'SELECT tender, cash_received_minor FROM shift_sale WHERE sale_id = ?',
        receipt.sale.id,
      ),
    ).toEqual([{ tender: 'cash', cash_received_minor: 20_000 }]);
  });

  it('exact cash gives no change; no amount typed is a cash sale without received or change', () => {
    expect(sell(core, { lines: [goods(5000)], cashReceivedMinor: 5000 }).sale.payment).toEqual({
      tender: 'cash',
      cashReceivedMinor: 5000,
      changeMinor: 0,
    });
    const plain = sell(core, { lines: [goods(5000)] });
    expect(plain.sale.payment).toEqual({
      tender: 'cash',
      cashReceivedMinor: null,
      changeMinor: null,
    });
    expect(reprint(plain.sale.id).sale.payment).toEqual(plain.sale.payment);
  });

  it('what is due is what is left after points: received is checked against that', () => {
    const amy = enroll(core);
    sell(core, { memberId: amy.id, lines: [goods(20_000)] }); // 200 points
    // HK$30 less 100 points (HK$5) leaves HK$25 to pay: HK$25 is enough, HK$24.99 is not.
    expectRefusal(
      core,
      'sale.record',
      {
        saleId: uuidv7(),
        memberId: amy.id,
        lines: [goods(3000)],
        redeemPoints: 100,
        cashReceivedMinor: 2499,
      },
      'cash_received_short',
    );
    const paid = sell(core, {
      memberId: amy.id,
      lines: [goods(3000)],
      redeemPoints: 100,
      cashReceivedMinor: 2500,
    });
    expect(paid.sale).toMatchObject({ paidMinor: 2500, payment: { changeMinor: 0 } });
  });

  it('less than what is due is refused with the amounts, and nothing is written', () => {
    const error = expectRefusal(
      core,
      'sale.record',
      {
        saleId: uuidv7(),
        memberId: null,
        lines: [goods(15_450)],
        redeemPoints: 0,
        cashReceivedMinor: 15_000,
      },
      'cash_received_short',
    );
    expect(error).toMatchObject({
      field: 'cashReceivedMinor',
      details: { due: 15_450, received: 15_000, short: 450 },
    });
  });

  it('cash received on a card sale is refused, nothing written', () => {
    expectRefusal(
      core,
      'sale.record',
      {
        saleId: uuidv7(),
        memberId: null,
        lines: [goods(1000)],
        redeemPoints: 0,
        moneyTender: 'card',
        cashReceivedMinor: 1000,
      },
      'cash_received_with_card',
    );
  });
});

describe('card', () => {
  it('a card sale says card on its receipt; its refund goes back to the card', () => {
    const sale = sell(core, { lines: [goods(8000)], moneyTender: 'card' });
    expect(sale.sale.payment).toEqual({
      tender: 'card',
      cashReceivedMinor: null,
      changeMinor: null,
    });
    const back = refund(core, sale.sale.id);
    expect(back.sale.payment).toEqual({
      tender: 'card',
      cashReceivedMinor: null,
      changeMinor: null,
    });
    expect(recent().map((s) => [s.kind, s.payment?.tender])).toEqual([
      ['refund', 'card'],
      ['sale', 'card'],
    ]);
  });

  it('the shift, the X report and its shift section count cash and card apart', () => {
    sell(core, { lines: [goods(10_000)], cashReceivedMinor: 10_000 });
    const card = sell(core, { lines: [goods(8000)], moneyTender: 'card' });
    sell(core, { lines: [goods(3000)], moneyTender: 'card' });
    refund(core, card.sale.id);
    const summary = unwrap(core.dispatch('shift.summary', {})) as ShiftSummary;
    expect(summary.byTender.cash).toEqual({ salesMinor: 10_000, refundsMinor: 0 });
    expect(summary.byTender.card).toEqual({ salesMinor: 11_000, refundsMinor: -8000 });
    expect(summary.expectedCashMinor).toBe(10_000);

    const x = unwrap(core.dispatch('report.x', {})) as Report;
    expect(x.moneyByTender).toEqual({ cashMinor: 10_000, cardMinor: 3000 });
    expect(x.moneyByTender.cashMinor + x.moneyByTender.cardMinor).toBe(x.totals.moneyPaidMinor);
    expect(x.shift).toMatchObject({
      cashNetMinor: 10_000,
      cardNetMinor: 3000,
      expectedMinor: 10_000,
    });
  });
});
