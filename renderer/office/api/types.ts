import type { Locale } from '../../../shared/locale';
import type { ExceptionView } from '../../../shared/office/exceptions';
import type { TerminalView } from '../../../shared/office/terminals';
import type { PulledConfig } from '../../../shared/sync/protocol';

/**
 * What head office answers, as the UI reads it. The UI never imports server code (a lint
 * boundary): shapes both sides use are declared once in shared/office and re-exported here;
 * the rest are the UI's reading of server views.
 */
export type {
  ConsolidatedReport,
  CurrencyTotal,
  ReportFigures,
  StoreReport,
} from '../../../shared/office/reports';
export type { Resolution, ResolutionEffect } from '../../../shared/office/exceptions';

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

/** What the UI reads of `configured`: the money and the clock the terminal was set up with. */
export type Terminal = Omit<TerminalView, 'configured'> & {
  configured: { currency?: string; timeZone?: string } | null;
};

export type OfficeException = ExceptionView;

export type ConfigVersion = PulledConfig & { updatedBy: string };
