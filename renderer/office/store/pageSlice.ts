import type { OfficeRole } from '../../../shared/contract/route';
import type { OfficeRouteName } from '../../../shared/office/contract';
import { mayCall } from '../../../shared/office/roleAccess';
import type { StateCreator } from 'zustand';
import type { OfficeState } from './officeStore';

export const officePages = [
  'stores',
  'exceptions',
  'reports',
  'program',
  'analytics',
  'metrics',
  'messages',
  'dataRequests',
  'campaigns',
  'members',
  'voice',
  'catalogue',
] as const;
export type OfficePage = (typeof officePages)[number];

/**
 * The route each page cannot work without: a page shows in the menu only to the roles that
 * route admits (shared/office/roleAccess.ts), so nobody is offered a page head office refuses.
 * A page of two parts (customer voice: complaints, and figures) shows to who may use either.
 */
export const pageNeeds: Record<OfficePage, OfficeRouteName | readonly OfficeRouteName[]> = {
  stores: 'stores.list',
  exceptions: 'exceptions.list',
  reports: 'reports.consolidated',
  program: 'config.set',
  analytics: 'analytics.overview',
  metrics: 'metrics.cohorts',
  members: 'members.search',
  messages: 'messages.counts',
  dataRequests: 'dataRequests.list',
  campaigns: 'campaigns.list',
  voice: ['complaints.list', 'voice.dashboard'],
  catalogue: 'catalogue.items',
};

export function pagesFor(role: OfficeRole): OfficePage[] {
  return officePages.filter((page) =>
    [pageNeeds[page]].flat().some((route) => mayCall(role, route)),
  );
}

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
