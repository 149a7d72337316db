import type { catalogueOperations } from '../../../shared/api/catalogue';
import type { HandlerMap } from '../api/handler';
import { requireTerminal } from '../terminal/terminalStore';
import { catalogueCodes, itemByCode, quickKeys, searchCatalogue } from './catalogueQueries';

/** The catalogue's reads for the sale screen and the program screen; none writes. */
export const catalogueHandlers: HandlerMap<keyof typeof catalogueOperations> = {
  'catalogue.scan': (ctx, input) => itemByCode(ctx.db, input.code, requireTerminal(ctx.db).locale),
  'catalogue.search': (ctx, input) =>
    searchCatalogue(ctx.db, input.query, input.limit ?? 12, requireTerminal(ctx.db).locale),
  'catalogue.quickKeys': (ctx, input) => {
    const terminal = requireTerminal(ctx.db);
    return quickKeys(ctx.db, {
      nowMs: ctx.now(),
      timeZone: terminal.timeZone,
      storeId: terminal.storeId,
      locale: terminal.locale,
      limit: input.limit ?? 8,
    });
  },
  'catalogue.codes': (ctx, input) =>
    catalogueCodes(ctx.db, input.prefix ?? '', input.limit ?? 50, requireTerminal(ctx.db).locale),
};
