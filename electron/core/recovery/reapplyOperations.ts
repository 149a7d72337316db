import type Database from 'better-sqlite3-multiple-ciphers';
import type { SyncOperation } from '../../../shared/sync/protocol';
import { memberEnrolled, saleRecorded, saleRefunded } from '../../../shared/sync/operations';
import { prepared } from '../db/statements';
import { createLogger } from '../../../shared/logger';
import { localPointsIncluded } from '../points/chainBalance';
import { replaySaleRecorded, replaySaleRefunded, replayShift } from './replaySale';

const log = createLogger('restore');

export interface Reapplied {
  operations: number;
  sales: number;
  /** Sales or refunds whose rows could not be rebuilt (still in the outbox and at head office). */
  skipped: number;
}

interface LocalTerminal {
  store_id: string;
  terminal_id: string;
  terminal_number: number;
  currency: string;
}

/**
 * Writes this terminal's own operations after the backup point back into the restored ledger, in
 * one transaction: each into the outbox at its seq, already acknowledged (head office holds it),
 * so the next operation takes the seq after head office's mark; and the sales, refunds and shifts
 * among them through the writers that wrote them first (replaySale.ts): their points entries,
 * coupon uses, gift-card entries and place in a shift with the tender come back with them, so
 * balances, reprints, refunds and the drawer are what they were. Sale and card numbers move past
 * the highest one used. Members, coupons and head office's balances come back through the pull
 * streams (pulled before this, so the members and coupons the sales name are there).
 */
export function reapplyOwnOperations(
  db: Database.Database,
  operations: readonly SyncOperation[],
  ackedAt: string,
  highWaterMark: number,
): Reapplied {
  const done: Reapplied = { operations: 0, sales: 0, skipped: 0 };
  db.transaction(() => {
    prepared(
      db,
      'UPDATE sync_state SET high_water_mark = max(high_water_mark, ?) WHERE id = 1',
    ).run(highWaterMark);
    if (operations.length === 0) return;
    const terminal = prepared(
      db,
      'SELECT store_id, terminal_id, terminal_number, currency FROM terminal WHERE id = 1',
    ).get() as LocalTerminal;
    const insertOutbox = prepared(
      db,
      `INSERT INTO outbox (seq, op_id, op_type, payload, terminal_id, staff_id, hlc, created_at,
         acked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    let saleSeq = 0;
    let cardSeq = 0;
    const touched = new Set<string>();
    for (const op of operations) {
      insertOutbox.run(
        op.seq,
        op.opId,
        op.type,
        JSON.stringify(op.payload ?? null),
        terminal.terminal_id,
        op.staffId,
        op.hlc,
        op.createdAt,
        ackedAt,
      );
      done.operations += 1;
      if (op.type === 'sale.recorded' || op.type === 'sale.refunded') {
        const parsed = (op.type === 'sale.recorded' ? saleRecorded : saleRefunded).safeParse(
          op.payload,
        );
        if (parsed.success)
          for (const entry of parsed.data.pointsEntries ?? []) touched.add(entry.memberId);
        const number = rebuildSale(db, terminal, op);
        if (number === null) done.skipped += 1;
        else {
          done.sales += 1;
          saleSeq = Math.max(saleSeq, seqOfSaleNumber(number, terminal.terminal_number));
        }
      } else if (op.type === 'shift.opened' || op.type === 'shift.closed') {
        rebuildShift(db, terminal, op);
      } else if (op.type === 'member.enrolled') {
        const parsed = memberEnrolled.safeParse(op.payload);
        if (parsed.success) cardSeq = Math.max(cardSeq, seqOfCard(parsed.data.cardNumber));
      }
    }
    prepared(
      db,
      `UPDATE terminal SET next_sale_seq = max(next_sale_seq, ?),
         next_card_seq = max(next_card_seq, ?) WHERE id = 1`,
    ).run(saleSeq + 1, cardSeq + 1);
    recountIncluded(db, touched);
  })();
  return done;
}

/** `12345-000042` → 42 when it is this terminal's. */
function seqOfSaleNumber(number: string, terminalNumber: number): number {
  const match = /^(\d{5})-(\d{6,})$/.exec(number);
  return match && Number(match[1]) === terminalNumber ? Number(match[2]) : 0;
}

/** `2 TTTTT SSSSSS C` → SSSSSS. */
function seqOfCard(card: string): number {
  return /^\d{13}$/.test(card) ? Number(card.slice(6, 12)) : 0;
}

/** The sale's number when its row is there (rebuilt now, or already), null when it cannot be. */
function rebuildSale(
  db: Database.Database,
  terminal: LocalTerminal,
  op: SyncOperation,
): string | null {
  try {
    // A savepoint each, so one that cannot be written back leaves nothing half-written.
    return db.transaction(() =>
      op.type === 'sale.recorded'
        ? replaySaleRecorded(db, terminal, op)
        : replaySaleRefunded(db, terminal, op),
    )();
  } catch (error) {
    // A row the schema refuses (a payload from an older terminal): the operation itself is kept.
    log.warn(`could not rebuild the sale of operation ${op.seq}`, { error: String(error) });
    return null;
  }
}

function rebuildShift(db: Database.Database, terminal: LocalTerminal, op: SyncOperation): void {
  try {
    db.transaction(() => replayShift(db, terminal, op))();
  } catch (error) {
    log.warn(`could not rebuild the shift of operation ${op.seq}`, { error: String(error) });
  }
}

/**
 * Head office's balances were pulled before the entries above were written back, and count them
 * (they are its): each member's share of this terminal's entries it had counted is read again,
 * so the balance a cashier sees is head office's figure, not that plus the entries twice.
 */
function recountIncluded(db: Database.Database, memberIds: ReadonlySet<string>): void {
  const remote = prepared(db, 'SELECT as_of_seq AS asOf FROM member_remote WHERE member_id = ?');
  const update = prepared(db, 'UPDATE member_remote SET local_included = ? WHERE member_id = ?');
  for (const memberId of memberIds) {
    const row = remote.get(memberId) as { asOf: number } | undefined;
    if (row) update.run(localPointsIncluded(db, memberId, row.asOf), memberId);
  }
}
