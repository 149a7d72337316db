import type { Receipt, SaleLine } from '../../../shared/domain';
import type { Program } from '../../../shared/program';
import { DomainError } from '../../../shared/result';
import type { CoreContext, Stamp } from '../context';
import { stampWrite } from '../stamp';
import { requireTerminal, takeNextSaleSeq } from '../terminal/terminalStore';
import { readProgram } from '../program/programStore';
import { prepared } from '../db/statements';
import {
  appendPointsEntry,
  entriesForSale,
  entriesReversing,
  memberLotEntries,
  memberPoints,
  type WrittenEntry,
} from '../points/pointsLedger';
import { expireMemberPoints } from '../points/expiry';
import { spendablePoints } from '../points/chainBalance';
import { appendOutbox } from '../outbox/outbox';
import { insertCouponUse, usesOfSale } from '../coupons/couponStore';
import {
  appendStoredValue,
  giftCardByCode,
  storedValueOfSale,
  type StoredValueWrite,
} from '../giftCards/giftCards';
import { insertSale } from './saleMutations';
import { receiptFor, saleRowById } from './saleQueries';
import { saleNumber } from './recordSale';
import { requireRefundApproval } from './refundApproval';
import { ringUpRefundInShift } from '../shift/shiftSales';
import type Database from 'better-sqlite3';

export interface RefundInput {
  saleId: string;
  refundId: string;
  reason: string;
  /** A manager's PIN for a refund above the store's limit. */
  managerPin?: string | undefined;
  lines?: { lineNo: number; quantity: number }[] | undefined;
}

/** The part of `total` that `done` of `of` units carry, floored, so parts always add up. */
const share = (total: number, done: number, of: number) =>
  of === 0 ? 0 : Number((BigInt(total) * BigInt(done)) / BigInt(of));
const shareCeil = (total: number, done: number, of: number) =>
  of === 0 ? 0 : Number((BigInt(total) * BigInt(done) + BigInt(of) - 1n) / BigInt(of));

interface Totals {
  goodsNet: number;
}

function refundedGoodsNetSoFar(db: Database.Database, saleId: string): number {
  const row = db
    .prepare(
      `SELECT coalesce(-sum(l.net_minor), 0) AS n FROM sale r JOIN sale_line l ON l.sale_id = r.id
       WHERE r.refund_of = ? AND l.kind = 'goods'`,
    )
    .get(saleId) as { n: number };
  return row.n;
}

function giftCardRefundedSoFar(db: Database.Database, saleId: string): number {
  const row = db
    .prepare('SELECT coalesce(-sum(gift_card_minor), 0) AS n FROM sale WHERE refund_of = ?')
    .get(saleId) as { n: number };
  return row.n;
}

/**
 * Refunds a whole sale or chosen quantities of its lines. Nothing old is edited: a refund row
 * with negated amounts points at the sale, and points, coupons and gift cards move back through
 * new entries. Each share is computed cumulatively over all refunds of the sale, so a sale
 * refunded in parts returns exactly what one full refund would.
 *
 * Earned points come back in proportion (rounded up, so buy-earn-refund can never keep a point).
 * Points already expired are not taken twice. Points already spent follow the program's policy:
 * the balance goes negative as a recorded debt, or the cash refund is cut by their value.
 */
