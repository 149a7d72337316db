import { create } from 'zustand';
import type { Locale } from '../../../shared/locale';
import { createPageSlice, type PageSlice } from './pageSlice';
import { createSessionSlice, type SessionSlice } from './sessionSlice';

/** The head-office UI's one store, made of slices (as the terminal's is). */
export type OfficeState = SessionSlice & PageSlice;

export function browserLocale(language: string): Locale {
  const tag = language.toLowerCase();
  if (tag.startsWith('zh')) return /hant|tw|hk|mo/.test(tag) ? 'zh-Hant' : 'zh-Hans';
  return 'en';
}

export const useOfficeStore = create<OfficeState>()((...a) => ({
  ...createSessionSlice(browserLocale(navigator.language))(...a),
  ...createPageSlice(...a),
}));
