import type { Migration } from '../migration';

/**
 * Who owns each terminal's loyalty program, as head office sees it:
 * - terminal.program_state: what the terminal last said with its config pulls (owner, its own
 *   program version, the head-office version it follows, whether head office's is waiting for
 *   its manager); null until a terminal says. The terminals page shows a terminal's drift from it.
 * - terminal_program.proposed_at / proposal_status: a store manager kept the terminal's own
 *   program and sent it as a proposal for the chain ('open'); an admin adopts it as a new
 *   configuration version ('adopted') or sets it aside ('dismissed').
 */
export const migration0014: Migration = {
  version: 14,
  name: 'program ownership',
  up: `
    ALTER TABLE terminal ADD COLUMN program_state jsonb;
    ALTER TABLE terminal_program ADD COLUMN proposed_at timestamptz;
    ALTER TABLE terminal_program ADD COLUMN proposal_status text
      CHECK (proposal_status IN ('open', 'adopted', 'dismissed'));
    CREATE INDEX terminal_program_open_proposal ON terminal_program (proposed_at)
      WHERE proposal_status = 'open';
  `,
};
