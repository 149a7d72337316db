import {
  CONFIDENCE,
  meanDifference,
  proportionDifference,
  type Difference,
  type MeanArm,
} from './intervals';
import { membersNeededForMean, membersNeededForProportion, stillNeeded } from './sampleSize';

/**
 * What a campaign's variant did against the holdout, over the attribution window. Defined once:
 * head office's results page, its CSV and its charts all read these. Arms come in as counts and
 * per-member spend statistics (minor units); figures go out as differences, treated − holdout.
 *
 * - conversion: share of members who bought anything in the window;
 * - redemption: share who used the offer (a holdout member who did is contamination);
 * - spend per member: mean spend in the window, members who bought nothing counting 0;
 * - incremental revenue: the spend difference × treated members, with its interval scaled alike;
 * - cost per incremental customer: cost ÷ (conversion difference × treated members);
 * - ROI: (incremental revenue − cost) ÷ cost.
 * A figure is significant when its p-value is below 1 − confidence (0.05).
 */
export interface ArmTotals {
  members: number;
  converted: number;
  redeemed: number;
  spend: MeanArm;
}

export interface MinimumEffects {
  /** Conversion, in percentage points (5 = +5 pp). */
  conversionPoints: number | null;
  /** Spend per member, in minor units. */
  spendMinor: number | null;
}

export interface Figure extends Difference {
  significant: boolean;
  /** Members still to enrol in the campaign before the minimum effect could be seen; null without one. */
  membersStillNeeded: number | null;
}

export interface VariantResults {
  conversion: Figure | null;
  redemption: Difference | null;
  spendPerMember: Figure | null;
  incrementalRevenueMinor: Difference | null;
  /** Null without a cost, or when the variant made no extra customers. */
  costPerIncrementalCustomerMinor: number | null;
  roi: number | null;
}

const significant = (difference: Difference, confidence: number) =>
  difference.pValue < 1 - confidence;

export function variantResults(
  variant: ArmTotals,
  holdout: ArmTotals,
  options: { minimum: MinimumEffects; costMinor: number | null; confidence?: number },
): VariantResults {
  const confidence = options.confidence ?? CONFIDENCE;
  const have = { treated: variant.members, control: holdout.members };
  const ratio = holdout.members > 0 ? variant.members / holdout.members : 0;

  const conversionDiff = proportionDifference(
    { n: variant.members, successes: variant.converted },
    { n: holdout.members, successes: holdout.converted },
    confidence,
  );
  const conversion: Figure | null = conversionDiff && {
    ...conversionDiff,
    significant: significant(conversionDiff, confidence),
    membersStillNeeded:
      options.minimum.conversionPoints === null
        ? null
        : stillNeeded(
            have,
            membersNeededForProportion(
              holdout.members ? holdout.converted / holdout.members : 0,
              options.minimum.conversionPoints / 100,
              ratio,
              confidence,
            ),
          ),
  };

  const spendDiff = meanDifference(variant.spend, holdout.spend, confidence);
  const spendPerMember: Figure | null = spendDiff && {
    ...spendDiff,
    significant: significant(spendDiff, confidence),
    membersStillNeeded:
      options.minimum.spendMinor === null
        ? null
        : stillNeeded(
            have,
            membersNeededForMean(
              variant.spend.variance,
              holdout.spend.variance,
              options.minimum.spendMinor,
              ratio,
              confidence,
            ),
          ),
  };

  const incrementalRevenueMinor: Difference | null = spendDiff && {
    estimate: spendDiff.estimate * variant.members,
    low: spendDiff.low * variant.members,
    high: spendDiff.high * variant.members,
    pValue: spendDiff.pValue,
  };

  const extraCustomers = conversionDiff ? conversionDiff.estimate * variant.members : 0;
  const cost = options.costMinor;
  return {
    conversion,
    redemption: proportionDifference(
      { n: variant.members, successes: variant.redeemed },
      { n: holdout.members, successes: holdout.redeemed },
      confidence,
    ),
    spendPerMember,
    incrementalRevenueMinor,
    costPerIncrementalCustomerMinor:
      cost !== null && extraCustomers > 0 ? cost / extraCustomers : null,
    roi:
      cost !== null && cost > 0 && incrementalRevenueMinor
        ? (incrementalRevenueMinor.estimate - cost) / cost
        : null,
  };
}
