import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/database';
import { createHeadOffice } from '../../server/headOffice';
import { SUMMARY_SCORED } from '../../server/analytics/activityRfm';
import { memberSegment } from '../../server/analytics/analyticsQueries';
import { TYPED, scoredCtes } from '../../server/analytics/rfmStatement';
import { testDatabases } from '../../server/testing/databases';
import { loadRfmData } from '../bench/rfmSegments';

/**
 * One member's segment (the member page, a segment's members) is scored from R and F alone
 * (SEGMENT_BUYERS): it must be the segment the full scoring with M gives every member, over the
 * activity summary (a period holding every sale) and over the period's sales (one that does not).
 */
describe.each(testDatabases)('one member’s RFM segment on $name', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.openFresh();
    await createHeadOffice(db);
    await loadRfmData(db, 400, 11);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const periods = [
    [
      'the whole year (the summary)',
      '2025-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
      SUMMARY_SCORED,
    ],
    [
      'from March (the sales)',
      '2025-03-01T00:00:00.000Z',
      '2026-01-01T00:00:00.000Z',
      scoredCtes(false),
    ],
  ] as const;

  it.each(periods)(
    '%s: every member’s segment is the full scoring’s',
    async (_, from, to, full) => {
      const params: [string, string, null, null, string] = [from, to, null, null, 'basic'];
      const { rows } = await db.query<{ member_id: string; segment: string }>(
        `WITH ${TYPED}, ${full} SELECT member_id, segment FROM scored ORDER BY member_id`,
        [...params],
      );
      expect(rows.length).toBeGreaterThan(100);
      const segments = new Set(rows.map((r) => r.segment));
      expect(segments.size).toBeGreaterThan(4);
      for (const row of rows.slice(0, 120)) {
        expect(await memberSegment(db, params, row.member_id), row.member_id).toBe(row.segment);
      }
      // Not a buyer in the period: no segment.
      const { rows: none } = await db.query<{ id: string }>(
        `SELECT id FROM member WHERE id <> ALL($1::uuid[]) LIMIT 1`,
        [rows.map((r) => r.member_id)],
      );
      expect(none[0]).toBeDefined();
      expect(await memberSegment(db, params, none[0]?.id ?? '')).toBeNull();
    },
    120_000,
  );

  it.each(periods)(
    '%s: after a merge, the survivor is scored with both members’ purchases and the merged one has none',
    async (_, from, to, full) => {
      const params: [string, string, null, null, string] = [from, to, null, null, 'basic'];
      const buyers = async () =>
        (
          await db.query<{ member_id: string; segment: string }>(
            `WITH ${TYPED}, ${full} SELECT member_id, segment FROM scored ORDER BY member_id`,
            [...params],
          )
        ).rows;
      const before = await buyers();
      const [survivor, merged] = [before[3]!.member_id, before[40]!.member_id];
      await db.query(
        `UPDATE member SET merged_into = $1, merged_at = $3::timestamptz WHERE id = $2`,
        [survivor, merged, to],
      );
      try {
        const after = await buyers();
        expect(after.map((r) => r.member_id)).not.toContain(merged);
        expect(await memberSegment(db, params, merged)).toBeNull();
        for (const row of [after.find((r) => r.member_id === survivor)!, ...after.slice(0, 30)])
          expect(await memberSegment(db, params, row.member_id), row.member_id).toBe(row.segment);
      } finally {
        await db.query(`UPDATE member SET merged_into = NULL, merged_at = NULL WHERE id = $1`, [
          merged,
        ]);
      }
    },
    120_000,
  );
});
