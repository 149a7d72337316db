import { describe, expect, it } from 'vitest';
import { makeTempDir } from './helpers/terminal';
import { benchEodReport, eodDataset } from '../bench/eodReport';

/** The eod_report benchmark at a tiny size, so its generator and checks cannot rot. */
describe('eod_report benchmark code', () => {
  it('builds a small ledger, caches it, and reports figures that agree with the ledger', () => {
    const tmp = makeTempDir('eod-bench-');
    try {
      const options = {
        seed: 7,
        sales: 3000,
        salesPerDay: 600,
        cacheDir: tmp.dir,
        plan: { warmup: 1, rounds: 2, perRound: 2 },
      };
      const result = benchEodReport(options);
      expect(result.name).toBe('eod_report');
      expect(result.ours.count).toBe(4);
      expect(result.baseline?.count).toBe(4);
      expect(result.ours.p50Ms).toBeGreaterThan(0);
      expect(result.notes.join('\n')).toMatch(/Z report of 2025-01-05: \d+ sales and refunds/);
      // The second run reuses the cached ledger.
      expect(eodDataset(options).built).toBe(false);
    } finally {
      tmp.remove();
    }
  });
});