export function refundSale(ctx: CoreContext, input: RefundInput): Receipt {
  const { db } = ctx;
  return db.transaction((): Receipt => {
    const terminal = requireTerminal(db);
    const repeat = receiptFor(db, terminal, input.refundId);
    if (repeat) {
      if (repeat.sale.refundOfSaleId !== input.saleId) {
        throw new DomainError('invalid_input', 'That refund id is already used for another sale.', {
          field: 'refundId',
        });
      }
      return repeat;
    }
    const original = receiptFor(db, terminal, input.saleId)?.sale;
    if (!original)
      throw new DomainError('sale_not_found', 'No sale has that id.', { field: 'saleId' });
    if (original.kind !== 'sale') {
      throw new DomainError('not_a_sale', 'A refund cannot itself be refunded.', {
        field: 'saleId',
      });
    }
    const program = readProgram(db);
    const stamp = stampWrite(ctx);
    const refundId = input.refundId;

    // Which units go back.
    const wanted = new Map<number, number>();
    if (input.lines) {
      for (const { lineNo, quantity } of input.lines) {
        wanted.set(lineNo, (wanted.get(lineNo) ?? 0) + quantity);
      }
    } else {
      for (const line of original.lines)
        wanted.set(line.lineNo, line.quantity - line.refundedQuantity);
    }
    const picked: { line: SaleLine; quantity: number }[] = [];
    for (const [lineNo, quantity] of wanted) {
      const line = original.lines.find((l) => l.lineNo === lineNo);
      if (!line) {
        throw new DomainError('invalid_input', `The sale has no line ${lineNo}.`, {
          field: 'lines',
        });
      }
      const left = line.quantity - line.refundedQuantity;
      if (quantity > left) {
        throw new DomainError(
          'refund_nothing_left',
          `Only ${left} of line ${lineNo} can still be refunded.`,
          {
            field: 'lines',
            details: { lineNo, left },
          },
        );
      }
      if (quantity > 0) picked.push({ line, quantity });
    }
    if (picked.length === 0) {
      throw new DomainError(
        original.refundedBySaleId ? 'sale_already_refunded' : 'refund_nothing_left',
        'Nothing is left to refund on this sale.',
        { field: 'saleId' },
      );
    }

    const memberId = original.member?.id ?? null;
    const expired = memberId ? expireMemberPoints(db, stamp, memberId) : [];
    const entries: WrittenEntry[] = [...expired];
    const storedValue: StoredValueWrite[] = [];

    // Lines: amounts, discounts and earned points, each cumulative over earlier refunds.
    const refundLines = picked.map(({ line, quantity }) => {
      const before = line.refundedQuantity;
      const after = before + quantity;
      const amount = quantity * line.unitPriceMinor;
      const discount =
        share(line.discountMinor, after, line.quantity) -
        share(line.discountMinor, before, line.quantity);
      // Net follows from amount and discount (the row must satisfy net = amount − discount);
      // flooring it on its own could miss by one. Over all refunds it still adds up to the line.
      const net = amount - discount;
      const points =
        shareCeil(line.pointsEarned, after, line.quantity) -
        shareCeil(line.pointsEarned, before, line.quantity);
      return { line, quantity, amount, net, discount, points };
    });

    // A sold or topped-up gift card goes back only with its value unspent.
    for (const refund of refundLines) {
      if (refund.line.kind === 'goods' || !refund.line.giftCardCode) continue;
      const card = giftCardByCode(db, refund.line.giftCardCode);
      if (!card) continue;
      if (card.balance_minor < refund.net) {
        throw new DomainError(
          'gift_card_insufficient',
          'The gift card has been spent; it cannot be refunded.',
          {
            field: 'lines',
            details: { code: card.code, balance: card.balance_minor },
          },
        );
      }
      const kind = refund.line.kind === 'gift_card' ? 'refund_activate' : 'refund_top_up';
      storedValue.push(appendStoredValue(db, stamp, card, kind, -refund.net, refundId));
    }

    // Tenders that paid for goods come back in proportion to the goods returned.
    const totals: Totals = {
      goodsNet: original.lines
        .filter((l) => l.kind === 'goods')
        .reduce((s, l) => s + l.netMinor, 0),
    };
    const goodsBefore = refundedGoodsNetSoFar(db, original.id);
    const goodsNow = refundLines
      .filter((r) => r.line.kind === 'goods')
      .reduce((s, r) => s + r.net, 0);
    const goodsAfter = goodsBefore + goodsNow;
    const part = (total: number) =>
      share(total, goodsAfter, totals.goodsNet) - share(total, goodsBefore, totals.goodsNet);
    const redeemValueBack = part(original.redeemValueMinor);
    const pointsBack = part(original.pointsRedeemed);
    // Floored separately, points and card could together hand back more than these goods are
    // worth (the last part collects both remainders). So the card gets what the two tenders
    // together have earned so far, less what points took and what earlier refunds gave the card:
    // never below 0, never past the card's total, and exactly it once everything is back.
    const tenders = original.redeemValueMinor + original.giftCardMinor;
    const giftCardBefore = giftCardRefundedSoFar(db, original.id);
    const giftCardBack = Math.max(
      0,
      share(tenders, goodsAfter, totals.goodsNet) -
        share(original.redeemValueMinor, goodsAfter, totals.goodsNet) -
        giftCardBefore,
    );

    // Gift-card payments go back to the cards that paid, in order.
    if (giftCardBack > 0) {
      let left = giftCardBack;
      for (const paid of storedValueOfSale(db, original.id).filter((e) => e.kind === 'pay')) {
        const card = giftCardByCode(db, paid.code);
        if (!card || left === 0) continue;
        const alreadyBack = (
          db
            .prepare(
              `SELECT coalesce(sum(e.amount_minor), 0) AS n FROM stored_value_entry e
             JOIN sale r ON r.id = e.sale_id
             WHERE r.refund_of = ? AND e.gift_card_id = ? AND e.kind = 'refund_pay'`,
            )
            .get(original.id, card.id) as { n: number }
        ).n;
        const amount = Math.min(left, -paid.amount_minor - alreadyBack);
        if (amount > 0) {
          storedValue.push(appendStoredValue(db, stamp, card, 'refund_pay', amount, refundId));
          left -= amount;
        }
      }
    }

    // Points: spent points return to the lots they came from; earned points are taken back.
    let pointsTakenBack = 0;
    let shortfallMinor = 0;
    if (memberId) {
      const ofSale = entriesForSale(db, original.id);
      const saleEntries = ofSale.filter((e) => e.memberId === memberId);
      const redeem = saleEntries.find((e) => e.kind === 'redeem');
      if (redeem && pointsBack > 0)
        entries.push(...returnRedeemedPoints(db, stamp, redeem, pointsBack, refundId));
      const earn = saleEntries.find((e) => e.kind === 'earn');
      const toReverse = refundLines.reduce((s, r) => s + r.points, 0);
      if (earn && toReverse > 0) {
        const result = takeBackEarnedPoints(
          db,
          stamp,
          program,
          memberId,
          earn,
          toReverse,
          refundId,
        );
        entries.push(...result.entries);
        pointsTakenBack = result.taken;
        shortfallMinor = result.shortfallMinor;
      }
      const { earn_base_minor: base } = prepared(
        db,
        'SELECT earn_base_minor FROM sale WHERE id = ?',
      ).get(original.id) as { earn_base_minor: number };
      const stillPaid = base - share(base, goodsAfter, totals.goodsNet);
      if (stillPaid < Math.max(1, program.referrals.minimumSpendMinor)) {
        const back = takeBackReferralBonuses(db, stamp, program, original.id, ofSale, {
          refereeId: memberId,
          refundId,
        });
        entries.push(...back.entries);
        shortfallMinor += back.shortfallMinor;
      }
    }

    const moneyBack =
      goodsNow -
      redeemValueBack -
      giftCardBack +
      refundLines.filter((r) => r.line.kind !== 'goods').reduce((s, r) => s + r.net, 0);
    shortfallMinor = Math.min(shortfallMinor, Math.max(0, moneyBack));

    // Coupons come back only when the whole sale has been returned.
    const fullyRefunded = original.lines.every((line) => {
      const refund = refundLines.find((r) => r.line.lineNo === line.lineNo);
      return line.refundedQuantity + (refund?.quantity ?? 0) === line.quantity;
    });
    const couponsReturned = fullyRefunded
      ? usesOfSale(db, original.id)
          .filter((use) => use.kind === 'redeemed')
          .map((use) => ({
            id: insertCouponUse(db, stamp, {
              couponId: use.coupon_id,
              kind: 'returned',
              saleId: refundId,
              discountMinor: -use.discount_minor,
              offline: !ctx.connectivity.online,
            }),
            couponId: use.coupon_id,
            code: use.code,
            kind: 'returned' as const,
            discountMinor: -use.discount_minor,
          }))
      : [];

    const subtotal = refundLines.reduce((s, r) => s + r.amount, 0);
    const discount = refundLines.reduce((s, r) => s + r.discount, 0);
    const total = subtotal - discount;
    const after = memberId ? spendablePoints(db, memberId, stamp.createdAt) : null;
    requireRefundApproval(ctx, stamp, {
      refundId,
      saleId: original.id,
      saleNumber: original.number,
      totalMinor: total,
      reason: input.reason,
      managerPin: input.managerPin,
    });
    const number = saleNumber(terminal.terminalNumber, takeNextSaleSeq(db));
    insertSale(db, stamp, {
      id: refundId,
      number,
      kind: 'refund',
      refundOf: original.id,
      memberId,
      currency: original.currency,
      subtotalMinor: -subtotal,
      discountMinor: -discount,
      totalMinor: -total,
      pointsRedeemed: -pointsBack,
      redeemValueMinor: -redeemValueBack,
      giftCardMinor: -giftCardBack,
      paidMinor: -(total - redeemValueBack - giftCardBack - shortfallMinor),
      earnBaseMinor: -(goodsNow - redeemValueBack - giftCardBack),
      pointsEarned: -pointsTakenBack,
      pointsPending: 0,
      pointsShortfallMinor: -shortfallMinor,
      balanceAfter: after ? after.available : null,
      pendingAfter: after ? after.pending : null,
      debtAfter: after ? after.debt : null,
      tierBefore: null,
      tierAfter: null,
      reason: input.reason,
      offline: !ctx.connectivity.online,
      lines: refundLines.map((r, index) => ({
        lineNo: index + 1,
        description: r.line.description,
        quantity: -r.quantity,
        unitPriceMinor: r.line.unitPriceMinor,
        amountMinor: -r.amount,
        sku: r.line.sku,
        category: r.line.category,
        kind: r.line.kind,
        discountMinor: -r.discount,
        netMinor: -r.net,
        pointsEarned: -r.points,
        giftCardCode: r.line.giftCardCode,
        refundsLineNo: r.line.lineNo,
      })),
    });
    ringUpRefundInShift(db, refundId, original.id);
    appendOutbox(db, stamp, 'sale.refunded', {
      refundId,
      saleId: original.id,
      number,
      reason: input.reason,
      memberId,
      totalMinor: -total,
      paidMinor: -(total - redeemValueBack - giftCardBack - shortfallMinor),
      lines: refundLines.map((r) => ({ lineNo: r.line.lineNo, quantity: r.quantity })),
      pointsEntries: entries,
      couponUses: couponsReturned,
      storedValueEntries: storedValue,
    });
    const receipt = receiptFor(db, terminal, refundId);
    if (!receipt) throw new Error('refund missing right after insert');
    if (saleRowById(db, original.id) === null) throw new Error('original sale vanished');
    return receipt;
  })();
}

