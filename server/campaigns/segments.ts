import {
  saveSegmentRequest,
  segmentDefinition,
  segmentMemberPageQuery,
  type SegmentList,
  type SegmentMemberList,
  type SegmentView,
} from '../../shared/office/campaigns';
import { recordAudit } from '../db/audit';
import type { Database, Queryable } from '../db/database';
import { isoAt, isoRequired, type ServiceClock } from '../platform/clock';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import { compileSegment, countSql, type CompiledSegment } from './segmentQuery';

interface SegmentRow {
  id: string;
  name: string;
  definition: unknown;
  created_at: Date | string;
}

/** The program's first tier: a member no terminal has reported a tier for is in it. */
export async function firstTierOf(db: Queryable): Promise<string> {
  const { rows } = await db.query<{ tier: string | null }>(
    `SELECT data -> 'program' -> 'tiers' -> 'levels' -> 0 ->> 'id' AS tier FROM program_config WHERE id = 1`,
  );
  return rows[0]?.tier ?? '';
}

/** A saved segment compiled as of now; not_found when there is none. */
export async function compiledSegmentOf(
  db: Queryable,
  segmentId: string,
  now: string,
): Promise<{ row: SegmentRow; compiled: CompiledSegment }> {
  const { rows } = await db.query<SegmentRow>(
    'SELECT id, name, definition, created_at FROM segment WHERE id = $1',
    [segmentId],
  );
  const row = rows[0];
  if (!row) throw new HeadOfficeFailure('not_found', 'No segment has that id.');
  const definition = segmentDefinition.parse(row.definition);
  return { row, compiled: compileSegment(definition, now, await firstTierOf(db)) };
}

async function countOf(db: Queryable, compiled: CompiledSegment): Promise<number> {
  const { rows } = await db.query<{ count: number }>(countSql(compiled), compiled.params);
  return rows[0]?.count ?? 0;
}

/**
 * Saved segments: definitions over the members (shared/office/campaigns.ts), each with its live
 * count. The member list names people, so it is audited: who looked, at which segment, which
 * page (never the names themselves).
 */
export function segmentsService(db: Database, clock: ServiceClock, random: ServiceRandom) {
  const view = async (row: SegmentRow, now: string): Promise<SegmentView> => {
    const definition = segmentDefinition.parse(row.definition);
    return {
      id: row.id,
      name: row.name,
      definition,
      createdAt: isoRequired(row.created_at),
      count: await countOf(db, compileSegment(definition, now, await firstTierOf(db))),
    };
  };
  return {
    saveSegment(actor: string, body: unknown): Promise<Outcome<SegmentView>> {
      return guard(async () => {
        const request = parseInput(saveSegmentRequest, body, 'segment');
        const at = isoAt(clock);
        const id = random.uuidv7(clock.now());
        const row = await db.transaction(async (tx) => {
          const { rows } = await tx.query<SegmentRow>(
            `INSERT INTO segment (id, name, definition, created_at) VALUES ($1, $2, $3::jsonb, $4)
             RETURNING id, name, definition, created_at`,
            [id, request.name, JSON.stringify(request.definition), at],
          );
          await recordAudit(tx, {
            at,
            actor,
            action: 'segment.save',
            subject: id,
            details: { definition: request.definition },
          });
          return rows[0] as SegmentRow;
        });
        return succeed(await view(row, at));
      });
    },

    listSegments(): Promise<Outcome<SegmentList>> {
      return guard(async () => {
        const at = isoAt(clock);
        const { rows } = await db.query<SegmentRow>(
          'SELECT id, name, definition, created_at FROM segment ORDER BY created_at DESC, id',
        );
        const segments: SegmentView[] = [];
        for (const row of rows) segments.push(await view(row, at));
        return succeed({ segments });
      });
    },

    /** The live count of a definition being built, without saving it. */
    countSegment(body: unknown): Promise<Outcome<{ count: number }>> {
      return guard(async () => {
        const definition = parseInput(segmentDefinition, body, 'segment definition');
        const compiled = compileSegment(definition, isoAt(clock), await firstTierOf(db));
        return succeed({ count: await countOf(db, compiled) });
      });
    },

    segmentMembers(
      actor: string,
      id: unknown,
      query: unknown,
    ): Promise<Outcome<SegmentMemberList>> {
      return guard(async () => {
        const segmentId = parseInput(uuidSchema, id, 'segment id');
        const page = parseInput(segmentMemberPageQuery, query ?? {}, 'page');
        const at = isoAt(clock);
        const { compiled } = await compiledSegmentOf(db, segmentId, at);
        const n = compiled.params.length;
        const firstTier = compiled.params[4];
        const { rows } = await db.query<{
          member_id: string;
          card_number: string;
          name: string;
          tier_id: string | null;
          total: number;
        }>(
          `WITH chosen AS (${compiled.sql}),
           page AS (SELECT member_id, count(*) OVER ()::int AS total FROM chosen
             ORDER BY member_id LIMIT $${n + 1} OFFSET $${n + 2}),
           last_tier AS (
             SELECT DISTINCT ON (o.payload ->> 'memberId') o.payload ->> 'memberId' AS member_id,
               coalesce(o.payload ->> 'tierAfter', o.payload ->> 'toTier') AS tier_id
             FROM sync_op o
             WHERE o.type IN ('sale.recorded', 'member.tierChanged')
               AND o.payload ->> 'memberId' IN (SELECT member_id::text FROM page)
               AND coalesce(o.payload ->> 'tierAfter', o.payload ->> 'toTier') IS NOT NULL
             ORDER BY o.payload ->> 'memberId', o.created_at DESC, o.seq DESC)
           SELECT p.member_id, m.card_number, m.name, t.tier_id, p.total
           FROM page p JOIN member m ON m.id = p.member_id
             LEFT JOIN last_tier t ON t.member_id = p.member_id::text
           ORDER BY p.member_id`,
          [...compiled.params, page.limit, page.offset],
        );
        await recordAudit(db, {
          at,
          actor,
          action: 'segment.members',
          subject: segmentId,
          details: { limit: page.limit, offset: page.offset, shown: rows.length },
        });
        return succeed({
          total: rows[0]?.total ?? (page.offset === 0 ? 0 : await countOf(db, compiled)),
          members: rows.map((r) => ({
            memberId: r.member_id,
            cardNumber: r.card_number,
            name: r.name,
            tierId: r.tier_id ?? String(firstTier),
          })),
        });
      });
    },
  };
}
