import { translate, type MessageKey } from '../i18n';
import type { Locale } from '../locale';
import { minorExponent, type Currency } from '../money';
import { boundaryText } from '../rules/businessDay';
import { wallClockMs } from '../zonedTime';
import type { Figures, Report } from './report';
import { taxRateLabel } from '../taxPercent';

/**
 * The report laid out as titled tables of typed cells, once, for every way it is shown: the CSV
 * writes cells as plain decimals, the PDF and the screen format them for reading.
 */
export type Cell =
  | { t: 'text'; v: string }
  | { t: 'count'; v: number }
  | { t: 'points'; v: number }
  | { t: 'money'; v: number }
  /** Basis points: 1234 = 12.34 %. */
  | { t: 'percent'; v: number }
  /** An instant, shown on the shop's clock. */
  | { t: 'time'; v: string | null };

export interface ReportTable {
  id: string;
  title: string;
  columns: string[];
  rows: Cell[][];
  /** Shown under the table when it has no rows. */
  empty?: string;
  /** Share of the width per column, for printing; absent: a label column and equal others. */
  widths?: number[];
}

const text = (v: string): Cell => ({ t: 'text', v });
const count = (v: number): Cell => ({ t: 'count', v });
const points = (v: number): Cell => ({ t: 'points', v });
const money = (v: number): Cell => ({ t: 'money', v });
const percent = (v: number): Cell => ({ t: 'percent', v });
const time = (v: string | null): Cell => ({ t: 'time', v });
const blank = text('');

/** Minor units as a plain decimal string, exactly: -123456 HKD -> "-1234.56". */
export function decimalOf(minor: number, currency: Currency): string {
  const exp = minorExponent(currency);
  const negative = minor < 0;
  const digits = String(Math.abs(minor)).padStart(exp + 1, '0');
  const whole = exp > 0 ? digits.slice(0, -exp) : digits;
  const frac = exp > 0 ? `.${digits.slice(-exp)}` : '';
  return `${negative ? '-' : ''}${whole}${frac}`;
}

/** Basis points as a percent string with two decimals: 1234 -> "12.34". */
export function percentOf(basisPoints: number): string {
  return decimalOf(basisPoints, 'HKD');
}

/**
 * Whether the report shows tax: only when some tax figure is not zero, so a store without tax
 * (every figure 0) sees the report as before.
 */
export function showsTax(report: Report): boolean {
  const taxed = (f: Figures) => f.taxIncludedMinor !== 0 || f.taxAddedMinor !== 0;
  return (
    report.taxByRate.length > 0 ||
    taxed(report.totals) ||
    report.byCashier.some((c) => taxed(c.figures)) ||
    report.byHour.some((h) => taxed(h.figures))
  );
}

/** "YYYY-MM-DD HH:MM" on the shop's clock. */
export function shopClock(iso: string, timeZone: string): string {
  const wall = new Date(wallClockMs(Date.parse(iso), timeZone)).toISOString();
  return `${wall.slice(0, 10)} ${wall.slice(11, 16)}`;
}

/** How a reader's numbers are written; the screen and the PDF each bring their own. */
export interface CellFormats {
  count(value: number): string;
  points(value: number): string;
  money(minor: number): string;
}

/**
 * A cell as a reader sees it, on the screen and in the PDF: percents with two decimals, times on
 * the shop's clock, a missing time as a dash.
 */
export function readableCell(cell: Cell, timeZone: string, formats: CellFormats): string {
  switch (cell.t) {
    case 'text':
      return cell.v;
    case 'count':
      return formats.count(cell.v);
    case 'points':
      return formats.points(cell.v);
    case 'money':
      return formats.money(cell.v);
    case 'percent':
      return `${percentOf(cell.v)}%`;
    case 'time':
      return cell.v ? shopClock(cell.v, timeZone) : '—';
    default: {
      const never: never = cell;
      return never;
    }
  }
}

function salesColumns(t: (key: MessageKey) => string, withTax: boolean): string[] {
  return [
    t('figures.sales'),
    t('report.col.salesAmount'),
    t('figures.refunds'),
    t('report.col.refundsAmount'),
    t('report.col.discounts'),
    t('figures.netSales'),
    ...(withTax ? [t('report.col.tax')] : []),
    t('figures.memberShare'),
  ];
}

