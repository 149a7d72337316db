import type { CatalogueImportReport } from '../../../shared/office/catalogueImport';
import { useOfficeT } from '../i18n/useOfficeT';

/** The most report rows shown at once: the totals count every row. */
const SHOWN_ROWS = 500;

/** What became of each row of a catalogue import (or would, on a dry run), with its reason. */
export function CatalogueImportReportTable({ report }: { report: CatalogueImportReport }) {
  const t = useOfficeT();
  const shown = report.rows.slice(0, SHOWN_ROWS);
  return (
    <div className="import-report">
      <p role="status">
        {t(report.dryRun ? 'office.catalogue.import.dryRunDone' : 'office.catalogue.import.done')}
      </p>
      <ul className="import-totals" aria-label={t('office.import.totals')}>
        <li>{t('office.catalogue.import.created', { count: report.totals.created })}</li>
        <li>{t('office.catalogue.import.updated', { count: report.totals.updated })}</li>
        <li>{t('office.catalogue.import.unchanged', { count: report.totals.unchanged })}</li>
        <li>{t('office.catalogue.import.errors', { count: report.totals.errors })}</li>
        <li>
          {t('office.catalogue.import.categoriesCreated', {
            count: report.totals.categoriesCreated,
          })}
        </li>
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
            <th scope="col">{t('office.catalogue.sku')}</th>
            <th scope="col">{t('office.import.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => (
            <tr key={row.row} className={`import-${row.outcome}`}>
              <td>{row.row}</td>
              <td>{t(`office.catalogue.import.outcome.${row.outcome}`)}</td>
              <td>{row.sku}</td>
              <td>
                {row.reason !== null && t(`office.catalogue.import.reason.${row.reason}`)}
                {row.column !== null && row.column !== '' && ` (${row.column})`}
                {row.takenBy !== null &&
                  `: ${t('office.catalogue.import.takenBy', { sku: row.takenBy })}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
