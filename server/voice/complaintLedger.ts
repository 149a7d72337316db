import {
  complaintEventValues,
  deadlinesOf,
  foldComplaint,
  type ComplaintEvent,
} from '../../shared/rules/complaint';
import type { Queryable } from '../db/database';
import { publishChanges } from '../db/streams';
import { complaintSettingsOf } from './complaintSettings';

/**
 * Head office's one writer of complaints. Every event (pushed by a terminal or recorded at head
 * office) is stored once per id; the complaint's row is the fold of all its events, recomputed
 * under a row lock so two pushes on one complaint cannot both write a fold missing the other's
 * event; each new event goes out on the complaints stream so the store learns it.
 */
export async function appendComplaintEvents(
  tx: Queryable,
  events: readonly ComplaintEvent[],
  at: string,
  opId: string | null,
): Promise<ComplaintEvent[]> {
  const added: ComplaintEvent[] = [];
  for (const e of events) {
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO complaint_event (id, complaint_id, kind, at, hlc, origin, store_id,
         terminal_id, by, note, details, assignee, goodwill, op_id, recorded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12, $13::jsonb, $14, $15)
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [...complaintEventValues(e), opId, at],
    );
    if (rows.length > 0) added.push(e);
  }
  for (const complaintId of new Set(added.map((e) => e.complaintId))) {
    await refold(tx, complaintId);
  }
  await publishChanges(
    tx,
    added.map((event) => ({ stream: 'complaints' as const, entityId: event.id, data: event })),
    at,
  );
  return added;
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
  details: ComplaintEvent['details'];
  assignee: string | null;
  goodwill: ComplaintEvent['goodwill'];
}

export async function complaintEventsOf(
  tx: Queryable,
  complaintId: string,
): Promise<ComplaintEvent[]> {
  const { rows } = await tx.query<EventRow>(
    `SELECT id, complaint_id, kind, at, hlc, origin, store_id, terminal_id, by, note, details,
       assignee, goodwill
     FROM complaint_event WHERE complaint_id = $1`,
    [complaintId],
  );
  return rows.map((r) => ({
    id: r.id,
    complaintId: r.complaint_id,
    kind: r.kind,
    at: r.at,
    hlc: r.hlc,
    origin: r.origin,
    storeId: r.store_id,
    terminalId: r.terminal_id,
    by: r.by,
    note: r.note,
    details: r.details,
    assignee: r.assignee,
    goodwill: r.goodwill,
  }));
}

async function refold(tx: Queryable, complaintId: string): Promise<void> {
  // Serialises writers of one complaint: the second waits, then folds both events.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [complaintId]);
  const state = foldComplaint(await complaintEventsOf(tx, complaintId));
  if (!state) return; // its `opened` event has not arrived yet; the events wait for it
  const d = deadlinesOf(state, await complaintSettingsOf(tx), Date.parse(state.openedAt));
  const search = [
    state.details.ticket,
    state.details.whatHappened,
    state.details.customerWants,
    ...state.events.map((e) => e.note),
  ].join('\n');
  await tx.query(
    `INSERT INTO complaint (id, ticket, store_id, member_id, category, severity, status, escalated,
       assignee, opened_at, first_response_at, resolved_at, first_response_due_at,
       resolution_due_at, goodwill_points, goodwill_cost_minor, search_text, state)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18::jsonb)
     ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, escalated = EXCLUDED.escalated,
       assignee = EXCLUDED.assignee, first_response_at = EXCLUDED.first_response_at,
       resolved_at = EXCLUDED.resolved_at, goodwill_points = EXCLUDED.goodwill_points,
       goodwill_cost_minor = EXCLUDED.goodwill_cost_minor, search_text = EXCLUDED.search_text,
       state = EXCLUDED.state`,
    [
      complaintId,
      state.details.ticket,
      state.storeId,
      state.details.memberId,
      state.details.category,
      state.details.severity,
      state.status,
      state.escalated,
      state.assignee,
      state.openedAt,
      state.firstResponseAt,
      state.resolvedAt,
      d.firstResponseDueAt,
      d.resolutionDueAt,
      state.goodwillPoints,
      state.goodwillCostMinor,
      search,
      JSON.stringify(state),
    ],
  );
}
