import type { StateCreator } from 'zustand';
import type { OfficeState } from './officeStore';

export const officePages = [
  'stores',
  'exceptions',
  'reports',
  'program',
  'analytics',
  'messages',
  'dataRequests',
  'campaigns',
] as const;
export type OfficePage = (typeof officePages)[number];

export interface PageSlice {
  page: OfficePage;
  openPage(page: OfficePage): void;
}

export const createPageSlice: StateCreator<OfficeState, [], [], PageSlice> = (set) => ({
  page: 'stores',
  openPage(page) {
    set({ page });
  },
});
