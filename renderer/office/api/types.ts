import type { Locale } from '../../../shared/locale';
import type { PulledConfig } from '../../../shared/sync/protocol';

/**
 * What head office answers, as the UI reads it. These mirror server/ views; the UI never
 * imports server code (a lint boundary), so the shapes are restated here.
 */
export interface AdminUser {
  id: string;
  name: string;
  language: Locale;
  createdAt: string;
}

export type SessionState =
  | { signedIn: true; user: AdminUser; expiresAt: string }
  | { signedIn: false; needsFirstAdmin?: boolean };

export interface Store {
  id: string;
  name: string;
  createdAt: string;
  terminals: number;
}

export interface EnrollmentCode {
  code: string;
  storeId: string;
  storeName: string;
  expiresAt: string;
}

export interface Terminal {
  id: string;
  storeId: string;
  storeName: string;
  name: string;
  number: number;
  appVersion: string;
  highWaterMark: number;
  enrolledAt: string;
  lastSeenAt: string | null;
  revokedAt: string | null;
  revokedBy: string | null;
  configured: { currency?: string; timeZone?: string } | null;
  outboxPending: number | null;
}

export type Resolution = 'write_off' | 'charge_back' | 'reverse' | 'acknowledge';

export interface ResolutionEffect {
  memberId: string | null;
  balanceBefore: number | null;
  balanceAfter: number | null;
  pointsGiven: number;
  lossPoints: number;
  lossMinor: number;
  lossCurrency: string | null;
  debtPoints: number;
  couponUseId: string | null;
}

export interface OfficeException {
  id: string;
  number: number;
  kind: string;
  status: 'open' | 'resolved';
  raisedAt: string;
  storeId: string | null;
  memberId: string | null;
  saleId: string | null;
  facts: Record<string, unknown>;
  resolution: Resolution | null;
  resolutionNote: string | null;
  resolvedBy: string | null;
  resolvedAt: string | null;
  allowedResolutions: Resolution[];
  effect: ResolutionEffect | null;
}

export interface ReportFigures {
  salesCount: number;
  salesMinor: number;
  refundsCount: number;
  refundsMinor: number;
  couponDiscountsMinor: number;
  pointsPaidMinor: number;
  pointsIssued: number;
  pointsRedeemed: number;
  pointsExpired: number;
  pointsAdjusted: number;
  newMembers: number;
  memberSalesCount: number;
  memberShareBasisPoints: number;
}

export interface StoreReport extends ReportFigures {
  storeId: string;
  storeName: string;
  timeZone: string;
  timeZoneKnown: boolean;
  currency: string | null;
}

export interface CurrencyTotal extends ReportFigures {
  currency: string | null;
  stores: number;
}

export interface ConsolidatedReport {
  from: string;
  to: string;
  stores: StoreReport[];
  totals: CurrencyTotal[];
  liability: { points: number; valueMinor: number; asOf: string };
}

export type ConfigVersion = PulledConfig & { updatedBy: string };
