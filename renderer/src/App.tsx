import { useEffect } from 'react';
import { useAppStore } from './store';
import { SetupScreen } from './screens/SetupScreen';
import { Shell } from './components/Shell';
import { useLocale, useT } from './i18n/useT';

export function App() {
  const loaded = useAppStore((s) => s.loaded);
  const hasTerminal = useAppStore((s) => s.terminal !== null);
  const loadTerminal = useAppStore((s) => s.loadTerminal);
  const locale = useLocale();
  const t = useT();

  useEffect(() => {
    void loadTerminal();
  }, [loadTerminal]);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('app.title');
  }, [locale, t]);

  if (!loaded) return <p className="loading">{t('app.loading')}</p>;
  return hasTerminal ? <Shell /> : <SetupScreen />;
}
