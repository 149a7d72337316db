import Papa from 'papaparse';
import { checkCsvHeader } from '../../shared/rules/csvHeader';
import { HeadOfficeFailure } from './errors';

/** A CSV the office uploaded, read: its columns by name, and each data row's cells. */
export interface CsvRecords {
  /** Column name (lower case) → its index. */
  columns: Map<string, number>;
  /** Each data row's cells, with its line number counting the header as 1. */
  rows: { line: number; cells: string[] }[];
}

export interface CsvShape {
  /** What the file is, in the refusal: `Invalid ${what} import: …` ("member", "catalogue"). */
  what: string;
  known: readonly string[];
  required: readonly string[];
  maxRows: number;
}

/**
 * Reads an uploaded CSV for an import (members, catalogue), refusing one that is not a CSV of
 * that kind with invalid_input: unreadable quoting, a header naming unknown, missing or repeated
 * columns, no rows, or more rows than one import carries. A byte-order mark is dropped, and the
 * separator may be a comma, a semicolon or a tab (spreadsheets save all three).
 */
export function readCsvFile(csv: string, shape: CsvShape): CsvRecords {
  const refuseFile = (message: string): never => {
    throw new HeadOfficeFailure('invalid_input', `Invalid ${shape.what} import: ${message}`);
  };
  const text = csv.startsWith('\uFEFF') ? csv.slice(1) : csv;
  const parsed = Papa.parse<string[]>(text, {
    skipEmptyLines: 'greedy',
    delimitersToGuess: [',', ';', '\t'],
  });
  const broken = parsed.errors.find((e) => e.type === 'Quotes');
  if (broken) {
    refuseFile(
      `the file is not a readable CSV (${broken.message} on line ${(broken.row ?? 0) + 2})`,
    );
  }
  const [header, ...data] = parsed.data;
  if (!header || header.length === 0) return refuseFile('the file is empty');
  const { unknown, missing, duplicated } = checkCsvHeader(header, shape.known, shape.required);
  if (missing.length > 0 || unknown.length > 0 || duplicated.length > 0) {
    const problems = [
      missing.length > 0 ? `missing column(s) ${missing.join(', ')}` : null,
      unknown.length > 0
        ? `unknown column(s) ${unknown
            .slice(0, 5)
            .map((c) => JSON.stringify(c.slice(0, 40)))
            .join(', ')}`
        : null,
      duplicated.length > 0 ? `repeated column(s) ${duplicated.join(', ')}` : null,
    ].filter((p) => p !== null);
    refuseFile(`the header must name ${shape.what} columns: ${problems.join('; ')}`);
  }
  if (data.length === 0) refuseFile('the file has a header but no rows');
  if (data.length > shape.maxRows) {
    refuseFile(`the file has ${data.length} rows; at most ${shape.maxRows} go in one import`);
  }
  return {
    columns: new Map(header.map((name, index) => [name.trim().toLowerCase(), index])),
    rows: data.map((cells, index) => ({ line: index + 2, cells })),
  };
}

/** A row's cells by column name; null when it has more or fewer cells than the header. */
export function csvRecord(
  records: CsvRecords,
  cells: readonly string[],
): Record<string, string> | null {
  if (cells.length !== records.columns.size) return null;
  const record: Record<string, string> = {};
  for (const [name, index] of records.columns) record[name] = cells[index] ?? '';
  return record;
}
