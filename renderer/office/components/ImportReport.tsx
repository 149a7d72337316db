import type { ReactNode } from 'react';
import { useOfficeT } from '../i18n/useOfficeT';

/** The most report rows shown at once: the totals count every row. */
const SHOWN_ROWS = 500;

export interface ImportReportRow {
  row: number;
  outcome: string;
  /** Said in the reader's language: "New item", "Merged". */
  outcomeText: string;
  /** What the row became: a SKU, a card number. */
  subject: string;
  detail: ReactNode;
}

/**
 * What became of each row of an import (members, catalogue), or would on a dry run: the totals,
 * then a table of the first rows with the reason of each error.
 */
export function ImportReport(props: {
  status: string;
  totals: readonly string[];
  subjectHeader: string;
  rows: readonly ImportReportRow[];
}) {
  const t = useOfficeT();
  return (
    <div className="import-report">
      <p role="status">{props.status}</p>
      <ul className="import-totals" aria-label={t('office.import.totals')}>
        {props.totals.map((total) => (
          <li key={total}>{total}</li>
        ))}
      </ul>
      {props.rows.length > SHOWN_ROWS && (
        <p className="hint">{t('office.import.shown', { count: SHOWN_ROWS })}</p>
      )}
      <table>
        <caption>{t('office.import.report')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('office.import.row')}</th>
            <th scope="col">{t('office.import.outcome')}</th>
            <th scope="col">{props.subjectHeader}</th>
            <th scope="col">{t('office.import.detail')}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.slice(0, SHOWN_ROWS).map((row) => (
            <tr key={row.row} className={`import-${row.outcome}`}>
              <td>{row.row}</td>
              <td>{row.outcomeText}</td>
              <td>{row.subject}</td>
              <td>{row.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
