import type Database from 'better-sqlite3';
import type { SaleKind, SaleLine } from '../../../shared/domain';
import { prepared } from '../db/statements';
import type { Stamp } from '../context';

export interface NewSale {
  id: string;
  number: string;
  kind: SaleKind;
  refundOf: string | null;
  memberId: string | null;
  currency: string;
  totalMinor: number;
  pointsRedeemed: number;
  redeemValueMinor: number;
  paidMinor: number;
  pointsEarned: number;
  balanceAfter: number | null;
  reason: string | null;
  lines: SaleLine[];
}

export function insertSale(db: Database.Database, stamp: Stamp, sale: NewSale): void {
  prepared(
    db,
    `INSERT INTO sale (id, number, kind, refund_of, member_id, currency, total_minor,
       points_redeemed, redeem_value_minor, paid_minor, points_earned, balance_after, reason,
       store_id, terminal_id, staff_id, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    sale.id,
    sale.number,
    sale.kind,
    sale.refundOf,
    sale.memberId,
    sale.currency,
    sale.totalMinor,
    sale.pointsRedeemed,
    sale.redeemValueMinor,
    sale.paidMinor,
    sale.pointsEarned,
    sale.balanceAfter,
    sale.reason,
    stamp.storeId,
    stamp.terminalId,
    stamp.staffId,
    stamp.createdAt,
    stamp.hlc,
  );
  const insertLine = prepared(
    db,
    `INSERT INTO sale_line (sale_id, line_no, description, quantity, unit_price_minor, amount_minor)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  for (const line of sale.lines) {
    insertLine.run(
      sale.id,
      line.lineNo,
      line.description,
      line.quantity,
      line.unitPriceMinor,
      line.amountMinor,
    );
  }
}
