import type { MemberImportReport } from '../../../shared/office/memberImport';
import { useOfficeT } from '../i18n/useOfficeT';

/** The most report rows shown at once: the totals count every row. */
const SHOWN_ROWS = 500;

/** What became of each row of an import (or would, on a dry run), with the reason of an error. */
export function MemberImportReportTable({ report }: { report: MemberImportReport }) {
  const t = useOfficeT();
  const shown = report.rows.slice(0, SHOWN_ROWS);
  return (
    <div className="import-report">
      <p role="status">{t(report.dryRun ? 'office.import.dryRunDone' : 'office.import.done')}</p>
      <ul className="import-totals" aria-label={t('office.import.totals')}>
        <li>{t('office.import.created', { count: report.totals.created })}</li>
        <li>{t('office.import.merged', { count: report.totals.merged })}</li>
        <li>{t('office.import.unchanged', { count: report.totals.unchanged })}</li>
        <li>{t('office.import.errors', { count: report.totals.errors })}</li>
      </ul>
      {report.rows.length > SHOWN_ROWS && (
        <p className="hint">{t('office.import.shown', { count: SHOWN_ROWS })}</p>
      )}
      <table>
        <caption>{t('office.import.report')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('office.import.row')}</th>
            <th scope="col">{t('office.import.outcome')}</th>
            <th scope="col">{t('office.import.member')}</th>
            <th scope="col">{t('office.import.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.row} className={`import-${row.outcome}`}>
              <td>{row.row}</td>
              <td>{t(`office.import.outcome.${row.outcome}`)}</td>
              <td>{row.cardNumber ?? ''}</td>
              <td>
                {row.reason !== null && t(`office.import.reason.${row.reason}`)}
                {row.column !== null && ` (${row.column})`}
                {row.mergedIntoRow !== null &&
                  t('office.import.mergedIntoRow', { row: row.mergedIntoRow })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
