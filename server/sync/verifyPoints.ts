import type { z } from 'zod';
import type { Program } from '../../shared/program';
import { priceCheckout, type CheckoutLine } from '../../shared/rules/checkout';
import { zonedDay } from '../../shared/zonedTime';
import { isTimeZone } from '../../shared/zonedTime';
import type {
  pointsAdjusted,
  ProgramRef,
  saleRecorded,
  saleRefunded,
  SyncedPointsEntry,
} from '../../shared/sync/operations';
import type { AppliedOperation } from './appliedOperation';
import { currentChainProgram, programOf } from './programHistory';

/**
 * Head office trusts no terminal's arithmetic. Before an operation's points entries are
 * appended, head office works out what they should be from the shared rules:
 * - a sale: priced again (shared/rules/checkout.ts) with the program version the terminal names
 *   (head office keeps every version, its own and each terminal's), the member's tier as the
 *   terminal held it, the shop's date in its time zone, the coupons' campaigns and the gift cards
 *   that paid, and the campaign multiplier the sale names once the member's assignment bears it
 *   out; the points earned must be what the rule gives. Bonuses only go to the member and
 *   whoever referred them, within the program's referral bonus;
 * - a refund: every reversal must reverse an entry of that sale, of the right kind, and never more
 *   than is left of it; the sale must be this terminal's own;
 * - a manager's adjustment: within the program's limit, or held until an admin approves it.
 * Where the terminal's figure differs, head office applies its own and raises an exception that
 * names the terminal. A sale that happened is always kept.
 *
 * A terminal older than this check names no program version; its sale is judged by the chain's
 * current program, and only a figure above what that program could ever give is cut (and
 * raised). A terminal that has named one before must keep doing so.
 */

export interface Finding {
  kind: 'points_mismatch' | 'adjustment_over_limit';
  compensation: 'points_recomputed' | 'adjustment_held';
  memberId: string | null;
  saleId: string | null;
  message: string;
  facts: Record<string, unknown>;
}

export interface Verdict {
  /** The entries head office appends: the terminal's, or its own figure where they differ. */
  entries: SyncedPointsEntry[];
  findings: Finding[];
}

type Sale = z.output<typeof saleRecorded>;
type Refund = z.output<typeof saleRefunded>;
type Adjustment = z.output<typeof pointsAdjusted>;

const sum = (entries: readonly SyncedPointsEntry[]) => entries.reduce((s, e) => s + e.points, 0);

function finding(
  applied: AppliedOperation,
  kind: Finding['kind'],
  facts: Record<string, unknown> & { memberId: string | null; saleId: string | null },
  message: string,
): Finding {
  return {
    kind,
    compensation: kind === 'points_mismatch' ? 'points_recomputed' : 'adjustment_held',
    memberId: facts.memberId,
    saleId: facts.saleId,
    message,
    facts: {
      ...facts,
      opType: applied.op.type,
      opId: applied.op.opId,
      seq: applied.op.seq,
      terminalId: applied.terminal.id,
      terminalNumber: applied.terminal.number,
      storeId: applied.terminal.storeId,
      storeName: applied.terminal.storeName,
      staffId: applied.op.staffId,
      at: applied.op.createdAt,
    },
  };
}

/** The program a terminal says it used, or (with why) the one head office judges by instead. */
async function programFor(
  applied: AppliedOperation,
  ref: ProgramRef | undefined,
): Promise<{ program: Program; exact: boolean; problem: string | null }> {
  if (ref) {
    if (!applied.terminal.pricesWithProgram) {
      await applied.tx.query('UPDATE terminal SET prices_with_program = true WHERE id = $1', [
        applied.terminal.id,
      ]);
      applied.terminal.pricesWithProgram = true;
    }
    const program = await programOf(applied.tx, applied.terminal.id, ref);
    if (program) return { program, exact: true, problem: null };
    return {
      program: await currentChainProgram(applied.tx),
      exact: true,
      problem: `head office has no ${ref.source === 'head_office' ? 'head-office' : 'terminal'} program version ${ref.version}`,
    };
  }
  return {
    program: await currentChainProgram(applied.tx),
    exact: false,
    problem: applied.terminal.pricesWithProgram
      ? 'the sale names no program version, though this terminal named one before'
      : null,
  };
}

