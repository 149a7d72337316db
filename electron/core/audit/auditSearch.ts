import type Database from 'better-sqlite3-multiple-ciphers';
import type { AuditEntryView, AuditPage } from '../../../shared/staff';
import { prepared } from '../db/statements';
import { auditChanges } from './auditChanges';
import { cardNumberFrom } from '../../../shared/card';

export interface AuditQuery {
  from?: string | undefined;
  to?: string | undefined;
  staffId?: string | undefined;
  action?: string | undefined;
  subject?: string | undefined;
  text?: string | undefined;
  beforeNo?: number | undefined;
  limit?: number | undefined;
}

interface Row {
  audit_no: number;
  id: string;
  action: string;
  subject_type: string;
  subject_id: string;
  staff_id: string;
  staff_name: string;
  approved_by: string | null;
  approver_name: string | null;
  terminal_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  created_at: string;
  member_name: string | null;
  card_number: string | null;
  subject_staff_name: string | null;
}

/** LIKE with the cashier's text taken literally: %, _ and \ match themselves. */
const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What the manager typed as subject: a member's card number, a sale's number, or an id as it is.
 * Each finds the audit rows about that member or sale.
 */
function subjectIds(db: Database.Database, subject: string): string[] {
  const ids = new Set<string>([subject]);
  const compact = subject.replace(/\s/g, '');
  // A card number as printed ("2 71788 000001 0", or with dashes) names its member.
  const card = cardNumberFrom(subject);
  const member = card
    ? (prepared(db, 'SELECT id FROM member WHERE card_number = ?').get(card) as
        { id: string } | undefined)
    : undefined;
  if (member) ids.add(member.id);
  const sale = prepared(db, 'SELECT id FROM sale WHERE number = ?').get(compact) as
    { id: string } | undefined;
  if (sale) ids.add(sale.id);
  return [...ids];
}

/**
 * The audit trail, newest first, a page at a time (keyset on audit_no, so a page never shifts as
 * new rows arrive). Filters combine; the SQL is built from fixed fragments, values are bound.
 */
export function searchAudit(
  db: Database.Database,
  terminal: { terminalId: string; terminalName: string },
  query: AuditQuery,
): AuditPage {
  const where: string[] = [];
  const params: (string | number)[] = [];
  if (query.from) {
    where.push('a.created_at >= ?');
    params.push(new Date(query.from).toISOString());
  }
  if (query.to) {
    where.push('a.created_at < ?');
    params.push(new Date(query.to).toISOString());
  }
  if (query.staffId) {
    // "Who" is whoever did it or approved it.
    where.push('(a.staff_id = ? OR a.approved_by = ?)');
    params.push(query.staffId, query.staffId);
  }
  if (query.action) {
    where.push('a.action = ?');
    params.push(query.action);
  }
  if (query.subject) {
    const ids = subjectIds(db, query.subject);
    where.push(`a.subject_id IN (${ids.map(() => '?').join(', ')})`);
    params.push(...ids);
  }
  if (query.text) {
    const like = likeLiteral(query.text);
    where.push(
      `(a.reason LIKE ? ESCAPE '\\' OR a.before LIKE ? ESCAPE '\\' OR a.after LIKE ? ESCAPE '\\'
        OR a.action LIKE ? ESCAPE '\\' OR s.name LIKE ? ESCAPE '\\')`,
    );
    params.push(like, like, like, like, like);
  }
  if (query.beforeNo) {
    where.push('a.audit_no < ?');
    params.push(query.beforeNo);
  }
  const limit = query.limit ?? 50;
  const sql = `
    SELECT a.audit_no, a.id, a.action, a.subject_type, a.subject_id, a.staff_id,
      s.name AS staff_name, a.approved_by, m.name AS approver_name, a.terminal_id, a.before,
      a.after, a.reason, a.created_at, mem.name AS member_name, mem.card_number,
      subj.name AS subject_staff_name
    FROM audit_log a
    JOIN staff s ON s.id = a.staff_id
    LEFT JOIN staff m ON m.id = a.approved_by
    LEFT JOIN member mem ON a.subject_type = 'member' AND mem.id = a.subject_id
    LEFT JOIN staff subj ON a.subject_type = 'staff' AND subj.id = a.subject_id
    ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ORDER BY a.audit_no DESC
    LIMIT ?`;
  // One more than the page tells whether an older page exists.
  const rows = prepared(db, sql).all(...params, limit + 1) as Row[];
  const page = rows.slice(0, limit);
  return {
    entries: page.map((row) => entryView(row, terminal)),
    nextBeforeNo: rows.length > limit ? (page[page.length - 1]?.audit_no ?? null) : null,
  };
}

function entryView(
  row: Row,
  terminal: { terminalId: string; terminalName: string },
): AuditEntryView {
  return {
    auditNo: row.audit_no,
    id: row.id,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    // A member by name and card, a staff member by name: a manager reads people, not ids.
    subjectLabel: row.member_name
      ? `${row.member_name} · ${row.card_number ?? ''}`
      : row.subject_staff_name,
    staffId: row.staff_id,
    staffName: row.staff_name,
    approvedById: row.approved_by,
    approvedByName: row.approver_name,
    terminalId: row.terminal_id,
    terminalName: row.terminal_id === terminal.terminalId ? terminal.terminalName : null,
    // Only what changed, each field with what it is and how its value reads.
    ...auditChanges(row.before, row.after),
    reason: row.reason,
    createdAt: row.created_at,
  };
}

export function auditActions(db: Database.Database): string[] {
  return (
    prepared(db, 'SELECT DISTINCT action FROM audit_log ORDER BY action').all() as {
      action: string;
    }[]
  ).map((r) => r.action);
}
