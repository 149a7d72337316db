import { useState, type FormEvent } from 'react';
import type { ConsolidatedReport } from '../../../shared/office/reports';
import { officeUrl, type OfficeError } from '../api/officeApi';
import { useOfficeApi } from '../api/useOfficeApi';
import { ErrorNotice } from '../components/ErrorNotice';
import { useOfficeFormat, useOfficeT } from '../i18n/useOfficeT';
import { ReportTable } from '../reports/ReportTable';
import { shopClock } from '../../../shared/reports/reportTables';

function isoDay(date: Date): string {
  const y = date.getFullYear();
  const m = String(date.getMonth() + 1).padStart(2, '0');
  const d = String(date.getDate()).padStart(2, '0');
  return `${y}-${m}-${d}`;
}

/** Sales and loyalty across stores for a range of business days, with a CSV to take away. */
export function ReportsPage() {
  const t = useOfficeT();
  const format = useOfficeFormat();
  const call = useOfficeApi();
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 6 * 86_400_000)));
  const [to, setTo] = useState(isoDay(today));
  const [report, setReport] = useState<ConsolidatedReport | null>(null);
  const [error, setError] = useState<OfficeError | null>(null);

  async function run(event?: FormEvent) {
    event?.preventDefault();
    const result = await call('reports.consolidated', { query: { from, to } });
    setReport(result.ok ? result.value : null);
    setError(result.ok ? null : result.error);
  }

  return (
    <div className="office-page">
      <section className="card" aria-labelledby="report-title">
        <h1 id="report-title">{t('office.report.title')}</h1>
        <p className="hint">{t('office.report.hint')}</p>
        <form className="inline-form" onSubmit={(event) => void run(event)}>
          <label>
            {t('office.report.from')}
            <input
              type="date"
              value={from}
              onChange={(event) => setFrom(event.target.value)}
              required
            />
          </label>
          <label>
            {t('office.report.to')}
            <input
              type="date"
              value={to}
              onChange={(event) => setTo(event.target.value)}
              required
            />
          </label>
          <button type="submit" className="primary">
            {t('office.report.run')}
          </button>
          {report && (
            <a
              className="button"
              href={officeUrl('reports.consolidated', {
                query: { from: report.from, to: report.to, format: 'csv' },
              })}
              download
            >
              {t('office.report.csv')}
            </a>
          )}
        </form>
        <ErrorNotice error={error} />
      </section>
      {report && (
        <section className="card" aria-label={t('office.report.title')}>
          <ReportTable report={report} />
          <p className="hint" data-testid="liability">
            {t('office.report.liability', {
              points: format.number(report.liability.points),
              value: format.money(report.liability.valueMinor, report.totals[0]?.currency ?? null),
              asOf: shopClock(report.liability.asOf, report.liability.timeZone),
              zone: report.liability.timeZone,
            })}
          </p>
        </section>
      )}
    </div>
  );
}
