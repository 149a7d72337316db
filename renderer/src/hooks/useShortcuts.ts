import { useEffect } from 'react';
import { useAppStore } from '../store';
import type { Screen } from '../store/types';

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
      const screen = screenKeys[event.key];
      if (!screen) return;
      event.preventDefault();
      useAppStore.getState().go(screen);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
