import { PGlite } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { ASSIGNMENT_BUCKET_SQL, BUCKETS, armOf, assignmentBucket } from './assignment';

describe('assignment to arms', () => {
  const arms = {
    holdoutBasisPoints: 1_000,
    variants: [
      { id: 'a', weight: 1 },
      { id: 'b', weight: 1 },
    ],
  };

  it('puts a member in the same arm every time, in [0, 10,000)', () => {
    const bucket = assignmentBucket('camp-1', 'member-42');
    expect(assignmentBucket('camp-1', 'member-42')).toBe(bucket);
    expect(bucket).toBeGreaterThanOrEqual(0);
    expect(bucket).toBeLessThan(BUCKETS);
    expect(armOf(0, arms)).toBe('holdout');
    expect(armOf(999, arms)).toBe('holdout');
    expect(armOf(1_000, arms)).toBe('a');
    expect(armOf(5_499, arms)).toBe('a');
    expect(armOf(5_500, arms)).toBe('b');
    expect(armOf(9_999, arms)).toBe('b');
  });

  it('splits 20,000 members 10 / 45 / 45 within four standard errors', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 20_000; i += 1) {
      const armId = armOf(assignmentBucket('spring', `m${i}`), arms);
      counts.set(armId, (counts.get(armId) ?? 0) + 1);
    }
    const within = (count: number, share: number) =>
      Math.abs(count - 20_000 * share) <= 4 * Math.sqrt(20_000 * share * (1 - share));
    expect(within(counts.get('holdout')!, 0.1)).toBe(true);
    expect(within(counts.get('a')!, 0.45)).toBe(true);
    expect(within(counts.get('b')!, 0.45)).toBe(true);
  });

  it('gives PostgreSQL the same buckets as the terminal', async () => {
    const db = new PGlite();
    const ids = Array.from({ length: 500 }, (_, i) => `01J${i.toString(36).padStart(8, '0')}`);
    const { rows } = await db.query<{ member_id: string; bucket: string | number }>(
      `SELECT member_id, ${ASSIGNMENT_BUCKET_SQL} AS bucket FROM unnest($2::text[]) AS member_id`,
      ['camp-7', ids],
    );
    await db.close();
    expect(rows).toHaveLength(500);
    for (const row of rows)
      expect(Number(row.bucket)).toBe(assignmentBucket('camp-7', row.member_id));
  }, 60_000);
});
