import type { SalePreview } from '../../../shared/domain';

/**
 * The most points the "use max" button may fill in: the core's maximum for this sale, capped by
 * head office's offline limit and kept on the program's step. Below the minimum nothing can be used.
 */
export function usablePoints(preview: SalePreview): number {
  const limit = preview.offlineLimit;
  if (!limit) return preview.maxRedeemablePoints;
  const step = Math.max(1, preview.redeemStep);
  const capped = Math.min(preview.maxRedeemablePoints, Math.floor(limit.max / step) * step);
  return capped >= preview.minimumRedeemPoints ? capped : 0;
}
