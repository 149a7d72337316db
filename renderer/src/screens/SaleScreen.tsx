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
import { NumericKeypad } from '../components/sale/NumericKeypad';
import { PrinterTroubleBanner } from '../components/sale/PrinterTroubleBanner';
import { CatalogueSearch } from '../components/sale/CatalogueSearch';
import { QuickKeys } from '../components/sale/QuickKeys';

/**
 * The sale fits the screen (1024×768 and up) without the page scrolling: the lines scroll in their
 * own box, the member and points scroll in theirs, and the totals with "to pay", the tender and
 * Confirm stay at the bottom of the right-hand column, always in view. The item search sits in
 * the title row with its results dropped over the lines, and the quick keys share the gift-card
 * buttons' row.
 */
export function SaleScreen() {
  const t = useT();
  const recordSale = useAppStore((s) => s.recordSale);
  const newSale = useAppStore((s) => s.newSale);
  const lineCount = useAppStore((s) => s.lines.length);
  const hasLines = lineCount > 0;
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
          <h1 id="sale-title">
            {t('sale.title')}
            {hasLines && (
              <span className="line-count" data-testid="sale-line-count">
                {' '}
                · {t('sale.lineCount', { count: lineCount })}
              </span>
            )}
          </h1>
          <CatalogueSearch />
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
        <div className="sale-shortcuts">
          <GiftCardLineEntry />
          <QuickKeys />
        </div>
        <CartLines />
        <div className="sale-bottom">
          <NumericKeypad />
          <div className="sale-extras">
            <CouponEntry />
            <GiftCardPaymentPanel />
          </div>
        </div>
      </section>
      <aside className="sale-side">
        <div className="sale-side-scroll">
          <SaleMemberPanel />
        </div>
        <RedeemPanel />
        <SaleTotals />
      </aside>
    </div>
  );
}
