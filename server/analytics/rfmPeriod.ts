import { MAX_PERIOD_DAYS, daysBetween, periodBounds, todayIn } from '../../shared/analytics/period';
import { HeadOfficeFailure } from '../platform/errors';
import type { Issue } from '../platform/parse';

/**
 * Before any sale: created_at is ISO text compared as text (rfmStatement.ts), and a terminal
 * with its clock set to 1970 still sold something. A real date, so PostgreSQL could cast it too.
 */
export const ALL_HISTORY_START_ISO = '0001-01-01T00:00:00.000Z';

/**
 * The period of /admin/analytics/rfm and /segment-members (shared/office/analytics.ts): without
 * `from`, all history up to `to`; without `to`, today in the admin's zone.
 */
export interface RfmBounds {
  /** Null: all history. */
  from: string | null;
  to: string;
  startIso: string;
  endIso: string;
}

function refuse(issue: Issue): never {
  throw new HeadOfficeFailure(
    'invalid_input',
    `Invalid analytics query: ${issue.path}: ${issue.message}`,
    {
      issues: [issue],
    },
  );
}

/**
 * The instants a parsed RFM query covers, now that "today" is known. Only a `from` with `to`
 * left out is checked here (the schema cannot know today); the fault is then `from`'s.
 */
export function rfmBounds(
  query: { from?: string | undefined; to?: string | undefined; timeZone: string },
  nowMs: number,
): RfmBounds {
  const to = query.to ?? todayIn(nowMs, query.timeZone);
  const end = periodBounds(to, to, query.timeZone).endIso;
  if (query.from === undefined) {
    return { from: null, to, startIso: ALL_HISTORY_START_ISO, endIso: end };
  }
  if (query.to === undefined) {
    if (query.from > to) refuse({ path: 'from', message: `must not be after today (${to})` });
    if (daysBetween(query.from, to) + 1 > MAX_PERIOD_DAYS) {
      refuse({
        path: 'from',
        message: `a period covers at most ${MAX_PERIOD_DAYS} days; leave from out for all history`,
      });
    }
  }
  const bounds = periodBounds(query.from, to, query.timeZone);
  return { from: query.from, to, startIso: bounds.startIso, endIso: bounds.endIso };
}
