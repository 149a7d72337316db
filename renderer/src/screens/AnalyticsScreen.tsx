import { useT } from '../i18n/useT';
import { ManagerGate } from '../components/staff/ManagerGate';
import { AnalyticsPanel } from '../components/analytics/AnalyticsPanel';

/** Loyalty analytics show members' spending: a cashier opens them with a manager's PIN. */
export function AnalyticsScreen() {
  const t = useT();
  return (
    <ManagerGate screen="analytics" heading={t('analytics.title')}>
      <AnalyticsPanel />
    </ManagerGate>
  );
}
