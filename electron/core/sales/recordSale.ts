import type { Receipt } from '../../../shared/domain';
import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { stampWrite } from '../stamp';
import { requireTerminal, takeNextSaleSeq } from '../terminal/terminalStore';
import { appendPointsEntry } from '../points/pointsLedger';
import { appendOutbox } from '../outbox/outbox';
import { priceBasket, type BasketInput } from './basket';
import { insertSale } from './saleMutations';
import { receiptFor } from './saleQueries';

export function saleNumber(terminalNumber: number, seq: number): string {
  return `${terminalNumber}-${String(seq).padStart(6, '0')}`;
}

/**
 * Records a sale: the sale, its lines, its points entries, the member's cached balance and the
 * outbox row commit together or not at all. Synchronous on purpose: nothing may await inside.
 * Recording the same saleId again returns the first receipt and writes nothing.
 */
export function recordSale(ctx: CoreContext, input: BasketInput & { saleId: string }): Receipt {
  const { db } = ctx;
  return db.transaction((): Receipt => {
    const terminal = requireTerminal(db);
    const existing = receiptFor(db, terminal, input.saleId);
    if (existing) {
      if (existing.sale.kind !== 'sale') {
        throw new DomainError('invalid_input', 'That id belongs to a refund, not a sale.', {
          field: 'saleId',
        });
      }
      return existing;
    }
    const priced = priceBasket(db, terminal, input);
    const stamp = stampWrite(ctx);
    const number = saleNumber(terminal.terminalNumber, takeNextSaleSeq(db));
    const balanceAfter = priced.member
      ? priced.member.pointsBalance - priced.pointsRedeemed + priced.pointsEarned
      : null;
    insertSale(db, stamp, {
      id: input.saleId,
      number,
      kind: 'sale',
      refundOf: null,
      memberId: priced.member?.id ?? null,
      currency: terminal.currency,
      totalMinor: priced.totalMinor,
      pointsRedeemed: priced.pointsRedeemed,
      redeemValueMinor: priced.redeemValueMinor,
      paidMinor: priced.paidMinor,
      pointsEarned: priced.pointsEarned,
      balanceAfter,
      reason: null,
      lines: priced.lines,
    });
    const entries = [];
    if (priced.member && priced.pointsRedeemed > 0) {
      entries.push(
        appendPointsEntry(db, stamp, {
          memberId: priced.member.id,
          kind: 'redeem',
          points: -priced.pointsRedeemed,
          saleId: input.saleId,
          reversesId: null,
        }).entry,
      );
    }
    if (priced.member && priced.pointsEarned > 0) {
      entries.push(
        appendPointsEntry(db, stamp, {
          memberId: priced.member.id,
          kind: 'earn',
          points: priced.pointsEarned,
          saleId: input.saleId,
          reversesId: null,
        }).entry,
      );
    }
    appendOutbox(db, stamp, 'sale.recorded', {
      saleId: input.saleId,
      number,
      memberId: priced.member?.id ?? null,
      currency: terminal.currency,
      totalMinor: priced.totalMinor,
      redeemValueMinor: priced.redeemValueMinor,
      paidMinor: priced.paidMinor,
      lines: priced.lines,
      pointsEntries: entries,
    });
    const receipt = receiptFor(db, terminal, input.saleId);
    if (!receipt) throw new Error('sale missing right after insert');
    return receipt;
  })();
}
