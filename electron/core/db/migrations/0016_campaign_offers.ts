import type { Migration } from '../migrate';

/**
 * Campaign offers at the counter (issue 15 §3): head office's multiplier offers for the members
 * it assigned to a treated arm, pulled on the offers stream so a sale earns them offline too.
 * One row per (campaign, member); a withdrawn offer is kept with `withdrawn = 1` so an older
 * item can never bring it back. A sale keeps the offer it earned with, for its receipt. The sync
 * cursor table learns the new stream.
 */
export const migration0016: Migration = {
  version: 16,
  name: 'campaign offers',
  up: `
    CREATE TABLE member_offer (
      campaign_id TEXT NOT NULL,
      member_id TEXT NOT NULL,
      variant_id TEXT NOT NULL,
      campaign_name TEXT NOT NULL,
      percent INTEGER NOT NULL CHECK (percent BETWEEN 101 AND 1000),
      from_date TEXT NOT NULL,
      to_date TEXT NOT NULL,
      withdrawn INTEGER NOT NULL CHECK (withdrawn IN (0, 1)),
      PRIMARY KEY (member_id, campaign_id)
    ) STRICT;

    -- The offer a sale earned with, for its receipt and reprints.
    ALTER TABLE sale ADD COLUMN offer_campaign_id TEXT;
    ALTER TABLE sale ADD COLUMN offer_variant_id TEXT;
    ALTER TABLE sale ADD COLUMN offer_campaign_name TEXT;
    ALTER TABLE sale ADD COLUMN offer_percent INTEGER
      CHECK (offer_percent IS NULL OR offer_percent BETWEEN 101 AND 1000);

    CREATE TABLE sync_cursor_v16 (
      stream TEXT PRIMARY KEY
        CHECK (stream IN ('members', 'balances', 'coupons', 'config', 'consent', 'erasures',
          'offers')),
      cursor INTEGER NOT NULL CHECK (cursor >= 0)
    ) STRICT;
    INSERT INTO sync_cursor_v16 (stream, cursor) SELECT stream, cursor FROM sync_cursor;
    DROP TABLE sync_cursor;
    ALTER TABLE sync_cursor_v16 RENAME TO sync_cursor;
  `,
};
