import type { Resolution, ResolutionEffect } from '../../shared/office/exceptions';
import { programSchema, type Program } from '../../shared/program';
import { pointsForValueCeil, pointsValueFloor } from '../../shared/rules/redemption';
import type { Queryable } from '../db/database';
import { HeadOfficeFailure } from '../platform/errors';
import { publishBalance } from '../ledger/balances';
import { appendPointsEntries, lockBalance } from '../ledger/pointsLedger';
import { resolveMember } from '../ledger/resolveMember';
import type { ServiceRandom } from '../platform/randomness';

/**
 * What a manager's decision on an exception does to the ledgers. Nothing is edited: each effect
 * is a new entry (points_entry with op_id = the resolution's id, or a coupon_use return), the
 * member's cached balance moves in the same transaction, and the new balance goes out on the
 * balances stream so every terminal learns it on its next pull.
 *
 * - write_off: head office absorbs the overdraft. The member is brought back up to zero (never
 *   above, and never by more than this exception's shortfall); the points given are booked as a
 *   loss at the program's redemption value.
 * - charge_back: the debt stays on the member. The balance is left negative and what is still
 *   owing of this shortfall is recorded as a debt, recovered from future earning. For a coupon
 *   redeemed twice, the losing discount becomes a points debt at the redemption value.
 * - reverse: the losing redemption is undone. Its points come back as a `reverse_redeem` entry
 *   pointing at the redeem entry; a losing coupon use gets a `returned` use. Both booked as loss.
 * - acknowledge: a merge (or another fact-only exception) was looked at; nothing to settle.
 */
export {
  resolutions,
  type Resolution,
  type ResolutionEffect,
} from '../../shared/office/exceptions';

/** Which decisions make sense for which exception. */
export const resolutionsFor: Record<string, readonly Resolution[]> = {
  overdraft: ['write_off', 'charge_back', 'reverse'],
  coupon_double_redeemed: ['write_off', 'charge_back', 'reverse'],
  member_merged: ['acknowledge'],
  unknown_member: ['acknowledge'],
  duplicate_card_number: ['acknowledge'],
  gift_card_overdraft: ['acknowledge'],
  rejected_operation: ['acknowledge'],
  points_mismatch: ['acknowledge'],
  adjustment_over_limit: ['approve', 'acknowledge'],
  voided_coupon_redeemed: ['write_off', 'charge_back', 'acknowledge'],
};

export interface ResolvedException {
  id: string;
  kind: string;
  terminal_id: string | null;
  store_id: string | null;
  op_id: string | null;
  member_id: string | null;
  sale_id: string | null;
  facts: Record<string, unknown>;
}

const noEffect: ResolutionEffect = {
  memberId: null,
  balanceBefore: null,
  balanceAfter: null,
  pointsGiven: 0,
  lossPoints: 0,
  lossMinor: 0,
  lossCurrency: null,
  debtPoints: 0,
  couponUseId: null,
};

export interface EffectContext {
  tx: Queryable;
  at: string;
  now: number;
  random: ServiceRandom;
  /** The resolution's id: the op_id of every points entry it appends. */
  resolutionId: string;
}

async function currentProgram(tx: Queryable): Promise<Program | null> {
  const { rows } = await tx.query<{ data: { program?: unknown } }>(
    'SELECT data FROM program_config WHERE id = 1',
  );
  const parsed = programSchema.safeParse(rows[0]?.data.program);
  return parsed.success ? parsed.data : null;
}

/** Points at the redemption value, in minor units, rounded down (shared/rules/redemption.ts). */
function pointsValueMinor(program: Program | null, points: number): number {
  return !program || points <= 0 ? 0 : pointsValueFloor(points, program.redemption);
}

/** Minor units as points at the redemption value, rounded up: a debt is never understated. */
function minorAsPoints(program: Program | null, minor: number): number {
  return !program || minor <= 0 ? 0 : pointsForValueCeil(minor, program.redemption);
}

async function saleCurrency(tx: Queryable, saleId: string | null): Promise<string | null> {
  if (!saleId) return null;
  const { rows } = await tx.query<{ currency: string | null }>(
    'SELECT currency FROM sale WHERE id = $1',
    [saleId],
  );
  return rows[0]?.currency ?? null;
}

