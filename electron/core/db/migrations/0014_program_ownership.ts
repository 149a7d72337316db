import type { Migration } from '../migrate';

/**
 * Who owns the loyalty program once the terminal joins head office (sync_state):
 * - program_owner: 'terminal' until the manager adopts head office's program, then
 *   'head_office'. A terminal enrolled before this migration has been taking head office's
 *   program on every pull, so it starts as 'head_office'.
 * - store_overrides: head office lets this store's manager change a program it manages.
 * - offered_config: head office's configuration (JSON) waiting for the manager's decision while
 *   the terminal keeps pricing with its own program; offered_version is its version.
 * - proposed_version: the terminal's program version sent to head office as a proposal.
 * - head_office_store_name: the store's name at head office. Enrolling no longer renames the
 *   shop on receipts (terminal.store_name); the settings screen shows both.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'program ownership',
  up: `
    ALTER TABLE sync_state ADD COLUMN program_owner TEXT NOT NULL DEFAULT 'terminal'
      CHECK (program_owner IN ('terminal', 'head_office'));
    ALTER TABLE sync_state ADD COLUMN store_overrides INTEGER NOT NULL DEFAULT 0
      CHECK (store_overrides IN (0, 1));
    ALTER TABLE sync_state ADD COLUMN offered_config TEXT;
    ALTER TABLE sync_state ADD COLUMN offered_version INTEGER;
    ALTER TABLE sync_state ADD COLUMN proposed_version INTEGER;
    ALTER TABLE sync_state ADD COLUMN head_office_store_name TEXT;
    UPDATE sync_state SET program_owner = 'head_office' WHERE enrolled_at IS NOT NULL;
  `,
};
