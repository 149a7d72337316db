import type Database from 'better-sqlite3-multiple-ciphers';
import { prepared } from '../db/statements';
import { memberSearchTokens } from './searchTokens';
import type { Locale } from '../../../shared/locale';

export interface NewMember {
  id: string;
  cardNumber: string;
  name: string;
  phoneE164: string;
  phoneNational: string;
  email: string | null;
  birthday: string | null;
  marketingConsent: boolean;
  consentAt: string | null;
  consentTerminalId: string | null;
  enrolledAt: string;
  storeId: string;
  storeName: string;
  terminalId: string;
  staffId: string;
  referralCode: string;
  referredBy: string | null;
  preferredLanguage: Locale;
  hlc: string;
}

export function insertMember(db: Database.Database, m: NewMember): void {
  const row = prepared(
    db,
    `INSERT INTO member (id, card_number, name, phone_e164, phone_national, email, birthday,
       marketing_consent, consent_at, consent_terminal_id, enrolled_at, enrolled_store_id,
       enrolled_store_name, enrolled_terminal_id, enrolled_by, referral_code, referred_by,
       preferred_language, hlc)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     RETURNING member_no`,
  ).get(
    m.id,
    m.cardNumber,
    m.name,
    m.phoneE164,
    m.phoneNational,
    m.email,
    m.birthday,
    m.marketingConsent ? 1 : 0,
    m.consentAt,
    m.consentTerminalId,
    m.enrolledAt,
    m.storeId,
    m.storeName,
    m.terminalId,
    m.staffId,
    m.referralCode,
    m.referredBy,
    m.preferredLanguage,
    m.hlc,
  ) as { member_no: number };
  prepared(db, 'INSERT INTO member_search (rowid, tokens) VALUES (?, ?)').run(
    row.member_no,
    memberSearchTokens(m.name, m.phoneNational),
  );
}

/** The cached balance moves in the same transaction as the ledger entry that explains it. */
export function addToBalance(db: Database.Database, memberId: string, points: number): number {
  const row = prepared(
    db,
    'UPDATE member SET points_balance = points_balance + ? WHERE id = ? RETURNING points_balance',
  ).get(points, memberId) as { points_balance: number } | undefined;
  if (!row) throw new Error(`member vanished mid-transaction: ${memberId}`);
  return row.points_balance;
}
