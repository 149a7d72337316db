import type { RecoveryComplaint, RecoverySale } from './serviceRecovery';

/**
 * The hand-worked service recovery fixture for October 2026 (shared/figures/serviceRecovery.test.ts
 * and head office's server/voice/recovery.test.ts read the same facts):
 * - A: resolved 10-06, buys 10-20 → resolved, repurchased.
 * - B: resolved 10-11, buys 2027-01-15 (window ends 2027-01-09) → resolved, not repurchased.
 * - J: closed, resolved 10-21, buys 12-30 (window ends 2027-01-19) → resolved, repurchased.
 * - C: open since 10-12 09:00, buys 10-12 10:00 → not resolved, repurchased.
 * - D: reopened (no resolution now), no sale → not resolved, not repurchased.
 * - E: resolved complaint of 10-02, open one of 10-25; bought 10-04 → the latest decides: not
 *   resolved, and 10-04 is before its logging → not repurchased.
 * - F: no complaint, bought 09-15 and 11-01 → no complaint, repurchased.
 * - G: no complaint, bought 08-01 only → no complaint, not repurchased.
 * - H: complaint of 09-01, bought 09-20 → neither complainant in October nor complaint-free.
 * - I: bought 06-01 (before the 90-day look-back from 07-03) and 10-05 → in no group.
 * - F's refund on 11-02 is not a sale and is not in the facts.
 * Resolved 2 of 3 (66.67 %), not resolved 1 of 3 (33.33 %), no complaint 1 of 2 (50 %).
 */
export const recoveryMembers = {
  A: '01900000-0000-7000-8000-00000000d00a',
  B: '01900000-0000-7000-8000-00000000d00b',
  C: '01900000-0000-7000-8000-00000000d00c',
  D: '01900000-0000-7000-8000-00000000d00d',
  E: '01900000-0000-7000-8000-00000000d00e',
  F: '01900000-0000-7000-8000-00000000d00f',
  G: '01900000-0000-7000-8000-00000000d010',
  H: '01900000-0000-7000-8000-00000000d011',
  I: '01900000-0000-7000-8000-00000000d012',
  J: '01900000-0000-7000-8000-00000000d013',
} as const;
const m = recoveryMembers;

export const recoveryComplaints: RecoveryComplaint[] = [
  {
    memberId: m.A,
    openedAt: '2026-10-05T02:00:00.000Z',
    resolvedAt: '2026-10-06T00:00:00.000Z',
    status: 'resolved',
  },
  {
    memberId: m.B,
    openedAt: '2026-10-10T02:00:00.000Z',
    resolvedAt: '2026-10-11T00:00:00.000Z',
    status: 'resolved',
  },
  {
    memberId: m.J,
    openedAt: '2026-10-20T02:00:00.000Z',
    resolvedAt: '2026-10-21T00:00:00.000Z',
    status: 'closed',
  },
  { memberId: m.C, openedAt: '2026-10-12T09:00:00.000Z', resolvedAt: null, status: 'open' },
  { memberId: m.D, openedAt: '2026-10-15T02:00:00.000Z', resolvedAt: null, status: 'open' },
  {
    memberId: m.E,
    openedAt: '2026-10-02T02:00:00.000Z',
    resolvedAt: '2026-10-03T00:00:00.000Z',
    status: 'resolved',
  },
  { memberId: m.E, openedAt: '2026-10-25T02:00:00.000Z', resolvedAt: null, status: 'open' },
  {
    memberId: m.H,
    openedAt: '2026-09-01T02:00:00.000Z',
    resolvedAt: '2026-09-02T00:00:00.000Z',
    status: 'resolved',
  },
];

export const recoverySales: RecoverySale[] = [
  { memberId: m.A, at: '2026-10-20T05:00:00.000Z' },
  { memberId: m.B, at: '2027-01-15T05:00:00.000Z' },
  { memberId: m.J, at: '2026-12-30T05:00:00.000Z' },
  { memberId: m.C, at: '2026-10-12T10:00:00.000Z' },
  { memberId: m.E, at: '2026-10-04T05:00:00.000Z' },
  { memberId: m.F, at: '2026-09-15T05:00:00.000Z' },
  { memberId: m.F, at: '2026-11-01T05:00:00.000Z' },
  { memberId: m.G, at: '2026-08-01T05:00:00.000Z' },
  { memberId: m.H, at: '2026-09-20T05:00:00.000Z' },
  { memberId: m.I, at: '2026-06-01T05:00:00.000Z' },
  { memberId: m.I, at: '2026-10-05T05:00:00.000Z' },
];
