/**
 * Quick-cash buttons at the counter: the exact amount due, then the next round note amounts a
 * customer is likely to hand over (the next 10, 50 and 100 currency units at or above what is
 * due), in integer minor units. An amount already on an earlier button is not repeated, so
 * HK$40.00 due offers 40, 50 and 100, and HK$37.40 offers 37.40, 40, 50 and 100.
 */
export const QUICK_CASH_STEPS_UNITS = [10, 50, 100] as const;

export function quickCashAmounts(dueMinor: number, minorPerUnit: number): number[] {
  if (!Number.isSafeInteger(dueMinor) || dueMinor < 0) {
    throw new RangeError('the amount due is a non-negative integer of minor units');
  }
  if (!Number.isSafeInteger(minorPerUnit) || minorPerUnit < 1) {
    throw new RangeError('minor units per currency unit is a positive integer');
  }
  if (dueMinor === 0) return [];
  const amounts = [dueMinor];
  for (const units of QUICK_CASH_STEPS_UNITS) {
    const step = units * minorPerUnit;
    const next = Math.ceil(dueMinor / step) * step;
    if (!amounts.includes(next)) amounts.push(next);
  }
  return amounts;
}
