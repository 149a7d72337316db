import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';

/** Lock the terminal from the top bar; switching cashier (F1) is in the menu. */
export function LockButton() {
  const t = useT();
  const signOut = useAppStore((s) => s.signOut);
  return (
    <button type="button" className="nav-button" onClick={() => void signOut()}>
      {t('signIn.lock')}
    </button>
  );
}
