import type { ErasureView } from '../../shared/office/dataRequests';
import { ERASED_MEMBER, erasedCardNumber } from '../../shared/rules/erasure';
import type { PulledErasure } from '../../shared/sync/protocol';
import { recordAudit } from '../db/audit';
import type { Database, Queryable } from '../db/database';
import { publishChanges } from '../db/streams';
import { isoAt, type ServiceClock } from '../platform/clock';
import { createLogger } from '../platform/logger';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import { dayOf, requestById, requestViewOf } from './dataRequestLog';

export interface ErasureMeta {
  reason: 'request' | 'retention';
  requestId: string | null;
  requestedBy: string;
  approvedBy: string;
}

interface PersonRow {
  id: string;
  card_number: string;
  name: string;
  phone_e164: string;
  phone_national: string;
  email: string | null;
  birthday: string | null;
}

const log = createLogger('erasure');

/** What replaces each personal value found in free text and stored payloads. */
const ERASED_TEXT = '[erased]';

/**
 * Replaces personal values inside every string of a JSON value (never in keys). A value of two
 * characters or more is replaced wherever it appears in a string (a phone inside a message); a
 * shorter one only where it is the whole string.
 */
export function scrubJson(value: unknown, replacements: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const whole = replacements.get(value);
    if (whole !== undefined) return whole;
    let text = value;
    for (const [personal, replacement] of replacements) {
      if (personal.length >= 2 && text.includes(personal))
        text = text.split(personal).join(replacement);
    }
    return text;
  }
  if (Array.isArray(value)) return value.map((v) => scrubJson(v, replacements));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, scrubJson(v, replacements)]),
    );
  }
  return value;
}

/**
 * Every personal value these members ever held at head office: today's, and those their
 * enrollments, edits and the members stream carried before (an old name is personal data too).
 */
async function replacementsOf(
  tx: Queryable,
  people: readonly PersonRow[],
): Promise<Map<string, string>> {
  const map = new Map<string, string>();
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim() !== '') map.set(value, ERASED_TEXT);
  };
  const ids = people.map((p) => p.id);
  const { rows } = await tx.query<{ value: Record<string, unknown> | null }>(
    `SELECT CASE WHEN type = 'member.updated' THEN payload->'fields' ELSE payload END AS value
     FROM sync_op
     WHERE type IN ('member.enrolled', 'member.updated') AND jsonb_typeof(payload) = 'object'
       AND coalesce(payload->>'id', payload->>'memberId') = ANY($1::text[])
     UNION ALL
     SELECT data FROM change_log WHERE stream = 'members' AND entity_id = ANY($1::text[])`,
    [ids],
  );
  for (const { value } of rows) {
    if (!value || typeof value !== 'object') continue;
    for (const field of ['name', 'phoneE164', 'phoneNational', 'email', 'birthday']) {
      add(value[field]);
    }
  }
  for (const p of people) {
    for (const v of [p.name, p.phone_e164, p.phone_national, p.email, p.birthday]) add(v);
  }
  // Card numbers become the pseudonym rather than vanish: the rows stay readable.
  for (const { value } of rows) {
    const card = value?.cardNumber;
    const id = value?.id;
    if (typeof card === 'string' && typeof id === 'string' && card !== erasedCardNumber(id)) {
      map.set(card, erasedCardNumber(id));
    }
  }
  for (const p of people) map.set(p.card_number, erasedCardNumber(p.id));
  return map;
}

/** jsonb columns that may quote a member's personal data, and which of their rows to look at. */
const JSON_HOLDERS = [
  { table: 'sync_op', key: 'op_id', column: 'payload', where: "type LIKE 'member.%'" },
  {
    table: 'sync_op',
    key: 'op_id',
    column: 'outcome',
    where: "outcome->'compensation' <> 'null'::jsonb",
  },
  { table: 'exception_case', key: 'id', column: 'facts', where: 'true' },
  { table: 'change_log', key: 'stream, seq', column: 'data', where: "stream = 'members'" },
  { table: 'audit_log', key: 'id', column: 'details', where: 'true' },
] as const;

async function scrubJsonHolders(tx: Queryable, replacements: Map<string, string>): Promise<void> {
  const needles = [...replacements.keys()].filter((v) => v.length >= 2).map((v) => `%${v}%`);
  if (needles.length === 0) return;
  for (const holder of JSON_HOLDERS) {
    // Table and column names are our own constants, never input.
    const keyColumns = holder.key.split(', ');
    const { rows } = await tx.query<Record<string, unknown>>(
      `SELECT ${holder.key}, ${holder.column} AS value FROM ${holder.table}
       WHERE ${holder.where} AND ${holder.column}::text LIKE ANY($1::text[])`,
      [needles],
    );
    for (const row of rows) {
      const keys = keyColumns.map((k) => row[k]);
      const where = keyColumns.map((k, i) => `${k} = $${i + 2}`).join(' AND ');
      await tx.query(`UPDATE ${holder.table} SET ${holder.column} = $1::jsonb WHERE ${where}`, [
        JSON.stringify(scrubJson(row.value, replacements)),
        ...keys,
      ]);
    }
  }
}

