import type { z } from 'zod';
import { programSchema } from '../../shared/program';
import type { programUpdated, terminalConfigured } from '../../shared/sync/operations';
import { recordAudit } from '../db/audit';
import { createLogger } from '../platform/logger';
import type { AppliedOperation } from './appliedOperation';
import { recordTerminalProgramVersion } from './programHistory';

/**
 * What a terminal tells head office about itself: how it is set up (the terminal list and the
 * report's business days read it, admin/) and a program its manager changed locally (audited,
 * never adopted: admin/programConfig.ts holds the chain's program).
 */

// Logged under the names operators already filter on for terminals and the configuration.
const terminalsLog = createLogger('terminals');
const configLog = createLogger('config');

/**
 * A terminal told head office how it is set up (store, name, number, currency, time zone). A
 * terminal set up before it enrolled reports the number it drew for itself; enrollment replaced
 * it, so a difference is expected and only noted. What matters, a card number minted under the
 * old number colliding with another member's, is checked when members arrive (members.ts).
 */
export async function recordTerminalConfigured(
  applied: AppliedOperation,
  payload: z.output<typeof terminalConfigured>,
): Promise<void> {
  await applied.tx.query(
    'UPDATE terminal SET configured = $2::jsonb, configured_at = $3 WHERE id = $1',
    [applied.terminal.id, JSON.stringify(payload), applied.at],
  );
  if (payload.terminalNumber !== applied.terminal.number) {
    terminalsLog.info(
      `terminal ${applied.terminal.id} was set up as number ${payload.terminalNumber}; head office assigned ${applied.terminal.number}`,
    );
  }
}

/**
 * A store manager changed the program on a terminal. Head office records it (the operation in
 * sync_op, and this audit entry with the whole program) but does not adopt it: the chain's
 * program is head office's configuration, which replaces the terminal's own at the next version
 * the terminal pulls.
 */
export async function recordTerminalProgram(
  applied: AppliedOperation,
  payload: z.output<typeof programUpdated>,
): Promise<void> {
  const valid = programSchema.safeParse(payload.program).success;
  await recordTerminalProgramVersion(
    applied.tx,
    applied.terminal.id,
    payload.version,
    payload.program,
    applied.at,
  );
  if (payload.proposed === true && valid) {
    await applied.tx.query(
      `UPDATE terminal_program SET proposed_at = $3, proposal_status = 'open'
       WHERE terminal_id = $1 AND version = $2 AND proposal_status IS NULL`,
      [applied.terminal.id, payload.version, applied.at],
    );
  }
  await recordAudit(applied.tx, {
    at: applied.at,
    actor: `terminal:${applied.terminal.id}`,
    action: 'program.updated_at_terminal',
    subject: applied.terminal.storeId,
    details: {
      adopted: false,
      valid,
      owner: payload.owner ?? null,
      proposed: payload.proposed === true,
      terminalVersion: payload.version,
      terminalId: applied.terminal.id,
      terminalNumber: applied.terminal.number,
      storeId: applied.terminal.storeId,
      storeName: applied.terminal.storeName,
      staffId: applied.op.staffId,
      opId: applied.op.opId,
      changedAt: applied.op.createdAt,
      program: payload.program ?? null,
    },
  });
  configLog.info(
    `terminal ${applied.terminal.number} (${applied.terminal.storeName}) changed its program locally to version ${payload.version}; recorded, not adopted`,
  );
}
