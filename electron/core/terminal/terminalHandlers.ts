import type { terminalOperations } from '../../../shared/api/terminal';
import { DomainError } from '../../../shared/result';
import type { HandlerMap } from '../api/handler';
import { countPending } from '../outbox/outbox';
import { isManagerPin } from '../staff/staffStore';
import { setupTerminal } from './setupTerminal';
import { readTerminal, requireTerminal, updateLocale, updatePointsRule } from './terminalStore';

export const terminalHandlers: HandlerMap<keyof typeof terminalOperations> = {
  'terminal.info': (ctx) => readTerminal(ctx.db),
  'terminal.setup': (ctx, input) => setupTerminal(ctx, input),
  'terminal.setLocale': (ctx, input) =>
    ctx.db.transaction(() => {
      requireTerminal(ctx.db);
      updateLocale(ctx.db, input.locale);
      return requireTerminal(ctx.db);
    })(),
  'terminal.setPointsRule': (ctx, input) => {
    requireTerminal(ctx.db);
    if (!isManagerPin(ctx.db, input.managerPin)) {
      throw new DomainError('wrong_pin', 'That is not a manager PIN.', { field: 'managerPin' });
    }
    return ctx.db.transaction(() => {
      updatePointsRule(ctx.db, input.rule);
      return requireTerminal(ctx.db);
    })();
  },
  // Sync arrives with its own issue; until then the terminal is offline and says what is waiting.
  'terminal.status': (ctx) => ({ online: false, pendingChanges: countPending(ctx.db) }),
};
