import { describe, expect, it } from 'vitest';
import { parseFaults } from './network';
import { runSimulation } from './simulation';

/**
 * A small run of the deterministic simulation (`npm run sim` runs the large one): real terminal
 * cores and real head-office logic over a network with every fault, then convergence.
 */
describe('sync simulation', () => {
  it.each([1, 2])(
    'converges with nothing lost, doubled or mismatched under every fault, poisoned operations each rejected and kept (seed %i)',
    async (seed) => {
      const report = await runSimulation({
        terminals: 4,
        ops: 300,
        seed,
        faults: parseFaults('all'),
      });
      expect(report.unexpected).toEqual([]);
      expect(report.problems).toEqual([]);
      // Poisoned operations were slipped in, and every one came back rejected (the invariants
      // count a poisoned operation not rejected, or an honest one rejected, as lost).
      expect(report.summary.rejected).toBeGreaterThan(0);
      // Complaints were logged, and stepped both at tills and at head office, often at once.
      expect(report.summary.complaints).toBeGreaterThan(0);
      const office = report.figures.head_office as Record<string, number>;
      expect(office.complaint_steps_at_terminals).toBeGreaterThan(0);
      expect(office.complaint_steps_at_head_office).toBeGreaterThan(0);
      expect(office.complaints_stepped_at_both).toBeGreaterThan(0);
      expect({
        ...report.summary,
        seconds: 0,
        rejected: 0,
        complaints: 0,
        complaint_events: 0,
      }).toEqual({
        converged: true,
        ops: 300,
        rejected: 0,
        lost: 0,
        duplicated: 0,
        balance_mismatches: 0,
        coupon_double_confirmed: 0,
        unrecorded_overdrafts: 0,
        complaint_mismatches: 0,
        complaints: 0,
        complaint_events: 0,
        seconds: 0,
      });
    },
    180_000,
  );

  it('converges the same with two head-office nodes on one database as with one, each request to one at random', async () => {
    const run = (nodes: number) =>
      runSimulation({ terminals: 4, ops: 300, seed: 3, faults: parseFaults('all'), nodes });
    const one = await run(1);
    const report = await run(2);
    expect(report.unexpected).toEqual([]);
    expect(report.problems).toEqual([]);
    const perNode = report.figures.requests_per_node as number[];
    expect(perNode).toHaveLength(2);
    expect(Math.min(...perNode)).toBeGreaterThan(0);
    expect({ ...report.summary, seconds: 0 }).toMatchObject({
      converged: true,
      lost: 0,
      duplicated: 0,
      balance_mismatches: 0,
      coupon_double_confirmed: 0,
      unrecorded_overdrafts: 0,
      complaint_mismatches: 0,
    });
    // The same run, whichever node answered each request: the same figures as one node gives.
    expect({ ...report.summary, seconds: 0 }).toEqual({ ...one.summary, seconds: 0 });
  }, 360_000);
});
