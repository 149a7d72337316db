import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Member, Receipt } from '../../shared/domain';
import { defaultProgram, type Program } from '../../shared/program';
import { uuidv7 } from '../../shared/ids';
import type { Result } from '../../shared/result';
import { openTestCore, snapshot, unwrap, type TestCore } from '../../test/unit/helpers/terminal';

/**
 * The ledger's promises, checked after every step of random shop days:
 * balances equal the sum of entries, money and points are integers, the outbox is gapless and
 * holds one row per successful write, refunds undo exactly their sale, failures write nothing,
 * and retries are idempotent.
 */

// ---------------------------------------------------------------------------------------------
// Invariants read straight from the database

const amountColumns: Record<string, string[]> = {
  sale: [
    'total_minor',
    'points_redeemed',
    'redeem_value_minor',
    'paid_minor',
    'points_earned',
    'balance_after',
  ],
  sale_line: ['quantity', 'unit_price_minor', 'amount_minor'],
  points_entry: ['points'],
  member: ['points_balance'],
  outbox: ['seq'],
};

function expectIntegerAmounts(db: Database.Database): void {
  for (const [table, columns] of Object.entries(amountColumns)) {
    for (const column of columns) {
      const rows = db
        .prepare(`SELECT ${column} AS v, typeof(${column}) AS t FROM ${table}`)
        .all() as { v: unknown; t: string }[];
      for (const row of rows) {
        if (column === 'balance_after' && row.v === null) continue;
        expect({ table, column, t: row.t }).toEqual({ table, column, t: 'integer' });
        expect(typeof row.v === 'number' && Number.isInteger(row.v)).toBe(true);
      }
    }
  }
}

function expectBalancesMatchEntries(db: Database.Database, expected: Map<string, number>): void {
  const rows = db
    .prepare(
      `SELECT m.id, m.points_balance AS cached,
              (SELECT coalesce(sum(points), 0) FROM points_entry e WHERE e.member_id = m.id) AS summed
       FROM member m`,
    )
    .all() as { id: string; cached: number; summed: number }[];
  expect(rows.length).toBe(expected.size);
  for (const row of rows) {
    expect({ member: row.id, cached: row.cached }).toEqual({ member: row.id, cached: row.summed });
    expect({ member: row.id, cached: row.cached }).toEqual({
      member: row.id,
      cached: expected.get(row.id),
    });
  }
}

function expectGaplessOutbox(db: Database.Database, expectedRows: number): void {
  const seqs = (db.prepare('SELECT seq FROM outbox ORDER BY seq').all() as { seq: number }[]).map(
    (r) => r.seq,
  );
  expect(seqs).toEqual(Array.from({ length: expectedRows }, (_, i) => i + 1));
}

function expectRefundsMirrorSales(db: Database.Database): void {
  const pairs = db
    .prepare(
      `SELECT s.total_minor AS st, r.total_minor AS rt, s.paid_minor AS sp, r.paid_minor AS rp,
              s.points_earned AS se, r.points_earned AS re, s.points_redeemed AS sr,
              r.points_redeemed AS rr, s.member_id AS sm, r.member_id AS rm
       FROM sale r JOIN sale s ON s.id = r.refund_of`,
    )
    .all() as Record<string, number | string | null>[];
  for (const p of pairs) {
    expect([p.rt, p.rp, p.re, p.rr, p.rm]).toEqual([
      -(p.st as number) || 0,
      -(p.sp as number) || 0,
      -(p.se as number) || 0,
      -(p.sr as number) || 0,
      p.sm,
    ]);
  }
}

// ---------------------------------------------------------------------------------------------
// Independent arithmetic (BigInt, not shared/rules) for what a sale should do

/** The earn and redemption rates these properties vary; the rest of the program is plain. */
interface PointsRule {
  earnPoints: number;
  earnSpendMinor: number;
  redeemPoints: number;
  redeemValueMinor: number;
}

/**
 * The program a rule stands for: one tier (so no tier multiplier creeps in as members spend),
 * points available at once, no minimum, points may pay the whole sale.
 */
