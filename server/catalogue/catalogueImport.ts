import { createHash } from 'node:crypto';
import {
  MAX_IMPORT_ROWS,
  catalogueImportRequest,
  type CatalogueImportReport,
  type CatalogueImportRowReport,
} from '../../shared/office/catalogueImport';
import type { Currency } from '../../shared/money';
import {
  catalogueImportColumns,
  namesWith,
  readCatalogueRow,
  requiredCatalogueColumns,
  type CatalogueRow,
  type CatalogueRowError,
} from '../../shared/rules/catalogueImport';
import { recordAudit } from '../db/audit';
import type { Database, Queryable } from '../db/database';
import type { ServiceClock } from '../platform/clock';
import { csvRecord, readCsvFile } from '../platform/csvFile';
import { dryRunnable } from '../db/dryRun';
import { guard, succeed, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { parseInput } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import { barcodeHolders, itemsBySkus, type CatalogueItemRecord } from './catalogueReads';
import {
  lockCatalogue,
  sameItem,
  writeCategory,
  writeCheckedItems,
  type CheckedItem,
  type ItemDraft,
} from './catalogueWrites';

const log = createLogger('catalogue-import');

export interface CatalogueImportJob {
  actor: string;
  fileName: string;
  csv: string;
  dryRun: boolean;
  currency: Currency;
}

type RowRead =
  | { line: number; sku: string; error: { reason: CatalogueRowError; column: string } }
  | { line: number; sku: string; row: CatalogueRow };

/**
 * The catalogue from a CSV (issue 16 §2), upserted by SKU. A dry run is the same code in a
 * transaction that is rolled back. A bad row is reported and changes nothing; the others import.
 * A row that would change nothing writes nothing and sends nothing to terminals, so the same file
 * imported again changes nothing. A category the file names that head office does not have is
 * created with its code as its name in every language (rename it on the Catalogue page); a tax
 * class it does not have refuses the row (tax classes are set up on purpose, not by a typo).
 * server/README.md ("Catalogue import") documents the columns.
 */
export function catalogueImportService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  return {
    importCatalogue(actor: string, body: unknown): Promise<Outcome<CatalogueImportReport>> {
      return guard(async () => {
        const request = parseInput(catalogueImportRequest, body, 'catalogue import');
        return succeed(await runCatalogueImport(db, clock, random, { actor, ...request }));
      });
    },
  };
}

export async function runCatalogueImport(
  db: Database,
  clock: ServiceClock,
  random: ServiceRandom,
  job: CatalogueImportJob,
  limits: { maxRows: number } = { maxRows: MAX_IMPORT_ROWS },
): Promise<CatalogueImportReport> {
  const fileSha256 = createHash('sha256').update(job.csv, 'utf8').digest('hex');
  const records = readCsvFile(job.csv, {
    what: 'catalogue',
    known: catalogueImportColumns,
    required: requiredCatalogueColumns,
    maxRows: limits.maxRows,
  });
  // Read before the transaction: its locks are held only while the database works.
  const rowsRead: RowRead[] = records.rows.map(({ line, cells }) => {
    const record = csvRecord(records, cells);
    if (!record) return { line, sku: '', error: { reason: 'columns_mismatch', column: '' } };
    const sku = (record.sku ?? '').trim().slice(0, 40);
    const read = readCatalogueRow(record, job.currency);
    if (!read.ok) return { line, sku, error: { reason: read.reason, column: read.column } };
    return { line, sku: read.row.sku, row: read.row };
  });
  const report = await dryRunnable(db, job.dryRun, (tx) =>
    importRows(tx, clock, random, job, rowsRead, fileSha256),
  );
  if (!job.dryRun) {
    const t = report.totals;
    log.info(
      `catalogue import: ${t.rows} rows, ${t.created} created, ${t.updated} updated, ${t.unchanged} unchanged, ${t.errors} errors, ${t.categoriesCreated} categories created`,
    );
  }
  return report;
}

