import type { CoreContext, Stamp } from './context';
import { requireTerminal } from './terminal/terminalStore';

/** Who, where and when for the write about to happen. Call inside the transaction. */
export function stampWrite(ctx: CoreContext): Stamp {
  const terminal = requireTerminal(ctx.db);
  return {
    storeId: terminal.storeId,
    terminalId: terminal.terminalId,
    staffId: terminal.cashier.id,
    hlc: ctx.clock.tick(),
    createdAt: new Date(ctx.now()).toISOString(),
  };
}
