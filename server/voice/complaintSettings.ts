import { programSchema } from '../../shared/program';
import { defaultComplaintSettings, type ComplaintSettings } from '../../shared/rules/complaint';
import type { Queryable } from '../db/database';

/** The chain program's complaint deadlines (head office's configuration), or the defaults. */
export async function complaintSettingsOf(tx: Queryable): Promise<ComplaintSettings> {
  const { rows } = await tx.query<{ program: unknown }>(
    `SELECT data -> 'program' AS program FROM program_config WHERE id = 1`,
  );
  const parsed = programSchema.safeParse(rows[0]?.program);
  return parsed.success ? parsed.data.complaints : defaultComplaintSettings;
}
