import type { Currency } from '../../../shared/money';
import { amountToInput, minorPerUnit, parseAmount } from '../../../shared/money';
import type { CouponKind, Program, RoundingMode } from '../../../shared/program';
import { uuidv7 } from '../../../shared/ids';

/**
 * The program as the manager edits it: the same shape as Program, so a zod issue path names a
 * form field directly, but every number is the text as typed. Amounts are money text ("12.50"),
 * converted with parseAmount; `key` only keeps React list rows stable.
 */
export interface MultiplierForm {
  key: string;
  match: string;
  percent: string;
}

export interface PromotionForm {
  key: string;
  id: string;
  name: string;
  percent: string;
  from: string;
  to: string;
  weekdays: number[];
}

export interface TierForm {
  key: string;
  id: string;
  name: string;
  threshold: string;
  earnPercent: string;
  perks: string;
}

export interface CampaignForm {
  key: string;
  id: string;
  name: string;
  kind: CouponKind;
  percentOff: string;
  amountOffMinor: string;
  appliesTo: string;
  buyQuantity: string;
  getQuantity: string;
  minimumBasketMinor: string;
  validFrom: string;
  validTo: string;
  validDays: string;
  perMemberLimit: string;
  totalLimit: string;
  stackable: boolean;
  onlineOnly: boolean;
}

export interface ProgramForm {
  earn: {
    points: string;
    perSpendMinor: string;
    minimumSpendMinor: string;
    rounding: RoundingMode;
    multipliers: MultiplierForm[];
    promotions: PromotionForm[];
  };
  tiers: {
    qualification: 'spend' | 'points';
    levels: TierForm[];
    reviewDate: string;
    graceDays: string;
  };
  expiry: { months: string };
  pending: { returnWindowDays: string };
  refunds: { spentPoints: 'reduce_cash' | 'negative_balance' };
  redemption: {
    points: string;
    valueMinor: string;
    minimumPoints: string;
    maxSharePercent: string;
  };
  giftCards: { expiryMonths: string };
  referrals: { referrerPoints: string; refereePoints: string; minimumSpendMinor: string };
  coupons: {
    campaigns: CampaignForm[];
    /** '' = none. */
    welcomeCampaignId: string;
    birthdayCampaignId: string;
    /** campaignId '' = no next-order coupon. */
    nextOrder: { spendMinor: string; campaignId: string };
  };
}

/** A new row key or id: lowercase, unique, and within the program's id pattern. */
export function newId(prefix: string): string {
  return `${prefix}-${uuidv7().slice(-12)}`;
}

const whole = (n: number) => String(n);
const orEmpty = (n: number | null) => (n === null ? '' : String(n));

