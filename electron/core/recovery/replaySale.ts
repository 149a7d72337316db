import type Database from 'better-sqlite3-multiple-ciphers';
import type { Currency } from '../../../shared/money';
import type { TaxMode } from '../../../shared/rules/tax';
import { addMonths } from '../../../shared/rules/pointsLots';
import type { SyncOperation } from '../../../shared/sync/protocol';
import {
  saleRecorded,
  saleRefunded,
  shiftClosed,
  shiftOpened,
  type SyncedCouponUse,
  type SyncedPointsEntry,
  type SyncedStoredValueEntry,
} from '../../../shared/sync/operations';
import { createLogger } from '../../../shared/logger';
import type { Stamp } from '../context';
import { prepared } from '../db/statements';
import { appendPointsEntry } from '../points/pointsLedger';
import { insertCouponUse, insertCouponVoid } from '../coupons/couponStore';
import { appendStoredValue, createGiftCard, giftCardByCode } from '../giftCards/giftCards';
import { readProgram } from '../program/programStore';
import { insertSale } from '../sales/saleMutations';
import { linesOf } from '../sales/saleQueries';
import { refundLineUnits } from '../../../shared/rules/refund';
import { closeShiftRow, insertShift, insertShiftSale, shiftRowById } from '../shift/shiftStore';

const log = createLogger('restore');

/**
 * A sale, refund or shift this terminal wrote after the backup it was restored from, written back
 * from the operation it sent head office, through the writers that wrote it the first time: the
 * sale and its lines, its points entries (moving the member's cached balance), coupon uses and
 * voids, gift-card entries (creating the cards it sold, moving their balances) and its place in
 * its shift with the tender, each with the id it was first written with. Nothing is priced again:
 * the operation holds what was decided then.
 */
export interface ReplayTerminal {
  store_id: string;
  terminal_id: string;
  currency: string;
}

const stampOf = (terminal: ReplayTerminal, op: SyncOperation): Stamp => ({
  storeId: terminal.store_id,
  terminalId: terminal.terminal_id,
  staffId: op.staffId,
  hlc: op.hlc,
  createdAt: op.createdAt,
});

function ensureStaff(db: Database.Database, staffId: string, at: string): void {
  // Staff are not synced: someone added after the backup comes back as an inactive name-less
  // entry, so their sales keep who rang them up (the id) without giving anyone a PIN.
  prepared(
    db,
    `INSERT INTO staff (id, name, role, created_at, deactivated_at)
     VALUES (?, 'Restored staff member', 'cashier', ?, ?) ON CONFLICT (id) DO NOTHING`,
  ).run(staffId, at, at);
}

const memberKnown = (db: Database.Database, memberId: string | null): memberId is string =>
  memberId !== null &&
  prepared(db, 'SELECT 1 FROM member WHERE id = ?').get(memberId) !== undefined;

export const saleRowExists = (db: Database.Database, id: string): boolean =>
  prepared(db, 'SELECT 1 FROM sale WHERE id = ?').get(id) !== undefined;

function replayPoints(db: Database.Database, stamp: Stamp, entries: readonly SyncedPointsEntry[]) {
  for (const entry of entries) {
    // A member head office no longer sends (merged away) keeps its entries there, not here.
    if (!memberKnown(db, entry.memberId)) {
      log.warn('a restored points entry names a member this terminal does not hold');
      continue;
    }
    appendPointsEntry(db, stamp, {
      id: entry.id,
      memberId: entry.memberId,
      kind: entry.kind,
      points: entry.points,
      saleId: entry.saleId,
      reversesId: entry.reversesId,
      lotId: entry.lotId ?? null,
      availableAt: entry.availableAt ?? null,
      expiresAt: entry.expiresAt ?? null,
    });
  }
}

function replayCouponUses(
  db: Database.Database,
  stamp: Stamp,
  saleId: string,
  kind: 'redeemed' | 'returned',
  uses: readonly SyncedCouponUse[],
  offline: boolean,
): void {
  for (const use of uses) {
    if (prepared(db, 'SELECT 1 FROM coupon WHERE id = ?').get(use.couponId) === undefined) {
      log.warn('a restored coupon use names a coupon this terminal does not hold');
      continue;
    }
    insertCouponUse(db, stamp, {
      id: use.id,
      couponId: use.couponId,
      kind: use.kind ?? kind,
      saleId,
      discountMinor: use.discountMinor ?? 0,
      offline,
    });
  }
}