/** A share in basis points, or a dash when there was nothing to share. */
const share = (basisPoints: number | null): Cell =>
  basisPoints === null ? text('—') : percent(basisPoints);

function salesCells(f: Figures, withTax: boolean): Cell[] {
  return [
    count(f.sales.count),
    money(f.sales.amountMinor),
    count(f.refunds.count),
    money(f.refunds.amountMinor),
    money(f.discountsMinor),
    money(f.netSalesMinor),
    ...(withTax ? [money(f.taxMinor)] : []),
    share(f.memberShareBasisPoints),
  ];
}

/**
 * The tax section: each mode and rate, then each mode's tax when the day had both, then the
 * tax of sales less that of refunds. Shown only when the day had tax (showsTax).
 */
function taxTable(report: Report, t: (key: MessageKey) => string): ReportTable {
  const f = report.totals;
  const modeText = (mode: 'inclusive' | 'exclusive') =>
    mode === 'inclusive' ? t('report.row.taxIncluded') : t('report.row.taxAdded');
  const bothModes = f.taxIncludedMinor !== 0 && f.taxAddedMinor !== 0;
  return {
    id: 'tax',
    title: t('report.section.tax'),
    columns: [t('report.col.item'), t('report.col.taxRate'), t('report.col.amount')],
    rows: [
      ...report.taxByRate.map((r) => [
        text(modeText(r.mode)),
        text(taxRateLabel(r.rateBasisPoints)),
        money(r.taxMinor),
      ]),
      ...(bothModes
        ? [
            [text(t('report.row.taxIncluded')), blank, money(f.taxIncludedMinor)],
            [text(t('report.row.taxAdded')), blank, money(f.taxAddedMinor)],
          ]
        : []),
      [text(t('report.row.taxTotal')), blank, money(f.taxMinor)],
    ],
  };
}

function loyaltyColumns(t: (key: MessageKey) => string): string[] {
  return [
    t('figures.pointsIssued'),
    t('figures.pointsRedeemed'),
    t('figures.pointsExpired'),
    t('report.row.couponsIssued'),
    t('figures.couponsRedeemed'),
    t('figures.giftCardsSold'),
    t('figures.giftCardPaid'),
    t('figures.newMembers'),
  ];
}

function loyaltyCells(f: Figures): Cell[] {
  return [
    points(f.points.issued),
    points(f.points.redeemed),
    points(f.points.expired),
    count(f.couponsIssued),
    count(f.coupons.redeemed),
    money(f.giftCardsSoldMinor),
    money(f.giftCardPaidMinor),
    count(f.newMembers),
  ];
}

/** Compensation kinds head office sends (shared/sync/protocol.ts); others show as sent. */
const exceptionKinds = new Set([
  'overdraft',
  'coupon_already_redeemed',
  'member_merged',
  'unknown_member',
]);

