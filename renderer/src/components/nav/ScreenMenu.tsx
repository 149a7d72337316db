import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useAppStore } from '../../store';
import { useT } from '../../i18n/useT';
import type { Screen } from '../../store/types';
import type { MessageKey } from '../../../../shared/i18n';

export interface MenuScreen {
  screen: Screen;
  label: MessageKey;
  key?: string;
}

/**
 * The screens a cashier seldom needs (settings, reports, the manager's screens) behind one menu
 * button, so the top bar stays one row at 1024 px. A menu button as WAI-ARIA describes it: Enter,
 * Space or ↓ opens it on the first item, ↑ on the last; ↑ ↓ Home End move; Escape closes and gives
 * focus back; Tab or a click elsewhere closes it. Switch cashier (F1) is here too.
 */
export function ScreenMenu({ items }: { items: readonly MenuScreen[] }) {
  const t = useT();
  const screen = useAppStore((s) => s.screen);
  const go = useAppStore((s) => s.go);
  const startSwitch = useAppStore((s) => s.startSwitchCashier);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const area = useRef<HTMLDivElement>(null);
  const entries = useRef<(HTMLButtonElement | null)[]>([]);
  const menuId = useId();
  const current = items.some((item) => item.screen === screen);
  const count = items.length + 1;

  useEffect(() => {
    if (!open) return;
    const closeOutside = (event: PointerEvent) => {
      if (!area.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', closeOutside);
    return () => document.removeEventListener('pointerdown', closeOutside);
  }, [open]);

  function focusEntry(index: number) {
    entries.current[(index + count) % count]?.focus();
  }

  function openAt(index: number) {
    setOpen(true);
    // The items exist once the menu has rendered.
    requestAnimationFrame(() => focusEntry(index));
  }

  function close(returnFocus: boolean) {
    setOpen(false);
    if (returnFocus) button.current?.focus();
  }

  function onButtonKey(event: KeyboardEvent) {
    if (event.key === 'ArrowDown' || event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      openAt(0);
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      openAt(count - 1);
    }
  }

  function onMenuKey(event: KeyboardEvent) {
    const at = entries.current.findIndex((entry) => entry === document.activeElement);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        focusEntry(at + 1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        focusEntry(at - 1);
        break;
      case 'Home':
        event.preventDefault();
        focusEntry(0);
        break;
      case 'End':
        event.preventDefault();
        focusEntry(count - 1);
        break;
      case 'Escape':
        event.preventDefault();
        event.stopPropagation();
        close(true);
        break;
      case 'Tab':
        close(false);
        break;
      default:
        break;
    }
  }

  return (
    <div className="screen-menu" ref={area}>
      <button
        ref={button}
        type="button"
        className={current ? 'nav-button active' : 'nav-button'}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
      >
        {t('nav.menu')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label={t('nav.menu')} onKeyDown={onMenuKey}>
          {items.map((item, index) => (
            <button
              key={item.screen}
              ref={(el) => {
                entries.current[index] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              aria-current={screen === item.screen ? 'page' : undefined}
              aria-keyshortcuts={item.key}
              onClick={() => {
                close(true);
                go(item.screen);
              }}
            >
              <span>{t(item.label)}</span> {item.key && <kbd>{item.key}</kbd>}
            </button>
          ))}
          <button
            ref={(el) => {
              entries.current[items.length] = el;
            }}
            type="button"
            role="menuitem"
            tabIndex={-1}
            aria-keyshortcuts="F1"
            onClick={() => {
              close(false);
              startSwitch();
            }}
          >
            <span>{t('signIn.switch')}</span> <kbd>F1</kbd>
          </button>
        </div>
      )}
    </div>
  );
}
