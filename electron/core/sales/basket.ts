import type Database from 'better-sqlite3';
import type { MemberSummary, SaleLine, TerminalInfo } from '../../../shared/domain';
import { MAX_AMOUNT_MINOR } from '../../../shared/money';
import {
  maxRedeemablePoints,
  pointsEarned,
  redeemStep,
  redemptionValue,
} from '../../../shared/points';
import { DomainError } from '../../../shared/result';
import { memberSummaryById } from '../members/memberQueries';

export interface BasketInput {
  memberId: string | null;
  lines: { description: string; quantity: number; unitPriceMinor: number }[];
  redeemPoints: number;
}

export interface PricedBasket {
  member: MemberSummary | null;
  lines: SaleLine[];
  totalMinor: number;
  pointsRedeemed: number;
  redeemValueMinor: number;
  paidMinor: number;
  pointsEarned: number;
  maxRedeemablePoints: number;
  redeemStep: number;
}

/**
 * Prices a basket by the terminal's rules. Pure reads: the preview shows exactly what
 * recording will write, because both call this.
 */
export function priceBasket(
  db: Database.Database,
  terminal: TerminalInfo,
  basket: BasketInput,
): PricedBasket {
  const rule = terminal.pointsRule;
  let member: MemberSummary | null = null;
  if (basket.memberId) {
    member = memberSummaryById(db, basket.memberId);
    if (!member) {
      throw new DomainError('member_not_found', 'That member does not exist.', {
        field: 'memberId',
      });
    }
  }
  const lines: SaleLine[] = basket.lines.map((line, index) => ({
    lineNo: index + 1,
    description: line.description,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    amountMinor: line.quantity * line.unitPriceMinor,
  }));
  const totalMinor = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  if (totalMinor > MAX_AMOUNT_MINOR) {
    throw new DomainError('invalid_input', 'The sale total is larger than one sale may be.', {
      field: 'lines',
    });
  }
  const step = redeemStep(rule);
  const maxRedeemable = member ? maxRedeemablePoints(member.pointsBalance, totalMinor, rule) : 0;
  const pointsRedeemed = basket.redeemPoints;
  let redeemValueMinor = 0;
  if (pointsRedeemed > 0) {
    if (!member) {
      throw new DomainError('member_required', 'Attach a member before redeeming points.', {
        field: 'redeemPoints',
      });
    }
    const value = redemptionValue(pointsRedeemed, rule);
    if (value === null) {
      throw new DomainError('redeem_step', `Points are redeemed in steps of ${step}.`, {
        field: 'redeemPoints',
        details: { step },
      });
    }
    if (pointsRedeemed > member.pointsBalance) {
      throw new DomainError('insufficient_points', 'The member does not have that many points.', {
        field: 'redeemPoints',
        details: { balance: member.pointsBalance },
      });
    }
    if (value > totalMinor) {
      throw new DomainError('redeem_exceeds_total', 'Points cannot pay more than the sale total.', {
        field: 'redeemPoints',
        details: { max: maxRedeemable },
      });
    }
    redeemValueMinor = value;
  }
  const paidMinor = totalMinor - redeemValueMinor;
  return {
    member,
    lines,
    totalMinor,
    pointsRedeemed,
    redeemValueMinor,
    paidMinor,
    pointsEarned: member ? pointsEarned(paidMinor, rule) : 0,
    maxRedeemablePoints: maxRedeemable,
    redeemStep: step,
  };
}