/**
 * The gift-card entries, in the order they were written; a card sold by this sale is made first,
 * with the expiry the program gives it.
 */
function replayStoredValue(
  db: Database.Database,
  stamp: Stamp,
  saleId: string,
  currency: string,
  entries: readonly SyncedStoredValueEntry[],
): void {
  for (const entry of entries) {
    let card = giftCardByCode(db, entry.code);
    if (!card && entry.kind === 'activate') {
      const months = readProgram(db).giftCards.expiryMonths;
      card = createGiftCard(db, stamp, {
        id: entry.giftCardId,
        code: entry.code,
        currency: currency as Currency,
        expiresAt: months > 0 ? addMonths(stamp.createdAt, months) : null,
        saleId,
      });
    }
    if (!card) {
      log.warn('a restored gift-card entry names a card this terminal does not hold');
      continue;
    }
    appendStoredValue(db, stamp, card, entry.kind, entry.amountMinor, saleId, entry.id);
  }
}

function replayShiftSale(
  db: Database.Database,
  saleId: string,
  shiftId: string | null | undefined,
  tender: 'cash' | 'card',
  cashReceivedMinor: number | null,
): void {
  if (!shiftId || !shiftRowById(db, shiftId)) return;
  insertShiftSale(db, saleId, shiftId, tender, cashReceivedMinor);
}

/** The sale's number when its row is there (written now, or already). */
export function replaySaleRecorded(
  db: Database.Database,
  terminal: ReplayTerminal,
  op: SyncOperation,
): string {
  const sale = saleRecorded.parse(op.payload);
  if (saleRowExists(db, sale.saleId)) return sale.number;
  const stamp = stampOf(terminal, op);
  ensureStaff(db, op.staffId, op.createdAt);
  const memberId = memberKnown(db, sale.memberId) ? sale.memberId : null;
  const subtotal = sale.lines.reduce((sum, line) => sum + line.amountMinor, 0);
  const giftCard = sale.giftCardMinor ?? 0;
  const entries = sale.pointsEntries ?? [];
  const own = entries.filter((e) => e.saleId === sale.saleId);
  const redeemed = -own.filter((e) => e.kind === 'redeem').reduce((s, e) => s + e.points, 0);
  const earned = own.filter((e) => e.kind === 'earn').reduce((s, e) => s + e.points, 0);
  const pending = own.some((e) => e.kind === 'earn' && e.availableAt) ? earned : 0;
  // Cards sold or topped up by a line, in line order, as recordSale gave them their codes.
  const cardCodes = (sale.storedValueEntries ?? [])
    .filter((e) => e.kind === 'activate' || e.kind === 'top_up')
    .map((e) => e.code);
  const taxMode = sale.taxMode ?? 'none';
  const tax = sale.taxMinor ?? 0;
  // The total before tax added at the till: subtotal less discount.
  const beforeAdded = sale.totalMinor - (taxMode === 'exclusive' ? tax : 0);
  insertSale(db, stamp, {
    id: sale.saleId,
    number: sale.number,
    kind: 'sale',
    refundOf: null,
    memberId,
    currency: sale.currency,
    subtotalMinor: Math.max(subtotal, beforeAdded),
    discountMinor: Math.max(subtotal, beforeAdded) - beforeAdded,
    totalMinor: sale.totalMinor,
    taxMode,
    taxMinor: tax,
    pointsRedeemed: redeemed,
    redeemValueMinor: sale.redeemValueMinor,
    giftCardMinor: giftCard,
    paidMinor: sale.paidMinor,
    earnBaseMinor: sale.earnBaseMinor ?? sale.paidMinor,
    pointsEarned: earned,
    pointsPending: pending,
    pointsShortfallMinor: 0,
    balanceAfter: null,
    pendingAfter: null,
    debtAfter: null,
    tierBefore: sale.tierBefore ?? null,
    tierAfter: sale.tierAfter ?? null,
    reason: null,
    offline: sale.offline ?? false,
    lines: sale.lines.map((line) => {
      const kind = line.kind ?? 'goods';
      const discount = line.discountMinor ?? 0;
      return {
        lineNo: line.lineNo,
        description: line.description,
        quantity: line.quantity,
        unitPriceMinor: line.unitPriceMinor,
        amountMinor: line.amountMinor,
        sku: line.sku ?? null,
        category: line.category ?? null,
        kind,
        discountMinor: discount,
        netMinor: line.netMinor ?? line.amountMinor - discount,
        pointsEarned: line.pointsEarned ?? 0,
        giftCardCode: kind === 'goods' ? null : (cardCodes.shift() ?? null),
        refundsLineNo: null,
        taxRateBasisPoints: line.taxRateBasisPoints ?? 0,
        taxMinor: line.taxMinor ?? 0,
      };
    }),
  });
  replayPoints(db, stamp, entries);
  replayCouponUses(db, stamp, sale.saleId, 'redeemed', sale.couponUses ?? [], !!sale.offline);
  replayStoredValue(db, stamp, sale.saleId, sale.currency, sale.storedValueEntries ?? []);
  replayShiftSale(
    db,
    sale.saleId,
    sale.shiftId,
    sale.moneyTender ?? 'cash',
    sale.cashReceivedMinor ?? null,
  );
  return sale.number;
}

