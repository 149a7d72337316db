import type { z } from 'zod';
import {
  isOperationType,
  operationPayloads,
  type OperationType,
  type SyncedPointsEntry,
} from '../../shared/sync/operations';
import type { AppliedOperation, Compensation } from './appliedOperation';
import { weightiest } from './appliedOperation';
import { applyCouponIssued, applyCouponUses, applyCouponsVoided } from './coupons';
import { raiseException } from '../exceptions/raiseException';
import { applyStoredValueEntries } from './giftCards';
import { applyMemberEnrolled, applyMemberUpdated } from './members';
import { applyConsentRecorded, consentFromMemberUpdated } from './consent';
import { insertFeedback } from '../voice/feedbackLedger';
import { appendComplaintEvents } from '../voice/complaintLedger';
import { issuesOf, type Issue } from '../platform/parse';
import { findUnstorableText } from '../platform/storableText';
import { balanceChange } from '../ledger/balances';
import { appendPointsEntries, type BalanceMove } from '../ledger/pointsLedger';
import { publishChanges } from '../db/streams';
import { storeRefund, storeSale } from './sales';
import { recordTerminalConfigured, recordTerminalProgram } from './terminalSettings';
import { applyShiftClosed, applyShiftOpened } from './shifts';
import { verifyAdjustment, verifyRefund, verifySale, type Finding } from './verifyPoints';

type Payload<K extends OperationType> = z.output<(typeof operationPayloads)[K]>;

/** What a handler did, the sale its entries belong to, and the entries head office appends. */
export interface Handled {
  compensations: Compensation[];
  sale: { saleId: string; number: string; offline: boolean } | null;
  entries: SyncedPointsEntry[];
}

type Handler<K extends OperationType> = (
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

/** Raises each finding of the points check as an exception naming the terminal. */
async function raiseFindings(
  applied: AppliedOperation,
  findings: readonly Finding[],
): Promise<Compensation[]> {
  const compensations: Compensation[] = [];
  for (const f of findings) {
    const exceptionId = await raiseException(applied, {
      kind: f.kind,
      storeId: applied.terminal.storeId,
      terminalId: applied.terminal.id,
      opId: applied.op.opId,
      memberId: f.memberId,
      saleId: f.saleId,
      facts: f.facts,
    });
    compensations.push({ kind: f.compensation, exceptionId, message: f.message.slice(0, 500) });
  }
  return compensations;
}

const nothing = async (): Promise<Handled> => ({ compensations: [], sale: null, entries: [] });

/**
 * One entry per operation type. The mapped type makes a new type in operations.ts a compile
 * error here until it has a handler. A handler that moves points returns the entries head office
 * appends: checked against the shared rules (verifyPoints.ts), never taken on trust.
 */
const handlers: { [K in OperationType]: Handler<K> } = {
  'member.enrolled': async (applied, payload) => {
    const merged = await applyMemberEnrolled(applied, payload);
    return { compensations: merged ? [merged] : [], sale: null, entries: [] };
  },
  'member.updated': async (applied, payload) => {
    const { unknownMember: unknown } = await applyMemberUpdated(applied, payload);
    await consentFromMemberUpdated(applied, payload);
    const compensations = unknown
      ? [await unknownMember(applied, payload.memberId, { fields: Object.keys(payload.fields) })]
      : [];
    return { compensations, sale: null, entries: [] };
  },
  'consent.recorded': async (applied, payload) => {
    const { unknownMembers } = await applyConsentRecorded(applied, payload);
    const compensations = [];
    for (const memberId of unknownMembers) {
      compensations.push(
        await unknownMember(applied, memberId, {
          consentEvents: payload.events.filter((e) => e.memberId === memberId).length,
        }),
      );
    }
    return { compensations, sale: null, entries: [] };
  },
  // Where and by which terminal is head office's knowledge, not the payload's claim.
  'feedback.recorded': async (applied, payload) => {
    await insertFeedback(
      applied.tx,
      { ...payload, storeId: applied.terminal.storeId, terminalId: applied.terminal.id },
      applied.op.opId,
      applied.at,
    );
    return { compensations: [], sale: null, entries: [] };
  },
  'complaint.recorded': async (applied, payload) => {
    await appendComplaintEvents(
      applied.tx,
      payload.events.map((e) => ({
        ...e,
        origin: 'terminal' as const,
        storeId: applied.terminal.storeId,
        terminalId: applied.terminal.id,
      })),
      applied.at,
      applied.op.opId,
    );
    return { compensations: [], sale: null, entries: [] };
  },
  // Kept in sync_op; head office's analytics reads the tiers from there.
  'member.tierChanged': nothing,
  'sale.recorded': async (applied, payload) => {
    const verdict = await verifySale(applied, payload);
    await storeSale(applied, { ...payload, pointsEntries: verdict.entries });
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
      compensations: [
        ...(await raiseFindings(applied, verdict.findings)),
        ...coupons,
        ...giftCards,
      ],
      sale: { saleId: payload.saleId, number: payload.number, offline: payload.offline ?? false },
      entries: verdict.entries,
    };
  },
  'sale.refunded': async (applied, payload) => {
    const verdict = await verifyRefund(applied, payload);
    await storeRefund(applied, { ...payload, pointsEntries: verdict.entries });
    const coupons = await applyCouponUses(applied, payload.couponUses ?? [], {
      kind: 'returned',
      saleId: payload.refundId,
      refundOf: payload.saleId,
      memberId: payload.memberId,
    });
    const voided = await applyCouponsVoided(applied, payload.couponsVoided ?? [], payload);
    const giftCards = await applyStoredValueEntries(applied, payload.storedValueEntries ?? [], {
      saleId: payload.refundId,
      saleNumber: payload.number,
      memberId: payload.memberId,
    });
    return {
      compensations: [
        ...(await raiseFindings(applied, verdict.findings)),
        ...coupons,
        ...voided,
        ...giftCards,
      ],
      sale: { saleId: payload.refundId, number: payload.number, offline: false },
      entries: verdict.entries,
    };
  },
  'coupon.issued': async (applied, payload) => {
    await applyCouponIssued(applied, payload);
    return { compensations: [], sale: null, entries: [] };
  },
  'points.adjusted': async (applied, payload) => {
    const verdict = await verifyAdjustment(applied, payload);
    return {
      compensations: await raiseFindings(applied, verdict.findings),
      sale: null,
      entries: verdict.entries,
    };
  },
  'points.expired': async (_applied, payload) => ({
    compensations: [],
    sale: null,
    entries: payload.pointsEntries.filter((e) => e.memberId === payload.memberId),
  }),
  'program.updated': async (applied, payload) => {
    await recordTerminalProgram(applied, payload);
    return { compensations: [], sale: null, entries: [] };
  },
  'terminal.configured': async (applied, payload) => {
    await recordTerminalConfigured(applied, payload);
    return { compensations: [], sale: null, entries: [] };
  },
  'shift.opened': async (applied, payload) => {
    await applyShiftOpened(applied, payload);
    return { compensations: [], sale: null, entries: [] };
  },
  'shift.closed': async (applied, payload) => {
    await applyShiftClosed(applied, payload);
    return { compensations: [], sale: null, entries: [] };
  },
};

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