/** The most points `base` of earn base could ever earn under `program` (a legacy sale's bound). */
function mostPointsFor(program: Program, baseMinor: number): number {
  if (baseMinor <= 0) return 0;
  const tier = Math.max(100, ...program.tiers.levels.map((l) => l.earnPercent));
  const promo = Math.max(100, ...program.earn.promotions.map((p) => p.percent));
  const line = Math.max(100, ...program.earn.multipliers.map((m) => m.percent));
  const n =
    BigInt(baseMinor) * BigInt(program.earn.points) * BigInt(tier) * BigInt(promo) * BigInt(line);
  const d = BigInt(program.earn.perSpendMinor) * 1_000_000n;
  return Number((n + d - 1n) / d);
}

/** Keeps one earn entry carrying `points` (none when 0); the terminal's ids stay. */
function withEarn(entries: readonly SyncedPointsEntry[], points: number): SyncedPointsEntry[] {
  const out: SyncedPointsEntry[] = [];
  let placed = false;
  for (const entry of entries) {
    if (entry.kind !== 'earn') out.push(entry);
    else if (!placed && points > 0) {
      out.push({ ...entry, points });
      placed = true;
    }
  }
  return out;
}

async function couponCampaigns(
  applied: AppliedOperation,
  sale: Sale,
): Promise<Map<string, string | null>> {
  const ids = (sale.couponUses ?? []).map((u) => u.couponId);
  if (ids.length === 0) return new Map();
  const { rows } = await applied.tx.query<{ id: string; campaign_id: string | null }>(
    'SELECT id, campaign_id FROM coupon WHERE id = ANY($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.campaign_id]));
}

/**
 * The campaign multiplier the sale may earn with: the one it names, when head office assigned
 * the member (or the member it was merged into) to that variant, the variant is a multiplier of
 * that percent, and the shop's date is within its days. Anything else earns 100 %: a holdout
 * member, a stale or made-up offer (the sale keeps naming it, so the results count it as
 * contamination).
 */
async function offerPercentFor(
  applied: AppliedOperation,
  sale: Sale,
  date: string,
): Promise<number> {
  const offer = sale.offer;
  if (!offer || !sale.memberId) return 100;
  const { rows } = await applied.tx.query<{ percent: number }>(
    `SELECT (v.offer ->> 'percent')::int AS percent
     FROM campaign_assignment a JOIN campaign_variant v ON v.id = a.variant_id
     WHERE a.campaign_id = $1 AND a.variant_id = $2
       AND a.member_id IN (SELECT $3::uuid UNION SELECT merged_into FROM member WHERE id = $3::uuid)
       AND v.offer ->> 'kind' = 'multiplier' AND (v.offer ->> 'percent')::int = $4
       AND v.offer ->> 'from' <= $5 AND $5 <= v.offer ->> 'to'
     LIMIT 1`,
    [offer.campaignId, offer.variantId, sale.memberId, offer.percent, date],
  );
  return rows[0]?.percent ?? 100;
}

/** What the shared rule gives for this sale, or why it cannot be priced here. */
async function priceAgain(
  applied: AppliedOperation,
  sale: Sale,
  program: Program,
  redeemed: number,
): Promise<{ points: number; redeemValueMinor: number } | { unpriced: string }> {
  const campaigns = await couponCampaigns(applied, sale);
  const coupons = [];
  for (const use of sale.couponUses ?? []) {
    const campaign = program.coupons.campaigns.find((c) => c.id === campaigns.get(use.couponId));
    // A coupon head office has not heard of yet (issued at a store that has not synced) cannot
    // be priced here; its sale is bounded instead.
    if (!campaign) return { unpriced: `coupon ${use.code} is not known here yet` };
    coupons.push({ code: use.code, campaign });
  }
  const lines: CheckoutLine[] = sale.lines.map((l) => ({
    description: l.description,
    quantity: l.quantity,
    unitPriceMinor: l.unitPriceMinor,
    sku: l.sku ?? null,
    category: l.category ?? null,
    kind: l.kind ?? 'goods',
    taxRateBasisPoints: l.taxRateBasisPoints ?? 0,
  }));
  const zone =
    applied.terminal.timeZone && isTimeZone(applied.terminal.timeZone)
      ? applied.terminal.timeZone
      : 'UTC';
  const day = zonedDay(Date.parse(applied.op.createdAt), zone);
  const tier =
    program.tiers.levels.find((l) => l.id === sale.tierBefore) ?? program.tiers.levels[0];
  const payments = (sale.storedValueEntries ?? [])
    .filter((e) => e.kind === 'pay')
    .map((e) => ({ code: e.code, amountMinor: -e.amountMinor, balanceMinor: -e.amountMinor }));
  const offerPercent = await offerPercentFor(applied, sale, day.date);
  try {
    const priced = priceCheckout({
      program,
      date: day.date,
      weekday: day.weekday,
      lines,
      member: sale.memberId
        ? { availablePoints: redeemed, tierPercent: tier?.earnPercent ?? 100, offerPercent }
        : null,
      coupons,
      redeemPoints: redeemed,
      giftCardPayments: payments,
      taxMode: sale.taxMode ?? 'none',
    });
    return { points: priced.pointsEarned, redeemValueMinor: priced.redeemValueMinor };
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    return { unpriced: typeof code === 'string' ? code : 'the sale cannot be priced' };
  }
}

/** Whom a referral bonus of this sale may go to, and how much each may get. */
async function referralBounds(
  applied: AppliedOperation,
  memberId: string,
  program: Program,
): Promise<Map<string, number>> {
  const bounds = new Map([[memberId, program.referrals.refereePoints]]);
  const { rows } = await applied.tx.query<{ referred_by: string | null }>(
    'SELECT referred_by FROM member WHERE id = $1',
    [memberId],
  );
  const referrer = rows[0]?.referred_by;
  if (referrer) bounds.set(referrer, program.referrals.referrerPoints);
  return bounds;
}

export async function verifySale(applied: AppliedOperation, sale: Sale): Promise<Verdict> {
  const sent = sale.pointsEntries ?? [];
  const { program, exact, problem } = await programFor(applied, sale.program);
  const memberId = sale.memberId;
  const base = { memberId, saleId: sale.saleId, programRef: sale.program ?? null };
  const findings: Finding[] = [];
  // Earned, redeemed and expired points belong to the sale's member; bonuses are judged below.
  const foreign = sent.filter(
    (e) => e.kind !== 'bonus' && (memberId === null || e.memberId !== memberId),
  );
  let entries = sent.filter((e) => !foreign.includes(e));
  if (foreign.length > 0) {
    findings.push(
      finding(
        applied,
        'points_mismatch',
        { ...base, reason: 'entries_for_another_member', dropped: foreign },
        `Sale ${sale.number}: points entries named a member other than the sale's; head office left them out.`,
      ),
    );
  }
  const bonuses = entries.filter((e) => e.kind === 'bonus');
  if (bonuses.length > 0) {
    const bounds = memberId ? await referralBounds(applied, memberId, program) : new Map();
    const wrong = bonuses.filter((b) => b.points > (bounds.get(b.memberId) ?? 0));
    if (wrong.length > 0) {
      entries = entries.filter((e) => !wrong.includes(e));
      findings.push(
        finding(
          applied,
          'points_mismatch',
          { ...base, reason: 'referral_bonus', dropped: wrong },
          `Sale ${sale.number}: a referral bonus beyond the program's (or to someone else) was left out.`,
        ),
      );
    }
  }
  if (!memberId) return { entries, findings };

  const claimed = sum(entries.filter((e) => e.kind === 'earn'));
  const redeemed = -sum(entries.filter((e) => e.kind === 'redeem'));
  let figure = claimed;
  let why: string | null = problem;
  if (exact || problem) {
    const priced = await priceAgain(applied, sale, program, redeemed);
    if ('unpriced' in priced) {
      figure = Math.min(claimed, mostPointsFor(program, sale.earnBaseMinor ?? sale.paidMinor));
      why ??= claimed > figure ? priced.unpriced : null;
    } else {
      figure = priced.points;
      if (figure !== claimed) why ??= 'the points earned differ from the program’s rule';
    }
  } else {
    const most = mostPointsFor(program, sale.earnBaseMinor ?? sale.paidMinor);
    if (claimed > most) {
      figure = most;
      why = 'more points than the program could give';
    }
  }
  if (why) {
    entries = figure === claimed ? entries : withEarn(entries, figure);
    findings.push(
      finding(
        applied,
        'points_mismatch',
        { ...base, reason: why, claimedPoints: claimed, appliedPoints: figure },
        `Sale ${sale.number} at terminal ${applied.terminal.number}: ${why}; head office applied ${figure} points (the terminal claimed ${claimed}).`,
      ),
    );
  }
  return { entries, findings };
}

interface SaleAtHeadOffice {
  terminal_id: string;
  member_id: string | null;
}

export async function verifyRefund(applied: AppliedOperation, refund: Refund): Promise<Verdict> {
  const sent = refund.pointsEntries ?? [];
  const base = { memberId: refund.memberId, saleId: refund.refundId, refundOf: refund.saleId };
  const findings: Finding[] = [];
  const { rows } = await applied.tx.query<SaleAtHeadOffice>(
    "SELECT terminal_id, member_id FROM sale WHERE id = $1 AND kind = 'sale'",
    [refund.saleId],
  );
  const sale = rows[0];
  if (!sale || sale.terminal_id !== applied.terminal.id) {
    if (sent.length > 0) {
      findings.push(
        finding(
          applied,
          'points_mismatch',
          {
            ...base,
            reason: sale ? 'another_terminals_sale' : 'unknown_sale',
            dropped: sent,
          },
          `Refund ${refund.number}: ${sale ? "the sale was another terminal's" : 'head office has no such sale'}; its points were left out.`,
        ),
      );
    }
    return { entries: [], findings };
  }
  // Each reversal must reverse an entry of this sale, of the matching kind, within what is left.
  const reversed = sent.filter((e) => e.kind === 'reverse_earn' || e.kind === 'reverse_redeem');
  const targets = new Map<string, { kind: string; points: number; left: number }>();
  if (reversed.length > 0) {
    const { rows: originals } = await applied.tx.query<{
      id: string;
      kind: string;
      points: number;
      reversed: number;
    }>(
      `SELECT e.id, e.kind, e.points,
         coalesce((SELECT sum(r.points) FROM points_entry r WHERE r.reverses_id = e.id), 0)
           AS reversed
       FROM points_entry e WHERE e.sale_id = $1`,
      [refund.saleId],
    );
    for (const o of originals) {
      targets.set(o.id, {
        kind: o.kind,
        points: Number(o.points),
        left: Math.abs(Number(o.points)) - Math.abs(Number(o.reversed)),
      });
    }
  }
  const entries: SyncedPointsEntry[] = [];
  const cut: { entry: SyncedPointsEntry; applied: number }[] = [];
  for (const entry of sent) {
    if (entry.kind === 'adjust' && entry.points > 0) {
      cut.push({ entry, applied: 0 });
      continue;
    }
    if (entry.kind !== 'reverse_earn' && entry.kind !== 'reverse_redeem') {
      entries.push(entry);
      continue;
    }
    const target = entry.reversesId ? targets.get(entry.reversesId) : undefined;
    const fits =
      target &&
      (entry.kind === 'reverse_redeem'
        ? target.kind === 'redeem'
        : target.kind === 'earn' || target.kind === 'bonus');
    const room = fits ? Math.max(0, target.left) : 0;
    const amount = Math.min(Math.abs(entry.points), room);
    if (target) target.left -= amount;
    if (amount !== Math.abs(entry.points)) cut.push({ entry, applied: amount });
    if (amount > 0) entries.push({ ...entry, points: Math.sign(entry.points) * amount });
  }
  if (cut.length > 0) {
    findings.push(
      finding(
        applied,
        'points_mismatch',
        { ...base, reason: 'reversal_beyond_sale', cut },
        `Refund ${refund.number} at terminal ${applied.terminal.number}: points reversed beyond what the sale gave; head office applied only what was left.`,
      ),
    );
  }
  return { entries, findings };
}

export async function verifyAdjustment(
  applied: AppliedOperation,
  adjustment: Adjustment,
): Promise<Verdict> {
  const { program } = await programFor(applied, adjustment.program);
  const base = { memberId: adjustment.memberId, saleId: null };
  const sent = adjustment.pointsEntries;
  const wrongMember = sent.filter((e) => e.memberId !== adjustment.memberId);
  const mine = sent.filter((e) => e.memberId === adjustment.memberId);
  const adjusts = mine.filter((e) => e.kind === 'adjust');
  const others = mine.filter((e) => e.kind !== 'adjust' && e.kind !== 'expire');
  const moved = Math.abs(sum(adjusts));
  const findings: Finding[] = [];
  let entries = mine.filter((e) => e.kind === 'expire');
  if (moved > program.adjustments.maxPoints || wrongMember.length > 0 || others.length > 0) {
    findings.push(
      finding(
        applied,
        'adjustment_over_limit',
        {
          ...base,
          approvedBy: adjustment.approvedBy,
          reason: adjustment.reason,
          limit: program.adjustments.maxPoints,
          heldEntries: [...adjusts, ...others, ...wrongMember],
        },
        `An adjustment of ${moved} points at terminal ${applied.terminal.number} is beyond the program's limit of ${program.adjustments.maxPoints}; head office holds it until an admin approves it.`,
      ),
    );
  } else {
    entries = [...entries, ...adjusts];
  }
  return { entries, findings };
}
