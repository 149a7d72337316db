import type { StateCreator } from 'zustand';
import { api } from '../api';
import type { AppState, StaffSlice } from './types';

/** Who is at the till, the open shift, and a manager's PIN given on the spot for one screen. */
export const createStaffSlice: StateCreator<AppState, [], [], StaffSlice> = (set, get) => ({
  staffList: [],
  shift: null,
  shiftLoaded: false,
  switchingCashier: false,
  managerApproval: null,
  async loadStaffList() {
    const result = await api.invoke('staff.list', {});
    if (result.ok) set({ staffList: result.value });
  },
  async signIn(pin, staffId) {
    const result = await api.invoke('staff.signIn', { pin, ...(staffId ? { staffId } : {}) });
    if (!result.ok) return result.error;
    // A new person starts on the sale screen with no manager approval carried over.
    set({ terminal: result.value, switchingCashier: false, managerApproval: null, screen: 'sale' });
    await get().loadShift();
    return null;
  },
  async signOut() {
    const result = await api.invoke('staff.signOut', {});
    if (result.ok) set({ terminal: result.value, switchingCashier: false, managerApproval: null });
    else get().showError(result.error);
  },
  startSwitchCashier() {
    set({ switchingCashier: true });
  },
  cancelSwitchCashier() {
    set({ switchingCashier: false });
  },
  async loadShift() {
    const result = await api.invoke('shift.current', {});
    if (result.ok) set({ shift: result.value, shiftLoaded: true });
  },
  async openShift(floatMinor) {
    const result = await api.invoke('shift.open', { floatMinor });
    if (!result.ok) return result.error;
    set({ shift: result.value, shiftLoaded: true });
    return null;
  },
  async approveManager(screen, managerPin) {
    const result = await api.invoke('staff.approve', { screen, managerPin });
    if (!result.ok) return result.error;
    set({ managerApproval: { screen, pin: managerPin, managerName: result.value.managerName } });
    return null;
  },
  clearManagerApproval() {
    set({ managerApproval: null });
  },
});