function programOf(rule: PointsRule): Program {
  return {
    ...defaultProgram,
    earn: { ...defaultProgram.earn, points: rule.earnPoints, perSpendMinor: rule.earnSpendMinor },
    tiers: {
      ...defaultProgram.tiers,
      levels: [{ id: 'member', name: 'Member', threshold: 0, earnPercent: 100, perks: '' }],
    },
    redemption: {
      points: rule.redeemPoints,
      valueMinor: rule.redeemValueMinor,
      minimumPoints: 0,
      maxSharePercent: 100,
    },
  };
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

interface Pricing {
  step: number;
  maxRedeemable: number;
}

function pricing(rule: PointsRule, balance: number | null, total: number): Pricing {
  const rp = BigInt(rule.redeemPoints);
  const rv = BigInt(rule.redeemValueMinor);
  const step = rp / gcd(rp, rv);
  if (balance === null) return { step: Number(step), maxRedeemable: 0 };
  const covering = (BigInt(total) * rp) / rv;
  const cap = BigInt(Math.max(balance, 0)) < covering ? BigInt(Math.max(balance, 0)) : covering;
  return { step: Number(step), maxRedeemable: Number(cap - (cap % step)) };
}

type Outcome =
  | { ok: true; value: number; earned: number }
  | {
      ok: false;
      code: 'member_required' | 'redeem_step' | 'insufficient_points' | 'redeem_exceeds_total';
    };

function expectedOutcome(
  rule: PointsRule,
  balance: number | null,
  total: number,
  points: number,
): Outcome {
  let value = 0;
  if (points > 0) {
    if (balance === null) return { ok: false, code: 'member_required' };
    const product = BigInt(points) * BigInt(rule.redeemValueMinor);
    if (product % BigInt(rule.redeemPoints) !== 0n) return { ok: false, code: 'redeem_step' };
    value = Number(product / BigInt(rule.redeemPoints));
    if (points > balance) return { ok: false, code: 'insufficient_points' };
    if (value > total) return { ok: false, code: 'redeem_exceeds_total' };
  }
  const paid = total - value;
  const earned =
    balance === null || paid <= 0
      ? 0
      : Number((BigInt(paid) * BigInt(rule.earnPoints)) / BigInt(rule.earnSpendMinor));
  return { ok: true, value, earned };
}

// ---------------------------------------------------------------------------------------------
// Random shop days

const rules: PointsRule[] = [
  { earnPoints: 1, earnSpendMinor: 100, redeemPoints: 100, redeemValueMinor: 500 }, // step 1
  { earnPoints: 3, earnSpendMinor: 1000, redeemPoints: 3, redeemValueMinor: 2 }, // step 3
  { earnPoints: 10, earnSpendMinor: 100, redeemPoints: 1000, redeemValueMinor: 5 }, // step 200
  { earnPoints: 7, earnSpendMinor: 333, redeemPoints: 250, redeemValueMinor: 100 }, // step 5
];

const names = ['王小明', 'Amy Chan', 'José', "O'Brien; DROP TABLE member; --", '李'];
const descriptions = ['Milk tea', '菠蘿包', "'; DELETE FROM sale; --", 'Item "quoted"'];

type RedeemChoice =
  | { mode: 'none' }
  | { mode: 'max' }
  | { mode: 'part'; fraction: number }
  | { mode: 'random'; points: number }
  | { mode: 'offStep' }
  | { mode: 'overBalance' }
  | { mode: 'overTotal' };

type Step =
  | { kind: 'enroll'; name: number; phone: number }
  | { kind: 'enrollBadPhone' }
  | {
      kind: 'sale';
      member: number | null;
      lines: { quantity: number; unitPriceMinor: number; description: number }[];
      redeem: RedeemChoice;
    }
  | { kind: 'saleUnknownMember' }
  | { kind: 'saleTooLarge' }
  | { kind: 'replaySale'; pick: number }
  | { kind: 'saleIdOfRefund'; pick: number }
  | { kind: 'refund'; pick: number; reuseRefundId: boolean }
  | { kind: 'refundUnknown' }
  | { kind: 'refundAnotherSalesRefundId'; pick: number; other: number };

const redeemChoice: fc.Arbitrary<RedeemChoice> = fc.oneof(
  { weight: 3, arbitrary: fc.constant({ mode: 'none' as const }) },
  { weight: 3, arbitrary: fc.constant({ mode: 'max' as const }) },
  {
    weight: 3,
    arbitrary: fc.record({
      mode: fc.constant('part' as const),
      fraction: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
  },
  fc.record({ mode: fc.constant('random' as const), points: fc.integer({ min: 0, max: 5000 }) }),
  fc.constant({ mode: 'offStep' as const }),
  fc.constant({ mode: 'overBalance' as const }),
  fc.constant({ mode: 'overTotal' as const }),
);

const line = fc.record({
  quantity: fc.integer({ min: 1, max: 5 }),
  unitPriceMinor: fc.oneof(fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 80_000 })),
  description: fc.nat(descriptions.length - 1),
});

const enrollStep = fc.record({
  kind: fc.constant('enroll' as const),
  name: fc.nat(names.length - 1),
  phone: fc.nat(7),
});

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 2, arbitrary: enrollStep },
  { weight: 1, arbitrary: fc.constant({ kind: 'enrollBadPhone' as const }) },
  {
    weight: 10,
    arbitrary: fc.record({
      kind: fc.constant('sale' as const),
      member: fc.option(fc.nat(20), { freq: 4 }),
      lines: fc.array(line, { minLength: 1, maxLength: 4 }),
      redeem: redeemChoice,
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'saleUnknownMember' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'saleTooLarge' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('replaySale' as const), pick: fc.nat(50) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('saleIdOfRefund' as const), pick: fc.nat(50) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('refund' as const),
      pick: fc.nat(50),
      reuseRefundId: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'refundUnknown' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('refundAnotherSalesRefundId' as const),
      pick: fc.nat(50),
      other: fc.nat(50),
    }),
  },
);

