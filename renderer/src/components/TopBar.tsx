import { useAppStore } from '../store';
import { useT } from '../i18n/useT';
import { ConnectionBadge } from './ConnectionBadge';
import { ClockWarning } from './sync/ClockWarning';
import { LockButton } from './staff/LockButton';
import { ScreenMenu, type MenuScreen } from './nav/ScreenMenu';

/** What a cashier opens many times a shift: one click or one function key each. */
const navigation: readonly MenuScreen[] = [
  { screen: 'sale', label: 'nav.sale', key: 'F2' },
  { screen: 'members', label: 'nav.members', key: 'F3' },
  { screen: 'enroll', label: 'nav.enroll', key: 'F4' },
  { screen: 'sales', label: 'nav.sales', key: 'F6' },
  { screen: 'giftCard', label: 'nav.giftCard', key: 'F10' },
];

/** The rest, behind the menu; their function keys still work from anywhere. */
const menu: readonly MenuScreen[] = [
  { screen: 'settings', label: 'nav.settings', key: 'F8' },
  // No function key left that a browser does not take (F5, F11, F12): reached by the menu.
  { screen: 'analytics', label: 'analytics.nav' },
  { screen: 'reports', label: 'nav.reports' },
  { screen: 'complaints', label: 'nav.complaints' },
  // Manager screens; a cashier opens them with a manager's PIN on the spot.
  { screen: 'shiftClose', label: 'nav.shiftClose', key: 'Shift+F2' },
  { screen: 'audit', label: 'nav.audit', key: 'Shift+F6' },
  { screen: 'staff', label: 'nav.staff', key: 'Shift+F8' },
];

export function TopBar() {
  const t = useT();
  const screen = useAppStore((s) => s.screen);
  const go = useAppStore((s) => s.go);
  const storeName = useAppStore((s) => s.terminal?.storeName ?? '');
  const terminalName = useAppStore((s) => s.terminal?.terminalName ?? '');
  const cashier = useAppStore((s) => s.terminal?.cashier.name ?? '');

  return (
    <header className="top-bar">
      <div className="brand">
        <strong>{storeName}</strong>
        <span>
          {terminalName} · {t('topBar.cashier', { name: cashier })}
        </span>
      </div>
      <nav aria-label={t('nav.label')}>
        {navigation.map((item) => (
          <button
            key={item.screen}
            type="button"
            className={screen === item.screen ? 'nav-button active' : 'nav-button'}
            aria-current={screen === item.screen ? 'page' : undefined}
            aria-keyshortcuts={item.key}
            onClick={() => go(item.screen)}
          >
            {t(item.label)} {item.key && <kbd>{item.key}</kbd>}
          </button>
        ))}
        <ScreenMenu items={menu} />
      </nav>
      <LockButton />
      <ConnectionBadge />
      <ClockWarning />
    </header>
  );
}
