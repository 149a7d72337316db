import type { Migration } from '../migrate';

/**
 * Staff, sign-in and shifts: staff can be deactivated (never deleted: sales and the audit log
 * point at them); who is signed in is a session row; wrong PINs are counted for a lockout; a
 * shift holds the cash float and the close, and each sale or refund notes the shift it was rung
 * up in and the money tender (cash or card). A store policy row holds the refund limit above which
 * a cashier needs a manager. The audit log gets indexes for the manager's search.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'staff, sign-in and shifts',
  up: `
    ALTER TABLE staff ADD COLUMN deactivated_at TEXT;
    ALTER TABLE staff ADD COLUMN deactivated_by TEXT REFERENCES staff(id);
    ALTER TABLE staff ADD COLUMN pin_changed_at TEXT;

    -- One row per sign-in. At most one is open (ended_at IS NULL): that person is at the till.
    CREATE TABLE staff_session (
      id TEXT PRIMARY KEY,
      staff_id TEXT NOT NULL REFERENCES staff(id),
      terminal_id TEXT NOT NULL,
      signed_in_at TEXT NOT NULL,
      ended_at TEXT,
      end_reason TEXT CHECK (end_reason IN ('signed_out', 'switched', 'deactivated')),
      CHECK ((ended_at IS NULL) = (end_reason IS NULL))
    ) STRICT;
    CREATE UNIQUE INDEX staff_session_one_open ON staff_session(ifnull(ended_at, 'open'))
      WHERE ended_at IS NULL;
    CREATE TRIGGER staff_session_close_once BEFORE UPDATE ON staff_session
    WHEN OLD.ended_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.staff_id IS NOT OLD.staff_id
      OR NEW.signed_in_at IS NOT OLD.signed_in_at
    BEGIN SELECT RAISE(ABORT, 'a session may only be ended, once'); END;
    CREATE TRIGGER staff_session_no_delete BEFORE DELETE ON staff_session
    BEGIN SELECT RAISE(ABORT, 'sessions are never deleted'); END;

    -- Consecutive wrong PINs at this terminal, and until when PIN entry is locked.
    CREATE TABLE pin_guard (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      failures INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
      locked_until TEXT
    ) STRICT;
    INSERT INTO pin_guard (id) VALUES (1);

    -- The shop's own rules for this terminal. Amounts in the terminal's currency, minor units.
    CREATE TABLE store_policy (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      refund_limit_minor INTEGER NOT NULL DEFAULT 50000 CHECK (refund_limit_minor >= 0),
      updated_at TEXT,
      updated_by TEXT REFERENCES staff(id)
    ) STRICT;
    INSERT INTO store_policy (id) VALUES (1);

    CREATE TABLE shift (
      shift_no INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      store_id TEXT NOT NULL,
      terminal_id TEXT NOT NULL,
      currency TEXT NOT NULL,
      opened_by TEXT NOT NULL REFERENCES staff(id),
      opened_at TEXT NOT NULL,
      float_minor INTEGER NOT NULL CHECK (float_minor >= 0),
      closed_by TEXT REFERENCES staff(id),
      approved_by TEXT REFERENCES staff(id),
      closed_at TEXT,
      counted_minor INTEGER CHECK (counted_minor >= 0),
      expected_minor INTEGER,
      difference_minor INTEGER,
      note TEXT,
      hlc TEXT NOT NULL,
      CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
      CHECK ((closed_at IS NULL) = (counted_minor IS NULL)),
      CHECK ((closed_at IS NULL) = (expected_minor IS NULL)),
      CHECK (closed_at IS NULL OR difference_minor = counted_minor - expected_minor),
      CHECK (closed_at IS NULL OR difference_minor = 0 OR coalesce(length(trim(note)), 0) > 0)
    ) STRICT;
    CREATE UNIQUE INDEX shift_one_open ON shift(terminal_id) WHERE closed_at IS NULL;
    CREATE INDEX shift_opened ON shift(opened_at);
    CREATE TRIGGER shift_close_once BEFORE UPDATE ON shift
    WHEN OLD.closed_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.opened_at IS NOT OLD.opened_at
      OR NEW.opened_by IS NOT OLD.opened_by OR NEW.float_minor IS NOT OLD.float_minor
      OR NEW.terminal_id IS NOT OLD.terminal_id
    BEGIN SELECT RAISE(ABORT, 'a shift may only be closed, once'); END;
    CREATE TRIGGER shift_no_delete BEFORE DELETE ON shift
    BEGIN SELECT RAISE(ABORT, 'shifts are never deleted'); END;

    -- Which shift a sale or refund was rung up in, and the tender its money went through.
    CREATE TABLE shift_sale (
      sale_id TEXT PRIMARY KEY REFERENCES sale(id),
      shift_id TEXT NOT NULL REFERENCES shift(id),
      tender TEXT NOT NULL CHECK (tender IN ('cash', 'card'))
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX shift_sale_shift ON shift_sale(shift_id);
    CREATE TRIGGER shift_sale_append_only_u BEFORE UPDATE ON shift_sale
    BEGIN SELECT RAISE(ABORT, 'shift sales are append-only'); END;
    CREATE TRIGGER shift_sale_append_only_d BEFORE DELETE ON shift_sale
    BEGIN SELECT RAISE(ABORT, 'shift sales are append-only'); END;

    -- The manager's audit search: newest first, narrowed by time, person, action or subject.
    CREATE INDEX audit_time ON audit_log(created_at, audit_no);
    CREATE INDEX audit_staff ON audit_log(staff_id, audit_no);
    CREATE INDEX audit_approver ON audit_log(approved_by, audit_no) WHERE approved_by IS NOT NULL;
    CREATE INDEX audit_action ON audit_log(action, audit_no);
    CREATE INDEX audit_subject_id ON audit_log(subject_id, audit_no);
  `,
};
