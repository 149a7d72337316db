import type { TerminalView } from '../../shared/office/terminals';
import { terminalProgramState, type TerminalProgramState } from '../../shared/sync/protocol';
import { recordAudit } from '../db/audit';
import { iso, isoAt, isoRequired, type ServiceClock } from '../platform/clock';
import type { Database } from '../db/database';
import { HeadOfficeFailure, guard, refuse, succeed, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { parseInput, uuidSchema } from '../platform/parse';
import { hashSecret } from '../platform/secrets';
import { terminalAuthCache, TERMINAL_AUTH_TTL_MS, type TerminalAuth } from './terminalAuthCache';

const log = createLogger('terminals');

export type { TerminalAuth };

export type { TerminalView };

interface TerminalRow {
  id: string;
  store_id: string;
  store_name: string;
  name: string;
  number: number;
  app_version: string;
  high_water_mark: number;
  enrolled_at: Date;
  last_seen_at: Date | null;
  revoked_at: Date | null;
  revoked_by: string | null;
  configured: unknown;
  outbox_pending: number | null;
  program_state: unknown;
}

/** What the terminal said of its program, when it said something this head office can read. */
function programStateOf(stored: unknown): TerminalProgramState | null {
  const parsed = terminalProgramState.safeParse(stored);
  return parsed.success ? parsed.data : null;
}

function view(row: TerminalRow): TerminalView {
  return {
    id: row.id,
    storeId: row.store_id,
    storeName: row.store_name,
    name: row.name,
    number: row.number,
    appVersion: row.app_version,
    highWaterMark: row.high_water_mark,
    enrolledAt: isoRequired(row.enrolled_at),
    lastSeenAt: iso(row.last_seen_at),
    revokedAt: iso(row.revoked_at),
    revokedBy: row.revoked_by,
    configured: row.configured ?? null,
    outboxPending: row.outbox_pending,
    program: programStateOf(row.program_state),
  };
}

const SELECT_TERMINALS = `SELECT t.id, t.store_id, s.name AS store_name, t.name, t.number,
    t.app_version, t.high_water_mark, t.enrolled_at, t.last_seen_at, t.revoked_at, t.revoked_by,
    t.configured, t.outbox_pending, t.program_state
  FROM terminal t JOIN store s ON s.id = t.store_id`;

/** How often "last seen" is written at most, per terminal. */
const SEEN_RESOLUTION_MS = 10_000;

export function terminalsService(
  db: Database,
  clock: ServiceClock,
  options: { authCacheMs?: number } = {},
) {
  const checked = terminalAuthCache(options.authCacheMs ?? TERMINAL_AUTH_TTL_MS);
  return {
    /**
     * Checks a terminal credential. Refuses an unknown one and a revoked terminal, each with its
     * own code, and notes when the terminal was last seen (and which app version it runs).
     */
    async authenticateTerminal(
      credential: string | undefined,
      seen: { appVersion?: string | undefined } = {},
    ): Promise<Outcome<TerminalAuth>> {
      if (!credential) {
        return refuse('unauthorized', 'Send the terminal credential as "Authorization: Bearer …".');
      }
      const now = clock.now();
      const appVersion = seen.appVersion?.trim().slice(0, 64) || null;
      const credentialHash = hashSecret(credential);
      // Checked on this node a moment ago (terminalAuthCache.ts says how stale it may be).
      const known = checked.get(credentialHash, appVersion, now);
      if (known) return succeed(known);
      // One round trip: the terminal found by its credential and, if it is not revoked, its
      // "last seen" noted (every request of every terminal pays for this statement). SKIP
      // LOCKED: a push holding this terminal's row must not make its pull wait to say hello.
      const { rows } = await db.query<{
        id: string;
        store_id: string;
        number: number;
        revoked_at: Date | null;
      }>(
        `WITH found AS (
           SELECT id, store_id, number, revoked_at FROM terminal WHERE credential_hash = $1
         ),
         seen AS (
           UPDATE terminal SET last_seen_at = $2, app_version = coalesce($3, app_version)
           WHERE id = (SELECT t.id FROM terminal t JOIN found f ON f.id = t.id
                       WHERE f.revoked_at IS NULL
                         AND (t.last_seen_at IS NULL OR t.last_seen_at < $4
                              OR t.app_version IS DISTINCT FROM coalesce($3, t.app_version))
                       FOR UPDATE OF t SKIP LOCKED)
         )
         SELECT id, store_id, number, revoked_at FROM found`,
        [
          credentialHash,
          new Date(now).toISOString(),
          appVersion,
          new Date(now - SEEN_RESOLUTION_MS).toISOString(),
        ],
      );
      const row = rows[0];
      if (!row) return refuse('unauthorized', 'That terminal credential is not known here.');
      if (row.revoked_at) {
        return refuse(
          'terminal_revoked',
          `This terminal was revoked at ${iso(row.revoked_at)}. Enroll it again with a new code.`,
          { terminalId: row.id },
        );
      }
      const auth = { terminalId: row.id, storeId: row.store_id, terminalNumber: row.number };
      checked.set(credentialHash, appVersion, auth, now);
      return succeed(auth);
    },

    async listTerminals(): Promise<Outcome<{ terminals: TerminalView[] }>> {
      const { rows } = await db.query<TerminalRow>(`${SELECT_TERMINALS} ORDER BY s.name, t.number`);
      return succeed({ terminals: rows.map(view) });
    },

    /** Revoking is final and idempotent: a revoked terminal stays revoked. */
    revokeTerminal(actor: string, id: unknown): Promise<Outcome<TerminalView>> {
      return guard(async () => {
        const terminalId = parseInput(uuidSchema, id, 'terminal id');
        const at = isoAt(clock);
        const row = await db.transaction(async (tx) => {
          const updated = await tx.query<{ id: string }>(
            `UPDATE terminal SET revoked_at = $2, revoked_by = $3
             WHERE id = $1 AND revoked_at IS NULL RETURNING id`,
            [terminalId, at, actor],
          );
          if (updated.rows.length > 0) {
            await recordAudit(tx, {
              at,
              actor,
              action: 'terminal.revoked',
              subject: terminalId,
              details: {},
            });
          }
          const { rows } = await tx.query<TerminalRow>(`${SELECT_TERMINALS} WHERE t.id = $1`, [
            terminalId,
          ]);
          const found = rows[0];
          if (!found) throw new HeadOfficeFailure('not_found', 'No terminal has that id.');
          return found;
        });
        checked.forgetTerminal(terminalId);
        log.info(`terminal ${terminalId} revoked`);
        return succeed(view(row));
      });
    },
  };
}