/**
 * Returns `points` of a redemption to the lots it spent, each with its own expiry date, skipping
 * what earlier partial refunds already returned. A lot already past its expiry is returned and
 * expires at once: the member gets back exactly what they would still hold.
 */
function returnRedeemedPoints(
  db: Database.Database,
  stamp: Stamp,
  redeem: WrittenEntry,
  points: number,
  refundId: string,
): WrittenEntry[] {
  const { state } = memberPoints(db, redeem.memberId, stamp.createdAt);
  const consumed = state.consumedBy.get(redeem.id) ?? [];
  const returned = new Map<string, number>();
  for (const earlier of entriesReversing(db, redeem.id)) {
    if (earlier.lotId)
      returned.set(earlier.lotId, (returned.get(earlier.lotId) ?? 0) + earlier.points);
  }
  const written: WrittenEntry[] = [];
  let left = points;
  for (const part of consumed) {
    if (left === 0) break;
    const room = part.points - (returned.get(part.lotId) ?? 0);
    const amount = Math.min(left, room);
    if (amount <= 0) continue;
    written.push(
      appendPointsEntry(db, stamp, {
        memberId: redeem.memberId,
        kind: 'reverse_redeem',
        points: amount,
        saleId: refundId,
        reversesId: redeem.id,
        lotId: part.lotId,
        expiresAt: part.expiresAt,
      }).entry,
    );
    left -= amount;
  }
  if (left > 0) {
    written.push(
      appendPointsEntry(db, stamp, {
        memberId: redeem.memberId,
        kind: 'reverse_redeem',
        points: left,
        saleId: refundId,
        reversesId: redeem.id,
      }).entry,
    );
  }
  written.push(...expireMemberPoints(db, stamp, redeem.memberId));
  return written;
}

