import { HybridClock } from '../../shared/hlc';
import {
  complaintQueueQuery,
  complaintStepRequest,
  type ComplaintDetail,
  type ComplaintQueue,
  type ComplaintRow,
} from '../../shared/office/complaints';
import {
  complaintStepAllowed,
  foldComplaint,
  type ComplaintEvent,
} from '../../shared/rules/complaint';
import { recordAudit } from '../db/audit';
import type { Database, Queryable } from '../db/database';
import { isoAt, type ServiceClock } from '../platform/clock';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import { appendComplaintEvents, complaintEventsOf } from './complaintLedger';

interface Row {
  id: string;
  ticket: string;
  store_id: string | null;
  member_id: string | null;
  category: ComplaintRow['category'];
  severity: ComplaintRow['severity'];
  status: ComplaintRow['status'];
  escalated: boolean;
  assignee: string | null;
  opened_at: Date | string;
  first_response_at: Date | string | null;
  resolved_at: Date | string | null;
  first_response_due_at: Date | string;
  resolution_due_at: Date | string;
  breached: boolean;
  goodwill_points: number;
  goodwill_cost_minor: number | string;
  what_happened: string;
  customer_wants: string;
}

const iso = (v: Date | string): string => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null): string | null => (v === null ? null : iso(v));

const rowOf = (r: Row): ComplaintRow => ({
  id: r.id,
  ticket: r.ticket,
  storeId: r.store_id,
  memberId: r.member_id,
  category: r.category,
  severity: r.severity,
  status: r.status,
  escalated: r.escalated,
  assignee: r.assignee,
  openedAt: iso(r.opened_at),
  firstResponseAt: isoOrNull(r.first_response_at),
  resolvedAt: isoOrNull(r.resolved_at),
  firstResponseDueAt: iso(r.first_response_due_at),
  resolutionDueAt: iso(r.resolution_due_at),
  breached: r.breached,
  goodwillPoints: r.goodwill_points,
  goodwillCostMinor: Number(r.goodwill_cost_minor),
});

/** A deadline is missed when its step came late, or has not come and the time is past. */
const SELECT = `
  SELECT id, ticket, store_id, member_id, category, severity, status, escalated, assignee,
    opened_at, first_response_at, resolved_at, first_response_due_at, resolution_due_at,
    goodwill_points, goodwill_cost_minor,
    state -> 'details' ->> 'whatHappened' AS what_happened,
    state -> 'details' ->> 'customerWants' AS customer_wants,
    (coalesce(first_response_at, $1::timestamptz) > first_response_due_at
      OR coalesce(resolved_at, $1::timestamptz) > resolution_due_at) AS breached
  FROM complaint`;

/**
 * Head office's complaints queue. Its steps are complaint events like a store's, stamped with
 * head office's own clock after the latest event it holds for the complaint, so they sort after
 * what head office has seen and merge with what the store does meanwhile.
 */
export function complaintQueueService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  const hlc = new HybridClock('head-office', clock.now);

  async function detail(tx: Queryable, complaintId: string, at: string): Promise<ComplaintDetail> {
    const { rows } = await tx.query<Row>(`${SELECT} WHERE id = $2`, [at, complaintId]);
    const row = rows[0];
    if (!row) throw new HeadOfficeFailure('not_found', 'No complaint has that id.');
    return {
      complaint: rowOf(row),
      whatHappened: row.what_happened,
      customerWants: row.customer_wants,
      events: (await complaintEventsOf(tx, complaintId)).sort((a, b) =>
        a.hlc === b.hlc ? (a.id < b.id ? -1 : 1) : a.hlc < b.hlc ? -1 : 1,
      ),
    };
  }

  return {
    listComplaints(query: unknown): Promise<Outcome<ComplaintQueue>> {
      return guard(async () => {
        const q = parseInput(complaintQueueQuery, query ?? {}, 'complaints query');
        const at = isoAt(clock);
        const { rows } = await db.query<Row>(
          `SELECT * FROM (${SELECT}) AS c
           WHERE ($2::text IS NULL OR status = $2
               OR ($2 = 'unresolved' AND status NOT IN ('resolved', 'closed')))
             AND ($3::text IS NULL OR severity = $3)
             AND ($4::text IS NULL OR category = $4)
             AND ($5::uuid IS NULL OR store_id = $5)
             AND ($6::boolean IS NULL OR breached = $6)
             AND ($7::text IS NULL OR id IN (SELECT id FROM complaint
               WHERE strpos(lower(search_text), lower($7)) > 0))
           ORDER BY opened_at DESC, id DESC
           LIMIT $8`,
          [
            at,
            q.status ?? null,
            q.severity ?? null,
            q.category ?? null,
            q.storeId ?? null,
            q.breached === undefined ? null : q.breached === 'true',
            q.q ? q.q : null,
            q.limit,
          ],
        );
        return succeed({ complaints: rows.map(rowOf) });
      });
    },

    getComplaint(id: unknown): Promise<Outcome<ComplaintDetail>> {
      return guard(async () => {
        const complaintId = parseInput(uuidSchema, id, 'complaint id');
        return succeed(await detail(db, complaintId, isoAt(clock)));
      });
    },

    stepComplaint(actor: string, id: unknown, body: unknown): Promise<Outcome<ComplaintDetail>> {
      return guard(async () => {
        const complaintId = parseInput(uuidSchema, id, 'complaint id');
        const request = parseInput(complaintStepRequest, body, 'complaint step');
        const at = isoAt(clock);
        return succeed(
          await db.transaction(async (tx) => {
            const events = await complaintEventsOf(tx, complaintId);
            if (!events.some((e) => e.kind === 'opened')) {
              throw new HeadOfficeFailure('not_found', 'No complaint has that id.');
            }
            const standing = foldComplaint(events);
            if (standing && !complaintStepAllowed(standing, request.step)) {
              throw new HeadOfficeFailure(
                'complaint_step_not_allowed',
                `A ${standing.status} complaint cannot be ${request.step}.`,
                { status: standing.status },
              );
            }
            for (const e of events) hlc.observe(e.hlc);
            const event: ComplaintEvent = {
              id: random.uuidv7(clock.now()),
              complaintId,
              kind: request.step,
              at,
              hlc: hlc.tick(),
              origin: 'head_office',
              storeId: null,
              terminalId: null,
              by: actor.slice(0, 80),
              note: request.note,
              details: null,
              assignee: request.assignee ?? null,
              goodwill: null,
            };
            await appendComplaintEvents(tx, [event], at, null);
            await recordAudit(tx, {
              at,
              actor,
              action: `complaint.${request.step}`,
              subject: complaintId,
              details: { step: request.step, assignee: request.assignee ?? null },
            });
            return detail(tx, complaintId, at);
          }),
        );
      });
    },
  };
}
