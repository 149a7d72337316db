import type { MemberLoyalty } from '../../../../shared/domain';
import { useFormat, useT } from '../../i18n/useT';

/**
 * A member's standing at a glance: tier, what they can spend, what is pending or owed, the next
 * expiry, and how far the next tier is ("HK$1,200.00 more to 金 Gold").
 */
export function LoyaltyFacts({ loyalty }: { loyalty: MemberLoyalty }) {
  const t = useT();
  const format = useFormat();
  const nextExpiry = loyalty.expiring[0];
  const { nextTier } = loyalty;
  return (
    <dl className="facts loyalty-facts">
      <dt>{t('loyalty.tier')}</dt>
      <dd data-testid="loyalty-tier">
        <span className="tier-badge">{loyalty.tier.name}</span>
        {loyalty.tier.earnPercent !== 100 && (
          <span className="hint">
            {' '}
            {t('loyalty.tierEarns', { percent: format.percent(loyalty.tier.earnPercent) })}
          </span>
        )}
      </dd>
      {loyalty.tier.perks.trim() !== '' && (
        <>
          <dt>{t('loyalty.perks')}</dt>
          <dd>{loyalty.tier.perks}</dd>
        </>
      )}
      <dt>{t('loyalty.progress')}</dt>
      <dd data-testid="loyalty-progress">
        {nextTier
          ? t('loyalty.moreTo', {
              amount:
                loyalty.qualification === 'spend'
                  ? format.money(loyalty.remainingToNext)
                  : t('loyalty.points', { points: format.points(loyalty.remainingToNext) }),
              tier: nextTier.name,
            })
          : t('loyalty.topTier')}
      </dd>
      <dt>{t('loyalty.available')}</dt>
      <dd data-testid="loyalty-available">
        {t('loyalty.points', { points: format.points(loyalty.available) })}
      </dd>
      {loyalty.pending > 0 && (
        <>
          <dt>{t('loyalty.pending')}</dt>
          <dd data-testid="loyalty-pending">
            {t('loyalty.points', { points: format.points(loyalty.pending) })}
          </dd>
        </>
      )}
      {loyalty.debt > 0 && (
        <>
          <dt>{t('loyalty.debt')}</dt>
          <dd className="negative" data-testid="loyalty-debt">
            {t('loyalty.points', { points: format.points(loyalty.debt) })}
          </dd>
        </>
      )}
      {nextExpiry && (
        <>
          <dt>{t('loyalty.expiry')}</dt>
          <dd data-testid="loyalty-expiring">
            {t('loyalty.expireOn', {
              points: format.points(nextExpiry.points),
              date: format.day(nextExpiry.date),
            })}
          </dd>
        </>
      )}
    </dl>
  );
}
