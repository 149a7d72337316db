import './charts.css';
import { useId, useState, type ReactNode } from 'react';

/** One row of a chart's data table: a label and its values, already formatted. */
export interface ChartTableRow {
  key: string;
  cells: string[];
}

export interface ChartFrameProps {
  title: string;
  /** What the picture says in one sentence, for screen readers (role="img"). */
  summary: string;
  /** Column headings of the data table. */
  columns: string[];
  rows: ChartTableRow[];
  /** Words for the toggle, in the caller's language (charts know no catalog). */
  showTable: string;
  hideTable: string;
  children: ReactNode;
  /** Shown after the picture, outside role="img": controls such as drill-down buttons. */
  legend?: ReactNode;
}

/**
 * A chart with its title, an accessible name for the picture, and a toggle that shows the same
 * figures as a table: a screen reader, a printout or a manager checking a number all get them.
 */
export function ChartFrame(props: ChartFrameProps) {
  const [tableShown, setTableShown] = useState(false);
  const titleId = useId();
  const tableId = useId();
  return (
    <figure className="chart" aria-labelledby={titleId}>
      <figcaption id={titleId} className="chart-title">
        {props.title}
      </figcaption>
      <div role="img" aria-label={props.summary} className="chart-picture">
        {props.children}
      </div>
      {props.legend}
      <button
        type="button"
        className="link chart-table-toggle"
        aria-expanded={tableShown}
        aria-controls={tableId}
        onClick={() => setTableShown((shown) => !shown)}
      >
        {tableShown ? props.hideTable : props.showTable}
      </button>
      <div id={tableId} hidden={!tableShown}>
        <table className="chart-table">
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, index) =>
                  index === 0 ? (
                    <th key={index} scope="row">
                      {cell}
                    </th>
                  ) : (
                    <td key={index} className="num">
                      {cell}
                    </td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
