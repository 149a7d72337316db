import type { MessageKey } from '../../../shared/i18n';
import type { ConsolidatedReport, ReportFigures } from '../../../shared/office/reports';
import { useOfficeFormat, useOfficeT, type OfficeFormat } from '../i18n/useOfficeT';

type Column = {
  label: MessageKey;
  show: (row: ReportFigures, currency: string | null, format: OfficeFormat) => string;
};

const columns: Column[] = [
  { label: 'office.report.sales', show: (r, _c, f) => f.number(r.salesCount) },
  { label: 'office.report.salesAmount', show: (r, c, f) => f.money(r.salesMinor, c) },
  { label: 'office.report.refunds', show: (r, _c, f) => f.number(r.refundsCount) },
  { label: 'office.report.refundsAmount', show: (r, c, f) => f.money(r.refundsMinor, c) },
  { label: 'office.report.discounts', show: (r, c, f) => f.money(r.couponDiscountsMinor, c) },
  { label: 'office.report.pointsPaid', show: (r, c, f) => f.money(r.pointsPaidMinor, c) },
  { label: 'office.report.pointsIssued', show: (r, _c, f) => f.number(r.pointsIssued) },
  { label: 'office.report.pointsRedeemed', show: (r, _c, f) => f.number(r.pointsRedeemed) },
  { label: 'office.report.pointsExpired', show: (r, _c, f) => f.number(r.pointsExpired) },
  { label: 'office.report.pointsAdjusted', show: (r, _c, f) => f.number(r.pointsAdjusted) },
  { label: 'office.report.newMembers', show: (r, _c, f) => f.number(r.newMembers) },
  {
    label: 'office.report.memberShare',
    show: (r, _c, f) => f.basisPoints(r.memberShareBasisPoints),
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
                  {column.show(store, store.currency, format)}
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
                  {column.show(total, total.currency, format)}
                </td>
              ))}
            </tr>
          ))}
        </tfoot>
      </table>
    </div>
  );
}
