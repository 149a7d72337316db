import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { ProgramField } from './ProgramField';

/** How long a sold gift card stays spendable. */
export function GiftCardSection() {
  const t = useT();
  const months = useAppStore((s) => s.programForm?.giftCards.expiryMonths ?? '');
  const editProgram = useAppStore((s) => s.editProgram);
  return (
    <section className="card program-section" aria-labelledby="program-giftcards">
      <h2 id="program-giftcards">{t('program.giftCards.title')}</h2>
      <div className="field-grid">
        <ProgramField
          path="giftCards.expiryMonths"
          label={t('program.giftCards.expiryMonths')}
          hint={t('program.giftCards.expiryHint')}
          kind="number"
          value={months}
          onChange={(value) => editProgram('giftCards', () => ({ expiryMonths: value }))}
        />
      </div>
    </section>
  );
}
