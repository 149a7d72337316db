import type Database from 'better-sqlite3-multiple-ciphers';
import type { StorePolicy } from '../../../shared/staff';
import { prepared } from '../db/statements';

export function readStorePolicy(db: Database.Database): StorePolicy {
  const row = prepared(db, 'SELECT refund_limit_minor FROM store_policy WHERE id = 1').get() as
    { refund_limit_minor: number } | undefined;
  return { refundLimitMinor: row?.refund_limit_minor ?? 50_000 };
}

export function writeRefundLimit(
  db: Database.Database,
  limitMinor: number,
  by: string,
  at: string,
): void {
  prepared(
    db,
    'UPDATE store_policy SET refund_limit_minor = ?, updated_by = ?, updated_at = ? WHERE id = 1',
  ).run(limitMinor, by, at);
}
