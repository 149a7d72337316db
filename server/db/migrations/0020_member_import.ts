import type { Migration } from '../migration';

/**
 * Members brought from the old system (issue 16 §5), written by server/members/memberImport.ts.
 *
 * - member_import: one row per import that was committed (a dry run leaves none): the file's
 *   name and SHA-256, who imported it, when, and what became of its rows.
 * - member_import_row: one row per imported CSV row, keyed by the row's import key (the SHA-256
 *   of its normalised content): the same row imported again is recognised and changes nothing.
 *   It names the member the row created or merged into, and the opening balance's points entry
 *   with the expiry date the file stated for it.
 * - member_import_terminal: per home store, the terminal imported members and opening balances
 *   are recorded against (members and points entries always name a terminal). It is a terminal
 *   row that is revoked from birth: nothing can sign in as it, and its terminal number mints the
 *   card numbers of imported members that had no card.
 * - Consent events an import records carry the import's id as their op_id.
 * - member_email: a row is matched to the member holding its email (as to its phone and card).
 */
export const migration0020: Migration = {
  version: 20,
  name: 'member import',
  up: `
    CREATE TABLE member_import (
      id uuid PRIMARY KEY,
      file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 200),
      file_sha256 text NOT NULL CHECK (file_sha256 ~ '^[0-9a-f]{64}$'),
      imported_by text NOT NULL,
      imported_at timestamptz NOT NULL,
      rows integer NOT NULL CHECK (rows >= 0),
      created integer NOT NULL CHECK (created >= 0),
      merged integer NOT NULL CHECK (merged >= 0),
      unchanged integer NOT NULL CHECK (unchanged >= 0),
      errors integer NOT NULL CHECK (errors >= 0)
    );

    CREATE TABLE member_import_terminal (
      store_id uuid PRIMARY KEY REFERENCES store (id),
      terminal_id uuid NOT NULL UNIQUE REFERENCES terminal (id),
      -- The last card sequence it minted (cards are 2 TTTTT SSSSSS C, shared/card.ts).
      cards_minted integer NOT NULL DEFAULT 0 CHECK (cards_minted BETWEEN 0 AND 999999)
    );

    CREATE TABLE member_import_row (
      import_key text PRIMARY KEY CHECK (import_key ~ '^[0-9a-f]{64}$'),
      import_id uuid NOT NULL REFERENCES member_import (id),
      row_number integer NOT NULL CHECK (row_number >= 2),
      member_id uuid NOT NULL REFERENCES member (id),
      outcome text NOT NULL CHECK (outcome IN ('created', 'merged')),
      points bigint NOT NULL CHECK (points >= 0),
      points_entry_id uuid,
      points_expire_on date,
      CHECK ((points > 0) = (points_entry_id IS NOT NULL)),
      CHECK ((points > 0) = (points_expire_on IS NOT NULL))
    );
    CREATE INDEX member_import_row_import ON member_import_row (import_id);
    CREATE INDEX member_import_row_member ON member_import_row (member_id);

    -- An imported row is a duplicate of the member holding its email too.
    CREATE INDEX member_email ON member (email)
      WHERE email IS NOT NULL AND merged_into IS NULL AND erased_at IS NULL;
  `,
};
