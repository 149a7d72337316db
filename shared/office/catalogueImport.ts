import { z } from 'zod';
import { currencies } from '../money';
import { catalogueRowErrors } from '../rules/catalogueImport';
import { requiredText } from '../text';
import { MAX_IMPORT_CSV_CHARS, MAX_IMPORT_ROWS } from './memberImport';

/**
 * The catalogue from a CSV (issue 16 §2). The same request runs as a dry run (everything in a
 * transaction that is rolled back: the report, nothing written) and for real. Rows are upserted
 * by SKU; a row that would change nothing writes nothing and sends nothing to terminals.
 */
export const catalogueImportRequest = z.strictObject({
  fileName: requiredText(200),
  csv: z.string().min(1).max(MAX_IMPORT_CSV_CHARS),
  dryRun: z.boolean(),
  /** The currency the price column is written in (the chain's: its terminals'). */
  currency: z.enum(currencies),
});
export type CatalogueImportRequest = z.input<typeof catalogueImportRequest>;

export { MAX_IMPORT_ROWS };

export const catalogueImportOutcomes = ['created', 'updated', 'unchanged', 'error'] as const;
export type CatalogueImportOutcome = (typeof catalogueImportOutcomes)[number];

export const catalogueImportRowReport = z.strictObject({
  /** The row's line in the file, counting the header as 1. */
  row: z.number().int().min(2),
  outcome: z.enum(catalogueImportOutcomes),
  /** The row's SKU as written (empty when it could not be read). */
  sku: z.string(),
  reason: z.enum(catalogueRowErrors).nullable(),
  /** The column at fault. */
  column: z.string().nullable(),
  /** barcode_taken: the SKU that has the barcode (or the file row that took it first). */
  takenBy: z.string().nullable(),
});
export type CatalogueImportRowReport = z.infer<typeof catalogueImportRowReport>;

export const catalogueImportReport = z.strictObject({
  dryRun: z.boolean(),
  fileSha256: z.string(),
  totals: z.strictObject({
    rows: z.number().int(),
    created: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    errors: z.number().int(),
    /** Categories the file named that head office did not have: created with their code as name. */
    categoriesCreated: z.number().int(),
  }),
  rows: z.array(catalogueImportRowReport),
});
export type CatalogueImportReport = z.infer<typeof catalogueImportReport>;
