import { useT } from '../i18n/useT';
import { ManagerGate } from '../components/staff/ManagerGate';
import { ReportsPanel } from '../components/reports/ReportsPanel';

/** The X and Z reports are a manager's: a cashier opens them with a manager's PIN on the spot. */
export function ReportsScreen() {
  const t = useT();
  return (
    <ManagerGate screen="reports" heading={t('report.screen.title')}>
      <ReportsPanel />
    </ManagerGate>
  );
}
