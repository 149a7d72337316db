/**
 * Service recovery outcome (issue 13 §4): did members come back after a complaint, and does
 * resolving it make the difference? Defined once here; head office (server/voice/recovery.ts)
 * takes its groups, reference times and windows from these functions and only asks PostgreSQL
 * whether a sale falls in a window. server/README.md ("Service recovery outcome") says the same.
 *
 * For a period [from, to] (calendar days, UTC):
 * - complainants: members with a complaint opened in the period. A member's latest such
 *   complaint decides their group: **resolved** when it is resolved or closed with a resolution
 *   time (reference: that resolution time), else **not resolved** (reference: when it was logged);
 * - **no complaint**: members who bought in the REPURCHASE_WINDOW_DAYS before the period's first
 *   day and had no complaint opened before the period's end (reference: the period's first day,
 *   00:00 UTC);
 * - a member **repurchased** when they have a sale (not a refund) after the reference and no
 *   later than REPURCHASE_WINDOW_DAYS after it. A window that has not ended yet counts what has
 *   happened so far.
 */
export const REPURCHASE_WINDOW_DAYS = 90;
const DAY_MS = 86_400_000;
const WINDOW_MS = REPURCHASE_WINDOW_DAYS * DAY_MS;

export const recoveryGroups = ['resolved', 'unresolved', 'noComplaint'] as const;
export type RecoveryGroup = (typeof recoveryGroups)[number];

export interface RecoveryComplaint {
  memberId: string;
  openedAt: string;
  /** Null while (or again, after a reopen) not resolved. */
  resolvedAt: string | null;
  status: string;
}

/** A window after a reference time: a sale counts when after < at ≤ until (ISO instants). */
export interface RepurchaseWindow {
  memberId: string;
  group: RecoveryGroup;
  after: string;
  until: string;
}

const isoPlus = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
const isResolved = (c: RecoveryComplaint): boolean =>
  c.resolvedAt !== null && (c.status === 'resolved' || c.status === 'closed');

/** Each complainant's group and window, from their latest complaint opened in the period. */
export function complainantWindows(complaints: readonly RecoveryComplaint[]): RepurchaseWindow[] {
  const latest = new Map<string, RecoveryComplaint>();
  for (const c of complaints) {
    const seen = latest.get(c.memberId);
    if (!seen || c.openedAt > seen.openedAt) latest.set(c.memberId, c);
  }
  return [...latest.values()]
    .sort((a, b) => (a.memberId < b.memberId ? -1 : 1))
    .map((c) => {
      const resolved = isResolved(c);
      const after = new Date(resolved ? (c.resolvedAt as string) : c.openedAt).toISOString();
      return {
        memberId: c.memberId,
        group: resolved ? 'resolved' : 'unresolved',
        after,
        until: isoPlus(after, WINDOW_MS),
      };
    });
}

/** Members without a complaint: who bought in `lookbackFrom` ≤ at < `after` counts. */
export function noComplaintWindow(from: string): {
  lookbackFrom: string;
  after: string;
  until: string;
} {
  const after = `${from}T00:00:00.000Z`;
  return { lookbackFrom: isoPlus(after, -WINDOW_MS), after, until: isoPlus(after, WINDOW_MS) };
}

export interface RepurchaseFigure {
  group: RecoveryGroup;
  members: number;
  repurchased: number;
  /** Percent of the group's members who repurchased; null for an empty group. */
  ratePercent: number | null;
}

export function repurchaseFigure(
  group: RecoveryGroup,
  members: number,
  repurchased: number,
): RepurchaseFigure {
  return {
    group,
    members,
    repurchased,
    ratePercent: members === 0 ? null : (100 * repurchased) / members,
  };
}

export interface RecoverySale {
  memberId: string;
  at: string;
}

/**
 * The whole figure over plain facts: what the hand-worked fixture checks, and what head office's
 * PostgreSQL reading must equal.
 */
export function serviceRecoveryOutcome(facts: {
  from: string;
  to: string;
  /** Every complaint with a member, opened at any time. */
  complaints: readonly RecoveryComplaint[];
  /** Every member sale (not refunds). */
  sales: readonly RecoverySale[];
}): RepurchaseFigure[] {
  const periodStart = `${facts.from}T00:00:00.000Z`;
  const periodEnd = isoPlus(`${facts.to}T00:00:00.000Z`, DAY_MS);
  const at = (iso: string) => Date.parse(iso);
  const inPeriod = facts.complaints.filter(
    (c) => at(c.openedAt) >= at(periodStart) && at(c.openedAt) < at(periodEnd),
  );
  const bought = (memberId: string, after: string, until: string) =>
    facts.sales.some(
      (s) => s.memberId === memberId && at(s.at) > at(after) && at(s.at) <= at(until),
    );
  const windows = complainantWindows(inPeriod);
  const counts: Record<RecoveryGroup, { members: number; repurchased: number }> = {
    resolved: { members: 0, repurchased: 0 },
    unresolved: { members: 0, repurchased: 0 },
    noComplaint: { members: 0, repurchased: 0 },
  };
  for (const w of windows) {
    counts[w.group].members++;
    if (bought(w.memberId, w.after, w.until)) counts[w.group].repurchased++;
  }
  const complained = new Set(
    facts.complaints.filter((c) => at(c.openedAt) < at(periodEnd)).map((c) => c.memberId),
  );
  const nc = noComplaintWindow(facts.from);
  const active = new Set(
    facts.sales
      .filter((s) => at(s.at) >= at(nc.lookbackFrom) && at(s.at) < at(nc.after))
      .map((s) => s.memberId)
      .filter((m) => !complained.has(m)),
  );
  for (const memberId of active) {
    counts.noComplaint.members++;
    if (bought(memberId, nc.after, nc.until)) counts.noComplaint.repurchased++;
  }
  return recoveryGroups.map((g) => repurchaseFigure(g, counts[g].members, counts[g].repurchased));
}
