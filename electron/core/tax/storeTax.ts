import type Database from 'better-sqlite3-multiple-ciphers';
import { NO_TAX, type StoreTax, type TaxMode } from '../../../shared/rules/tax';
import { audit } from '../audit/auditLog';
import type { Stamp } from '../context';
import { prepared } from '../db/statements';

/**
 * The store's tax setting (shared/rules/tax.ts), one row in store_tax; no row: no tax. The only
 * writer of store_tax.
 */
export function readStoreTax(db: Database.Database): StoreTax {
  const row = prepared(db, 'SELECT mode, default_rate_bp FROM store_tax WHERE id = 1').get() as
    { mode: TaxMode; default_rate_bp: number } | undefined;
  return row ? { mode: row.mode, defaultRateBasisPoints: row.default_rate_bp } : NO_TAX;
}

/** Writes the setting inside the caller's transaction, audited with the approving manager. */
export function writeStoreTax(
  db: Database.Database,
  stamp: Stamp,
  settings: StoreTax,
  managerId: string,
): void {
  const before = readStoreTax(db);
  if (
    before.mode === settings.mode &&
    before.defaultRateBasisPoints === settings.defaultRateBasisPoints
  ) {
    return;
  }
  prepared(
    db,
    `INSERT INTO store_tax (id, mode, default_rate_bp, updated_at, updated_by)
     VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET mode = excluded.mode,
       default_rate_bp = excluded.default_rate_bp, updated_at = excluded.updated_at,
       updated_by = excluded.updated_by`,
  ).run(settings.mode, settings.defaultRateBasisPoints, stamp.createdAt, managerId);
  audit(db, stamp, {
    action: 'tax.configured',
    subjectType: 'terminal',
    subjectId: stamp.terminalId,
    approvedBy: managerId,
    before,
    after: settings,
    reason: null,
  });
}

/**
 * Each line's rate: a catalogue item's class rate by its SKU, else the store's default (an open
 * item, an item without a class, a SKU the catalogue does not hold). Gift cards are never taxed
 * (priceCheckout gives them 0 whatever is passed).
 */
export function lineRates(
  db: Database.Database,
  tax: StoreTax,
  lines: readonly { sku?: string | null | undefined }[],
): number[] {
  if (tax.mode === 'none') return lines.map(() => 0);
  const bySku = prepared(db, 'SELECT tax_rate_bp FROM catalogue_item WHERE sku = ?');
  return lines.map((line) => {
    if (!line.sku) return tax.defaultRateBasisPoints;
    const row = bySku.get(line.sku) as { tax_rate_bp: number | null } | undefined;
    return row?.tax_rate_bp ?? tax.defaultRateBasisPoints;
  });
}
