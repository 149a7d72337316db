import type Database from 'better-sqlite3';
import type { Member, MemberSummary } from '../../../shared/domain';
import { prepared } from '../db/statements';
import { nameSearchPlan, normaliseName, phoneSearchPlan } from './searchTokens';

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
}

const summaryColumns = 'id, card_number, name, phone_e164, points_balance';

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
  const row = prepared(db, 'SELECT * FROM member WHERE id = ?').get(id) as MemberRow | undefined;
  if (!row) return null;
  return {
    ...toSummary(row),
    email: row.email,
    birthday: row.birthday,
    marketingConsent: row.marketing_consent === 1,
    consentAt: row.consent_at,
    consentTerminalId: row.consent_terminal_id,
    enrolledAt: row.enrolled_at,
    enrolledStoreName: row.enrolled_store_name,
    enrolledTerminalId: row.enrolled_terminal_id,
  };
}

export function memberSummaryById(db: Database.Database, id: string): MemberSummary | null {
  const row = prepared(db, `SELECT ${summaryColumns} FROM member WHERE id = ?`).get(id) as
    MemberRow | undefined;
  return row ? toSummary(row) : null;
}

export function memberByPhone(db: Database.Database, e164: string): MemberSummary | null {
  const row = prepared(db, `SELECT ${summaryColumns} FROM member WHERE phone_e164 = ?`).get(
    e164,
  ) as MemberRow | undefined;
  return row ? toSummary(row) : null;
}

export function memberByCard(db: Database.Database, card: string): MemberSummary | null {
  const row = prepared(db, `SELECT ${summaryColumns} FROM member WHERE card_number = ?`).get(
    card,
  ) as MemberRow | undefined;
  return row ? toSummary(row) : null;
}

const searchSql = `
  SELECT m.id, m.card_number, m.name, m.phone_e164, m.points_balance
  FROM member_search s JOIN member m ON m.member_no = s.rowid
  WHERE member_search MATCH ?
  ORDER BY s.rowid DESC
  LIMIT ?`;

/** Newest members first. Over-fetches when contiguity of long Han runs must be re-checked. */
export function searchMembers(
  db: Database.Database,
  query: string,
  limit: number,
): MemberSummary[] {
  const digits = query.replace(/[\s()+-]/g, '');
  const plan = /^\d{3,}$/.test(digits) ? phoneSearchPlan(digits) : nameSearchPlan(query);
  if (!plan) return [];
  const fetch = plan.mustContain.length > 0 ? limit * 5 : limit;
  const rows = prepared(db, searchSql).all(plan.match, fetch) as MemberRow[];
  const kept = plan.mustContain.length
    ? rows.filter((row) => {
        const name = normaliseName(row.name);
        return plan.mustContain.every((run) => name.includes(run));
      })
    : rows;
  return kept.slice(0, limit).map(toSummary);
}
