import type { Migration } from '../migration';

/**
 * Each member's buying so far, kept beside the sales so the chain-wide RFM reads one row per
 * member (a million rows) instead of aggregating every sale (3.5 million and growing).
 *
 * - member_activity: per member id as the sale carries it (merges are resolved when read, see
 *   server/analytics/activityRfm.ts): purchases (sales, not refunds), net spend (the sum of
 *   total_minor: a refund's total is negative), the first and last purchase. A member with
 *   only refunds has a row with 0 purchases and no purchase times.
 * - Kept by triggers on sale, in the transaction that writes the sales, so every snapshot that
 *   sees a sale sees it counted. The push path (server/sync/push.ts, pushBatch.ts, sales.ts) is not
 *   touched:
 *   - INSERT: one statement-level trigger with a transition table adds the statement's sales in
 *     one upsert, one row per member, in member order (two pushes lock shared members' rows in
 *     the same order). A batch of 500 sales costs one upsert, not 500; a row-by-row insert costs
 *     one small upsert each; an insert that conflicts (a sale already applied) adds nothing,
 *     since the transition table holds only rows actually inserted.
 *   - UPDATE, DELETE: nothing does either today; should anything, the members touched are
 *     counted again from their sales, so the summary can never drift from the table.
 *   - TRUNCATE empties it too (tests that forget synced data).
 * - The existing sales are counted in this migration.
 *
 * Purchase times are timestamptz (sale.created_at is the terminal's ISO text, validated as an
 * ISO instant in UTC), so the RFM reads them without parsing a million strings.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'member activity summary',
  up: `
    CREATE TABLE member_activity (
      member_id uuid PRIMARY KEY,
      purchases integer NOT NULL CHECK (purchases >= 0),
      net_spend_minor bigint NOT NULL,
      first_purchase_at timestamptz,
      last_purchase_at timestamptz,
      CHECK ((purchases = 0) = (last_purchase_at IS NULL)),
      CHECK ((first_purchase_at IS NULL) = (last_purchase_at IS NULL))
    );

    CREATE FUNCTION member_activity_add_sales() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      INSERT INTO member_activity AS a
        (member_id, purchases, net_spend_minor, first_purchase_at, last_purchase_at)
      SELECT member_id, count(*) FILTER (WHERE kind = 'sale'), sum(total_minor),
        min(created_at::timestamptz) FILTER (WHERE kind = 'sale'),
        max(created_at::timestamptz) FILTER (WHERE kind = 'sale')
      FROM new_sales
      WHERE member_id IS NOT NULL
      GROUP BY member_id
      ORDER BY member_id
      ON CONFLICT (member_id) DO UPDATE SET
        purchases = a.purchases + excluded.purchases,
        net_spend_minor = a.net_spend_minor + excluded.net_spend_minor,
        first_purchase_at = least(a.first_purchase_at, excluded.first_purchase_at),
        last_purchase_at = greatest(a.last_purchase_at, excluded.last_purchase_at);
      RETURN NULL;
    END
    $fn$;

    -- Counts the given members again from their sales (sale_member index).
    CREATE FUNCTION member_activity_recount(members uuid[]) RETURNS void LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM member_activity WHERE member_id = ANY (members);
      INSERT INTO member_activity
        (member_id, purchases, net_spend_minor, first_purchase_at, last_purchase_at)
      SELECT member_id, count(*) FILTER (WHERE kind = 'sale'), sum(total_minor),
        min(created_at::timestamptz) FILTER (WHERE kind = 'sale'),
        max(created_at::timestamptz) FILTER (WHERE kind = 'sale')
      FROM sale
      WHERE member_id = ANY (members)
      GROUP BY member_id
      ORDER BY member_id;
    END
    $fn$;

    CREATE FUNCTION member_activity_recount_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM member_activity_recount(ARRAY(
        SELECT member_id FROM old_sales WHERE member_id IS NOT NULL
        UNION SELECT member_id FROM new_sales WHERE member_id IS NOT NULL));
      RETURN NULL;
    END
    $fn$;

    CREATE FUNCTION member_activity_recount_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      PERFORM member_activity_recount(ARRAY(
        SELECT DISTINCT member_id FROM old_sales WHERE member_id IS NOT NULL));
      RETURN NULL;
    END
    $fn$;

    -- DELETE, not TRUNCATE: a TRUNCATE that names both tables has the summary open already.
    CREATE FUNCTION member_activity_forget() RETURNS trigger LANGUAGE plpgsql AS $fn$
    BEGIN
      DELETE FROM member_activity;
      RETURN NULL;
    END
    $fn$;

    CREATE TRIGGER sale_member_activity_insert AFTER INSERT ON sale
      REFERENCING NEW TABLE AS new_sales
      FOR EACH STATEMENT EXECUTE FUNCTION member_activity_add_sales();
    CREATE TRIGGER sale_member_activity_update AFTER UPDATE ON sale
      REFERENCING OLD TABLE AS old_sales NEW TABLE AS new_sales
      FOR EACH STATEMENT EXECUTE FUNCTION member_activity_recount_updated();
    CREATE TRIGGER sale_member_activity_delete AFTER DELETE ON sale
      REFERENCING OLD TABLE AS old_sales
      FOR EACH STATEMENT EXECUTE FUNCTION member_activity_recount_deleted();
    CREATE TRIGGER sale_member_activity_truncate AFTER TRUNCATE ON sale
      FOR EACH STATEMENT EXECUTE FUNCTION member_activity_forget();

    INSERT INTO member_activity
      (member_id, purchases, net_spend_minor, first_purchase_at, last_purchase_at)
    SELECT member_id, count(*) FILTER (WHERE kind = 'sale'), sum(total_minor),
      min(created_at::timestamptz) FILTER (WHERE kind = 'sale'),
      max(created_at::timestamptz) FILTER (WHERE kind = 'sale')
    FROM sale
    WHERE member_id IS NOT NULL
    GROUP BY member_id;
  `,
};
