import type { taxOperations } from '../../../shared/api/tax';
import type { HandlerMap } from '../api/handler';
import { approvingManager } from '../staff/managerApproval';
import { stampWrite } from '../stamp';
import { readStoreTax, writeStoreTax } from './storeTax';

type Names = keyof typeof taxOperations;

export const taxHandlers: HandlerMap<Names> = {
  'tax.settings': (ctx) => readStoreTax(ctx.db),
  'tax.configure': (ctx, input) => {
    ctx.db.transaction(() => {
      const managerId = approvingManager(ctx, input.managerPin);
      writeStoreTax(ctx.db, stampWrite(ctx), input.settings, managerId);
    })();
    return readStoreTax(ctx.db);
  },
};
