import { recordAudit } from '../db/audit';
import { isoAt, type ServiceClock } from '../platform/clock';
import type { Database } from '../db/database';
import { HeadOfficeFailure, refuse, succeed, type Outcome } from '../platform/errors';
import type { ServiceRandom } from '../platform/randomness';
import { hashSecret, newAdminToken } from '../platform/secrets';

/** Who is calling /admin/*: the name recorded in the audit log for what they do. */
export interface AdminAuth {
  tokenId: string;
  actor: string;
}

export interface AdminTokenSetup {
  /** The new token, to show once; null when an existing one stays in force. */
  newToken: string | null;
  source: 'environment' | 'generated' | 'stored';
}

/** An admin token of one's own must be as hard to guess as a generated one is meant to be. */
export const MIN_ADMIN_TOKEN_LENGTH = 32;

/**
 * HEAD_OFFICE_ADMIN_TOKEN as set, refused at start-up when too short to be safe: the token
 * grants everything, and guessing is limited per address, not made impossible.
 */
export function adminTokenSetting(value: string | undefined): string | undefined {
  const token = value?.trim();
  if (!token) return undefined;
  if (token.length < MIN_ADMIN_TOKEN_LENGTH) {
    throw new HeadOfficeFailure(
      'invalid_input',
      `HEAD_OFFICE_ADMIN_TOKEN is ${token.length} characters; it needs at least ${MIN_ADMIN_TOKEN_LENGTH}. Generate one with: openssl rand -base64 32`,
    );
  }
  return token;
}

export function adminAccessService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  async function issue(name: string, token: string): Promise<void> {
    const at = isoAt(clock);
    const id = random.uuidv7(clock.now());
    await db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO admin_token (id, name, token_hash, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (token_hash) DO UPDATE SET revoked_at = NULL`,
        [id, name, hashSecret(token), at],
      );
      await recordAudit(tx, {
        at,
        actor: 'head office',
        action: 'admin_token.issued',
        subject: name,
        details: {},
      });
    });
  }

  return {
    /**
     * Makes sure an admin can get in. HEAD_OFFICE_ADMIN_TOKEN, when set, is accepted (stored
     * hashed like any token). Otherwise the first start generates a token, stores its hash and
     * returns it once to be printed; later starts keep it. `rotate` revokes every stored token
     * and issues a new one.
     */
    async ensureAdminToken(
      options: { environmentToken?: string | undefined; rotate?: boolean } = {},
    ): Promise<AdminTokenSetup> {
      const fromEnv = adminTokenSetting(options.environmentToken);
      if (fromEnv) {
        await issue('admin (environment)', fromEnv);
        return { newToken: null, source: 'environment' };
      }
      if (options.rotate) {
        await db.query('UPDATE admin_token SET revoked_at = $1 WHERE revoked_at IS NULL', [
          isoAt(clock),
        ]);
      }
      const { rows } = await db.query<{ n: number }>(
        'SELECT count(*)::int8 AS n FROM admin_token WHERE revoked_at IS NULL',
      );
      if ((rows[0]?.n ?? 0) > 0) return { newToken: null, source: 'stored' };
      const token = newAdminToken(random);
      await issue('admin', token);
      return { newToken: token, source: 'generated' };
    },

    async authenticateAdmin(token: string | undefined): Promise<Outcome<AdminAuth>> {
      if (!token)
        return refuse('unauthorized', 'Send the admin token as "Authorization: Bearer …".');
      const { rows } = await db.query<{ id: string; name: string }>(
        'SELECT id, name FROM admin_token WHERE token_hash = $1 AND revoked_at IS NULL',
        [hashSecret(token)],
      );
      const row = rows[0];
      if (!row) return refuse('unauthorized', 'That admin token is not valid.');
      return succeed({ tokenId: row.id, actor: row.name });
    },
  };
}
