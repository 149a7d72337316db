import { describe, expect, it } from 'vitest';
import {
  bareRfm,
  benchRfmSegments,
  loadRfmData,
  ourRfm,
  rfmHeadOffice,
  sameCounts,
} from '../bench/rfmSegments';

/**
 * The rfm_segments benchmark's own code at a tiny size, on the PostgreSQL server (it exists
 * only there): the bulk load makes what it says, our statement and the bare one agree, and the
 * run reports and drops its schema.
 */
describe.runIf(process.env.HEAD_OFFICE_PG_TESTS === '1')('the rfm_segments benchmark', () => {
  it('loads 2,000 members and 7,000 sales; ours and the bare statement count the same', async () => {
    const { db, headOffice, drop } = await rfmHeadOffice('rfm_test');
    try {
      expect(await loadRfmData(db, 2000, 7)).toBe(7000);
      const { rows } = await db.query<{ members: number; sales: number; buyers: number }>(
        `SELECT (SELECT count(*) FROM member)::int AS members, (SELECT count(*) FROM sale)::int AS sales,
           (SELECT count(DISTINCT member_id) FROM sale WHERE kind = 'sale')::int AS buyers`,
      );
      expect(rows[0]?.members).toBe(2000);
      expect(rows[0]?.sales).toBe(7000);
      const ours = await ourRfm(headOffice);
      const bare = await bareRfm(db);
      expect(sameCounts(ours, bare)).toBe(true);
      const scored = [...ours.values()].reduce((a, b) => a + b, 0);
      // Skewed: many members bought, not all; every buyer who bought (not only refunded) is scored.
      expect(scored).toBeGreaterThan(500);
      expect(scored).toBeLessThanOrEqual(rows[0]?.buyers ?? 0);
      // A long tail fills the map: regulars are champions, one-visit members lost or new.
      for (const segment of ['champions', 'loyal', 'lost', 'hibernating', 'new'])
        expect(ours.get(segment) ?? 0, segment).toBeGreaterThan(0);
    } finally {
      await drop();
    }
  }, 60_000);

  it('a whole run reports rfm_segments with a baseline and leaves no schema behind', async () => {
    const result = await benchRfmSegments({ members: 500, seed: 3 });
    expect(result.name).toBe('rfm_segments');
    expect(result.baseline?.count).toBe(7);
    expect(result.ours.count).toBe(7);
    const notes = result.notes.join('\n');
    expect(notes).toContain('ours and the baseline give the same counts: yes');
    expect(notes).toMatch(/the period's sales .*same counts: yes/);
    const { rfmHeadOffice: open } = await import('../bench/rfmSegments');
    const probe = await open('rfm_probe');
    try {
      const { rows } = await probe.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'bench_rfm_${process.pid}_%'`,
      );
      expect(rows[0]?.n).toBe(0);
    } finally {
      await probe.drop();
    }
  }, 60_000);
});
