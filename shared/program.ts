import { z } from 'zod';
import { requiredText, text } from './text';
import { defaultFeedbackSettings, feedbackSettingsSchema } from './rules/feedback';
import { complaintSettingsSchema, defaultComplaintSettings } from './rules/complaint';

/**
 * The loyalty program a shop runs: earn rules, tiers, expiry, pending points, refunds,
 * redemption, coupon campaigns, gift cards and referrals. A manager edits it on the terminal;
 * head office distributes it. Every rate is an integer (points, minor units, percent) so no float
 * ever touches money or points.
 */

const id = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, 'use lowercase letters, digits, - or _');
const label = requiredText(40);
const percent = z.number().int().min(0).max(10_000);
const minor = z.number().int().min(0).max(10_000_000_000);
const isoDate = z.iso.date();

export const roundingModes = ['floor', 'round', 'ceil'] as const;
export type RoundingMode = (typeof roundingModes)[number];

const multiplier = z.strictObject({
  /** A product code (sku) or a category name, as typed on sale lines. */
  match: requiredText(40),
  /** 100 = normal, 200 = double, 0 = excluded from earning. */
  percent,
});

export const promotionSchema = z.strictObject({
  id,
  name: label,
  percent,
  /** Inclusive calendar dates in the shop's time zone; null = open-ended. */
  from: isoDate.nullable(),
  to: isoDate.nullable(),
  /** ISO weekdays 1 (Monday) to 7 (Sunday); empty = every day. */
  weekdays: z.array(z.number().int().min(1).max(7)).max(7),
});
export type Promotion = z.infer<typeof promotionSchema>;

export const tierSchema = z.strictObject({
  id,
  name: label,
  /** Qualifying value to reach this tier: minor units of net spend, or points earned. */
  threshold: z.number().int().min(0).max(10_000_000_000),
  earnPercent: percent,
  perks: text(200, { multiline: true }),
});
export type Tier = z.infer<typeof tierSchema>;

export const couponKinds = ['percent', 'amount', 'free_item', 'buy_x_get_y'] as const;
export type CouponKind = (typeof couponKinds)[number];

export const campaignSchema = z.strictObject({
  id,
  name: label,
  kind: z.enum(couponKinds),
  /** percent: percent off eligible lines. */
  percentOff: z.number().int().min(1).max(100).nullable(),
  /** amount: minor units off the basket. */
  amountOffMinor: minor.nullable(),
  /** free_item and buy_x_get_y: which sku or category the coupon applies to; null = any line. */
  appliesTo: requiredText(40).nullable(),
  buyQuantity: z.number().int().min(1).max(100).nullable(),
  getQuantity: z.number().int().min(1).max(100).nullable(),
  minimumBasketMinor: minor,
  validFrom: isoDate.nullable(),
  validTo: isoDate.nullable(),
  /** Days a coupon stays valid after it is issued; null = only the campaign dates. */
  validDays: z.number().int().min(1).max(3650).nullable(),
  /** Uses per member; 0 = unlimited. */
  perMemberLimit: z.number().int().min(0).max(1000),
  /** 0 = unlimited. */
  totalLimit: z.number().int().min(0).max(10_000_000),
  stackable: z.boolean(),
  /** Never redeemable while the terminal is offline. */
  onlineOnly: z.boolean(),
});
export type Campaign = z.infer<typeof campaignSchema>;

