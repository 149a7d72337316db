import type { StateCreator } from 'zustand';
import type { AppState, UiSlice } from './types';

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  screen: 'sale',
  visit: 0,
  notice: null,
  memberCardFolded: false,
  setMemberCardFolded(folded) {
    set({ memberCardFolded: folded });
  },
  printerTrouble: null,
  go(screen) {
    set((state) => ({ screen, visit: state.visit + 1, notice: null }));
  },
  showError(error) {
    set({ notice: { kind: 'error', error } });
  },
  clearNotice() {
    set({ notice: null });
  },
  notePrintStatus(status) {
    // The print dialog says nothing of a printer; anything else that went out clears the trouble.
    if (status === 'dialog') return;
    set({ printerTrouble: status === 'paper_out' || status === 'offline' ? status : null });
  },
});
