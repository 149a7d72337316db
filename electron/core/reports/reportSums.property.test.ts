import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Figures, Report } from '../../../shared/reports/report';
import { emptyFigures } from '../../../shared/reports/report';
import { finishFigures } from '../../../shared/figures/figures';
import { uuidv7 } from '../../../shared/ids';
import { MANAGER_PIN, openTestCore, unwrap } from '../../../test/unit/helpers/terminal';
import { makeClock, nextPhone } from '../../../test/unit/helpers/loyalty';
import { forgetTerminal } from '../terminal/terminalStore';
import { businessDayOf } from '../../../shared/rules/businessDay';

/** Adds `b` into `a`, field by field, however deep; a share is worked out again, not added. */
function addInto(a: Record<string, unknown>, b: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(b)) {
    if (key === 'memberShareBasisPoints') continue;
    if (typeof value === 'number') a[key] = (a[key] as number) + value;
    else addInto(a[key] as Record<string, unknown>, value as Record<string, unknown>);
  }
}

function sum(list: Figures[]): Figures {
  const total = emptyFigures();
  for (const f of list)
    addInto(total as unknown as Record<string, unknown>, f as unknown as Record<string, unknown>);
  return finishFigures(total);
}

type Step =
  | { kind: 'sale'; member: boolean; price: number; quantity: number; minutes: number }
  | { kind: 'refund'; pick: number; minutes: number }
  | { kind: 'cashier'; which: number }
  | { kind: 'enroll'; minutes: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('sale' as const),
    member: fc.boolean(),
    price: fc.integer({ min: 1, max: 10_000 }), // under the cashier's refund limit
    quantity: fc.integer({ min: 1, max: 4 }),
    minutes: fc.integer({ min: 0, max: 180 }),
  }),
  fc.record({
    kind: fc.constant('refund' as const),
    pick: fc.nat(),
    minutes: fc.integer({ min: 0, max: 60 }),
  }),
  fc.record({ kind: fc.constant('cashier' as const), which: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('enroll' as const), minutes: fc.integer({ min: 0, max: 90 }) }),
);

describe('by cashier and by hour add up to the totals', () => {
  it('for any day of sales, refunds, enrollments and cashier changes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 1439 }),
        (steps, boundary) => {
          const clock = makeClock('2030-03-01T00:00:00.000Z');
          const core = openTestCore({ now: clock.now });
          try {
            unwrap(
              core.dispatch('report.setDayBoundary', {
                boundaryMinutes: boundary,
                managerPin: MANAGER_PIN,
              }),
            );
            const staff = [0, 1, 2].map((i) => {
              const id = uuidv7();
              core.db
                .prepare(
                  `INSERT INTO staff (id, name, role, created_at) VALUES (?, ?, 'cashier', ?)`,
                )
                .run(id, `Cashier ${i}`, clock.iso());
              return id;
            });
            const member = unwrap(
              core.dispatch('member.enroll', {
                name: 'Amy',
                phone: nextPhone(),
                marketingConsent: false,
              }),
            ) as { id: string };
            const sales: string[] = [];
            for (const s of steps) {
              if (s.kind === 'cashier') {
                core.db
                  .prepare('UPDATE terminal SET current_staff_id = ? WHERE id = 1')
                  .run(staff[s.which]);
                forgetTerminal(core.db);
                continue;
              }
              clock.set(new Date(clock.now() + s.minutes * 60_000).toISOString());
              if (s.kind === 'sale') {
                const receipt = unwrap(
                  core.dispatch('sale.record', {
                    saleId: uuidv7(),
                    memberId: s.member ? member.id : null,
                    lines: [{ description: 'Item', quantity: s.quantity, unitPriceMinor: s.price }],
                    redeemPoints: 0,
                  }),
                ) as { sale: { id: string } };
                sales.push(receipt.sale.id);
              } else if (s.kind === 'refund' && sales.length > 0) {
                const saleId = sales.splice(s.pick % sales.length, 1)[0];
                unwrap(
                  core.dispatch('sale.refund', { saleId, refundId: uuidv7(), reason: 'Returned' }),
                );
              } else if (s.kind === 'enroll') {
                unwrap(
                  core.dispatch('member.enroll', {
                    name: 'Ben',
                    phone: nextPhone(),
                    marketingConsent: true,
                  }),
                );
              }
            }
            // Every sale and refund lands in exactly one business day.
            const days = new Set(
              (
                core.db.prepare('SELECT created_at FROM sale').all() as { created_at: string }[]
              ).map((row) => businessDayOf(Date.parse(row.created_at), 'Asia/Hong_Kong', boundary)),
            );
            let seen = 0;
            for (const day of days) {
              const z = unwrap(
                core.dispatch('report.z', { businessDay: day, managerPin: MANAGER_PIN }),
              ) as Report;
              expect(sum(z.byCashier.map((c) => c.figures))).toEqual(z.totals);
              expect(sum(z.byHour.map((h) => h.figures))).toEqual(z.totals);
              expect(new Set(z.byHour.map((h) => h.hour)).size).toBe(z.byHour.length);
              seen += z.totals.sales.count + z.totals.refunds.count;
            }
            expect(seen).toBe(
              (core.db.prepare('SELECT count(*) AS n FROM sale').get() as { n: number }).n,
            );
          } finally {
            core.cleanup();
          }
        },
      ),
      { numRuns: 15 },
    );
    // Each run sets up its own ledger: allow for a busy machine.
  }, 60_000);
});
