import type { StateCreator } from 'zustand';
import { api } from '../api';
import type { AppState, MemberSlice } from './types';

let searchGeneration = 0;

export const createMemberSlice: StateCreator<AppState, [], [], MemberSlice> = (set, get) => ({
  query: '',
  results: [],
  member: null,
  history: [],
  async searchMembers(query) {
    set({ query });
    // Results as you type: only the answer to the latest keystroke may land.
    const generation = ++searchGeneration;
    if (query.trim().length === 0) {
      set({ results: [] });
      return;
    }
    const result = await api.invoke('member.search', { query, limit: 20 });
    if (generation !== searchGeneration) return;
    if (result.ok) set({ results: result.value });
    else get().showError(result.error);
  },
  async openMember(memberId) {
    const [member, history] = await Promise.all([
      api.invoke('member.get', { memberId }),
      api.invoke('member.history', { memberId }),
    ]);
    if (!member.ok) return get().showError(member.error);
    if (!history.ok) return get().showError(history.error);
    set({ member: member.value, history: history.value, screen: 'member', notice: null });
  },
  async openMemberByCard(cardNumber) {
    const result = await api.invoke('member.byCard', { cardNumber });
    if (!result.ok) {
      get().showError(result.error);
      return null;
    }
    if (!result.value) {
      get().showError({ code: 'member_not_found', message: 'No member has that card.' });
      return null;
    }
    return result.value;
  },
  async enrollMember(input) {
    const result = await api.invoke('member.enroll', input);
    if (!result.ok) return result.error;
    set({ member: result.value, history: [], screen: 'member', notice: null });
    await get().refreshStatus();
    return null;
  },
});
