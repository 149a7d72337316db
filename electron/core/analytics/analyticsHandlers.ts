import type { analyticsOperations } from '../../../shared/api/analytics';
import type { HandlerMap } from '../api/handler';
import { readProgram } from '../program/programStore';
import { requireTerminal } from '../terminal/terminalStore';
import { analyticsOverview, segmentMembers } from './analyticsReport';

/** Reads only: no transaction, no outbox. Days are the shop's, in its time zone. */
export const analyticsHandlers: HandlerMap<keyof typeof analyticsOperations> = {
  'analytics.overview': (ctx, input) => {
    const terminal = requireTerminal(ctx.db);
    return analyticsOverview(ctx.db, readProgram(ctx.db), terminal, input);
  },
  'analytics.segmentMembers': (ctx, input) => {
    const terminal = requireTerminal(ctx.db);
    return segmentMembers(ctx.db, readProgram(ctx.db), terminal.timeZone, {
      ...input,
      limit: input.limit ?? 100,
    });
  },
};
