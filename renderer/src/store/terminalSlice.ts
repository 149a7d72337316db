import { approvalFor } from './approval';
import type { StateCreator } from 'zustand';
import { api } from '../api';
import type { AppState, TerminalSlice } from './types';

let statusGeneration = 0;

export const createTerminalSlice: StateCreator<AppState, [], [], TerminalSlice> = (set, get) => ({
  terminal: null,
  loaded: false,
  recovery: null,
  status: null,
  statusAt: 0,
  syncing: false,
  async loadTerminal() {
    // A damaged or missing ledger is never used: the core answers only its recovery operations.
    const recovery = await api.invoke('recovery.status', {});
    if (recovery.ok && recovery.value.state !== 'ready') {
      set({ recovery: recovery.value, loaded: true });
      return;
    }
    set({ recovery: null });
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
    // The poll and a sync the cashier started may cross: only the latest answer lands.
    const generation = ++statusGeneration;
    const result = await api.invoke('terminal.status', {});
    if (generation !== statusGeneration || !result.ok) return;
    const before = get().status;
    set({ status: result.value, statusAt: Date.now() });
    // Head office's offline limit on points comes and goes with the connection, and the program
    // changes (here, in another window, or from head office): re-price the basket so the cashier
    // never shows points, a limit or a price the sale would not give.
    const changed =
      before !== null &&
      (before.online !== result.value.online ||
        before.programVersion !== result.value.programVersion);
    if (changed && get().lines.length > 0) void get().refreshPreview();
  },
  async syncNow() {
    if (get().syncing) return;
    set({ syncing: true });
    try {
      await api.invoke('sync.now', {});
    } finally {
      set({ syncing: false });
    }
    // What the run did (synced, offline, refused) shows in the status: state, time and error.
    await get().refreshStatus();
  },
  async enrollTerminal(input) {
    const result = await api.invoke('sync.enroll', {
      ...input,
      ...approvalFor(get().managerApproval, 'settings'),
    });
    if (!result.ok) return { error: result.error };
    // Head office assigns the store and the terminal number; both replace what setup chose.
    await get().loadTerminal();
    await get().refreshStatus();
    return { enrolled: result.value };
  },
});
