import { useEffect } from 'react';
import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { SaleLineEntry } from '../components/sale/SaleLineEntry';
import { CartLines } from '../components/sale/CartLines';
import { SaleMemberPanel } from '../components/sale/SaleMemberPanel';
import { RedeemPanel } from '../components/sale/RedeemPanel';
import { SaleTotals } from '../components/sale/SaleTotals';
import { GiftCardLineEntry } from '../components/sale/GiftCardLineEntry';
import { CouponEntry } from '../components/sale/CouponEntry';
import { GiftCardPaymentPanel } from '../components/sale/GiftCardPaymentPanel';
import { PairDisplayPanel } from '../components/sale/PairDisplayPanel';
import { PrinterTroubleBanner } from '../components/sale/PrinterTroubleBanner';

export function SaleScreen() {
  const t = useT();
  const recordSale = useAppStore((s) => s.recordSale);
  const newSale = useAppStore((s) => s.newSale);
  const hasLines = useAppStore((s) => s.lines.length > 0);
  const saleId = useAppStore((s) => s.saleId);
  const setMoneyTender = useAppStore((s) => s.setMoneyTender);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'F9') {
        event.preventDefault();
        void recordSale();
      }
      if (event.key === 'F5') {
        // Cash or card, from anywhere on the sale screen (and never a page reload here).
        event.preventDefault();
        const { moneyTender } = useAppStore.getState();
        setMoneyTender(moneyTender === 'cash' ? 'card' : 'cash');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [recordSale, setMoneyTender]);

  return (
    <div className="sale-screen">
      <section className="sale-main" aria-labelledby="sale-title">
        <div className="title-row">
          <h1 id="sale-title">{t('sale.title')}</h1>
          <PairDisplayPanel />
          {hasLines && (
            <button type="button" onClick={newSale}>
              {t('sale.clear')}
            </button>
          )}
        </div>
        <PrinterTroubleBanner />
        {/* A new sale (Clear sale) starts a new entry form, its cursor in the price field. */}
        <SaleLineEntry key={saleId} />
        <GiftCardLineEntry />
        <CartLines />
        <div className="sale-extras">
          <CouponEntry />
          <GiftCardPaymentPanel />
        </div>
      </section>
      <aside className="sale-side">
        <SaleMemberPanel />
        <RedeemPanel />
        <SaleTotals />
      </aside>
    </div>
  );
}
