import { convertThresholds } from '../../src/program/programForm';
import { useOfficeT } from '../i18n/useOfficeT';
import { OfficeField } from './OfficeField';
import type { SectionProps } from './sectionProps';
import { TierLevelFields } from './TierLevelFields';

type Qualification = 'spend' | 'points';

/** How members qualify, the yearly review that moves them down, and the levels themselves. */
export function TierFields(props: SectionProps) {
  const { form, edit, issues, currency } = props;
  const t = useOfficeT();
  return (
    <section className="card program-section" aria-labelledby="office-tiers">
      <h2 id="office-tiers">{t('program.tiers.title')}</h2>
      <p className="hint">{t('program.tiers.hint')}</p>
      <div className="field-grid">
        <label className="program-field office-wide">
          <span>{t('program.tiers.qualification')}</span>
          <select
            value={form.tiers.qualification}
            data-testid="tier-qualification"
            onChange={(event) => {
              const qualification = event.target.value as Qualification;
              // Thresholds keep their size in whole units: HK$3,000.00 becomes 3,000 points.
              edit((f) => ({
                ...f,
                tiers: {
                  ...f.tiers,
                  qualification,
                  levels: convertThresholds(f.tiers.levels, qualification, currency),
                },
              }));
            }}
          >
            <option value="spend">{t('program.tiers.bySpend')}</option>
            <option value="points">{t('program.tiers.byPoints')}</option>
          </select>
        </label>
        <OfficeField
          label={t('program.tiers.reviewDate')}
          hint={t('program.tiers.reviewDateHint')}
          value={form.tiers.reviewDate}
          inputMode="numeric"
          maxLength={5}
          issue={issues['tiers.reviewDate']}
          testId="tier-review-date"
          onChange={(reviewDate) => edit((f) => ({ ...f, tiers: { ...f.tiers, reviewDate } }))}
        />
        <OfficeField
          label={t('program.tiers.graceDays')}
          hint={t('program.tiers.graceDaysHint')}
          value={form.tiers.graceDays}
          issue={issues['tiers.graceDays']}
          testId="tier-grace-days"
          onChange={(graceDays) => edit((f) => ({ ...f, tiers: { ...f.tiers, graceDays } }))}
        />
      </div>
      <TierLevelFields {...props} />
    </section>
  );
}
