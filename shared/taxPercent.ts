/**
 * A tax rate as people write it, a percentage with up to two decimals ("8", "8.25", "8.5%"), and
 * as the ledger keeps it, basis points (shared/rules/tax.ts: 825 = 8.25%). Both directions work
 * on the digits as text, so no float ever rounds a rate: "8.25" is 8 × 100 + 25.
 */

/** Basis points for a typed percentage, or null for anything else (more decimals, over 100%). */
export function parseTaxPercent(text: string): number | null {
  const match = /^(\d{1,3})(?:\.(\d{0,2}))?\s*%?$/.exec(text.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const hundredths = Number((match[2] ?? '').padEnd(2, '0'));
  const basisPoints = whole * 100 + hundredths;
  return basisPoints <= 10_000 ? basisPoints : null;
}

/** The percentage of a rate in basis points, as few decimals as it needs: 800 → "8", 825 → "8.25". */
export function taxPercentText(basisPoints: number): string {
  const whole = Math.trunc(basisPoints / 100);
  const hundredths = basisPoints % 100;
  if (hundredths === 0) return String(whole);
  return `${whole}.${String(hundredths).padStart(2, '0').replace(/0$/, '')}`;
}

/** A rate as a receipt prints it: 800 → "8%", 825 → "8.25%", 850 → "8.5%". */
export function taxRateLabel(basisPoints: number): string {
  return `${taxPercentText(basisPoints)}%`;
}
