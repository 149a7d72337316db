import { programSchema } from '../../shared/program';
import { programProposalParams, type ProgramProposalView } from '../../shared/office/proposals';
import type { PulledConfig, ProgramConfig } from '../../shared/sync/protocol';
import { recordAudit } from '../db/audit';
import type { Database } from '../db/database';
import { isoAt, isoRequired, type ServiceClock } from '../platform/clock';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput } from '../platform/parse';
import { writeConfig } from './programConfig';

interface ProposalRow {
  terminal_id: string;
  terminal_name: string;
  terminal_number: number;
  store_name: string;
  version: number;
  proposed_at: Date;
  program: unknown;
}

/**
 * Programs store managers kept and sent as proposals: an admin adopts one as the chain's next
 * configuration version (every terminal then pulls it, and the proposing terminal, finding its
 * own program, follows head office from then on) or sets it aside.
 */
export function programProposalsService(db: Database, clock: ServiceClock) {
  async function openProposal(
    tx: Pick<Database, 'query'>,
    params: unknown,
  ): Promise<{ terminalId: string; version: number; program: ProgramConfig['program'] }> {
    const { terminalId, version } = parseInput(programProposalParams, params, 'proposal');
    const { rows } = await tx.query<{ program: unknown }>(
      `SELECT program FROM terminal_program
       WHERE terminal_id = $1 AND version = $2 AND proposal_status = 'open' FOR UPDATE`,
      [terminalId, version],
    );
    const program = programSchema.safeParse(rows[0]?.program);
    if (!rows[0] || !program.success) {
      throw new HeadOfficeFailure(
        'not_found',
        'No open proposal for that terminal and version: it was adopted, set aside, or never sent.',
      );
    }
    return { terminalId, version, program: program.data };
  }

  return {
    async list(): Promise<Outcome<{ proposals: ProgramProposalView[] }>> {
      const { rows } = await db.query<ProposalRow>(
        `SELECT p.terminal_id, t.name AS terminal_name, t.number AS terminal_number,
           s.name AS store_name, p.version, p.proposed_at, p.program
         FROM terminal_program p JOIN terminal t ON t.id = p.terminal_id
           JOIN store s ON s.id = t.store_id
         WHERE p.proposal_status = 'open' ORDER BY p.proposed_at`,
      );
      return succeed({
        proposals: rows.flatMap((row) => {
          const program = programSchema.safeParse(row.program);
          if (!program.success) return [];
          return [
            {
              terminalId: row.terminal_id,
              terminalName: row.terminal_name,
              terminalNumber: row.terminal_number,
              storeName: row.store_name,
              version: row.version,
              proposedAt: isoRequired(row.proposed_at),
              program: program.data,
            },
          ];
        }),
      });
    },

    /** The proposal's program becomes the chain's, with today's offline policy and overrides. */
    adopt(actor: string, params: unknown): Promise<Outcome<PulledConfig>> {
      return guard(async () => {
        const at = isoAt(clock);
        const config = await db.transaction(async (tx) => {
          const proposal = await openProposal(tx, params);
          const { rows } = await tx.query<{ data: ProgramConfig }>(
            'SELECT data FROM program_config WHERE id = 1 FOR UPDATE',
          );
          const current = rows[0]?.data;
          if (!current) throw new Error('program configuration missing');
          await tx.query(
            `UPDATE terminal_program SET proposal_status = 'adopted'
             WHERE terminal_id = $1 AND version = $2`,
            [proposal.terminalId, proposal.version],
          );
          return writeConfig(
            tx,
            {
              program: proposal.program,
              offlineRedemption: current.offlineRedemption,
              storeOverrides: current.storeOverrides ?? false,
            },
            at,
            actor,
          );
        });
        return succeed(config);
      });
    },

    dismiss(actor: string, params: unknown): Promise<Outcome<{ dismissed: true }>> {
      return guard(async () => {
        const at = isoAt(clock);
        await db.transaction(async (tx) => {
          const proposal = await openProposal(tx, params);
          await tx.query(
            `UPDATE terminal_program SET proposal_status = 'dismissed'
             WHERE terminal_id = $1 AND version = $2`,
            [proposal.terminalId, proposal.version],
          );
          await recordAudit(tx, {
            at,
            actor,
            action: 'program.proposal_dismissed',
            subject: proposal.terminalId,
            details: { terminalId: proposal.terminalId, version: proposal.version },
          });
        });
        return succeed({ dismissed: true as const });
      });
    },
  };
}
