/**
 * Cash handed over at the counter: the change is what was received less what is due, in integer
 * minor units. Less than what is due is refused, never turned into a negative change; the
 * terminal's core and the sale screen both read the rule from here.
 */
export type CashTendered = { ok: true; changeMinor: number } | { ok: false; shortMinor: number };

export function cashTendered(receivedMinor: number, dueMinor: number): CashTendered {
  if (!Number.isSafeInteger(receivedMinor) || !Number.isSafeInteger(dueMinor)) {
    throw new RangeError('cash amounts are integer minor units');
  }
  const changeMinor = receivedMinor - dueMinor;
  return changeMinor >= 0 ? { ok: true, changeMinor } : { ok: false, shortMinor: -changeMinor };
}
