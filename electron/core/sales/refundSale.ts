import type { Receipt, SaleLine } from '../../../shared/domain';
import type { Program } from '../../../shared/program';
import { DomainError } from '../../../shared/result';
import type { CoreContext, Stamp } from '../context';
import { stampWrite } from '../stamp';
import { requireTerminal, takeNextSaleSeq } from '../terminal/terminalStore';
import { programRefOf, readProgram } from '../program/programStore';
import { prepared } from '../db/statements';
import {
  appendPointsEntry,
  entriesForSale,
  entriesReversing,
  memberLotEntries,
  memberPoints,
  returnedInPlaceOf,
  type WrittenEntry,
} from '../points/pointsLedger';
import { replayLots, type LotEntry, type LotState } from '../../../shared/rules/pointsLots';
import {
  refundLineUnits,
  refundTenders,
  shareFloor,
  shortfallKeptMinor,
  type GoodsTenders,
} from '../../../shared/rules/refund';
import { pointsForValueCeil } from '../../../shared/rules/redemption';
import { earnBaseOf, lineBeforeTax, lineCharge } from '../../../shared/rules/tax';
import { expireMemberPoints } from '../points/expiry';
import { spendablePoints } from '../points/chainBalance';
import { appendOutbox } from '../outbox/outbox';
import {
  couponsIssuedBySale,
  insertCouponUse,
  insertCouponVoid,
  isVoided,
  netLocalDiscount,
  netUses,
  usesOfSale,
} from '../coupons/couponStore';
import { appendStoredValue, giftCardByCode, type StoredValueWrite } from '../giftCards/giftCards';
import { insertSale } from './saleMutations';
import { receiptFor, saleRowById } from './saleQueries';
import { saleNumber } from './recordSale';
import { requireRefundApproval } from './refundApproval';
import { ringUpRefundInShift } from '../shift/shiftSales';
import { openShiftId } from '../shift/shiftStore';
import type Database from 'better-sqlite3-multiple-ciphers';

export interface RefundInput {
  saleId: string;
  refundId: string;
  reason: string;
  /** A manager's PIN for a refund above the store's limit. */
  managerPin?: string | undefined;
  lines?: { lineNo: number; quantity: number }[] | undefined;
}

/** What earlier refunds of a sale gave back, from their rows (amounts there are negative). */
interface RefundedSoFar {
  /** What the goods returned cost the customer (net, plus tax added at the till). */
  goodsNet: number;
  points: number;
  redeemValue: number;
  /** Goods money: what the goods returned cost, less the points' value and gift cards back. */
  money: number;
  shortfallPoints: number;
  keptMinor: number;
}

function refundedSoFar(db: Database.Database, saleId: string): RefundedSoFar {
  const row = prepared(
    db,
    `SELECT
       coalesce((SELECT -sum(l.net_minor + CASE r.tax_mode WHEN 'exclusive' THEN l.tax_minor
                                                           ELSE 0 END)
                 FROM sale r JOIN sale_line l ON l.sale_id = r.id
                 WHERE r.refund_of = $id AND l.kind = 'goods'), 0) AS goodsNet,
       coalesce(-sum(points_redeemed), 0) AS points,
       coalesce(-sum(redeem_value_minor), 0) AS redeemValue,
       coalesce(-sum(gift_card_minor), 0) AS giftCards,
       coalesce(-sum(points_shortfall), 0) AS shortfallPoints,
       coalesce(-sum(points_shortfall_minor), 0) AS keptMinor
     FROM sale WHERE refund_of = $id`,
  ).get({ id: saleId }) as Omit<RefundedSoFar, 'money'> & { giftCards: number };
  // Each refund's money for goods is its goods less the points' value and cards it gave back.
  const { giftCards, ...rest } = row;
  return { ...rest, money: row.goodsNet - row.redeemValue - giftCards };
}

