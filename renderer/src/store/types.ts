import type { PrintStatus } from '../../../shared/printer';
import type {
  ConnectionStatus,
  CouponView,
  Member,
  MemberLoyalty,
  MemberSummary,
  PointsEntry,
  Receipt,
  Sale,
  SalePreview,
  TerminalInfo,
} from '../../../shared/domain';
import type { AppError } from '../../../shared/result';
import type { RecoveryStatus } from '../../../shared/backup';
import type { Locale } from '../../../shared/locale';
import type { MessageKey, MessageParams } from '../../../shared/i18n';
import type { ApiInput, ApiOutput } from '../../../shared/api';
import type { Program } from '../../../shared/program';
import type { LineKind } from '../../../shared/rules/checkout';
import type { MoneyTender, ShiftView, StaffMember } from '../../../shared/staff';
import type { managerScreens } from '../../../shared/api/staff';

export type ManagerScreen = (typeof managerScreens)[number];
import type { ProgramForm } from '../program/programForm';
import type { IssueMap } from '../program/programIssues';
import type { AnalyticsSlice } from './analyticsSlice';
import type { CatalogueItem } from '../../../shared/api/catalogue';

export type Screen =
  | 'sale'
  | 'members'
  | 'enroll'
  | 'member'
  | 'memberEdit'
  | 'receipt'
  | 'sales'
  | 'settings'
  | 'program'
  | 'giftCard'
  | 'analytics'
  | 'staff'
  | 'audit'
  | 'shiftClose'
  | 'reports'
  | 'complaints';

export interface TerminalSlice {
  terminal: TerminalInfo | null;
  /** False until terminal.info has answered once. */
  loaded: boolean;
  /** Set while the ledger is unusable or a restore waits for head office: the recovery screen. */
  recovery: Exclude<RecoveryStatus, { state: 'ready' }> | null;
  status: ConnectionStatus | null;
  /** When `status` was read (ms since the epoch), so "synced 2 min ago" needs no clock in render. */
  statusAt: number;
  /** True while a sync the cashier asked for is running. */
  syncing: boolean;
  loadTerminal(): Promise<void>;
  setupTerminal(input: ApiInput<'terminal.setup'>): Promise<AppError | null>;
  setLocale(locale: Locale): Promise<void>;
  refreshStatus(): Promise<void>;
  /** Pushes and pulls now instead of waiting for the worker's next round (or its backoff). */
  syncNow(): Promise<void>;
  /** Trades a one-time code for this terminal's head-office credential. */
  enrollTerminal(
    input: ApiInput<'sync.enroll'>,
  ): Promise<{ enrolled: ApiOutput<'sync.enroll'> } | { error: AppError }>;
}

export interface MemberSlice {
  query: string;
  results: MemberSummary[];
  member: Member | null;
  history: PointsEntry[];
  /** Tier, points and coupons of the member open on the member screen. */
  loyalty: MemberLoyalty | null;
  searchMembers(query: string): Promise<void>;
  openMember(memberId: string): Promise<void>;
  /** Reloads the open member, their history and loyalty (after an adjustment or a coupon). */
  reloadMember(): Promise<void>;
  openMemberByCard(cardNumber: string): Promise<MemberSummary | null>;
  enrollMember(input: ApiInput<'member.enroll'>): Promise<AppError | null>;
  /** Saves an edit of the open member and shows them again, saying it was saved. */
  updateMember(input: ApiInput<'member.update'>): Promise<AppError | null>;
  adjustPoints(input: ApiInput<'points.adjust'>): Promise<AppError | null>;
  issueCoupon(campaignId: string): Promise<{ coupon: CouponView } | { error: AppError }>;
}

export interface CartLine {
  key: string;
  description: string;
  quantity: number;
  unitPriceMinor: number;
  sku: string | null;
  category: string | null;
  kind: LineKind;
  /** The card a top-up line loads. */
  giftCardCode: string | null;
}

export interface GiftCardPayment {
  code: string;
  amountMinor: number;
  /** The card's balance when it was checked, shown beside the payment. */
  balanceMinor: number;
}

