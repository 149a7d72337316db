import type { StateCreator } from 'zustand';
import { api } from '../api';
import type { AppState, MemberSlice } from './types';

let searchGeneration = 0;
let openGeneration = 0;

export const createMemberSlice: StateCreator<AppState, [], [], MemberSlice> = (set, get) => ({
  query: '',
  results: [],
  member: null,
  history: [],
  loyalty: null,
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
    const generation = ++openGeneration;
    const [member, history, loyalty] = await Promise.all([
      api.invoke('member.get', { memberId }),
      api.invoke('member.history', { memberId }),
      api.invoke('member.loyalty', { memberId }),
    ]);
    if (generation !== openGeneration) return;
    if (!member.ok) return get().showError(member.error);
    if (!history.ok) return get().showError(history.error);
    set({
      member: member.value,
      history: history.value,
      // The member still opens when loyalty cannot be read; the screen says what is missing.
      loyalty: loyalty.ok ? loyalty.value : null,
      screen: 'member',
      notice: loyalty.ok ? null : { kind: 'error', error: loyalty.error },
    });
  },
  async reloadMember() {
    const memberId = get().member?.id;
    if (memberId) await get().openMember(memberId);
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
    // Opening the new member loads the coupons a welcome campaign just issued.
    await get().openMember(result.value.id);
    await get().refreshStatus();
    return null;
  },
  async updateMember(input) {
    const result = await api.invoke('member.update', input);
    if (!result.ok) return result.error;
    await get().openMember(result.value.id);
    set({
      notice: {
        kind: 'info',
        message: { key: 'memberEdit.saved', params: { name: result.value.name } },
      },
    });
    await get().refreshStatus();
    return null;
  },
  async adjustPoints(input) {
    const result = await api.invoke('points.adjust', input);
    if (!result.ok) return result.error;
    await get().reloadMember();
    await get().refreshStatus();
    return null;
  },
  async issueCoupon(campaignId) {
    const memberId = get().member?.id ?? null;
    const result = await api.invoke('coupon.issue', { campaignId, memberId });
    if (!result.ok) return { error: result.error };
    await get().reloadMember();
    await get().refreshStatus();
    return { coupon: result.value };
  },
});
