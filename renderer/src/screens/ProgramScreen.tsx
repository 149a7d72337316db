import { useEffect } from 'react';
import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { EarnSection } from '../components/program/EarnSection';
import { TierSection } from '../components/program/TierSection';
import { PointsLifeSection } from '../components/program/PointsLifeSection';
import { RedemptionSection } from '../components/program/RedemptionSection';
import { GiftCardSection } from '../components/program/GiftCardSection';
import { ReferralSection } from '../components/program/ReferralSection';
import { CouponSection } from '../components/program/CouponSection';
import { ProgramPreview } from '../components/program/ProgramPreview';
import { ProgramSaveBar } from '../components/program/ProgramSaveBar';

/** The manager's loyalty program: every rule, checked as it is typed, saved with a PIN. */
export function ProgramScreen() {
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
