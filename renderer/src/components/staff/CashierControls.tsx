import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';

/** Switch cashier (F1) and lock the terminal, from the top bar. */
export function CashierControls() {
  const t = useT();
  const startSwitch = useAppStore((s) => s.startSwitchCashier);
  const signOut = useAppStore((s) => s.signOut);
  return (
    <div className="cashier-controls">
      <button type="button" onClick={startSwitch} aria-keyshortcuts="F1">
        {t('signIn.switch')} <kbd>F1</kbd>
      </button>
      <button type="button" onClick={() => void signOut()}>
        {t('signIn.lock')}
      </button>
    </div>
  );
}