/** Appends one head-office points entry and moves the cached balance; returns the new balance. */
async function appendPoints(
  ctx: EffectContext,
  entry: {
    memberId: string;
    kind: string;
    points: number;
    saleId: string | null;
    reversesId: string | null;
    terminalId: string;
  },
): Promise<number> {
  const { terminalId, ...fields } = entry;
  const [moves] = await appendPointsEntries(ctx, [
    {
      opId: ctx.resolutionId,
      terminalId,
      entries: [{ id: ctx.random.uuidv7(ctx.now), ...fields }],
    },
  ]);
  const balance = moves?.[0]?.after;
  if (balance === undefined) throw new Error('balance missing right after appending to it');
  return balance;
}

function needed<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) {
    throw new HeadOfficeFailure(
      'resolution_not_applicable',
      `This exception has no ${what}, so it cannot be settled in the ledger; acknowledge it instead.`,
    );
  }
  return value;
}

function factNumber(facts: Record<string, unknown>, name: string): number {
  const value = facts[name];
  return typeof value === 'number' && Number.isInteger(value) ? value : 0;
}

async function resolveOverdraft(
  ctx: EffectContext,
  exception: ResolvedException,
  resolution: Resolution,
): Promise<ResolutionEffect> {
  const terminalId = needed(exception.terminal_id, 'terminal');
  const sentId = needed(exception.member_id, 'member');
  const { resolvedId: memberId } = await resolveMember(ctx.tx, sentId);
  const before = await lockBalance(ctx, memberId);
  const shortfall = Math.max(0, -factNumber(exception.facts, 'balanceAfter'));
  const stillOwing = Math.min(shortfall, Math.max(0, -before));
  const program = await currentProgram(ctx.tx);
  const currency = await saleCurrency(ctx.tx, exception.sale_id);
  const base = { ...noEffect, memberId, balanceBefore: before, lossCurrency: currency };

  if (resolution === 'charge_back') {
    await publishBalance(ctx, memberId, before);
    return { ...base, balanceAfter: before, debtPoints: stillOwing };
  }
  if (resolution === 'write_off') {
    let after = before;
    if (stillOwing > 0) {
      after = await appendPoints(ctx, {
        memberId,
        kind: 'write_off',
        points: stillOwing,
        saleId: exception.sale_id,
        reversesId: null,
        terminalId,
      });
    }
    await publishBalance(ctx, memberId, after);
    return {
      ...base,
      balanceAfter: after,
      pointsGiven: stillOwing,
      lossPoints: stillOwing,
      lossMinor: pointsValueMinor(program, stillOwing),
    };
  }
  // reverse: the redeem entries the losing operation appended come back, each pointing at its own.
  const { rows: redeems } = await ctx.tx.query<{ id: string; points: number; sale_id: string }>(
    `SELECT id, points, sale_id FROM points_entry
     WHERE op_id = $1 AND kind = 'redeem' AND points < 0 ORDER BY id`,
    [needed(exception.op_id, 'operation')],
  );
  if (redeems.length === 0) {
    throw new HeadOfficeFailure(
      'resolution_not_applicable',
      'The redemption this exception names is not in the ledger; it cannot be reversed.',
    );
  }
  let after = before;
  let given = 0;
  for (const redeem of redeems) {
    after = await appendPoints(ctx, {
      memberId,
      kind: 'reverse_redeem',
      points: -redeem.points,
      saleId: redeem.sale_id,
      reversesId: redeem.id,
      terminalId,
    });
    given += -redeem.points;
  }
  await publishBalance(ctx, memberId, after);
  return {
    ...base,
    balanceAfter: after,
    pointsGiven: given,
    lossPoints: given,
    lossMinor: pointsValueMinor(program, given),
  };
}

