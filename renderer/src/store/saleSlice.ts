import type { StateCreator } from 'zustand';
import { uuidv7 } from '../../../shared/ids';
import { api } from '../api';
import type { AppState, SaleSlice } from './types';

let previewGeneration = 0;

function basketOf(state: AppState) {
  return {
    memberId: state.saleMember?.id ?? null,
    lines: state.lines.map(({ description, quantity, unitPriceMinor }) => ({
      description,
      quantity,
      unitPriceMinor,
    })),
    redeemPoints: state.redeemPoints,
  };
}

export const createSaleSlice: StateCreator<AppState, [], [], SaleSlice> = (set, get) => ({
  saleId: uuidv7(),
  lines: [],
  saleMember: null,
  redeemPoints: 0,
  preview: null,
  saleError: null,
  recording: false,
  receipt: null,
  recentSales: [],
  addLine(line) {
    set((state) => ({ lines: [...state.lines, { ...line, key: uuidv7() }] }));
    void get().refreshPreview();
  },
  removeLine(key) {
    set((state) => ({ lines: state.lines.filter((line) => line.key !== key) }));
    void get().refreshPreview();
  },
  attachMember(member) {
    set({ saleMember: member, redeemPoints: 0 });
    void get().refreshPreview();
  },
  setRedeemPoints(points) {
    set({ redeemPoints: points });
    void get().refreshPreview();
  },
  async refreshPreview() {
    const generation = ++previewGeneration;
    const state = get();
    if (state.lines.length === 0) {
      set({ preview: null, saleError: null });
      return;
    }
    const result = await api.invoke('sale.preview', basketOf(state));
    if (generation !== previewGeneration) return;
    if (result.ok) set({ preview: result.value, saleError: null });
    else set({ saleError: result.error });
  },
  async recordSale() {
    const state = get();
    if (state.recording || state.lines.length === 0) return;
    set({ recording: true });
    const result = await api.invoke('sale.record', { saleId: state.saleId, ...basketOf(state) });
    set({ recording: false });
    if (!result.ok) {
      set({ saleError: result.error });
      return;
    }
    set({ receipt: result.value, screen: 'receipt', saleError: null });
    await get().refreshStatus();
  },
  newSale() {
    set({
      saleId: uuidv7(),
      lines: [],
      saleMember: null,
      redeemPoints: 0,
      preview: null,
      saleError: null,
      receipt: null,
      screen: 'sale',
    });
  },
  async loadRecentSales(query) {
    const result = await api.invoke('sale.recent', { limit: 30, ...(query ? { query } : {}) });
    if (result.ok) set({ recentSales: result.value });
    else get().showError(result.error);
  },
  async openReceipt(saleId) {
    const result = await api.invoke('sale.get', { saleId });
    if (result.ok) set({ receipt: result.value, screen: 'receipt' });
    else get().showError(result.error);
  },
  async refundSale(saleId, reason) {
    const result = await api.invoke('sale.refund', { saleId, refundId: uuidv7(), reason });
    if (!result.ok) return result.error;
    set({ receipt: result.value, screen: 'receipt' });
    await get().refreshStatus();
    return null;
  },
});
