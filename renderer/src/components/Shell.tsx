import { useEffect } from 'react';
import { useAppStore } from '../store';
import { TopBar } from './TopBar';
import { NoticeBanner } from './NoticeBanner';
import { MembersScreen } from '../screens/MembersScreen';
import { EnrollScreen } from '../screens/EnrollScreen';
import { MemberScreen } from '../screens/MemberScreen';
import { MemberEditScreen } from '../screens/MemberEditScreen';
import { ReceiptScreen } from '../screens/ReceiptScreen';
import { SalesScreen } from '../screens/SalesScreen';
import { SettingsScreen } from '../screens/SettingsScreen';
import { ProgramScreen } from '../screens/ProgramScreen';
import { GiftCardScreen } from '../screens/GiftCardScreen';
import { ReportsScreen } from '../screens/ReportsScreen';
import { AnalyticsScreen } from '../screens/AnalyticsScreen';
import { useCardScanner } from '../hooks/useCardScanner';
import { useShortcuts } from '../hooks/useShortcuts';
import { ShiftCloseScreen } from '../screens/ShiftCloseScreen';
import { AuditScreen } from '../screens/AuditScreen';
import { StaffScreen } from '../screens/StaffScreen';
import { ComplaintsScreen } from '../screens/ComplaintsScreen';
import { SaleOrOpenShift } from './shift/SaleOrOpenShift';
import type { Screen } from '../store/types';

function ScreenView({ screen, visit }: { screen: Screen; visit: number }) {
  switch (screen) {
    case 'sale':
      return <SaleOrOpenShift />;
    case 'members':
      return <MembersScreen />;
    case 'enroll':
      // A new form on every visit: the next customer never inherits the last one's answers.
      return <EnrollScreen key={visit} />;
    case 'member':
      return <MemberScreen />;
    case 'memberEdit':
      // Each visit starts from the member as saved, with the marketing question unanswered.
      return <MemberEditScreen key={visit} />;
    case 'receipt':
      return <ReceiptScreen />;
    case 'sales':
      return <SalesScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'program':
      return <ProgramScreen />;
    case 'giftCard':
      return <GiftCardScreen />;
    case 'analytics':
      return <AnalyticsScreen />;
    case 'reports':
      return <ReportsScreen />;
    case 'shiftClose':
      return <ShiftCloseScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'staff':
      return <StaffScreen />;
    case 'complaints':
      return <ComplaintsScreen />;
    default: {
      const never: never = screen;
      return never;
    }
  }
}

const STATUS_POLL_MS = 5000;

export function Shell() {
  const screen = useAppStore((s) => s.screen);
  const visit = useAppStore((s) => s.visit);
  const refreshStatus = useAppStore((s) => s.refreshStatus);
  const loadShift = useAppStore((s) => s.loadShift);
  useCardScanner();
  useShortcuts();

  useEffect(() => {
    void loadShift();
  }, [loadShift]);

  useEffect(() => {
    void refreshStatus();
    const timer = window.setInterval(() => void refreshStatus(), STATUS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [refreshStatus]);

  return (
    // The sale screen fits the window and scrolls inside its parts; other screens scroll the page.
    <div className={screen === 'sale' ? 'shell fits-window' : 'shell'}>
      <TopBar />
      <NoticeBanner />
      <main className="screen" id="main">
        <ScreenView screen={screen} visit={visit} />
      </main>
    </div>
  );
}
