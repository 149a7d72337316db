import { z } from 'zod';
import {
  operationPayloads,
  syncedPointsEntry,
  type KnownOperationType,
  type SyncedPointsEntry,
} from '../shared/sync/operations';
import type { AppliedOperation, Compensation } from './appliedOperation';
import { weightiest } from './appliedOperation';
import { applyCouponIssued, applyCouponUses } from './coupons';
import { HeadOfficeFailure } from './errors';
import { raiseException } from './exceptions';
import { applyStoredValueEntries } from './giftCards';
import { createLogger } from './logger';
import { applyMemberEnrolled, applyMemberUpdated } from './members';
import { issuesOf, type Issue } from './parse';
import { applyPointsEntries, type BalanceMove } from './points';
import { recordTerminalProgram } from './programConfig';
import { storeRefund, storeSale } from './sales';
import { recordTerminalConfigured } from './terminals';

const log = createLogger('apply');

type Payload<K extends KnownOperationType> = z.output<(typeof operationPayloads)[K]>;

/** What a handler did beyond its points entries, and the sale those entries belong to. */
interface Handled {
  compensations: Compensation[];
  sale: { saleId: string; number: string; offline: boolean } | null;
}

type Handler<K extends KnownOperationType> = (
  applied: AppliedOperation,
  payload: Payload<K>,
) => Promise<Handled>;

async function unknownMember(
  applied: AppliedOperation,
  memberId: string,
  facts: Record<string, unknown>,
): Promise<Compensation> {
  const exceptionId = await raiseException(applied, {
    kind: 'unknown_member',
    storeId: applied.terminal.storeId,
    terminalId: applied.terminal.id,
    opId: applied.op.opId,
    memberId,
    saleId: null,
    facts: {
      memberId,
      opType: applied.op.type,
      opId: applied.op.opId,
      seq: applied.op.seq,
      terminalId: applied.terminal.id,
      terminalNumber: applied.terminal.number,
      storeId: applied.terminal.storeId,
      storeName: applied.terminal.storeName,
      ...facts,
    },
  });
  return {
    kind: 'unknown_member',
    exceptionId,
    message: `Head office has no member ${memberId}; the operation was kept and raised for review.`,
  };
}

/**
 * One entry per known operation type. The mapped type makes a new type in operations.ts a
 * compile error here until it has a handler.
 */
const handlers: { [K in KnownOperationType]: Handler<K> } = {
  'member.enrolled': async (applied, payload) => {
    const merged = await applyMemberEnrolled(applied, payload);
    return { compensations: merged ? [merged] : [], sale: null };
  },
  'member.updated': async (applied, payload) => {
    const { unknownMember: unknown } = await applyMemberUpdated(applied, payload);
    const compensations = unknown
      ? [await unknownMember(applied, payload.memberId, { fields: Object.keys(payload.fields) })]
      : [];
    return { compensations, sale: null };
  },
  'sale.recorded': async (applied, payload) => {
    await storeSale(applied, payload);
    const coupons = await applyCouponUses(applied, payload.couponUses ?? [], {
      kind: 'redeemed',
      saleId: payload.saleId,
      refundOf: null,
      memberId: payload.memberId,
    });
    const giftCards = await applyStoredValueEntries(applied, payload.storedValueEntries ?? [], {
      saleId: payload.saleId,
      saleNumber: payload.number,
      memberId: payload.memberId,
    });
    return {
      compensations: [...coupons, ...giftCards],
      sale: { saleId: payload.saleId, number: payload.number, offline: payload.offline ?? false },
    };
  },
  'sale.refunded': async (applied, payload) => {
    await storeRefund(applied, payload);
    const coupons = await applyCouponUses(applied, payload.couponUses ?? [], {
      kind: 'returned',
      saleId: payload.refundId,
      refundOf: payload.saleId,
      memberId: payload.memberId,
    });
    const giftCards = await applyStoredValueEntries(applied, payload.storedValueEntries ?? [], {
      saleId: payload.refundId,
      saleNumber: payload.number,
      memberId: payload.memberId,
    });
    return {
      compensations: [...coupons, ...giftCards],
      sale: { saleId: payload.refundId, number: payload.number, offline: false },
    };
  },
  'coupon.issued': async (applied, payload) => {
    await applyCouponIssued(applied, payload);
    return { compensations: [], sale: null };
  },
  'program.updated': async (applied, payload) => {
    await recordTerminalProgram(applied, payload);
    return { compensations: [], sale: null };
  },
  'terminal.configured': async (applied, payload) => {
    await recordTerminalConfigured(applied, payload);
    return { compensations: [], sale: null };
  },
};

