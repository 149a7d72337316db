import { memberValue, type MemberPurchase } from '../../shared/analytics/memberValue';
import { goodsMinorSql } from '../../shared/figures/figures';
import {
  MEMBER_TIMELINE_LIMIT,
  memberPageQuery,
  memberSearchQuery,
  type MemberPage,
  type MemberSearchResult,
  type MemberViewReason,
} from '../../shared/office/members';
import { formatPhone } from '../../shared/phone';
import { addMonths } from '../../shared/rules/pointsLots';
import type { OfficeRole } from '../../shared/contract/route';
import type { AnalyticsService } from '../analytics/analyticsService';
import type { Database } from '../db/database';
import type { ServiceClock } from '../platform/clock';
import { HeadOfficeFailure, guard, succeed, type Outcome } from '../platform/errors';
import { parseInput, uuidSchema } from '../platform/parse';
import type { ServiceRandom } from '../platform/randomness';
import type { MemberConsentView } from '../../shared/office/consent';
import { findMembers } from './memberSearch';
import { recordMemberViews } from './memberViews';
import { readTimeline } from './timelineSources';

/** Who asks; the reason comes with the request. */
export interface MemberViewer {
  actor: string;
  userId: string | null;
  role: OfficeRole;
}

interface MemberRow {
  id: string;
  name: string;
  phone_e164: string;
  email: string | null;
  birthday: string | null;
  card_number: string;
  enrolled_at: string;
  enrolled_store_name: string;
  merged_into: string | null;
}

/**
 * The single customer view at head office: search and the member page, each answer logged in
 * member_views (memberViews.ts) in the same transaction that read it.
 */
