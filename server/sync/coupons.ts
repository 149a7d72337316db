import type { z } from 'zod';
import type { CouponUseKind, couponIssued, SyncedCouponUse } from '../../shared/sync/operations';
import type { PulledCoupon } from '../../shared/sync/protocol';
import type { AppliedOperation, Compensation } from './appliedOperation';
import { raiseException } from '../exceptions/raiseException';
import { createLogger } from '../platform/logger';
import { appendChange } from '../db/streams';

const log = createLogger('coupons');

/**
 * Single-use coupons are decided here, in head office's order (pushes are serialised, see
 * db/streams.ts). The first redemption wins the coupon. A later one is kept, because the sale
 * happened, and raised as `coupon_double_redeemed`. A return gives the coupon back; if another
 * redemption is still outstanding, the earliest of those holds it from then on.
 */

interface CouponRow {
  id: string;
  code: string;
  campaign_id: string | null;
  member_id: string | null;
  valid_from: string | null;
  valid_to: string | null;
  issued_op_id: string | null;
  redeemed_use_id: string | null;
  redeemed_sale_id: string | null;
  voided_at: Date | null;
  voided_by_refund: string | null;
}

const COUPON_COLUMNS = `id, code, campaign_id, member_id, valid_from, valid_to, issued_op_id,
  redeemed_use_id, redeemed_sale_id, voided_at, voided_by_refund`;

/** What terminals pull, once head office has the coupon's issue (before that it has no campaign). */
export function pulledCouponOf(row: CouponRow): PulledCoupon | null {
  if (row.campaign_id === null) return null;
  return {
    couponId: row.id,
    code: row.code,
    campaignId: row.campaign_id,
    memberId: row.member_id,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    state: row.redeemed_use_id ? 'redeemed' : row.voided_at ? 'voided' : 'issued',
    redeemedSaleId: row.redeemed_sale_id,
  };
}

async function publishCoupon(applied: AppliedOperation, row: CouponRow): Promise<void> {
  const item = pulledCouponOf(row);
  if (item) await appendChange(applied.tx, 'coupons', row.id, item, applied.at);
}

/** The coupon's row, locked; a coupon head office has not seen yet gets a row without its issue. */
async function lockCoupon(applied: AppliedOperation, id: string, code: string): Promise<CouponRow> {
  await applied.tx.query(
    `INSERT INTO coupon (id, code, first_seen_at) VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING`,
    [id, code, applied.at],
  );
  const { rows } = await applied.tx.query<CouponRow>(
    `SELECT ${COUPON_COLUMNS} FROM coupon WHERE id = $1 FOR UPDATE`,
    [id],
  );
  const row = rows[0];
  if (!row) throw new Error('coupon missing right after upsert');
  return row;
}

async function setHolder(
  applied: AppliedOperation,
  couponId: string,
  holder: { useId: string; saleId: string } | null,
): Promise<CouponRow> {
  const { rows } = await applied.tx.query<CouponRow>(
    `UPDATE coupon SET redeemed_use_id = $2, redeemed_sale_id = $3 WHERE id = $1
     RETURNING ${COUPON_COLUMNS}`,
    [couponId, holder?.useId ?? null, holder?.saleId ?? null],
  );
  const row = rows[0];
  if (!row) throw new Error('coupon vanished while redeeming it');
  return row;
}

/**
 * A coupon a terminal issued. A coupon that head office first met in a redemption keeps that
 * redemption: only the issue's facts are filled in. Issuing the same coupon again changes nothing.
 */
