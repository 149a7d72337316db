import type Database from 'better-sqlite3-multiple-ciphers';
import type { SyncOperation } from '../../../shared/sync/protocol';
import { saleRecorded, saleRefunded, memberEnrolled } from '../../../shared/sync/operations';
import { prepared } from '../db/statements';
import { createLogger } from '../../../shared/logger';

const log = createLogger('restore');

export interface Reapplied {
  operations: number;
  sales: number;
  /** Sales or refunds whose rows could not be rebuilt (still in the outbox and at head office). */
  skipped: number;
}

interface LocalTerminal {
  store_id: string;
  terminal_id: string;
  terminal_number: number;
}

/**
 * Writes this terminal's own operations after the backup point back into the restored ledger, in
 * one transaction: each into the outbox at its seq, already acknowledged (head office holds it),
 * so the next operation takes the seq after head office's mark; and the sales and refunds among
 * them as rows, so the day's sales, reprints and refunds find them. Sale and card numbers move
 * past the highest one used. Points, coupons and members come back through the pull streams,
 * which carry head office's view of them (pulled before this, so the members the sales name are
 * there).
 */
export function reapplyOwnOperations(
  db: Database.Database,
  operations: readonly SyncOperation[],
  ackedAt: string,
  highWaterMark: number,
): Reapplied {
  const done: Reapplied = { operations: 0, sales: 0, skipped: 0 };
  db.transaction(() => {
    prepared(
      db,
      'UPDATE sync_state SET high_water_mark = max(high_water_mark, ?) WHERE id = 1',
    ).run(highWaterMark);
    if (operations.length === 0) return;
    const terminal = prepared(
      db,
      'SELECT store_id, terminal_id, terminal_number FROM terminal WHERE id = 1',
    ).get() as LocalTerminal;
    const insertOutbox = prepared(
      db,
      `INSERT INTO outbox (seq, op_id, op_type, payload, terminal_id, staff_id, hlc, created_at,
         acked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let saleSeq = 0;
    let cardSeq = 0;
    for (const op of operations) {
      insertOutbox.run(
        op.seq,
        op.opId,
        op.type,
        JSON.stringify(op.payload ?? null),
        terminal.terminal_id,
        op.staffId,
        op.hlc,
        op.createdAt,
        ackedAt,
      );
      done.operations += 1;
      if (op.type === 'sale.recorded' || op.type === 'sale.refunded') {
        const number = rebuildSale(db, terminal, op);
        if (number === null) done.skipped += 1;
        else {
          done.sales += 1;
          saleSeq = Math.max(saleSeq, seqOfSaleNumber(number, terminal.terminal_number));
        }
      } else if (op.type === 'member.enrolled') {
        const parsed = memberEnrolled.safeParse(op.payload);
        if (parsed.success) cardSeq = Math.max(cardSeq, seqOfCard(parsed.data.cardNumber));
      }
    }
    prepared(
      db,
      `UPDATE terminal SET next_sale_seq = max(next_sale_seq, ?),
         next_card_seq = max(next_card_seq, ?) WHERE id = 1`,
    ).run(saleSeq + 1, cardSeq + 1);
  })();
  return done;
}

/** `12345-000042` → 42 when it is this terminal's. */
function seqOfSaleNumber(number: string, terminalNumber: number): number {
  const match = /^(\d{5})-(\d{6,})$/.exec(number);
  return match && Number(match[1]) === terminalNumber ? Number(match[2]) : 0;
}

/** `2 TTTTT SSSSSS C` → SSSSSS. */
function seqOfCard(card: string): number {
  return /^\d{13}$/.test(card) ? Number(card.slice(6, 12)) : 0;
}

/** The sale's number when its row is there (rebuilt now, or already), null when it cannot be. */
function rebuildSale(
  db: Database.Database,
  terminal: LocalTerminal,
  op: SyncOperation,
): string | null {
  try {
    return op.type === 'sale.recorded'
      ? rebuildRecorded(db, terminal, op)
      : rebuildRefunded(db, terminal, op);
  } catch (error) {
    // A row the schema refuses (a payload from an older terminal): the operation itself is kept.
    log.warn(`could not rebuild the sale of operation ${op.seq}`, { error: String(error) });
    return null;
  }
}

function ensureStaff(db: Database.Database, staffId: string, at: string): void {
  // Staff are not synced: someone added after the backup comes back as an inactive name-less
  // entry, so their sales keep who rang them up (the id) without giving anyone a PIN.
  prepared(
    db,
    `INSERT INTO staff (id, name, role, created_at, deactivated_at)
     VALUES (?, 'Restored staff member', 'cashier', ?, ?) ON CONFLICT (id) DO NOTHING`,
  ).run(staffId, at, at);
}

function knownMember(db: Database.Database, memberId: string | null): string | null {
  if (!memberId) return null;
  const row = prepared(db, 'SELECT id FROM member WHERE id = ?').get(memberId);
  return row ? memberId : null;
}

function saleExists(db: Database.Database, id: string): boolean {
  return prepared(db, 'SELECT 1 FROM sale WHERE id = ?').get(id) !== undefined;
}

const INSERT_SALE = `INSERT INTO sale (id, number, kind, refund_of, member_id, currency,
  subtotal_minor, discount_minor, total_minor, points_redeemed, redeem_value_minor,
  gift_card_minor, paid_minor, earn_base_minor, points_earned, points_pending, balance_after,
  pending_after, debt_after, tier_before, tier_after, reason, offline, store_id, terminal_id,
  staff_id, created_at, hlc)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, NULL, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

function rebuildRecorded(db: Database.Database, terminal: LocalTerminal, op: SyncOperation) {
  const sale = saleRecorded.parse(op.payload);
  if (saleExists(db, sale.saleId)) return sale.number;
  ensureStaff(db, op.staffId, op.createdAt);
  const subtotal = sale.lines.reduce((sum, line) => sum + line.amountMinor, 0);
  const giftCard = sale.giftCardMinor ?? 0;
  const entries = sale.pointsEntries ?? [];
  const redeemed = -entries.filter((e) => e.kind === 'redeem').reduce((s, e) => s + e.points, 0);
  const earned = entries.filter((e) => e.kind === 'earn').reduce((s, e) => s + e.points, 0);
  prepared(db, INSERT_SALE).run(
    sale.saleId,
    sale.number,
    'sale',
    null,
    knownMember(db, sale.memberId),
    sale.currency,
    Math.max(subtotal, sale.totalMinor),
    Math.max(subtotal, sale.totalMinor) - sale.totalMinor,
    sale.totalMinor,
    redeemed,
    sale.redeemValueMinor,
    giftCard,
    sale.totalMinor - sale.redeemValueMinor - giftCard,
    sale.earnBaseMinor ?? sale.paidMinor,
    earned,
    sale.tierBefore ?? null,
    sale.tierAfter ?? null,
    null,
    sale.offline ? 1 : 0,
    terminal.store_id,
    terminal.terminal_id,
    op.staffId,
    op.createdAt,
    op.hlc,
  );
  const insertLine = prepared(
    db,
    `INSERT INTO sale_line (sale_id, line_no, description, quantity, unit_price_minor,
       amount_minor, sku, category, kind, discount_minor, net_minor, points_earned,
       gift_card_code, refunds_line_no)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)`,
  );
  for (const line of sale.lines) {
    const discount = line.discountMinor ?? 0;
    insertLine.run(
      sale.saleId,
      line.lineNo,
      line.description,
      line.quantity,
      line.unitPriceMinor,
      line.amountMinor,
      line.sku ?? null,
      line.category ?? null,
      line.kind ?? 'goods',
      discount,
      line.amountMinor - discount,
      line.pointsEarned ?? 0,
    );
  }
  return sale.number;
}

function rebuildRefunded(db: Database.Database, terminal: LocalTerminal, op: SyncOperation) {
  const refund = saleRefunded.parse(op.payload);
  if (saleExists(db, refund.refundId)) return refund.number;
  if (!saleExists(db, refund.saleId)) return null;
  ensureStaff(db, op.staffId, op.createdAt);
  const paid = refund.paidMinor ?? refund.totalMinor;
  prepared(db, INSERT_SALE).run(
    refund.refundId,
    refund.number,
    'refund',
    refund.saleId,
    knownMember(db, refund.memberId),
    (
      prepared(db, 'SELECT currency FROM sale WHERE id = ?').get(refund.saleId) as {
        currency: string;
      }
    ).currency,
    refund.totalMinor,
    0,
    refund.totalMinor,
    0,
    refund.totalMinor - paid,
    0,
    paid,
    paid,
    0,
    null,
    null,
    refund.reason,
    0,
    terminal.store_id,
    terminal.terminal_id,
    op.staffId,
    op.createdAt,
    op.hlc,
  );
  return refund.number;
}
