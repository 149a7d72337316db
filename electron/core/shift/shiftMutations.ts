import type { ShiftSummary, ShiftView } from '../../../shared/staff';
import { uuidv7 } from '../../../shared/ids';
import { DomainError } from '../../../shared/result';
import type { CoreContext } from '../context';
import { stampWrite } from '../stamp';
import { requireTerminal } from '../terminal/terminalStore';
import { audit } from '../audit/auditLog';
import { appendOutbox } from '../outbox/outbox';
import { approvingManager } from '../staff/managerApproval';
import { closeShiftRow, insertShift, openShiftRow, shiftRowById, shiftView } from './shiftStore';
import { shiftSummary } from './shiftSummary';

/** Opens the terminal's shift with the float counted into the drawer; one open shift at a time. */
export function openShift(ctx: CoreContext, floatMinor: number): ShiftView {
  const { db } = ctx;
  return db.transaction((): ShiftView => {
    const terminal = requireTerminal(db);
    const stamp = stampWrite(ctx);
    const open = openShiftRow(db, terminal.terminalId);
    if (open) {
      throw new DomainError(
        'shift_already_open',
        `A shift is already open on this terminal, since ${open.opened_at}.`,
        { details: { openedBy: open.opened_by_name } },
      );
    }
    const id = uuidv7(ctx.now());
    insertShift(db, {
      id,
      storeId: stamp.storeId,
      terminalId: stamp.terminalId,
      currency: terminal.currency,
      openedBy: stamp.staffId,
      openedAt: stamp.createdAt,
      floatMinor,
      hlc: stamp.hlc,
    });
    // Opening is audited like the close: the manager's trail shows who put what float in the
    // drawer, and the row itself names the terminal.
    audit(db, stamp, {
      action: 'shift.opened',
      subjectType: 'shift',
      subjectId: id,
      approvedBy: null,
      before: null,
      after: { floatMinor },
      reason: null,
    });
    appendOutbox(db, stamp, 'shift.opened', {
      shiftId: id,
      currency: terminal.currency,
      floatMinor,
      openedBy: stamp.staffId,
      openedAt: stamp.createdAt,
    });
    const row = shiftRowById(db, id);
    if (!row) throw new Error('shift missing right after insert');
    return shiftView(row);
  })();
}

/**
 * Closes the open shift against the cash counted in the drawer. The difference from what is
 * expected must be explained with a note when it is not zero. A manager closes: the one signed
 * in, or one whose PIN a cashier's close carries. Audited, and sent to head office.
 */
export function closeShift(
  ctx: CoreContext,
  input: {
    shiftId: string;
    countedMinor: number;
    note?: string | undefined;
    managerPin?: string | undefined;
  },
): ShiftSummary {
  const { db } = ctx;
  return db.transaction((): ShiftSummary => {
    const terminal = requireTerminal(db);
    const stamp = stampWrite(ctx);
    const managerId = approvingManager(ctx, input.managerPin);
    const open = openShiftRow(db, terminal.terminalId);
    if (!open || open.id !== input.shiftId) {
      throw new DomainError('shift_not_open', 'That shift is not open on this terminal.', {
        field: 'shiftId',
      });
    }
    const before = shiftSummary(db, open.id);
    const difference = input.countedMinor - before.expectedCashMinor;
    const note = input.note && input.note.length > 0 ? input.note : null;
    if (difference !== 0 && note === null) {
      throw new DomainError(
        'shift_note_required',
        'The counted cash differs from what is expected: say why in the note.',
        { field: 'note', details: { difference } },
      );
    }
    closeShiftRow(db, {
      id: open.id,
      closedBy: stamp.staffId,
      approvedBy: managerId === stamp.staffId ? null : managerId,
      closedAt: stamp.createdAt,
      countedMinor: input.countedMinor,
      expectedMinor: before.expectedCashMinor,
      note,
    });
    const closed = shiftSummary(db, open.id);
    audit(db, stamp, {
      action: 'shift.closed',
      subjectType: 'shift',
      subjectId: open.id,
      approvedBy: managerId,
      before: { floatMinor: open.float_minor, expectedMinor: before.expectedCashMinor },
      after: { countedMinor: input.countedMinor, differenceMinor: difference },
      reason: note,
    });
    appendOutbox(db, stamp, 'shift.closed', {
      shiftId: open.id,
      currency: terminal.currency,
      closedBy: stamp.staffId,
      approvedBy: managerId,
      closedAt: stamp.createdAt,
      floatMinor: open.float_minor,
      countedMinor: input.countedMinor,
      expectedMinor: before.expectedCashMinor,
      differenceMinor: difference,
      note,
      saleCount: closed.saleCount,
      refundCount: closed.refundCount,
      byTender: closed.byTender,
    });
    return closed;
  })();
}
