import { z } from 'zod';
import {
  operationPayloads,
  syncedPointsEntry,
  type KnownOperationType,
  type SyncedPointsEntry,
} from '../../shared/sync/operations';
import type { AppliedOperation, Compensation } from './appliedOperation';
import { weightiest } from './appliedOperation';
import { applyCouponIssued, applyCouponUses } from './coupons';
import { HeadOfficeFailure } from '../platform/errors';
import { raiseException } from '../exceptions/raiseException';
import { applyStoredValueEntries } from './giftCards';
import { createLogger } from '../platform/logger';
import { applyMemberEnrolled, applyMemberUpdated } from './members';
import { issuesOf, type Issue } from '../platform/parse';
import { balanceChange } from '../ledger/balances';
import { appendPointsEntries, type BalanceMove } from '../ledger/pointsLedger';
import { publishChanges } from '../db/streams';
import { storeRefund, storeSale } from './sales';
import { recordTerminalConfigured, recordTerminalProgram } from './terminalSettings';
import { applyShiftClosed, applyShiftOpened } from './shifts';

const log = createLogger('apply');

type Payload<K extends KnownOperationType> = z.output<(typeof operationPayloads)[K]>;

/** What a handler did beyond its points entries, and the sale those entries belong to. */
export interface Handled {
  compensations: Compensation[];
  sale: { saleId: string; number: string; offline: boolean } | null;
}

type Handler<K extends KnownOperationType> = (
  applied: AppliedOperation,
  payload: Payload<K>,
) => Promise<Handled>;

/** Raises an `unknown_member` exception for entries naming a member head office does not have. */
export async function unknownMember(
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
  'shift.opened': async (applied, payload) => {
    await applyShiftOpened(applied, payload);
    return { compensations: [], sale: null };
  },
  'shift.closed': async (applied, payload) => {
    await applyShiftClosed(applied, payload);
    return { compensations: [], sale: null };
  },
};

function isKnown(type: string): type is KnownOperationType {
  return Object.hasOwn(operationPayloads, type);
}

/** Operations head office does not know yet still move points if they carry entries. */
const effectsOnly = z.object({ pointsEntries: z.array(syncedPointsEntry).max(1000).optional() });

/** Raises an `overdraft` exception for a redeem that left the member below zero. */
export async function overdraft(
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

export function invalidPayload(op: AppliedOperation['op'], issues: Issue[]): HeadOfficeFailure {
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

/** An operation's payload as head office reads it (see parseOperation). */
export type ParsedOperation =
  | { known: true; type: KnownOperationType; data: Payload<KnownOperationType> }
  | { known: false; entries: readonly SyncedPointsEntry[] };

/**
 * Reads an operation's payload: a known type by its schema; an unknown type only for the points
 * entries it may carry. A payload head office cannot read is refused.
 */
export function parseOperation(op: AppliedOperation['op']): ParsedOperation {
  if (isKnown(op.type)) {
    const parsed = operationPayloads[op.type].safeParse(op.payload);
    if (!parsed.success) throw invalidPayload(op, issuesOf(parsed.error));
    return { known: true, type: op.type, data: parsed.data };
  }
  const parsed = effectsOnly.safeParse(op.payload);
  if (parsed.success) return { known: false, entries: parsed.data.pointsEntries ?? [] };
  if (op.payload !== null && typeof op.payload === 'object' && 'pointsEntries' in op.payload) {
    // Points head office cannot read are refused, never silently dropped: the terminal retries
    // once head office understands them.
    throw invalidPayload(op, issuesOf(parsed.error));
  }
  return { known: false, entries: [] };
}

/** The exceptions an operation's balance moves raise: unknown members, and overdrafts. */
export async function compensationsForMoves(
  applied: AppliedOperation,
  moves: readonly BalanceMove[],
  sale: Handled['sale'],
  entries: readonly SyncedPointsEntry[],
): Promise<Compensation[]> {
  const compensations: Compensation[] = [];
  for (const move of moves) {
    if (!move.known) {
      compensations.push(
        await unknownMember(applied, move.memberId, {
          saleId: sale?.saleId ?? null,
          pointsChange: move.after - move.before,
        }),
      );
    } else if (move.redeemed > 0 && move.after < 0) {
      compensations.push(await overdraft(applied, move, sale, entries));
    }
  }
  return compensations;
}

/**
 * Applies one operation inside the push's transaction and returns what the terminal must learn.
 * Unknown types are accepted and only their points entries (if any) take effect.
 */
export async function applyOperation(
  applied: AppliedOperation,
  parsed: ParsedOperation = parseOperation(applied.op),
): Promise<Compensation | null> {
  let handled: Handled = { compensations: [], sale: null };
  let entries: readonly SyncedPointsEntry[] = [];
  if (parsed.known) {
    const handler = handlers[parsed.type] as Handler<KnownOperationType>;
    handled = await handler(applied, parsed.data as never);
    if ('pointsEntries' in parsed.data) entries = parsed.data.pointsEntries ?? [];
  } else {
    entries = parsed.entries;
    if (entries.length === 0) log.debug(`stored operation of unknown type ${applied.op.type}`);
  }
  const [moves = []] = await appendPointsEntries(applied, [
    { opId: applied.op.opId, terminalId: applied.terminal.id, entries },
  ]);
  await publishChanges(
    applied.tx,
    moves.map((move) => balanceChange(move.memberId, move.after)),
    applied.at,
  );
  return weightiest([
    ...handled.compensations,
    ...(await compensationsForMoves(applied, moves, handled.sale, entries)),
  ]);
}
