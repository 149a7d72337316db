import { defaultPointsRule } from '../shared/points';
import { programConfig, type ProgramConfig, type PulledConfig } from '../shared/sync/protocol';
import { recordAudit } from './audit';
import { isoAt, isoRequired, type ServiceClock } from './clock';
import type { Database } from './db/database';
import { guard, succeed, type Outcome } from './errors';
import { parseInput } from './parse';
import { appendChange } from './streams';

/**
 * What a new head office starts with until an admin sets its own: the terminal's default points
 * rule, and an offline policy that lets a member spend a little while the shop is cut off.
 */
export const defaultProgramConfig: ProgramConfig = {
  pointsRule: { ...defaultPointsRule },
  offlineRedemption: {
    maxPointsPerSaleOffline: 2000,
    maxPointsPerMemberOffline: 4000,
    maxOfflineHours: 24,
  },
};

const CONFIG_ENTITY = 'program';

interface ConfigRow {
  data: ProgramConfig;
  version: number;
  updated_at: Date;
}

function pulled(row: ConfigRow): PulledConfig {
  return { ...row.data, version: row.version, updatedAt: isoRequired(row.updated_at) };
}

export function programConfigService(db: Database, clock: ServiceClock) {
  return {
    /** Writes the default configuration once, on a database that has none yet. */
    async ensureProgramConfig(): Promise<void> {
      const at = isoAt(clock);
      await db.transaction(async (tx) => {
        const { rows } = await tx.query<ConfigRow>(
          `INSERT INTO program_config (id, data, version, updated_at, updated_by)
           VALUES (1, $1::jsonb, 1, $2, 'head office defaults')
           ON CONFLICT (id) DO NOTHING RETURNING data, version, updated_at`,
          [JSON.stringify(defaultProgramConfig), at],
        );
        const row = rows[0];
        if (row) await appendChange(tx, 'config', CONFIG_ENTITY, pulled(row), at);
      });
    },

    async getConfig(): Promise<Outcome<PulledConfig>> {
      const { rows } = await db.query<ConfigRow>(
        'SELECT data, version, updated_at FROM program_config WHERE id = 1',
      );
      const row = rows[0];
      if (!row) throw new Error('program configuration missing');
      return succeed(pulled(row));
    },

    /** Replaces the whole configuration and appends it to the config stream terminals pull. */
    setConfig(actor: string, body: unknown): Promise<Outcome<PulledConfig>> {
      return guard(async () => {
        const config = parseInput(programConfig, body, 'program configuration');
        const at = isoAt(clock);
        const result = await db.transaction(async (tx) => {
          const { rows } = await tx.query<ConfigRow>(
            `INSERT INTO program_config (id, data, version, updated_at, updated_by)
             VALUES (1, $1::jsonb, 1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET data = EXCLUDED.data,
               version = program_config.version + 1, updated_at = EXCLUDED.updated_at,
               updated_by = EXCLUDED.updated_by
             RETURNING data, version, updated_at`,
            [JSON.stringify(config), at, actor],
          );
          const row = rows[0];
          if (!row) throw new Error('program configuration missing right after upsert');
          const value = pulled(row);
          await appendChange(tx, 'config', CONFIG_ENTITY, value, at);
          await recordAudit(tx, {
            at,
            actor,
            action: 'config.set',
            subject: CONFIG_ENTITY,
            details: value,
          });
          return value;
        });
        return succeed(result);
      });
    },
  };
}