function isKnown(type: string): type is KnownOperationType {
  return Object.hasOwn(operationPayloads, type);
}

/** Operations head office does not know yet still move points if they carry entries. */
const effectsOnly = z.object({ pointsEntries: z.array(syncedPointsEntry).max(1000).optional() });

async function overdraft(
  applied: AppliedOperation,
  move: BalanceMove,
  sale: Handled['sale'],
  entries: readonly SyncedPointsEntry[],
): Promise<Compensation> {
  const { rows } = await applied.tx.query<{ name: string; card_number: string }>(
    'SELECT name, card_number FROM member WHERE id = $1',
    [move.memberId],
  );
  const member = rows[0];
  const saleId =
    sale?.saleId ?? entries.find((e) => e.kind === 'redeem' && e.saleId)?.saleId ?? null;
  const exceptionId = await raiseException(applied, {
    kind: 'overdraft',
    storeId: applied.terminal.storeId,
    terminalId: applied.terminal.id,
    opId: applied.op.opId,
    memberId: move.memberId,
    saleId,
    facts: {
      memberId: move.memberId,
      memberIdsSent: [...move.sentMemberIds],
      memberName: member?.name ?? null,
      cardNumber: member?.card_number ?? null,
      saleId,
      saleNumber: sale?.number ?? null,
      offline: sale?.offline ?? null,
      opType: applied.op.type,
      opId: applied.op.opId,
      seq: applied.op.seq,
      terminalId: applied.terminal.id,
      terminalNumber: applied.terminal.number,
      storeId: applied.terminal.storeId,
      storeName: applied.terminal.storeName,
      staffId: applied.op.staffId,
      soldAt: applied.op.createdAt,
      balanceBefore: move.before,
      balanceAfter: move.after,
      pointsRedeemed: move.redeemed,
    },
  });
  return {
    kind: 'overdraft',
    exceptionId,
    message: `Redeeming ${move.redeemed} points left ${member?.card_number ?? move.memberId} at ${move.after} points (was ${move.before}): another terminal spent the same balance. The sale is kept; a manager will resolve it.`,
  };
}

function invalidPayload(op: AppliedOperation['op'], issues: Issue[]): HeadOfficeFailure {
  const summary = issues
    .slice(0, 3)
    .map((i) => `${i.path}: ${i.message}`)
    .join('; ');
  return new HeadOfficeFailure(
    'invalid_input',
    `Operation seq ${op.seq} (${op.type}) has an invalid payload: ${summary}`,
    { seq: op.seq, opId: op.opId, type: op.type, issues },
  );
}

/**
 * Applies one operation inside the push's transaction and returns what the terminal must learn.
 * Unknown types are accepted and only their points entries (if any) take effect.
 */
export async function applyOperation(applied: AppliedOperation): Promise<Compensation | null> {
  const { op } = applied;
  let handled: Handled = { compensations: [], sale: null };
  let entries: readonly SyncedPointsEntry[] = [];
  if (isKnown(op.type)) {
    const parsed = operationPayloads[op.type].safeParse(op.payload);
    if (!parsed.success) throw invalidPayload(op, issuesOf(parsed.error));
    const handler = handlers[op.type] as Handler<KnownOperationType>;
    handled = await handler(applied, parsed.data as never);
    if ('pointsEntries' in parsed.data) entries = parsed.data.pointsEntries ?? [];
  } else {
    const parsed = effectsOnly.safeParse(op.payload);
    if (parsed.success) {
      entries = parsed.data.pointsEntries ?? [];
    } else if (
      op.payload !== null &&
      typeof op.payload === 'object' &&
      'pointsEntries' in op.payload
    ) {
      // Points head office cannot read are refused, never silently dropped: the terminal retries
      // once head office understands them.
      throw invalidPayload(op, issuesOf(parsed.error));
    }
    if (entries.length === 0) log.debug(`stored operation of unknown type ${op.type}`);
  }

  const compensations = [...handled.compensations];
  const moves = await applyPointsEntries(applied, entries);
  for (const move of moves) {
    if (!move.known) {
      compensations.push(
        await unknownMember(applied, move.memberId, {
          saleId: handled.sale?.saleId ?? null,
          pointsChange: move.after - move.before,
        }),
      );
    } else if (move.redeemed > 0 && move.after < 0) {
      compensations.push(await overdraft(applied, move, handled.sale, entries));
    }
  }
  return weightiest(compensations);
}
