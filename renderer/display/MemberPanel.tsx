import type { DisplayMember } from '../../shared/display/displayView';
import type { DisplayWords } from './displayWords';

/** The member's greeting (first name only), points to earn, balance and tier progress. */
export function MemberPanel({ member, words }: { member: DisplayMember; words: DisplayWords }) {
  const { t } = words;
  const progress =
    member.nextTierName === null
      ? t('display.topTier')
      : member.qualification === 'spend'
        ? t('display.toNextSpend', {
            amount: words.money(member.remainingToNext),
            tier: member.nextTierName,
          })
        : t('display.toNextPoints', {
            points: words.number(member.remainingToNext),
            tier: member.nextTierName,
          });
  return (
    <section className="display-member" aria-labelledby="display-hello">
      <h1 id="display-hello">{t('display.hello', { name: member.firstName })}</h1>
      <p className="display-earn">
        {t('display.pointsToEarn', { points: words.number(member.pointsToEarn) })}
      </p>
      <p>{t('display.balance', { points: words.number(member.balance) })}</p>
      <p>
        <span className="display-tier">{t('display.tier', { tier: member.tierName })}</span>
        {' · '}
        {progress}
      </p>
    </section>
  );
}
