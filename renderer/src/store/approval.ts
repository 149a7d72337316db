import type { ManagerScreen } from './types';

/**
 * The manager's PIN a cashier typed to open this screen, as the core's manager-only operations
 * take it (`managerPin`); nothing when a manager is signed in. The core checks it on every call.
 */
export function approvalFor(
  approval: { screen: ManagerScreen; pin: string } | null,
  screen: ManagerScreen,
): { managerPin?: string } {
  return approval?.screen === screen ? { managerPin: approval.pin } : {};
}
