import type { Receipt } from '../../../../shared/domain';
import type { MessageKey } from '../../../../shared/i18n';
import { useFormat, useT } from '../../i18n/useT';
import { Code39Barcode } from '../Code39Barcode';

const kindLabels: Record<Receipt['giftCards'][number]['kind'], MessageKey> = {
  sold: 'receipt.giftCardSold',
  topped_up: 'receipt.giftCardToppedUp',
  paid: 'receipt.giftCardPaid',
};

/** Gift cards sold or loaded (with barcode, to use later) and those that paid, with balances. */
export function ReceiptGiftCards({ receipt }: { receipt: Receipt }) {
  const t = useT();
  const format = useFormat();
  if (receipt.giftCards.length === 0) return null;
  return (
    <section className="receipt-gift-cards">
      <h2>{t('receipt.giftCards')}</h2>
      <ul className="receipt-barcodes" data-testid="receipt-gift-cards">
        {receipt.giftCards.map((card, index) => (
          <li key={`${card.code}-${index}`} data-testid={`receipt-gift-card-${card.kind}`}>
            <p>{t(kindLabels[card.kind], { amount: format.money(Math.abs(card.amountMinor)) })}</p>
            {card.kind !== 'paid' && receipt.sale.kind === 'sale' ? (
              <>
                <p>{t('giftCard.balanceIs', { balance: format.money(card.balanceMinor) })}</p>
                <Code39Barcode
                  code={card.code}
                  label={t('giftCard.barcode', { code: card.code })}
                />
              </>
            ) : (
              <p>
                <span className="code">{card.code}</span> ·{' '}
                {t('giftCard.balanceIs', { balance: format.money(card.balanceMinor) })}
              </p>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