/** The refund's number when its row is there, null when its sale is not. */
export function replaySaleRefunded(
  db: Database.Database,
  terminal: ReplayTerminal,
  op: SyncOperation,
): string | null {
  const refund = saleRefunded.parse(op.payload);
  if (saleRowExists(db, refund.refundId)) return refund.number;
  if (!saleRowExists(db, refund.saleId)) return null;
  const stamp = stampOf(terminal, op);
  ensureStaff(db, op.staffId, op.createdAt);
  const paid = refund.paidMinor ?? refund.totalMinor;
  const sale = prepared(db, 'SELECT currency, tax_mode FROM sale WHERE id = ?').get(
    refund.saleId,
  ) as { currency: string; tax_mode: TaxMode };
  const entries = refund.pointsEntries ?? [];
  // The lines given back, priced by the shared rule against what earlier refunds took, as
  // refundSale priced them (each earlier refund was replayed before this one).
  const original = linesOf(db, refund.saleId);
  const returned = (refund.lines ?? []).flatMap(({ lineNo, quantity }) => {
    const line = original.find((l) => l.lineNo === lineNo);
    return line
      ? [{ line, quantity, ...refundLineUnits(line, line.refundedQuantity, quantity) }]
      : [];
  });
  const subtotal = returned.reduce((sum, r) => sum + r.amountMinor, 0);
  const discount = returned.reduce((sum, r) => sum + r.discountMinor, 0);
  const tax = returned.reduce((sum, r) => sum + r.taxMinor, 0);
  const added = sale.tax_mode === 'exclusive' ? tax : 0;
  const linesAddUp = returned.length > 0 && subtotal - discount + added === -refund.totalMinor;
  // The points and gift-card figures are what its entries say: spent points given back to the
  // sale's redemption, earned points taken back from its earn entry, gift cards paid back.
  const ofSale = prepared(
    db,
    "SELECT id, kind FROM points_entry WHERE sale_id = ? AND kind IN ('earn', 'redeem')",
  ).all(refund.saleId) as { id: string; kind: 'earn' | 'redeem' }[];
  const reversing = (kind: 'earn' | 'redeem') => {
    const ids = new Set(ofSale.filter((e) => e.kind === kind).map((e) => e.id));
    return entries
      .filter((e) => e.kind === `reverse_${kind}` && e.reversesId && ids.has(e.reversesId))
      .reduce((sum, e) => sum + e.points, 0);
  };
  const giftCardBack = (refund.storedValueEntries ?? [])
    .filter((e) => e.kind === 'refund_pay')
    .reduce((sum, e) => sum + e.amountMinor, 0);
  insertSale(db, stamp, {
    id: refund.refundId,
    number: refund.number,
    kind: 'refund',
    refundOf: refund.saleId,
    memberId: memberKnown(db, refund.memberId) ? refund.memberId : null,
    currency: sale.currency,
    subtotalMinor: linesAddUp ? -subtotal : refund.totalMinor,
    discountMinor: linesAddUp ? -discount : 0,
    totalMinor: refund.totalMinor,
    taxMode: sale.tax_mode,
    taxMinor: refund.taxMinor ?? 0,
    pointsRedeemed: -reversing('redeem'),
    redeemValueMinor: refund.totalMinor - paid + giftCardBack,
    giftCardMinor: -giftCardBack,
    paidMinor: paid,
    earnBaseMinor: paid,
    pointsEarned: reversing('earn'),
    pointsPending: 0,
    pointsShortfallMinor: 0,
    pointsShortfall: -(refund.pointsShortfall ?? 0),
    balanceAfter: null,
    pendingAfter: null,
    debtAfter: null,
    tierBefore: null,
    tierAfter: null,
    reason: refund.reason,
    offline: false,
    lines: linesAddUp
      ? returned.map((r, index) => ({
          lineNo: index + 1,
          description: r.line.description,
          quantity: -r.quantity,
          unitPriceMinor: r.line.unitPriceMinor,
          amountMinor: -r.amountMinor,
          sku: r.line.sku,
          category: r.line.category,
          kind: r.line.kind,
          discountMinor: -r.discountMinor,
          netMinor: -r.netMinor,
          pointsEarned: -r.points,
          giftCardCode: r.line.giftCardCode,
          refundsLineNo: r.line.lineNo,
          taxRateBasisPoints: r.line.taxRateBasisPoints,
          taxMinor: -r.taxMinor,
        }))
      : [],
  });
  replayPoints(db, stamp, entries);
  replayCouponUses(db, stamp, refund.refundId, 'returned', refund.couponUses ?? [], false);
  for (const voided of refund.couponsVoided ?? []) {
    if (prepared(db, 'SELECT 1 FROM coupon WHERE id = ?').get(voided.couponId) === undefined)
      continue;
    insertCouponVoid(db, stamp, {
      couponId: voided.couponId,
      refundId: refund.refundId,
      terminalId: terminal.terminal_id,
      at: op.createdAt,
      hlc: op.hlc,
    });
  }
  replayStoredValue(db, stamp, refund.refundId, sale.currency, refund.storedValueEntries ?? []);
  const tender = prepared(db, 'SELECT tender FROM shift_sale WHERE sale_id = ?').get(
    refund.saleId,
  ) as { tender: 'cash' | 'card' } | undefined;
  replayShiftSale(db, refund.refundId, refund.shiftId, tender?.tender ?? 'cash', null);
  return refund.number;
}

