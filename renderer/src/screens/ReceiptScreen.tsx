import { useAppStore } from '../store';
import { useFormat, useT } from '../i18n/useT';
import { ReceiptView } from '../components/receipt/ReceiptView';
import { RefundForm } from '../components/RefundForm';
import { FeedbackPrompt } from '../components/feedback/FeedbackPrompt';
import { ReceiptPrintButton } from '../components/receipt/ReceiptPrintButton';

/**
 * The receipt after a sale or refund, or an old one opened from the sales list. An old one is
 * said to be past: its change was given long ago and the next sale is not what follows it.
 */
export function ReceiptScreen() {
  const t = useT();
  const format = useFormat();
  const receipt = useAppStore((s) => s.receipt);
  const past = useAppStore((s) => s.receiptIsPast);
  const newSale = useAppStore((s) => s.newSale);
  const openReceipt = useAppStore((s) => s.openReceipt);
  const go = useAppStore((s) => s.go);
  if (!receipt) return <p className="empty">{t('receipt.none')}</p>;
  const { sale } = receipt;
  const left = sale.lines.some((line) => line.quantity - line.refundedQuantity > 0);
  const refundable = sale.kind === 'sale' && left;
  const change = sale.payment?.changeMinor ?? 0;

  return (
    <div className="receipt-screen">
      <ReceiptView receipt={receipt} />
      <div className="receipt-actions no-print">
        {past ? (
          <p className="past-sale" role="status" data-testid="past-sale">
            {t(sale.kind === 'refund' ? 'receipt.pastRefund' : 'receipt.past', {
              when: format.dateTime(sale.createdAt),
            })}
          </p>
        ) : (
          change > 0 && (
            // The cashier's next move is the drawer: say the change before anything else.
            <p className="change-banner" role="status" data-testid="change-banner">
              {t('tender.changeDue', { amount: format.money(change) })}
            </p>
          )
        )}
        <ReceiptPrintButton key={sale.id} saleId={sale.id} past={past} />
        {past ? (
          <button type="button" onClick={() => go('sales')}>
            {t('receipt.backToSales')}
          </button>
        ) : (
          <button type="button" onClick={newSale}>
            {t('receipt.newSale')}
          </button>
        )}
        {!past && sale.kind === 'sale' && (
          <FeedbackPrompt key={sale.id} saleId={sale.id} memberId={sale.member?.id ?? null} />
        )}
        {refundable && <RefundForm key={sale.id} saleId={sale.id} lines={sale.lines} />}
        {sale.kind === 'sale' && sale.refundedBySaleId && (
          <p className="hint">
            {left ? t('receipt.partlyRefunded') : t('receipt.alreadyRefunded')}
          </p>
        )}
        {sale.refundOfSaleId && (
          <button type="button" onClick={() => void openReceipt(sale.refundOfSaleId ?? '')}>
            {t('receipt.openOriginal')}
          </button>
        )}
      </div>
    </div>
  );
}
