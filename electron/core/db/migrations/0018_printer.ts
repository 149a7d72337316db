import type { Migration } from '../migrate';

/**
 * The receipt printer (issue 16 §4): one row, the settings as JSON parsed on every read
 * (printer/printerSettings.ts), who changed them last and when. No row: the OS print dialog.
 */
export const migration0018: Migration = {
  version: 18,
  name: 'receipt printer',
  up: `
    CREATE TABLE printer_setting (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      settings TEXT NOT NULL CHECK (json_valid(settings) AND json_type(settings) = 'object'),
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL REFERENCES staff(id)
    ) STRICT;
  `,
};
