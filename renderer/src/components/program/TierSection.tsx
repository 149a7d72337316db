import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { convertThresholds } from '../../program/programForm';
import { ProgramField } from './ProgramField';
import { ProgramSelect } from './ProgramSelect';
import { TierTable } from './TierTable';

/** How members qualify for tiers, the tiers themselves, and the yearly downgrade review. */
export function TierSection() {
  const t = useT();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const qualification = useAppStore((s) => s.programForm?.tiers.qualification ?? 'spend');
  const reviewDate = useAppStore((s) => s.programForm?.tiers.reviewDate ?? '');
  const graceDays = useAppStore((s) => s.programForm?.tiers.graceDays ?? '');
  const editProgram = useAppStore((s) => s.editProgram);

  return (
    <section className="card program-section" aria-labelledby="program-tiers">
      <h2 id="program-tiers">{t('program.tiers.title')}</h2>
      <div className="field-grid">
        <ProgramSelect<'spend' | 'points'>
          path="tiers.qualification"
          label={t('program.tiers.qualification')}
          value={qualification}
          options={[
            { value: 'spend', label: t('program.tiers.bySpend') },
            { value: 'points', label: t('program.tiers.byPoints') },
          ]}
          onChange={(value) =>
            editProgram('tiers', (tiers) => ({
              ...tiers,
              qualification: value,
              levels: convertThresholds(tiers.levels, value, currency),
            }))
          }
        />
        <ProgramField
          path="tiers.reviewDate"
          label={t('program.tiers.reviewDate')}
          hint={t('program.tiers.reviewDateHint')}
          kind="monthDay"
          maxLength={5}
          value={reviewDate}
          onChange={(value) => editProgram('tiers', (tiers) => ({ ...tiers, reviewDate: value }))}
        />
        <ProgramField
          path="tiers.graceDays"
          label={t('program.tiers.graceDays')}
          hint={t('program.tiers.graceDaysHint')}
          kind="number"
          value={graceDays}
          onChange={(value) => editProgram('tiers', (tiers) => ({ ...tiers, graceDays: value }))}
        />
      </div>
      <TierTable />
    </section>
  );
}
