import { useOfficeT } from '../i18n/useOfficeT';

/**
 * SLOT: the analytics page (renderer/office/analytics/AnalyticsPage.tsx) is being built by
 * another change. When it exists, render it here instead of this notice.
 */
export function AnalyticsSlot() {
  const t = useOfficeT();
  return (
    <section className="card" aria-labelledby="analytics-title">
      <h1 id="analytics-title">{t('office.nav.analytics')}</h1>
      <p className="hint">{t('office.analytics.soon')}</p>
    </section>
  );
}
