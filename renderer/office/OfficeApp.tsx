import { useEffect } from 'react';
import { OfficeShell } from './components/OfficeShell';
import { useOfficeT } from './i18n/useOfficeT';
import { SignInPage } from './pages/SignInPage';
import { useOfficeStore } from './store/officeStore';

/** Head office in a browser: sign-in first, then the pages behind it. */
export function OfficeApp() {
  const t = useOfficeT();
  const session = useOfficeStore((s) => s.session);
  const locale = useOfficeStore((s) => s.locale);
  const loadSession = useOfficeStore((s) => s.loadSession);

  useEffect(() => {
    void loadSession();
  }, [loadSession]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('office.title');
  }, [locale, t]);

  if (session === null) return <p className="loading">{t('office.loading')}</p>;
  if (!session.signedIn) return <SignInPage needsFirstAdmin={session.needsFirstAdmin ?? false} />;
  return <OfficeShell />;
}
