import { useMemo } from 'react';
import { useAppStore } from '../../store';
import { useFormat, useT } from '../../i18n/useT';
import { minorPerUnit } from '../../../../shared/money';
import { programExample } from '../../program/programPreview';
import { shopToday } from '../../program/shopDate';

/** The edit's effect on a sample sale at every tier, computed by the shared checkout rules. */
export function ProgramPreview() {
  const t = useT();
  const format = useFormat();
  const draft = useAppStore((s) => s.programDraft);
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const timeZone = useAppStore((s) => s.terminal?.timeZone);
  const example = useMemo(
    () =>
      draft ? programExample(draft, 1000 * minorPerUnit(currency), shopToday(timeZone)) : null,
    [draft, currency, timeZone],
  );

  return (
    <section className="card program-preview" aria-labelledby="program-preview-title">
      <h2 id="program-preview-title">{t('program.preview.title')}</h2>
      <div aria-live="polite" data-testid="program-preview">
        {!draft || !example ? (
          <p className="hint">{t('program.preview.invalid')}</p>
        ) : (
          <ul className="preview-list">
            {example.tiers.map((tier) => (
              <li key={tier.tierId}>
                {t('program.preview.tierEarn', {
                  amount: format.money(example.saleMinor),
                  tier: tier.tierName,
                  points: format.points(tier.points),
                })}
              </li>
            ))}
            {example.promotionToday !== 100 && (
              <li>
                {t('program.preview.promotion', {
                  percent: format.percent(example.promotionToday),
                })}
              </li>
            )}
            <li>
              {t('program.preview.redeem', {
                points: format.points(draft.redemption.points),
                value: format.money(draft.redemption.valueMinor),
              })}
            </li>
            <li>
              {draft.redemption.minimumPoints > 0
                ? t('program.preview.redeemLimits', {
                    minimum: format.points(draft.redemption.minimumPoints),
                    share: format.percent(draft.redemption.maxSharePercent),
                  })
                : t('program.preview.redeemShare', {
                    share: format.percent(draft.redemption.maxSharePercent),
                  })}
            </li>
            <li>
              {draft.expiry.months > 0
                ? t('program.preview.expiry', { months: format.number(draft.expiry.months) })
                : t('program.preview.noExpiry')}
            </li>
            <li>
              {draft.pending.returnWindowDays > 0
                ? t('program.preview.pending', {
                    days: format.number(draft.pending.returnWindowDays),
                  })
                : t('program.preview.noPending')}
            </li>
          </ul>
        )}
      </div>
    </section>
  );
}
