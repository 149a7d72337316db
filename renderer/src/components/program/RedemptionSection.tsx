import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { ProgramField } from './ProgramField';

type Redemption = {
  points: string;
  valueMinor: string;
  minimumPoints: string;
  maxSharePercent: string;
};

/** What points are worth when spent, the least that may be spent, and the largest share of a sale. */
export function RedemptionSection() {
  const t = useT();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const points = useAppStore((s) => s.programForm?.redemption.points ?? '');
  const value = useAppStore((s) => s.programForm?.redemption.valueMinor ?? '');
  const minimum = useAppStore((s) => s.programForm?.redemption.minimumPoints ?? '');
  const share = useAppStore((s) => s.programForm?.redemption.maxSharePercent ?? '');
  const editProgram = useAppStore((s) => s.editProgram);
  const edit = (patch: Partial<Redemption>) =>
    editProgram('redemption', (redemption) => ({ ...redemption, ...patch }));

  return (
    <section className="card program-section" aria-labelledby="program-redemption">
      <h2 id="program-redemption">{t('program.redemption.title')}</h2>
      <div className="field-grid">
        <ProgramField
          path="redemption.points"
          label={t('program.redemption.points')}
          kind="number"
          value={points}
          onChange={(v) => edit({ points: v })}
        />
        <ProgramField
          path="redemption.valueMinor"
          label={t('program.redemption.value', { currency })}
          kind="money"
          value={value}
          onChange={(v) => edit({ valueMinor: v })}
        />
        <ProgramField
          path="redemption.minimumPoints"
          label={t('program.redemption.minimum')}
          hint={t('program.redemption.minimumHint')}
          kind="number"
          value={minimum}
          onChange={(v) => edit({ minimumPoints: v })}
        />
        <ProgramField
          path="redemption.maxSharePercent"
          label={t('program.redemption.maxShare')}
          hint={t('program.redemption.maxShareHint')}
          kind="percent"
          value={share}
          onChange={(v) => edit({ maxSharePercent: v })}
        />
      </div>
    </section>
  );
}