/** Gift cards that paid for the sale, and what each got back from earlier refunds. */
function giftCardsOfSale(
  db: Database.Database,
  saleId: string,
): { key: string; code: string; paid: number; back: number }[] {
  return prepared(
    db,
    `SELECT e.gift_card_id AS key, g.code, -sum(e.amount_minor) AS paid,
       coalesce((SELECT sum(x.amount_minor) FROM stored_value_entry x JOIN sale r ON r.id = x.sale_id
                 WHERE r.refund_of = $id AND x.gift_card_id = e.gift_card_id
                   AND x.kind = 'refund_pay'), 0) AS back
     FROM stored_value_entry e JOIN gift_card g ON g.id = e.gift_card_id
     WHERE e.sale_id = $id AND e.kind = 'pay'
     GROUP BY e.gift_card_id ORDER BY min(e.entry_no)`,
  ).all({ id: saleId }) as { key: string; code: string; paid: number; back: number }[];
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
      const part = refundLineUnits(line, line.refundedQuantity, quantity);
      return {
        line,
        quantity,
        amount: part.amountMinor,
        net: part.netMinor,
        discount: part.discountMinor,
        points: part.points,
        tax: part.taxMinor,
        // What the customer paid for these units: tax added at the till comes back with them.
        charge: lineCharge(part.netMinor, part.taxMinor, original.taxMode),
      };
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

    // The tenders that paid for goods come back by the shared rule (shared/rules/refund.ts).
    const soFar = refundedSoFar(db, original.id);
    const cardsPaid = giftCardsOfSale(db, original.id);
    const goodsLines = original.lines.filter((l) => l.kind === 'goods');
    const goodsTenders: GoodsTenders = {
      goodsNetMinor: goodsLines.reduce(
        (s, l) => s + lineCharge(l.netMinor, l.taxMinor, original.taxMode),
        0,
      ),
      pointsRedeemed: original.pointsRedeemed,
      redeemValueMinor: original.redeemValueMinor,
      giftCards: cardsPaid.map((c) => ({ key: c.key, amountMinor: c.paid })),
    };
    const goodsNow = refundLines
      .filter((r) => r.line.kind === 'goods')
      .reduce((s, r) => s + r.charge, 0);
    // The earn base given back: the money for goods less the tax inside it (rules/tax.ts, rule
    // 4), cumulatively, so a full refund in parts takes back exactly the sale's earn base.
    const goodsBeforeTax = goodsLines.reduce(
      (s, l) => s + lineBeforeTax(l.netMinor, l.taxMinor, original.taxMode),
      0,
    );
    const beforeTaxOf = (money: number) =>
      earnBaseOf(money, goodsBeforeTax, goodsTenders.goodsNetMinor);
    const back = refundTenders(
      goodsTenders,
      {
        points: soFar.points,
        redeemValueMinor: soFar.redeemValue,
        giftCards: cardsPaid.map((c) => ({ key: c.key, amountMinor: c.back })),
        moneyMinor: soFar.money,
      },
      { before: soFar.goodsNet, now: goodsNow },
    );
    const pointsBack = back.points;
    const redeemValueBack = back.redeemValueMinor;
    let giftCardBack = 0;
    for (const part of back.giftCards) {
      if (part.amountMinor === 0) continue;
      const paid = cardsPaid.find((c) => c.key === part.key);
      const card = paid ? giftCardByCode(db, paid.code) : null;
      if (!card) continue;
      storedValue.push(
        appendStoredValue(db, stamp, card, 'refund_pay', part.amountMinor, refundId),
      );
      giftCardBack += part.amountMinor;
    }

    // Points: spent points return to the lots they came from; earned points are taken back.
    let pointsTakenBack = 0;
    let shortfallPoints = 0;
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
        shortfallPoints = result.shortfallPoints;
      }
      const { earn_base_minor: base } = prepared(
        db,
        'SELECT earn_base_minor FROM sale WHERE id = ?',
      ).get(original.id) as { earn_base_minor: number };
      const stillPaid =
        base - shareFloor(base, soFar.goodsNet + goodsNow, goodsTenders.goodsNetMinor);
      if (stillPaid < Math.max(1, program.referrals.minimumSpendMinor)) {
        const bonuses = takeBackReferralBonuses(db, stamp, program, original.id, ofSale, {
          refereeId: memberId,
          refundId,
        });
        entries.push(...bonuses.entries);
        shortfallPoints += bonuses.shortfallPoints;
      }
    }

    // Coupons come back only when the whole sale has been returned, and the next-order coupons it
    // earned go: voided when unused, their value handled like spent points when used.
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
    const earnedCoupons = fullyRefunded
      ? settleEarnedCoupons(ctx, stamp, program, original.id, memberId, refundId)
      : { voided: [], usedValueMinor: 0, entries: [] };
    entries.push(...earnedCoupons.entries);

    // Money for goods and for gift cards sold, less what is kept back for spent points (and used
    // coupons under "reduce cash"), cumulatively over the sale's refunds.
    const moneyBack =
      back.moneyMinor +
      refundLines.filter((r) => r.line.kind !== 'goods').reduce((s, r) => s + r.net, 0);
    const shortfallPointsThrough = soFar.shortfallPoints + shortfallPoints;
    const shortfallMinor = Math.min(
      shortfallKeptMinor(shortfallPointsThrough, soFar.keptMinor, program.redemption) +
        earnedCoupons.usedValueMinor,
      moneyBack,
    );

    const subtotal = refundLines.reduce((s, r) => s + r.amount, 0);
    const discount = refundLines.reduce((s, r) => s + r.discount, 0);
    const tax = refundLines.reduce((s, r) => s + r.tax, 0);
    const total = subtotal - discount + (original.taxMode === 'exclusive' ? tax : 0);
    const earnBaseBack = beforeTaxOf(soFar.money + back.moneyMinor) - beforeTaxOf(soFar.money);
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
      taxMode: original.taxMode,
      taxMinor: -tax,
      pointsRedeemed: -pointsBack,
      redeemValueMinor: -redeemValueBack,
      giftCardMinor: -giftCardBack,
      paidMinor: -(moneyBack - shortfallMinor),
      earnBaseMinor: -earnBaseBack,
      pointsEarned: -pointsTakenBack,
      pointsPending: 0,
      pointsShortfallMinor: -shortfallMinor,
      pointsShortfall: -shortfallPoints,
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
        taxRateBasisPoints: r.line.taxRateBasisPoints,
        taxMinor: -r.tax,
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
      paidMinor: -(moneyBack - shortfallMinor),
      ...(tax === 0 ? {} : { taxMinor: -tax }),
      lines: refundLines.map((r) => ({ lineNo: r.line.lineNo, quantity: r.quantity })),
      pointsEntries: entries,
      couponUses: couponsReturned,
      couponsVoided: earnedCoupons.voided,
      pointsShortfall: shortfallPoints,
      program: programRefOf(db),
      storedValueEntries: storedValue,
      shiftId: openShiftId(db, terminal.terminalId),
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
 *
 * When a lot's own points were taken back by a refund after they had been spent, that refund took
 * them from other lots (the replay records which: they "paid for the reversal"). Points returned
 * for that lot go back to those lots first, with their expiry, and say so (`returnsLotId`): they
 * were those lots' points. A refund of the sale that earned them then finds them in its own lot
 * and never takes the same points twice.
 */