interface RecordedSale {
  id: string;
  memberId: string | null;
  /** Points this sale moved: earned − redeemed. */
  delta: number;
  refundId: string | null;
}

/** The model: what the ledger should hold, kept without reading the ledger. */
class Model {
  members: Member[] = [];
  phones = new Map<number, string>();
  sales: RecordedSale[] = [];
  outboxRows = 4; // terminal.setup (configured, program), program.update and shift.open wrote the first rows.

  balanceOf(memberId: string): number {
    return this.sales
      .filter((s) => s.memberId === memberId && s.refundId === null)
      .reduce((sum, s) => sum + s.delta, 0);
  }

  balances(): Map<string, number> {
    return new Map(this.members.map((m) => [m.id, this.balanceOf(m.id)]));
  }

  refunds(): { saleId: string; refundId: string }[] {
    return this.sales.flatMap((s) => (s.refundId ? [{ saleId: s.id, refundId: s.refundId }] : []));
  }
}

function phoneNumber(index: number): string {
  return `9200 ${String(index).padStart(4, '0')}`;
}

function expectFailure(
  core: TestCore,
  result: Result<unknown>,
  code: string,
  before: string,
): void {
  expect(result.ok ? 'ok' : result.error.code).toBe(code);
  if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
  expect(snapshot(core.db)).toBe(before);
}

