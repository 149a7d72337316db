import type { terminalOperations } from '../../../shared/api/terminal';
import type { HandlerMap } from '../api/handler';
import { connectionStatus } from '../sync/syncStatus';
import { setupTerminal } from './setupTerminal';
import { readTerminal, requireTerminal, updateLocale } from './terminalStore';

export const terminalHandlers: HandlerMap<keyof typeof terminalOperations> = {
  'terminal.info': (ctx) => readTerminal(ctx.db),
  'terminal.setup': (ctx, input) => setupTerminal(ctx, input),
  'terminal.setLocale': (ctx, input) =>
    ctx.db.transaction(() => {
      requireTerminal(ctx.db);
      updateLocale(ctx.db, input.locale);
      return requireTerminal(ctx.db);
    })(),
  'terminal.status': (ctx) => connectionStatus(ctx),
};
