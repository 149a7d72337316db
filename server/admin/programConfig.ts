import { defaultProgram, programSchema } from '../../shared/program';
import {
  offlineRedemptionPolicy,
  programConfig,
  type ProgramConfig,
  type PulledConfig,
} from '../../shared/sync/protocol';
import { configHistoryQuery, type ConfigVersion } from '../../shared/office/config';
import { recordAudit } from '../db/audit';
import { isoAt, isoRequired, type ServiceClock } from '../platform/clock';
import type { Database, Queryable } from '../db/database';
import { guard, succeed, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { parseInput } from '../platform/parse';
import { appendChange } from '../db/streams';

const log = createLogger('config');

/**
 * What a new head office starts with until an admin sets its own: the default loyalty program,
 * and an offline policy that lets a member spend a little while the shop is cut off.
 */
export const defaultProgramConfig: ProgramConfig = {
  program: defaultProgram,
  storeOverrides: false,
  offlineRedemption: {
    maxPointsPerSaleOffline: 2000,
    maxPointsPerMemberOffline: 5000,
    maxOfflineHours: 72,
  },
};

const CONFIG_ENTITY = 'program';

export type { ConfigVersion };

interface ConfigRow {
  data: ProgramConfig;
  version: number;
  updated_at: Date;
}

function pulled(row: ConfigRow): PulledConfig {
  return {
    ...row.data,
    // Versions set before store overrides existed: head office managed the whole program.
    storeOverrides: row.data.storeOverrides ?? false,
    version: row.version,
    updatedAt: isoRequired(row.updated_at),
  };
}

/** A configuration written before head office held the chain's program (it had a `pointsRule`). */
function isOldShape(stored: unknown): stored is Record<string, unknown> {
  return (
    typeof stored === 'object' &&
    stored !== null &&
    ('pointsRule' in stored || !('program' in stored))
  );
}

/** The old configuration in today's shape: its program if it had a valid one, else the default. */
function upgraded(old: Record<string, unknown>): ProgramConfig {
  const program = programSchema.safeParse(old.program);
  const policy = offlineRedemptionPolicy.safeParse(old.offlineRedemption);
  if (!program.success) {
    log.warn('the stored configuration had no valid program: head office now holds the default');
  }
  return {
    program: program.success ? program.data : defaultProgramConfig.program,
    offlineRedemption: policy.success ? policy.data : defaultProgramConfig.offlineRedemption,
    storeOverrides: false,
  };
}

/** Who set a version when no admin did: the history shows these in the admin's words. */
export const DEFAULTS_ACTOR = 'head office defaults';
export const UPGRADE_ACTOR = 'head office upgrade';

/**
 * Keeps one version in the history (program_config_version, migration 0007), in the same
 * transaction that made it current. The version is the key, so it is kept once.
 */
async function keepVersion(tx: Queryable, value: PulledConfig, actor: string): Promise<void> {
  const { program, offlineRedemption, storeOverrides } = value;
  await tx.query(
    `INSERT INTO program_config_version (version, data, set_at, set_by)
     VALUES ($1, $2::jsonb, $3, $4) ON CONFLICT (version) DO NOTHING`,
    [
      value.version,
      JSON.stringify({ program, offlineRedemption, storeOverrides }),
      value.updatedAt,
      actor,
    ],
  );
}

export async function writeConfig(
  tx: Queryable,
  config: ProgramConfig,
  at: string,
  actor: string,
): Promise<PulledConfig> {
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
  await keepVersion(tx, value, actor);
  await recordAudit(tx, {
    at,
    actor,
    action: 'config.set',
    subject: CONFIG_ENTITY,
    details: value,
  });
  return value;
}

export function programConfigService(db: Database, clock: ServiceClock) {
  return {
    /**
     * Writes the default configuration once, on a database that has none yet, as version 1 of
     * the history, and brings one written by an older head office up to date (as a new version,
     * so terminals pull it). Versions an older head office set are in the history already:
     * migration 0007 copied them there.
     */
    async ensureProgramConfig(): Promise<void> {
      const at = isoAt(clock);
      await db.transaction(async (tx) => {
        const { rows } = await tx.query<ConfigRow>(
          `INSERT INTO program_config (id, data, version, updated_at, updated_by)
           VALUES (1, $1::jsonb, 1, $2, $3)
           ON CONFLICT (id) DO NOTHING RETURNING data, version, updated_at`,
          [JSON.stringify(defaultProgramConfig), at, DEFAULTS_ACTOR],
        );
        const row = rows[0];
        if (row) {
          const value = pulled(row);
          await appendChange(tx, 'config', CONFIG_ENTITY, value, at);
          await keepVersion(tx, value, DEFAULTS_ACTOR);
          return;
        }
        const { rows: current } = await tx.query<ConfigRow>(
          'SELECT data, version, updated_at FROM program_config WHERE id = 1 FOR UPDATE',
        );
        const stored = current[0]?.data;
        if (!isOldShape(stored)) return;
        const value = await writeConfig(tx, upgraded(stored), at, UPGRADE_ACTOR);
        log.info(`program configuration upgraded to today's shape as version ${value.version}`);
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

    /** Every version, newest first, with who set it and when: the defaults are version 1. */
    configHistory(query: unknown): Promise<Outcome<{ versions: ConfigVersion[] }>> {
      return guard(async () => {
        const { limit } = parseInput(configHistoryQuery, query ?? {}, 'history query');
        const { rows } = await db.query<{
          version: number;
          data: ProgramConfig;
          set_at: Date;
          set_by: string;
        }>(
          `SELECT version, data, set_at, set_by FROM program_config_version
           ORDER BY version DESC LIMIT $1`,
          [limit],
        );
        return succeed({
          versions: rows.map((row) => ({
            ...row.data,
            storeOverrides: row.data.storeOverrides ?? false,
            version: row.version,
            updatedAt: isoRequired(row.set_at),
            updatedBy: row.set_by,
          })),
        });
      });
    },

    /** Replaces the whole configuration and appends it to the config stream terminals pull. */
    setConfig(actor: string, body: unknown): Promise<Outcome<PulledConfig>> {
      return guard(async () => {
        const config = parseInput(programConfig, body, 'program configuration');
        const at = isoAt(clock);
        const result = await db.transaction((tx) => writeConfig(tx, config, at, actor));
        return succeed(result);
      });
    },
  };
}
