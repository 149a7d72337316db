import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdjustmentResult, Member } from '../../../shared/domain';
import { defaultProgram, type Program } from '../../../shared/program';
import { uuidv7 } from '../../../shared/ids';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import {
  balanceOf,
  enroll,
  expectRefusal,
  goods,
  loyaltyOf,
  makeClock,
  rows,
  sell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';

/**
 * Manual adjustments and program changes need a manager's PIN and leave an audit row: who (the
 * cashier and the approving manager), when, on which terminal, before, after and why.
 */

let clock: TestClock;
let core: TestCore;
let amy: Member;

beforeEach(() => {
  clock = makeClock('2025-03-05T04:00:00.000Z');
  core = openTestCore({ now: clock.now });
  amy = enroll(core);
});
afterEach(() => core.cleanup());

interface AuditRow {
  action: string;
  subject_type: string;
  subject_id: string;
  staff_id: string;
  approved_by: string | null;
  terminal_id: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  created_at: string;
}

// By action, not by position: opening the shift and wrong PINs write audit rows of their own.
const audits = (action = 'points.adjust') =>
  rows<AuditRow>(core, 'SELECT * FROM audit_log WHERE action = ? ORDER BY audit_no', action);

describe('points.adjust', () => {
  it('+250 with the manager PIN: balance 100 → 350, one audit row with who, when, where, before, after and why', () => {
    sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    const result = unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 250,
        reason: 'Missed points on receipt 0001',
        managerPin: MANAGER_PIN,
      }),
    ) as AdjustmentResult;
    expect(result).toEqual({
      memberId: amy.id,
      points: 250,
      balanceBefore: 100,
      balanceAfter: 350,
    });
    expect(balanceOf(core, amy.id)).toBe(350);
    expect(audits()).toHaveLength(1);
    const [row] = audits();
    const manager = core.terminal.cashier.id;
    expect(row).toMatchObject({
      action: 'points.adjust',
      subject_type: 'member',
      subject_id: amy.id,
      staff_id: manager,
      approved_by: manager,
      terminal_id: core.terminal.terminalId,
      reason: 'Missed points on receipt 0001',
      created_at: clock.iso(),
    });
    expect(JSON.parse(row?.before ?? 'null')).toEqual({ total: 100, available: 100 });
    expect(JSON.parse(row?.after ?? 'null')).toEqual({ total: 350, available: 350 });
    // The entry itself carries the reason, and head office hears of it.
    expect(
      rows(core, "SELECT kind, points, reason, expires_at FROM points_entry WHERE kind = 'adjust'"),
    ).toEqual([
      {
        kind: 'adjust',
        points: 250,
        reason: 'Missed points on receipt 0001',
        expires_at: '2026-03-05T04:00:00.000Z',
      },
    ]);
    expect(
      rows(core, "SELECT count(*) AS n FROM outbox WHERE op_type = 'points.adjusted'"),
    ).toEqual([{ n: 1 }]);
  });

  it('a wrong PIN → wrong_pin: no entry, only the wrong-PIN audit row', () => {
    expectRefusal(
      core,
      'points.adjust',
      { memberId: amy.id, points: 100, reason: 'Nice customer', managerPin: '0000' },
      'wrong_pin',
    );
  });

  it('an unknown member → member_not_found, nothing written', () => {
    expectRefusal(
      core,
      'points.adjust',
      { memberId: uuidv7(), points: 100, reason: 'x', managerPin: MANAGER_PIN },
      'member_not_found',
    );
  });

  it('a negative adjustment beyond the balance is allowed and recorded as a debt (only adjustments may do that)', () => {
    sell(core, { memberId: amy.id, lines: [goods(5000)] }); // 50
    const result = unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: -80,
        reason: 'Fraudulent earn reversed',
        managerPin: MANAGER_PIN,
      }),
    ) as AdjustmentResult;
    expect(result).toMatchObject({ balanceBefore: 50, balanceAfter: -30 });
    expect(loyaltyOf(core, amy.id)).toMatchObject({ available: 0, debt: 30 });
    expect(JSON.parse(audits()[0]?.after ?? 'null')).toEqual({ total: -30, available: 0 });
  });

  it('expired points are written off before the adjustment, so "before" is what the member really had', () => {
    sell(core, { memberId: amy.id, lines: [goods(10_000)] });
    clock.advanceMonths(13);
    const result = unwrap(
      core.dispatch('points.adjust', {
        memberId: amy.id,
        points: 10,
        reason: 'x',
        managerPin: MANAGER_PIN,
      }),
    ) as AdjustmentResult;
    expect(result).toMatchObject({ balanceBefore: 0, balanceAfter: 10 });
  });
});

describe('program.update', () => {
  it('needs the manager PIN, replaces the program, and is audited with before and after', () => {
    const next: Program = {
      ...defaultProgram,
      earn: { ...defaultProgram.earn, points: 2 },
      pending: { returnWindowDays: 7 },
    };
    expectRefusal(core, 'program.update', { program: next, managerPin: '1111' }, 'wrong_pin');
    expect(
      unwrap(core.dispatch('program.update', { program: next, managerPin: MANAGER_PIN })),
    ).toEqual(next);
    expect(unwrap(core.dispatch('program.get', {}))).toEqual(next);
    // The wrong PIN before it left its own row (pin.wrong).
    const [row] = audits('program.update');
    expect(row).toMatchObject({
      action: 'program.update',
      subject_type: 'program',
      subject_id: '2',
    });
    expect(JSON.parse(row?.before ?? 'null')).toEqual(defaultProgram);
    expect(JSON.parse(row?.after ?? 'null')).toEqual(next);
    // The new rate applies to the next sale: HK$100 → 200 pts, pending 7 days.
    expect(sell(core, { memberId: amy.id, lines: [goods(10_000)] }).sale).toMatchObject({
      pointsEarned: 200,
      pointsPending: 200,
    });
  });
});