/**
 * A referral bonus stands on its qualifying purchase: once refunds leave that purchase below the
 * referral's minimum spend, both bonuses go back, or buying, collecting the bonuses and returning
 * the goods would pay. Both follow the refund policy like earned points: spent bonus points
 * become debt, or under "reduce cash" their value is kept back from this refund, the referrer's
 * too, since it was this purchase that paid them. The referee stays rewarded once: a later
 * purchase does not pay the bonuses again.
 */
function takeBackReferralBonuses(
  db: Database.Database,
  stamp: Stamp,
  program: Program,
  saleId: string,
  /** The points entries the sale wrote, for every member. */
  ofSale: readonly WrittenEntry[],
  { refereeId, refundId }: { refereeId: string; refundId: string },
): { entries: WrittenEntry[]; shortfallMinor: number } {
  const reward = prepared(db, 'SELECT referrer_id FROM referral_reward WHERE sale_id = ?').get(
    saleId,
  ) as { referrer_id: string } | undefined;
  if (!reward) return { entries: [], shortfallMinor: 0 };
  const entries: WrittenEntry[] = [];
  let shortfallMinor = 0;
  for (const bonus of ofSale) {
    if (bonus.kind !== 'bonus') continue;
    if (bonus.memberId !== refereeId && bonus.memberId !== reward.referrer_id) continue;
    if (bonus.memberId !== refereeId)
      entries.push(...expireMemberPoints(db, stamp, bonus.memberId));
    const result = takeBackEarnedPoints(
      db,
      stamp,
      program,
      bonus.memberId,
      bonus,
      bonus.points,
      refundId,
    );
    entries.push(...result.entries);
    shortfallMinor += result.shortfallMinor;
  }
  return { entries, shortfallMinor };
}

