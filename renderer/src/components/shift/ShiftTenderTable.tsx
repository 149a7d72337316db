import type { ShiftSummary } from '../../../../shared/staff';
import { useFormat, useT } from '../../i18n/useT';

/** What the shift took by tender: sales in, refunds out. Only cash is in the drawer. */
export function ShiftTenderTable({ summary }: { summary: ShiftSummary }) {
  const t = useT();
  const format = useFormat();
  const rows = [
    { key: 'cash', label: t('shift.tender.cash'), total: summary.byTender.cash },
    { key: 'card', label: t('shift.tender.card'), total: summary.byTender.card },
    { key: 'giftCard', label: t('shift.tender.giftCard'), total: summary.byTender.giftCard },
    { key: 'points', label: t('shift.tender.points'), total: summary.byTender.points },
  ];
  return (
    <table className="shift-tenders">
      <caption className="table-caption">{t('shift.tender.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('shift.tender.tender')}</th>
          <th scope="col" className="num">
            {t('shift.tender.sales')}
          </th>
          <th scope="col" className="num">
            {t('shift.tender.refunds')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="num">{format.money(row.total.salesMinor)}</td>
            <td className="num">{format.money(row.total.refundsMinor)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