export interface SaleSlice {
  /** Made when the cart starts, so a retried confirm can never record the sale twice. */
  saleId: string;
  lines: CartLine[];
  saleMember: MemberSummary | null;
  /** Tier, spendable points and coupons of the member on this sale. */
  memberLoyalty: MemberLoyalty | null;
  redeemPoints: number;
  /** A manager's PIN approving points beyond the offline limit on this sale; sent with it. */
  overridePin: string | null;
  /** Canonical coupon codes applied to this sale, in the order they were applied. */
  couponCodes: string[];
  giftCardPayments: GiftCardPayment[];
  preview: SalePreview | null;
  saleError: AppError | null;
  recording: boolean;
  receipt: Receipt | null;
  /**
   * True when the receipt shown is an old one reopened (from Sales or a member's history), not
   * the sale or refund just rung up: it has no change to give and no "next sale".
   */
  receiptIsPast: boolean;
  recentSales: Sale[];
  addLine(line: Omit<CartLine, 'key'>): void;
  /** A catalogue item as a line: its name in the till's language, SKU, category and price. */
  addCatalogueItem(item: CatalogueItem): void;
  /**
   * The item a scanned barcode (or typed SKU) names, added as a line; false, with a notice naming
   * the code, when no item has it.
   */
  addScannedItem(code: string): Promise<boolean>;
  removeLine(key: string): void;
  /** A line's quantity from the −/+ buttons: 1 to 9999, as the line entry allows. */
  setLineQuantity(key: string, quantity: number): void;
  /**
   * A line's new price, with a manager's PIN: the core checks the PIN and audits the change
   * before the line changes; a refusal leaves the line as it was.
   */
  changeLinePrice(
    key: string,
    unitPriceMinor: number,
    managerPin: string,
  ): Promise<AppError | null>;
  attachMember(member: MemberSummary | null): void;
  setRedeemPoints(points: number): void;
  /** Keeps the manager's PIN on this sale only when the core accepts it. */
  approveRedeemOverride(pin: string): Promise<AppError | null>;
  clearRedeemOverride(): void;
  /** Checks the coupon against this basket; it is applied only when the core accepts it. */
  applyCoupon(code: string): Promise<AppError | null>;
  removeCoupon(code: string): void;
  /** Adds a gift-card payment only when the core accepts the basket with it. */
  addGiftCardPayment(payment: GiftCardPayment): Promise<AppError | null>;
  removeGiftCardPayment(code: string): void;
  refreshPreview(): Promise<void>;
  /** How the money part is paid: cash unless the cashier switches to card (F5). */
  moneyTender: MoneyTender;
  /** What the customer handed over for a cash sale, when typed; the receipt shows the change. */
  cashReceivedMinor: number | null;
  setMoneyTender(tender: MoneyTender): void;
  setCashReceived(minor: number | null): void;
  recordSale(): Promise<void>;
  newSale(): void;
  loadRecentSales(query?: string): Promise<void>;
  openReceipt(saleId: string): Promise<void>;
  refundSale(
    saleId: string,
    reason: string,
    lines?: { lineNo: number; quantity: number }[],
    /** A manager's PIN when the refund is above the store's limit. */
    managerPin?: string,
  ): Promise<AppError | null>;
}

export interface ProgramSlice {
  /** The program as saved (program.get / program.update). */
  program: Program | null;
  /** The manager's edit in progress; null until the program screen loads it. */
  programForm: ProgramForm | null;
  /** The form parsed by programSchema; null while any field is wrong. */
  programDraft: Program | null;
  programIssues: IssueMap;
  /** Issues show once the manager edits or tries to save, then update as they type. */
  programIssuesShown: boolean;
  programDirty: boolean;
  loadProgram(): Promise<void>;
  /** Changes one section of the form; `change` gets the section as it is now. */
  editProgram<K extends keyof ProgramForm>(
    section: K,
    change: (value: ProgramForm[K]) => ProgramForm[K],
  ): void;
  discardProgramChanges(): void;
  saveProgram(managerPin: string): Promise<AppError | null>;
}

export interface StaffSlice {
  /** Active staff, for the sign-in screen (no PINs). */
  staffList: StaffMember[];
  /** The shift open on this terminal; null when none is. */
  shift: ShiftView | null;
  shiftLoaded: boolean;
  /** True while the sign-in screen is up to switch cashier (the current one stays signed in). */
  switchingCashier: boolean;
  /**
   * A manager's PIN typed on the spot so a cashier may use one manager screen; the screen sends
   * it with its requests and it is dropped when the screen closes or someone else signs in.
   */
  managerApproval: { screen: ManagerScreen; pin: string; managerName: string } | null;
  loadStaffList(): Promise<void>;
  signIn(pin: string, staffId?: string): Promise<AppError | null>;
  signOut(): Promise<void>;
  startSwitchCashier(): void;
  cancelSwitchCashier(): void;
  loadShift(): Promise<void>;
  openShift(floatMinor: number): Promise<AppError | null>;
  approveManager(screen: ManagerScreen, managerPin: string): Promise<AppError | null>;
  clearManagerApproval(): void;
}

export interface UiSlice {
  screen: Screen;
  /**
   * Counts every go(), even to the screen already shown: a form keyed by it (enroll) starts
   * empty on each visit, so nothing of the last customer is kept for the next.
   */
  visit: number;
  /**
   * A message for the cashier, shown until dismissed or replaced: an error, or a catalog message
   * (said in whatever language is on screen when it shows).
   */
  notice: {
    kind: 'error' | 'info';
    error?: AppError;
    text?: string;
    message?: { key: MessageKey; params?: MessageParams };
  } | null;
  /** The member card on the sale screen folded to one line; kept for the rest of the session. */
  memberCardFolded: boolean;
  setMemberCardFolded(folded: boolean): void;
  /**
   * The receipt printer's trouble after the last print (paper out, offline), shown on the sale
   * screen until a print goes through: the next customer's receipt would not print either.
   */
  printerTrouble: 'paper_out' | 'offline' | null;
  go(screen: Screen): void;
  showError(error: AppError): void;
  clearNotice(): void;
  /** What the last print said of the printer. */
  notePrintStatus(status: PrintStatus): void;
}

export type AppState = TerminalSlice &
  StaffSlice &
  MemberSlice &
  SaleSlice &
  ProgramSlice &
  UiSlice &
  AnalyticsSlice;
