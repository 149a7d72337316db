import type { Locale } from '../locale';
import type { Report } from './report';
import {
  decimalOf,
  percentOf,
  reportHeading,
  reportTables,
  shopClock,
  type Cell,
} from './reportTables';

/**
 * The report as CSV (RFC 4180: CRLF lines, fields with a comma, quote or line break quoted,
 * quotes doubled), with a UTF-8 byte-order mark so Excel opens Chinese text correctly. Amounts
 * are plain decimals from the minor units (12.50, never 12.5000001), so a spreadsheet sums them
 * exactly. Text that a spreadsheet would run as a formula (=, +, -, @) gets a leading quote.
 */
export const CSV_BOM = '\uFEFF';

export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

function cellText(cell: Cell, report: Report): string {
  switch (cell.t) {
    case 'text':
      return /^[=+\-@\t\r]/.test(cell.v) ? `'${cell.v}` : cell.v;
    case 'count':
    case 'points':
      return String(cell.v);
    case 'money':
      return decimalOf(cell.v, report.currency);
    case 'percent':
      return percentOf(cell.v);
    case 'time':
      return cell.v ? shopClock(cell.v, report.timeZone) : '';
    default: {
      const never: never = cell;
      return never;
    }
  }
}

export function reportCsv(report: Report, locale: Locale): string {
  const lines: string[][] = [];
  const heading = reportHeading(report, locale);
  lines.push([heading.title]);
  for (const line of heading.lines) lines.push([line]);
  for (const table of reportTables(report, locale)) {
    lines.push([]);
    lines.push([table.title]);
    lines.push(table.columns);
    for (const row of table.rows) lines.push(row.map((cell) => cellText(cell, report)));
  }
  return CSV_BOM + lines.map((fields) => fields.map(csvField).join(',')).join('\r\n') + '\r\n';
}
