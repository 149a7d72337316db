import { useEffect } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import { EarnSection } from './EarnSection';
import { TierSection } from './TierSection';
import { PointsLifeSection } from './PointsLifeSection';
import { RedemptionSection } from './RedemptionSection';
import { GiftCardSection } from './GiftCardSection';
import { ReferralSection } from './ReferralSection';
import { CouponSection } from './CouponSection';
import { ProgramPreview } from './ProgramPreview';
import { ProgramSaveBar } from './ProgramSaveBar';

/** Every rule of the program, checked as it is typed; the side shows its effect and saves it. */
export function ProgramEditor() {
  const t = useT();
  const loadProgram = useAppStore((s) => s.loadProgram);
  const ready = useAppStore((s) => s.programForm !== null);

  useEffect(() => {
    void loadProgram();
  }, [loadProgram]);

  return (
    <div className="program-screen">
      <section className="program-main" aria-labelledby="program-title">
        <h1 id="program-title">{t('program.title')}</h1>
        <p className="hint">{t('program.intro')}</p>
        {ready ? (
          <>
            <EarnSection />
            <TierSection />
            <PointsLifeSection />
            <RedemptionSection />
            <CouponSection />
            <GiftCardSection />
            <ReferralSection />
          </>
        ) : (
          <p className="loading">{t('common.loading')}</p>
        )}
      </section>
      {ready && (
        <aside className="program-side">
          <ProgramPreview />
          <ProgramSaveBar />
        </aside>
      )}
    </div>
  );
}
