import type Database from 'better-sqlite3-multiple-ciphers';
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
import { replaceCatalogueItem } from '../catalogue/catalogueStore';

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
  | {
      kind: 'sale';
      member: boolean;
      price: number;
      quantity: number;
      /** The catalogued item whose class is taxed at 5 %, or an open item at the store's rate. */
      reduced: boolean;
      minutes: number;
    }
  | { kind: 'refund'; pick: number; oneUnit: boolean; minutes: number }
  | { kind: 'cashier'; which: number }
  | { kind: 'enroll'; minutes: number }
  // The manager changes the store's tax mid-day. Tax-inclusive only: a tax-exclusive sale is
  // refused by the sale table's CHECK (total = subtotal − discount) until that is fixed.
  | { kind: 'tax'; mode: 'none' | 'inclusive'; rate: number };

const taxMode = fc.constantFrom('none' as const, 'inclusive' as const);
const taxRate = fc.constantFrom(0, 500, 800, 825, 1000);

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('sale' as const),
    member: fc.boolean(),
    price: fc.integer({ min: 1, max: 10_000 }), // under the cashier's refund limit
    quantity: fc.integer({ min: 1, max: 4 }),
    reduced: fc.boolean(),
    minutes: fc.integer({ min: 0, max: 180 }),
  }),
  fc.record({
    kind: fc.constant('refund' as const),
    pick: fc.nat(),
    oneUnit: fc.boolean(),
    minutes: fc.integer({ min: 0, max: 60 }),
  }),
  fc.record({ kind: fc.constant('tax' as const), mode: taxMode, rate: taxRate }),
  fc.record({ kind: fc.constant('cashier' as const), which: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('enroll' as const), minutes: fc.integer({ min: 0, max: 90 }) }),
);

/** The tax the ledger holds for [from, to): on the sale rows, and on their lines, read apart. */
function ledgerTax(db: Database.Database, from: string, to: string) {
  const range = { from, to };
  const { sales } = db
    .prepare(
      `SELECT coalesce(sum(tax_minor), 0) AS sales FROM sale
       WHERE created_at >= $from AND created_at < $to`,
    )
    .get(range) as { sales: number };
  const { lines } = db
    .prepare(
      `SELECT coalesce(sum(l.tax_minor), 0) AS lines FROM sale s JOIN sale_line l ON l.sale_id = s.id
       WHERE s.created_at >= $from AND s.created_at < $to`,
    )
    .get(range) as { lines: number };
  return { sales, lines };
}

describe('by cashier and by hour add up to the totals', () => {
  it('for any day of sales, refunds, tax changes, enrollments and cashier changes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 25 }),
        fc.integer({ min: 0, max: 1439 }),
        // The store's tax when the day opens: inclusive mostly, so most days have tax in play.
        fc.record({
          mode: fc.constantFrom('inclusive' as const, 'inclusive' as const, 'none' as const),
          rate: taxRate,
        }),
        (steps, boundary, startTax) => {
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
            replaceCatalogueItem(core.db, {
              itemId: uuidv7(),
              sku: 'REDUCED',
              barcodes: [],
              names: { en: 'Book', 'zh-Hant': '書', 'zh-Hans': '书' },
              category: null,
              priceMinor: 100,
              taxClass: 'REDUCED',
              taxRateBasisPoints: 500,
              active: true,
            });
            const setTax = (mode: 'none' | 'inclusive', rate: number) =>
              unwrap(
                core.dispatch('tax.configure', {
                  settings: { mode, defaultRateBasisPoints: rate },
                  managerPin: MANAGER_PIN,
                }),
              );
            setTax(startTax.mode, startTax.rate);
            /** Sales with units left to refund. */
            const sales: { id: string; left: number }[] = [];
            for (const s of steps) {
              if (s.kind === 'tax') {
                setTax(s.mode, s.rate);
                continue;
              }
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
                    lines: [
                      {
                        description: 'Item',
                        quantity: s.quantity,
                        unitPriceMinor: s.price,
                        ...(s.reduced ? { sku: 'REDUCED' } : {}),
                      },
                    ],
                    redeemPoints: 0,
                  }),
                ) as { sale: { id: string } };
                sales.push({ id: receipt.sale.id, left: s.quantity });
              } else if (s.kind === 'refund' && sales.length > 0) {
                const index = s.pick % sales.length;
                const sale = sales[index]!;
                // One unit of what is left (a partial refund), or all of it.
                const partial = s.oneUnit && sale.left > 1;
                unwrap(
                  core.dispatch('sale.refund', {
                    saleId: sale.id,
                    refundId: uuidv7(),
                    reason: 'Returned',
                    ...(partial ? { lines: [{ lineNo: 1, quantity: 1 }] } : {}),
                  }),
                );
                if (partial) sale.left -= 1;
                else sales.splice(index, 1);
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
            let taxSeen = 0;
            for (const day of days) {
              const z = unwrap(
                core.dispatch('report.z', { businessDay: day, managerPin: MANAGER_PIN }),
              ) as Report;
              expect(sum(z.byCashier.map((c) => c.figures))).toEqual(z.totals);
              expect(sum(z.byHour.map((h) => h.figures))).toEqual(z.totals);
              expect(new Set(z.byHour.map((h) => h.hour)).size).toBe(z.byHour.length);
              seen += z.totals.sales.count + z.totals.refunds.count;
              // Tax: the ledger's sums, on sale rows and on lines alike, and by rate the same.
              const tax = z.totals.taxMinor;
              expect(ledgerTax(core.db, z.from, z.to)).toEqual({ sales: tax, lines: tax });
              expect(z.totals.taxIncludedMinor + z.totals.taxAddedMinor).toBe(tax);
              expect(z.taxByRate.reduce((sum, r) => sum + r.taxMinor, 0)).toBe(tax);
              expect(z.taxByRate.every((r) => r.taxMinor !== 0)).toBe(true);
              taxSeen += tax;
            }
            expect(seen).toBe(
              (core.db.prepare('SELECT count(*) AS n FROM sale').get() as { n: number }).n,
            );
            // Every sale's tax, less what refunds gave back, lands in exactly one day; a sale
            // refunded in full, in one go or in parts, leaves none.
            expect(taxSeen).toBe(ledgerTax(core.db, '0', '9').lines);
            for (const sale of core.db
              .prepare(
                `SELECT s.id, s.tax_minor + coalesce((SELECT sum(r.tax_minor) FROM sale r
                   WHERE r.refund_of = s.id), 0) AS left_tax
                 FROM sale s WHERE s.kind = 'sale'`,
              )
              .all() as { id: string; left_tax: number }[]) {
              const open = sales.find((x) => x.id === sale.id);
              if (!open) expect(sale.left_tax, sale.id).toBe(0);
            }
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