async function resolveCouponTwice(
  ctx: EffectContext,
  exception: ResolvedException,
  resolution: Resolution,
): Promise<ResolutionEffect> {
  const second = exception.facts.second as { useId?: unknown; saleId?: unknown } | undefined;
  const discount = Math.max(0, factNumber(exception.facts, 'discountMinor'));
  const currency = await saleCurrency(ctx.tx, exception.sale_id);
  const base = { ...noEffect, lossCurrency: currency };

  if (resolution === 'write_off') return { ...base, lossMinor: discount };

  if (resolution === 'reverse') {
    const { rows } = await ctx.tx.query<{
      id: string;
      coupon_id: string;
      code: string;
      sale_id: string;
      store_id: string;
      terminal_id: string;
    }>(
      `SELECT u.id, u.coupon_id, u.code, u.sale_id, u.store_id, u.terminal_id FROM coupon_use u
       WHERE u.op_id = $1 AND u.kind = 'redeemed'
         AND ($2::uuid IS NULL OR u.id = $2::uuid)
         AND NOT EXISTS (SELECT 1 FROM coupon_use r WHERE r.returns_use_id = u.id)
       ORDER BY u.number LIMIT 1`,
      [
        needed(exception.op_id, 'operation'),
        typeof second?.useId === 'string' ? second.useId : null,
      ],
    );
    const use = rows[0];
    if (!use) {
      throw new HeadOfficeFailure(
        'resolution_not_applicable',
        'The losing coupon use is not in the ledger (or was already given back).',
      );
    }
    const id = ctx.random.uuidv7(ctx.now);
    await ctx.tx.query(
      `INSERT INTO coupon_use (id, coupon_id, code, kind, sale_id, returns_use_id, discount_minor,
         store_id, terminal_id, op_id, created_at, recorded_at)
       VALUES ($1, $2, $3, 'returned', $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        use.coupon_id,
        use.code,
        use.sale_id,
        use.id,
        -discount,
        use.store_id,
        use.terminal_id,
        ctx.resolutionId,
        // created_at is a till's time as text; head office's own is its decision time.
        ctx.at,
        ctx.at,
      ],
    );
    return { ...base, lossMinor: discount, couponUseId: id };
  }

  // charge_back: the losing discount becomes points the member owes.
  const sentId = needed(exception.member_id, 'member');
  const terminalId = needed(exception.terminal_id, 'terminal');
  const { resolvedId: memberId } = await resolveMember(ctx.tx, sentId);
  const before = await lockBalance(ctx, memberId);
  const debt = minorAsPoints(await currentProgram(ctx.tx), discount);
  let after = before;
  if (debt > 0) {
    after = await appendPoints(ctx, {
      memberId,
      kind: 'charge_back',
      points: -debt,
      saleId: exception.sale_id,
      reversesId: null,
      terminalId,
    });
  }
  await publishBalance(ctx, memberId, after);
  return { ...base, memberId, balanceBefore: before, balanceAfter: after, debtPoints: debt };
}

/**
 * An adjustment held beyond the program's limit, approved: its entries are appended now, as head
 * office's (op_id = the resolution), and the member's new balance goes out.
 */
async function approveHeldAdjustment(
  ctx: EffectContext,
  exception: ResolvedException,
): Promise<ResolutionEffect> {
  const terminalId = needed(exception.terminal_id, 'terminal');
  const held = Array.isArray(exception.facts.heldEntries) ? exception.facts.heldEntries : [];
  const entries = held.flatMap((raw) => {
    const e = raw as Record<string, unknown>;
    return typeof e.id === 'string' &&
      typeof e.memberId === 'string' &&
      typeof e.kind === 'string' &&
      typeof e.points === 'number' &&
      Number.isInteger(e.points)
      ? [{ id: e.id, memberId: e.memberId, kind: e.kind, points: e.points }]
      : [];
  });
  const sentId = needed(exception.member_id, 'member');
  const { resolvedId: memberId } = await resolveMember(ctx.tx, sentId);
  const before = await lockBalance(ctx, memberId);
  const [moves] = await appendPointsEntries(ctx, [
    {
      opId: ctx.resolutionId,
      terminalId,
      entries: entries.map((e) => ({ ...e, saleId: null, reversesId: null })),
    },
  ]);
  const after = moves?.find((m) => m.memberId === memberId)?.after ?? before;
  await publishBalance(ctx, memberId, after);
  const given = entries.reduce((s, e) => s + e.points, 0);
  return { ...noEffect, memberId, balanceBefore: before, balanceAfter: after, pointsGiven: given };
}

/** Applies a decision inside the resolving transaction; refuses one that does not fit the kind. */
export async function applyResolution(
  ctx: EffectContext,
  exception: ResolvedException,
  resolution: Resolution,
): Promise<ResolutionEffect> {
  const allowed = resolutionsFor[exception.kind] ?? ['acknowledge'];
  if (!allowed.includes(resolution)) {
    throw new HeadOfficeFailure(
      'resolution_not_applicable',
      `A ${exception.kind} exception can be resolved by ${allowed.join(', ')}, not ${resolution}.`,
      { allowed: [...allowed] },
    );
  }
  if (resolution === 'acknowledge') return noEffect;
  if (resolution === 'approve') return approveHeldAdjustment(ctx, exception);
  if (exception.kind === 'overdraft') return resolveOverdraft(ctx, exception, resolution);
  return resolveCouponTwice(ctx, exception, resolution);
}
