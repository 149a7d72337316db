import type { AnalyticsFixture, MemberKey } from './analyticsFixture';
import { unwrap } from './terminal';

/** The member says no to profiling at the counter: they leave every targeted list. */
export function withdrawProfiling(fx: AnalyticsFixture, key: MemberKey): void {
  unwrap(
    fx.core.dispatch('consent.record', {
      memberId: fx.members[key].id,
      consent: {
        method: 'cashier_verbal',
        language: 'en',
        answers: [{ channel: 'sms', purpose: 'profiling', answer: 'withdrawn', wordingVersion: 1 }],
      },
    }),
  );
}
