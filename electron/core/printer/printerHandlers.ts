import type { printerOperations } from '../../../shared/api/printer';
import type { PrintOutcome, PrinterSettings } from '../../../shared/printer';
import type { Receipt, TerminalInfo } from '../../../shared/domain';
import { translate } from '../../../shared/i18n';
import { createLogger } from '../../../shared/logger';
import { DomainError } from '../../../shared/result';
import type { AsyncHandlerMap, HandlerMap } from '../api/handler';
import { audit } from '../audit/auditLog';
import type { CoreContext } from '../context';
import { receiptFor } from '../sales/saleQueries';
import { approvingManager } from '../staff/managerApproval';
import { stampWrite } from '../stamp';
import { requireTerminal } from '../terminal/terminalStore';
import { drawerPulseBytes, printoutBytes } from './escposReceipt';
import { printOverNetwork } from './networkPrinter';
import { printToQueue } from './printQueue';
import { receiptBlocks, type PrintBlock } from './receiptLayout';
import { readPrinterSettings, writePrinterSettings } from './printerSettings';

const log = createLogger('printer');

type Names = keyof typeof printerOperations;
type AsyncNames = 'printer.printReceipt' | 'printer.testPrint' | 'printer.openDrawer';

/**
 * Sends a printout to the printer set up here. `drawer` pulses the drawer with it, and alone
 * when the printer has no paper: the cashier still needs the drawer to give change.
 */
async function send(
  settings: PrinterSettings,
  blocks: readonly PrintBlock[] | null,
  drawer: boolean,
): Promise<PrintOutcome> {
  const bytes = blocks ? printoutBytes(blocks, settings, { drawer }) : drawerPulseBytes(settings);
  switch (settings.transport) {
    case 'dialog':
      return { status: 'dialog', drawerOpened: false };
    case 'network': {
      const { status, sent } = await printOverNetwork({
        host: settings.host ?? '',
        port: settings.port,
        bytes,
        ...(drawer ? { whenPaperOut: blocks ? drawerPulseBytes(settings) : bytes } : {}),
      });
      return { status, drawerOpened: drawer && sent !== 'nothing' };
    }
    case 'queue': {
      const status = await printToQueue(settings.queue ?? '', bytes);
      return { status, drawerOpened: drawer && status === 'queued' };
    }
    default: {
      const never: never = settings.transport;
      return never;
    }
  }
}

/** A cash sale or cash refund opens the drawer: money goes in or comes out of it. */
function movesCash(receipt: Receipt): boolean {
  return receipt.sale.payment?.tender === 'cash' && receipt.sale.paidMinor !== 0;
}

function wordingOf(terminal: TerminalInfo) {
  return { locale: terminal.locale, currency: terminal.currency, timeZone: terminal.timeZone };
}

function printerOf(ctx: CoreContext): { terminal: TerminalInfo; settings: PrinterSettings } {
  const terminal = requireTerminal(ctx.db);
  return { terminal, settings: readPrinterSettings(ctx.db, terminal.locale) };
}

export const printerHandlers: HandlerMap<Exclude<Names, AsyncNames>> = {
  'printer.settings': (ctx) => printerOf(ctx).settings,
  'printer.configure': (ctx, input) => {
    const terminal = requireTerminal(ctx.db);
    ctx.db.transaction(() => {
      const managerId = approvingManager(ctx, input.managerPin);
      writePrinterSettings(ctx.db, stampWrite(ctx), terminal.locale, input.settings, managerId);
    })();
    return readPrinterSettings(ctx.db, terminal.locale);
  },
};

export const printerAsyncHandlers: AsyncHandlerMap<AsyncNames> = {
  'printer.printReceipt': async (ctx, input) => {
    const { terminal, settings } = printerOf(ctx);
    const receipt = receiptFor(ctx.db, terminal, input.saleId);
    if (!receipt) throw new DomainError('sale_not_found', 'No sale with that id.');
    if (settings.transport === 'dialog') return { status: 'dialog', drawerOpened: false };
    const drawer = settings.drawer && !input.reprint && movesCash(receipt);
    const blocks = receiptBlocks(receipt, wordingOf(terminal), { logo: settings.logo !== null });
    const outcome = await send(settings, blocks, drawer);
    log.info('receipt printed', { saleId: receipt.sale.id, ...outcome });
    return outcome;
  },
  'printer.testPrint': async (ctx) => {
    const { terminal, settings } = printerOf(ctx);
    const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
      translate(terminal.locale, key, params);
    const blocks: PrintBlock[] = [
      ...(settings.logo ? [{ kind: 'logo' } as const] : []),
      { kind: 'title', text: terminal.storeName },
      { kind: 'center', text: t('printer.testTitle') },
      { kind: 'rule' },
      { kind: 'text', text: t('printer.testPaper', { width: settings.paperWidth }) },
      { kind: 'text', text: t(`printer.charset.${settings.charset}`) },
      { kind: 'text', text: translate(terminal.locale, 'language.name') },
      { kind: 'barcode', code: terminal.terminalId.replace(/-/g, '').slice(0, 12) },
    ];
    const outcome = await send(settings, blocks, false);
    log.info('test print', outcome);
    return outcome;
  },
  'printer.openDrawer': async (ctx, input) => {
    const { settings } = printerOf(ctx);
    if (settings.transport === 'dialog' || !settings.drawer) {
      throw new DomainError(
        'printer_not_set_up',
        'The cash drawer opens through a receipt printer: set one up with its drawer first.',
      );
    }
    // Recorded before the drawer opens: an open drawer without its entry is what audits look for.
    ctx.db.transaction(() => {
      const managerId = approvingManager(ctx, input.managerPin);
      audit(ctx.db, stampWrite(ctx), {
        action: 'drawer.no_sale',
        subjectType: 'terminal',
        subjectId: requireTerminal(ctx.db).terminalId,
        approvedBy: managerId,
        before: null,
        after: null,
        reason: input.reason ?? null,
      });
    })();
    const outcome = await send(settings, null, true);
    log.info('drawer opened without a sale', outcome);
    return outcome;
  },
};