/** Why head office cannot apply an operation: it is rejected, kept and acknowledged. */
export interface Rejection {
  code: 'unknown_type' | 'invalid_payload' | 'unstorable_text' | 'cannot_apply';
  message: string;
  issues: Issue[];
}

/** An operation's payload as head office reads it: by its type's schema, or why it cannot be. */
export type ParsedOperation =
  | { ok: true; type: OperationType; data: Payload<OperationType> }
  | { ok: false; rejection: Rejection };

/**
 * Reads an operation's payload by its type's schema (shared/sync/operations.ts). A type head
 * office does not know, a payload outside its schema, or text PostgreSQL cannot store is a
 * rejection of that operation, never an error for the whole push.
 */
export function parseOperation(op: AppliedOperation['op']): ParsedOperation {
  const unstorable = findUnstorableText([op.type, op.hlc, op.payload]);
  if (unstorable) {
    return {
      ok: false,
      rejection: {
        code: 'unstorable_text',
        message: `Operation seq ${op.seq} carries text head office cannot store (${unstorable}).`,
        issues: [
          { path: unstorable.split(':')[0] ?? '$', message: 'text head office cannot store' },
        ],
      },
    };
  }
  if (!isOperationType(op.type)) {
    return {
      ok: false,
      rejection: {
        code: 'unknown_type',
        message: `Operation seq ${op.seq} is of a type head office does not know (${op.type}).`,
        issues: [],
      },
    };
  }
  const parsed = operationPayloads[op.type].safeParse(op.payload);
  if (!parsed.success) {
    const issues = issuesOf(parsed.error);
    const summary = issues
      .slice(0, 3)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    return {
      ok: false,
      rejection: {
        code: 'invalid_payload',
        message: `Operation seq ${op.seq} (${op.type}) has an invalid payload: ${summary}`,
        issues,
      },
    };
  }
  return { ok: true, type: op.type, data: parsed.data };
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
 * The caller has parsed it: a rejection never reaches here.
 */
export async function applyOperation(
  applied: AppliedOperation,
  parsed: Extract<ParsedOperation, { ok: true }>,
): Promise<Compensation | null> {
  const handler = handlers[parsed.type] as Handler<OperationType>;
  const handled = await handler(applied, parsed.data as never);
  const [moves = []] = await appendPointsEntries(applied, [
    { opId: applied.op.opId, terminalId: applied.terminal.id, entries: handled.entries },
  ]);
  await publishChanges(
    applied.tx,
    moves.map((move) => balanceChange(move.memberId, move.after)),
    applied.at,
  );
  return weightiest([
    ...handled.compensations,
    ...(await compensationsForMoves(applied, moves, handled.sale, handled.entries)),
  ]);
}
