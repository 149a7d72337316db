import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member, Receipt, TerminalInfo } from '../../../shared/domain';
import type { StaffMember } from '../../../shared/staff';
import { uuidv7 } from '../../../shared/ids';
import { randomBytes, scryptSync } from 'node:crypto';
import { pinTag } from './pin';
import { deriveTerminalKeys } from '../keys/terminalKeys';
import { sqlitePlan } from '../../../test/unit/helpers/sqlitePlan';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import {
  enroll,
  expectRefusal,
  goods,
  makeClock,
  rows,
  sell,
  trySell,
  type TestClock,
} from '../../../test/unit/helpers/loyalty';

/**
 * Staff and sign-in on a real ledger: PINs are tags keyed by the terminal's pepper and unique on a terminal, the
 * signed-in person is stamped on every write, nobody signed in means nothing written, wrong PINs
 * lock PIN entry for a while, and every override names the approving manager and the cashier.
 */

let clock: TestClock;
let core: TestCore;

/** The keys of the tests' terminals (vitest.config.ts gives them one secret). */
const terminalKeys = deriveTerminalKeys(
  Buffer.from(process.env.LOYALTY_TERMINAL_SECRET ?? '', 'hex'),
);

/** A PIN as ledgers before migration 11 stored it. */
function legacyScrypt(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, 32, { N: 16384, r: 8, p: 1 });
  return `scrypt$16384$8$1$${salt.toString('base64')}$${hash.toString('base64')}`;
}

beforeEach(() => {
  clock = makeClock('2025-03-05T04:00:00.000Z');
  core = openTestCore({ now: clock.now });
});
afterEach(() => core.cleanup());

const addStaff = (name: string, role: 'cashier' | 'manager', pin: string) =>
  unwrap(core.dispatch('staff.add', { name, role, pin, managerPin: MANAGER_PIN })) as StaffMember;
const signIn = (pin: string, staffId?: string) =>
  unwrap(core.dispatch('staff.signIn', { pin, ...(staffId ? { staffId } : {}) })) as TerminalInfo;

interface AuditRow {
  action: string;
  subject_id: string;
  staff_id: string;
  approved_by: string | null;
  before: string | null;
  after: string | null;
}
const lastAudit = () =>
  rows<AuditRow>(core, 'SELECT * FROM audit_log ORDER BY audit_no DESC LIMIT 1')[0];