function returnRedeemedPoints(
  db: Database.Database,
  stamp: Stamp,
  redeem: WrittenEntry,
  points: number,
  refundId: string,
): WrittenEntry[] {
  const lotEntries = memberLotEntries(db, redeem.memberId);
  const state = replayLots(lotEntries);
  const consumed = state.consumedBy.get(redeem.id) ?? [];
  const returned = new Map<string, number>();
  for (const earlier of entriesReversing(db, redeem.id)) {
    const lot = earlier.returnsLotId ?? earlier.lotId;
    if (lot) returned.set(lot, (returned.get(lot) ?? 0) + earlier.points);
  }
  const written: WrittenEntry[] = [];
  const giveBack = (amount: number, lotId: string | null, returnsLotId: string | null) => {
    written.push(
      appendPointsEntry(db, stamp, {
        memberId: redeem.memberId,
        kind: 'reverse_redeem',
        points: amount,
        saleId: refundId,
        reversesId: redeem.id,
        lotId,
        returnsLotId,
        expiresAt: lotId ? (state.lotById.get(lotId)?.expiresAt ?? null) : null,
      }).entry,
    );
  };
  let left = points;
  for (const part of consumed) {
    if (left === 0) break;
    let amount = Math.min(left, part.points - (returned.get(part.lotId) ?? 0));
    if (amount <= 0) continue;
    left -= amount;
    for (const [cover, room] of reversalCovers(db, state, lotEntries, part.lotId)) {
      const take = Math.min(amount, room);
      if (take <= 0) continue;
      giveBack(take, cover, part.lotId);
      amount -= take;
    }
    if (amount > 0) giveBack(amount, part.lotId, part.lotId);
  }
  if (left > 0) giveBack(left, null, null);
  written.push(...expireMemberPoints(db, stamp, redeem.memberId));
  return written;
}

