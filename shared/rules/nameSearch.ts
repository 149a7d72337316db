/**
 * How a member's name is cut for search, on the terminal (electron/core/members/searchTokens.ts,
 * over FTS5) and at head office (server/members/memberSearch.ts, over PostgreSQL) alike.
 *
 * Han (and kana/hangul) names have no spaces, and a person may type any part: 小明 must find 王小明.
 * A query is cut into runs: each ideographic run must appear contiguously in the name, and each
 * Latin word must begin a word of the name (the terminal) or appear in it (head office).
 */
const ideographic = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const piece =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+|[\p{L}\p{N}]+/gu;

export function normaliseName(name: string): string {
  return name.normalize('NFKC').toLowerCase();
}

/** The runs of a name or a query, normalised: ideographic runs and Latin words. */
export function namePieces(text: string): string[] {
  return normaliseName(text).match(piece) ?? [];
}

export function isIdeographicRun(run: string): boolean {
  return ideographic.test(run);
}
