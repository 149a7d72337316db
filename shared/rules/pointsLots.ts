/**
 * Replays a member's points ledger into lots, oldest first, to answer: what can be spent now,
 * what is still pending, what expires when, and which lots have expired without an entry yet.
 *
 * - Every positive entry opens a lot (after first paying off any debt). A lot may be pending
 *   (availableAt in the future) and expires at expiresAt (null: never).
 * - A redemption (or a negative adjustment) spends available, unexpired lots, earliest expiry
 *   first. A lot past its expiry date is never spent, even before its expire entry is written:
 *   that is what makes expiry catch up correctly after a terminal was off for days.
 * - A reversal of earned points takes back from the lot it reverses first.
 * - An expire entry closes exactly the lot it names.
 * - Whatever cannot be taken from a lot becomes debt, repaid by the next points earned.
 *
 * Invariant: sum(entries) = sum(lot.remaining) - debt.
 */
export const pointsEntryKinds = [
  'earn',
  'redeem',
  'reverse_earn',
  'reverse_redeem',
  'expire',
  'adjust',
  'bonus',
] as const;
export type LotEntryKind = (typeof pointsEntryKinds)[number];

export interface LotEntry {
  id: string;
  kind: LotEntryKind;
  points: number;
  createdAt: string;
  availableAt: string | null;
  expiresAt: string | null;
  reversesId: string | null;
  lotId: string | null;
}

export interface Lot {
  id: string;
  kind: LotEntryKind;
  createdAt: string;
  availableAt: string | null;
  expiresAt: string | null;
  original: number;
  remaining: number;
  /** Taken back by expire entries. */
  expired: number;
}

export interface Consumption {
  lotId: string;
  points: number;
  expiresAt: string | null;
}

export interface LotState {
  lots: Lot[];
  lotById: Map<string, Lot>;
  debt: number;
  /** For each negative entry: which lots it took from (empty where it became debt). */
  consumedBy: Map<string, Consumption[]>;
}

const isAvailable = (lot: Lot, at: string) => lot.availableAt === null || lot.availableAt <= at;
const isExpired = (lot: Lot, at: string) => lot.expiresAt !== null && lot.expiresAt <= at;

function byExpiry(a: Lot, b: Lot): number {
  if (a.expiresAt === b.expiresAt)
    return a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;
  if (a.expiresAt === null) return 1;
  if (b.expiresAt === null) return -1;
  return a.expiresAt < b.expiresAt ? -1 : 1;
}

export function replayLots(entries: readonly LotEntry[]): LotState {
  const state = emptyLots();
  for (const entry of entries) applyLotEntry(state, entry);
  return state;
}

export function emptyLots(): LotState {
  return { lots: [], lotById: new Map(), debt: 0, consumedBy: new Map() };
}

/**
 * Applies one more entry, in ledger order, to a replayed state. A sale reads and replays the
 * member's ledger once, then applies each entry it writes, so it never reads the ledger again:
 * replayLots(entries) and applying the same entries one by one give the same state.
 */
export function applyLotEntry(state: LotState, entry: LotEntry): void {
  const take = (lot: Lot, wanted: number, into: Consumption[]): number => {
    const taken = Math.min(lot.remaining, wanted);
    if (taken > 0) {
      lot.remaining -= taken;
      into.push({ lotId: lot.id, points: taken, expiresAt: lot.expiresAt });
    }
    return taken;
  };

  if (entry.points > 0) {
    const repaid = Math.min(state.debt, entry.points);
    state.debt -= repaid;
    const lot: Lot = {
      id: entry.id,
      kind: entry.kind,
      createdAt: entry.createdAt,
      availableAt: entry.availableAt,
      expiresAt: entry.expiresAt,
      original: entry.points - repaid,
      remaining: entry.points - repaid,
      expired: 0,
    };
    state.lots.push(lot);
    state.lotById.set(lot.id, lot);
    return;
  }
  let wanted = -entry.points;
  const consumed: Consumption[] = [];
  if (entry.kind === 'expire') {
    const lot = entry.lotId ? state.lotById.get(entry.lotId) : undefined;
    if (lot) {
      const taken = take(lot, wanted, consumed);
      lot.expired += taken;
      wanted -= taken;
    }
  } else {
    if (entry.kind === 'reverse_earn' && entry.reversesId) {
      const own = state.lotById.get(entry.reversesId);
      if (own) wanted -= take(own, wanted, consumed);
    }
    const spendable = state.lots
      .filter(
        (lot) =>
          lot.remaining > 0 &&
          isAvailable(lot, entry.createdAt) &&
          !isExpired(lot, entry.createdAt),
      )
      .sort(byExpiry);
    for (const lot of spendable) {
      if (wanted === 0) break;
      wanted -= take(lot, wanted, consumed);
    }
  }
  state.debt += wanted;
  state.consumedBy.set(entry.id, consumed);
}

export interface PointsSummary {
  /** Sum of all entries: the member's ledger balance. */
  total: number;
  /** What may be spent now. */
  available: number;
  /** Earned but still inside the return window. */
  pending: number;
  debt: number;
  /** Lots past expiry with points left and no expire entry yet: the expiry job writes these. */
  dueToExpire: { lotId: string; points: number; expiresAt: string }[];
  /** Upcoming expiries of available points, soonest first, by calendar date. */
  expiring: { date: string; points: number }[];
}

export function summarisePoints(state: LotState, now: string): PointsSummary {
  let remaining = 0;
  let available = 0;
  let pending = 0;
  const dueToExpire: PointsSummary['dueToExpire'] = [];
  const expiringByDate = new Map<string, number>();
  for (const lot of state.lots) {
    remaining += lot.remaining;
    if (lot.remaining === 0) continue;
    if (isExpired(lot, now)) {
      dueToExpire.push({
        lotId: lot.id,
        points: lot.remaining,
        expiresAt: lot.expiresAt as string,
      });
    } else if (!isAvailable(lot, now)) {
      pending += lot.remaining;
    } else {
      available += lot.remaining;
      if (lot.expiresAt) {
        const date = lot.expiresAt.slice(0, 10);
        expiringByDate.set(date, (expiringByDate.get(date) ?? 0) + lot.remaining);
      }
    }
  }
  const spendable = Math.max(0, available - state.debt);
  return {
    total: remaining - state.debt,
    available: spendable,
    pending,
    debt: Math.max(0, state.debt - available),
    dueToExpire: dueToExpire.sort((a, b) => (a.expiresAt < b.expiresAt ? -1 : 1)),
    expiring: [...expiringByDate.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, points]) => ({ date, points })),
  };
}

/** Adds whole calendar months to an ISO instant, clamping to the month's last day. */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString();
}
