import {
  DEFAULT_CODE_TTL_MINUTES,
  createEnrollmentCodeRequest,
  createStoreRequest,
  type EnrollmentCodeView,
  type StoreView,
} from '../../shared/office/stores';
import { enrollRequest, type EnrollResponse } from '../../shared/sync/protocol';
import { recordAudit } from '../db/audit';
import { isoAt, isoRequired, type ServiceClock } from '../platform/clock';
import type { Database, Queryable } from '../db/database';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { parseInput, uuidSchema } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import {
  hashEnrollmentCode,
  hashSecret,
  newEnrollmentCode,
  newTerminalCredential,
  normaliseEnrollmentCode,
} from '../platform/secrets';

const log = createLogger('provisioning');

export type { EnrollmentCodeView, StoreView };

const FIRST_NUMBER = 10000;
const LAST_NUMBER = 99999;
const RANDOM_TRIES = 16;

/**
 * A terminal number no other terminal in the chain has. Numbers are drawn at random (so they
 * say nothing about the chain's size); the unique index settles a race, and when the range is
 * crowded the lowest free number is taken instead.
 */
export async function claimTerminalNumber(
  tx: Queryable,
  random: ServiceRandom,
  insert: (number: number) => Promise<boolean>,
): Promise<number> {
  for (let i = 0; i < RANDOM_TRIES; i++) {
    const number = FIRST_NUMBER + random.below(LAST_NUMBER - FIRST_NUMBER + 1);
    if (await insert(number)) return number;
  }
  const { rows } = await tx.query<{ n: number }>(
    `SELECT n FROM generate_series($1::int, $2::int) AS n
     WHERE NOT EXISTS (SELECT 1 FROM terminal WHERE number = n) ORDER BY n LIMIT 1`,
    [FIRST_NUMBER, LAST_NUMBER],
  );
  const free = rows[0]?.n;
  if (free === undefined || !(await insert(free))) {
    throw new Error('no terminal number left in 10000..99999');
  }
  return free;
}

