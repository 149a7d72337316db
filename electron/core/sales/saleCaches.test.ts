import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Member } from '../../../shared/domain';
import type { Program } from '../../../shared/program';
import type { ShiftView, StaffMember } from '../../../shared/staff';
import { uuidv7 } from '../../../shared/ids';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import {
  enroll,
  goods,
  makeClock,
  programWith,
  rows,
  sell,
  trySell,
} from '../../../test/unit/helpers/loyalty';
import { readProgram, writeProgram } from '../program/programStore';
import { closeShiftRow, insertShift, openShiftId } from '../shift/shiftStore';
import { requireTerminal, updateCurrentStaff } from '../terminal/terminalStore';
import type { Database } from '../../../server/db/database';
import { createHeadOffice } from '../../../server/headOffice';
import { buildServer } from '../../../server/http/server';
import { testDatabases } from '../../../server/testing/databases';
import { enrollTerminal } from '../sync/enrollTerminal';
import { httpTransport } from '../sync/transport';

/**
 * The sale path keeps the terminal row, the program and the open shift in memory. Each test
 * changes one of them the way the shop does and checks that the very next sale sees the change,
 * and that a change rolled back is never seen, whether the next sale comes in the same tick or
 * after the event loop has turned.
 */

let core: TestCore;

beforeEach(() => {
  core = openTestCore({ now: makeClock('2025-03-05T04:00:00.000Z').now });
});
afterEach(() => core.cleanup());

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function shiftOf(saleId: string): string | undefined {
  return rows<{ shift_id: string }>(
    core,
    'SELECT shift_id FROM shift_sale WHERE sale_id = ?',
    saleId,
  )[0]?.shift_id;
}

function staffOf(saleId: string): string | undefined {
  return rows<{ staff_id: string }>(core, 'SELECT staff_id FROM sale WHERE id = ?', saleId)[0]
    ?.staff_id;
}

function addCashier(name: string, pin: string): StaffMember {
  return unwrap(
    core.dispatch('staff.add', { name, role: 'cashier', pin, managerPin: MANAGER_PIN }),
  ) as StaffMember;
}

/** Throws inside a transaction after `write`, so better-sqlite3 rolls it back. */
function rolledBack(write: () => void): void {
  expect(() =>
    core.db.transaction(() => {
      write();
      throw new Error('rolled back on purpose');
    })(),
  ).toThrow('rolled back on purpose');
  expect(core.db.inTransaction).toBe(false);
}

describe('the program', () => {
  it('a program change through program.update earns at the new rate on the next sale', async () => {
    const member: Member = enroll(core);
    expect(sell(core, { memberId: member.id, lines: [goods(10_000)] }).sale.pointsEarned).toBe(100);
    const doubled: Program = programWith({ earn: { points: 2 } });
    unwrap(core.dispatch('program.update', { program: doubled, managerPin: MANAGER_PIN }));
    expect(sell(core, { memberId: member.id, lines: [goods(10_000)] }).sale.pointsEarned).toBe(200);
    await tick();
    expect(sell(core, { memberId: member.id, lines: [goods(10_000)] }).sale.pointsEarned).toBe(200);
  });

  it('a program written and read back in a transaction that rolls back is never used', async () => {
    const member: Member = enroll(core);
    sell(core, { memberId: member.id, lines: [goods(100)] }); // the program is now cached
    rolledBack(() => {
      writeProgram(core.db, programWith({ earn: { points: 5 } }), core.terminal.cashier.id, 'x');
      // Read back inside the transaction, as a sale in the same transaction would.
      expect(readProgram(core.db).earn.points).toBe(5);
    });
    expect(sell(core, { memberId: member.id, lines: [goods(10_000)] }).sale.pointsEarned).toBe(100);
    await tick();
    expect(sell(core, { memberId: member.id, lines: [goods(10_000)] }).sale.pointsEarned).toBe(100);
    expect(readProgram(core.db).earn.points).toBe(1);
  });
});

