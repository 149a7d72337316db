import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { ReceiptView } from '../components/ReceiptView';
import { RefundForm } from '../components/RefundForm';

/** The receipt after a sale or refund, or an old one opened from the sales list. */
export function ReceiptScreen() {
  const t = useT();
  const receipt = useAppStore((s) => s.receipt);
  const newSale = useAppStore((s) => s.newSale);
  if (!receipt) return <p className="empty">{t('receipt.none')}</p>;
  const { sale } = receipt;
  const refundable = sale.kind === 'sale' && !sale.refundedBySaleId;

  return (
    <div className="receipt-screen">
      <ReceiptView receipt={receipt} />
      <div className="receipt-actions no-print">
        <button type="button" className="primary" onClick={() => window.print()} autoFocus>
          {t('receipt.print')}
        </button>
        <button type="button" onClick={newSale}>
          {t('receipt.newSale')}
        </button>
        {refundable && <RefundForm saleId={sale.id} />}
        {sale.refundedBySaleId && <p className="hint">{t('receipt.alreadyRefunded')}</p>}
      </div>
    </div>
  );
}
