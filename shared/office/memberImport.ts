import { z } from 'zod';
import { id } from '../api/fields';
import { admin, roleGroups, route } from '../contract/route';
import { phoneCountries } from '../phone';
import { importRowErrors } from '../rules/memberImport';
import { requiredText } from '../text';

/** The largest CSV one upload carries (the body limit is 5 MB; larger files are split). */
export const MAX_IMPORT_CSV_CHARS = 4_500_000;
/** The most rows one upload carries. */
export const MAX_IMPORT_ROWS = 50_000;

/**
 * Members from the old system (issue 16 §5). The same request runs as a dry run (everything in
 * a transaction that is rolled back: the report, nothing written) and for real.
 */
export const memberImportRequest = z.strictObject({
  fileName: requiredText(200),
  csv: z.string().min(1).max(MAX_IMPORT_CSV_CHARS),
  dryRun: z.boolean(),
  /** A row's phone is read as a number of this country when its country column is empty. */
  defaultCountry: z.enum(phoneCountries),
  /** The home store of a row whose home_store column is empty. */
  defaultStoreId: id.nullable(),
});
export type MemberImportRequest = z.input<typeof memberImportRequest>;

export const importOutcomes = ['created', 'merged', 'unchanged', 'error'] as const;
export type ImportOutcome = (typeof importOutcomes)[number];

export const importRowReport = z.strictObject({
  /** The row's line in the file, counting the header as 1. */
  row: z.number().int().min(2),
  outcome: z.enum(importOutcomes),
  /** The member the row created, merged into or was already imported as (null on an error). */
  memberId: z.string().nullable(),
  cardNumber: z.string().nullable(),
  /** For a merge into a member an earlier row of this file created: that row. */
  mergedIntoRow: z.number().int().nullable(),
  reason: z.enum(importRowErrors).nullable(),
  /** The column at fault. */
  column: z.string().nullable(),
});
export type ImportRowReport = z.infer<typeof importRowReport>;

export const memberImportReport = z.strictObject({
  dryRun: z.boolean(),
  /** Null for a dry run. */
  importId: z.string().nullable(),
  fileSha256: z.string(),
  totals: z.strictObject({
    rows: z.number().int(),
    created: z.number().int(),
    merged: z.number().int(),
    unchanged: z.number().int(),
    errors: z.number().int(),
  }),
  rows: z.array(importRowReport),
});
export type MemberImportReport = z.infer<typeof memberImportReport>;

export const memberImportRoutes = {
  'members.import': route({
    method: 'POST',
    path: '/admin/members/import',
    summary:
      'Imports members from a CSV of the old system, or dry-runs it: a per-row report (created, merged, unchanged, error)',
    auth: admin(roleGroups.adminOnly),
    request: { body: memberImportRequest },
    responses: { 200: memberImportReport },
  }),
};
