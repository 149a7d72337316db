import { useOfficeT } from '../i18n/useOfficeT';
import { OfficeField } from './OfficeField';
import type { SectionProps } from './sectionProps';

type Referrals = SectionProps['form']['referrals'];

/** Points for both members when a referred member's first qualifying purchase is made. */
export function ReferralFields({ form, edit, issues, currency }: SectionProps) {
  const t = useOfficeT();
  const change = (patch: Partial<Referrals>) =>
    edit((f) => ({ ...f, referrals: { ...f.referrals, ...patch } }));
  return (
    <section className="card program-section" aria-labelledby="office-referrals">
      <h2 id="office-referrals">{t('program.referrals.title')}</h2>
      <p className="hint">{t('program.referrals.hint')}</p>
      <div className="field-grid">
        <OfficeField
          label={t('program.referrals.referrerPoints')}
          value={form.referrals.referrerPoints}
          issue={issues['referrals.referrerPoints']}
          testId="referrer-points"
          onChange={(referrerPoints) => change({ referrerPoints })}
        />
        <OfficeField
          label={t('program.referrals.refereePoints')}
          value={form.referrals.refereePoints}
          issue={issues['referrals.refereePoints']}
          testId="referee-points"
          onChange={(refereePoints) => change({ refereePoints })}
        />
        <OfficeField
          label={t('program.referrals.minimumSpend', { currency })}
          value={form.referrals.minimumSpendMinor}
          inputMode="decimal"
          issue={issues['referrals.minimumSpendMinor']}
          testId="referral-minimum-spend"
          onChange={(minimumSpendMinor) => change({ minimumSpendMinor })}
        />
      </div>
    </section>
  );
}