const hourText = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** Every section of the report, in reading order. */
export function reportTables(report: Report, locale: Locale): ReportTable[] {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const f = report.totals;
  const item = t('report.col.item');
  const withTax = showsTax(report);
  const tables: ReportTable[] = [];

  if (report.shift) {
    const s = report.shift;
    tables.push({
      id: 'shift',
      title: t('report.section.shift'),
      columns: [item, t('report.col.value')],
      rows: [
        [text(t('report.row.shiftCashier')), text(s.cashierName)],
        [text(t('report.row.shiftOpened')), time(s.openedAt)],
        [text(t('report.row.shiftFloat')), money(s.floatMinor)],
        [text(t('report.row.shiftCash')), money(s.cashNetMinor)],
        [text(t('report.row.shiftCard')), money(s.cardNetMinor)],
        [text(t('report.row.shiftExpected')), money(s.expectedMinor)],
        [
          text(t('report.row.shiftCounted')),
          s.countedMinor === null ? text('—') : money(s.countedMinor),
        ],
      ],
    });
  }

  tables.push({
    id: 'sales',
    title: t('report.section.sales'),
    columns: [item, t('report.col.count'), t('report.col.amount')],
    rows: [
      [text(t('figures.sales')), count(f.sales.count), money(f.sales.amountMinor)],
      [text(t('figures.refunds')), count(f.refunds.count), money(f.refunds.amountMinor)],
      [text(t('report.row.gross')), blank, money(f.grossMinor)],
      [text(t('report.row.discounts')), blank, money(f.discountsMinor)],
      [text(t('figures.netSales')), blank, money(f.netSalesMinor)],
      [text(t('figures.giftCardsSold')), blank, money(f.giftCardsSoldMinor)],
      [text(t('figures.pointsPaid')), blank, money(f.pointsPaidMinor)],
      [text(t('figures.giftCardPaid')), blank, money(f.giftCardPaidMinor)],
      [text(t('report.row.paidMoney')), blank, money(f.moneyPaidMinor)],
      [text(t('report.row.paidCash')), blank, money(report.moneyByTender.cashMinor)],
      [text(t('report.row.paidCard')), blank, money(report.moneyByTender.cardMinor)],
      [text(t('report.row.refundCut')), blank, money(f.refundCutMinor)],
      [text(t('report.row.offline')), count(f.offlineCount), blank],
    ],
  });
  if (withTax) tables.push(taxTable(report, t));

  tables.push({
    id: 'members',
    title: t('report.section.members'),
    columns: [item, t('report.col.count'), t('report.col.amount')],
    rows: [
      [text(t('figures.newMembers')), count(f.newMembers), blank],
      [text(t('figures.memberSales')), count(f.memberSalesCount), blank],
      [text(t('figures.memberNetSales')), blank, money(f.memberNetSalesMinor)],
      [text(t('figures.memberShare')), blank, share(f.memberShareBasisPoints)],
    ],
  });

  tables.push({
    id: 'points',
    title: t('report.section.points'),
    columns: [item, t('report.col.points')],
    rows: [
      [text(t('figures.pointsIssued')), points(f.points.issued)],
      [text(t('figures.pointsClawedBack')), points(f.points.clawedBack)],
      [text(t('figures.pointsRedeemed')), points(f.points.redeemed)],
      [text(t('figures.pointsReturned')), points(f.points.returned)],
      [text(t('figures.pointsExpired')), points(f.points.expired)],
      [text(t('figures.pointsAdjusted')), points(f.points.adjusted)],
    ],
  });

  const l = report.liability;
  tables.push({
    id: 'liability',
    title: t('figures.liability'),
    columns: [item, t('report.col.value')],
    rows: [
      [text(t('figures.liabilityPoints')), points(l.points)],
      [
        text(t('report.row.rate')),
        text(
          t('report.rate', {
            points: l.redemption.points,
            value: decimalOf(l.redemption.valueMinor, report.currency),
          }),
        ),
      ],
      [text(t('figures.liabilityValue')), money(l.valueMinor)],
      [text(t('figures.asOf')), time(l.asOf)],
    ],
  });

  const c = f.coupons;
  const g = f.giftCards;
  tables.push({
    id: 'couponsGiftCards',
    title: t('report.section.couponsGiftCards'),
    columns: [item, t('report.col.count'), t('report.col.amount')],
    rows: [
      [text(t('report.row.couponsIssued')), count(f.couponsIssued), blank],
      [text(t('figures.couponsRedeemed')), count(c.redeemed), blank],
      [text(t('figures.couponsReturned')), count(c.returned), blank],
      [text(t('figures.couponDiscount')), blank, money(c.discountMinor)],
      [text(t('report.row.giftCardsSold')), count(g.sold.count), money(g.sold.amountMinor)],
      [
        text(t('report.row.giftCardsToppedUp')),
        count(g.toppedUp.count),
        money(g.toppedUp.amountMinor),
      ],
      [
        text(t('report.row.giftCardsRedeemed')),
        count(g.redeemed.count),
        money(g.redeemed.amountMinor),
      ],
      [text(t('report.row.giftCardsReturned')), blank, money(g.paymentsReturnedMinor)],
      [text(t('report.row.giftCardsRefunded')), blank, money(g.cardsRefundedMinor)],
      [text(t('report.row.giftCardsExpired')), blank, money(g.expiredMinor)],
    ],
  });

  const cashier = t('report.col.cashier');
  const hour = t('report.col.hour');
  tables.push({
    id: 'cashierSales',
    title: t('report.section.cashierSales'),
    columns: [cashier, ...salesColumns(t, withTax)],
    rows: report.byCashier.map((r) => [text(r.name), ...salesCells(r.figures, withTax)]),
    empty: t('report.nothing'),
  });
  tables.push({
    id: 'cashierLoyalty',
    title: t('report.section.cashierLoyalty'),
    columns: [cashier, ...loyaltyColumns(t)],
    rows: report.byCashier.map((r) => [text(r.name), ...loyaltyCells(r.figures)]),
    empty: t('report.nothing'),
  });
  tables.push({
    id: 'hourSales',
    title: t('report.section.hourSales'),
    columns: [hour, ...salesColumns(t, withTax)],
    rows: report.byHour.map((r) => [text(hourText(r.hour)), ...salesCells(r.figures, withTax)]),
    empty: t('report.nothing'),
  });
  tables.push({
    id: 'hourLoyalty',
    title: t('report.section.hourLoyalty'),
    columns: [hour, ...loyaltyColumns(t)],
    rows: report.byHour.map((r) => [text(hourText(r.hour)), ...loyaltyCells(r.figures)]),
    empty: t('report.nothing'),
  });

  tables.push({
    id: 'offline',
    title: t('report.section.offline'),
    columns: [t('report.col.from'), t('report.col.to'), t('report.col.detail')],
    rows: report.offlinePeriods.map((p) => [
      time(p.from),
      p.to ? time(p.to) : text(t('report.stillOffline')),
      text(p.detail ?? ''),
    ]),
    empty: t('report.noOffline'),
    widths: [0.22, 0.22, 0.56],
  });

  const s = report.sync;
  tables.push({
    id: 'sync',
    title: t('report.section.sync'),
    columns: [item, t('report.col.value')],
    rows: [
      [
        text(t('report.row.syncState')),
        text(
          !s.enrolled
            ? t('report.sync.notEnrolled')
            : s.online
              ? t('report.sync.online')
              : t('report.sync.offline'),
        ),
      ],
      [text(t('report.row.pendingChanges')), count(s.pendingChanges)],
      [text(t('report.row.lastSync')), s.lastSuccessAt ? time(s.lastSuccessAt) : text('—')],
      [text(t('report.row.lastError')), text(s.lastError ?? '—')],
    ],
  });

  tables.push({
    id: 'exceptions',
    title: t('report.section.exceptions'),
    columns: [t('report.col.received'), t('report.col.kind'), t('report.col.detail')],
    rows: [
      ...report.exceptions.map((e) => [
        time(e.receivedAt),
        text(exceptionKinds.has(e.kind) ? t(`report.exception.${e.kind}` as MessageKey) : e.kind),
        text(e.message),
      ]),
      ...(report.moreExceptions > 0
        ? [[blank, blank, text(t('report.moreExceptions', { count: report.moreExceptions }))]]
        : []),
    ],
    empty: t('report.noExceptions'),
    widths: [0.2, 0.22, 0.58],
  });
  return tables;
}

