import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import type { Locale } from '../../../../shared/locale';
import { firstConsentWording, type ConsentPurpose } from '../../../../shared/rules/consent';
import { makeTempDir, type TempDir } from '../../../../test/unit/helpers/terminal';

/**
 * Migration 13 (consent ledger): the single marketing flag becomes one event per member and
 * channel, for marketing on SMS and email, "imported": granted where the flag was set, withdrawn
 * where it was not. The current state and the flag agree with the events, and the pull cursor
 * learns the consent stream without losing the cursors it had.
 */

let tmp: TempDir;
let db: Database.Database;

const A = '01900000-0000-7000-8000-00000000000a';
const B = '01900000-0000-7000-8000-00000000000b';

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
  db.pragma('foreign_keys = OFF');
  for (const migration of migrations.filter((m) => m.version < 13)) {
    db.exec(migration.up);
    db.pragma(`user_version = ${Number(migration.version)}`);
  }
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

function memberRow(id: string, consent: 0 | 1, fieldHlc: string): void {
  db.prepare(
    `INSERT INTO member (id, card_number, name, phone_e164, phone_national, marketing_consent,
       consent_at, enrolled_at, enrolled_store_id, enrolled_store_name, enrolled_terminal_id, hlc,
       field_hlc, preferred_language)
     VALUES (?, ?, 'Amy', ?, '91234567', ?, '2025-03-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z',
       's', 'Shop', 't', '000001700000000-00000-t', ?, 'zh-Hant')`,
  ).run(id, `card-${id}`, `+852${id.slice(-8)}`, consent, fieldHlc);
}

describe('upgrading a ledger with the single flag', () => {
  beforeEach(() => {
    memberRow(A, 1, JSON.stringify({ marketingConsent: '000001740000000-00003-t' }));
    memberRow(B, 0, '{}');
    db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('members', 42)").run();
    migrate(db);
  });

  it('gives each member an imported event on SMS and on email, with the flag’s answer', () => {
    const events = db
      .prepare(
        `SELECT id, member_id, channel, purpose, answer, hlc, method, wording_version, language, at
         FROM consent_event ORDER BY member_id, channel`,
      )
      .all();
    expect(events).toEqual([
      {
        id: `imported:email:granted:${A}`,
        member_id: A,
        channel: 'email',
        purpose: 'marketing',
        answer: 'granted',
        hlc: '000001740000000-00003-t',
        method: 'imported',
        wording_version: null,
        language: 'zh-Hant',
        at: '2025-03-01T00:00:00.000Z',
      },
      expect.objectContaining({ id: `imported:sms:granted:${A}`, answer: 'granted' }),
      expect.objectContaining({
        id: `imported:email:withdrawn:${B}`,
        answer: 'withdrawn',
        // No edit of the flag on record: the member's own clock.
        hlc: '000001700000000-00000-t',
      }),
      expect.objectContaining({ id: `imported:sms:withdrawn:${B}`, answer: 'withdrawn' }),
    ]);
  });

  it('derives the current state from them and keeps the flag as it was', () => {
    expect(
      db
        .prepare('SELECT member_id, channel, answer FROM consent_current ORDER BY 1, 2')
        .all()
        .map((r) => Object.values(r as object).join(' ')),
    ).toEqual([
      `${A} email granted`,
      `${A} sms granted`,
      `${B} email withdrawn`,
      `${B} sms withdrawn`,
    ]);
    expect(db.prepare('SELECT id, marketing_consent FROM member ORDER BY id').all()).toEqual([
      { id: A, marketing_consent: 1 },
      { id: B, marketing_consent: 0 },
    ]);
  });

  it('keeps the pull cursors and accepts the consent stream', () => {
    expect(db.prepare('SELECT stream, cursor FROM sync_cursor').all()).toEqual([
      { stream: 'members', cursor: 42 },
    ]);
    db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('consent', 1)").run();
    expect(() =>
      db.prepare("INSERT INTO sync_cursor (stream, cursor) VALUES ('gossip', 1)").run(),
    ).toThrow(/CHECK/);
  });

  it('seeds version 1 of the wording of every purpose in the three languages, as head office does', () => {
    const seeded = db
      .prepare('SELECT purpose, language, text FROM consent_wording WHERE version = 1')
      .all() as { purpose: ConsentPurpose; language: Locale; text: string }[];
    expect(seeded).toHaveLength(12);
    for (const row of seeded) expect(row.text).toBe(firstConsentWording[row.purpose][row.language]);
  });
});
