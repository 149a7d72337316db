import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, migrations } from '../migrate';
import { LEDGER_FILE } from '../../core';
import { makeTempDir, type TempDir } from '../../../../test/unit/helpers/terminal';

/**
 * Migration 10 (member language): every member has a preferred language, one of the terminal's
 * languages. Members already on file take the shop's language (the terminal's), as a member
 * enrolled from now on does until they choose another.
 */

let tmp: TempDir;
let db: Database.Database;

beforeEach(() => {
  tmp = makeTempDir();
  db = new Database(path.join(tmp.dir, LEDGER_FILE));
  // The schema just before this migration, with foreign keys off so rows need no staff.
  db.pragma('foreign_keys = OFF');
  for (const migration of migrations.filter((m) => m.version < 10)) {
    db.exec(migration.up);
    db.pragma(`user_version = ${Number(migration.version)}`);
  }
});
afterEach(() => {
  if (db.open) db.close();
  tmp.remove();
});

function terminalIn(locale: string): void {
  db.prepare(
    `INSERT INTO terminal (id, store_id, store_name, terminal_id, terminal_name, terminal_number,
       currency, time_zone, locale, phone_country, current_staff_id, created_at)
     VALUES (1, 's', 'Shop', 't', 'Till', 12345, 'HKD', 'Asia/Hong_Kong', ?, 'HK', 'st', 'x')`,
  ).run(locale);
}

function memberRow(id: string, language?: string): void {
  db.prepare(
    `INSERT INTO member (id, card_number, name, phone_e164, phone_national, marketing_consent,
       enrolled_at, enrolled_store_id, enrolled_store_name, enrolled_terminal_id, hlc
       ${language === undefined ? '' : ', preferred_language'})
     VALUES (?, ?, 'Amy', '+85291234567', '91234567', 0, 'x', 's', 'Shop', 't', 'h'
       ${language === undefined ? '' : ', ?'})`,
  ).run(id, `card-${id}`, ...(language === undefined ? [] : [language]));
}

const languages = () =>
  db.prepare('SELECT id, preferred_language FROM member ORDER BY id').all() as {
    id: string;
    preferred_language: string;
  }[];

describe('upgrading a ledger that already has members', () => {
  it('gives each the shop’s language', () => {
    terminalIn('zh-Hant');
    memberRow('a');
    memberRow('b');
    migrate(db);
    expect(db.pragma('user_version', { simple: true })).toBeGreaterThanOrEqual(10);
    expect(languages()).toEqual([
      { id: 'a', preferred_language: 'zh-Hant' },
      { id: 'b', preferred_language: 'zh-Hant' },
    ]);
  });

  it('gives English where no terminal was set up yet', () => {
    memberRow('a');
    migrate(db);
    expect(languages()).toEqual([{ id: 'a', preferred_language: 'en' }]);
  });
});

describe('after the migration', () => {
  beforeEach(() => {
    terminalIn('zh-Hans');
    migrate(db);
  });

  it('takes the terminal’s languages and refuses anything else', () => {
    memberRow('a', 'en');
    memberRow('b', 'zh-Hant');
    memberRow('c', 'zh-Hans');
    expect(languages().map((row) => row.preferred_language)).toEqual(['en', 'zh-Hant', 'zh-Hans']);
    expect(() => memberRow('d', 'fr')).toThrow(/CHECK/);
    expect(() => memberRow('e', '')).toThrow(/CHECK/);
  });

  it('is never null: a row inserted without one has English (the core always gives one)', () => {
    memberRow('a');
    expect(languages()).toEqual([{ id: 'a', preferred_language: 'en' }]);
    expect(() =>
      db.prepare("UPDATE member SET preferred_language = NULL WHERE id = 'a'").run(),
    ).toThrow(/NOT NULL/);
  });
});
