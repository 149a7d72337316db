/**
 * When a points entry happened, as shared/figures counts it: at the till, the time of the
 * operation that carried it (a sale's or refund's entries share the sale's time, an expiry its
 * catch-up's), which is what the till's own ledger stamps the entry with; head office's own
 * entries (exception resolutions, whose op_id is the resolution's, never an operation's) from
 * when head office wrote them. Liability and the report's points count entries by this time,
 * not by when head office heard of them.
 *
 * A terminal reports after it acts, with a day of clock error allowed
 * (`ENTRY_CLOCK_ALLOWANCE`): an entry made at or after an instant was recorded at most that long
 * before it, so a bound on recorded_at lets points_entry_recorded narrow the read.
 */
export const ENTRY_CLOCK_ALLOWANCE = "interval '1 day'";

/** `LEFT JOIN sync_op <op> …` for the entry `entry`: join it before using entryMadeAt. */
export function entryOperationJoin(entry: string, op: string): string {
  return `LEFT JOIN sync_op ${op} ON ${op}.op_id = ${entry}.op_id`;
}

/** The entry's time (timestamptz), given entryOperationJoin(entry, op). */
export function entryMadeAt(entry: string, op: string): string {
  return `coalesce(${op}.created_at::timestamptz, ${entry}.recorded_at)`;
}
