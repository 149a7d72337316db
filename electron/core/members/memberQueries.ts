import type Database from 'better-sqlite3-multiple-ciphers';
import type { Member, MemberSummary } from '../../../shared/domain';
import { prepared } from '../db/statements';
import { nameSearchPlan, normaliseName, phoneSearchPlan } from './searchTokens';
import { normalisePhone, type PhoneCountry } from '../../../shared/phone';
import type { Locale } from '../../../shared/locale';

interface MemberRow {
  id: string;
  card_number: string;
  name: string;
  phone_e164: string;
  points_balance: number;
  email: string | null;
  birthday: string | null;
  marketing_consent: number;
  consent_at: string | null;
  consent_terminal_id: string | null;
  enrolled_at: string;
  enrolled_store_name: string;
  enrolled_terminal_id: string;
  referral_code: string;
  referred_by: string | null;
  preferred_language: Locale;
}

/**
 * The balance a cashier sees: head office's figure for the chain when this terminal has one,
 * plus this terminal's own entries that head office had not yet counted; otherwise the local
 * ledger alone.
 */
const balanceExpression = `CASE WHEN r.member_id IS NULL THEN m.points_balance
  ELSE r.points + m.points_balance - r.local_included END`;
const summaryColumns = `m.id, m.card_number, m.name, m.phone_e164, ${balanceExpression} AS points_balance`;
const fromMember = 'member m LEFT JOIN member_remote r ON r.member_id = m.id';
/** A member merged into another at head office is looked up as the one it was merged into. */
const current = 'm.merged_into IS NULL';

function toSummary(row: MemberRow): MemberSummary {
  return {
    id: row.id,
    cardNumber: row.card_number,
    name: row.name,
    phone: row.phone_e164,
    pointsBalance: row.points_balance,
  };
}

export function memberById(db: Database.Database, id: string): Member | null {
  const row = prepared(
    db,
    `SELECT m.*, ${balanceExpression} AS points_balance FROM ${fromMember} WHERE m.id = ?`,
  ).get(id) as MemberRow | undefined;
  if (!row) return null;
  return {
    ...toSummary(row),
    email: row.email,
    birthday: row.birthday,
    marketingConsent: row.marketing_consent === 1,
    consentAt: row.consent_at,
    consentTerminalId: row.consent_terminal_id,
    preferredLanguage: row.preferred_language,
    enrolledAt: row.enrolled_at,
    enrolledStoreName: row.enrolled_store_name,
    enrolledTerminalId: row.enrolled_terminal_id,
    referralCode: row.referral_code,
    referredBy: row.referred_by,
  };
}

export function memberSummaryById(db: Database.Database, id: string): MemberSummary | null {
  const row = prepared(db, `SELECT ${summaryColumns} FROM ${fromMember} WHERE m.id = ?`).get(id) as
    MemberRow | undefined;
  return row ? toSummary(row) : null;
}

/** The member as checkout prices for them, with their tier_id, in one read of the row. */
export function memberForCheckout(
  db: Database.Database,
  id: string,
): { member: MemberSummary; tierId: string | null } | null {
  const row = prepared(
    db,
    `SELECT ${summaryColumns}, m.tier_id FROM ${fromMember} WHERE m.id = ?`,
  ).get(id) as (MemberRow & { tier_id: string | null }) | undefined;
  return row ? { member: toSummary(row), tierId: row.tier_id } : null;
}

export function memberByPhone(db: Database.Database, e164: string): MemberSummary | null {
  const row = prepared(
    db,
    `SELECT ${summaryColumns} FROM ${fromMember} WHERE m.phone_e164 = ? AND ${current}
     ORDER BY m.member_no LIMIT 1`,
  ).get(e164) as MemberRow | undefined;
  return row ? toSummary(row) : null;
}

export function memberByCard(db: Database.Database, card: string): MemberSummary | null {
  const row = prepared(
    db,
    `SELECT ${summaryColumns} FROM ${fromMember}
     WHERE m.id = (SELECT coalesce(c.merged_into, c.id) FROM member c WHERE c.card_number = ?)`,
  ).get(card) as MemberRow | undefined;
  return row ? toSummary(row) : null;
}

const searchPageSql = /* sql */ `
  SELECT s.rowid AS member_no, ${summaryColumns}
  FROM member_search s JOIN member m ON m.member_no = s.rowid
  LEFT JOIN member_remote r ON r.member_id = m.id
  WHERE member_search MATCH ? AND s.rowid < ? AND ${current}
  ORDER BY s.rowid DESC
  LIMIT ?`;

/** Pages a long Han query may read while checking contiguity, so a search stays bounded. */
const MAX_PAGES = 20;

/**
 * Newest members first. A whole phone number in any form the shop's country accepts
 * ("9123 4567", "+852 9123 4567") is an exact lookup; other digits match the start of a phone or
 * its last four; anything else matches names. Long Han runs are re-checked for contiguity,
 * paging back until enough true matches are found.
 */
export function searchMembers(
  db: Database.Database,
  query: string,
  limit: number,
  phoneCountry: PhoneCountry,
): MemberSummary[] {
  const digits = query.replace(/[\s()+-]/g, '');
  const isDigits = /^\d{3,}$/.test(digits);
  if (isDigits) {
    const phone = normalisePhone(query, phoneCountry);
    const exact = phone ? memberByPhone(db, phone.e164) : null;
    if (exact) return [exact];
  }
  const plan = isDigits ? phoneSearchPlan(digits) : nameSearchPlan(query);
  if (!plan) return [];
  const statement = prepared(db, searchPageSql);
  const pageSize = plan.mustContain.length > 0 ? limit * 5 : limit;
  const kept: (MemberRow & { member_no: number })[] = [];
  let before = Number.MAX_SAFE_INTEGER;
  for (let page = 0; page < MAX_PAGES && kept.length < limit; page++) {
    const rows = statement.all(plan.match, before, pageSize) as (MemberRow & {
      member_no: number;
    })[];
    for (const row of rows) {
      const name = normaliseName(row.name);
      if (plan.mustContain.every((run) => name.includes(run))) kept.push(row);
    }
    const last = rows[rows.length - 1];
    if (rows.length < pageSize || !last) break;
    before = last.member_no;
  }
  return kept.slice(0, limit).map(toSummary);
}

export function memberByReferralCode(
  db: Database.Database,
  code: string,
): { id: string; name: string } | null {
  const row = prepared(db, 'SELECT id, name FROM member WHERE referral_code = ?').get(code) as
    { id: string; name: string } | undefined;
  return row ?? null;
}
