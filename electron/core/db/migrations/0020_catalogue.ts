import type { Migration } from '../migrate';

/**
 * The product catalogue (issue 16 §2), a copy of head office's from the products stream: the
 * items this store sells at its own price, their barcodes, and a name index for the cashier's
 * search. One writer (catalogue/catalogueStore.ts) keeps the three tables in step.
 *
 * `catalogue_search` holds each item's names and SKU, lower-cased, under its item_no. FTS5's
 * trigram tokenizer finds any fragment of three characters or more through its index (a Chinese
 * 「奶茶咖」 or an English "tea" inside a word); a one- or two-character fragment (「奶」) is a
 * LIKE over the same column, which on 100,000 items scans them all in about 12 ms when nothing
 * matches and stops at the first few matches when something does (measured on this machine).
 *
 * sync_cursor learns the new stream's name.
 */
export const migration0020: Migration = {
  version: 20,
  name: 'catalogue',
  up: `
    CREATE TABLE catalogue_item (
      item_no INTEGER PRIMARY KEY,
      item_id TEXT NOT NULL UNIQUE,
      sku TEXT NOT NULL UNIQUE,
      name_en TEXT NOT NULL,
      name_zh_hant TEXT NOT NULL,
      name_zh_hans TEXT NOT NULL,
      category_code TEXT,
      category_en TEXT,
      category_zh_hant TEXT,
      category_zh_hans TEXT,
      price_minor INTEGER NOT NULL CHECK (price_minor >= 0),
      tax_class TEXT,
      active INTEGER NOT NULL CHECK (active IN (0, 1)),
      CHECK ((category_code IS NULL) = (category_en IS NULL))
    ) STRICT;
    CREATE INDEX catalogue_item_category ON catalogue_item(category_code)
      WHERE category_code IS NOT NULL;

    CREATE TABLE catalogue_barcode (
      code TEXT PRIMARY KEY,
      item_id TEXT NOT NULL REFERENCES catalogue_item(item_id) ON DELETE CASCADE
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX catalogue_barcode_item ON catalogue_barcode(item_id);

    CREATE VIRTUAL TABLE catalogue_search USING fts5(names, tokenize = 'trigram');

    CREATE TABLE sync_cursor_v20 (
      stream TEXT PRIMARY KEY
        CHECK (stream IN ('members', 'balances', 'coupons', 'config', 'consent', 'erasures',
          'offers', 'complaints', 'products')),
      cursor INTEGER NOT NULL CHECK (cursor >= 0)
    ) STRICT;
    INSERT INTO sync_cursor_v20 (stream, cursor) SELECT stream, cursor FROM sync_cursor;
    DROP TABLE sync_cursor;
    ALTER TABLE sync_cursor_v20 RENAME TO sync_cursor;
  `,
};
