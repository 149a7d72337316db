import type Database from 'better-sqlite3-multiple-ciphers';
import type { ShiftSummary, TenderTotal } from '../../../shared/staff';
import { DomainError } from '../../../shared/result';
import { prepared } from '../db/statements';
import { shiftRowById, shiftView } from './shiftStore';

interface TotalsRow {
  kind: 'sale' | 'refund';
  tender: 'cash' | 'card';
  n: number;
  paid: number;
  gift_card: number;
  points: number;
}

const empty = (): TenderTotal => ({ salesMinor: 0, refundsMinor: 0 });

/**
 * What a shift took, by tender, and the cash the drawer should hold: the float, plus the money of
 * cash sales, plus cash refunds (negative). Gift cards and points paid part of some sales but put
 * no cash in the drawer, so they are reported beside it, never in it. A card sale's money is card.
 * For the close, and for X and Z reports (called with an open or a closed shift).
 */
export function shiftSummary(db: Database.Database, shiftId: string): ShiftSummary {
  const row = shiftRowById(db, shiftId);
  if (!row) throw new DomainError('shift_not_open', 'No shift has that id.', { field: 'shiftId' });
  const totals = prepared(
    db,
    `SELECT s.kind, ss.tender, count(*) AS n, sum(s.paid_minor) AS paid,
       sum(s.gift_card_minor) AS gift_card, sum(s.redeem_value_minor) AS points
     FROM shift_sale ss JOIN sale s ON s.id = ss.sale_id
     WHERE ss.shift_id = ?
     GROUP BY s.kind, ss.tender`,
  ).all(shiftId) as TotalsRow[];

  const byTender = { cash: empty(), card: empty(), giftCard: empty(), points: empty() };
  let saleCount = 0;
  let refundCount = 0;
  for (const t of totals) {
    const side = t.kind === 'sale' ? 'salesMinor' : 'refundsMinor';
    if (t.kind === 'sale') saleCount += t.n;
    else refundCount += t.n;
    byTender[t.tender][side] += t.paid;
    byTender.giftCard[side] += t.gift_card;
    byTender.points[side] += t.points;
  }
  const cashSalesMinor = byTender.cash.salesMinor;
  const cashRefundsMinor = byTender.cash.refundsMinor;
  const expectedCashMinor = row.float_minor + cashSalesMinor + cashRefundsMinor;
  return {
    shift: shiftView(row),
    saleCount,
    refundCount,
    cashSalesMinor,
    cashRefundsMinor,
    expectedCashMinor,
    countedMinor: row.counted_minor,
    differenceMinor: row.difference_minor,
    byTender,
  };
}
