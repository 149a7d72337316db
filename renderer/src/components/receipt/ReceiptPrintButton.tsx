import { useEffect, useState } from 'react';
import type { PrintOutcome, PrinterTransport } from '../../../../shared/printer';
import type { AppError } from '../../../../shared/result';
import { api } from '../../api';
import { useAppStore } from '../../store';
import { useErrorText, useT } from '../../i18n/useT';
import { isPrinterTrouble, receiptStatusKey } from '../../printer/printStatusText';

/**
 * Sales whose receipt has gone to the printer since this window opened: coming back to the
 * receipt (or React running an effect twice) never prints it, or opens the drawer, again.
 */
const printedSales = new Set<string>();

/**
 * Print or reprint. With a receipt printer set up, a new sale's receipt prints by itself as soon
 * as the sale is saved (the drawer opens on cash), and the button prints it again without the
 * drawer; with none, the button opens the OS print dialog as it always did. Paper out or
 * offline is said plainly: the sale is saved whatever the printer does.
 */
export function ReceiptPrintButton({ saleId, past }: { saleId: string; past: boolean }) {
  const t = useT();
  const errorText = useErrorText();
  const [transport, setTransport] = useState<PrinterTransport | null>(null);
  const [printing, setPrinting] = useState(false);
  const [outcome, setOutcome] = useState<PrintOutcome | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const notePrintStatus = useAppStore((s) => s.notePrintStatus);

  async function printOnPrinter(reprint: boolean) {
    setPrinting(true);
    const answer = await api.invoke('printer.printReceipt', { saleId, reprint });
    setPrinting(false);
    if (answer.ok) {
      notePrintStatus(answer.value.status);
      setOutcome(answer.value);
      setError(null);
    } else setError(answer.error);
  }

  useEffect(() => {
    let live = true;
    void api.invoke('printer.settings', {}).then((answer) => {
      if (!live) return;
      const chosen = answer.ok ? answer.value.transport : 'dialog';
      setTransport(chosen);
      if (chosen !== 'dialog' && !past && !printedSales.has(saleId)) {
        printedSales.add(saleId);
        void printOnPrinter(false);
      }
    });
    return () => {
      live = false;
    };
    // printOnPrinter reads only saleId, a dependency already.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [saleId, past]);

  const onPrinter = transport !== null && transport !== 'dialog';
  return (
    <>
      <button
        type="button"
        className="primary"
        disabled={printing}
        onClick={() => (onPrinter ? void printOnPrinter(true) : window.print())}
        autoFocus
      >
        {printing ? t('printer.printing') : t(past ? 'receipt.reprint' : 'receipt.print')}
      </button>
      {outcome && outcome.status !== 'dialog' && (
        <p
          className={isPrinterTrouble(outcome.status) ? 'printer-trouble' : 'ok'}
          role={isPrinterTrouble(outcome.status) ? 'alert' : 'status'}
          data-testid="print-status"
          data-status={outcome.status}
        >
          {t(receiptStatusKey(outcome.status))}
          {outcome.drawerOpened && ` ${t('printer.drawerOpened')}`}
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {errorText(error)}
        </p>
      )}
    </>
  );
}
