import { useEffect } from 'react';
import { useAppStore } from './store';
import { SetupScreen } from './screens/SetupScreen';
import { RecoveryScreen } from './screens/RecoveryScreen';
import { Shell } from './components/Shell';
import { SignInScreen } from './components/staff/SignInScreen';
import { useLocale, useT } from './i18n/useT';
import { startCustomerDisplayFeed } from './display/customerDisplayFeed';

export function App() {
  const loaded = useAppStore((s) => s.loaded);
  const hasTerminal = useAppStore((s) => s.terminal !== null);
  const recovering = useAppStore((s) => s.recovery !== null);
  const signInShown = useAppStore(
    (s) => s.terminal !== null && (!s.terminal.signedIn || s.switchingCashier),
  );
  const loadTerminal = useAppStore((s) => s.loadTerminal);
  const locale = useLocale();
  const t = useT();

  useEffect(() => {
    void loadTerminal();
  }, [loadTerminal]);

  // The customer display follows the sale from the moment the terminal is set up.
  useEffect(() => (hasTerminal ? startCustomerDisplayFeed() : undefined), [hasTerminal]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  if (!loaded) return <p className="loading">{t('app.loading')}</p>;
  if (recovering) return <RecoveryScreen />;
  if (!hasTerminal) return <SetupScreen />;
  // Locked (nobody signed in) or switching cashier: the sign-in screen, nothing else.
  return signInShown ? <SignInScreen /> : <Shell />;
}