/**
 * The lots that paid for taking back `lotId`'s points, with what is left to return to each: the
 * lots its reverse_earn entries consumed outside its own family (the lot and the points returned
 * to it), less what earlier returns already gave them in its place.
 */
function reversalCovers(
  db: Database.Database,
  state: LotState,
  lotEntries: readonly LotEntry[],
  lotId: string,
): Map<string, number> {
  const family = new Set([lotId]);
  const covers = new Map<string, number>();
  for (const entry of lotEntries) {
    if (entry.kind === 'reverse_redeem' && entry.lotId && family.has(entry.lotId)) {
      family.add(entry.id);
    }
    if (entry.kind !== 'reverse_earn' || entry.reversesId !== lotId) continue;
    for (const part of state.consumedBy.get(entry.id) ?? []) {
      if (!family.has(part.lotId))
        covers.set(part.lotId, (covers.get(part.lotId) ?? 0) + part.points);
    }
  }
  if (covers.size === 0) return covers;
  for (const [cover, given] of returnedInPlaceOf(db, lotId)) {
    if (covers.has(cover)) covers.set(cover, (covers.get(cover) ?? 0) - given);
  }
  return covers;
}

/**
 * The next-order coupons a fully refunded sale earned: an unused one is voided (and head office
 * told); a used one stays used, and its discount is handled like spent points: a points debt under
 * "negative balance", or money kept back from this refund under "reduce cash". A coupon redeemed
 * at another store is left to head office, which raises it for a manager.
 */
function settleEarnedCoupons(
  ctx: CoreContext,
  stamp: Stamp,
  program: Program,
  saleId: string,
  memberId: string | null,
  refundId: string,
): {
  voided: { couponId: string; code: string }[];
  usedValueMinor: number;
  entries: WrittenEntry[];
} {
  const { db } = ctx;
  const voided: { couponId: string; code: string }[] = [];
  const entries: WrittenEntry[] = [];
  let usedValueMinor = 0;
  for (const coupon of couponsIssuedBySale(db, saleId)) {
    if (coupon.source !== 'next_order' || isVoided(db, coupon.id)) continue;
    const usedHere = netLocalDiscount(db, coupon.id);
    if (usedHere === null) {
      if (netUses(db, coupon.id) > 0) continue; // redeemed elsewhere: head office decides
      insertCouponVoid(db, stamp, {
        couponId: coupon.id,
        refundId,
        terminalId: stamp.terminalId,
        at: stamp.createdAt,
        hlc: stamp.hlc,
      });
      voided.push({ couponId: coupon.id, code: coupon.code });
    } else if (program.refunds.spentPoints === 'reduce_cash' || !memberId) {
      usedValueMinor += usedHere;
    } else if (usedHere > 0) {
      entries.push(
        appendPointsEntry(db, stamp, {
          memberId,
          kind: 'adjust',
          points: -pointsForValueCeil(usedHere, program.redemption),
          saleId: refundId,
          reversesId: null,
          reason: `coupon ${coupon.code} used before its sale was refunded`,
        }).entry,
      );
    }
  }
  return { voided, usedValueMinor, entries };
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
): { entries: WrittenEntry[]; shortfallPoints: number } {
  const reward = prepared(db, 'SELECT referrer_id FROM referral_reward WHERE sale_id = ?').get(
    saleId,
  ) as { referrer_id: string } | undefined;
  if (!reward) return { entries: [], shortfallPoints: 0 };
  const entries: WrittenEntry[] = [];
  let shortfallPoints = 0;
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
    shortfallPoints += result.shortfallPoints;
  }
  return { entries, shortfallPoints };
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
): { entries: WrittenEntry[]; taken: number; shortfallPoints: number } {
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
  // Their money value is kept back by the caller, cumulatively (shortfallKeptMinor).
  return { entries, taken: take, shortfallPoints };
}
