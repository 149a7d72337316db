import { useMemo } from 'react';
import type { Report } from '../../../../shared/reports/report';
import {
  readableCell,
  reportHeading,
  reportTables,
  type Cell,
} from '../../../../shared/reports/reportTables';
import { useFormat, useLocale } from '../../i18n/useT';
import { HourChart } from './HourChart';

/** Every section of an X or Z report as tables, laid out the same way as the PDF. */
export function ReportView({ report }: { report: Report }) {
  const locale = useLocale();
  const format = useFormat();
  const tables = useMemo(() => reportTables(report, locale), [report, locale]);
  const heading = useMemo(() => reportHeading(report, locale), [report, locale]);
  const show = (cell: Cell): string =>
    readableCell(cell, report.timeZone, {
      count: (value) => format.number(value),
      points: (value) => format.points(value),
      money: (minor) => format.money(minor),
    });
  return (
    <article className="report print-area report-print" aria-labelledby="report-title">
      <header className="report-head">
        <h2 id="report-title">{heading.title}</h2>
        {heading.lines.map((line) => (
          <p key={line}>{line}</p>
        ))}
      </header>
      <HourChart hours={report.byHour} />
      {tables.map((table) => {
        // A column with any figure in it lines up on the right, its text cells too ("Value":
        // a name, a time and amounts), so no cell floats mid-row.
        const numeric = table.columns.map((_, i) =>
          table.rows.some((row) => row[i] && row[i].t !== 'text' && row[i].t !== 'time'),
        );
        return (
          <section key={table.id} className="report-section" aria-labelledby={`report-${table.id}`}>
            <h3 id={`report-${table.id}`}>{table.title}</h3>
            {table.rows.length === 0 ? (
              <p className="empty">{table.empty}</p>
            ) : (
              <table className="report-table" data-table={table.id}>
                <thead>
                  <tr>
                    {table.columns.map((column, i) => (
                      <th key={column} scope="col" className={numeric[i] ? 'num' : undefined}>
                        {column}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {table.rows.map((row, r) => (
                    <tr key={r}>
                      {row.map((cell, c) => (
                        <td key={c} className={numeric[c] ? 'num' : ''}>
                          {show(cell)}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
    </article>
  );
}