export const programSchema = z
  .strictObject({
    earn: z.strictObject({
      points: z.number().int().min(0).max(1000),
      perSpendMinor: z.number().int().min(1).max(1_000_000),
      minimumSpendMinor: minor,
      rounding: z.enum(roundingModes),
      multipliers: z.array(multiplier).max(200),
      promotions: z.array(promotionSchema).max(50),
    }),
    tiers: z.strictObject({
      qualification: z.enum(['spend', 'points']),
      levels: z.array(tierSchema).min(1).max(10),
      /** Month and day of the yearly downgrade review, "MM-DD". */
      reviewDate: z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/),
      graceDays: z.number().int().min(0).max(365),
    }),
    expiry: z.strictObject({ months: z.number().int().min(0).max(120) }),
    pending: z.strictObject({ returnWindowDays: z.number().int().min(0).max(365) }),
    refunds: z.strictObject({ spentPoints: z.enum(['reduce_cash', 'negative_balance']) }),
    redemption: z.strictObject({
      points: z.number().int().min(1).max(1_000_000),
      valueMinor: z.number().int().min(1).max(1_000_000),
      minimumPoints: z.number().int().min(0).max(1_000_000),
      /** Largest share of a sale that points may pay, in percent. */
      maxSharePercent: z.number().int().min(0).max(100),
    }),
    giftCards: z.strictObject({ expiryMonths: z.number().int().min(0).max(120) }),
    referrals: z.strictObject({
      referrerPoints: z.number().int().min(0).max(1_000_000),
      refereePoints: z.number().int().min(0).max(1_000_000),
      minimumSpendMinor: minor,
    }),
    coupons: z.strictObject({
      campaigns: z.array(campaignSchema).max(100),
      welcomeCampaignId: id.nullable(),
      birthdayCampaignId: id.nullable(),
      nextOrder: z.strictObject({ spendMinor: minor.min(1), campaignId: id }).nullable(),
    }),
    /**
     * A manager's points adjustment (either way) may move at most this many points; head office
     * holds anything beyond it as an exception. Programs saved before it existed get the default.
     */
    adjustments: z
      .strictObject({ maxPoints: z.number().int().min(1).max(1_000_000) })
      .default({ maxPoints: 10_000 }),
    /** The closing question after a sale (issue 13 §2); older programs get the default. */
    feedback: feedbackSettingsSchema.default(defaultFeedbackSettings),
    /** Complaint deadlines per severity (issue 13 §3); older programs get the default. */
    complaints: complaintSettingsSchema.default(defaultComplaintSettings),
  })
  .superRefine((program, ctx) => {
    const levels = program.tiers.levels;
    if (levels[0]?.threshold !== 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['tiers', 'levels', 0, 'threshold'],
        message: 'the first tier starts at 0',
      });
    }
    levels.forEach((level, index) => {
      const previous = levels[index - 1];
      if (previous && level.threshold <= previous.threshold) {
        ctx.addIssue({
          code: 'custom',
          path: ['tiers', 'levels', index, 'threshold'],
          message: 'thresholds must rise',
        });
      }
    });
    const unique = (values: string[], path: (string | number)[]) => {
      if (new Set(values).size !== values.length) {
        ctx.addIssue({ code: 'custom', path, message: 'ids must be unique' });
      }
    };
    unique(
      levels.map((l) => l.id),
      ['tiers', 'levels'],
    );
    unique(
      program.coupons.campaigns.map((c) => c.id),
      ['coupons', 'campaigns'],
    );
    unique(
      program.earn.promotions.map((p) => p.id),
      ['earn', 'promotions'],
    );
    const campaignIds = new Set(program.coupons.campaigns.map((c) => c.id));
    const refs: [string | null | undefined, (string | number)[]][] = [
      [program.coupons.welcomeCampaignId, ['coupons', 'welcomeCampaignId']],
      [program.coupons.birthdayCampaignId, ['coupons', 'birthdayCampaignId']],
      [program.coupons.nextOrder?.campaignId, ['coupons', 'nextOrder', 'campaignId']],
    ];
    for (const [ref, path] of refs) {
      if (ref && !campaignIds.has(ref))
        ctx.addIssue({ code: 'custom', path, message: 'no such campaign' });
    }
    program.coupons.campaigns.forEach((c, index) => {
      const need = (ok: boolean, field: string) => {
        if (!ok)
          ctx.addIssue({
            code: 'custom',
            path: ['coupons', 'campaigns', index, field],
            message: `required for ${c.kind}`,
          });
      };
      if (c.kind === 'percent') need(c.percentOff !== null, 'percentOff');
      if (c.kind === 'amount')
        need(c.amountOffMinor !== null && c.amountOffMinor > 0, 'amountOffMinor');
      if (c.kind === 'free_item') need(c.appliesTo !== null, 'appliesTo');
      if (c.kind === 'buy_x_get_y') {
        need(c.buyQuantity !== null, 'buyQuantity');
        need(c.getQuantity !== null, 'getQuantity');
      }
      if (c.validFrom && c.validTo && c.validFrom > c.validTo) {
        ctx.addIssue({
          code: 'custom',
          path: ['coupons', 'campaigns', index, 'validTo'],
          message: 'ends before it starts',
        });
      }
    });
  });

export type Program = z.infer<typeof programSchema>;

/** A sensible starting program: 1 point per 1.00, four tiers, 12-month expiry. */
export const defaultProgram: Program = {
  earn: {
    points: 1,
    perSpendMinor: 100,
    minimumSpendMinor: 0,
    rounding: 'floor',
    multipliers: [],
    promotions: [],
  },
  tiers: {
    qualification: 'spend',
    levels: [
      { id: 'basic', name: '普通 Basic', threshold: 0, earnPercent: 100, perks: '' },
      { id: 'silver', name: '銀 Silver', threshold: 300_000, earnPercent: 125, perks: '' },
      { id: 'gold', name: '金 Gold', threshold: 1_000_000, earnPercent: 150, perks: '' },
      { id: 'platinum', name: '白金 Platinum', threshold: 3_000_000, earnPercent: 200, perks: '' },
    ],
    reviewDate: '01-01',
    graceDays: 30,
  },
  expiry: { months: 12 },
  pending: { returnWindowDays: 0 },
  refunds: { spentPoints: 'negative_balance' },
  redemption: { points: 100, valueMinor: 500, minimumPoints: 0, maxSharePercent: 100 },
  giftCards: { expiryMonths: 0 },
  referrals: { referrerPoints: 0, refereePoints: 0, minimumSpendMinor: 0 },
  coupons: { campaigns: [], welcomeCampaignId: null, birthdayCampaignId: null, nextOrder: null },
  adjustments: { maxPoints: 10_000 },
  feedback: defaultFeedbackSettings,
  complaints: defaultComplaintSettings,
};
