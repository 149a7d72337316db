import type { MessageKey } from '../../../shared/i18n';
import type { PrintStatus } from '../../../shared/printer';

/** What a print's outcome says in Settings (a test print). */
export const printStateKeys: Record<PrintStatus, MessageKey> = {
  printed: 'printer.state.printed',
  unknown: 'printer.state.unknown',
  queued: 'printer.state.queued',
  paper_out: 'printer.state.paper_out',
  offline: 'printer.state.offline',
  dialog: 'printer.state.dialog',
};

/** After a sale, a receipt that did not print says so, and that the sale is saved. */
export function receiptStatusKey(status: PrintStatus): MessageKey {
  switch (status) {
    case 'paper_out':
      return 'printer.receipt.paper_out';
    case 'offline':
      return 'printer.receipt.offline';
    case 'printed':
    case 'unknown':
    case 'queued':
    case 'dialog':
      return printStateKeys[status];
    default: {
      const never: never = status;
      return never;
    }
  }
}

/** Paper out and offline are trouble the cashier must see; the rest is a quiet confirmation. */
export const isPrinterTrouble = (status: PrintStatus): boolean =>
  status === 'paper_out' || status === 'offline';
