import type { GiftCardView } from '../../../shared/domain';
import { useFormat, useT } from '../i18n/useT';
import { Code39Barcode } from './Code39Barcode';

/** A gift card's balance, expiry and state, with its barcode. */
export function GiftCardFacts({ card }: { card: GiftCardView }) {
  const t = useT();
  const format = useFormat();
  return (
    <div className="card gift-card-facts" role="status">
      <p className="big-number balance" data-testid="gift-card-balance">
        {format.money(card.balanceMinor)}
      </p>
      <dl className="facts">
        <dt>{t('giftCard.code')}</dt>
        <dd>{card.code}</dd>
        <dt>{t('giftCard.state')}</dt>
        <dd>{card.active ? t('giftCard.active') : t('giftCard.inactive')}</dd>
        <dt>{t('giftCard.expires')}</dt>
        <dd>{card.expiresAt ? format.day(card.expiresAt) : t('giftCard.noExpiry')}</dd>
      </dl>
      <Code39Barcode code={card.code} label={t('giftCard.barcode', { code: card.code })} />
    </div>
  );
}