async function importRows(
  tx: Queryable,
  clock: ServiceClock,
  random: ServiceRandom,
  job: CatalogueImportJob,
  rowsRead: readonly RowRead[],
  fileSha256: string,
): Promise<CatalogueImportReport> {
  await lockCatalogue(tx);
  const now = clock.now();
  const at = new Date(now).toISOString();
  const good = rowsRead.flatMap((r) => ('row' in r ? [r.row] : []));
  const existing = await itemsBySkus(tx, [...new Set(good.map((r) => r.sku))]);
  const { rows: categoryRows } = await tx.query<{ code: string }>(
    'SELECT code FROM catalogue_category',
  );
  const categories = new Set(categoryRows.map((r) => r.code));
  const { rows: taxRows } = await tx.query<{ code: string }>('SELECT code FROM tax_class');
  const taxClasses = new Set(taxRows.map((r) => r.code));

  // First every row on its own: read well, not a SKU the file already had, a known tax class.
  const seenSkus = new Set<string>();
  const reports: (CatalogueImportRowReport | null)[] = [];
  const refusal = (
    r: RowRead,
    reason: CatalogueRowError,
    column: string,
    takenBy: string | null = null,
  ): CatalogueImportRowReport => ({
    row: r.line,
    outcome: 'error',
    sku: r.sku,
    reason,
    column,
    takenBy,
  });
  const candidates: {
    position: number;
    r: RowRead & { row: CatalogueRow };
    current: CatalogueItemRecord | null;
    draft: ItemDraft;
  }[] = [];
  for (const r of rowsRead) {
    if (!('row' in r)) {
      reports.push(refusal(r, r.error.reason, r.error.column));
      continue;
    }
    const { row } = r;
    if (seenSkus.has(row.sku)) {
      reports.push(refusal(r, 'sku_repeated', 'sku'));
      continue;
    }
    seenSkus.add(row.sku);
    const current = existing.get(row.sku) ?? null;
    const draft: ItemDraft = {
      sku: row.sku,
      names: namesWith(row, current?.names ?? null),
      categoryCode:
        row.categoryCode === undefined ? (current?.categoryCode ?? null) : row.categoryCode,
      listPriceMinor: row.listPriceMinor,
      taxClass: row.taxClass === undefined ? (current?.taxClass ?? null) : row.taxClass,
      active: row.active ?? current?.active ?? true,
      barcodes: row.barcodes ?? current?.barcodes ?? [],
    };
    if (draft.taxClass !== null && !taxClasses.has(draft.taxClass)) {
      reports.push(refusal(r, 'tax_class_unknown', 'tax_class'));
      continue;
    }
    candidates.push({ position: reports.length, r, current, draft });
    reports.push(null);
  }

  // Then in file order against who holds each barcode: head office's items, then each earlier
  // row of the file as it takes and lets go of barcodes.
  const holders = await barcodeHolders(tx, [
    ...new Set(candidates.flatMap((c) => c.draft.barcodes)),
  ]);
  const writes: CheckedItem[] = [];
  let categoriesCreated = 0;
  for (const { position, r, current, draft } of candidates) {
    const taken = draft.barcodes
      .map((code) => holders.get(code))
      .find((holder) => holder !== undefined && holder.itemId !== current?.id);
    if (taken) {
      reports[position] = refusal(r, 'barcode_taken', r.row.barcodeColumn ?? 'barcodes', taken.sku);
      continue;
    }
    if (draft.categoryCode !== null && !categories.has(draft.categoryCode)) {
      const code = draft.categoryCode;
      await writeCategory(tx, code, { en: code, 'zh-Hant': code, 'zh-Hans': code }, at);
      categories.add(code);
      categoriesCreated += 1;
    }
    const unchanged = current !== null && sameItem(current, draft);
    if (!unchanged) {
      const itemId = current?.id ?? random.uuidv7(now);
      const held = current?.barcodes ?? [];
      for (const code of held) if (holders.get(code)?.itemId === itemId) holders.delete(code);
      for (const code of draft.barcodes) holders.set(code, { itemId, sku: draft.sku });
      writes.push({ itemId, held, draft });
    }
    reports[position] = {
      row: r.line,
      outcome: unchanged ? 'unchanged' : current ? 'updated' : 'created',
      sku: draft.sku,
      reason: null,
      column: null,
      takenBy: null,
    };
  }
  await writeCheckedItems(tx, writes, at);

  const rows = reports.filter((r) => r !== null);
  const count = (outcome: CatalogueImportRowReport['outcome']) =>
    rows.filter((r) => r.outcome === outcome).length;
  const report: CatalogueImportReport = {
    dryRun: job.dryRun,
    fileSha256,
    totals: {
      rows: rows.length,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      errors: count('error'),
      categoriesCreated,
    },
    rows,
  };
  if (!job.dryRun && report.totals.rows > report.totals.unchanged + report.totals.errors) {
    await recordAudit(tx, {
      at,
      actor: job.actor,
      action: 'catalogue.import',
      subject: null,
      details: { fileName: job.fileName, fileSha256, totals: report.totals },
    });
  }
  return report;
}
