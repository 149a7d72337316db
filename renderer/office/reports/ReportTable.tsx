import type { MessageKey } from '../../../shared/i18n';
import type { ConsolidatedReport, ReportFigures } from '../../../shared/office/reports';
import { useOfficeFormat, useOfficeT, type OfficeFormat } from '../i18n/useOfficeT';

type Column = {
  label: MessageKey;
  show: (row: ReportFigures, currency: string | null, format: OfficeFormat) => string;
};

/** The common figures (shared/figures), under the labels the till's reports give them. */
const columns: Column[] = [
  { label: 'figures.sales', show: (r, _c, f) => f.number(r.sales.count) },
  { label: 'report.col.salesAmount', show: (r, c, f) => f.money(r.sales.amountMinor, c) },
  { label: 'figures.refunds', show: (r, _c, f) => f.number(r.refunds.count) },
  { label: 'report.col.refundsAmount', show: (r, c, f) => f.money(r.refunds.amountMinor, c) },
  { label: 'figures.netSales', show: (r, c, f) => f.money(r.netSalesMinor, c) },
  { label: 'figures.giftCardsSold', show: (r, c, f) => f.money(r.giftCardsSoldMinor, c) },
  { label: 'figures.couponDiscount', show: (r, c, f) => f.money(r.coupons.discountMinor, c) },
  { label: 'figures.pointsPaid', show: (r, c, f) => f.money(r.pointsPaidMinor, c) },
  { label: 'figures.giftCardPaid', show: (r, c, f) => f.money(r.giftCardPaidMinor, c) },
  { label: 'figures.pointsIssued', show: (r, _c, f) => f.number(r.points.issued) },
  { label: 'figures.pointsClawedBack', show: (r, _c, f) => f.number(r.points.clawedBack) },
  { label: 'figures.pointsRedeemed', show: (r, _c, f) => f.number(r.points.redeemed) },
  { label: 'figures.pointsReturned', show: (r, _c, f) => f.number(r.points.returned) },
  { label: 'figures.pointsExpired', show: (r, _c, f) => f.number(r.points.expired) },
  { label: 'figures.pointsAdjusted', show: (r, _c, f) => f.number(r.points.adjusted) },
  { label: 'figures.newMembers', show: (r, _c, f) => f.number(r.newMembers) },
  { label: 'figures.memberSales', show: (r, _c, f) => f.number(r.memberSalesCount) },
  { label: 'figures.memberNetSales', show: (r, c, f) => f.money(r.memberNetSalesMinor, c) },
  {
    label: 'figures.memberShare',
    show: (r, _c, f) =>
      r.memberShareBasisPoints === null ? '—' : f.basisPoints(r.memberShareBasisPoints),
  },
];

/** One row per store in its own currency and business day, then a total per currency. */
export function ReportTable({ report }: { report: ConsolidatedReport }) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  return (
    <div className="office-scroll">
      <table className="program-table office-table" aria-label={t('office.report.title')}>
        <thead>
          <tr>
            <th>{t('office.report.store')}</th>
            <th>{t('office.report.timeZone')}</th>
            {columns.map((column) => (
              <th key={column.label} className="num">
                {t(column.label)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.stores.map((store) => (
            <tr key={store.storeId}>
              <th scope="row">{store.storeName}</th>
              <td>
                {store.timeZone}
                {!store.timeZoneKnown && (
                  <span className="hint"> ({t('office.report.utcFallback')})</span>
                )}
              </td>
              {columns.map((column) => (
                <td key={column.label} className="num">
                  {column.show(store.figures, store.currency, format)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          {report.totals.map((total) => (
            <tr key={total.currency ?? 'none'} data-testid="report-total">
              <th scope="row">{t('office.report.total', { currency: total.currency ?? '—' })}</th>
              <td>{t('office.report.stores', { count: format.number(total.stores) })}</td>
              {columns.map((column) => (
                <td key={column.label} className="num">
                  {column.show(total.figures, total.currency, format)}
                </td>
              ))}
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}
