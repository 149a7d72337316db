import type { Migration } from '../migration';

/**
 * Gift cards sold are not sales (shared/figures/figures.ts): a card's value is money taken in
 * advance, and the goods it later pays for are the sale. Net sales, and so a member's net spend,
 * leave out the gift-card value a sale or refund sold (its stored-value entries of the kinds
 * activate, top_up, refund_activate and refund_top_up: GIFT_CARD_SOLD_KINDS, written out here
 * because a migration never changes; a test holds the two equal).
 *
 * - stored_value_entry_sold: those entries by their sale, so the report and the analytics read
 *   a sale's gift cards sold without scanning the ledger.
 * - gift_cards_sold_minor(sale): that value for one sale or refund.
 * - member_activity (migration 0008) counts net spend the same way: its sale trigger takes off
 *   the gift cards sold of sales whose entries are already there, and a new trigger on
 *   stored_value_entry those whose sale is (a push stores the sale first, then its entries, in
 *   one transaction: whichever comes second sees the other, so each entry counts once). A
 *   member's recount does the same, and the rows already there are counted again here.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'gift cards sold are not sales',
  up: `
    CREATE INDEX stored_value_entry_sold ON stored_value_entry (sale_id) INCLUDE (amount_minor)
      WHERE kind IN ('activate', 'top_up', 'refund_activate', 'refund_top_up');

    -- The gift-card value one sale or refund sold (shared/figures's giftCardsSoldSql).
    CREATE FUNCTION gift_cards_sold_minor(of_sale uuid) RETURNS bigint LANGUAGE sql STABLE AS $fn$
      SELECT coalesce(sum(amount_minor), 0)::int8 FROM stored_value_entry
      WHERE sale_id = of_sale AND kind IN ('activate', 'top_up', 'refund_activate', 'refund_top_up')
    $fn$;

    CREATE OR REPLACE FUNCTION member_activity_add_sales() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO member_activity AS a
        (member_id, purchases, net_spend_minor, first_purchase_at, last_purchase_at)
      SELECT n.member_id, count(*) FILTER (WHERE n.kind = 'sale'),
        sum(n.total_minor - gift_cards_sold_minor(n.id)),
        min(n.created_at::timestamptz) FILTER (WHERE n.kind = 'sale'),
        max(n.created_at::timestamptz) FILTER (WHERE n.kind = 'sale')
      FROM new_sales n
      WHERE n.member_id IS NOT NULL
      GROUP BY n.member_id
      ORDER BY n.member_id
      ON CONFLICT (member_id) DO UPDATE SET
        purchases = a.purchases + excluded.purchases,
        net_spend_minor = a.net_spend_minor + excluded.net_spend_minor,
        first_purchase_at = least(a.first_purchase_at, excluded.first_purchase_at),
        last_purchase_at = greatest(a.last_purchase_at, excluded.last_purchase_at);
      RETURN NULL;
    END
    $fn$;

    CREATE FUNCTION member_activity_take_gift_cards() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO member_activity AS a (member_id, purchases, net_spend_minor)
      SELECT s.member_id, 0, -sum(n.amount_minor)
      FROM new_entries n JOIN sale s ON s.id = n.sale_id
      WHERE s.member_id IS NOT NULL
        AND n.kind IN ('activate', 'top_up', 'refund_activate', 'refund_top_up')
      GROUP BY s.member_id
      ORDER BY s.member_id
      ON CONFLICT (member_id) DO UPDATE SET
        net_spend_minor = a.net_spend_minor + excluded.net_spend_minor;
      RETURN NULL;
    END
    $fn$;

    CREATE OR REPLACE FUNCTION member_activity_recount(members uuid[]) RETURNS void
    LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM member_activity WHERE member_id = ANY (members);
      INSERT INTO member_activity
        (member_id, purchases, net_spend_minor, first_purchase_at, last_purchase_at)
      SELECT s.member_id, count(*) FILTER (WHERE s.kind = 'sale'),
        sum(s.total_minor - gift_cards_sold_minor(s.id)),
        min(s.created_at::timestamptz) FILTER (WHERE s.kind = 'sale'),
        max(s.created_at::timestamptz) FILTER (WHERE s.kind = 'sale')
      FROM sale s
      WHERE s.member_id = ANY (members)
      GROUP BY s.member_id
      ORDER BY s.member_id;
    END
    $fn$;

    CREATE TRIGGER stored_value_entry_member_activity AFTER INSERT ON stored_value_entry
      REFERENCING NEW TABLE AS new_entries
      FOR EACH STATEMENT EXECUTE FUNCTION member_activity_take_gift_cards();

    UPDATE member_activity a SET net_spend_minor = a.net_spend_minor - sold.minor
    FROM (
      SELECT s.member_id, sum(v.amount_minor) AS minor
      FROM stored_value_entry v JOIN sale s ON s.id = v.sale_id
      WHERE s.member_id IS NOT NULL
        AND v.kind IN ('activate', 'top_up', 'refund_activate', 'refund_top_up')
      GROUP BY s.member_id) AS sold
    WHERE sold.member_id = a.member_id;
  `,
};
