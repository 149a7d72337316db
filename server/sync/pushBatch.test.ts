import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import type { SyncOperation } from '../../shared/sync/protocol';
import { applyOperation, parseOperation } from './applyOperation';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import { seededRandom } from '../testing/seededRandom';
import {
  TerminalScript,
  TestClock,
  enrollTerminal,
  type EnrolledTerminal,
} from '../testing/terminalScript';

/**
 * A push applies its plain operations set-based (pushBatch.ts). Whatever a batch holds, the
 * result must be what applying each operation on its own (applyOperation, one transaction each,
 * as pushes did before) leaves: the same rows, outcomes, exceptions and stream changes.
 */

type Action =
  | { kind: 'enroll'; till: number; phone: number }
  | { kind: 'enrollSameCard'; till: number; phone: number }
  | { kind: 'sale'; till: number; member: number; earn: number; redeem: number }
  | { kind: 'saleUnknownMember'; till: number; earn: number }
  | { kind: 'saleNoMember'; till: number }
  | { kind: 'edit'; till: number; member: number; name: string }
  | { kind: 'couponSale'; till: number; member: number }
  | { kind: 'refund'; till: number; sale: number }
  | { kind: 'other'; till: number; member: number; points: number };

const till = fc.integer({ min: 0, max: 1 });
const member = fc.nat({ max: 20 });
const action: fc.Arbitrary<Action> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('enroll' as const), till, phone: fc.nat({ max: 4 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('enrollSameCard' as const),
      till,
      phone: fc.nat({ max: 9 }),
    }),
  },
  {
    weight: 8,
    arbitrary: fc.record({
      kind: fc.constant('sale' as const),
      till,
      member,
      earn: fc.nat({ max: 300 }),
      redeem: fc.oneof(fc.constant(0), fc.nat({ max: 400 })),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('saleUnknownMember' as const),
      till,
      earn: fc.integer({ min: 1, max: 50 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('saleNoMember' as const), till }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      till,
      member,
      name: fc.constantFrom('Ann', 'Bo', 'Cy'),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('couponSale' as const), till, member }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('refund' as const), till, sale: fc.nat({ max: 30 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('other' as const),
      till,
      member,
      points: fc.integer({ min: -50, max: 50 }).filter((p) => p !== 0),
    }),
  },
);

/** Plays the actions on two terminals' outboxes; members and sales are shared across both. */
function play(scripts: TerminalScript[], actions: readonly Action[]): void {
  const members: string[] = [];
  const sales: {
    script: number;
    sale: ReturnType<TerminalScript['sale']>;
    memberId: string | null;
  }[] = [];
  const pick = (index: number) =>
    members.length > 0 ? members[index % members.length] : undefined;
  let coupons = 0;
  for (const a of actions) {
    const script = scripts[a.till] as TerminalScript;
    switch (a.kind) {
      case 'enroll':
        members.push(
          script.enrollMember({ name: `P${a.phone}`, phoneE164: `+8529100000${a.phone}` }).memberId,
        );
        break;
      case 'enrollSameCard': {
        const enrolled = script.enrollMember({ name: 'Card', phoneE164: `+8529200000${a.phone}` });
        const first = scripts[0]?.outbox.find((op) => op.type === 'member.enrolled');
        if (first) {
          (enrolled.op.payload as { cardNumber: string }).cardNumber = (
            first.payload as { cardNumber: string }
          ).cardNumber;
        }
        members.push(enrolled.memberId);
        break;
      }
      case 'sale': {
        const memberId = pick(a.member) ?? null;
        sales.push({
          script: a.till,
          memberId,
          sale: script.sale({ memberId, earn: a.earn, redeem: a.redeem }),
        });
        break;
      }
      case 'saleUnknownMember':
        script.sale({ memberId: uuidv7(), earn: a.earn });
        break;
      case 'saleNoMember':
        script.sale({});
        break;
      case 'edit': {
        const memberId = pick(a.member);
        if (memberId) script.updateMember(memberId, { name: a.name });
        break;
      }
      case 'couponSale': {
        const memberId = pick(a.member) ?? null;
        // Coupons issued on till 0; both tills redeem coupon 1 now and then, which is a double.
        coupons += 1;
        const coupon = (scripts[0] as TerminalScript).issueCoupon({ memberId });
        const code = coupons % 3 === 0 ? { couponId: coupon.couponId, code: coupon.code } : coupon;
        sales.push({
          script: a.till,
          memberId,
          sale: script.sale({ memberId, earn: 10, coupons: [{ ...code, discountMinor: 500 }] }),
        });
        break;
      }
      case 'refund': {
        const sold = sales[a.sale % Math.max(1, sales.length)];
        if (sold) (scripts[sold.script] as TerminalScript).refund(sold.sale, sold.memberId);
        break;
      }
      case 'other': {
        const memberId = pick(a.member);
        if (!memberId) break;
        script.other('points.adjusted', {
          memberId,
          reason: 'Goodwill',
          approvedBy: script.staffId,
          pointsEntries: [
            {
              id: uuidv7(),
              memberId,
              kind: 'adjust',
              points: a.points,
              saleId: null,
              reversesId: null,
            },
          ],
        });
        break;
      }
    }
  }
}

/** Everything the operations wrote, minus the exception ids (random). */
async function digest(headOffice: HeadOffice) {
  const q = async (sql: string) => (await headOffice.db.query(sql)).rows;
  return {
    ops: await q(
      `SELECT terminal_id, seq, op_id, type, payload, outcome #- '{compensation,exceptionId}' AS outcome
       FROM sync_op ORDER BY terminal_id, seq`,
    ),
    marks: await q('SELECT id, high_water_mark FROM terminal ORDER BY id'),
    members: await q('SELECT * FROM member ORDER BY id'),
    entries: await q('SELECT * FROM points_entry ORDER BY id'),
    balances: await q('SELECT member_id, points FROM member_balance ORDER BY member_id'),
    sales: await q('SELECT * FROM sale ORDER BY id'),
    coupons: await q('SELECT * FROM coupon ORDER BY id'),
    couponUses: await q('SELECT * FROM coupon_use ORDER BY number'),
    exceptions: await q(
      'SELECT kind, op_id, member_id, sale_id, facts FROM exception_case ORDER BY number',
    ),
    changes: await q('SELECT stream, seq, entity_id, data FROM change_log ORDER BY stream, seq'),
    counters: await q('SELECT stream, seq FROM stream_counter ORDER BY stream'),
  };
}

/** The reference: each operation on its own, in one transaction, as a push of it alone did. */
async function applyOneByOne(
  headOffice: HeadOffice,
  enrolled: EnrolledTerminal,
  ops: readonly SyncOperation[],
  now: number,
): Promise<void> {
  const terminal = {
    id: enrolled.auth.terminalId,
    storeId: enrolled.storeId,
    storeName: enrolled.storeName,
    number: enrolled.auth.terminalNumber,
    timeZone: null,
    pricesWithProgram: false,
  };
  const at = new Date(now).toISOString();
  for (const op of ops) {
    await headOffice.db.transaction(async (tx) => {
      const parsed = parseOperation(op);
      if (!parsed.ok) throw new Error(parsed.rejection.message);
      const compensation = await applyOperation(
        { tx, at, now, random: headOffice.random, terminal, op },
        parsed,
      );
      const outcome = {
        seq: op.seq,
        opId: op.opId,
        outcome: compensation ? 'compensated' : 'accepted',
        duplicate: false,
        compensation,
      };
      await tx.query(
        `INSERT INTO sync_op (terminal_id, seq, op_id, type, hlc, staff_id, created_at, payload,
           outcome, received_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
        [
          terminal.id,
          op.seq,
          op.opId,
          op.type,
          op.hlc,
          op.staffId,
          op.createdAt,
          JSON.stringify(op.payload ?? null),
          JSON.stringify(outcome),
          at,
        ],
      );
      await tx.query('UPDATE terminal SET high_water_mark = $2, last_seen_at = $3 WHERE id = $1', [
        terminal.id,
        op.seq,
        at,
      ]);
    });
  }
}

describe.each(testDatabases)('a push batch on $name', (testDb) => {
  let batched: Database;
  let oneByOne: Database;

  beforeAll(async () => {
    batched = await testDb.open();
    oneByOne = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await batched.close();
    await oneByOne.close();
  });

  async function headOffices(clock: TestClock) {
    const offices: { headOffice: HeadOffice; tills: EnrolledTerminal[] }[] = [];
    for (const db of [batched, oneByOne]) {
      await resetDatabase(db);
      // The same seed on both: the same stores, terminals and exception ids.
      const headOffice = await createHeadOffice(db, { now: clock.now, random: seededRandom(5) });
      const tills = [
        await enrollTerminal(headOffice, { storeName: 'Causeway Bay' }),
        await enrollTerminal(headOffice, { storeName: 'Mong Kok' }),
      ];
      offices.push({ headOffice, tills });
    }
    return offices as [(typeof offices)[0], (typeof offices)[0]];
  }

  it('leaves exactly what applying each operation on its own leaves', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(action, { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: 1, max: 25 }), { minLength: 1, maxLength: 8 }),
        async (actions, cuts) => {
          const clock = new TestClock();
          const [a, b] = await headOffices(clock);
          expect(b.tills.map((t) => t.auth.terminalId)).toEqual(
            a.tills.map((t) => t.auth.terminalId),
          );
          const scripts = a.tills.map((t) => new TerminalScript(t, clock));
          play(scripts, actions);
          // Batches cut where `cuts` says, the two tills taking turns.
          const cursors = [0, 0];
          for (let turn = 0; cursors.some((c, i) => c < (scripts[i]?.outbox.length ?? 0)); turn++) {
            const i = turn % 2;
            const script = scripts[i] as TerminalScript;
            const size = cuts[turn % cuts.length] ?? 1;
            const ops = script.outbox.slice(cursors[i], (cursors[i] ?? 0) + size);
            cursors[i] = (cursors[i] ?? 0) + ops.length;
            if (ops.length === 0) continue;
            const pushed = await a.headOffice.push(script.terminal.auth, script.batch(ops));
            expect(pushed.ok).toBe(true);
            await applyOneByOne(b.headOffice, b.tills[i] as EnrolledTerminal, ops, clock.now());
          }
          expect(await digest(a.headOffice)).toEqual(await digest(b.headOffice));
        },
      ),
      { numRuns: testDb.name === 'pglite' ? 25 : 15 },
    );
  }, 180_000);
});
