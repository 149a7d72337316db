import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StaffMember } from '../../../shared/staff';
import { uuidv7 } from '../../../shared/ids';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import { expectRefusal, rows } from '../../../test/unit/helpers/loyalty';

/**
 * A line's price changed at the counter: a manager's PIN approves it on a real ledger and the
 * audit log keeps the price before and after, who asked and who approved. A wrong PIN or a
 * cashier's own PIN changes nothing and writes no approval.
 */
let core: TestCore;
beforeEach(() => {
  core = openTestCore();
});
afterEach(() => core.cleanup());

interface AuditRow {
  action: string;
  subject_id: string;
  staff_id: string;
  approved_by: string | null;
  before: string;
  after: string;
  reason: string | null;
}

const priceChanges = () =>
  rows<AuditRow>(core, "SELECT * FROM audit_log WHERE action = 'sale.price_change'");

describe('sale.approvePriceChange', () => {
  it('a cashier with a manager’s PIN changes a price; the audit names both and both prices', () => {
    const cara = unwrap(
      core.dispatch('staff.add', {
        name: 'Cara',
        role: 'cashier',
        pin: '4321',
        managerPin: MANAGER_PIN,
      }),
    ) as StaffMember;
    unwrap(core.dispatch('staff.signIn', { pin: '4321' }));
    const saleId = uuidv7();
    const input = { saleId, description: 'Kettle', fromMinor: 12_000, toMinor: 9_900 };

    expectRefusal(core, 'sale.approvePriceChange', { ...input, managerPin: '4321' }, 'wrong_pin');
    expect(priceChanges()).toEqual([]);

    const approved = unwrap(
      core.dispatch('sale.approvePriceChange', { ...input, managerPin: MANAGER_PIN }),
    ) as { approvedBy: string };
    const [row, ...more] = priceChanges();
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      subject_id: saleId,
      staff_id: cara.id,
      approved_by: approved.approvedBy,
      reason: 'Kettle',
    });
    expect(approved.approvedBy).not.toBe(cara.id);
    expect(JSON.parse(row?.before ?? '{}')).toEqual({ unitPriceMinor: 12_000 });
    expect(JSON.parse(row?.after ?? '{}')).toEqual({ unitPriceMinor: 9_900 });
  });

  it('the PIN is always typed, the same price is no change, and bad input writes nothing', () => {
    const base = { saleId: uuidv7(), description: '', fromMinor: 500, toMinor: 400 };
    expectRefusal(core, 'sale.approvePriceChange', base, 'invalid_input');
    expectRefusal(
      core,
      'sale.approvePriceChange',
      { ...base, toMinor: 500, managerPin: MANAGER_PIN },
      'invalid_input',
    );
    expectRefusal(
      core,
      'sale.approvePriceChange',
      { ...base, toMinor: -1, managerPin: MANAGER_PIN },
      'invalid_input',
    );
    expectRefusal(
      core,
      'sale.approvePriceChange',
      { ...base, toMinor: 1.5, managerPin: MANAGER_PIN },
      'invalid_input',
    );
    expect(priceChanges()).toEqual([]);
  });
});
