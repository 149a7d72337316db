import {
  languageRequest,
  newAdminUserRequest,
  signInRequest,
  type AdminUserView,
  type SessionView,
} from '../../shared/office/adminUsers';
import type { Locale } from '../../shared/locale';
import type { OfficeRole } from '../../shared/contract/route';
import { recordAudit } from '../db/audit';
import { iso, isoRequired, type ServiceClock } from '../platform/clock';
import type { Database } from '../db/database';
import { HeadOfficeFailure, guard, refuse, succeed, type Outcome } from '../platform/errors';
import { createLogger } from '../platform/logger';
import { parseInput } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import { hashSecret } from '../platform/secrets';
import { PASSWORD_SALT_BYTES, decoyHash, hashPassword, verifyPassword } from './passwords';
import { signInNameKey, type AuthFailures } from '../admin/authFailures';

const log = createLogger('admin-users');

/** A session lasts a working day at most, and ends sooner when the browser sits idle. */
export const SESSION_LIFETIME_MS = 12 * 60 * 60_000;
export const SESSION_IDLE_MS = 2 * 60 * 60_000;
/** How often "last used" is written at most: every request need not write. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** Wrong passwords in a row before sign-in pauses; each further one doubles the pause. */
export const FAILURES_BEFORE_LOCK = 5;
const FIRST_LOCK_MS = 60_000;
const LONGEST_LOCK_MS = 60 * 60_000;
/** Wrong passwords count "in a row" until a right one, or a day without any. */
const IN_A_ROW_MS = 24 * 60 * 60_000;

interface UserRow {
  id: string;
  name: string;
  language: Locale;
  role: OfficeRole;
  store_id: string | null;
  created_at: Date;
  password_hash: string;
  disabled_at: Date | null;
}

function userView(
  row: Pick<UserRow, 'id' | 'name' | 'language' | 'role' | 'store_id' | 'created_at'>,
): AdminUserView {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    role: row.role,
    storeId: row.store_id,
    createdAt: isoRequired(row.created_at),
  };
}

/** A session over this long ago is deleted (purgeOldSessions); it lasts 12 hours at most. */
const SESSION_PURGE_AFTER_MS = 24 * 3600_000;

/** The pause after `failures` wrong passwords in a row (0 while below the threshold). */
export function lockFor(failures: number): number {
  if (failures < FAILURES_BEFORE_LOCK) return 0;
  return Math.min(LONGEST_LOCK_MS, FIRST_LOCK_MS * 2 ** (failures - FAILURES_BEFORE_LOCK));
}

