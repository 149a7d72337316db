import { useEffect } from 'react';
import { useAppStore } from '../store';
import type { Screen } from '../store/types';

/** With Shift: the manager screens next to their cashier screens (shift by sale, audit by sales). */
const managerKeys: Record<string, Screen> = {
  F2: 'shiftClose',
  F6: 'audit',
  F8: 'staff',
};

const screenKeys: Record<string, Screen> = {
  F2: 'sale',
  F3: 'members',
  F4: 'enroll',
  F6: 'sales',
  F7: 'program',
  F8: 'settings',
  F10: 'giftCard',
};

/** Function keys move between screens from anywhere, as on most tills. */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'F1') {
        // Switch cashier: the next person signs in over whoever is signed in now.
        event.preventDefault();
        useAppStore.getState().startSwitchCashier();
        return;
      }
      const screen = (event.shiftKey ? managerKeys : screenKeys)[event.key];
      if (!screen) return;
      event.preventDefault();
      useAppStore.getState().go(screen);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