export function programToForm(program: Program, currency: Currency): ProgramForm {
  const money = (minor: number) => amountToInput(minor, currency);
  const spend = program.tiers.qualification === 'spend';
  return {
    earn: {
      points: whole(program.earn.points),
      perSpendMinor: money(program.earn.perSpendMinor),
      minimumSpendMinor: money(program.earn.minimumSpendMinor),
      rounding: program.earn.rounding,
      multipliers: program.earn.multipliers.map((m) => ({
        key: newId('m'),
        match: m.match,
        percent: whole(m.percent),
      })),
      promotions: program.earn.promotions.map((p) => ({
        key: newId('p'),
        id: p.id,
        name: p.name,
        percent: whole(p.percent),
        from: p.from ?? '',
        to: p.to ?? '',
        weekdays: [...p.weekdays],
      })),
    },
    tiers: {
      qualification: program.tiers.qualification,
      levels: program.tiers.levels.map((l) => ({
        key: newId('t'),
        id: l.id,
        name: l.name,
        threshold: spend ? money(l.threshold) : whole(l.threshold),
        earnPercent: whole(l.earnPercent),
        perks: l.perks,
      })),
      reviewDate: program.tiers.reviewDate,
      graceDays: whole(program.tiers.graceDays),
    },
    expiry: { months: whole(program.expiry.months) },
    pending: { returnWindowDays: whole(program.pending.returnWindowDays) },
    refunds: { spentPoints: program.refunds.spentPoints },
    redemption: {
      points: whole(program.redemption.points),
      valueMinor: money(program.redemption.valueMinor),
      minimumPoints: whole(program.redemption.minimumPoints),
      maxSharePercent: whole(program.redemption.maxSharePercent),
    },
    giftCards: { expiryMonths: whole(program.giftCards.expiryMonths) },
    referrals: {
      referrerPoints: whole(program.referrals.referrerPoints),
      refereePoints: whole(program.referrals.refereePoints),
      minimumSpendMinor: money(program.referrals.minimumSpendMinor),
    },
    coupons: {
      campaigns: program.coupons.campaigns.map((c) => ({
        key: newId('c'),
        id: c.id,
        name: c.name,
        kind: c.kind,
        percentOff: orEmpty(c.percentOff),
        amountOffMinor: c.amountOffMinor === null ? '' : money(c.amountOffMinor),
        appliesTo: c.appliesTo ?? '',
        buyQuantity: orEmpty(c.buyQuantity),
        getQuantity: orEmpty(c.getQuantity),
        minimumBasketMinor: money(c.minimumBasketMinor),
        validFrom: c.validFrom ?? '',
        validTo: c.validTo ?? '',
        validDays: orEmpty(c.validDays),
        perMemberLimit: whole(c.perMemberLimit),
        totalLimit: whole(c.totalLimit),
        stackable: c.stackable,
        onlineOnly: c.onlineOnly,
      })),
      welcomeCampaignId: program.coupons.welcomeCampaignId ?? '',
      birthdayCampaignId: program.coupons.birthdayCampaignId ?? '',
      nextOrder: program.coupons.nextOrder
        ? {
            spendMinor: money(program.coupons.nextOrder.spendMinor),
            campaignId: program.coupons.nextOrder.campaignId,
          }
        : { spendMinor: '', campaignId: '' },
    },
  };
}

/**
 * Text that is not a number becomes NaN, which the schema refuses at exactly that path; empty
 * optional text becomes null. The schema, not this function, decides what is allowed.
 */
function int(text: string): number {
  const t = text.trim().replace(/[,\s]/g, '');
  return /^-?\d{1,12}$/.test(t) ? Number(t) : Number.NaN;
}

function optionalInt(text: string): number | null {
  return text.trim() === '' ? null : int(text);
}

function optionalText(text: string): string | null {
  return text.trim() === '' ? null : text.trim();
}

