import { isIdeographicRun, namePieces } from './nameSearch';

export { maskPhone } from '../phone';

/**
 * How a member is shown in lists and search results (issue 14 §3): enough for the cashier to
 * recognise the customer in front of them, not enough to identify a stranger. Their first name
 * and a masked phone (maskPhone: "•••• 4567"); the member screen shows the rest to the cashier
 * serving them.
 *
 * A name written with spaces shows its first word ("John Smith" → "John"). A Han name written
 * without spaces puts the family name first, so it shows the given name: all but the first
 * character ("王小明" → "小明"); a one- or two-character name keeps its last character only
 * when that leaves something ("李明" → "明").
 */
export function firstNameOf(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  const words = trimmed.split(/\s+/);
  const first = words[0] ?? '';
  if (words.length > 1 || !isIdeographicRun(first)) return first;
  const chars = Array.from(first);
  const runs = namePieces(first);
  return chars.length >= 2 && runs.length === 1 ? chars.slice(1).join('') : first;
}

/** A member where their name may not be shown (an analyst's list): a short pseudonymous id. */
export function pseudonymOf(memberId: string): string {
  return `M-${memberId.replace(/-/g, '').slice(-8).toUpperCase()}`;
}
