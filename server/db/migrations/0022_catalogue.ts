import type { Migration } from '../migration';

/**
 * The product catalogue head office keeps (issue 16 §2), written by server/catalogue/. Terminals
 * receive it on the products stream (one item per change to an item, its barcodes, its
 * category's names or one of its store prices), priced for their own store.
 *
 * - catalogue_category: what earn rules and coupons match by code, with names in three languages.
 * - tax_class: a code, a name and a rate in basis points (the rate is kept, not yet applied).
 * - catalogue_item: one row per SKU; money in minor units of the chain's currency.
 * - item_barcode: a barcode belongs to one item at most (EAN-13 and UPC-A as digits, Code 128 as
 *   printed: shared/catalogue.ts normaliseBarcode).
 * - store_price: a store's own price of an item, instead of the list price.
 */
export const migration0022: Migration = {
  version: 22,
  name: 'catalogue',
  up: `
    CREATE TABLE catalogue_category (
      code text PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 40),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
      name_zh_hant text NOT NULL CHECK (length(name_zh_hant) <= 80),
      name_zh_hans text NOT NULL CHECK (length(name_zh_hans) <= 80),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE tax_class (
      code text PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 20),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
      rate_basis_points integer NOT NULL CHECK (rate_basis_points BETWEEN 0 AND 10000),
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );

    CREATE TABLE catalogue_item (
      id uuid PRIMARY KEY,
      sku text NOT NULL UNIQUE CHECK (length(sku) BETWEEN 1 AND 40),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
      name_zh_hant text NOT NULL CHECK (length(name_zh_hant) <= 80),
      name_zh_hans text NOT NULL CHECK (length(name_zh_hans) <= 80),
      category_code text REFERENCES catalogue_category (code) ON UPDATE CASCADE,
      list_price_minor integer NOT NULL CHECK (list_price_minor BETWEEN 0 AND 100000000),
      tax_class_code text REFERENCES tax_class (code),
      active boolean NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    );
    CREATE INDEX catalogue_item_category ON catalogue_item (category_code);

    CREATE TABLE item_barcode (
      code text PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 48),
      item_id uuid NOT NULL REFERENCES catalogue_item (id),
      kind text NOT NULL CHECK (kind IN ('ean13', 'upca', 'code128'))
    );
    CREATE INDEX item_barcode_item ON item_barcode (item_id);

    CREATE TABLE store_price (
      store_id uuid NOT NULL REFERENCES store (id),
      item_id uuid NOT NULL REFERENCES catalogue_item (id),
      price_minor integer NOT NULL CHECK (price_minor BETWEEN 0 AND 100000000),
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (store_id, item_id)
    );
    CREATE INDEX store_price_item ON store_price (item_id);

    INSERT INTO stream_counter (stream, seq) VALUES ('products', 0);
  `,
};
