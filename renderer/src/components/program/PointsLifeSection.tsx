import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { ProgramField } from './ProgramField';

/** How long points live: expiry, the return window they wait out, and refunds of spent points. */
export function PointsLifeSection() {
  const t = useT();
  const months = useAppStore((s) => s.programForm?.expiry.months ?? '');
  const windowDays = useAppStore((s) => s.programForm?.pending.returnWindowDays ?? '');
  const spentPoints = useAppStore((s) => s.programForm?.refunds.spentPoints ?? 'negative_balance');
  const editProgram = useAppStore((s) => s.editProgram);
  const policies = [
    { value: 'negative_balance', label: t('program.refunds.negativeBalance') },
    { value: 'reduce_cash', label: t('program.refunds.reduceCash') },
  ] as const;

  return (
    <section className="card program-section" aria-labelledby="program-life">
      <h2 id="program-life">{t('program.life.title')}</h2>
      <div className="field-grid">
        <ProgramField
          path="expiry.months"
          label={t('program.expiry.months')}
          hint={t('program.expiry.hint')}
          kind="number"
          value={months}
          onChange={(value) => editProgram('expiry', () => ({ months: value }))}
        />
        <ProgramField
          path="pending.returnWindowDays"
          label={t('program.pending.days')}
          hint={t('program.pending.hint')}
          kind="number"
          value={windowDays}
          onChange={(value) => editProgram('pending', () => ({ returnWindowDays: value }))}
        />
      </div>
      <fieldset className="policy-choice">
        <legend>{t('program.refunds.legend')}</legend>
        {policies.map((policy) => (
          <label key={policy.value} className="radio">
            <input
              type="radio"
              name="refund-policy"
              checked={spentPoints === policy.value}
              onChange={() => editProgram('refunds', () => ({ spentPoints: policy.value }))}
            />
            {policy.label}
          </label>
        ))}
      </fieldset>
    </section>
  );
}
