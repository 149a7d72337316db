import { lineEarnPercent } from '../../../shared/rules/checkout';
import type { Program } from '../../../shared/program';

/** Which of the program's earn rules applies to an item, as a till would price its line. */
export type ItemEarnRule =
  | { kind: 'normal' }
  | { kind: 'sku'; percent: number; match: string }
  | { kind: 'category'; percent: number; match: string };

export function itemEarnRule(
  item: { sku: string; categoryCode: string | null },
  program: Program,
): ItemEarnRule {
  const percent = lineEarnPercent(
    {
      description: item.sku,
      quantity: 1,
      unitPriceMinor: 0,
      sku: item.sku,
      category: item.categoryCode,
      kind: 'goods',
    },
    program,
  );
  if (program.earn.multipliers.some((rule) => rule.match === item.sku)) {
    return { kind: 'sku', percent, match: item.sku };
  }
  if (item.categoryCode && program.earn.multipliers.some((r) => r.match === item.categoryCode)) {
    return { kind: 'category', percent, match: item.categoryCode };
  }
  return { kind: 'normal' };
}

/** The percent of the usual points an item earns under its rule (100 when none applies). */
export function earnPercent(rule: ItemEarnRule): number {
  return rule.kind === 'normal' ? 100 : rule.percent;
}