describe('PINs', () => {
  it('are stored only as a tag keyed by the terminal’s pepper, found by one index probe', () => {
    const cara = addStaff('Cara', 'cashier', '4321');
    const stored = rows<{ pin_tag: string; pin_hash: string | null }>(
      core,
      'SELECT pin_tag, pin_hash FROM staff WHERE id = ?',
      cara.id,
    )[0];
    expect(stored?.pin_hash).toBeNull();
    expect(stored?.pin_tag).toBe(pinTag(terminalKeys.pinPepper, '4321'));
    expect(stored?.pin_tag).not.toContain('4321');
    // Another terminal's pepper gives another tag: a copied ledger's tags say nothing alone.
    const otherPepper = deriveTerminalKeys(Buffer.alloc(32, 1)).pinPepper;
    expect(pinTag(otherPepper, '4321')).not.toBe(stored?.pin_tag);
    expect(
      sqlitePlan(core.db, 'SELECT id FROM staff WHERE pin_tag = ? AND deactivated_at IS NULL'),
    ).toMatch(/SEARCH staff USING INDEX staff_active_pin_tag/);
    expect(signIn('4321').cashier.id).toBe(cara.id);
  });

  it('signs in any of 57 staff by PIN alone, and refuses a PIN nobody has', () => {
    const staff = Array.from({ length: 57 }, (_, i) =>
      addStaff(`Staff ${i}`, 'cashier', String(100000 + i * 7)),
    );
    for (const person of [staff[0], staff[28], staff[56]])
      expect(signIn(String(100000 + staff.indexOf(person!) * 7)).cashier.id).toBe(person!.id);
    expectRefusal(core, 'staff.signIn', { pin: '999999' }, 'pin_not_recognised');
  });

  it('from a ledger before the pepper: an old scrypt hash still signs in, once, then is a tag', () => {
    const id = uuidv7();
    core.db
      .prepare(
        `INSERT INTO staff (id, name, role, pin_hash, created_at)
         VALUES (?, 'Old Olive', 'cashier', ?, '2024-01-01T00:00:00.000Z')`,
      )
      .run(id, legacyScrypt('5566'));
    expectRefusal(core, 'staff.signIn', { pin: '5567' }, 'pin_not_recognised');
    expect(signIn('5566').cashier.id).toBe(id);
    expect(
      rows<{ pin_tag: string; pin_hash: string | null }>(
        core,
        'SELECT pin_tag, pin_hash FROM staff WHERE id = ?',
        id,
      ),
    ).toEqual([{ pin_tag: pinTag(terminalKeys.pinPepper, '5566'), pin_hash: null }]);
    expect(signIn('5566').cashier.id).toBe(id);
  });

  it('are unique on a terminal: a PIN in use is refused for a new person and for a change', () => {
    const cara = addStaff('Cara', 'cashier', '4321');
    expectRefusal(
      core,
      'staff.add',
      { name: 'Dan', role: 'cashier', pin: '4321', managerPin: MANAGER_PIN },
      'pin_taken',
    );
    expectRefusal(
      core,
      'staff.changePin',
      { staffId: cara.id, pin: MANAGER_PIN, managerPin: MANAGER_PIN },
      'pin_taken',
    );
    // A deactivated person's PIN is free again.
    unwrap(core.dispatch('staff.deactivate', { staffId: cara.id, managerPin: MANAGER_PIN }));
    expect(addStaff('Dan', 'cashier', '4321').name).toBe('Dan');
  });

  it('change: the new PIN signs in, the old one no longer does; the audit row holds no PIN', () => {
    const cara = addStaff('Cara', 'cashier', '4321');
    unwrap(
      core.dispatch('staff.changePin', { staffId: cara.id, pin: '8765', managerPin: MANAGER_PIN }),
    );
    expectRefusal(core, 'staff.signIn', { pin: '4321' }, 'pin_not_recognised');
    expect(signIn('8765').cashier.name).toBe('Cara');
    const changed = rows<AuditRow>(
      core,
      "SELECT * FROM audit_log WHERE action = 'staff.pin_changed'",
    )[0];
    expect(changed?.subject_id).toBe(cara.id);
    expect(JSON.stringify(changed)).not.toMatch(/8765|4321/);
  });
});

