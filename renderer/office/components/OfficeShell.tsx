import type { MessageKey } from '../../../shared/i18n';
import { useOfficeT } from '../i18n/useOfficeT';
import { AnalyticsPage } from '../analytics/AnalyticsPage';
import { DataRequestsPage } from '../pages/DataRequestsPage';
import { CampaignsPage } from '../pages/CampaignsPage';
import { CataloguePage } from '../pages/CataloguePage';
import { ExceptionsPage } from '../pages/ExceptionsPage';
import { MessagesPage } from '../pages/MessagesPage';
import { ProgramPage } from '../pages/ProgramPage';
import { ReportsPage } from '../pages/ReportsPage';
import { StoresPage } from '../pages/StoresPage';
import { VoicePage } from '../pages/VoicePage';
import { useOfficeStore } from '../store/officeStore';
import { pagesFor, type OfficePage } from '../store/pageSlice';
import { MembersPage } from '../members/MembersPage';
import { MetricsPage } from '../metrics/MetricsPage';
import { LanguageSwitcher } from './LanguageSwitcher';

const pageTitles: Record<OfficePage, MessageKey> = {
  stores: 'office.nav.stores',
  exceptions: 'office.nav.exceptions',
  reports: 'office.nav.reports',
  program: 'office.nav.program',
  analytics: 'office.nav.analytics',
  metrics: 'office.nav.metrics',
  messages: 'office.nav.messages',
  dataRequests: 'office.nav.dataRequests',
  campaigns: 'office.nav.campaigns',
  members: 'office.nav.members',
  voice: 'office.nav.voice',
  catalogue: 'office.nav.catalogue',
};

function CurrentPage({ page }: { page: OfficePage }) {
  switch (page) {
    case 'stores':
      return <StoresPage />;
    case 'exceptions':
      return <ExceptionsPage />;
    case 'reports':
      return <ReportsPage />;
    case 'program':
      return <ProgramPage />;
    case 'analytics':
      return <AnalyticsPage />;
    case 'metrics':
      return <MetricsPage />;
    case 'messages':
      return <MessagesPage />;
    case 'dataRequests':
      return <DataRequestsPage />;
    case 'campaigns':
      return <CampaignsPage />;
    case 'members':
      return <MembersPage />;
    case 'voice':
      return <VoicePage />;
    case 'catalogue':
      return <CataloguePage />;
    default: {
      const never: never = page;
      return never;
    }
  }
}

/** The signed-in frame: who is signed in, the pages, the language and signing out. */
export function OfficeShell() {
  const t = useOfficeT();
  const page = useOfficeStore((s) => s.page);
  const openPage = useOfficeStore((s) => s.openPage);
  const signOut = useOfficeStore((s) => s.signOut);
  const name = useOfficeStore((s) => (s.session?.signedIn ? s.session.user.name : ''));
  const role = useOfficeStore((s) => (s.session?.signedIn ? s.session.user.role : 'analyst'));
  const pages = pagesFor(role);
  // A page this role may not use is never shown, even if it was the last one open.
  const shown = pages.includes(page) ? page : pages[0];
  return (
    <div className="office">
      <header className="office-bar">
        <strong className="office-brand">{t('office.title')}</strong>
        <nav aria-label={t('office.nav.label')} className="office-nav">
          {pages.map((option) => (
            <button
              key={option}
              type="button"
              className="nav-button"
              aria-current={option === page ? 'page' : undefined}
              onClick={() => openPage(option)}
            >
              {t(pageTitles[option])}
            </button>
          ))}
        </nav>
        <span className="office-user">{t('office.signedInAs', { name })}</span>
        <LanguageSwitcher />
        <button type="button" onClick={() => void signOut()}>
          {t('office.signOut')}
        </button>
      </header>
      <main className="office-main">{shown ? <CurrentPage page={shown} /> : null}</main>
    </div>
  );
}
