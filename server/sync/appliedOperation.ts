import type { OperationOutcome, SyncOperation } from '../../shared/sync/protocol';
import type { Queryable } from '../db/database';
import type { ServiceRandom } from '../platform/randomness';

/** The terminal a push came from, as head office knows it (never as the body claims). */
export interface PushingTerminal {
  id: string;
  storeId: string;
  storeName: string;
  number: number;
  /** The time zone the terminal was set up with (terminal.configured); null until it says. */
  timeZone: string | null;
  /** It has named the program version of a sale before: a sale without one is not trusted. */
  pricesWithProgram: boolean;
}

/** Everything applying one operation needs, inside the push's transaction. */
export interface AppliedOperation {
  tx: Queryable;
  /** Head office's time for this push, ISO. */
  at: string;
  now: number;
  random: ServiceRandom;
  terminal: PushingTerminal;
  op: SyncOperation;
}

export type Compensation = NonNullable<OperationOutcome['compensation']>;

/** When one operation raises several exceptions, the terminal hears about the weightiest. */
const weight: Record<Compensation['kind'], number> = {
  rejected: 9,
  points_recomputed: 8,
  adjustment_held: 7,
  overdraft: 6,
  voided_coupon_redeemed: 5,
  coupon_already_redeemed: 4,
  member_merged: 2,
  unknown_member: 1,
};

export function weightiest(compensations: readonly Compensation[]): Compensation | null {
  let best: Compensation | null = null;
  for (const c of compensations) if (!best || weight[c.kind] > weight[best.kind]) best = c;
  return best;
}
