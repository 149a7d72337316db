import type {
  ConnectionStatus,
  Member,
  MemberSummary,
  PointsEntry,
  Receipt,
  Sale,
  SalePreview,
  TerminalInfo,
} from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import type { Locale } from '../../../shared/locale';
import type { ApiInput } from '../../../shared/api';
import type { PointsRule } from '../../../shared/points';

export type Screen = 'sale' | 'members' | 'enroll' | 'member' | 'receipt' | 'sales' | 'settings';

export interface TerminalSlice {
  terminal: TerminalInfo | null;
  /** False until terminal.info has answered once. */
  loaded: boolean;
  status: ConnectionStatus | null;
  loadTerminal(): Promise<void>;
  setupTerminal(input: ApiInput<'terminal.setup'>): Promise<AppError | null>;
  setLocale(locale: Locale): Promise<void>;
  setPointsRule(rule: PointsRule, managerPin: string): Promise<AppError | null>;
  refreshStatus(): Promise<void>;
}

export interface MemberSlice {
  query: string;
  results: MemberSummary[];
  member: Member | null;
  history: PointsEntry[];
  searchMembers(query: string): Promise<void>;
  openMember(memberId: string): Promise<void>;
  openMemberByCard(cardNumber: string): Promise<MemberSummary | null>;
  enrollMember(input: ApiInput<'member.enroll'>): Promise<AppError | null>;
}

export interface CartLine {
  key: string;
  description: string;
  quantity: number;
  unitPriceMinor: number;
}

export interface SaleSlice {
  /** Made when the cart starts, so a retried confirm can never record the sale twice. */
  saleId: string;
  lines: CartLine[];
  saleMember: MemberSummary | null;
  redeemPoints: number;
  preview: SalePreview | null;
  saleError: AppError | null;
  recording: boolean;
  receipt: Receipt | null;
  recentSales: Sale[];
  addLine(line: Omit<CartLine, 'key'>): void;
  removeLine(key: string): void;
  attachMember(member: MemberSummary | null): void;
  setRedeemPoints(points: number): void;
  refreshPreview(): Promise<void>;
  recordSale(): Promise<void>;
  newSale(): void;
  loadRecentSales(query?: string): Promise<void>;
  openReceipt(saleId: string): Promise<void>;
  refundSale(saleId: string, reason: string): Promise<AppError | null>;
}

export interface UiSlice {
  screen: Screen;
  /** A message for the cashier, shown until dismissed or replaced. */
  notice: { kind: 'error' | 'info'; error?: AppError; text?: string } | null;
  go(screen: Screen): void;
  showError(error: AppError): void;
  clearNotice(): void;
}

export type AppState = TerminalSlice & MemberSlice & SaleSlice & UiSlice;
