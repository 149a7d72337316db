import type { Migration } from '../migrate';

/**
 * Checkout speed on a large ledger.
 *
 * - A sale's points entries, tier change, gift cards and referral reward are written before the
 *   sale row (it records the balance after them), so their foreign keys to sale(id) are deferred.
 *   While any deferred key is outstanding, inserting the sale makes SQLite look up every child
 *   table for rows naming it; tier_change, gift_card and referral_reward had no index on that
 *   column, so every sale and refund read them whole.
 * - A sale replays the member's points lots from every entry of theirs. Entries are appended in
 *   time order, so one member's lie a page apart all over a large table; carrying the columns the
 *   replay reads in the member index (same name, same order) makes that a read of a few index
 *   pages. A member's balance sum reads it alone too.
 * - The tier check sums a member's spend over the rolling 12 months; with this index that is a
 *   range read of the index alone instead of one table row per sale the member ever made.
 * - A campaign's total-use limit counted every use of every coupon of the campaign on each
 *   check. campaign_uses keeps that net count (redeemed less returned), kept by a trigger in the
 *   same transaction as each coupon_use row, so no writer can forget it; it starts from the rows
 *   already there.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'checkout speed',
  up: `
    DROP INDEX points_entry_member;
    CREATE INDEX points_entry_member ON points_entry(member_id, entry_no, kind, points, created_at,
      available_at, expires_at, reverses_id, lot_id, id);
    CREATE INDEX tier_change_sale ON tier_change(sale_id) WHERE sale_id IS NOT NULL;
    CREATE INDEX gift_card_sold_sale ON gift_card(sold_sale_id);
    CREATE INDEX referral_reward_sale ON referral_reward(sale_id);
    CREATE INDEX sale_member_spend ON sale(member_id, created_at, earn_base_minor)
      WHERE member_id IS NOT NULL;
    CREATE TABLE campaign_uses (
      campaign_id TEXT PRIMARY KEY,
      net_uses INTEGER NOT NULL
    ) STRICT;
    INSERT INTO campaign_uses (campaign_id, net_uses)
      SELECT c.campaign_id, sum(CASE u.kind WHEN 'redeemed' THEN 1 ELSE -1 END)
      FROM coupon_use u JOIN coupon c ON c.id = u.coupon_id
      GROUP BY c.campaign_id;
    CREATE TRIGGER campaign_uses_count AFTER INSERT ON coupon_use
    BEGIN
      INSERT INTO campaign_uses (campaign_id, net_uses)
        SELECT c.campaign_id, CASE NEW.kind WHEN 'redeemed' THEN 1 ELSE -1 END
        FROM coupon c WHERE c.id = NEW.coupon_id
      ON CONFLICT (campaign_id) DO UPDATE SET net_uses = net_uses + excluded.net_uses;
    END;
    CREATE TRIGGER campaign_uses_no_delete BEFORE DELETE ON campaign_uses
    BEGIN SELECT RAISE(ABORT, 'campaign use counts are never deleted'); END;
  `,
};
