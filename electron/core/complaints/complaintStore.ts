import type Database from 'better-sqlite3-multiple-ciphers';
import type { ComplaintView } from '../../../shared/api/complaint';
import {
  complaintEventValues,
  deadlinesOf,
  foldComplaint,
  isOpenStatus,
  type ComplaintEvent,
  type ComplaintSettings,
} from '../../../shared/rules/complaint';
import type { CoreContext } from '../context';
import { prepared } from '../db/statements';
import { readProgram } from '../program/programStore';

/** The one writer and the reads of complaint events; a complaint is their fold. */

/** Stores an event once: one pulled twice, or sent back by head office, is ignored. */
export function appendComplaintEvent(db: Database.Database, e: ComplaintEvent): void {
  prepared(
    db,
    `INSERT INTO complaint_event (id, complaint_id, kind, at, hlc, origin, store_id, terminal_id,
       by, note, details, assignee, goodwill, member_id, ticket)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO NOTHING`,
  ).run(...complaintEventValues(e), e.details?.memberId ?? null, e.details?.ticket ?? null);
}

interface EventRow {
  id: string;
  complaint_id: string;
  kind: ComplaintEvent['kind'];
  at: string;
  hlc: string;
  origin: ComplaintEvent['origin'];
  store_id: string | null;
  terminal_id: string | null;
  by: string | null;
  note: string;
  details: string | null;
  assignee: string | null;
  goodwill: string | null;
}

const eventOf = (row: EventRow): ComplaintEvent => ({
  id: row.id,
  complaintId: row.complaint_id,
  kind: row.kind,
  at: row.at,
  hlc: row.hlc,
  origin: row.origin,
  storeId: row.store_id,
  terminalId: row.terminal_id,
  by: row.by,
  note: row.note,
  details: row.details ? (JSON.parse(row.details) as ComplaintEvent['details']) : null,
  assignee: row.assignee,
  goodwill: row.goodwill ? (JSON.parse(row.goodwill) as ComplaintEvent['goodwill']) : null,
});

export function eventsOf(db: Database.Database, complaintId: string): ComplaintEvent[] {
  const rows = prepared(
    db,
    'SELECT * FROM complaint_event WHERE complaint_id = ? ORDER BY hlc, id',
  ).all(complaintId) as EventRow[];
  return rows.map(eventOf);
}

export function ticketTaken(db: Database.Database, ticket: string): boolean {
  return prepared(db, 'SELECT 1 FROM complaint_event WHERE ticket = ?').get(ticket) !== undefined;
}

/** Complaints opened here or pulled, newest first (optionally one member's). */
export function complaintIds(
  db: Database.Database,
  memberId: string | null,
  limit: number,
): string[] {
  const rows = prepared(
    db,
    `SELECT complaint_id FROM complaint_event
     WHERE kind = 'opened' AND (? IS NULL OR member_id = ?)
     ORDER BY at DESC, complaint_id DESC LIMIT ?`,
  ).all(memberId, memberId, limit) as { complaint_id: string }[];
  return rows.map((r) => r.complaint_id);
}

export function viewOf(
  events: ComplaintEvent[],
  settings: ComplaintSettings,
  now: number,
): ComplaintView | null {
  const state = foldComplaint(events);
  if (!state) return null;
  const deadlines = deadlinesOf(state, settings, now);
  return {
    ...state,
    ...deadlines,
    breached: deadlines.firstResponseBreached || deadlines.resolutionBreached,
  };
}

export function complaintView(ctx: CoreContext, complaintId: string): ComplaintView | null {
  return viewOf(eventsOf(ctx.db, complaintId), readProgram(ctx.db).complaints, ctx.now());
}

export function openComplaintsOfMember(ctx: CoreContext, memberId: string): number {
  return complaintIds(ctx.db, memberId, 200)
    .map((id) => complaintView(ctx, id))
    .filter((view) => view !== null && isOpenStatus(view.status)).length;
}
