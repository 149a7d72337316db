import type { shiftOperations } from '../../../shared/api/shift';
import { DomainError } from '../../../shared/result';
import type { HandlerMap } from '../api/handler';
import { requireTerminal } from '../terminal/terminalStore';
import { approvingManager } from '../staff/managerApproval';
import { closeShift, openShift } from './shiftMutations';
import { openShiftRow, shiftView } from './shiftStore';
import { shiftSummary } from './shiftSummary';

export const shiftHandlers: HandlerMap<keyof typeof shiftOperations> = {
  'shift.current': (ctx) => {
    const row = openShiftRow(ctx.db, requireTerminal(ctx.db).terminalId);
    return row ? shiftView(row) : null;
  },
  'shift.open': (ctx, input) => openShift(ctx, input.floatMinor),
  'shift.summary': (ctx, input) => {
    const terminal = requireTerminal(ctx.db);
    // Expected cash is for the manager: a cashier counts the drawer without being told.
    approvingManager(ctx, input.managerPin);
    const shiftId = input.shiftId ?? openShiftRow(ctx.db, terminal.terminalId)?.id;
    if (!shiftId) throw new DomainError('shift_not_open', 'No shift is open on this terminal.');
    return shiftSummary(ctx.db, shiftId);
  },
  'shift.close': (ctx, input) => {
    const closed = closeShift(ctx, input);
    // A closed shift is a natural point to keep a copy of the ledger (beside the sales).
    ctx.backups?.request('shift_close');
    return closed;
  },
};
