import type { Migration } from '../migrate';

/**
 * End-of-day reporting: the store's business-day boundary (a manager setting), the terminal's
 * online/offline changes as the sync worker saw them, closed Z reports kept as numbered
 * snapshots (so a reprint shows the same figures), and the indexes that let a report read one
 * day of the ledger by time range instead of scanning years of it.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'reports',
  up: `
    CREATE TABLE business_day_setting (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      -- Minutes after local midnight at which the business day starts (240 = 04:00).
      boundary_minutes INTEGER NOT NULL CHECK (boundary_minutes BETWEEN 0 AND 1439),
      updated_at TEXT,
      updated_by TEXT REFERENCES staff(id)
    ) STRICT;
    INSERT INTO business_day_setting (id, boundary_minutes) VALUES (1, 0);

    -- Written by the sync worker when head office starts or stops answering; never by a sale.
    CREATE TABLE connectivity_change (
      change_no INTEGER PRIMARY KEY,
      online INTEGER NOT NULL CHECK (online IN (0, 1)),
      at TEXT NOT NULL,
      detail TEXT
    ) STRICT;
    CREATE INDEX connectivity_change_at ON connectivity_change(at);

    CREATE TABLE z_report (
      report_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      -- One Z per business day: closing twice is refused by this constraint too.
      business_day TEXT NOT NULL UNIQUE,
      start_at TEXT NOT NULL,
      end_at TEXT NOT NULL,
      boundary_minutes INTEGER NOT NULL,
      time_zone TEXT NOT NULL,
      body TEXT NOT NULL CHECK (json_valid(body)),
      terminal_id TEXT NOT NULL,
      closed_by TEXT NOT NULL REFERENCES staff(id),
      closed_at TEXT NOT NULL,
      hlc TEXT NOT NULL
    ) STRICT;

    CREATE TRIGGER connectivity_change_append_only_u BEFORE UPDATE ON connectivity_change
    BEGIN SELECT RAISE(ABORT, 'connectivity changes are append-only'); END;
    CREATE TRIGGER connectivity_change_append_only_d BEFORE DELETE ON connectivity_change
    BEGIN SELECT RAISE(ABORT, 'connectivity changes are append-only'); END;
    CREATE TRIGGER z_report_append_only_u BEFORE UPDATE ON z_report
    BEGIN SELECT RAISE(ABORT, 'closed Z reports are append-only'); END;
    CREATE TRIGGER z_report_append_only_d BEFORE DELETE ON z_report
    BEGIN SELECT RAISE(ABORT, 'closed Z reports are append-only'); END;

    -- A day of the ledger by time. Sales of one day sit next to each other in rowid order, so
    -- the report reads them through this index with cheap, local row look-ups.
    CREATE INDEX sale_created ON sale(created_at);
    CREATE INDEX points_entry_created ON points_entry(created_at);
    CREATE INDEX stored_value_created ON stored_value_entry(created_at);
    CREATE INDEX coupon_use_created ON coupon_use(created_at);
    CREATE INDEX coupon_created ON coupon(created_at);
    CREATE INDEX member_enrolled ON member(enrolled_at);
    -- Points still inside the return window, which the points liability leaves out.
    CREATE INDEX points_entry_pending ON points_entry(available_at) WHERE available_at IS NOT NULL;
  `,
};
