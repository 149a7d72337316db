import type { TierLevel, TierMove } from './report';

/**
 * Tier distribution and movement. A member's tier at a moment is the `to` of their latest tier
 * change up to then; a member with none holds the program's first tier (as the terminal treats
 * them). Movement counts the changes in the period, grouped by (from, to); a change is up or
 * down by the program's order of tiers. A tier the program no longer has sorts after the others.
 */
export function tierRank(levels: readonly TierLevel[], tierId: string | null): number {
  if (tierId === null) return 0;
  const index = levels.findIndex((l) => l.id === tierId);
  return index === -1 ? levels.length : index;
}

export function tierMoves(
  levels: readonly TierLevel[],
  changes: readonly { fromTier: string | null; toTier: string; count: number }[],
): { upgrades: number; downgrades: number; moves: TierMove[] } {
  const moves: TierMove[] = changes
    .filter((c) => c.fromTier !== c.toTier)
    .map((c) => ({
      ...c,
      direction: tierRank(levels, c.toTier) >= tierRank(levels, c.fromTier) ? 'up' : 'down',
    }));
  moves.sort(
    (a, b) =>
      tierRank(levels, a.fromTier) - tierRank(levels, b.fromTier) ||
      tierRank(levels, a.toTier) - tierRank(levels, b.toTier),
  );
  const total = (direction: 'up' | 'down') =>
    moves.filter((m) => m.direction === direction).reduce((sum, m) => sum + m.count, 0);
  return { upgrades: total('up'), downgrades: total('down'), moves };
}

/** Every tier of the program with its count (zeros kept), then any unknown tier ids found. */
export function tierDistribution(
  levels: readonly TierLevel[],
  counts: readonly { tierId: string; count: number }[],
): { tierId: string; count: number }[] {
  const byId = new Map(counts.map((c) => [c.tierId, c.count]));
  const known = levels.map((l) => ({ tierId: l.id, count: byId.get(l.id) ?? 0 }));
  const unknown = counts.filter((c) => !levels.some((l) => l.id === c.tierId));
  return [...known, ...unknown];
}
