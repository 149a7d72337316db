import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pushResponse } from '../../shared/sync/protocol';
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
  stateDigest,
} from '../testing/terminalScript';

describe.each(testDatabases)('push on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let till: TerminalScript;

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
  });

  /** A day's trading: members, sales earning and spending, a refund, an edit. */
  function tradingDay(script: TerminalScript) {
    const chan = script.enrollMember({ name: 'Chan Tai Man', phoneE164: '+85291234567' });
    const first = script.sale({ memberId: chan.memberId, earn: 500 });
    script.sale({ memberId: chan.memberId, redeem: 200, earn: 50 });
    script.sale({});
    script.refund(first, chan.memberId);
    script.updateMember(chan.memberId, { email: 'chan@example.com' });
    const lee = script.enrollMember({ name: 'Lee Siu Ling', phoneE164: '+85298765432' });
    script.sale({ memberId: lee.memberId, earn: 30 });
    return { chan, lee };
  }

  it('applies a batch in seq order and records the high-water mark', async () => {
    const { chan, lee } = tradingDay(till);
    const response = await pushOk(headOffice, till);
    expect(pushResponse.parse(response)).toEqual(response);
    expect(response.highWaterMark).toBe(8);
    expect(response.gapExpectedSeq).toBeNull();
    expect(response.outcomes.map((o) => [o.seq, o.outcome, o.duplicate])).toEqual(
      till.outbox.map((op) => [op.seq, 'accepted', false]),
    );
    expect(response.serverTime).toBe(new Date(clock.ms).toISOString());
    // 500 earned, refunded (-500); 200 spent, 50 earned.
    expect(await balanceOf(headOffice, chan.memberId)).toBe(-150);
    expect(await balanceOf(headOffice, lee.memberId)).toBe(30);
    await balancesMatchLedger(headOffice);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM sync_op');
    expect(rows[0]?.n).toBe(8);
    const terminals = await headOffice.admin.listTerminals();
    expect(terminals.ok && terminals.value.terminals[0]?.highWaterMark).toBe(8);
  });

  it('changes nothing when the same batch arrives twice, answering with the stored outcomes', async () => {
    tradingDay(till);
    const first = await pushOk(headOffice, till);
    const before = await stateDigest(headOffice);
    clock.advance(60_000);
    const second = await pushOk(headOffice, till);
    expect(second.highWaterMark).toBe(first.highWaterMark);
    expect(second.outcomes).toEqual(first.outcomes.map((o) => ({ ...o, duplicate: true })));
    expect(await stateDigest(headOffice)).toEqual(before);
  });

  it('refuses a gap, applies nothing after it, and applies once the gap is filled', async () => {
    tradingDay(till);
    const ops = till.outbox;
    // Batches delivered out of order: the later one first.
    const early = await pushOk(headOffice, till, ops.slice(4));
    expect(early).toMatchObject({ highWaterMark: 0, gapExpectedSeq: 1, outcomes: [] });
    // A batch with a hole in the middle: 1, 2, then 4.
    const holed = await pushOk(
      headOffice,
      till,
      [ops[0], ops[1], ops[3]].flatMap((o) => (o ? [o] : [])),
    );
    expect(holed.highWaterMark).toBe(2);
    expect(holed.gapExpectedSeq).toBe(3);
    expect(holed.outcomes.map((o) => o.seq)).toEqual([1, 2]);
    // Overlapping: 2..6 (2 already applied).
    const overlap = await pushOk(headOffice, till, ops.slice(1, 6));
    expect(overlap.outcomes.map((o) => [o.seq, o.duplicate])).toEqual([
      [2, true],
      [3, false],
      [4, false],
      [5, false],
      [6, false],
    ]);
    const rest = await pushOk(headOffice, till, ops.slice(4));
    expect(rest.highWaterMark).toBe(8);
    const reordered = await stateDigest(headOffice);

    await resetDatabase(db);
    headOffice = await createHeadOffice(db, { now: clock.now });
    till = new TerminalScript(await enrollTerminal(headOffice), clock);
    tradingDay(till);
    await pushOk(headOffice, till);
    // Same effects; only the ids head office and the script drew differ.
    const inOrder = (await stateDigest(headOffice)) as Record<string, unknown[]>;
    const other = reordered as Record<string, unknown[]>;
    for (const key of Object.keys(inOrder)) expect(other[key]?.length).toBe(inOrder[key]?.length);
    expect(other.streams).toEqual(inOrder.streams);
  });

  it('accepts batches in sorted or shuffled order within the batch', async () => {
    tradingDay(till);
    const shuffled = [...till.outbox].reverse();
    const response = await pushOk(headOffice, till, shuffled);
    expect(response.outcomes.map((o) => o.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // The same operation twice in one batch counts once.
    const again = await pushOk(headOffice, till, [...till.outbox, ...till.outbox]);
    expect(again.outcomes).toHaveLength(8);
  });

  it('answers a repeated compensated operation with the stored compensation', async () => {
    const chan = till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    till.sale({ memberId: chan.memberId, earn: 100 });
    till.sale({ memberId: chan.memberId, redeem: 300, offline: true });
    const first = await pushOk(headOffice, till);
    const overdraft = first.outcomes[2];
    expect(overdraft).toMatchObject({
      outcome: 'compensated',
      compensation: { kind: 'overdraft' },
    });
    const again = await pushOk(headOffice, till, till.outbox.slice(2));
    expect(again.outcomes).toEqual([{ ...overdraft, duplicate: true }]);
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int8 AS n FROM exception_case',
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('refuses a batch that puts another operation at an applied seq, applying none of it', async () => {
    till.sale({});
    till.sale({});
    await pushOk(headOffice, till);
    const impostor = { ...till.sale({}).op, seq: 2 };
    const next = till.sale({}).op;
    const refused = await headOffice.push(
      till.terminal.auth,
      till.batch([impostor, { ...next, seq: 3 }]),
    );
    expect(refused).toMatchObject({
      ok: false,
      error: { code: 'seq_conflict', details: { seq: 2, sentOpId: impostor.opId } },
    });
    const { rows } = await db.query<{ high_water_mark: number }>(
      'SELECT high_water_mark FROM terminal',
    );
    expect(rows[0]?.high_water_mark).toBe(2);
  });

  it('refuses an op id already applied at another seq', async () => {
    const op = till.sale({}).op;
    await pushOk(headOffice, till);
    const reused = till.sale({}).op;
    const result = await headOffice.push(
      till.terminal.auth,
      till.batch([{ ...reused, opId: op.opId }]),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'seq_conflict' } });
    const inBatch = await headOffice.push(
      till.terminal.auth,
      till.batch([reused, { ...reused, seq: 3 }]),
    );
    expect(inBatch).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const twoAtOneSeq = await headOffice.push(
      till.terminal.auth,
      till.batch([reused, { ...reused, opId: op.opId }]),
    );
    expect(twoAtOneSeq).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  /** The rejected_operation exceptions raised, oldest first. */
  async function rejections() {
    const { rows } = await db.query<{ op_id: string; facts: Record<string, unknown> }>(
      "SELECT op_id, facts FROM exception_case WHERE kind = 'rejected_operation' ORDER BY number",
    );
    return rows;
  }

  it('rejects an operation whose payload does not parse, keeps it as an exception, and applies the ones behind it', async () => {
    till.sale({});
    const bad = till.other('sale.recorded', { saleId: 'not-a-uuid' });
    till.sale({});
    const response = await pushOk(headOffice, till);
    expect(response.highWaterMark).toBe(3);
    expect(response.outcomes.map((o) => o.outcome)).toEqual(['accepted', 'rejected', 'accepted']);
    expect(response.outcomes[1]?.compensation).toMatchObject({ kind: 'rejected' });
    expect(response.outcomes[1]?.compensation?.message).toMatch(/seq 2 \(sale.recorded\)/);
    const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM sale');
    expect(rows[0]?.n).toBe(2);
    const [kept] = await rejections();
    expect(kept?.op_id).toBe(bad.opId);
    expect(kept?.facts).toMatchObject({ reason: 'invalid_payload', seq: 2 });
    expect(JSON.parse(kept?.facts.payloadJson as string)).toEqual({ saleId: 'not-a-uuid' });
    // Delivered again, it gets the same answer and raises nothing new.
    const again = await pushOk(headOffice, till);
    expect(again.outcomes[1]).toMatchObject({ outcome: 'rejected', duplicate: true });
    expect(await rejections()).toHaveLength(1);
  });

  it('rejects operation types it does not know, and never lets one move points', async () => {
    const chan = till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    till.sale({ memberId: chan.memberId, earn: 100 });
    till.other('points.transferred', {
      pointsEntries: [
        {
          id: '01900000-0000-7000-8000-0000000000e1',
          memberId: chan.memberId,
          kind: 'adjust',
          points: 1_000_000_000_000,
          saleId: null,
          reversesId: null,
        },
      ],
    });
    till.other('hologram.beamed', null);
    const response = await pushOk(headOffice, till);
    expect(response.outcomes.map((o) => o.outcome)).toEqual([
      'accepted',
      'accepted',
      'rejected',
      'rejected',
    ]);
    expect(await balanceOf(headOffice, chan.memberId)).toBe(100);
    expect((await rejections()).map((r) => r.facts.reason)).toEqual([
      'unknown_type',
      'unknown_type',
    ]);
  });

  it('rejects text PostgreSQL cannot store (NUL, a lone surrogate) instead of failing on every retry', async () => {
    till.enrollMember({ name: 'Nul\u0000Byte', phoneE164: '+85291234567' });
    till.other('sale.recorded\u0000', { text: 'half a pair \ud83d' });
    till.sale({});
    const response = await pushOk(headOffice, till);
    expect(response.outcomes.map((o) => o.outcome)).toEqual(['rejected', 'rejected', 'accepted']);
    expect(response.outcomes[0]?.compensation?.message).toMatch(/NUL/);
    const kept = await rejections();
    expect(kept.map((r) => r.facts.reason)).toEqual(['unstorable_text', 'unstorable_text']);
    expect(JSON.parse(kept[1]?.facts.payloadJson as string)).toEqual({
      text: 'half a pair \ud83d',
    });
    const { rows } = await db.query<{ type: string; payload: unknown }>(
      'SELECT type, payload FROM sync_op ORDER BY seq',
    );
    expect(rows[1]).toEqual({ type: '"sale.recorded\\u0000"', payload: { unstorable: true } });
  });

  it('refuses hostile envelopes with invalid_input', async () => {
    till.sale({});
    const op = till.outbox[0];
    const bodies: unknown[] = [
      undefined,
      null,
      [],
      'push',
      { ...till.batch(), protocol: 2 },
      { ...till.batch(), operations: [] },
      { ...till.batch(), extra: true },
      {
        ...till.batch(),
        operations: Array.from({ length: 501 }, (_, i) => ({ ...op, seq: i + 1 })),
      },
      { ...till.batch(), operations: [{ ...op, seq: 0 }] },
      { ...till.batch(), operations: [{ ...op, seq: 1.5 }] },
      { ...till.batch(), operations: [{ ...op, opId: 'x' }] },
      { ...till.batch(), operations: [{ ...op, hlc: 'yesterday' }] },
      { ...till.batch(), operations: [{ ...op, __proto__: { polluted: true }, extra: 1 }] },
    ];
    for (const body of bodies) {
      const result = await headOffice.push(till.terminal.auth, body);
      expect(result, JSON.stringify(body)?.slice(0, 80)).toMatchObject({
        ok: false,
        error: { code: 'invalid_input' },
      });
    }
  });

  it('takes a full batch of 500 operations in one go', async () => {
    const member = till.enrollMember({ name: 'Big Spender', phoneE164: '+85291234567' });
    for (let i = 1; i < 500; i++) till.sale({ memberId: member.memberId, earn: 2 });
    const started = performance.now();
    const response = await pushOk(headOffice, till);
    const ms = performance.now() - started;
    expect(response.highWaterMark).toBe(500);
    expect(await balanceOf(headOffice, member.memberId)).toBe(998);
    expect(JSON.stringify(till.batch()).length).toBeLessThan(5 * 1024 * 1024);
    console.log(`[${testDb.name}] 500-operation push: ${ms.toFixed(0)} ms`);
  }, 60_000);

  it('converges to the same state however batches are duplicated, reordered and cut', async () => {
    const chan = till.enrollMember({ name: 'Chan', phoneE164: '+85291234567' });
    const sale = till.sale({ memberId: chan.memberId, earn: 100 });
    till.sale({ memberId: chan.memberId, redeem: 300 });
    till.updateMember(chan.memberId, { name: 'Chan Tai Man' });
    till.refund(sale, chan.memberId);
    till.enrollMember({ name: 'Chan again', phoneE164: '+85291234567' });
    till.sale({});
    const outbox = till.outbox;
    const n = outbox.length;
    // The reference: every operation delivered once, in order.
    await pushOk(headOffice, till, outbox);
    const expected = await stateDigest(headOffice);
    const batch = fc
      .tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: n }))
      .map(([from, length]) => outbox.slice(from, Math.min(n, from + length)));
    await fc.assert(
      fc.asyncProperty(fc.array(batch, { minLength: 1, maxLength: 12 }), async (deliveries) => {
        await forgetSyncedData(db);
        for (const ops of deliveries) await pushOk(headOffice, till, ops);
        // The terminal keeps pushing from its mark until everything is acknowledged.
        await pushOk(headOffice, till, outbox);
        expect(await stateDigest(headOffice)).toEqual(expected);
        await balancesMatchLedger(headOffice);
      }),
      { numRuns: testDb.name === 'pglite' ? 12 : 8 },
    );
  }, 60_000);
});

/** Forgets everything terminals pushed, keeping stores, terminals and the configuration. */
async function forgetSyncedData(db: Database): Promise<void> {
  await db.exec(`
    TRUNCATE sync_op, member, points_entry, member_balance, sale, exception_case CASCADE;
    DELETE FROM change_log WHERE stream <> 'config';
    UPDATE stream_counter SET seq = 0 WHERE stream <> 'config';
    UPDATE terminal SET high_water_mark = 0;
  `);
}
