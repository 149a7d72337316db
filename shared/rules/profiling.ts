import type { ConsentState } from './consent';

/**
 * Analytics respect purpose (issue 14 §3): a member appears by name or id in a targeted list or
 * a drill-down (a segment's members, the top members) only while their consent to personalised
 * offers based on purchase history (the "profiling" purpose) stands granted on some channel.
 * Everyone still counts in aggregates: a segment's size, buyers, spend.
 */
export function profilingAllowed(
  states: readonly Pick<ConsentState, 'purpose' | 'answer'>[],
): boolean {
  return states.some((s) => s.purpose === 'profiling' && s.answer === 'granted');
}

/**
 * The same rule as a condition on the derived consent table, which the terminal's ledger and
 * head office's database both keep with the same columns. `memberId` is a column expression of
 * the caller's query, never input.
 */
export function profilingAllowedSql(memberId: string): string {
  return `EXISTS (SELECT 1 FROM consent_current pc WHERE pc.member_id = ${memberId}
    AND pc.purpose = 'profiling' AND pc.answer = 'granted')`;
}
