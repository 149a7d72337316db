import type Database from 'better-sqlite3-multiple-ciphers';
import { printerSettingsInput } from '../../../shared/api/printer';
import {
  DEFAULT_PRINTER_PORT,
  type PrinterCharset,
  type PrinterSettings,
} from '../../../shared/printer';
import type { Locale } from '../../../shared/locale';
import { audit } from '../audit/auditLog';
import type { Stamp } from '../context';
import { prepared } from '../db/statements';

/** Simplified-Chinese shops have GB18030 printers; Hong Kong and Taiwan have Big5 ones. */
export function charsetFor(locale: Locale): PrinterCharset {
  return locale === 'zh-Hans' ? 'gb18030' : 'big5';
}

/** No printer set up: receipts go through the OS print dialog, as before. */
export function defaultPrinterSettings(locale: Locale): PrinterSettings {
  return {
    transport: 'dialog',
    host: null,
    port: DEFAULT_PRINTER_PORT,
    queue: null,
    paperWidth: 80,
    charset: charsetFor(locale),
    drawer: true,
    logo: null,
  };
}

/** The stored settings, parsed like any input; a row that does not parse reads as the default. */
export function readPrinterSettings(db: Database.Database, locale: Locale): PrinterSettings {
  const row = prepared(db, 'SELECT settings FROM printer_setting WHERE id = 1').get() as
    { settings: string } | undefined;
  if (!row) return defaultPrinterSettings(locale);
  const parsed = printerSettingsInput.safeParse(JSON.parse(row.settings));
  return parsed.success ? parsed.data : defaultPrinterSettings(locale);
}

/** What the audit log keeps of the settings: the logo by its size, not its dots. */
function audited(settings: PrinterSettings) {
  const { logo, ...rest } = settings;
  return { ...rest, logo: logo ? `${logo.width}×${logo.height}` : null };
}

/** Writes the settings inside the caller's transaction, audited with the approving manager. */
export function writePrinterSettings(
  db: Database.Database,
  stamp: Stamp,
  locale: Locale,
  settings: PrinterSettings,
  managerId: string,
): void {
  const before = readPrinterSettings(db, locale);
  prepared(
    db,
    `INSERT INTO printer_setting (id, settings, updated_at, updated_by) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET settings = excluded.settings,
       updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
  ).run(JSON.stringify(settings), stamp.createdAt, managerId);
  audit(db, stamp, {
    action: 'printer.configured',
    subjectType: 'terminal',
    subjectId: stamp.terminalId,
    approvedBy: managerId,
    before: audited(before),
    after: audited(settings),
    reason: null,
  });
}
