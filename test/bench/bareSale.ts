/**
 * The raw limit for recording a sale: bare better-sqlite3 doing the writes recordSale does for a
 * basket already priced outside the timed region, with nothing else: no input parsing, no repeat
 * check, no reads of the member's ledger, coupons or tier, no receipt read-back, and the rows in
 * the cheapest order. What SQLite and the disk allow for the same rows.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { HybridClock } from '../../shared/hlc';
import { uuidv7 } from '../../shared/ids';
import type { Program } from '../../shared/program';
import type { PricedCheckout } from '../../shared/rules/checkout';
import { addMonths } from '../../shared/rules/pointsLots';

/** One sale as the baseline writes it: the basket is priced by the shared rules beforehand. */
export interface BareSale {
  saleId: string;
  memberId: string;
  tierId: string | null;
  priced: PricedCheckout;
  /** The coupon redeemed on this sale, if any (its discount is in `priced`). */
  coupon: { id: string; code: string } | null;
}

interface TerminalRow {
  store_id: string;
  terminal_id: string;
  terminal_number: number;
  currency: string;
  current_staff_id: string;
}

/**
 * Returns a function that writes one sale in one transaction: the sale counter, the member's
 * cached balance (one update for the net change), the sale row, its lines, a redeem and an earn
 * points entry where the sale has them, a coupon use and one outbox row.
 */
