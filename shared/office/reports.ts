import type { CommonFigures } from '../figures/figures';
import type { Liability } from '../figures/liability';

/**
 * The consolidated report as head office answers it (GET /admin/reports) and the office UI
 * reads it: declared once here so the two cannot drift. Its figures are the till's common
 * figures (shared/figures), defined once for both.
 */
export type ReportFigures = CommonFigures;

export interface StoreReport {
  storeId: string;
  storeName: string;
  timeZone: string;
  /** Whether the zone came from the store's terminals (false: UTC, because none said). */
  timeZoneKnown: boolean;
  currency: string | null;
  figures: ReportFigures;
}

export interface CurrencyTotal {
  currency: string | null;
  stores: number;
  figures: ReportFigures;
}

export interface ConsolidatedReport {
  from: string;
  to: string;
  stores: StoreReport[];
  totals: CurrencyTotal[];
  /** Chain-wide, as at the end of the last day at the store whose day ends last, on its clock. */
  liability: Liability;
}
