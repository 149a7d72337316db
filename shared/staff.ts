import type { Currency } from './money';
import type { StaffRole } from './domain';

/** Staff, sign-in, overrides, the audit trail and shifts, as the renderer sees them. */

export const PIN_LOCKOUT_AFTER = 5;
export const PIN_LOCKOUT_SECONDS = 30;

export interface StaffMember {
  id: string;
  name: string;
  role: StaffRole;
  active: boolean;
  createdAt: string;
  deactivatedAt: string | null;
}

/** Who approved a manager-only step: the manager whose PIN it was. */
export interface ManagerApproval {
  managerId: string;
  managerName: string;
}

export interface StorePolicy {
  /** A refund worth more than this (minor units) needs a manager when a cashier rings it up. */
  refundLimitMinor: number;
}

/** One audit field, flattened for display: `path` is e.g. "limit" or "lines.0.quantity". */
/** How an audit field's value reads: money, a percent, a program choice, a campaign, a language… */
export type AuditUnit =
  'money' | 'points' | 'percent' | 'choice' | 'campaign' | 'language' | 'fields';

export interface AuditField {
  /** Unique in its entry: a dotted path, list items by their id ("tiers.levels.gold.threshold"). */
  path: string;
  value: string | number | boolean | null;
  /** What the field is, without the list item ("tiers.levels.threshold"); absent when = path. */
  field?: string;
  /** The list item (a tier, a campaign) it belongs to, by name. */
  item?: string;
  /** How to show the value; absent: as it is. */
  unit?: AuditUnit;
}

export interface AuditEntryView {
  auditNo: number;
  id: string;
  action: string;
  subjectType: string;
  subjectId: string;
  /** The member's name and card when the subject is (or belongs to) a member. */
  subjectLabel: string | null;
  staffId: string;
  staffName: string;
  approvedById: string | null;
  approvedByName: string | null;
  terminalId: string;
  terminalName: string | null;
  before: AuditField[] | null;
  after: AuditField[] | null;
  reason: string | null;
  createdAt: string;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `beforeNo` for the next (older) page; null when there is none. */
  nextBeforeNo: number | null;
}

export type MoneyTender = 'cash' | 'card';

export interface ShiftView {
  id: string;
  currency: Currency;
  openedAt: string;
  openedByName: string;
  floatMinor: number;
  closedAt: string | null;
  closedByName: string | null;
  countedMinor: number | null;
  expectedMinor: number | null;
  differenceMinor: number | null;
  note: string | null;
}

/** Money that went through one tender in a shift: sales in, refunds out (negative). */
export interface TenderTotal {
  salesMinor: number;
  refundsMinor: number;
}

/**
 * What a shift took, for the close and for X/Z reports. Cash expected in the drawer is the float
 * plus cash sales plus cash refunds (refunds are negative). Gift cards and points are not cash.
 */
export interface ShiftSummary {
  shift: ShiftView;
  saleCount: number;
  refundCount: number;
  cashSalesMinor: number;
  cashRefundsMinor: number;
  expectedCashMinor: number;
  countedMinor: number | null;
  differenceMinor: number | null;
  byTender: {
    cash: TenderTotal;
    card: TenderTotal;
    giftCard: TenderTotal;
    points: TenderTotal;
  };
}
