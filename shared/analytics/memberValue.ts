import { addMonths } from '../rules/pointsLots';
import { divideRounded } from './figures';

/** One sale or refund of a member, as member value reads it. */
export interface MemberPurchase {
  kind: 'sale' | 'refund';
  /** ISO instant. */
  at: string;
  /** Net goods (shared/figures goodsMinor: gift cards sold are not spend); refunds negative. */
  goodsMinor: number;
}

export interface MemberValue {
  lifetimeSpendMinor: number;
  last12MonthsSpendMinor: number;
  visits: number;
  averageDaysBetweenVisits: number | null;
}

const DAY_MS = 86_400_000;

/**
 * A member's value (issue 15 §1), one definition for every place that shows it:
 * - lifetime spend: net goods of every sale less every refund;
 * - 12-month spend: the same over the twelve calendar months up to `nowIso`;
 * - visits: sales (a refund is not a visit);
 * - average days between visits: whole days from the first visit to the last over the gaps
 *   between them, rounded half up; null below two visits.
 */
export function memberValue(purchases: readonly MemberPurchase[], nowIso: string): MemberValue {
  const since = addMonths(nowIso, -12);
  let lifetime = 0;
  let recent = 0;
  const visits: number[] = [];
  for (const p of purchases) {
    lifetime += p.goodsMinor;
    if (p.at >= since && p.at <= nowIso) recent += p.goodsMinor;
    if (p.kind === 'sale') visits.push(Date.parse(p.at));
  }
  const first = Math.min(...visits);
  const last = Math.max(...visits);
  return {
    lifetimeSpendMinor: lifetime,
    last12MonthsSpendMinor: recent,
    visits: visits.length,
    averageDaysBetweenVisits:
      visits.length < 2
        ? null
        : divideRounded(Math.floor((last - first) / DAY_MS), visits.length - 1),
  };
}