/** The lines above the tables: store, terminal, business day, range, when printed. */
export function reportHeading(report: Report, locale: Locale): { title: string; lines: string[] } {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(locale, key, params);
  const title =
    report.kind === 'x'
      ? t('report.titleX')
      : report.closed
        ? t('report.titleZClosed', { number: report.closed.number })
        : t('report.titleZ');
  const lines = [
    `${report.storeName} · ${report.terminalName}`,
    t('report.head.businessDay', {
      day: report.businessDay,
      boundary: boundaryText(report.boundaryMinutes),
      zone: report.timeZone,
    }),
    t('report.head.range', {
      from: shopClock(report.from, report.timeZone),
      to: shopClock(report.to, report.timeZone),
    }),
    report.closed
      ? t('report.head.closed', {
          at: shopClock(report.closed.closedAt, report.timeZone),
          by: report.closed.closedBy,
        })
      : report.kind === 'z'
        ? t('report.head.open')
        : '',
    report.closed?.early
      ? t('report.head.closedEarly', {
          end: shopClock(report.closed.early.dayEndsAt, report.timeZone),
          count: report.closed.early.afterClose,
        })
      : '',
    report.carriedFrom
      ? t('report.head.carriedFrom', {
          number: report.carriedFrom.number,
          at: shopClock(report.carriedFrom.closedAt, report.timeZone),
        })
      : '',
    t('report.head.currency', { currency: report.currency }),
  ].filter((line) => line !== '');
  return { title, lines };
}