function runStep(core: TestCore, model: Model, rule: PointsRule, s: Step): void {
  const { db } = core;
  const before = snapshot(db);
  switch (s.kind) {
    case 'enroll': {
      const phone = phoneNumber(s.phone);
      const result = core.dispatch('member.enroll', {
        name: names[s.name] as string,
        phone,
        marketingConsent: s.phone % 2 === 0,
      });
      const existing = model.phones.get(s.phone);
      if (existing) {
        expectFailure(core, result, 'duplicate_phone', before);
        if (!result.ok) expect(result.error.details?.memberId).toBe(existing);
        return;
      }
      const member = unwrap(result) as Member;
      expect(member.pointsBalance).toBe(0);
      expect(member.name).toBe(names[s.name]);
      model.members.push(member);
      model.phones.set(s.phone, member.id);
      // member.enrolled, and consent.recorded for the answers given at enrollment.
      model.outboxRows += 2;
      return;
    }
    case 'enrollBadPhone': {
      const result = core.dispatch('member.enroll', {
        name: 'Nobody',
        phone: '1234',
        marketingConsent: true,
      });
      expectFailure(core, result, 'invalid_phone', before);
      return;
    }
    case 'sale': {
      const member =
        s.member === null
          ? null
          : (model.members[s.member % Math.max(model.members.length, 1)] ?? null);
      const total = s.lines.reduce((sum, l) => sum + l.quantity * l.unitPriceMinor, 0);
      const balance = member ? model.balanceOf(member.id) : null;
      const { step: redeemStep, maxRedeemable } = pricing(rule, balance, total);
      let points = 0;
      switch (s.redeem.mode) {
        case 'none':
          break;
        case 'max':
          points = maxRedeemable;
          break;
        case 'part':
          points = Math.floor((s.redeem.fraction * maxRedeemable) / redeemStep) * redeemStep;
          break;
        case 'random':
          points = s.redeem.points;
          break;
        case 'offStep':
          points = redeemStep > 1 ? redeemStep + 1 : 1;
          break;
        case 'overBalance':
          points = (Math.floor(Math.max(balance ?? 0, 0) / redeemStep) + 1) * redeemStep;
          break;
        case 'overTotal':
          points =
            (Math.floor((total * rule.redeemPoints) / rule.redeemValueMinor / redeemStep) + 1) *
            redeemStep;
          break;
      }
      const saleId = uuidv7();
      const result = core.dispatch('sale.record', {
        saleId,
        memberId: member?.id ?? null,
        lines: s.lines.map((l) => ({
          description: descriptions[l.description] as string,
          quantity: l.quantity,
          unitPriceMinor: l.unitPriceMinor,
        })),
        redeemPoints: points,
      });
      const outcome = expectedOutcome(rule, balance, total, points);
      if (!outcome.ok) {
        expectFailure(core, result, outcome.code, before);
        return;
      }
      const receipt = unwrap(result) as Receipt;
      const sale = receipt.sale;
      expect({
        total: sale.totalMinor,
        redeemed: sale.pointsRedeemed,
        value: sale.redeemValueMinor,
        paid: sale.paidMinor,
        earned: sale.pointsEarned,
      }).toEqual({
        total,
        redeemed: points,
        value: outcome.value,
        paid: total - outcome.value,
        earned: outcome.earned,
      });
      expect(sale.lines.map((l) => l.amountMinor)).toEqual(
        s.lines.map((l) => l.quantity * l.unitPriceMinor),
      );
      const delta = outcome.earned - points;
      model.sales.push({ id: saleId, memberId: member?.id ?? null, delta, refundId: null });
      model.outboxRows += 1;
      // The receipt shows what the member can spend: a debt shows as 0 (the ledger keeps it).
      expect(receipt.balanceAfter).toBe(member ? Math.max(0, (balance as number) + delta) : null);
      // Recording the same saleId again returns the same receipt and writes nothing.
      const afterFirst = snapshot(db);
      const again = unwrap(
        core.dispatch('sale.record', {
          saleId,
          memberId: null,
          lines: [{ description: 'other', quantity: 1, unitPriceMinor: 1 }],
          redeemPoints: 0,
        }),
      );
      expect(again).toEqual(receipt);
      expect(snapshot(db)).toBe(afterFirst);
      return;
    }
    case 'saleUnknownMember': {
      const result = core.dispatch('sale.record', {
        saleId: uuidv7(),
        memberId: uuidv7(),
        lines: [{ description: 'Tea', quantity: 1, unitPriceMinor: 1000 }],
        redeemPoints: 0,
      });
      expectFailure(core, result, 'member_not_found', before);
      return;
    }
    case 'saleTooLarge': {
      const result = core.dispatch('sale.record', {
        saleId: uuidv7(),
        memberId: model.members[0]?.id ?? null,
        lines: [
          { description: 'Gold', quantity: 9999, unitPriceMinor: 10_000_000_000 },
          { description: 'Gold', quantity: 2, unitPriceMinor: 1 },
        ],
        redeemPoints: 0,
      });
      expectFailure(core, result, 'invalid_input', before);
      return;
    }
    case 'replaySale': {
      const target = model.sales[s.pick % Math.max(model.sales.length, 1)];
      if (!target) return;
      const current = unwrap(core.dispatch('sale.get', { saleId: target.id }));
      const result = core.dispatch('sale.record', {
        saleId: target.id,
        memberId: null,
        lines: [{ description: 'retry', quantity: 1, unitPriceMinor: 999 }],
        redeemPoints: 0,
      });
      expect(unwrap(result)).toEqual(current);
      expect(snapshot(db)).toBe(before);
      return;
    }
    case 'saleIdOfRefund': {
      const refunds = model.refunds();
      const target = refunds[s.pick % Math.max(refunds.length, 1)];
      if (!target) return;
      const result = core.dispatch('sale.record', {
        saleId: target.refundId,
        memberId: null,
        lines: [{ description: 'x', quantity: 1, unitPriceMinor: 1 }],
        redeemPoints: 0,
      });
      expectFailure(core, result, 'invalid_input', before);
      return;
    }
    case 'refund': {
      const target = model.sales[s.pick % Math.max(model.sales.length, 1)];
      if (!target) return;
      if (target.refundId) {
        if (s.reuseRefundId) {
          // Same refundId: the first refund comes back, nothing is written.
          const current = unwrap(core.dispatch('sale.get', { saleId: target.refundId }));
          const again = core.dispatch('sale.refund', {
            saleId: target.id,
            refundId: target.refundId,
            reason: 'again',
          });
          expect(unwrap(again)).toEqual(current);
          expect(snapshot(db)).toBe(before);
        } else {
          const again = core.dispatch('sale.refund', {
            saleId: target.id,
            refundId: uuidv7(),
            reason: 'again',
          });
          expectFailure(core, again, 'sale_already_refunded', before);
        }
        // Refunding a refund is refused too.
        const ofRefund = core.dispatch('sale.refund', {
          saleId: target.refundId,
          refundId: uuidv7(),
          reason: 'x',
        });
        expectFailure(core, ofRefund, 'not_a_sale', before);
        return;
      }
      const balanceBefore = target.memberId ? model.balanceOf(target.memberId) : null;
      const refundId = uuidv7();
      const receipt = unwrap(
        core.dispatch('sale.refund', {
          saleId: target.id,
          refundId,
          reason: 'Customer changed mind',
        }),
      ) as Receipt;
      target.refundId = refundId;
      model.outboxRows += 1;
      expect(receipt.sale.kind).toBe('refund');
      expect(receipt.sale.refundOfSaleId).toBe(target.id);
      if (target.memberId) {
        // The balance is what it would have been without the sale.
        expect(model.balanceOf(target.memberId)).toBe((balanceBefore as number) - target.delta);
        expect(receipt.balanceAfter).toBe(Math.max(0, model.balanceOf(target.memberId)));
      } else {
        expect(receipt.balanceAfter).toBeNull();
      }
      const original = unwrap(core.dispatch('sale.get', { saleId: target.id })) as Receipt;
      expect(original.sale.refundedBySaleId).toBe(refundId);
      return;
    }
    case 'refundUnknown': {
      const result = core.dispatch('sale.refund', {
        saleId: uuidv7(),
        refundId: uuidv7(),
        reason: 'x',
      });
      expectFailure(core, result, 'sale_not_found', before);
      return;
    }
    case 'refundAnotherSalesRefundId': {
      const refunds = model.refunds();
      const used = refunds[s.other % Math.max(refunds.length, 1)];
      const target = model.sales[s.pick % Math.max(model.sales.length, 1)];
      if (!used || !target || target.id === used.saleId) return;
      const result = core.dispatch('sale.refund', {
        saleId: target.id,
        refundId: used.refundId,
        reason: 'x',
      });
      expectFailure(core, result, 'invalid_input', before);
      return;
    }
    default: {
      const never: never = s;
      throw new Error(`unknown step ${JSON.stringify(never)}`);
    }
  }
}

