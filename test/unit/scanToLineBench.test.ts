import { describe, expect, it } from 'vitest';
import { benchScanToLine } from '../bench/scanToLine';

/**
 * The scan_to_line benchmark's own code at a tiny size: it pulls its catalogue, every scan finds
 * an item and prices the sale with it (a miss throws), and it reports both sides.
 */
describe('the scan_to_line benchmark', () => {
  it('scans 300 items’ barcodes into a priced sale, beside the bare lookup', () => {
    const result = benchScanToLine({
      items: 300,
      seed: 7,
      plan: { warmup: 20, rounds: 2, perRound: 40 },
    });
    expect(result.name).toBe('scan_to_line');
    expect(result.ours.count).toBe(80);
    expect(result.baseline?.count).toBe(80);
    expect(result.ours.p99Ms).toBeGreaterThan(0);
    expect(result.notes?.[0]).toMatch(/300 catalogue items/);
  }, 60_000);
});
