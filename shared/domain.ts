import type { Currency } from './money';
import type { PhoneCountry } from './phone';
import type { Locale } from './locale';
import type { PointsRule } from './points';

export type StaffRole = 'cashier' | 'manager';

export interface Staff {
  id: string;
  name: string;
  role: StaffRole;
}

export interface TerminalInfo {
  storeId: string;
  storeName: string;
  terminalId: string;
  terminalName: string;
  terminalNumber: number;
  currency: Currency;
  timeZone: string;
  locale: Locale;
  phoneCountry: PhoneCountry;
  pointsRule: PointsRule;
  /** The staff member ringing up sales on this terminal right now. */
  cashier: Staff;
}

export interface MemberSummary {
  id: string;
  cardNumber: string;
  name: string;
  phone: string;
  pointsBalance: number;
}

export interface Member extends MemberSummary {
  email: string | null;
  birthday: string | null;
  marketingConsent: boolean;
  consentAt: string | null;
  consentTerminalId: string | null;
  enrolledAt: string;
  enrolledStoreName: string;
  enrolledTerminalId: string;
}

export type PointsEntryKind = 'earn' | 'redeem' | 'reverse_earn' | 'reverse_redeem';

export interface PointsEntry {
  id: string;
  kind: PointsEntryKind;
  points: number;
  saleId: string | null;
  saleNumber: string | null;
  reversesEntryId: string | null;
  createdAt: string;
  staffName: string;
}

export interface SaleLine {
  lineNo: number;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
}

export type SaleKind = 'sale' | 'refund';

export interface Sale {
  id: string;
  /** Short human number printed on the receipt, e.g. "12345-000042". */
  number: string;
  kind: SaleKind;
  refundOfSaleId: string | null;
  refundedBySaleId: string | null;
  currency: Currency;
  totalMinor: number;
  pointsRedeemed: number;
  redeemValueMinor: number;
  /** Paid with money: total less what points paid. */
  paidMinor: number;
  pointsEarned: number;
  member: MemberSummary | null;
  cashierName: string;
  createdAt: string;
  lines: SaleLine[];
  reason: string | null;
}

export interface SalePreview {
  totalMinor: number;
  redeemValueMinor: number;
  paidMinor: number;
  pointsEarned: number;
  pointsRedeemed: number;
  maxRedeemablePoints: number;
  redeemStep: number;
  balanceAfter: number | null;
}

export interface Receipt {
  sale: Sale;
  storeName: string;
  terminalName: string;
  /** Member's balance right after this sale, for the receipt footer. */
  balanceAfter: number | null;
}

export interface ConnectionStatus {
  online: boolean;
  pendingChanges: number;
}