/**
 * Takes back `points` earned by the sale. What has expired is not taken again. What is still in
 * the sale's own lot (or elsewhere spendable, under "reduce cash") is taken; the rest was spent:
 * under "negative_balance" it is taken anyway and becomes debt, under "reduce_cash" its value
 * is kept back from the cash refund instead.
 */
function takeBackEarnedPoints(
  db: Database.Database,
  stamp: Stamp,
  program: Program,
  memberId: string,
  earn: WrittenEntry,
  points: number,
  refundId: string,
): { entries: WrittenEntry[]; taken: number; shortfallMinor: number } {
  const { state, summary } = memberPoints(db, memberId, stamp.createdAt);
  const lot = state.lots.find((l) => l.id === earn.id);
  const alreadyReversed = -entriesReversing(db, earn.id).reduce((s, e) => s + e.points, 0);
  // This sale's points that expired: in its own lot, and in the lots that redemptions of them
  // were returned to (a refunded redemption hands points back to their lot's expiry date, where
  // they may expire at once). Taking those again would leave a debt for points already lost.
  const fromThisLot = new Set([earn.id]);
  for (const entry of memberLotEntries(db, memberId)) {
    if (entry.kind === 'reverse_redeem' && entry.lotId && fromThisLot.has(entry.lotId)) {
      fromThisLot.add(entry.id);
    }
  }
  const expired = state.lots
    .filter((l) => fromThisLot.has(l.id))
    .reduce((sum, l) => sum + l.expired, 0);
  const reversible = Math.max(0, Math.min(points, earn.points - expired - alreadyReversed));
  let take = reversible;
  let shortfallPoints = 0;
  if (program.refunds.spentPoints === 'reduce_cash') {
    const inLot =
      lot && (lot.expiresAt === null || lot.expiresAt > stamp.createdAt) ? lot.remaining : 0;
    const lotIsAvailable = !lot?.availableAt || lot.availableAt <= stamp.createdAt;
    const elsewhere = summary.available - (lotIsAvailable ? inLot : 0);
    take = Math.min(reversible, inLot + Math.max(0, elsewhere));
    shortfallPoints = reversible - take;
  }
  const entries =
    take > 0
      ? [
          appendPointsEntry(db, stamp, {
            memberId,
            kind: 'reverse_earn',
            points: -take,
            saleId: refundId,
            reversesId: earn.id,
          }).entry,
        ]
      : [];
  const { points: per, valueMinor } = program.redemption;
  // Rounded up: the shop never refunds more than the points were worth.
  const shortfallMinor = Math.ceil((shortfallPoints * valueMinor) / per);
  return { entries, taken: take, shortfallMinor };
}
