import { z } from 'zod';
import { rfmSegments } from '../analytics/rfm';
import { amountMinor, id, requiredText } from '../api/fields';
import { consentChannels, consentPurposes } from '../rules/consent';

/**
 * Segments and campaigns at head office (issue 15 §3): a segment is a saved definition over the
 * members; a campaign targets one with variants and a holdout. Messages (h15msg) read the
 * campaign and variant types from here.
 */

const isoDate = z.iso.date();
const count = z.number().int().min(0).max(1_000_000);

/**
 * What a segment asks of a member. Every criterion given must hold (AND); a list criterion holds
 * when the member matches any of its entries (OR); an empty definition is every member.
 *
 * - rfm: the member's RFM segment today (chain-wide, head office's RFM);
 * - tiers: the member's tier today (as terminals report it);
 * - lastPurchase: days since the last purchase, at least / at most (`atMostDays: 30` is "bought
 *   in the last 30 days"; a member who never bought fails an `atMostDays` and passes `atLeastDays`);
 * - spend: lifetime net spend, minor units, inclusive band;
 * - visits: purchases so far, inclusive;
 * - birthdayMonths: 1..12;
 * - homeStores: the store the member enrolled at;
 * - enrolled: enrollment date, inclusive, shop-independent calendar dates (UTC);
 * - consent: every (channel, purpose) listed stands granted now.
 */
export const segmentDefinition = z
  .strictObject({
    rfm: z.array(z.enum(rfmSegments)).min(1).max(rfmSegments.length).optional(),
    tiers: z
      .array(z.string().regex(/^[a-z0-9_-]{1,40}$/, { message: 'must be a tier id' }))
      .min(1)
      .max(20)
      .optional(),
    lastPurchase: z
      .strictObject({
        atLeastDays: z.number().int().min(0).max(36_500).nullable(),
        atMostDays: z.number().int().min(0).max(36_500).nullable(),
      })
      .optional(),
    spend: z
      .strictObject({ minMinor: amountMinor.nullable(), maxMinor: amountMinor.nullable() })
      .optional(),
    visits: z.strictObject({ min: count.nullable(), max: count.nullable() }).optional(),
    birthdayMonths: z.array(z.number().int().min(1).max(12)).min(1).max(12).optional(),
    homeStores: z.array(id).min(1).max(500).optional(),
    enrolled: z.strictObject({ from: isoDate.nullable(), to: isoDate.nullable() }).optional(),
    consent: z
      .array(z.strictObject({ channel: z.enum(consentChannels), purpose: z.enum(consentPurposes) }))
      .min(1)
      .max(consentChannels.length * consentPurposes.length)
      .optional(),
  })
  .superRefine((d, ctx) => {
    const band = (
      low: number | null | undefined,
      high: number | null | undefined,
      path: string,
    ) => {
      if (low != null && high != null && low > high)
        ctx.addIssue({
          code: 'custom',
          path: [path],
          message: 'the lower bound is above the upper',
        });
    };
    band(d.lastPurchase?.atLeastDays, d.lastPurchase?.atMostDays, 'lastPurchase');
    band(d.spend?.minMinor, d.spend?.maxMinor, 'spend');
    band(d.visits?.min, d.visits?.max, 'visits');
    if (d.enrolled?.from && d.enrolled.to && d.enrolled.from > d.enrolled.to)
      ctx.addIssue({ code: 'custom', path: ['enrolled'], message: 'from is after to' });
  });
export type SegmentDefinition = z.infer<typeof segmentDefinition>;

export const saveSegmentRequest = z.strictObject({
  name: requiredText(80),
  definition: segmentDefinition,
});
export type SaveSegmentRequest = z.infer<typeof saveSegmentRequest>;

export const segmentView = z.strictObject({
  id,
  name: z.string(),
  definition: segmentDefinition,
  createdAt: z.string(),
  /** Members matching now. */
  count: z.number().int().min(0),
});
export type SegmentView = z.infer<typeof segmentView>;

export const segmentList = z.strictObject({ segments: z.array(segmentView) });
export type SegmentList = z.infer<typeof segmentList>;

/** A count without saving: the office page's live count while the definition is built. */
export const segmentCount = z.strictObject({ count: z.number().int().min(0) });

/** A segment's members (role-gated and audited): ids and card numbers, a page at a time. */
export const segmentMemberPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});
export const segmentMemberList = z.strictObject({
  total: z.number().int().min(0),
  members: z.array(
    z.strictObject({ memberId: id, cardNumber: z.string(), name: z.string(), tierId: z.string() }),
  ),
});
export type SegmentMemberList = z.infer<typeof segmentMemberList>;

/** What a variant gives its members. */
export const variantOffer = z.discriminatedUnion('kind', [
  /** A coupon of the program's coupon campaign `couponCampaignId`, issued to each member. */
  z.strictObject({ kind: z.literal('coupon'), couponCampaignId: z.string().min(1).max(60) }),
  /**
   * Points × percent/100 on every sale in [from, to] (shop-local dates): 200 is double points.
   * It multiplies on top of tier and promotion (shared/rules/campaignOffer.ts).
   */
  z.strictObject({
    kind: z.literal('multiplier'),
    percent: z.number().int().min(101).max(1000),
    from: isoDate,
    to: isoDate,
  }),
  /** A message only (h15msg sends it: channel and purpose decide the consent needed). */
  z.strictObject({
    kind: z.literal('message'),
    channel: z.enum(['email', 'sms']),
    purpose: z.enum(consentPurposes),
  }),
]);
export type VariantOffer = z.infer<typeof variantOffer>;

