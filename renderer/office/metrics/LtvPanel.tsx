import type { CohortsReport, LtvReport } from '../../../shared/office/metrics';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';

/**
 * Spend per member so far by cohort, next to the model's expected 12-month value, and how far
 * the model was off on the held-back period: the number to look at before trusting it.
 */
export function LtvPanel({
  cohorts,
  ltv,
  monthLabel,
}: {
  cohorts: CohortsReport;
  ltv: LtvReport;
  monthLabel: (month: string) => string;
}) {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const money = (minor: number) => format.money(minor, ltv.currency ?? cohorts.currency);
  const expected = new Map(ltv.cohorts.map((c) => [c.cohort, c]));
  const v = ltv.validation;
  return (
    <div data-testid="ltv-panel">
      {ltv.model ? (
        <p data-testid="ltv-all">
          {t('office.metrics.expectedAll', {
            value: money(ltv.all.expectedValueMinor),
            purchases: ltv.all.expectedPurchases.toFixed(2),
            count: format.number(ltv.all.members),
          })}
        </p>
      ) : (
        <p className="hint">{t('office.metrics.noModel')}</p>
      )}
      {v && (
        <p className="hint" data-testid="ltv-validation">
          {t('office.metrics.validation', {
            days: v.heldBackDays,
            predicted: v.predictedPurchases.toFixed(1),
            actual: format.number(v.actualPurchases),
            error: v.aggregateError === null ? '–' : `${(v.aggregateError * 100).toFixed(1)}%`,
            mae: v.meanAbsoluteError.toFixed(2),
          })}
        </p>
      )}
      <div className="office-scroll">
        <table className="program-table office-table" data-testid="ltv-table">
          <caption>{t('office.metrics.ltvCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('office.metrics.cohort')}</th>
              <th scope="col">{t('office.metrics.members')}</th>
              <th scope="col">{t('office.metrics.spentSoFar')}</th>
              <th scope="col">{t('office.metrics.expected12')}</th>
            </tr>
          </thead>
          <tbody>
            {cohorts.cohorts.map((c) => {
              const e = expected.get(c.cohort);
              return (
                <tr key={c.cohort}>
                  <th scope="row">{monthLabel(c.cohort)}</th>
                  <td>{format.number(c.members)}</td>
                  <td>{money(c.ltvMinor.at(-1) ?? 0)}</td>
                  <td>{e && ltv.model ? money(e.expectedValueMinor) : '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
