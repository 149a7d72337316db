import { z } from 'zod';
import { id } from '../api/fields';
import { programSchema } from '../program';

/** A store manager's program sent to head office as a proposal for the chain. */
export const programProposalView = z.strictObject({
  terminalId: id,
  terminalName: z.string(),
  terminalNumber: z.number().int(),
  storeName: z.string(),
  /** The terminal's own version of its program. */
  version: z.number().int().min(0),
  proposedAt: z.iso.datetime(),
  program: programSchema,
});
export type ProgramProposalView = z.infer<typeof programProposalView>;

export const programProposalList = z.strictObject({ proposals: z.array(programProposalView) });

export const programProposalParams = z.strictObject({
  terminalId: id,
  version: z.coerce.number().int().min(0).max(1_000_000_000),
});

export const dismissedProposal = z.strictObject({ dismissed: z.literal(true) });