export function bareSaleWriter(
  db: Database.Database,
  program: Program,
  now: () => number = Date.now,
): (sale: BareSale) => void {
  const t = db
    .prepare(
      `SELECT store_id, terminal_id, terminal_number, currency, current_staff_id
       FROM terminal WHERE id = 1`,
    )
    .get() as TerminalRow;
  const clock = new HybridClock(t.terminal_id, now);
  const takeSeq = db.prepare(
    'UPDATE terminal SET next_sale_seq = next_sale_seq + 1 WHERE id = 1 RETURNING next_sale_seq - 1 AS seq',
  );
  const addBalance = db.prepare(
    'UPDATE member SET points_balance = points_balance + ? WHERE id = ? RETURNING points_balance',
  );
  const insertSale = db.prepare(
    `INSERT INTO sale (id, number, kind, refund_of, member_id, currency, subtotal_minor,
       discount_minor, total_minor, points_redeemed, redeem_value_minor, gift_card_minor,
       paid_minor, earn_base_minor, points_earned, points_pending, points_shortfall_minor,
       balance_after, pending_after, tier_before, tier_after, reason, offline, store_id,
       terminal_id, staff_id, created_at, hlc)
     VALUES (?, ?, 'sale', NULL, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, 0, 0, ?, 0, ?, ?, NULL, 1, ?,
       ?, ?, ?, ?)`,
  );
  const insertLine = db.prepare(
    `INSERT INTO sale_line (sale_id, line_no, description, quantity, unit_price_minor,
       amount_minor, sku, category, kind, discount_minor, net_minor, points_earned,
       gift_card_code, refunds_line_no)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
  );
  const insertEntry = db.prepare(
    `INSERT INTO points_entry (id, member_id, kind, points, sale_id, reverses_id, lot_id,
       available_at, expires_at, reason, terminal_id, staff_id, created_at, hlc)
     VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL, ?, NULL, ?, ?, ?, ?)`,
  );
  const insertCouponUse = db.prepare(
    `INSERT INTO coupon_use (id, coupon_id, kind, sale_id, discount_minor, offline, terminal_id,
       staff_id, created_at, hlc) VALUES (?, ?, 'redeemed', ?, ?, 1, ?, ?, ?, ?)`,
  );
  const insertOutbox = db.prepare(
    `INSERT INTO outbox (seq, op_id, op_type, payload, terminal_id, staff_id, hlc, created_at)
     VALUES ((SELECT coalesce(max(seq), 0) + 1 FROM outbox), ?, ?, ?, ?, ?, ?, ?)
     RETURNING seq`,
  );
  const expiryMonths = program.expiry.months;

  return db.transaction((sale: BareSale) => {
    const { priced } = sale;
    const { seq } = takeSeq.get() as { seq: number };
    const number = `${t.terminal_number}-${String(seq).padStart(6, '0')}`;
    const hlc = clock.tick();
    const createdAt = new Date(now()).toISOString();
    const { points_balance: balance } = addBalance.get(
      priced.pointsEarned - priced.pointsRedeemed,
      sale.memberId,
    ) as { points_balance: number };

    const entries: { id: string; kind: string; points: number; expiresAt: string | null }[] = [];
    if (priced.pointsRedeemed > 0) {
      entries.push({
        id: uuidv7(),
        kind: 'redeem',
        points: -priced.pointsRedeemed,
        expiresAt: null,
      });
    }
    if (priced.pointsEarned > 0) {
      entries.push({
        id: uuidv7(),
        kind: 'earn',
        points: priced.pointsEarned,
        expiresAt: expiryMonths > 0 ? addMonths(createdAt, expiryMonths) : null,
      });
    }
    // The sale row goes before the rows that point at it: its balance is known from the update,
    // and a sale inserted while deferred foreign keys to it are pending makes SQLite look for
    // children in every table that refers to sale(id), scanning whole those without an index.
    insertSale.run(
      sale.saleId,
      number,
      sale.memberId,
      t.currency,
      priced.subtotalMinor,
      priced.discountMinor,
      priced.totalMinor,
      priced.pointsRedeemed,
      priced.redeemValueMinor,
      priced.paidMinor,
      priced.earnBaseMinor,
      priced.pointsEarned,
      balance,
      sale.tierId,
      sale.tierId,
      t.store_id,
      t.terminal_id,
      t.current_staff_id,
      createdAt,
      hlc,
    );
    for (const line of priced.lines) {
      insertLine.run(
        sale.saleId,
        line.lineNo,
        line.description,
        line.quantity,
        line.unitPriceMinor,
        line.amountMinor,
        line.sku,
        line.category,
        line.kind,
        line.discountMinor,
        line.netMinor,
        line.pointsEarned,
      );
    }
    for (const entry of entries) {
      insertEntry.run(
        entry.id,
        sale.memberId,
        entry.kind,
        entry.points,
        sale.saleId,
        entry.expiresAt,
        t.terminal_id,
        t.current_staff_id,
        createdAt,
        hlc,
      );
    }
    const couponUses = [];
    if (sale.coupon) {
      const id = uuidv7();
      const discount = priced.couponDiscounts[0]?.discountMinor ?? 0;
      insertCouponUse.run(
        id,
        sale.coupon.id,
        sale.saleId,
        discount,
        t.terminal_id,
        t.current_staff_id,
        createdAt,
        hlc,
      );
      couponUses.push({
        id,
        couponId: sale.coupon.id,
        code: sale.coupon.code,
        discountMinor: discount,
      });
    }
    insertOutbox.get(
      uuidv7(),
      'sale.recorded',
      JSON.stringify({
        saleId: sale.saleId,
        number,
        memberId: sale.memberId,
        currency: t.currency,
        totalMinor: priced.totalMinor,
        redeemValueMinor: priced.redeemValueMinor,
        paidMinor: priced.paidMinor,
        giftCardMinor: 0,
        earnBaseMinor: priced.earnBaseMinor,
        lines: priced.lines.map((line) => ({
          lineNo: line.lineNo,
          description: line.description,
          quantity: line.quantity,
          unitPriceMinor: line.unitPriceMinor,
          amountMinor: line.amountMinor,
        })),
        offline: true,
        pointsEntries: entries.map((entry) => ({
          ...entry,
          memberId: sale.memberId,
          saleId: sale.saleId,
          reversesId: null,
          lotId: null,
          availableAt: null,
        })),
        couponUses,
        storedValueEntries: [],
      }),
      t.terminal_id,
      t.current_staff_id,
      hlc,
      createdAt,
    );
  });
}
