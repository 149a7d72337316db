import {
  listDataRequestsQuery,
  newDataRequest,
  setDataRequestStatus,
  type DataRequestList,
  type DataRequestView,
} from '../../shared/office/dataRequests';
import { recordAudit } from '../db/audit';
import type { Database, Queryable } from '../db/database';
import { isoAt, iso, type ServiceClock } from '../platform/clock';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import { readPrivacyPolicy } from './privacyPolicy';

interface RequestRow {
  id: string;
  number: number;
  kind: DataRequestView['kind'];
  member_id: string;
  received_on: string;
  due_on: string;
  status: DataRequestView['status'];
  note: string | null;
  requested_by: string;
  approved_by: string | null;
  closed_at: Date | string | null;
}

const REQUEST_COLUMNS = `id, number, kind, member_id, to_char(received_on, 'YYYY-MM-DD') AS received_on,
  to_char(due_on, 'YYYY-MM-DD') AS due_on, status, note, requested_by, approved_by, closed_at`;

/** The day (UTC) of an instant, as YYYY-MM-DD. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  return dayOf(Date.parse(`${day}T00:00:00.000Z`) + days * 86_400_000);
}

function isOpen(status: DataRequestView['status']): boolean {
  return status === 'open' || status === 'in_progress';
}

export function requestViewOf(row: RequestRow, today: string): DataRequestView {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    memberId: row.member_id,
    receivedOn: row.received_on,
    dueOn: row.due_on,
    status: row.status,
    overdue: isOpen(row.status) && row.due_on < today,
    note: row.note,
    requestedBy: row.requested_by,
    approvedBy: row.approved_by,
    closedAt: iso(row.closed_at),
  };
}

export async function requestById(
  tx: Queryable,
  id: string,
  lock = false,
): Promise<RequestRow | null> {
  const { rows } = await tx.query<RequestRow>(
    `SELECT ${REQUEST_COLUMNS} FROM data_request WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
    [id],
  );
  return rows[0] ?? null;
}

/** The member a request names: unknown and already erased members are refused. */
export async function requireLiveMember(tx: Queryable, memberId: string): Promise<void> {
  const { rows } = await tx.query<{ erased_at: Date | null }>(
    'SELECT erased_at FROM member WHERE id = $1',
    [memberId],
  );
  const row = rows[0];
  if (!row) throw new HeadOfficeFailure('not_found', 'No member has that id.');
  if (row.erased_at !== null) {
    throw new HeadOfficeFailure(
      'already_erased',
      'This member was erased; head office holds no personal data about them any more.',
    );
  }
}

/** The request log (issue 14 §2): one writer of data_request, besides erasure's completion. */
export function dataRequestLogService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  const today = () => dayOf(clock.now());
  return {
    createRequest(actor: string, body: unknown): Promise<Outcome<DataRequestView>> {
      return guard(async () => {
        const input = parseInput(newDataRequest, body, 'data request');
        const at = isoAt(clock);
        const receivedOn = input.receivedOn ?? today();
        if (receivedOn > today()) {
          throw new HeadOfficeFailure(
            'invalid_input',
            'A request cannot be received in the future.',
          );
        }
        const row = await db.transaction(async (tx) => {
          await requireLiveMember(tx, input.memberId);
          const policy = await readPrivacyPolicy(tx);
          const id = random.uuidv7(clock.now());
          const { rows } = await tx.query<RequestRow>(
            `INSERT INTO data_request (id, kind, member_id, received_on, due_on, status, note,
               requested_by, created_at)
             VALUES ($1, $2, $3, $4, $5, 'open', $6, $7, $8)
             RETURNING ${REQUEST_COLUMNS}`,
            [
              id,
              input.kind,
              input.memberId,
              receivedOn,
              addDays(receivedOn, policy.requestDeadlineDays),
              input.note || null,
              actor,
              at,
            ],
          );
          await recordAudit(tx, {
            at,
            actor,
            action: 'data_request.logged',
            subject: id,
            details: { kind: input.kind, memberId: input.memberId },
          });
          return rows[0];
        });
        if (!row) throw new Error('data request missing right after insert');
        return succeed(requestViewOf(row, today()));
      });
    },

    listRequests(query: unknown): Promise<Outcome<DataRequestList>> {
      return guard(async () => {
        const filter = parseInput(listDataRequestsQuery, query ?? {}, 'request filter');
        const day = today();
        const { rows } = await db.query<RequestRow>(
          `SELECT ${REQUEST_COLUMNS} FROM data_request
           WHERE ($1::text IS NULL OR status = $1)
           ORDER BY (closed_at IS NULL AND due_on < $2::date) DESC, closed_at IS NOT NULL,
             due_on, number
           LIMIT 1000`,
          [filter.status ?? null, day],
        );
        const { rows: counts } = await db.query<{ overdue: number }>(
          `SELECT count(*)::int8 AS overdue FROM data_request
           WHERE closed_at IS NULL AND due_on < $1::date`,
          [day],
        );
        let requests = rows.map((row) => requestViewOf(row, day));
        if (filter.overdue)
          requests = requests.filter((r) => r.overdue === (filter.overdue === 'true'));
        return succeed({ requests, overdueCount: counts[0]?.overdue ?? 0 });
      });
    },

    setStatus(actor: string, id: unknown, body: unknown): Promise<Outcome<DataRequestView>> {
      return guard(async () => {
        const requestId = parseInput(uuidSchema, id, 'request id');
        const input = parseInput(setDataRequestStatus, body, 'request status');
        const at = isoAt(clock);
        const row = await db.transaction(async (tx) => {
          const current = await requestById(tx, requestId, true);
          if (!current) throw new HeadOfficeFailure('not_found', 'No request has that id.');
          if (!isOpen(current.status)) {
            throw new HeadOfficeFailure(
              'request_closed',
              `This request is already ${current.status}.`,
            );
          }
          if (current.kind === 'erasure' && input.status === 'completed') {
            throw new HeadOfficeFailure(
              'request_closed',
              'An erasure is completed only when a second admin approves it.',
            );
          }
          const closes = input.status !== 'in_progress';
          const { rows } = await tx.query<RequestRow>(
            `UPDATE data_request SET status = $2, closed_at = $3, note = coalesce($4, note)
             WHERE id = $1 RETURNING ${REQUEST_COLUMNS}`,
            [requestId, input.status, closes ? at : null, input.note || null],
          );
          await recordAudit(tx, {
            at,
            actor,
            action: 'data_request.status',
            subject: requestId,
            details: { status: input.status },
          });
          return rows[0];
        });
        if (!row) throw new Error('data request vanished while updating it');
        return succeed(requestViewOf(row, today()));
      });
    },
  };
}
