import type { Migration } from '../migration';

/**
 * Single-use coupons decided at head office, the chain-wide gift-card ledger, referral codes, and
 * the sale figures refunds need (gift-card share, earn base, refunded lines).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'coupons, gift cards, referral codes, refund details',
  up: `
    ALTER TABLE member ADD COLUMN referral_code text;
    ALTER TABLE member ADD COLUMN referred_by uuid;
    CREATE INDEX member_referral_code ON member (referral_code) WHERE referral_code IS NOT NULL;

    ALTER TABLE sale ADD COLUMN gift_card_minor bigint;
    ALTER TABLE sale ADD COLUMN earn_base_minor bigint;

    -- A coupon as head office knows it. Issue fields stay null while head office has only seen a
    -- redemption of it (the terminal that issued it has not pushed yet).
    CREATE TABLE coupon (
      id uuid PRIMARY KEY,
      code text NOT NULL,
      campaign_id text,
      member_id uuid,
      valid_from text,
      valid_to text,
      source text,
      issued_sale_id uuid,
      issued_at text,
      issued_store_id uuid REFERENCES store (id),
      issued_terminal_id uuid REFERENCES terminal (id),
      issued_op_id uuid,
      first_seen_at timestamptz NOT NULL,
      -- The redemption that holds the coupon: the first in head office's order that has not been
      -- returned. Null while the coupon is free. A cache of coupon_use, moved in the same transaction.
      redeemed_use_id uuid,
      redeemed_sale_id uuid,
      CHECK ((redeemed_use_id IS NULL) = (redeemed_sale_id IS NULL)),
      CHECK ((issued_op_id IS NULL) = (campaign_id IS NULL))
    );
    CREATE INDEX coupon_code ON coupon (code);
    CREATE INDEX coupon_member ON coupon (member_id) WHERE member_id IS NOT NULL;

    -- Every redemption and return, append-only, in head office's order (number).
    CREATE TABLE coupon_use (
      id uuid PRIMARY KEY,
      number bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      coupon_id uuid NOT NULL REFERENCES coupon (id),
      code text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('redeemed', 'returned')),
      -- The sale for a redemption, the refund for a return.
      sale_id uuid NOT NULL,
      -- A return: the redemption it gives back (null if head office cannot find it).
      returns_use_id uuid REFERENCES coupon_use (id),
      discount_minor bigint NOT NULL,
      store_id uuid NOT NULL REFERENCES store (id),
      terminal_id uuid NOT NULL REFERENCES terminal (id),
      op_id uuid NOT NULL,
      created_at text NOT NULL,
      recorded_at timestamptz NOT NULL,
      CHECK (kind = 'returned' OR returns_use_id IS NULL)
    );
    CREATE INDEX coupon_use_coupon ON coupon_use (coupon_id, number);
    CREATE UNIQUE INDEX coupon_use_returns ON coupon_use (returns_use_id)
      WHERE returns_use_id IS NOT NULL;

    -- Gift cards across the chain: the balance is the sum of the card's entries, cached here.
    CREATE TABLE gift_card (
      id uuid PRIMARY KEY,
      code text NOT NULL,
      currency text,
      balance_minor bigint NOT NULL,
      first_seen_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX gift_card_code ON gift_card (code);

    CREATE TABLE stored_value_entry (
      id uuid PRIMARY KEY,
      gift_card_id uuid NOT NULL REFERENCES gift_card (id),
      kind text NOT NULL,
      amount_minor bigint NOT NULL,
      -- The card's balance after this entry as the terminal saw it, and as head office counts it.
      terminal_balance_minor bigint NOT NULL,
      balance_after_minor bigint NOT NULL,
      sale_id uuid,
      store_id uuid NOT NULL REFERENCES store (id),
      terminal_id uuid NOT NULL REFERENCES terminal (id),
      op_id uuid NOT NULL,
      created_at text NOT NULL,
      recorded_at timestamptz NOT NULL
    );
    CREATE INDEX stored_value_entry_card ON stored_value_entry (gift_card_id, recorded_at);
  `,
};
