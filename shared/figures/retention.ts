import { divideRounded, ratio, type Ratio } from '../analytics/figures';

/**
 * Retention, churn, repeat purchase and historical LTV, defined once for head office's Metrics
 * page (server/metrics reads the rows, these folds say what they mean; README.md's
 * "Metrics" section says the same in words). Months are calendar months in the analyst's zone
 * (shared/figures/months.ts); "bought" means at least one sale (a refund is not a purchase);
 * spend is net goods: sales less refunds, gift cards sold left out (shared/figures/figures.ts).
 */

/** One cohort as the ledger counts it: members whose first purchase ever fell in `cohort`. */
export interface CohortCounts {
  cohort: string;
  members: number;
  /** active[k]: members of the cohort who bought in month cohort + k (k = 0 is every member). */
  active: number[];
  /** spendMinor[k]: the cohort's net spend in month cohort + k. */
  spendMinor: number[];
}

export interface Cohort {
  cohort: string;
  members: number;
  /**
   * Retention in month k after the first purchase: active[k] ÷ members, in basis points (half
   * away from zero). Month 0 is 10 000 by definition.
   */
  retention: Ratio[];
  /**
   * Historical LTV k months on: the cohort's net spend from its first month through month k,
   * ÷ its members, in minor units rounded half away from zero.
   */
  ltvMinor: number[];
}

export function cohortFigures(counts: CohortCounts): Cohort {
  let spent = 0;
  return {
    cohort: counts.cohort,
    members: counts.members,
    retention: counts.active.map((active) => ratio(active, counts.members)),
    ltvMinor: counts.spendMinor.map((spend) => {
      spent += spend;
      return counts.members > 0 ? divideRounded(spent, counts.members) : 0;
    }),
  };
}

/** One month's buying at one scope (the chain, a store, or a tier), as the ledger counts it. */
export interface MonthCounts {
  month: string;
  /** Members who bought in the month before. */
  previousBuyers: number;
  /** Of those, members who did not buy in this month. */
  lapsed: number;
  /** Members who bought in this month. */
  buyers: number;
  /** Of those, members who bought at least twice in this month. */
  repeaters: number;
}

export interface MonthRates {
  month: string;
  /**
   * Churn rate: of the members who bought in the month before, the share who did not buy in
   * this month (lapsed ÷ previousBuyers); null basis points when nobody bought the month before.
   */
  churn: Ratio;
  /** Repeat purchase rate: of the members who bought in the month, the share who bought twice or more. */
  repeat: Ratio;
}

export function monthRates(counts: MonthCounts): MonthRates {
  return {
    month: counts.month,
    churn: ratio(counts.lapsed, counts.previousBuyers),
    repeat: ratio(counts.repeaters, counts.buyers),
  };
}
