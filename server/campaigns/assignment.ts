import { createHash } from 'node:crypto';

/**
 * Which arm a member is in for a campaign: decided by a hash of the campaign and the member, so
 * it never changes when the segment is evaluated again, needs no stored coin toss to agree
 * between nodes, and head office can compute it in SQL for a million members at once.
 *
 * bucket = the first 8 hex digits of md5("<campaignId>:<memberId>") as an integer, mod 10,000.
 * Buckets [0, holdout) are the holdout; the rest are split among the variants by their weights
 * in order. ASSIGNMENT_BUCKET_SQL is the same expression for PostgreSQL; a test holds them equal.
 */
export const BUCKETS = 10_000;

export function assignmentBucket(campaignId: string, memberId: string): number {
  const hex = createHash('md5').update(`${campaignId}:${memberId}`).digest('hex').slice(0, 8);
  return Number.parseInt(hex, 16) % BUCKETS;
}

/** PostgreSQL: $1 the campaign id, `member_id` the member's column. */
export const ASSIGNMENT_BUCKET_SQL = `(('x' || substr(md5($1 || ':' || member_id), 1, 8))::bit(32)::bigint % ${BUCKETS})`;

export interface Arms {
  /** Holdout share in basis points of the campaign's members (1,000 = 10 %). */
  holdoutBasisPoints: number;
  /** Variants in order, each with a positive weight. */
  variants: readonly { id: string; weight: number }[];
}

/** 'holdout' or the variant's id. */
export function armOf(bucket: number, arms: Arms): string {
  if (bucket < arms.holdoutBasisPoints) return 'holdout';
  const total = arms.variants.reduce((sum, v) => sum + v.weight, 0);
  const span = BUCKETS - arms.holdoutBasisPoints;
  const position = ((bucket - arms.holdoutBasisPoints) * total) / span;
  let upTo = 0;
  for (const variant of arms.variants) {
    upTo += variant.weight;
    if (position < upTo) return variant.id;
  }
  return arms.variants[arms.variants.length - 1]?.id ?? 'holdout';
}