export function memberService(
  db: Database,
  clock: ServiceClock,
  random: ServiceRandom,
  deps: {
    analytics: Pick<AnalyticsService, 'segmentOfMember' | 'tierOfMember'>;
    memberConsent: (id: string) => Promise<Outcome<MemberConsentView>>;
  },
) {
  return {
    searchMembers(viewer: MemberViewer, query: unknown): Promise<Outcome<MemberSearchResult>> {
      return guard(async () => {
        const { q, reason, limit } = parseInput(memberSearchQuery, query ?? {}, 'member search');
        const found = await db.transaction(async (tx) => {
          const rows = await findMembers(tx, q, limit);
          await recordMemberViews(
            tx,
            random,
            clock.now(),
            { ...viewer, reason },
            'search',
            rows.map((r) => r.id),
          );
          return rows;
        });
        return succeed({
          members: found.map((row) => ({
            id: row.id,
            name: row.name,
            phone: formatPhone(row.phone_e164),
            cardNumber: row.card_number,
            enrolledStoreName: row.enrolled_store_name,
          })),
        });
      });
    },

    memberPage(viewer: MemberViewer, id: unknown, query: unknown): Promise<Outcome<MemberPage>> {
      return guard(async () => {
        const memberId = parseInput(uuidSchema, id, 'member id');
        const { reason } = parseInput(memberPageQuery, query ?? {}, 'member page');
        return succeed(await readPage(memberId, { ...viewer, reason }));
      });
    },
  };

  async function readPage(
    memberId: string,
    viewer: MemberViewer & { reason: MemberViewReason },
  ): Promise<MemberPage> {
    const { rows } = await db.query<MemberRow>(
      `SELECT id, name, phone_e164, email, birthday, card_number, enrolled_at,
         enrolled_store_name, merged_into
       FROM member WHERE id = $1`,
      [memberId],
    );
    const asked = rows[0];
    if (!asked) throw new HeadOfficeFailure('not_found', 'No member has that id.');
    // A member merged into another is shown as the one it became, with its history.
    const survivorId = asked.merged_into ?? asked.id;
    const group = await db.query<MemberRow>(
      `SELECT id, name, phone_e164, email, birthday, card_number, enrolled_at,
         enrolled_store_name, merged_into
       FROM member WHERE id = $1 OR merged_into = $1 ORDER BY (id = $1) DESC, enrolled_at`,
      [survivorId],
    );
    const member = group.rows[0];
    if (!member) throw new HeadOfficeFailure('not_found', 'No member has that id.');
    const ids = group.rows.map((r) => r.id);
    const nowMs = clock.now();
    const nowIso = new Date(nowMs).toISOString();

    const consent = await deps.memberConsent(survivorId);
    if (!consent.ok) throw new HeadOfficeFailure(consent.error.code, consent.error.message);
    const purchases = await db.query<{ kind: 'sale' | 'refund'; at: string; goods_minor: string }>(
      `SELECT s.kind, s.created_at AS at, ${goodsMinorSql('s')}::int8 AS goods_minor
       FROM sale s WHERE s.member_id = ANY($1::uuid[])`,
      [ids],
    );
    const value = memberValue(
      purchases.rows.map((p): MemberPurchase => ({
        kind: p.kind,
        at: p.at,
        goodsMinor: Number(p.goods_minor),
      })),
      nowIso,
    );
    const balance = await db.query<{ points: string }>(
      'SELECT points FROM member_balance WHERE member_id = $1',
      [survivorId],
    );
    const lots = await pointsLots(ids, nowIso);
    const timeline = await readTimeline(db, ids, MEMBER_TIMELINE_LIMIT);

    await db.transaction(async (tx) => {
      await recordMemberViews(tx, random, nowMs, viewer, 'page', [survivorId]);
    });
    return {
      profile: {
        id: member.id,
        name: member.name,
        phone: formatPhone(member.phone_e164),
        email: member.email,
        birthday: member.birthday,
        cardNumber: member.card_number,
        enrolledAt: member.enrolled_at,
        enrolledStoreName: member.enrolled_store_name,
        mergedFrom: group.rows.filter((r) => r.id !== survivorId).map((r) => r.id),
      },
      consent: consent.value,
      tier: await deps.analytics.tierOfMember(ids),
      points: { balance: Number(balance.rows[0]?.points ?? 0), lots },
      value: { ...value, rfmSegment: await deps.analytics.segmentOfMember(survivorId) },
      timeline: timeline.map((row) => ({
        at: new Date(row.at).toISOString(),
        kind: row.kind,
        storeName: row.store_name,
        amountMinor: row.amount_minor === null ? null : Number(row.amount_minor),
        points: row.points === null ? null : Number(row.points),
        reference: row.reference,
      })),
    };
  }

  /**
   * Points still to spend, by when they expire: each earning's points less what was spent
   * oldest first, its expiry the program's months after it was earned (shared/rules/pointsLots).
   */
  async function pointsLots(
    ids: readonly string[],
    nowIso: string,
  ): Promise<{ remaining: number; expiresAt: string | null }[]> {
    const config = await db.query<{ months: number | null }>(
      `SELECT (data -> 'program' -> 'expiry' ->> 'months')::int AS months
       FROM program_config WHERE id = 1`,
    );
    const months = config.rows[0]?.months ?? 0;
    const { rows } = await db.query<{ points: string; recorded_at: Date }>(
      `SELECT points, recorded_at FROM points_entry WHERE member_id = ANY($1::uuid[])
       ORDER BY recorded_at, id`,
      [ids],
    );
    const lots: { remaining: number; expiresAt: string | null }[] = [];
    let spend = 0;
    for (const row of rows) {
      const points = Number(row.points);
      if (points > 0) {
        const at = row.recorded_at.toISOString();
        lots.push({ remaining: points, expiresAt: months > 0 ? addMonths(at, months) : null });
      } else spend -= points;
    }
    for (const lot of lots) {
      const taken = Math.min(lot.remaining, spend);
      lot.remaining -= taken;
      spend -= taken;
    }
    return lots.filter(
      (lot) => lot.remaining > 0 && (lot.expiresAt === null || lot.expiresAt > nowIso),
    );
  }
}

export type MemberService = ReturnType<typeof memberService>;
