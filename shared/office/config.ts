import { z } from 'zod';
import { pulledConfig } from '../sync/protocol';

/** The program configuration's history (GET /admin/config/history), newest first. */
export const configHistoryQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** One version of the configuration as the history shows it, with who set it. */
export const configVersion = z.strictObject({ ...pulledConfig.shape, updatedBy: z.string() });
export type ConfigVersion = z.infer<typeof configVersion>;

export const configHistory = z.strictObject({ versions: z.array(configVersion) });