export function provisioningService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  return {
    createStore(actor: string, body: unknown): Promise<Outcome<StoreView>> {
      return guard(async () => {
        const { name } = parseInput(createStoreRequest, body, 'store');
        const id = random.uuidv7(clock.now());
        const at = isoAt(clock);
        await db.transaction(async (tx) => {
          await tx.query('INSERT INTO store (id, name, created_at) VALUES ($1, $2, $3)', [
            id,
            name,
            at,
          ]);
          await recordAudit(tx, {
            at,
            actor,
            action: 'store.created',
            subject: id,
            details: { name },
          });
        });
        return succeed({ id, name, createdAt: at, terminals: 0 });
      });
    },

    async listStores(): Promise<Outcome<{ stores: StoreView[] }>> {
      const { rows } = await db.query<{
        id: string;
        name: string;
        created_at: Date;
        terminals: number;
      }>(
        `SELECT s.id, s.name, s.created_at,
           (SELECT count(*) FROM terminal t WHERE t.store_id = s.id)::int8 AS terminals
         FROM store s ORDER BY s.name, s.id`,
      );
      return succeed({
        stores: rows.map((row) => ({
          id: row.id,
          name: row.name,
          createdAt: isoRequired(row.created_at),
          terminals: row.terminals,
        })),
      });
    },

    /** A short, readable, one-time code that lets one terminal join this store until it expires. */
    createEnrollmentCode(
      actor: string,
      storeId: unknown,
      body: unknown,
    ): Promise<Outcome<EnrollmentCodeView>> {
      return guard(async () => {
        const id = parseInput(uuidSchema, storeId, 'store id');
        const { ttlMinutes = DEFAULT_CODE_TTL_MINUTES } = parseInput(
          createEnrollmentCodeRequest,
          body ?? {},
          'enrollment code request',
        );
        const now = clock.now();
        const at = new Date(now).toISOString();
        const expiresAt = new Date(now + ttlMinutes * 60_000).toISOString();
        const code = newEnrollmentCode(random);
        const storeName = await db.transaction(async (tx) => {
          const { rows } = await tx.query<{ name: string }>(
            'SELECT name FROM store WHERE id = $1',
            [id],
          );
          const store = rows[0];
          if (!store) throw new HeadOfficeFailure('not_found', 'No store has that id.');
          await tx.query(
            `INSERT INTO enrollment_code (code_hash, store_id, created_at, created_by, expires_at)
             VALUES ($1, $2, $3, $4, $5)`,
            [hashEnrollmentCode(code), id, at, actor, expiresAt],
          );
          await recordAudit(tx, {
            at,
            actor,
            action: 'enrollment_code.created',
            subject: id,
            details: { expiresAt, codeHint: `${code.slice(0, 2)}…` },
          });
          return store.name;
        });
        return succeed({ code, storeId: id, storeName, expiresAt });
      });
    },

    /**
     * A terminal trades a one-time code for its own credential and a terminal number unique in
     * the chain. The code is spent in the same transaction that creates the terminal.
     */
    enroll(body: unknown): Promise<Outcome<EnrollResponse>> {
      return guard(async () => {
        const request = parseInput(enrollRequest, body, 'enrollment request');
        const normalised = normaliseEnrollmentCode(request.code);
        if (!/^[A-Z0-9]{4,16}$/.test(normalised)) {
          throw new HeadOfficeFailure(
            'enrollment_code_invalid',
            'That enrollment code is not valid.',
          );
        }
        const now = clock.now();
        const at = new Date(now).toISOString();
        const credential = newTerminalCredential(random);
        const terminalId = random.uuidv7(now);
        const result = await db.transaction(async (tx) => {
          const { rows } = await tx.query<{
            store_id: string;
            store_name: string;
            expires_at: Date;
            used_at: Date | null;
          }>(
            `SELECT c.store_id, s.name AS store_name, c.expires_at, c.used_at
             FROM enrollment_code c JOIN store s ON s.id = c.store_id
             WHERE c.code_hash = $1 FOR UPDATE OF c`,
            [hashEnrollmentCode(normalised)],
          );
          const code = rows[0];
          if (!code) {
            throw new HeadOfficeFailure(
              'enrollment_code_invalid',
              'That enrollment code is not valid.',
            );
          }
          if (code.used_at) {
            throw new HeadOfficeFailure(
              'enrollment_code_used',
              'That enrollment code has already been used. Ask head office for a new one.',
            );
          }
          if (code.expires_at.getTime() <= now) {
            throw new HeadOfficeFailure(
              'enrollment_code_expired',
              `That enrollment code expired at ${code.expires_at.toISOString()}. Ask head office for a new one.`,
            );
          }
          const terminalNumber = await claimTerminalNumber(tx, random, async (number) => {
            const inserted = await tx.query<{ id: string }>(
              `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version,
                 enrolled_at)
               VALUES ($1, $2, $3, $4, $5, $6, $7)
               ON CONFLICT (number) DO NOTHING RETURNING id`,
              [
                terminalId,
                code.store_id,
                request.terminalName,
                number,
                hashSecret(credential),
                request.appVersion,
                at,
              ],
            );
            return inserted.rows.length > 0;
          });
          await tx.query(
            'UPDATE enrollment_code SET used_at = $2, used_by_terminal_id = $3 WHERE code_hash = $1',
            [hashEnrollmentCode(normalised), at, terminalId],
          );
          await recordAudit(tx, {
            at,
            actor: `terminal:${terminalId}`,
            action: 'terminal.enrolled',
            subject: terminalId,
            details: {
              storeId: code.store_id,
              terminalName: request.terminalName,
              terminalNumber,
              appVersion: request.appVersion,
            },
          });
          return { storeId: code.store_id, storeName: code.store_name, terminalNumber };
        });
        log.info(
          `terminal ${terminalId} (${request.terminalName}) enrolled in store ${result.storeName} as number ${result.terminalNumber}`,
        );
        return succeed({ terminalId, ...result, credential, serverTime: at });
      });
    },
  };
}
