import type Database from 'better-sqlite3-multiple-ciphers';
import { ERASED_MEMBER, PERSONAL_PAYLOAD_FIELDS } from '../../../shared/rules/erasure';
import type { PulledErasure } from '../../../shared/sync/protocol';
import { createLogger } from '../../../shared/logger';
import { prepared } from '../db/statements';

const log = createLogger('erasure');

const ERASED_TEXT = '[erased]';

interface PersonalRow {
  member_no: number;
  name: string;
  phone_e164: string;
  phone_national: string;
  email: string | null;
  birthday: string | null;
}

/** A member operation's payload without the member's personal data. */
function scrubbedPayload(opType: string, payload: string, cardNumber: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payload);
  } catch {
    return null;
  }
  if (!parsed || typeof parsed !== 'object') return null;
  const op = parsed as Record<string, unknown>;
  if (opType === 'member.enrolled') {
    return JSON.stringify({ ...op, ...ERASED_MEMBER, cardNumber });
  }
  const fields = op.fields;
  if (!fields || typeof fields !== 'object') return null;
  const kept = Object.fromEntries(
    Object.entries(fields).filter(
      ([k]) => !(PERSONAL_PAYLOAD_FIELDS as readonly string[]).includes(k),
    ),
  );
  return JSON.stringify({ ...op, fields: kept });
}

/**
 * One member head office erased, in the pull's transaction: their personal fields emptied and
 * card number replaced by its pseudonym, their search tokens deleted, the outbox operations that
 * carried their data rewritten without it, and head office's messages that quoted them
 * scrubbed. Their sales, points and consent stay, under their id. Applying it again changes
 * nothing. The bytes leave the file at the compaction after the page (compactAfterErasure).
 */
export function applyErasure(db: Database.Database, erasure: PulledErasure): void {
  prepared(
    db,
    `INSERT INTO erased_member (member_id, card_number, erased_at) VALUES (?, ?, ?)
     ON CONFLICT (member_id) DO NOTHING`,
  ).run(erasure.memberId, erasure.cardNumber, erasure.erasedAt);
  const row = prepared(
    db,
    `SELECT member_no, name, phone_e164, phone_national, email, birthday FROM member WHERE id = ?`,
  ).get(erasure.memberId) as PersonalRow | undefined;
  if (row) {
    prepared(db, 'DELETE FROM member_search WHERE rowid = ?').run(row.member_no);
    prepared(
      db,
      `UPDATE member SET name = ?, phone_e164 = ?, phone_national = ?, email = NULL,
         birthday = NULL, card_number = ? WHERE id = ?`,
    ).run(
      ERASED_MEMBER.name,
      ERASED_MEMBER.phoneE164,
      ERASED_MEMBER.phoneNational,
      erasure.cardNumber,
      erasure.memberId,
    );
    const quoted = [row.name, row.phone_e164, row.phone_national, row.email, row.birthday].filter(
      (v): v is string => typeof v === 'string' && v.trim().length >= 2,
    );
    for (const value of quoted) {
      prepared(
        db,
        `UPDATE sync_compensation SET message = replace(message, ?, ?) WHERE instr(message, ?) > 0`,
      ).run(value, ERASED_TEXT, value);
    }
  }
  const ops = prepared(
    db,
    `SELECT seq, op_type, payload FROM outbox
     WHERE op_type IN ('member.enrolled', 'member.updated')
       AND ? IN (json_extract(payload, '$.id'), json_extract(payload, '$.memberId'))`,
  ).all(erasure.memberId) as { seq: number; op_type: string; payload: string }[];
  for (const op of ops) {
    const scrubbed = scrubbedPayload(op.op_type, op.payload, erasure.cardNumber);
    if (scrubbed !== null && scrubbed !== op.payload) {
      prepared(db, 'UPDATE outbox SET payload = ? WHERE seq = ?').run(scrubbed, op.seq);
    }
  }
}

/**
 * Erasures applied again to members who hold personal data once more: after a restore, the
 * operations head office gives back are written into the ledger after the erasures stream was
 * pulled. Returns how many were scrubbed (compact after, outside the transaction, if any).
 */
export function reapplyKnownErasures(db: Database.Database): number {
  const again = prepared(
    db,
    `SELECT e.member_id AS memberId, e.card_number AS cardNumber, e.erased_at AS erasedAt
     FROM erased_member e JOIN member m ON m.id = e.member_id
     WHERE m.name <> '' OR m.phone_e164 <> '' OR m.email IS NOT NULL OR m.birthday IS NOT NULL
       OR m.card_number <> e.card_number`,
  ).all() as PulledErasure[];
  db.transaction(() => {
    for (const erasure of again) applyErasure(db, erasure);
  })();
  return again.length;
}

/**
 * After erasures were applied: the search index merged so deleted tokens leave its segments,
 * free pages returned (the ledger runs with secure_delete, so freed bytes are zeros already),
 * and the WAL checkpointed and truncated so no older page image keeps the data. A ledger made
 * before auto_vacuum was set is vacuumed in full once, which also clears what was freed before
 * secure_delete was on. Outside any transaction.
 */
export function compactAfterErasure(db: Database.Database): void {
  db.exec("INSERT INTO member_search (member_search) VALUES ('optimize')");
  const autoVacuum = db.pragma('auto_vacuum', { simple: true }) as number;
  if (autoVacuum !== 2) {
    db.pragma('auto_vacuum = INCREMENTAL');
    db.exec('VACUUM');
  } else {
    db.pragma('incremental_vacuum');
  }
  const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (result?.busy) log.warn('the WAL could not be truncated after an erasure; it will be later');
}
