import type { ChurnReport } from '../../../shared/office/metrics';
import type { MessageKey } from '../../../shared/i18n';
import { useOfficeT } from '../i18n/useOfficeT';
import { percentOf } from './monthLabel';

type Rates = ChurnReport['chain'];

/**
 * One rate (churn or repeat) per month: the chain, then each store, then each tier. A cell's
 * title says what it is made of ("3 of 8 members"), so the percent can be checked.
 */
export function RatesTable({
  report,
  figure,
  caption,
  monthLabel,
}: {
  report: ChurnReport;
  figure: 'churn' | 'repeat';
  caption: MessageKey;
  monthLabel: (month: string) => string;
}) {
  const t = useOfficeT();
  const rows: { key: string; name: string; months: Rates }[] = [
    { key: 'chain', name: t('office.metrics.chain'), months: report.chain },
    ...report.stores.map((s) => ({ key: `s:${s.storeId}`, name: s.storeName, months: s.months })),
    ...report.tiers.map((x) => ({
      key: `t:${x.tierId}`,
      name: t('office.metrics.tier', { tier: x.tierName }),
      months: x.months,
    })),
  ];
  return (
    <div className="office-scroll">
      <table className="program-table office-table" data-testid={`${figure}-table`}>
        <caption>{t(caption)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('office.metrics.scope')}</th>
            {report.months.map((m) => (
              <th scope="col" key={m}>
                {monthLabel(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.name}</th>
              {row.months.map((m) => {
                const r = m[figure];
                return (
                  <td
                    key={m.month}
                    title={t('office.metrics.ofMembers', {
                      part: r.numerator,
                      count: r.denominator,
                    })}
                  >
                    {percentOf(r.basisPoints)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