/** The candidate Program for programSchema.safeParse. */
export function formToCandidate(form: ProgramForm, currency: Currency): unknown {
  const money = (text: string) => parseAmount(text, currency) ?? Number.NaN;
  const optionalMoney = (text: string) => (text.trim() === '' ? null : money(text));
  const spend = form.tiers.qualification === 'spend';
  return {
    earn: {
      points: int(form.earn.points),
      perSpendMinor: money(form.earn.perSpendMinor),
      minimumSpendMinor: money(form.earn.minimumSpendMinor),
      rounding: form.earn.rounding,
      multipliers: form.earn.multipliers.map((m) => ({
        match: m.match.trim(),
        percent: int(m.percent),
      })),
      promotions: form.earn.promotions.map((p) => ({
        id: p.id,
        name: p.name.trim(),
        percent: int(p.percent),
        from: p.from === '' ? null : p.from,
        to: p.to === '' ? null : p.to,
        weekdays: [...p.weekdays].sort((a, b) => a - b),
      })),
    },
    tiers: {
      qualification: form.tiers.qualification,
      levels: form.tiers.levels.map((l) => ({
        id: l.id,
        name: l.name.trim(),
        threshold: spend ? money(l.threshold) : int(l.threshold),
        earnPercent: int(l.earnPercent),
        perks: l.perks.trim(),
      })),
      reviewDate: form.tiers.reviewDate.trim(),
      graceDays: int(form.tiers.graceDays),
    },
    expiry: { months: int(form.expiry.months) },
    pending: { returnWindowDays: int(form.pending.returnWindowDays) },
    refunds: { spentPoints: form.refunds.spentPoints },
    redemption: {
      points: int(form.redemption.points),
      valueMinor: money(form.redemption.valueMinor),
      minimumPoints: int(form.redemption.minimumPoints),
      maxSharePercent: int(form.redemption.maxSharePercent),
    },
    giftCards: { expiryMonths: int(form.giftCards.expiryMonths) },
    referrals: {
      referrerPoints: int(form.referrals.referrerPoints),
      refereePoints: int(form.referrals.refereePoints),
      minimumSpendMinor: money(form.referrals.minimumSpendMinor),
    },
    coupons: {
      campaigns: form.coupons.campaigns.map((c) => {
        // Only the fields a kind uses are sent; the others are null so a hidden field never fails.
        const uses = {
          percentOff: c.kind === 'percent',
          amountOff: c.kind === 'amount',
          quantities: c.kind === 'buy_x_get_y',
        };
        return {
          id: c.id,
          name: c.name.trim(),
          kind: c.kind,
          percentOff: uses.percentOff ? optionalInt(c.percentOff) : null,
          amountOffMinor: uses.amountOff ? optionalMoney(c.amountOffMinor) : null,
          appliesTo: optionalText(c.appliesTo),
          buyQuantity: uses.quantities ? optionalInt(c.buyQuantity) : null,
          getQuantity: uses.quantities ? optionalInt(c.getQuantity) : null,
          minimumBasketMinor: money(c.minimumBasketMinor),
          validFrom: c.validFrom === '' ? null : c.validFrom,
          validTo: c.validTo === '' ? null : c.validTo,
          validDays: optionalInt(c.validDays),
          perMemberLimit: int(c.perMemberLimit),
          totalLimit: int(c.totalLimit),
          stackable: c.stackable,
          onlineOnly: c.onlineOnly,
        };
      }),
      welcomeCampaignId: form.coupons.welcomeCampaignId || null,
      birthdayCampaignId: form.coupons.birthdayCampaignId || null,
      nextOrder:
        form.coupons.nextOrder.campaignId === ''
          ? null
          : {
              spendMinor: money(form.coupons.nextOrder.spendMinor),
              campaignId: form.coupons.nextOrder.campaignId,
            },
    },
  };
}

/**
 * Switching how tiers qualify keeps each threshold's size in whole units: HK$3,000.00 of spend
 * becomes 3,000 points and back, which matches the default earn rate of 1 point per unit.
 */
export function convertThresholds(
  levels: TierForm[],
  to: 'spend' | 'points',
  currency: Currency,
): TierForm[] {
  const unit = minorPerUnit(currency);
  return levels.map((level) => {
    if (to === 'points') {
      const minor = parseAmount(level.threshold, currency);
      return {
        ...level,
        threshold: minor === null ? level.threshold : String(Math.floor(minor / unit)),
      };
    }
    const points = int(level.threshold);
    return {
      ...level,
      threshold: Number.isSafeInteger(points)
        ? amountToInput(points * unit, currency)
        : level.threshold,
    };
  });
}

export function newCampaign(): CampaignForm {
  return {
    key: newId('c'),
    id: newId('campaign'),
    name: '',
    kind: 'percent',
    percentOff: '10',
    amountOffMinor: '',
    appliesTo: '',
    buyQuantity: '',
    getQuantity: '',
    minimumBasketMinor: '0.00',
    validFrom: '',
    validTo: '',
    validDays: '',
    perMemberLimit: '1',
    totalLimit: '0',
    stackable: false,
    onlineOnly: false,
  };
}

export function newPromotion(): PromotionForm {
  return {
    key: newId('p'),
    id: newId('promo'),
    name: '',
    percent: '200',
    from: '',
    to: '',
    weekdays: [],
  };
}

export function newTier(after: TierForm | undefined): TierForm {
  return {
    key: newId('t'),
    id: newId('tier'),
    name: '',
    threshold: '',
    earnPercent: after?.earnPercent ?? '100',
    perks: '',
  };
}

export function newMultiplier(): MultiplierForm {
  return { key: newId('m'), match: '', percent: '200' };
}