/** A shift opened or closed after the backup, written back as it was. */
export function replayShift(db: Database.Database, terminal: ReplayTerminal, op: SyncOperation) {
  if (op.type === 'shift.opened') {
    const opened = shiftOpened.parse(op.payload);
    if (shiftRowById(db, opened.shiftId)) return;
    ensureStaff(db, opened.openedBy, op.createdAt);
    insertShift(db, {
      id: opened.shiftId,
      storeId: terminal.store_id,
      terminalId: terminal.terminal_id,
      currency: opened.currency,
      openedBy: opened.openedBy,
      openedAt: opened.openedAt,
      floatMinor: opened.floatMinor,
      hlc: op.hlc,
    });
  } else if (op.type === 'shift.closed') {
    const closed = shiftClosed.parse(op.payload);
    const row = shiftRowById(db, closed.shiftId);
    if (!row || row.closed_at !== null) return;
    ensureStaff(db, closed.closedBy, op.createdAt);
    ensureStaff(db, closed.approvedBy, op.createdAt);
    closeShiftRow(db, {
      id: closed.shiftId,
      closedBy: closed.closedBy,
      approvedBy: closed.approvedBy,
      closedAt: closed.closedAt,
      countedMinor: closed.countedMinor,
      expectedMinor: closed.expectedMinor,
      note: closed.note,
    });
  }
}
