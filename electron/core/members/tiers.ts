import type Database from 'better-sqlite3-multiple-ciphers';
import type { Program, Tier } from '../../../shared/program';
import { uuidv7 } from '../../../shared/ids';
import { reviewTier, tierById, tierFor } from '../../../shared/rules/tiers';
import { prepared } from '../db/statements';
import type { Stamp } from '../context';

const YEAR_MS = 365 * 86_400_000;

/**
 * The value a member qualifies on over the rolling 12 months: net spend paid with money on goods
 * (sales less refunds), or points earned (earned less reversed), by the program's setting.
 */
export function qualifyingValue(
  db: Database.Database,
  memberId: string,
  program: Program,
  nowIso: string,
): number {
  const since = new Date(new Date(nowIso).getTime() - YEAR_MS).toISOString();
  if (program.tiers.qualification === 'spend') {
    const row = prepared(
      db,
      `SELECT coalesce(sum(earn_base_minor), 0) AS value FROM sale
       WHERE member_id = ? AND created_at >= ?`,
    ).get(memberId, since) as { value: number };
    return Math.max(0, row.value);
  }
  const row = prepared(
    db,
    `SELECT coalesce(sum(points), 0) AS value FROM points_entry
     WHERE member_id = ? AND kind IN ('earn', 'reverse_earn', 'bonus') AND created_at >= ?`,
  ).get(memberId, since) as { value: number };
  return Math.max(0, row.value);
}

export function memberTierRow(
  db: Database.Database,
  memberId: string,
): { tierId: string | null; tierSince: string | null } {
  const row = prepared(db, 'SELECT tier_id, tier_since FROM member WHERE id = ?').get(memberId) as
    { tier_id: string | null; tier_since: string | null } | undefined;
  return { tierId: row?.tier_id ?? null, tierSince: row?.tier_since ?? null };
}

function recordTierChange(
  db: Database.Database,
  stamp: Stamp,
  memberId: string,
  from: string | null,
  to: Tier,
  reason: 'upgrade' | 'review',
  saleId: string | null,
): void {
  prepared(db, 'UPDATE member SET tier_id = ?, tier_since = ? WHERE id = ?').run(
    to.id,
    stamp.createdAt,
    memberId,
  );
  prepared(
    db,
    `INSERT INTO tier_change (id, member_id, from_tier, to_tier, reason, sale_id, terminal_id,
       created_at, hlc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    uuidv7(),
    memberId,
    from,
    to.id,
    reason,
    saleId,
    stamp.terminalId,
    stamp.createdAt,
    stamp.hlc,
  );
}

/**
 * Upgrade the moment the threshold is crossed. Returns the change, if any. `knownTierId` is the
 * member's tier_id when the caller read it earlier in the same transaction (a sale's pricing).
 */
export function upgradeTier(
  db: Database.Database,
  stamp: Stamp,
  memberId: string,
  program: Program,
  saleId: string | null,
  extraValue = 0,
  knownTierId?: string | null,
): { from: Tier; to: Tier } | null {
  const levels = program.tiers.levels;
  const tierId = knownTierId === undefined ? memberTierRow(db, memberId).tierId : knownTierId;
  const current = tierById(tierId, levels);
  // Nothing is above the top tier, so the 12 months need not be summed.
  if (levels.every((level) => level.threshold <= current.threshold)) return null;
  const value = qualifyingValue(db, memberId, program, stamp.createdAt) + extraValue;
  const qualified = tierFor(value, levels);
  // A member with no tier row holds the first tier; only a higher one is an upgrade.
  if (qualified.threshold <= current.threshold) return null;
  recordTierChange(db, stamp, memberId, tierId, qualified, 'upgrade', saleId);
  return { from: current, to: qualified };
}

/** Yearly review with grace: may move a member down. Returns true when the tier changed. */
export function reviewMemberTier(
  db: Database.Database,
  stamp: Stamp,
  memberId: string,
  program: Program,
  shopDate: string,
): boolean {
  const { tierId, tierSince } = memberTierRow(db, memberId);
  if (tierId === null) return false;
  const value = qualifyingValue(db, memberId, program, stamp.createdAt);
  const held = reviewTier(
    value,
    tierId,
    (tierSince ?? stamp.createdAt).slice(0, 10),
    shopDate,
    program,
  );
  if (held.id === tierId) return false;
  recordTierChange(db, stamp, memberId, tierId, held, 'review', null);
  return true;
}
