import type Database from 'better-sqlite3-multiple-ciphers';
import type { ShiftSection } from '../../../shared/reports/report';
import { readTerminal } from '../terminal/terminalStore';
import { openShiftRow } from '../shift/shiftStore';
import { shiftSummary } from '../shift/shiftSummary';

/**
 * The cash drawer section of the X report: the shift open on this terminal, with its float and
 * the cash expected now (from the shift module's own summary). Null when no shift is open; the
 * X report then covers the business day so far.
 */
export function currentShiftSection(db: Database.Database): ShiftSection | null {
  const terminal = readTerminal(db);
  if (!terminal) return null;
  const open = openShiftRow(db, terminal.terminalId);
  if (!open) return null;
  const summary = shiftSummary(db, open.id);
  return {
    shiftId: summary.shift.id,
    cashierName: summary.shift.openedByName,
    openedAt: summary.shift.openedAt,
    closedAt: summary.shift.closedAt,
    floatMinor: summary.shift.floatMinor,
    cashNetMinor: summary.byTender.cash.salesMinor + summary.byTender.cash.refundsMinor,
    cardNetMinor: summary.byTender.card.salesMinor + summary.byTender.card.refundsMinor,
    expectedMinor: summary.expectedCashMinor,
    countedMinor: summary.countedMinor,
  };
}
