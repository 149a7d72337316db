import type { StateCreator } from 'zustand';
import type { AppState, UiSlice } from './types';

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  screen: 'sale',
  notice: null,
  go(screen) {
    set({ screen, notice: null });
  },
  showError(error) {
    set({ notice: { kind: 'error', error } });
  },
  clearNotice() {
    set({ notice: null });
  },
});