describe('signing in', () => {
  it('the set-up manager is signed in; a PIN alone or name + PIN switches cashier', () => {
    expect(core.terminal.signedIn).toBe(true);
    const cara = addStaff('Cara', 'cashier', '4321');
    const info = signIn('4321');
    expect(info).toMatchObject({ signedIn: true, cashier: { id: cara.id, role: 'cashier' } });
    expect(lastAudit()).toMatchObject({ action: 'staff.switched', staff_id: cara.id });
    // Naming the person checks only their PIN: the manager's PIN with Cara's name is refused.
    expectRefusal(
      core,
      'staff.signIn',
      { pin: MANAGER_PIN, staffId: cara.id },
      'pin_not_recognised',
    );
    expect(signIn(MANAGER_PIN, core.terminal.cashier.id).cashier.role).toBe('manager');
    expect(rows(core, 'SELECT count(*) AS n FROM staff_session WHERE ended_at IS NULL')).toEqual([
      { n: 1 },
    ]);
  });

  it('every write records the signed-in person: sale, refund, enrollment', () => {
    const cara = addStaff('Cara', 'cashier', '4321');
    signIn('4321');
    const amy = enroll(core);
    const sale = sell(core, { memberId: amy.id, lines: [goods(1000)] });
    unwrap(core.dispatch('sale.refund', { saleId: sale.sale.id, refundId: uuidv7(), reason: 'x' }));
    expect(rows(core, 'SELECT DISTINCT staff_id FROM sale')).toEqual([{ staff_id: cara.id }]);
    expect(rows(core, 'SELECT enrolled_by FROM member')).toEqual([{ enrolled_by: cara.id }]);
    expect(rows(core, "SELECT DISTINCT staff_id FROM outbox WHERE op_type LIKE 'sale.%'")).toEqual([
      { staff_id: cara.id },
    ]);
    expect(sale.sale.cashierName).toBe('Cara');
  });

  it('locked: nothing is sold, enrolled or adjusted until someone signs in', () => {
    const amy: Member = enroll(core);
    const info = unwrap(core.dispatch('staff.signOut', {})) as TerminalInfo;
    expect(info.signedIn).toBe(false);
    expect(trySell(core, { lines: [goods(1000)] })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    expectRefusal(
      core,
      'member.enroll',
      { name: 'Ben', phone: '6123 4567', marketingConsent: false },
      'not_signed_in',
    );
    expectRefusal(
      core,
      'points.adjust',
      { memberId: amy.id, points: 5, reason: 'x', managerPin: MANAGER_PIN },
      'not_signed_in',
    );
    // Signing out twice changes nothing more; signing in opens the till again.
    unwrap(core.dispatch('staff.signOut', {}));
    expect(
      rows(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'staff.signed_out'"),
    ).toEqual([{ n: 1 }]);
    signIn(MANAGER_PIN);
    expect(sell(core, { lines: [goods(1000)] }).sale.totalMinor).toBe(1000);
  });

  it('wrong PINs: 5 in a row lock PIN entry for 30 s; the lock ends on time; a right PIN resets', () => {
    for (let i = 0; i < 4; i++)
      expectRefusal(core, 'staff.signIn', { pin: '0000' }, 'pin_not_recognised');
    // A right PIN resets the count...
    signIn(MANAGER_PIN);
    for (let i = 0; i < 4; i++)
      expectRefusal(core, 'staff.signIn', { pin: '0000' }, 'pin_not_recognised');
    // ...so only now does the fifth in a row lock.
    const fifth = core.dispatch('staff.signIn', { pin: '0000' });
    expect(fifth.ok ? 'ok' : fifth.error).toMatchObject({ details: { lockedSeconds: 30 } });
    const locked = expectRefusal(core, 'staff.signIn', { pin: MANAGER_PIN }, 'pin_locked');
    expect(locked.details?.seconds).toBe(30);
    clock.set('2025-03-05T04:00:29.500Z');
    expectRefusal(core, 'staff.signIn', { pin: MANAGER_PIN }, 'pin_locked');
    clock.set('2025-03-05T04:00:30.000Z');
    expect(signIn(MANAGER_PIN).signedIn).toBe(true);
    expect(rows(core, 'SELECT failures, locked_until FROM pin_guard')).toEqual([
      { failures: 0, locked_until: null },
    ]);
  });
});

describe('staff management', () => {
  it('needs a manager PIN, and each change is audited with who approved it', () => {
    const cara = addStaff('Cara', 'cashier', '4321');
    expect(lastAudit()).toMatchObject({
      action: 'staff.added',
      subject_id: cara.id,
      approved_by: core.terminal.cashier.id,
    });
    // A cashier's PIN does not approve staff changes.
    signIn('4321');
    expectRefusal(
      core,
      'staff.add',
      { name: 'Dan', role: 'manager', pin: '5555', managerPin: '4321' },
      'wrong_pin',
    );
    const dan = unwrap(
      core.dispatch('staff.add', {
        name: 'Dan',
        role: 'manager',
        pin: '5555',
        managerPin: MANAGER_PIN,
      }),
    ) as StaffMember;
    // The cashier is who did it; the manager approved it.
    expect(lastAudit()).toMatchObject({
      action: 'staff.added',
      staff_id: cara.id,
      approved_by: core.terminal.cashier.id,
    });
    expect(dan.role).toBe('manager');
  });

  it('deactivate: the person can no longer sign in; not oneself, not the last manager', () => {
    const cara = addStaff('Cara', 'cashier', '4321');
    expectRefusal(
      core,
      'staff.deactivate',
      { staffId: core.terminal.cashier.id, managerPin: MANAGER_PIN },
      'staff_signed_in',
    );
    unwrap(core.dispatch('staff.deactivate', { staffId: cara.id, managerPin: MANAGER_PIN }));
    expectRefusal(core, 'staff.signIn', { pin: '4321' }, 'pin_not_recognised');
    const listed = unwrap(core.dispatch('staff.list', {})) as StaffMember[];
    expect(listed.map((s) => s.name)).toEqual(['Mandy Manager']);
    const all = unwrap(core.dispatch('staff.list', { includeDeactivated: true })) as StaffMember[];
    expect(all.find((s) => s.id === cara.id)).toMatchObject({ active: false });
    // With a second cashier signed in, the only manager still cannot be deactivated.
    addStaff('Eve', 'cashier', '2222');
    signIn('2222');
    expectRefusal(
      core,
      'staff.deactivate',
      { staffId: all.find((s) => s.role === 'manager')?.id, managerPin: MANAGER_PIN },
      'last_manager',
    );
  });
});

describe('overrides', () => {
  it('a cashier refunding above the limit needs a manager PIN; the override names both', () => {
    const cara = addStaff('Cara', 'cashier', '4321');
    const big = sell(core, { lines: [goods(60_000)] });
    const small = sell(core, { lines: [goods(50_000)] });
    signIn('4321');
    // At the limit (500.00) no manager is needed.
    unwrap(
      core.dispatch('sale.refund', { saleId: small.sale.id, refundId: uuidv7(), reason: 'x' }),
    );
    const input = { saleId: big.sale.id, refundId: uuidv7(), reason: 'Faulty kettle' };
    const refused = expectRefusal(core, 'sale.refund', input, 'refund_needs_manager');
    expect(refused.details).toEqual({ limit: 50_000, amount: 60_000 });
    expectRefusal(core, 'sale.refund', { ...input, managerPin: '4321' }, 'wrong_pin');
    const refund = unwrap(
      core.dispatch('sale.refund', { ...input, managerPin: MANAGER_PIN }),
    ) as Receipt;
    expect(refund.sale.totalMinor).toBe(-60_000);
    const row = rows<AuditRow>(core, "SELECT * FROM audit_log WHERE action = 'refund.override'")[0];
    expect(row).toMatchObject({ subject_id: big.sale.id, staff_id: cara.id });
    expect(row?.approved_by).not.toBe(cara.id);
    expect(JSON.parse(row?.before ?? '{}')).toEqual({
      refundLimitMinor: 50_000,
      saleNumber: big.sale.number,
    });
    expect(JSON.parse(row?.after ?? '{}')).toEqual({
      refundMinor: 60_000,
      refundId: input.refundId,
    });
  });

  it('the refund limit is the manager’s to set (audited); a manager signed in needs no PIN', () => {
    unwrap(
      core.dispatch('policy.setRefundLimit', { refundLimitMinor: 1000, managerPin: MANAGER_PIN }),
    );
    expect(unwrap(core.dispatch('policy.get', {}))).toEqual({ refundLimitMinor: 1000 });
    expect(lastAudit()).toMatchObject({ action: 'policy.refund_limit' });
    expect(JSON.parse(lastAudit()?.before ?? '{}')).toEqual({ refundLimitMinor: 50_000 });
    const sale = sell(core, { lines: [goods(5000)] });
    unwrap(core.dispatch('sale.refund', { saleId: sale.sale.id, refundId: uuidv7(), reason: 'x' }));
    expect(
      rows(core, "SELECT count(*) AS n FROM audit_log WHERE action = 'refund.override'"),
    ).toEqual([{ n: 0 }]);
  });

  it('a cashier opening a manager screen: the manager’s PIN approves it, audited', () => {
    const cara = addStaff('Cara', 'cashier', '4321');
    signIn('4321');
    expectRefusal(core, 'audit.search', {}, 'manager_required');
    const approval = unwrap(
      core.dispatch('staff.approve', { managerPin: MANAGER_PIN, screen: 'audit' }),
    );
    expect(approval).toMatchObject({ managerName: 'Mandy Manager' });
    expect(lastAudit()).toMatchObject({
      action: 'manager.approved',
      staff_id: cara.id,
      subject_id: 'audit',
    });
    expect(unwrap(core.dispatch('audit.search', { managerPin: MANAGER_PIN }))).toMatchObject({
      entries: expect.any(Array),
    });
  });
});
