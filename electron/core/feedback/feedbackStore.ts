import type Database from 'better-sqlite3-multiple-ciphers';
import type { FeedbackFollowUp, FeedbackResponse } from '../../../shared/api/feedback';
import type { FeedbackScale } from '../../../shared/rules/feedback';
import { prepared } from '../db/statements';
import { memberSummaryById } from '../members/memberQueries';

/** The one writer and the reads of the feedback tables. */

export interface StoredFeedback {
  id: string;
  saleId: string | null;
  memberId: string | null;
  scale: FeedbackScale;
  score: number;
  reasons: string[];
  comment: string;
  storeId: string;
  terminalId: string;
  staffId: string | null;
  at: string;
  hlc: string;
}

export function insertFeedback(db: Database.Database, f: StoredFeedback): void {
  prepared(
    db,
    `INSERT INTO feedback (id, sale_id, member_id, scale, score, reasons, comment, store_id,
       terminal_id, staff_id, at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    f.id,
    f.saleId,
    f.memberId,
    f.scale,
    f.score,
    JSON.stringify(f.reasons),
    f.comment,
    f.storeId,
    f.terminalId,
    f.staffId,
    f.at,
    f.hlc,
  );
}

export function openFollowUp(db: Database.Database, feedbackId: string, dueAt: string): void {
  prepared(db, 'INSERT INTO feedback_follow_up (feedback_id, due_at) VALUES (?, ?)').run(
    feedbackId,
    dueAt,
  );
}

export function closeFollowUp(
  db: Database.Database,
  feedbackId: string,
  doneAt: string,
  doneBy: string,
  note: string,
): boolean {
  const result = prepared(
    db,
    `UPDATE feedback_follow_up SET done_at = ?, done_by = ?, note = ?
     WHERE feedback_id = ? AND done_at IS NULL`,
  ).run(doneAt, doneBy, note, feedbackId);
  return result.changes === 1;
}

interface FeedbackRow {
  id: string;
  sale_id: string | null;
  member_id: string | null;
  scale: FeedbackScale;
  score: number;
  reasons: string;
  comment: string;
  staff_id: string | null;
  at: string;
}

const responseOf = (row: FeedbackRow): FeedbackResponse => ({
  id: row.id,
  saleId: row.sale_id,
  memberId: row.member_id,
  scale: row.scale,
  score: row.score,
  reasons: JSON.parse(row.reasons) as string[],
  comment: row.comment,
  staffId: row.staff_id,
  at: row.at,
});

export function saleHasFeedback(db: Database.Database, saleId: string): boolean {
  return prepared(db, 'SELECT 1 FROM feedback WHERE sale_id = ? LIMIT 1').get(saleId) !== undefined;
}

export function lastAnswerOfMember(db: Database.Database, memberId: string): string | null {
  const row = prepared(db, 'SELECT max(at) AS at FROM feedback WHERE member_id = ?').get(
    memberId,
  ) as { at: string | null };
  return row.at;
}

export function recentFeedbackOfMember(
  db: Database.Database,
  memberId: string,
  limit: number,
): FeedbackResponse[] {
  const rows = prepared(
    db,
    `SELECT id, sale_id, member_id, scale, score, reasons, comment, staff_id, at
     FROM feedback WHERE member_id = ? ORDER BY at DESC, id DESC LIMIT ?`,
  ).all(memberId, limit) as FeedbackRow[];
  return rows.map(responseOf);
}

interface FollowUpRow extends FeedbackRow {
  due_at: string;
  done_at: string | null;
  note: string;
}

export function followUps(
  db: Database.Database,
  includeDone: boolean,
  nowIso: string,
  feedbackId: string | null = null,
): FeedbackFollowUp[] {
  const rows = prepared(
    db,
    `SELECT f.id, f.sale_id, f.member_id, f.scale, f.score, f.reasons, f.comment, f.staff_id,
       f.at, u.due_at, u.done_at, u.note
     FROM feedback_follow_up u JOIN feedback f ON f.id = u.feedback_id
     WHERE (? = 1 OR u.done_at IS NULL) AND (? IS NULL OR u.feedback_id = ?)
     ORDER BY u.done_at IS NOT NULL, u.due_at, f.id
     LIMIT 500`,
  ).all(includeDone ? 1 : 0, feedbackId, feedbackId) as FollowUpRow[];
  return rows.map((row) => {
    const member = row.member_id ? memberSummaryById(db, row.member_id) : null;
    return {
      feedbackId: row.id,
      memberId: row.member_id,
      member: member ? { name: member.name, phone: member.phone } : null,
      saleId: row.sale_id,
      scale: row.scale,
      score: row.score,
      reasons: JSON.parse(row.reasons) as string[],
      comment: row.comment,
      answeredAt: row.at,
      dueAt: row.due_at,
      overdue: row.done_at === null && row.due_at < nowIso,
      doneAt: row.done_at,
      note: row.note,
    };
  });
}
