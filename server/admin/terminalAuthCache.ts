/** Who is calling /sync/*: established from the credential, never from the body. */
export interface TerminalAuth {
  terminalId: string;
  storeId: string;
  terminalNumber: number;
}

/**
 * A node's memory of terminal credentials it checked a moment ago, so a terminal pushing sale
 * after sale does not pay a database round trip per request to prove who it is.
 *
 * Keyed by the credential's hash (never the credential) and the app version the terminal
 * announced: a new version misses and is noted in the database as before. Only a credential
 * found good is kept; an unknown or revoked one is asked of the database every time.
 *
 * The bound on revocation, per node: a push is refused at once on every node (the push's
 * transaction reads `revoked_at` under the terminal's lock, server/sync/push.ts). A pull or an
 * own-operations read may still be answered for at most `ttlMs` after a revocation on another
 * node; the node that revokes forgets the terminal at once. "Last seen" is noted at most every
 * SEEN_RESOLUTION_MS plus `ttlMs`.
 */
export interface TerminalAuthCache {
  get(credentialHash: string, appVersion: string | null, now: number): TerminalAuth | null;
  set(credentialHash: string, appVersion: string | null, auth: TerminalAuth, now: number): void;
  /** Forgets every credential of a terminal (it was just revoked here). */
  forgetTerminal(terminalId: string): void;
}

interface Entry {
  auth: TerminalAuth;
  until: number;
}

/** Default lifetime of a checked credential: short, so a revocation elsewhere lands quickly. */
export const TERMINAL_AUTH_TTL_MS = 5_000;
/** At most this many credentials are kept; the oldest is forgotten first. */
export const TERMINAL_AUTH_CACHE_SIZE = 20_000;

export function terminalAuthCache(
  ttlMs = TERMINAL_AUTH_TTL_MS,
  size = TERMINAL_AUTH_CACHE_SIZE,
): TerminalAuthCache {
  const entries = new Map<string, Entry>();
  const keyOf = (hash: string, appVersion: string | null) => `${hash}\u0000${appVersion ?? ''}`;
  return {
    get(credentialHash, appVersion, now) {
      if (ttlMs <= 0) return null;
      const key = keyOf(credentialHash, appVersion);
      const entry = entries.get(key);
      if (!entry) return null;
      if (entry.until <= now) {
        entries.delete(key);
        return null;
      }
      return entry.auth;
    },
    set(credentialHash, appVersion, auth, now) {
      if (ttlMs <= 0) return;
      const key = keyOf(credentialHash, appVersion);
      // Insertion order is age order: re-inserted, a key becomes the newest.
      entries.delete(key);
      entries.set(key, { auth, until: now + ttlMs });
      while (entries.size > size) {
        const oldest = entries.keys().next();
        if (oldest.done) break;
        entries.delete(oldest.value);
      }
    },
    forgetTerminal(terminalId) {
      for (const [key, entry] of entries) {
        if (entry.auth.terminalId === terminalId) entries.delete(key);
      }
    },
  };
}
