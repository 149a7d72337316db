import { isIdeographicRun, namePieces, normaliseName } from '../../../shared/rules/nameSearch';

/**
 * Name and phone search over FTS5 without a custom tokenizer.
 *
 * Han (and kana/hangul) names have no spaces, and a cashier may type any part: 小明 must find 王小明.
 * Each run of such characters is indexed as its single characters and its adjacent pairs; a query
 * run of length n becomes an AND of its n-1 pairs (or the single character), and the caller checks
 * the run really is contiguous. Latin names are indexed by word and matched by word prefix.
 * Phones are indexed by national number (prefix match) and by their last four digits.
 */
export { normaliseName };

function pieces(text: string): string[] {
  return namePieces(text);
}

export function memberSearchTokens(name: string, phoneNational: string): string {
  const tokens = new Set<string>();
  for (const run of pieces(name)) {
    if (isIdeographicRun(run)) {
      const chars = Array.from(run);
      chars.forEach((c, i) => {
        tokens.add(c);
        const next = chars[i + 1];
        if (next) tokens.add(c + next);
      });
    } else {
      tokens.add(run);
    }
  }
  tokens.add(phoneNational);
  tokens.add(`last${phoneNational.slice(-4)}`);
  return [...tokens].join(' ');
}

export interface SearchPlan {
  /** FTS5 MATCH expression; every term is quoted so no query syntax comes from input. */
  match: string;
  /** Ideographic runs of 3+ characters whose contiguity must be checked on the name. */
  mustContain: string[];
}

function quote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

export function nameSearchPlan(query: string): SearchPlan | null {
  const terms: string[] = [];
  const mustContain: string[] = [];
  for (const run of pieces(query)) {
    if (isIdeographicRun(run)) {
      const chars = Array.from(run);
      if (chars.length === 1) {
        terms.push(quote(run));
      } else {
        for (let i = 0; i + 1 < chars.length; i++) terms.push(quote(`${chars[i]}${chars[i + 1]}`));
        if (chars.length > 2) mustContain.push(run);
      }
    } else {
      terms.push(`${quote(run)}*`);
    }
  }
  if (terms.length === 0) return null;
  return { match: terms.join(' AND '), mustContain };
}

/** Digits only: a national-number prefix, or the last four digits. */
export function phoneSearchPlan(digits: string): SearchPlan {
  const prefix = `${quote(digits)}*`;
  return {
    match: digits.length === 4 ? `${prefix} OR ${quote(`last${digits}`)}` : prefix,
    mustContain: [],
  };
}
