import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import type { SyncOperation } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import type { HeadOffice } from '../headOffice';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { enrollTerminal, type EnrolledTerminal, type TestClock } from '../testing/terminalScript';

describe.each(testDatabases)('shifts pushed by terminals on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let till: EnrolledTerminal;

  const office = headOfficePerTest(testDb);
  beforeEach(async () => {
    ({ db, clock, headOffice } = await office.fresh());
    till = await enrollTerminal(headOffice, { storeName: 'Central' });
  });

  const shiftId = uuidv7();
  const manager = uuidv7();
  const tender = { salesMinor: 0, refundsMinor: 0 };
  const opened = {
    shiftId,
    currency: 'HKD',
    floatMinor: 50_000,
    openedBy: manager,
    openedAt: '2025-03-05T01:00:00.000Z',
  };
  const closed = {
    shiftId,
    currency: 'HKD',
    closedBy: manager,
    approvedBy: manager,
    closedAt: '2025-03-05T10:00:00.000Z',
    floatMinor: 50_000,
    countedMinor: 61_770,
    expectedMinor: 63_000,
    differenceMinor: -1230,
    note: 'Change given twice',
    saleCount: 3,
    refundCount: 1,
    byTender: {
      cash: { salesMinor: 15_000, refundsMinor: -2000 },
      card: { salesMinor: 8000, refundsMinor: 0 },
      giftCard: tender,
      points: tender,
    },
  };
  const op = (seq: number, type: string, payload: unknown): SyncOperation => ({
    seq,
    opId: uuidv7(),
    type,
    hlc: `${String(seq).padStart(15, '0')}-00000-${till.auth.terminalId}`,
    createdAt: new Date(clock.now()).toISOString(),
    staffId: manager,
    payload,
  });
  const push = (operations: SyncOperation[]) =>
    headOffice.push(till.auth, { protocol: 1, terminalId: till.auth.terminalId, operations });

  it('keeps the shift from its opening to its close, once, whatever is pushed twice', async () => {
    const ops = [op(1, 'shift.opened', opened), op(2, 'shift.closed', closed)];
    const first = await push(ops);
    expect(first.ok ? 'ok' : first.error.message).toBe('ok');
    expect((await push(ops)).ok).toBe(true);
    const { rows } = await db.query<Record<string, unknown>>(
      `SELECT terminal_id, float_minor::int AS float_minor, counted_minor::int AS counted_minor,
         expected_minor::int AS expected_minor, difference_minor::int AS difference_minor, note,
         sale_count, by_tender FROM shift`,
    );
    expect(rows).toEqual([
      {
        terminal_id: till.auth.terminalId,
        float_minor: 50_000,
        counted_minor: 61_770,
        expected_minor: 63_000,
        difference_minor: -1230,
        note: 'Change given twice',
        sale_count: 3,
        by_tender: closed.byTender,
      },
    ]);
  });

  it('rejects a shift payload it cannot read, keeping it as an exception', async () => {
    const result = await push([op(1, 'shift.closed', { ...closed, countedMinor: -5 })]);
    expect(result.ok ? result.value.outcomes.map((o) => o.outcome) : result.error.code).toEqual([
      'rejected',
    ]);
    const { rows } = await db.query('SELECT id FROM shift');
    expect(rows).toEqual([]);
  });
});
