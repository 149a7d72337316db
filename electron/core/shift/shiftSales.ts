import type Database from 'better-sqlite3';
import type { MoneyTender } from '../../../shared/staff';
import { requireTerminal } from '../terminal/terminalStore';
import { insertShiftSale, requireOpenShift, tenderOfSale } from './shiftStore';

/**
 * Notes a sale in the open shift, with the tender its money went through. Called inside the
 * sale's transaction, after its row: with no shift open it refuses, and the whole sale rolls back.
 */
export function ringUpInShift(db: Database.Database, saleId: string, tender: MoneyTender): void {
  const shift = requireOpenShift(db, requireTerminal(db).terminalId);
  insertShiftSale(db, saleId, shift.id, tender);
}

/**
 * A refund gives money back the way it came: a card sale to the card, a cash sale from the
 * drawer. A sale rung up before shifts existed counts as cash. The refund belongs to the shift
 * open now, whichever shift the sale was in.
 */
export function ringUpRefundInShift(db: Database.Database, refundId: string, saleId: string): void {
  ringUpInShift(db, refundId, tenderOfSale(db, saleId) ?? 'cash');
}