export const variantRequest = z.strictObject({
  name: requiredText(60),
  /** Share among the variants (the holdout is taken first). */
  weight: z.number().int().min(1).max(100),
  offer: variantOffer,
  /**
   * A message sent with the offer (coupon, multiplier), or the message of a message-only
   * variant: text per language, which h15msg renders. Null: the offer is silent.
   */
  message: z
    .strictObject({
      subject: z.strictObject({
        en: z.string().max(200),
        'zh-Hant': z.string().max(200),
        'zh-Hans': z.string().max(200),
      }),
      body: z.strictObject({
        en: z.string().max(5000),
        'zh-Hant': z.string().max(5000),
        'zh-Hans': z.string().max(5000),
      }),
    })
    .nullable()
    .default(null),
});
export type VariantRequest = z.infer<typeof variantRequest>;

export const campaignStatuses = ['draft', 'running', 'ended'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

export const createCampaignRequest = z
  .strictObject({
    name: requiredText(80),
    segmentId: id,
    /** Holdout in basis points of the segment (1,000 = 10 %, the default); 0 to 5,000. */
    holdoutBasisPoints: z.number().int().min(0).max(5000).default(1000),
    variants: z.array(variantRequest).min(1).max(8),
    /** Days after launch a purchase still counts for the campaign. */
    attributionDays: z.number().int().min(1).max(365).default(14),
    /** What the campaign cost, for cost per incremental customer and ROI; null until known. */
    costMinor: amountMinor.nullable().default(null),
    /** The smallest effects worth finding: +pp conversion, +minor units spend per member. */
    minimumConversionPoints: z.number().min(0.1).max(100).nullable().default(null),
    minimumSpendMinor: amountMinor.nullable().default(null),
  })
  .superRefine((c, ctx) => {
    c.variants.forEach((v, i) => {
      if (v.offer.kind === 'multiplier' && v.offer.from > v.offer.to)
        ctx.addIssue({
          code: 'custom',
          path: ['variants', i, 'offer', 'to'],
          message: 'ends before it starts',
        });
    });
  });
export type CreateCampaignRequest = z.infer<typeof createCampaignRequest>;

/** What a campaign cost, entered or corrected once known (null: not known). */
export const campaignCostRequest = z.strictObject({ costMinor: amountMinor.nullable() });

export const variantView = z.strictObject({
  id,
  name: z.string(),
  weight: z.number().int(),
  offer: variantOffer,
  message: variantRequest.shape.message,
});
export type VariantView = z.infer<typeof variantView>;

export const campaignView = z.strictObject({
  id,
  name: z.string(),
  segmentId: id,
  segmentName: z.string(),
  status: z.enum(campaignStatuses),
  holdoutBasisPoints: z.number().int(),
  variants: z.array(variantView),
  attributionDays: z.number().int(),
  costMinor: amountMinor.nullable(),
  minimumConversionPoints: z.number().nullable(),
  minimumSpendMinor: amountMinor.nullable(),
  createdAt: z.string(),
  launchedAt: z.string().nullable(),
  /** Members assigned at launch, per arm ('holdout' or a variant id). */
  assigned: z.array(z.strictObject({ arm: z.string(), members: z.number().int() })),
});
export type CampaignView = z.infer<typeof campaignView>;

export const campaignList = z.strictObject({ campaigns: z.array(campaignView) });
export type CampaignList = z.infer<typeof campaignList>;

/** What h15msg's sender reads per assigned member: the arm decides whether a message goes. */
export interface CampaignAssignment {
  campaignId: string;
  memberId: string;
  /** 'holdout' or a variant id. */
  arm: string;
  bucket: number;
}

const difference = z.strictObject({
  estimate: z.number(),
  low: z.number(),
  high: z.number(),
  pValue: z.number(),
});
const figure = difference.extend({
  significant: z.boolean(),
  membersStillNeeded: z.number().int().nullable(),
});

const armTotals = z.strictObject({
  members: z.number().int(),
  converted: z.number().int(),
  redeemed: z.number().int(),
  spendMeanMinor: z.number(),
});

/** The results page (GET /admin/campaigns/:id/results), defined by shared/experiment/uplift.ts. */
export const campaignResults = z.strictObject({
  campaignId: id,
  windowFrom: z.string().nullable(),
  windowTo: z.string().nullable(),
  holdout: armTotals,
  /** Holdout members who got the offer anyway (a coupon of the campaign used, a multiplier earned). */
  contamination: z.number().int(),
  variants: z.array(
    z.strictObject({
      variantId: id,
      name: z.string(),
      totals: armTotals,
      conversion: figure.nullable(),
      redemption: difference.nullable(),
      spendPerMember: figure.nullable(),
      incrementalRevenueMinor: difference.nullable(),
      costPerIncrementalCustomerMinor: z.number().nullable(),
      roi: z.number().nullable(),
    }),
  ),
});
export type CampaignResults = z.infer<typeof campaignResults>;
