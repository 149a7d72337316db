import { useOfficeT } from '../i18n/useOfficeT';
import { MultiplierRules } from './MultiplierRules';
import { OfficeField } from './OfficeField';
import type { SectionProps } from './sectionProps';

/**
 * Earn rate, minimum spend, points life, the SKUs and categories that earn differently, and what
 * points are worth when paying.
 */
export function EarnAndRedeemFields(props: SectionProps) {
  const { form, edit, issues, currency } = props;
  const t = useOfficeT();
  return (
    <section className="card program-section" aria-labelledby="office-earn">
      <h2 id="office-earn">{t('program.earn.title')}</h2>
      <div className="field-grid">
        <OfficeField
          label={t('program.earn.points')}
          value={form.earn.points}
          issue={issues['earn.points']}
          testId="earn-points"
          onChange={(points) => edit((f) => ({ ...f, earn: { ...f.earn, points } }))}
        />
        <OfficeField
          label={t('program.earn.perSpend', { currency })}
          value={form.earn.perSpendMinor}
          inputMode="decimal"
          issue={issues['earn.perSpendMinor']}
          onChange={(perSpendMinor) => edit((f) => ({ ...f, earn: { ...f.earn, perSpendMinor } }))}
        />
        <OfficeField
          label={t('program.earn.minimumSpend', { currency })}
          value={form.earn.minimumSpendMinor}
          inputMode="decimal"
          issue={issues['earn.minimumSpendMinor']}
          onChange={(minimumSpendMinor) =>
            edit((f) => ({ ...f, earn: { ...f.earn, minimumSpendMinor } }))
          }
        />
        <OfficeField
          label={t('program.expiry.months')}
          hint={t('program.expiry.hint')}
          value={form.expiry.months}
          issue={issues['expiry.months']}
          onChange={(months) => edit((f) => ({ ...f, expiry: { months } }))}
        />
      </div>
      <MultiplierRules {...props} />
      <h3>{t('program.redemption.title')}</h3>
      <div className="field-grid">
        <OfficeField
          label={t('program.redemption.points')}
          value={form.redemption.points}
          issue={issues['redemption.points']}
          onChange={(points) => edit((f) => ({ ...f, redemption: { ...f.redemption, points } }))}
        />
        <OfficeField
          label={t('program.redemption.value', { currency })}
          value={form.redemption.valueMinor}
          inputMode="decimal"
          issue={issues['redemption.valueMinor']}
          onChange={(valueMinor) =>
            edit((f) => ({ ...f, redemption: { ...f.redemption, valueMinor } }))
          }
        />
        <OfficeField
          label={t('program.redemption.minimum')}
          hint={t('program.redemption.minimumHint')}
          value={form.redemption.minimumPoints}
          issue={issues['redemption.minimumPoints']}
          onChange={(minimumPoints) =>
            edit((f) => ({ ...f, redemption: { ...f.redemption, minimumPoints } }))
          }
        />
        <OfficeField
          label={`${t('program.redemption.maxShare')} (%)`}
          hint={t('program.redemption.maxShareHint')}
          value={form.redemption.maxSharePercent}
          issue={issues['redemption.maxSharePercent']}
          onChange={(maxSharePercent) =>
            edit((f) => ({ ...f, redemption: { ...f.redemption, maxSharePercent } }))
          }
        />
      </div>
    </section>
  );
}