describe('the open shift', () => {
  it('closing the shift stops the next sale; the one opened next takes the sales after it', async () => {
    const first = unwrap(core.dispatch('shift.current', {})) as ShiftView;
    expect(shiftOf(sell(core, { lines: [goods(1_000)] }).sale.id)).toBe(first.id);
    unwrap(core.dispatch('shift.close', { shiftId: first.id, countedMinor: 1_000 }));
    expect(trySell(core, { lines: [goods(1_000)] })).toMatchObject({
      ok: false,
      error: { code: 'shift_not_open' },
    });
    await tick();
    expect(trySell(core, { lines: [goods(1_000)] })).toMatchObject({
      ok: false,
      error: { code: 'shift_not_open' },
    });
    const second = unwrap(core.dispatch('shift.open', { floatMinor: 0 })) as ShiftView;
    const sale = sell(core, { lines: [goods(1_000)] });
    expect(shiftOf(sale.sale.id)).toBe(second.id);
    // A refund is rung up in the shift open now.
    const refundId = uuidv7();
    unwrap(core.dispatch('sale.refund', { saleId: sale.sale.id, refundId, reason: 'Returned' }));
    expect(shiftOf(refundId)).toBe(second.id);
  });

  it('a shift closed and another opened in a transaction that rolls back changes nothing', async () => {
    const first = unwrap(core.dispatch('shift.current', {})) as ShiftView;
    sell(core, { lines: [goods(1_000)] }); // the open shift is now cached
    const terminal = core.terminal;
    const other = uuidv7();
    rolledBack(() => {
      closeShiftRow(core.db, {
        id: first.id,
        closedBy: terminal.cashier.id,
        approvedBy: null,
        closedAt: '2025-03-05T04:00:00.000Z',
        countedMinor: 0,
        expectedMinor: 0,
        note: null,
      });
      insertShift(core.db, {
        id: other,
        storeId: terminal.storeId,
        terminalId: terminal.terminalId,
        currency: terminal.currency,
        openedBy: terminal.cashier.id,
        openedAt: '2025-03-05T04:00:00.000Z',
        floatMinor: 0,
        hlc: core.ctx.clock.tick(),
      });
      expect(openShiftId(core.db, terminal.terminalId)).toBe(other);
    });
    expect(shiftOf(sell(core, { lines: [goods(1_000)] }).sale.id)).toBe(first.id);
    await tick();
    expect(shiftOf(sell(core, { lines: [goods(1_000)] }).sale.id)).toBe(first.id);
  });
});

describe('who is signed in', () => {
  it('signing out stops the next sale; the next cashier to sign in is stamped on it', async () => {
    const kit = addCashier('Kit Cashier', '1357');
    expect(staffOf(sell(core, { lines: [goods(1_000)] }).sale.id)).toBe(core.terminal.cashier.id);
    unwrap(core.dispatch('staff.signOut', {}));
    expect(trySell(core, { lines: [goods(1_000)] })).toMatchObject({
      ok: false,
      error: { code: 'not_signed_in' },
    });
    unwrap(core.dispatch('staff.signIn', { pin: '1357', staffId: kit.id }));
    const sale = sell(core, { lines: [goods(1_000)] });
    expect(staffOf(sale.sale.id)).toBe(kit.id);
    expect(sale.sale.cashierName).toBe('Kit Cashier');
    await tick();
    expect(staffOf(sell(core, { lines: [goods(1_000)] }).sale.id)).toBe(kit.id);
  });

  it('a cashier switch without signing out stamps the next sale with the new cashier', () => {
    const kit = addCashier('Kit Cashier', '1357');
    sell(core, { lines: [goods(1_000)] });
    unwrap(core.dispatch('staff.signIn', { pin: '1357', staffId: kit.id }));
    const sale = sell(core, { lines: [goods(1_000)] });
    expect(staffOf(sale.sale.id)).toBe(kit.id);
    expect(sale.sale.cashierName).toBe('Kit Cashier');
    unwrap(core.dispatch('staff.signIn', { pin: MANAGER_PIN }));
    expect(staffOf(sell(core, { lines: [goods(1_000)] }).sale.id)).toBe(core.terminal.cashier.id);
  });

  it('a cashier change rolled back leaves the cashier who was there', async () => {
    const kit = addCashier('Kit Cashier', '1357');
    sell(core, { lines: [goods(1_000)] }); // the terminal row is now cached
    rolledBack(() => {
      updateCurrentStaff(core.db, kit.id);
      expect(requireTerminal(core.db).cashier.id).toBe(kit.id);
    });
    const sale = sell(core, { lines: [goods(1_000)] });
    expect(staffOf(sale.sale.id)).toBe(core.terminal.cashier.id);
    expect(sale.sale.cashierName).toBe(core.terminal.cashier.name);
    await tick();
    expect(staffOf(sell(core, { lines: [goods(1_000)] }).sale.id)).toBe(core.terminal.cashier.id);
  });
});

describe('the terminal row', () => {
  it('enrolling with head office renumbers the very next sale and stamps the new store', async () => {
    const db: Database = await (testDatabases[0] as (typeof testDatabases)[number]).open();
    const headOffice = await createHeadOffice(db);
    const app = await buildServer(headOffice);
    try {
      const url = await app.listen({ host: '127.0.0.1', port: 0 });
      const store = await headOffice.admin.createStore('test', { name: 'Causeway Bay' });
      if (!store.ok) throw new Error(store.error.message);
      const code = await headOffice.admin.createEnrollmentCode('test', store.value.id, {});
      if (!code.ok) throw new Error(code.error.message);
      expect(sell(core, { lines: [goods(1_000)] }).storeName).toBe(core.terminal.storeName);
      const enrolled = await enrollTerminal(core.ctx, httpTransport(url), core.credentials, {
        serverUrl: url,
        code: code.value.code,
      });
      const sale = sell(core, { lines: [goods(1_000)] });
      expect(sale.sale.number.startsWith(`${enrolled.terminalNumber}-`)).toBe(true);
      expect(sale.storeName).toBe('Causeway Bay');
      expect(rows(core, 'SELECT store_id FROM sale WHERE id = ?', sale.sale.id)).toEqual([
        { store_id: store.value.id },
      ]);
      expect(store.value.id).not.toBe(core.terminal.storeId);
    } finally {
      await app.close();
      await headOffice.close();
    }
  });
});