/**
 * Anonymises members in the caller's transaction (issue 14 §2): their personal fields emptied,
 * the card number replaced by its pseudonym, free text about them cleared, every stored payload
 * and message that quoted them scrubbed, and one item each on the erasures stream for terminals.
 * Financial rows (sales, points, coupons, gift cards, consent events) stay under the member id.
 * Members already erased are skipped; returns the ids erased now.
 */
export async function eraseMembers(
  tx: Queryable,
  memberIds: readonly string[],
  meta: ErasureMeta,
  at: string,
): Promise<string[]> {
  if (memberIds.length === 0) return [];
  // A member and the duplicates merged into it are one person.
  const { rows: people } = await tx.query<PersonRow>(
    `SELECT id, card_number, name, phone_e164, phone_national, email, birthday FROM member
     WHERE (id = ANY($1::uuid[]) OR merged_into = ANY($1::uuid[])) AND erased_at IS NULL
     ORDER BY id FOR UPDATE`,
    [memberIds],
  );
  if (people.length === 0) return [];
  const ids = people.map((p) => p.id);
  for (const person of people) {
    await tx.query(
      `UPDATE member SET name = $2, phone_e164 = $3, phone_national = $4, email = NULL,
         birthday = NULL, card_number = $5, erased_at = $6
       WHERE id = $1`,
      [
        person.id,
        ERASED_MEMBER.name,
        ERASED_MEMBER.phoneE164,
        ERASED_MEMBER.phoneNational,
        erasedCardNumber(person.id),
        at,
      ],
    );
    await tx.query(
      `INSERT INTO member_erasure (member_id, request_id, reason, requested_by, approved_by,
         erased_at) VALUES ($1, $2, $3, $4, $5, $6)`,
      [person.id, meta.requestId, meta.reason, meta.requestedBy, meta.approvedBy, at],
    );
  }
  const replacements = await replacementsOf(tx, people);
  await scrubPayloadsOf(tx, ids);
  await scrubJsonHolders(tx, replacements);
  // Free text about them.
  await tx.query(
    'UPDATE sale SET reason = NULL WHERE member_id = ANY($1::uuid[]) AND reason IS NOT NULL',
    [ids],
  );
  await tx.query(
    `UPDATE exception_case SET resolution_note = NULL
     WHERE member_id = ANY($1::uuid[]) AND resolution_note IS NOT NULL`,
    [ids],
  );
  await tx.query('UPDATE data_request SET note = NULL WHERE member_id = ANY($1::uuid[])', [ids]);
  await publishChanges(
    tx,
    people.map((p) => ({
      stream: 'erasures' as const,
      entityId: p.id,
      data: {
        memberId: p.id,
        cardNumber: erasedCardNumber(p.id),
        erasedAt: at,
      } satisfies PulledErasure,
    })),
    at,
  );
  return ids;
}

/**
 * The member operations head office keeps for these members, with their personal fields
 * emptied: enrollments keep their shape, edits lose the personal fields they set. Run for an
 * erasure, and after every push for operations about members already erased (push.ts), so a
 * terminal that still held their data cannot bring it back.
 */
export async function scrubPayloadsOf(
  tx: Queryable,
  memberIds: readonly string[],
  opIds?: readonly string[],
): Promise<void> {
  const onlyOps = opIds ? 'AND op_id = ANY($2::uuid[])' : '';
  const params = opIds ? [memberIds, opIds] : [memberIds];
  await tx.query(
    `UPDATE sync_op SET payload = payload || jsonb_build_object('name', '', 'phoneE164', '',
       'phoneNational', '', 'email', NULL, 'birthday', NULL)
     WHERE type = 'member.enrolled' AND jsonb_typeof(payload) = 'object'
       AND payload->>'id' = ANY($1::text[]) ${onlyOps}`,
    params,
  );
  await tx.query(
    `UPDATE sync_op SET payload = jsonb_set(payload, '{fields}',
       (payload->'fields') - 'name' - 'phoneE164' - 'phoneNational' - 'email' - 'birthday')
     WHERE type = 'member.updated' AND jsonb_typeof(payload->'fields') = 'object'
       AND payload->>'memberId' = ANY($1::text[]) ${onlyOps}`,
    params,
  );
}

