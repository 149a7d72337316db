import type Database from 'better-sqlite3-multiple-ciphers';
import type { Currency } from '../../../shared/money';
import type { Locale } from '../../../shared/locale';
import type { PhoneCountry } from '../../../shared/phone';
import type { TerminalInfo } from '../../../shared/domain';
import { committedCache } from '../db/committedCache';
import { prepared } from '../db/statements';
import { DomainError } from '../../../shared/result';

interface TerminalRow {
  store_id: string;
  store_name: string;
  terminal_id: string;
  terminal_name: string;
  terminal_number: number;
  currency: string;
  time_zone: string;
  locale: string;
  phone_country: string;
  current_staff_id: string;
  staff_name: string;
  staff_role: string;
  signed_in: number;
}

const selectTerminal = `
  SELECT t.*, s.name AS staff_name, s.role AS staff_role,
    EXISTS (SELECT 1 FROM staff_session WHERE ended_at IS NULL) AS signed_in
  FROM terminal t JOIN staff s ON s.id = t.current_staff_id
  WHERE t.id = 1`;

/**
 * The terminal row (with who is at the till and whether anyone is signed in) is read on every
 * write, so it is cached until it changes: every write to terminal, staff_session or the current
 * cashier calls forgetTerminal.
 */
const cache = committedCache<TerminalInfo | null>();

export function readTerminal(db: Database.Database): TerminalInfo | null {
  return cache.get(db, () => loadTerminal(db));
}

function loadTerminal(db: Database.Database): TerminalInfo | null {
  const row = prepared(db, selectTerminal).get() as TerminalRow | undefined;
  if (!row) return null;
  return {
    storeId: row.store_id,
    storeName: row.store_name,
    terminalId: row.terminal_id,
    terminalName: row.terminal_name,
    terminalNumber: row.terminal_number,
    currency: row.currency as Currency,
    timeZone: row.time_zone,
    locale: row.locale as Locale,
    phoneCountry: row.phone_country as PhoneCountry,
    cashier: {
      id: row.current_staff_id,
      name: row.staff_name,
      role: row.staff_role === 'manager' ? 'manager' : 'cashier',
    },
    signedIn: row.signed_in === 1,
  };
}

export function requireTerminal(db: Database.Database): TerminalInfo {
  const info = readTerminal(db);
  if (!info) throw new DomainError('not_set_up', 'This terminal has not been set up yet.');
  return info;
}

export function forgetTerminal(db: Database.Database): void {
  cache.forget(db);
}

export interface NewTerminal {
  storeId: string;
  storeName: string;
  terminalId: string;
  terminalName: string;
  terminalNumber: number;
  currency: Currency;
  timeZone: string;
  locale: Locale;
  phoneCountry: PhoneCountry;
  currentStaffId: string;
  createdAt: string;
}

export function insertTerminal(db: Database.Database, t: NewTerminal): void {
  prepared(
    db,
    `INSERT INTO terminal (id, store_id, store_name, terminal_id, terminal_name, terminal_number,
       currency, time_zone, locale, phone_country, current_staff_id, created_at)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    t.storeId,
    t.storeName,
    t.terminalId,
    t.terminalName,
    t.terminalNumber,
    t.currency,
    t.timeZone,
    t.locale,
    t.phoneCountry,
    t.currentStaffId,
    t.createdAt,
  );
  forgetTerminal(db);
}

/** Who is at the till now (or was last); sign-in keeps it current. */
export function updateCurrentStaff(db: Database.Database, staffId: string): void {
  prepared(db, 'UPDATE terminal SET current_staff_id = ? WHERE id = 1').run(staffId);
  forgetTerminal(db);
}

export function updateLocale(db: Database.Database, locale: Locale): void {
  prepared(db, 'UPDATE terminal SET locale = ? WHERE id = 1').run(locale);
  forgetTerminal(db);
}

/** Takes the next number from a per-terminal counter inside the caller's transaction. */
export function takeNextCardSeq(db: Database.Database): number {
  const row = prepared(
    db,
    'UPDATE terminal SET next_card_seq = next_card_seq + 1 WHERE id = 1 RETURNING next_card_seq - 1 AS seq',
  ).get() as { seq: number };
  return row.seq;
}

export function takeNextSaleSeq(db: Database.Database): number {
  const row = prepared(
    db,
    'UPDATE terminal SET next_sale_seq = next_sale_seq + 1 WHERE id = 1 RETURNING next_sale_seq - 1 AS seq',
  ).get() as { seq: number };
  return row.seq;
}
