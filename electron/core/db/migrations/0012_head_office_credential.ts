import type { Migration } from '../migrate';

/**
 * The head-office credential (the bearer token this terminal got at enrollment) moves inside the
 * encrypted ledger. It was a file beside the ledger (0600, or a safeStorage blob in Electron);
 * the core moves it in at start and removes the old copy (sync/credentials.ts). One row at most.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'head-office credential',
  up: `
    CREATE TABLE head_office_credential (
      id INTEGER PRIMARY KEY CHECK (id = 1),
      credential TEXT NOT NULL CHECK (length(credential) > 0),
      saved_at TEXT NOT NULL
    ) STRICT;
  `,
};
