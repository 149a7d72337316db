import type { SyncOperation } from '../../shared/sync/protocol';
import { raiseException } from '../exceptions/raiseException';
import { findUnstorableText } from '../platform/storableText';
import type { AppliedOperation, Compensation } from './appliedOperation';
import type { Rejection } from './applyOperation';

/**
 * An operation head office cannot apply (a type it does not know, a payload outside its schema,
 * text PostgreSQL cannot store, a value it cannot hold) is rejected: kept as a
 * `rejected_operation` exception with its payload, as JSON text (which can hold anything), and
 * acknowledged, so the terminal moves on to the operations behind it. Nothing else is written.
 */
export async function rejectOperation(
  applied: AppliedOperation,
  rejection: Rejection,
): Promise<Compensation> {
  const { op } = applied;
  const exceptionId = await raiseException(applied, {
    kind: 'rejected_operation',
    storeId: applied.terminal.storeId,
    terminalId: applied.terminal.id,
    opId: op.opId,
    memberId: null,
    saleId: null,
    facts: {
      reason: rejection.code,
      message: rejection.message,
      issues: rejection.issues,
      opType: storableText(op.type),
      opId: op.opId,
      seq: op.seq,
      hlc: storableText(op.hlc),
      createdAt: op.createdAt,
      staffId: op.staffId,
      terminalId: applied.terminal.id,
      terminalNumber: applied.terminal.number,
      storeId: applied.terminal.storeId,
      storeName: applied.terminal.storeName,
      // JSON text escapes NUL and lone surrogates, so every payload fits (jsonb itself would not).
      payloadJson: JSON.stringify(op.payload ?? null).slice(0, 200_000),
    },
  });
  return {
    kind: 'rejected',
    exceptionId,
    message: rejection.message.slice(0, 500),
  };
}

function storableText(text: string): string {
  return findUnstorableText(text) ? JSON.stringify(text) : text;
}

/**
 * The operation as sync_op keeps it: one whose type or payload PostgreSQL cannot store keeps a
 * placeholder there (its payload is in its rejection's exception, as JSON text).
 */
export function storableOperation(op: SyncOperation): SyncOperation {
  if (!findUnstorableText([op.type, op.hlc, op.payload])) return op;
  return {
    ...op,
    type: storableText(op.type).slice(0, 64),
    hlc: storableText(op.hlc),
    payload: { unstorable: true },
  };
}