export async function applyCouponIssued(
  applied: AppliedOperation,
  payload: z.output<typeof couponIssued>,
): Promise<void> {
  const current = await lockCoupon(applied, payload.couponId, payload.code);
  if (current.issued_op_id) {
    if (current.issued_op_id !== applied.op.opId) {
      log.warn(
        `coupon ${payload.couponId} issued again by operation ${applied.op.opId}; the first issue stands`,
      );
    }
    return;
  }
  const { rows } = await applied.tx.query<CouponRow>(
    `UPDATE coupon SET code = $2, campaign_id = $3, member_id = $4, valid_from = $5, valid_to = $6,
       source = $7, issued_sale_id = $8, issued_at = $9, issued_store_id = $10,
       issued_terminal_id = $11, issued_op_id = $12
     WHERE id = $1 RETURNING ${COUPON_COLUMNS}`,
    [
      payload.couponId,
      payload.code,
      payload.campaignId,
      payload.memberId,
      payload.validFrom,
      payload.validTo,
      payload.source,
      payload.saleId,
      applied.op.createdAt,
      applied.terminal.storeId,
      applied.terminal.id,
      applied.op.opId,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('coupon vanished while issuing it');
  await publishCoupon(applied, row);
}

/** The sale or refund whose coupon uses are being applied. */
export interface CouponUseContext {
  /** What a use without `kind` is: a sale redeems, a refund returns. */
  kind: CouponUseKind;
  /** The sale (or refund) the uses belong to. */
  saleId: string;
  /** For a refund: the sale whose redemptions it returns. */
  refundOf: string | null;
  memberId: string | null;
}

interface UseFacts {
  use_id: string;
  sale_id: string;
  sale_number: string | null;
  discount_minor: number;
  created_at: string;
  recorded_at: Date;
  terminal_id: string;
  terminal_number: number;
  store_id: string;
  store_name: string;
}

async function useFacts(applied: AppliedOperation, useId: string) {
  const { rows } = await applied.tx.query<UseFacts>(
    `SELECT u.id AS use_id, u.sale_id, sa.number AS sale_number, u.discount_minor, u.created_at,
       u.recorded_at, u.terminal_id, t.number AS terminal_number, u.store_id, s.name AS store_name
     FROM coupon_use u
       JOIN terminal t ON t.id = u.terminal_id
       JOIN store s ON s.id = u.store_id
       LEFT JOIN sale sa ON sa.id = u.sale_id
     WHERE u.id = $1`,
    [useId],
  );
  const row = rows[0];
  if (!row) throw new Error(`coupon use ${useId} missing`);
  return {
    useId: row.use_id,
    saleId: row.sale_id,
    saleNumber: row.sale_number,
    discountMinor: row.discount_minor,
    soldAt: row.created_at,
    recordedAt: row.recorded_at.toISOString(),
    terminalId: row.terminal_id,
    terminalNumber: row.terminal_number,
    storeId: row.store_id,
    storeName: row.store_name,
  };
}

async function doubleRedeemed(
  applied: AppliedOperation,
  coupon: CouponRow,
  firstUseId: string,
  secondUseId: string,
  context: CouponUseContext,
): Promise<Compensation> {
  const first = await useFacts(applied, firstUseId);
  const second = await useFacts(applied, secondUseId);
  const exceptionId = await raiseException(applied, {
    kind: 'coupon_double_redeemed',
    storeId: applied.terminal.storeId,
    terminalId: applied.terminal.id,
    opId: applied.op.opId,
    memberId: context.memberId ?? coupon.member_id,
    saleId: context.saleId,
    facts: {
      couponId: coupon.id,
      code: coupon.code,
      campaignId: coupon.campaign_id,
      couponMemberId: coupon.member_id,
      // False while head office has seen only redemptions of it, not its issue.
      issueKnown: coupon.issued_op_id !== null,
      discountMinor: second.discountMinor,
      first,
      second,
      opType: applied.op.type,
      opId: applied.op.opId,
      seq: applied.op.seq,
      staffId: applied.op.staffId,
    },
  });
  const where = `sale ${first.saleNumber ?? first.saleId} at ${first.storeName} (terminal ${first.terminalNumber})`;
  return {
    kind: 'coupon_already_redeemed',
    exceptionId,
    message: `Coupon ${coupon.code} had already been redeemed by ${where}. This sale is kept with its discount of ${second.discountMinor} (minor units); a manager will resolve it.`,
  };
}

/** The earliest redemption of the coupon that has not been returned, in head office's order. */
async function earliestOutstanding(
  applied: AppliedOperation,
  couponId: string,
): Promise<{ useId: string; saleId: string } | null> {
  const { rows } = await applied.tx.query<{ id: string; sale_id: string }>(
    `SELECT u.id, u.sale_id FROM coupon_use u
     WHERE u.coupon_id = $1 AND u.kind = 'redeemed'
       AND NOT EXISTS (SELECT 1 FROM coupon_use r WHERE r.returns_use_id = u.id)
     ORDER BY u.number LIMIT 1`,
    [couponId],
  );
  const row = rows[0];
  return row ? { useId: row.id, saleId: row.sale_id } : null;
}

/** The redemption a return gives back: the refunded sale's, not yet returned. */
async function redemptionReturned(
  applied: AppliedOperation,
  couponId: string,
  refundOf: string | null,
): Promise<{ id: string; discount_minor: number } | null> {
  if (!refundOf) return null;
  const { rows } = await applied.tx.query<{ id: string; discount_minor: number }>(
    `SELECT u.id, u.discount_minor FROM coupon_use u
     WHERE u.coupon_id = $1 AND u.kind = 'redeemed' AND u.sale_id = $2
       AND NOT EXISTS (SELECT 1 FROM coupon_use r WHERE r.returns_use_id = u.id)
     ORDER BY u.number LIMIT 1`,
    [couponId, refundOf],
  );
  return rows[0] ?? null;
}

async function insertUse(
  applied: AppliedOperation,
  use: SyncedCouponUse,
  kind: CouponUseKind,
  saleId: string,
  returnsUseId: string | null,
  discountMinor: number,
): Promise<boolean> {
  const { rows } = await applied.tx.query<{ id: string }>(
    `INSERT INTO coupon_use (id, coupon_id, code, kind, sale_id, returns_use_id, discount_minor,
       store_id, terminal_id, op_id, created_at, recorded_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [
      use.id,
      use.couponId,
      use.code,
      kind,
      saleId,
      returnsUseId,
      discountMinor,
      applied.terminal.storeId,
      applied.terminal.id,
      applied.op.opId,
      applied.op.createdAt,
      applied.at,
    ],
  );
  return rows.length > 0;
}

/**
 * Applies a sale's redemptions or a refund's returns. A use already applied (same id) is skipped,
 * so delivering it twice changes nothing. Returns one compensation per double redemption.
 */
export async function applyCouponUses(
  applied: AppliedOperation,
  uses: readonly SyncedCouponUse[],
  context: CouponUseContext,
): Promise<Compensation[]> {
  const compensations: Compensation[] = [];
  for (const use of uses) {
    const kind = use.kind ?? context.kind;
    const coupon = await lockCoupon(applied, use.couponId, use.code);
    if (kind === 'redeemed') {
      if (!(await insertUse(applied, use, kind, context.saleId, null, use.discountMinor ?? 0))) {
        continue;
      }
      if (coupon.voided_at) {
        // Voided by a full refund (head office heard of it first): the sale is kept.
        compensations.push(await voidedCouponRedeemed(applied, coupon, use.id, context.memberId));
        if (coupon.redeemed_use_id === null) {
          await setHolder(applied, coupon.id, { useId: use.id, saleId: context.saleId });
        }
      } else if (coupon.redeemed_use_id === null) {
        await publishCoupon(
          applied,
          await setHolder(applied, coupon.id, { useId: use.id, saleId: context.saleId }),
        );
      } else {
        compensations.push(
          await doubleRedeemed(applied, coupon, coupon.redeemed_use_id, use.id, context),
        );
      }
      continue;
    }
    const returned = await redemptionReturned(applied, coupon.id, context.refundOf);
    const discount = use.discountMinor ?? (returned ? -returned.discount_minor : 0);
    if (!(await insertUse(applied, use, kind, context.saleId, returned?.id ?? null, discount))) {
      continue;
    }
    if (!returned) {
      log.warn(
        `coupon ${use.couponId} returned by ${context.saleId}, but head office has no redemption of it by ${context.refundOf ?? 'that sale'}`,
      );
      continue;
    }
    // Returning a redemption that lost to an earlier one leaves the coupon with the winner.
    if (returned.id !== coupon.redeemed_use_id) continue;
    const next = await earliestOutstanding(applied, coupon.id);
    await publishCoupon(applied, await setHolder(applied, coupon.id, next));
  }
  return compensations;
}

/**
 * A coupon voided by a full refund of the sale that earned it, redeemed anyway: a till that had
 * not heard of the void, or a void that reached head office after the redemption. The sale is
 * kept; the discount is raised for a manager (write it off, or charge it as points).
 */
async function voidedCouponRedeemed(
  applied: AppliedOperation,
  coupon: CouponRow,
  useId: string,
  memberId: string | null,
): Promise<Compensation> {
  const use = await useFacts(applied, useId);
  const exceptionId = await raiseException(applied, {
    kind: 'voided_coupon_redeemed',
    storeId: applied.terminal.storeId,
    terminalId: applied.terminal.id,
    opId: applied.op.opId,
    memberId: memberId ?? coupon.member_id,
    saleId: use.saleId,
    facts: {
      couponId: coupon.id,
      code: coupon.code,
      campaignId: coupon.campaign_id,
      voidedByRefund: coupon.voided_by_refund,
      discountMinor: use.discountMinor,
      second: use,
      opType: applied.op.type,
      opId: applied.op.opId,
      seq: applied.op.seq,
      staffId: applied.op.staffId,
    },
  });
  return {
    kind: 'voided_coupon_redeemed',
    exceptionId,
    message: `Coupon ${coupon.code} was void (its sale was refunded) when it was redeemed; the sale is kept and a manager will resolve it.`,
  };
}

/**
 * Next-order coupons voided because the sale that earned them was refunded in full. A coupon
 * head office already counts as redeemed (somewhere the till that refunded could not see) stays
 * redeemed and is raised; voiding twice changes nothing. Terminals learn the void on pull.
 */
export async function applyCouponsVoided(
  applied: AppliedOperation,
  voids: readonly { couponId: string; code: string }[],
  refund: { refundId: string; memberId: string | null },
): Promise<Compensation[]> {
  const compensations: Compensation[] = [];
  for (const v of voids) {
    const coupon = await lockCoupon(applied, v.couponId, v.code);
    if (coupon.voided_at) continue;
    const { rows } = await applied.tx.query<CouponRow>(
      `UPDATE coupon SET voided_at = $2, voided_by_refund = $3 WHERE id = $1
       RETURNING ${COUPON_COLUMNS}`,
      [coupon.id, applied.at, refund.refundId],
    );
    const row = rows[0];
    if (!row) throw new Error('coupon vanished while voiding it');
    if (row.redeemed_use_id) {
      compensations.push(
        await voidedCouponRedeemed(applied, row, row.redeemed_use_id, refund.memberId),
      );
    } else {
      await publishCoupon(applied, row);
    }
  }
  return compensations;
}