function checkInvariants(core: TestCore, model: Model): void {
  expectBalancesMatchEntries(core.db, model.balances());
  expectIntegerAmounts(core.db);
  expectGaplessOutbox(core.db, model.outboxRows);
  expectRefundsMirrorSales(core.db);
  const status = unwrap(core.dispatch('terminal.status', {})) as { pendingChanges: number };
  expect(status.pendingChanges).toBe(model.outboxRows);
}

// ---------------------------------------------------------------------------------------------

describe('ledger properties over random shop days', () => {
  it('every step keeps balances = Σ entries, integer amounts, a gapless outbox, and failures write nothing', () => {
    fc.assert(
      fc.property(
        fc.nat(rules.length - 1),
        fc.array(enrollStep, { minLength: 1, maxLength: 3 }),
        fc.array(step, { minLength: 1, maxLength: 25, size: 'max' }),
        (ruleIndex, firstMembers, steps) => {
          const rule = rules[ruleIndex] as PointsRule;
          const core = openTestCore({ program: programOf(rule) });
          try {
            const model = new Model();
            checkInvariants(core, model);
            for (const s of [...firstMembers, ...steps]) {
              runStep(core, model, rule, s);
              checkInvariants(core, model);
            }
          } finally {
            core.cleanup();
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);

  it('refunding every sale, in any order, brings every member back to 0 points', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(2), fc.integer({ min: 1, max: 50_000 }), fc.boolean()), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.func(fc.integer()),
        (sales, order) => {
          const core = openTestCore();
          try {
            const members = [0, 1, 2].map(
              (i) =>
                unwrap(
                  core.dispatch('member.enroll', {
                    name: `M${i}`,
                    phone: phoneNumber(i),
                    marketingConsent: false,
                  }),
                ) as Member,
            );
            const ids: string[] = [];
            for (const [who, price, redeemAll] of sales) {
              const member = members[who] as Member;
              const balance = (
                unwrap(core.dispatch('member.get', { memberId: member.id })) as Member
              ).pointsBalance;
              const preview = unwrap(
                core.dispatch('sale.preview', {
                  memberId: member.id,
                  lines: [{ description: 'x', quantity: 1, unitPriceMinor: price }],
                  redeemPoints: 0,
                }),
              ) as { maxRedeemablePoints: number };
              const saleId = uuidv7();
              unwrap(
                core.dispatch('sale.record', {
                  saleId,
                  memberId: member.id,
                  lines: [{ description: 'x', quantity: 1, unitPriceMinor: price }],
                  redeemPoints: redeemAll ? Math.min(preview.maxRedeemablePoints, balance) : 0,
                }),
              );
              ids.push(saleId);
            }
            const shuffled = [...ids].sort((a, b) => order(a) - order(b));
            for (const saleId of shuffled) {
              unwrap(
                core.dispatch('sale.refund', { saleId, refundId: uuidv7(), reason: 'all back' }),
              );
            }
            for (const member of members) {
              expect(
                (unwrap(core.dispatch('member.get', { memberId: member.id })) as Member)
                  .pointsBalance,
              ).toBe(0);
            }
            expectBalancesMatchEntries(core.db, new Map(members.map((m) => [m.id, 0])));
            expectIntegerAmounts(core.db);
            // Setup (configured, program), the shift's opening, three enrollments with their consent
            // answers, each sale and its refund.
            expectGaplessOutbox(core.db, 3 + 3 * 2 + 2 * ids.length);
          } finally {
            core.cleanup();
          }
        },
      ),
      { numRuns: 50 },
    );
  }, 30_000);
});

describe('ledger examples', () => {
  let core: TestCore;
  let amy: Member;
  beforeEach(() => {
    core = openTestCore();
    amy = unwrap(
      core.dispatch('member.enroll', { name: 'Amy', phone: '9123 4567', marketingConsent: true }),
    ) as Member;
  });
  afterEach(() => core.cleanup());

  function record(
    lines: { quantity: number; unitPriceMinor: number }[],
    redeemPoints = 0,
    saleId = uuidv7(),
  ) {
    return core.dispatch('sale.record', {
      saleId,
      memberId: amy.id,
      lines: lines.map((l) => ({ description: 'Item', ...l })),
      redeemPoints,
    });
  }

  it('HK$123.45 earns floor(12345 × 1 / 100) = 123 pts; redeeming 100 pts pays 100 × 500 / 100 = HK$5.00', () => {
    const first = unwrap(record([{ quantity: 1, unitPriceMinor: 12345 }])) as Receipt;
    expect(first.sale.pointsEarned).toBe(123);
    expect(first.balanceAfter).toBe(123);
    const second = unwrap(record([{ quantity: 2, unitPriceMinor: 1000 }], 100)) as Receipt;
    // total 2000, value 500, paid 1500, earned floor(1500/100) = 15; balance 123 − 100 + 15 = 38
    expect(second.sale).toMatchObject({
      totalMinor: 2000,
      redeemValueMinor: 500,
      paidMinor: 1500,
      pointsEarned: 15,
    });
    expect(second.balanceAfter).toBe(38);
  });

  it('recording the same saleId twice returns the same receipt and writes nothing', () => {
    const saleId = uuidv7();
    const first = unwrap(record([{ quantity: 3, unitPriceMinor: 999 }], 0, saleId));
    const before = snapshot(core.db);
    const second = unwrap(record([{ quantity: 1, unitPriceMinor: 5 }], 0, saleId));
    expect(second).toEqual(first);
    expect(snapshot(core.db)).toBe(before);
  });

  it('refunding twice: a new refundId is refused with sale_already_refunded; the same refundId returns the same refund', () => {
    const saleId = uuidv7();
    unwrap(record([{ quantity: 1, unitPriceMinor: 5000 }], 0, saleId));
    const refundId = uuidv7();
    const refund = unwrap(core.dispatch('sale.refund', { saleId, refundId, reason: 'Faulty' }));
    const before = snapshot(core.db);
    expect(
      unwrap(core.dispatch('sale.refund', { saleId, refundId, reason: 'Faulty again' })),
    ).toEqual(refund);
    const second = core.dispatch('sale.refund', { saleId, refundId: uuidv7(), reason: 'Faulty' });
    expect(second.ok ? 'ok' : second.error.code).toBe('sale_already_refunded');
    expect(snapshot(core.db)).toBe(before);
  });

  it('a refund after the earned points were spent leaves a negative balance (a debt), still = Σ entries', () => {
    const saleId = uuidv7();
    unwrap(record([{ quantity: 1, unitPriceMinor: 20_000 }], 0, saleId)); // +200
    unwrap(record([{ quantity: 1, unitPriceMinor: 1000 }], 200)); // −200, pays 1000, earns 0
    const refund = unwrap(
      core.dispatch('sale.refund', { saleId, refundId: uuidv7(), reason: 'Return' }),
    ) as Receipt;
    // The receipt shows what can be spent (nothing); the ledger holds the debt.
    expect(refund.balanceAfter).toBe(0);
    expectBalancesMatchEntries(core.db, new Map([[amy.id, -200]]));
    expect(unwrap(core.dispatch('member.loyalty', { memberId: amy.id }))).toMatchObject({
      available: 0,
      debt: 200,
    });
    // A member in debt cannot redeem.
    const blocked = record([{ quantity: 1, unitPriceMinor: 1000 }], 1);
    expect(blocked.ok ? 'ok' : blocked.error.code).toBe('insufficient_points');
  });

  it('a zero-total sale with a member earns nothing and refunds cleanly (no −0 in the ledger)', () => {
    const saleId = uuidv7();
    unwrap(record([{ quantity: 2, unitPriceMinor: 0 }], 0, saleId));
    const refund = unwrap(
      core.dispatch('sale.refund', { saleId, refundId: uuidv7(), reason: 'Free item back' }),
    ) as Receipt;
    expect(Object.is(refund.sale.totalMinor, -0)).toBe(false);
    expectIntegerAmounts(core.db);
  });
});
