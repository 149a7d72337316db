import type { Migration } from '../migrate';

/**
 * A member's preferred language.
 *
 * Each member has one of the terminal's languages, for what the shop says to them (receipts,
 * messages). It starts as the shop's language, the terminal's, and the member may change it on
 * the member's edit screen; an edit travels to head office like any profile field. Members
 * already on file take the shop's language now. The column's default only lets ALTER TABLE add
 * a NOT NULL column: every insert names the language.
 */
export const migration0010: Migration = {
  version: 10,
  name: 'member language',
  up: `
    ALTER TABLE member ADD COLUMN preferred_language TEXT NOT NULL DEFAULT 'en'
      CHECK (preferred_language IN ('en', 'zh-Hant', 'zh-Hans'));
    UPDATE member SET preferred_language = (SELECT locale FROM terminal WHERE id = 1)
      WHERE (SELECT locale FROM terminal WHERE id = 1) IN ('en', 'zh-Hant', 'zh-Hans');
  `,
};
