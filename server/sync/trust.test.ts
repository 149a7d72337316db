import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import { defaultProgram, type Program } from '../../shared/program';
import type { SyncOperation } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import {
  TerminalScript,
  TestClock,
  balanceOf,
  balancesMatchLedger,
  enrollTerminal,
  pushOk,
} from '../testing/terminalScript';

/**
 * Head office trusts no terminal's arithmetic: an operation a terminal forges (or a broken one
 * writes) cannot change a balance without an exception naming the terminal.
 */

/** A program a till's manager set: double points on everything (tea included). */
const doublePoints: Program = {
  ...defaultProgram,
  earn: { ...defaultProgram.earn, points: 2 },
  adjustments: { maxPoints: 1000 },
};

describe.each(testDatabases)('head office checks what terminals claim, on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let till: TerminalScript;
  let chan: string;

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    clock = new TestClock();
    headOffice = await createHeadOffice(db, { now: clock.now });
    till = new TerminalScript(await enrollTerminal(headOffice), clock);
    till.configured();
    till.programUpdated(1, doublePoints);
    chan = till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' }).memberId;
    await pushOk(headOffice, till);
  });

  /** A sale of `priceMinor` as the terminal rings it up, naming program version 1, claiming `earn`. */
  function sale(priceMinor: number, earn: number, extra: Record<string, unknown> = {}) {
    const saleId = uuidv7(clock.now());
    const entry = {
      id: uuidv7(clock.now()),
      memberId: chan,
      kind: 'earn',
      points: earn,
      saleId,
      reversesId: null,
    };
    const op = till.other('sale.recorded', {
      saleId,
      number: `${till.terminal.auth.terminalNumber}-${String(till.outbox.length).padStart(6, '0')}`,
      memberId: chan,
      currency: 'HKD',
      totalMinor: priceMinor,
      redeemValueMinor: 0,
      paidMinor: priceMinor,
      giftCardMinor: 0,
      earnBaseMinor: priceMinor,
      lines: [
        {
          lineNo: 1,
          description: 'Tea',
          quantity: 1,
          unitPriceMinor: priceMinor,
          amountMinor: priceMinor,
          kind: 'goods',
          sku: null,
          category: null,
          discountMinor: 0,
          netMinor: priceMinor,
          pointsEarned: earn,
        },
      ],
      tierBefore: 'basic',
      tierAfter: 'basic',
      program: { source: 'terminal', version: 1 },
      pointsEntries: [entry],
      couponUses: [],
      storedValueEntries: [],
      ...extra,
    });
    return { op, saleId, entry };
  }

  async function exceptions(kind: string) {
    const { rows } = await db.query<{
      terminal_id: string;
      facts: Record<string, unknown>;
      member_id: string | null;
    }>('SELECT terminal_id, facts, member_id FROM exception_case WHERE kind = $1 ORDER BY number', [
      kind,
    ]);
    return rows;
  }

  async function pushLast(n = 1) {
    return pushOk(headOffice, till, till.outbox.slice(-n));
  }

  it('an honest sale priced with the program the terminal names is accepted as it is', async () => {
    sale(12_345, 246); // 2 points per HK$1: floor(123.45 × 2) = 246
    const response = await pushLast();
    expect(response.outcomes[0]).toMatchObject({ outcome: 'accepted', compensation: null });
    expect(await balanceOf(headOffice, chan)).toBe(246);
    expect(await exceptions('points_mismatch')).toEqual([]);
  });

  it('inflated points: a HK$123.45 sale claiming 1,000,000 points gets the rule’s 246, and an exception names the terminal', async () => {
    sale(12_345, 1_000_000);
    const response = await pushLast();
    expect(response.outcomes[0]).toMatchObject({
      outcome: 'compensated',
      compensation: { kind: 'points_recomputed' },
    });
    expect(await balanceOf(headOffice, chan)).toBe(246);
    const [raised] = await exceptions('points_mismatch');
    expect(raised?.terminal_id).toBe(till.terminalId);
    expect(raised?.facts).toMatchObject({
      claimedPoints: 1_000_000,
      appliedPoints: 246,
      terminalNumber: till.terminal.auth.terminalNumber,
    });
    await balancesMatchLedger(headOffice);
    const { rows } = await db.query<{ points_earned: number }>(
      'SELECT points_earned FROM sale WHERE kind = $1',
      ['sale'],
    );
    expect(rows.map((r) => Number(r.points_earned))).toEqual([246]);
  });

  it('wrong sign: an earn entry of −5 is rejected with the operation, and changes no balance', async () => {
    sale(10_000, -5);
    const response = await pushLast();
    expect(response.outcomes[0]).toMatchObject({ outcome: 'rejected' });
    expect(await balanceOf(headOffice, chan)).toBe(0);
    const [kept] = await exceptions('rejected_operation');
    expect(kept?.facts.message).toMatch(/must be positive/);
  });

  it('unknown type: an operation of a type head office does not know cannot credit 10^12 points', async () => {
    till.other('points.gifted', {
      pointsEntries: [
        {
          id: uuidv7(),
          memberId: chan,
          kind: 'bonus',
          points: 1_000_000_000_000,
          saleId: null,
          reversesId: null,
        },
      ],
    });
    const response = await pushLast();
    expect(response.outcomes[0]).toMatchObject({ outcome: 'rejected' });
    expect(await balanceOf(headOffice, chan)).toBe(0);
    expect(await exceptions('rejected_operation')).toHaveLength(1);
  });

  it('an entry of MAX_SAFE_INTEGER points is a rejected operation, not a failed push', async () => {
    sale(10_000, Number.MAX_SAFE_INTEGER);
    const response = await pushLast();
    expect(response.outcomes[0]).toMatchObject({ outcome: 'rejected' });
    expect(await balanceOf(headOffice, chan)).toBe(0);
  });

  it('wrong program version: a sale naming a version head office never saw is priced with the chain’s program and raised', async () => {
    sale(10_000, 200, { program: { source: 'terminal', version: 99 } });
    const response = await pushLast();
    expect(response.outcomes[0]).toMatchObject({ compensation: { kind: 'points_recomputed' } });
    // The chain's program gives 1 point per HK$1.
    expect(await balanceOf(headOffice, chan)).toBe(100);
    const [raised] = await exceptions('points_mismatch');
    expect(raised?.facts.reason).toMatch(/no terminal program version 99/);
  });

  it('a terminal that named its program once cannot stop naming it to dodge the check', async () => {
    sale(10_000, 200);
    await pushLast();
    sale(10_000, 5000, { program: undefined });
    const response = await pushLast();
    expect(response.outcomes[0]).toMatchObject({ compensation: { kind: 'points_recomputed' } });
    expect(await balanceOf(headOffice, chan)).toBe(300);
  });

  it('points for another store’s sale: a refund returning points of a sale made elsewhere changes nothing', async () => {
    // Store B's till sells to Chan, redeeming nothing, earning 100.
    const tillB = new TerminalScript(await enrollTerminal(headOffice, { storeName: 'B' }), clock);
    const theirs = tillB.sale({ memberId: chan, earn: 100 });
    await pushOk(headOffice, tillB);
    // Till A claims to refund it, handing back "redeemed" points and taking nothing.
    till.other('sale.refunded', {
      refundId: uuidv7(),
      saleId: theirs.saleId,
      number: 'X-1',
      reason: 'forged',
      memberId: chan,
      totalMinor: -10_000,
      pointsEntries: [
        {
          id: uuidv7(),
          memberId: chan,
          kind: 'reverse_redeem',
          points: 5000,
          saleId: null,
          reversesId: theirs.entries[0]?.id ?? null,
        },
      ],
    });
    await pushLast();
    expect(await balanceOf(headOffice, chan)).toBe(100);
    const [raised] = await exceptions('points_mismatch');
    expect(raised?.facts.reason).toBe('another_terminals_sale');
  });

  it('a refund may not reverse more than its sale gave', async () => {
    const honest = sale(10_000, 200);
    await pushLast();
    till.other('sale.refunded', {
      refundId: uuidv7(),
      saleId: honest.saleId,
      number: 'R-1',
      reason: 'changed mind',
      memberId: chan,
      totalMinor: -10_000,
      pointsEntries: [
        // Gives back 1,000 "redeemed" points the sale never spent, and takes back 300 of 200.
        {
          id: uuidv7(),
          memberId: chan,
          kind: 'reverse_redeem',
          points: 1000,
          saleId: null,
          reversesId: honest.entry.id,
        },
        {
          id: uuidv7(),
          memberId: chan,
          kind: 'reverse_earn',
          points: -300,
          saleId: null,
          reversesId: honest.entry.id,
        },
      ],
    });
    const response = await pushLast();
    expect(response.outcomes[0]).toMatchObject({ compensation: { kind: 'points_recomputed' } });
    expect(await balanceOf(headOffice, chan)).toBe(0);
  });

  it('an adjustment within the program’s limit is applied; one beyond it is held until an admin approves it', async () => {
    const adjust = (points: number) =>
      till.other('points.adjusted', {
        memberId: chan,
        reason: 'Goodwill',
        approvedBy: till.staffId,
        program: { source: 'terminal', version: 1 },
        pointsEntries: [
          { id: uuidv7(), memberId: chan, kind: 'adjust', points, saleId: null, reversesId: null },
        ],
      });
    adjust(800);
    adjust(5000);
    const response = await pushLast(2);
    expect(response.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'compensated']);
    expect(response.outcomes[1]?.compensation?.kind).toBe('adjustment_held');
    expect(await balanceOf(headOffice, chan)).toBe(800);
    const { rows } = await db.query<{ id: string }>(
      "SELECT id FROM exception_case WHERE kind = 'adjustment_over_limit'",
    );
    const id = rows[0]?.id as string;
    const resolved = await headOffice.admin.resolveException('Ms Lam', id, {
      resolution: 'approve',
      note: 'Checked the complaint file',
    });
    expect(resolved.ok).toBe(true);
    expect(await balanceOf(headOffice, chan)).toBe(5800);
    await balancesMatchLedger(headOffice);
  });

  it('a poisoned operation in the middle of a batch: the ones around it are applied, it is kept with its payload', async () => {
    sale(10_000, 200);
    const poisoned: SyncOperation = till.other('member.updated', {
      memberId: chan,
      fields: { name: 'Chan\u0000' },
      hlc: till.clock.tick(),
    });
    sale(5000, 100);
    const response = await pushLast(3);
    expect(response.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(await balanceOf(headOffice, chan)).toBe(300);
    const [kept] = await exceptions('rejected_operation');
    expect(kept?.facts.opId).toBe(poisoned.opId);
    expect(kept?.facts.payloadJson).toContain('\\u0000');
  });
});