export function adminUsersService(
  db: Database,
  clock: ServiceClock,
  random: ServiceRandom,
  failures: AuthFailures,
) {
  async function failSignIn(
    user: UserRow | undefined,
    name: string,
    address: string,
    reason: 'wrong' | 'locked',
  ) {
    // The name is counted whether or not anyone has it (auth_failure, shared by every node):
    // an unknown name is paused exactly like a known one. While paused, attempts are audited
    // but do not lengthen the pause.
    if (reason === 'wrong') {
      await failures.recordFailure([signInNameKey(name)], IN_A_ROW_MS, lockFor);
    }
    const at = new Date(clock.now()).toISOString();
    await db.transaction(async (tx) => {
      await recordAudit(tx, {
        at,
        actor: `address:${address}`,
        action: 'admin.sign_in_failed',
        subject: user?.id ?? null,
        details: { name: name.slice(0, 64), knownName: user !== undefined, reason },
      });
    });
  }

  return {
    async countAdminUsers(): Promise<number> {
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int8 AS n FROM admin_user WHERE disabled_at IS NULL',
      );
      return rows[0]?.n ?? 0;
    },

    /** A new person who may sign in. `actor` is whoever created them, for the audit log. */
    addAdminUser(actor: string, body: unknown): Promise<Outcome<AdminUserView>> {
      return guard(async () => {
        const request = parseInput(newAdminUserRequest, body, 'admin user');
        const now = clock.now();
        const at = new Date(now).toISOString();
        const id = random.uuidv7(now);
        const hash = await hashPassword(request.password, random.bytes(PASSWORD_SALT_BYTES));
        const row = await db.transaction(async (tx) => {
          const { rows } = await tx.query<UserRow>(
            `INSERT INTO admin_user (id, name, password_hash, created_at, created_by, role, store_id)
             SELECT $1, $2, $3, $4, $5, $6, $7
             WHERE $7::uuid IS NULL OR EXISTS (SELECT 1 FROM store WHERE id = $7::uuid)
             ON CONFLICT (lower(name)) DO NOTHING
             RETURNING id, name, language, role, store_id, created_at`,
            [id, request.name, hash, at, actor, request.role, request.storeId ?? null],
          );
          const created = rows[0];
          if (!created && request.storeId !== undefined) {
            const store = await tx.query('SELECT 1 FROM store WHERE id = $1', [request.storeId]);
            if (store.rows.length === 0) {
              throw new HeadOfficeFailure('not_found', 'No store has that id.');
            }
          }
          if (!created) {
            throw new HeadOfficeFailure(
              'name_taken',
              `An admin called "${request.name}" already exists.`,
            );
          }
          await recordAudit(tx, {
            at,
            actor,
            action: 'admin_user.created',
            subject: id,
            details: { name: request.name, role: request.role, storeId: request.storeId ?? null },
          });
          return created;
        });
        log.info(`admin user ${id} created`);
        return succeed(userView(row));
      });
    },

    /**
     * Checks a name and password and opens a session. A wrong name and a wrong password get the
     * same answer after the same work (the password is hashed against a decoy when nobody has
     * the name, and also while the name is paused); each failure is audited, and after a few in
     * a row the name, known or not, is paused (doubling each time) whatever password comes next.
     */
    signIn(
      body: unknown,
      from: { address: string },
    ): Promise<Outcome<{ token: string; session: SessionView }>> {
      return guard(async () => {
        const request = parseInput(signInRequest, body, 'sign-in');
        const name = request.name.trim();
        const { rows } = await db.query<UserRow>(
          `SELECT id, name, language, role, store_id, created_at, password_hash, disabled_at
           FROM admin_user WHERE lower(name) = lower($1)`,
          [name],
        );
        const user = rows[0];
        const paused = await failures.retryAfterSeconds([signInNameKey(name)]);
        const matches = await verifyPassword(
          request.password,
          user?.password_hash ?? (await decoyHash()),
        );
        if (paused > 0) {
          await failSignIn(user, name, from.address, 'locked');
          return refuse(
            'sign_in_locked',
            `Too many wrong passwords. Try again in ${paused} seconds.`,
            { retryAfterSeconds: paused },
          );
        }
        if (!user || !matches || user.disabled_at) {
          await failSignIn(user, name, from.address, 'wrong');
          return refuse('sign_in_refused', 'That name and password do not match.');
        }
        const now = clock.now();
        const token = `hos_${Buffer.from(random.bytes(32)).toString('base64url')}`;
        const at = new Date(now).toISOString();
        const expiresAt = new Date(now + SESSION_LIFETIME_MS).toISOString();
        await failures.clear(signInNameKey(name));
        await db.transaction(async (tx) => {
          await tx.query(
            `INSERT INTO admin_session (token_hash, admin_user_id, created_at, expires_at,
               last_used_at)
             VALUES ($1, $2, $3, $4, $3)`,
            [hashSecret(token), user.id, at, expiresAt],
          );
          await recordAudit(tx, {
            at,
            actor: user.name,
            action: 'admin.signed_in',
            subject: user.id,
            details: { address: from.address },
          });
        });
        return succeed({ token, session: { user: userView(user), expiresAt } });
      });
    },

    /** The session a cookie names, if it is still open; refreshes its idle timer. */
    async authenticateSession(token: string | undefined): Promise<Outcome<SessionView>> {
      if (!token) return refuse('unauthorized', 'Sign in first.');
      const { rows } = await db.query<{
        token_hash: string;
        expires_at: Date;
        last_used_at: Date;
        ended_at: Date | null;
        id: string;
        name: string;
        language: Locale;
        role: OfficeRole;
        store_id: string | null;
        created_at: Date;
        disabled_at: Date | null;
      }>(
        `SELECT s.token_hash, s.expires_at, s.last_used_at, s.ended_at, u.id, u.name, u.language,
           u.role, u.store_id, u.created_at, u.disabled_at
         FROM admin_session s JOIN admin_user u ON u.id = s.admin_user_id
         WHERE s.token_hash = $1`,
        [hashSecret(token)],
      );
      const row = rows[0];
      const now = clock.now();
      if (
        !row ||
        row.ended_at ||
        row.disabled_at ||
        row.expires_at.getTime() <= now ||
        row.last_used_at.getTime() + SESSION_IDLE_MS <= now
      ) {
        return refuse('unauthorized', 'Your session has ended. Sign in again.');
      }
      if (now - row.last_used_at.getTime() >= LAST_USED_RESOLUTION_MS) {
        await db.query('UPDATE admin_session SET last_used_at = $2 WHERE token_hash = $1', [
          row.token_hash,
          new Date(now).toISOString(),
        ]);
      }
      return succeed({ user: userView(row), expiresAt: isoRequired(row.expires_at) });
    },

    async signOut(token: string | undefined): Promise<void> {
      if (!token) return;
      const at = new Date(clock.now()).toISOString();
      await db.transaction(async (tx) => {
        const { rows } = await tx.query<{ name: string; id: string }>(
          `UPDATE admin_session s SET ended_at = $2 FROM admin_user u
           WHERE s.token_hash = $1 AND s.ended_at IS NULL AND u.id = s.admin_user_id
           RETURNING u.name, u.id`,
          [hashSecret(token), at],
        );
        const user = rows[0];
        if (user) {
          await recordAudit(tx, {
            at,
            actor: user.name,
            action: 'admin.signed_out',
            subject: user.id,
            details: {},
          });
        }
      });
    },

    /**
     * Forgets sessions over for a day (expired, idle past their limit, or signed out): their
     * hashes are of no further use. A scheduled job (server/jobs/), run once across the nodes.
     */
    async purgeOldSessions(): Promise<number> {
      const cutoff = new Date(clock.now() - SESSION_PURGE_AFTER_MS).toISOString();
      const { rows } = await db.query<{ n: number }>(
        `WITH gone AS (
           DELETE FROM admin_session
           WHERE expires_at < $1 OR ended_at < $1 OR last_used_at < $1
           RETURNING 1
         )
         SELECT count(*)::int8 AS n FROM gone`,
        [cutoff],
      );
      return rows[0]?.n ?? 0;
    },

    /** The UI's language, remembered per admin. */
    setLanguage(userId: string, body: unknown): Promise<Outcome<AdminUserView>> {
      return guard(async () => {
        const { language } = parseInput(languageRequest, body, 'language');
        const { rows } = await db.query<UserRow>(
          `UPDATE admin_user SET language = $2 WHERE id = $1
           RETURNING id, name, language, role, store_id, created_at`,
          [userId, language],
        );
        const row = rows[0];
        if (!row) throw new HeadOfficeFailure('not_found', 'No admin has that id.');
        return succeed(userView(row));
      });
    },

    async listAdminUsers(): Promise<
      Outcome<{ admins: (AdminUserView & { lockedUntil: string | null })[] }>
    > {
      const { rows } = await db.query<UserRow>(
        `SELECT id, name, language, role, store_id, created_at FROM admin_user
         WHERE disabled_at IS NULL ORDER BY lower(name)`,
      );
      const paused = await failures.pausedUntil(rows.map((row) => signInNameKey(row.name)));
      return succeed({
        admins: rows.map((row) => ({
          ...userView(row),
          lockedUntil: iso(paused.get(signInNameKey(row.name)) ?? null),
        })),
      });
    },
  };
}

export type AdminUsers = ReturnType<typeof adminUsersService>;
