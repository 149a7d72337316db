import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import type { RoundingMode } from '../../../../shared/program';
import { ProgramField } from './ProgramField';
import { ProgramSelect } from './ProgramSelect';
import { MultiplierList } from './MultiplierList';
import { PromotionList } from './PromotionList';

/** Base earn rate, minimum spend and rounding; multipliers and promotions below. */
export function EarnSection() {
  const t = useT();
  const currency = useAppStore((s) => s.terminal?.currency ?? 'HKD');
  const points = useAppStore((s) => s.programForm?.earn.points ?? '');
  const perSpend = useAppStore((s) => s.programForm?.earn.perSpendMinor ?? '');
  const minimum = useAppStore((s) => s.programForm?.earn.minimumSpendMinor ?? '');
  const rounding = useAppStore((s) => s.programForm?.earn.rounding ?? 'floor');
  const editProgram = useAppStore((s) => s.editProgram);
  const edit = (
    patch: Partial<{
      points: string;
      perSpendMinor: string;
      minimumSpendMinor: string;
      rounding: RoundingMode;
    }>,
  ) => editProgram('earn', (earn) => ({ ...earn, ...patch }));

  return (
    <section className="card program-section" aria-labelledby="program-earn">
      <h2 id="program-earn">{t('program.earn.title')}</h2>
      <div className="field-grid">
        <ProgramField
          path="earn.points"
          label={t('program.earn.points')}
          kind="number"
          value={points}
          onChange={(value) => edit({ points: value })}
        />
        <ProgramField
          path="earn.perSpendMinor"
          label={t('program.earn.perSpend', { currency })}
          kind="money"
          value={perSpend}
          onChange={(value) => edit({ perSpendMinor: value })}
        />
        <ProgramField
          path="earn.minimumSpendMinor"
          label={t('program.earn.minimumSpend', { currency })}
          hint={t('program.earn.minimumSpendHint')}
          kind="money"
          value={minimum}
          onChange={(value) => edit({ minimumSpendMinor: value })}
        />
        <ProgramSelect<RoundingMode>
          path="earn.rounding"
          label={t('program.earn.rounding')}
          value={rounding}
          options={[
            { value: 'floor', label: t('program.earn.roundingFloor') },
            { value: 'round', label: t('program.earn.roundingRound') },
            { value: 'ceil', label: t('program.earn.roundingCeil') },
          ]}
          onChange={(value) => edit({ rounding: value })}
        />
      </div>
      <MultiplierList />
      <PromotionList />
    </section>
  );
}
