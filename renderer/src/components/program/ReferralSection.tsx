import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { ProgramField } from './ProgramField';

type Referrals = { referrerPoints: string; refereePoints: string; minimumSpendMinor: string };

/** Points for both members when a referred member's first qualifying purchase is made. */
export function ReferralSection() {
  const t = useT();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const referrer = useAppStore((s) => s.programForm?.referrals.referrerPoints ?? '');
  const referee = useAppStore((s) => s.programForm?.referrals.refereePoints ?? '');
  const minimum = useAppStore((s) => s.programForm?.referrals.minimumSpendMinor ?? '');
  const editProgram = useAppStore((s) => s.editProgram);
  const edit = (patch: Partial<Referrals>) =>
    editProgram('referrals', (referrals) => ({ ...referrals, ...patch }));

  return (
    <section className="card program-section" aria-labelledby="program-referrals">
      <h2 id="program-referrals">{t('program.referrals.title')}</h2>
      <p className="hint">{t('program.referrals.hint')}</p>
      <div className="field-grid">
        <ProgramField
          path="referrals.referrerPoints"
          label={t('program.referrals.referrerPoints')}
          kind="number"
          value={referrer}
          onChange={(value) => edit({ referrerPoints: value })}
        />
        <ProgramField
          path="referrals.refereePoints"
          label={t('program.referrals.refereePoints')}
          kind="number"
          value={referee}
          onChange={(value) => edit({ refereePoints: value })}
        />
        <ProgramField
          path="referrals.minimumSpendMinor"
          label={t('program.referrals.minimumSpend', { currency })}
          kind="money"
          value={minimum}
          onChange={(value) => edit({ minimumSpendMinor: value })}
        />
      </div>
    </section>
  );
}
