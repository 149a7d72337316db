import { describe, expect, it } from 'vitest';
import { complainantWindows, noComplaintWindow, serviceRecoveryOutcome } from './serviceRecovery';
import { recoveryComplaints, recoveryMembers, recoverySales } from './serviceRecovery.fixture';

describe('the service recovery outcome', () => {
  it('October 2026: resolved 2/3 = 66.67 %, not resolved 1/3 = 33.33 %, no complaint 1/2 = 50 %', () => {
    const outcome = serviceRecoveryOutcome({
      from: '2026-10-01',
      to: '2026-10-31',
      complaints: recoveryComplaints,
      sales: recoverySales,
    });
    expect(outcome.map((g) => [g.group, g.members, g.repurchased])).toEqual([
      ['resolved', 3, 2],
      ['unresolved', 3, 1],
      ['noComplaint', 2, 1],
    ]);
    expect(outcome[0]?.ratePercent).toBeCloseTo(66.6667, 3);
    expect(outcome[1]?.ratePercent).toBeCloseTo(33.3333, 3);
    expect(outcome[2]?.ratePercent).toBe(50);
  });

  it("a member's latest complaint in the period decides: resolution, else logging, starts 90 days", () => {
    const windows = complainantWindows(
      recoveryComplaints.filter((c) => c.openedAt >= '2026-10-01'),
    );
    expect(windows.find((w) => w.memberId === recoveryMembers.B)).toMatchObject({
      group: 'resolved',
      after: '2026-10-11T00:00:00.000Z',
      until: '2027-01-09T00:00:00.000Z',
    });
    expect(windows.find((w) => w.memberId === recoveryMembers.E)).toMatchObject({
      group: 'unresolved',
      after: '2026-10-25T02:00:00.000Z',
    });
  });

  it('members without a complaint: bought in the 90 days before the first day, 90 days after it', () => {
    expect(noComplaintWindow('2026-10-01')).toEqual({
      lookbackFrom: '2026-07-03T00:00:00.000Z',
      after: '2026-10-01T00:00:00.000Z',
      until: '2026-12-30T00:00:00.000Z',
    });
  });

  it('empty groups have no rate', () => {
    const outcome = serviceRecoveryOutcome({
      from: '2026-10-01',
      to: '2026-10-31',
      complaints: [],
      sales: [],
    });
    expect(outcome.every((g) => g.members === 0 && g.ratePercent === null)).toBe(true);
  });
});
