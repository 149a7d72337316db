import type Database from 'better-sqlite3-multiple-ciphers';
import type { SalePayment } from '../../../shared/domain';
import type { MoneyTender } from '../../../shared/staff';
import { DomainError } from '../../../shared/result';
import { cashTendered } from '../../../shared/rules/cashTendered';
import { requireTerminal } from '../terminal/terminalStore';
import { insertShiftSale, requireOpenShiftId, tenderOfSale } from './shiftStore';

/** How the cashier said the money was paid: the tender, and with cash what was handed over. */
export interface TenderInput {
  moneyTender?: MoneyTender | undefined;
  cashReceivedMinor?: number | undefined;
}

/**
 * Checks what the customer handed over against what is due: only cash has an amount received,
 * and it must cover the amount due. Returns the sale's payment as its receipt shows it.
 */
export function paymentOf(input: TenderInput, dueMinor: number): SalePayment {
  const tender = input.moneyTender ?? 'cash';
  const received = input.cashReceivedMinor;
  if (received === undefined) return { tender, cashReceivedMinor: null, changeMinor: null };
  if (tender !== 'cash') {
    throw new DomainError(
      'cash_received_with_card',
      'Cash received is only for a cash sale; a card sale takes no cash.',
      { field: 'cashReceivedMinor' },
    );
  }
  const tendered = cashTendered(received, dueMinor);
  if (!tendered.ok) {
    throw new DomainError(
      'cash_received_short',
      `The cash received (${received}) is less than the amount due (${dueMinor}).`,
      {
        field: 'cashReceivedMinor',
        details: { due: dueMinor, received, short: tendered.shortMinor },
      },
    );
  }
  return { tender, cashReceivedMinor: received, changeMinor: tendered.changeMinor };
}

/**
 * Notes a sale in the open shift, with the tender its money went through and the cash handed
 * over. Called inside the sale's transaction, after its row: with no shift open, or cash short
 * of what is due, it refuses and the whole sale rolls back.
 */
export function ringUpInShift(
  db: Database.Database,
  saleId: string,
  input: TenderInput,
  dueMinor: number,
): SalePayment {
  const payment = paymentOf(input, dueMinor);
  const shiftId = requireOpenShiftId(db, requireTerminal(db).terminalId);
  insertShiftSale(db, saleId, shiftId, payment.tender, payment.cashReceivedMinor);
  return payment;
}

/**
 * A refund gives money back the way it came: a card sale to the card, a cash sale from the
 * drawer. A sale rung up before shifts existed counts as cash. The refund belongs to the shift
 * open now, whichever shift the sale was in.
 */
export function ringUpRefundInShift(db: Database.Database, refundId: string, saleId: string): void {
  const shiftId = requireOpenShiftId(db, requireTerminal(db).terminalId);
  insertShiftSale(db, refundId, shiftId, tenderOfSale(db, saleId) ?? 'cash', null);
}
