import type { TerminalView } from '../../../shared/office/terminals';

/**
 * What the UI reads of a terminal's `configured` (the shape is the terminal's to change, so the
 * contract leaves it open): the currency and time zone it was set up with, when it said.
 */
export function terminalSetup(terminal: TerminalView): { currency?: string; timeZone?: string } {
  const configured = terminal.configured;
  if (typeof configured !== 'object' || configured === null) return {};
  const { currency, timeZone } = configured as Record<string, unknown>;
  return {
    ...(typeof currency === 'string' ? { currency } : {}),
    ...(typeof timeZone === 'string' ? { timeZone } : {}),
  };
}
