import type { StateCreator } from 'zustand';
import { api } from '../api';
import type { AppState, TerminalSlice } from './types';

export const createTerminalSlice: StateCreator<AppState, [], [], TerminalSlice> = (set, get) => ({
  terminal: null,
  loaded: false,
  status: null,
  async loadTerminal() {
    const result = await api.invoke('terminal.info', {});
    if (result.ok) set({ terminal: result.value, loaded: true });
    else {
      set({ loaded: true });
      get().showError(result.error);
    }
  },
  async setupTerminal(input) {
    const result = await api.invoke('terminal.setup', input);
    if (!result.ok) return result.error;
    set({ terminal: result.value, screen: 'sale' });
    await get().refreshStatus();
    return null;
  },
  async setLocale(locale) {
    const result = await api.invoke('terminal.setLocale', { locale });
    if (result.ok) set({ terminal: result.value });
    else get().showError(result.error);
  },
  async refreshStatus() {
    const result = await api.invoke('terminal.status', {});
    if (result.ok) set({ status: result.value });
  },
});
