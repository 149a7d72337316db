import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/statements';

/**
 * The terminal's online/offline changes, for the end-of-day report's offline periods. The sync
 * worker writes a row only when the state flips, never on the sale path.
 */
export function recordConnectivity(
  db: Database.Database,
  online: boolean,
  atIso: string,
  detail: string | null,
): void {
  const last = prepared(
    db,
    'SELECT online FROM connectivity_change ORDER BY change_no DESC LIMIT 1',
  ).get() as { online: number } | undefined;
  if (last && last.online === (online ? 1 : 0)) return;
  prepared(db, 'INSERT INTO connectivity_change (online, at, detail) VALUES (?, ?, ?)').run(
    online ? 1 : 0,
    atIso,
    detail === null ? null : detail.slice(0, 300),
  );
}

export interface ConnectivityChange {
  online: boolean;
  at: string;
  detail: string | null;
}

/** The last change before `fromIso` (the state the range starts in) and every change inside it. */
export function connectivityChanges(
  db: Database.Database,
  fromIso: string,
  toIso: string,
): { before: ConnectivityChange | null; inside: ConnectivityChange[] } {
  type Row = { online: number; at: string; detail: string | null };
  const toChange = (row: Row): ConnectivityChange => ({
    online: row.online === 1,
    at: row.at,
    detail: row.detail,
  });
  const before = prepared(
    db,
    `SELECT online, at, detail FROM connectivity_change WHERE at < ?
     ORDER BY at DESC, change_no DESC LIMIT 1`,
  ).get(fromIso) as Row | undefined;
  const inside = prepared(
    db,
    `SELECT online, at, detail FROM connectivity_change WHERE at >= ? AND at < ?
     ORDER BY at, change_no`,
  ).all(fromIso, toIso) as Row[];
  return { before: before ? toChange(before) : null, inside: inside.map(toChange) };
}