/** After a push: the member operations in it about erased members lose their personal data. */
export async function scrubPushedOfErased(tx: Queryable, opIds: readonly string[]): Promise<void> {
  if (opIds.length === 0) return;
  const { rows } = await tx.query<{ id: string }>(
    `SELECT DISTINCT m.id FROM sync_op s
     JOIN member m ON m.id::text = coalesce(s.payload->>'id', s.payload->>'memberId')
     WHERE s.op_id = ANY($1::uuid[]) AND s.type IN ('member.enrolled', 'member.updated')
       AND jsonb_typeof(s.payload) = 'object' AND m.erased_at IS NOT NULL`,
    [opIds],
  );
  if (rows.length === 0) return;
  await scrubPayloadsOf(
    tx,
    rows.map((r) => r.id),
    opIds,
  );
}

/**
 * After an erasure on PGlite, whose data directory is head office's own: the bytes the old rows
 * held leave the files too, as a terminal's ledger does after it pulls one. The member table is
 * rewritten (VACUUM FULL) and every other table vacuumed; the WAL then moves to a new segment and is
 * checkpointed with recycling off, so the segments that recorded the member's data are deleted
 * rather than kept for reuse with their contents. Outside any transaction; a failure is logged
 * and changes nothing (the next erasure's compaction covers it). On a PostgreSQL server the
 * files, the WAL and its archive are the database administrator's (server/README.md).
 */
export async function compactAfterErasure(db: Database): Promise<void> {
  if (db.kind !== 'pglite') return;
  try {
    // VACUUM frees a dead row version's space but does not zero it: the member table, whose
    // rows held the data itself, is rewritten whole into a new file; the rest are vacuumed.
    await db.query('VACUUM FULL member');
    await db.query('VACUUM');
    await db.query('SET wal_recycle = off');
    await db.query('SELECT pg_switch_wal()');
    await db.query('CHECKPOINT');
  } catch (error) {
    log.warn('could not compact the database after an erasure', { error: String(error) });
  }
}

/** Whether head office erased this member (their pushes then change none of their data). */
export async function isErased(tx: Queryable, memberId: string): Promise<boolean> {
  const { rows } = await tx.query<{ erased: boolean }>(
    'SELECT erased_at IS NOT NULL AS erased FROM member WHERE id = $1',
    [memberId],
  );
  return rows[0]?.erased ?? false;
}

export function erasureService(db: Database, clock: ServiceClock) {
  return {
    /**
     * The second admin approves an erasure request: the member is anonymised at head office and
     * published on the erasures stream, and the request is completed, in one transaction.
     */
    approveErasure(actor: string, id: unknown): Promise<Outcome<ErasureView>> {
      return guard(async () => {
        const requestId = parseInput(uuidSchema, id, 'request id');
        const at = isoAt(clock);
        const view = await db.transaction(async (tx) => {
          const request = await requestById(tx, requestId, true);
          if (!request) throw new HeadOfficeFailure('not_found', 'No request has that id.');
          if (request.kind !== 'erasure') {
            throw new HeadOfficeFailure('invalid_input', 'This request is not an erasure.');
          }
          if (request.status !== 'open' && request.status !== 'in_progress') {
            throw new HeadOfficeFailure(
              'request_closed',
              `This request is already ${request.status}.`,
            );
          }
          if (request.requested_by === actor) {
            throw new HeadOfficeFailure(
              'same_approver',
              'An erasure needs a second admin: the one who logged it cannot approve it.',
            );
          }
          const erased = await eraseMembers(
            tx,
            [request.member_id],
            { reason: 'request', requestId, requestedBy: request.requested_by, approvedBy: actor },
            at,
          );
          if (erased.length === 0) {
            throw new HeadOfficeFailure('already_erased', 'This member was erased already.');
          }
          const { rows } = await tx.query<Parameters<typeof requestViewOf>[0]>(
            `UPDATE data_request SET status = 'completed', approved_by = $2, closed_at = $3
             WHERE id = $1
             RETURNING id, number, kind, member_id, to_char(received_on, 'YYYY-MM-DD') AS received_on,
               to_char(due_on, 'YYYY-MM-DD') AS due_on, status, note, requested_by, approved_by,
               closed_at`,
            [requestId, actor, at],
          );
          await recordAudit(tx, {
            at,
            actor,
            action: 'member.erased',
            subject: request.member_id,
            details: { requestId, requestedBy: request.requested_by, members: erased.length },
          });
          const row = rows[0];
          if (!row) throw new Error('request vanished while approving it');
          return {
            memberId: request.member_id,
            pseudonym: request.member_id,
            erasedAt: at,
            request: requestViewOf(row, dayOf(clock.now())),
          } satisfies ErasureView;
        });
        log.info('member erased', { memberId: view.memberId, requestId });
        await compactAfterErasure(db);
        return succeed(view);
      });
    },
  };
}
