import type { Migration } from '../migration';

/**
 * Loyalty analytics reads a period of sales across a chain (RFM over a million members must
 * answer in under two seconds), tier changes terminals report, points by when head office
 * recorded them, and coupons by issue date. No table changes: only indexes, so the push path
 * writes exactly what it did before (plus index entries).
 *
 * - sale_period: a period's member sales read from the index alone (index-only scan): the
 *   aggregate behind RFM never touches the wide sale rows (their lines are JSON).
 * - sale_store_created: one store's period.
 * - sync_op_tier_event: the few stored operations that carry a tier change (partial: its
 *   predicate is rfmStatement.ts's TIER_EVENT_PREDICATE, word for word).
 * - points_entry_recorded, coupon_issued_at: liability and coupon figures by time.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'analytics indexes',
  up: `
    CREATE INDEX sale_period ON sale (created_at) INCLUDE (member_id, kind, total_minor, store_id)
      WHERE member_id IS NOT NULL;
    CREATE INDEX sale_store_created ON sale (store_id, created_at);
    CREATE INDEX sync_op_tier_event ON sync_op ((payload ->> 'memberId'), created_at)
      WHERE ((type = 'sale.recorded' AND (payload ->> 'tierAfter') IS NOT NULL
          AND (payload ->> 'tierAfter') IS DISTINCT FROM (payload ->> 'tierBefore'))
        OR (type = 'member.tierChanged' AND (payload ->> 'toTier') IS NOT NULL));
    CREATE INDEX points_entry_recorded ON points_entry (recorded_at);
    CREATE INDEX coupon_issued_at ON coupon (issued_at) WHERE issued_at IS NOT NULL;
  `,
};
