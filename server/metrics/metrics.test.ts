import { beforeEach, describe, expect, it } from 'vitest';
import {
  expectedPurchases,
  fitBgNbd,
  heldBackError,
  type HeldBackHistory,
} from '../../shared/figures/bgnbd';
import { defaultProgramConfig } from '../admin/programConfig';
import type { HeadOffice } from '../headOffice';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { TerminalScript, enrollTerminal, pushOk, type TestClock } from '../testing/terminalScript';

const at = (iso: string) => Date.parse(iso);
const [firstTier, secondTier] = defaultProgramConfig.program.tiers.levels.map((l) => l.id);
const bp = (ratios: { basisPoints: number | null }[]) => ratios.map((r) => r.basisPoints);

/**
 * Retention, churn, repeat and LTV over sales delivered through the real push path, with the
 * figures worked out by hand beside them.
 */
describe.each(testDatabases)('metrics at head office on $name', (testDb) => {
  const ho = headOfficePerTest(testDb);
  let headOffice: HeadOffice;
  let clock: TestClock;
  beforeEach(async () => {
    ({ headOffice, clock } = await ho.fresh(at('2026-01-01T02:00:00.000Z')));
  }, 60_000);

  /**
   * Causeway Bay (A) and Mong Kok (B), in UTC:
   * - P: A 5 Jan HK$100, A 20 Jan HK$50, B 3 Feb HK$80.
   * - Q: A 10 Jan HK$200; moves up a tier 10 Feb; A 2 Mar HK$100, refunded 5 Mar.
   * - R: A 14 Feb HK$30; B 10 Mar HK$40, B 11 Mar HK$10.
   * - S: enrolled, never buys.
   */
  async function threeMonths(): Promise<void> {
    const a = new TerminalScript(
      await enrollTerminal(headOffice, { storeName: 'Causeway Bay' }),
      clock,
    );
    const b = new TerminalScript(
      await enrollTerminal(headOffice, { storeName: 'Mong Kok' }),
      clock,
    );
    const member = (name: string, phone: string) =>
      a.enrollMember({ name, phoneE164: phone }).memberId;
    const [p, q, r] = [
      member('P', '+85291000001'),
      member('Q', '+85291000002'),
      member('R', '+85291000003'),
    ];
    member('S', '+85291000004');
    const on = (iso: string) => {
      clock.ms = at(`${iso}T04:00:00.000Z`);
    };
    on('2026-01-05');
    a.sale({ memberId: p, totalMinor: 10_000 });
    on('2026-01-10');
    a.sale({ memberId: q, totalMinor: 20_000 });
    on('2026-01-20');
    a.sale({ memberId: p, totalMinor: 5_000 });
    on('2026-02-03');
    b.sale({ memberId: p, totalMinor: 8_000 });
    on('2026-02-10');
    a.other('member.tierChanged', { memberId: q, fromTier: firstTier, toTier: secondTier });
    on('2026-02-14');
    a.sale({ memberId: r, totalMinor: 3_000 });
    on('2026-03-02');
    const qMarch = a.sale({ memberId: q, totalMinor: 10_000 });
    on('2026-03-05');
    a.refund(qMarch, q);
    on('2026-03-10');
    b.sale({ memberId: r, totalMinor: 4_000 });
    on('2026-03-11');
    b.sale({ memberId: r, totalMinor: 1_000 });
    on('2026-04-02');
    await pushOk(headOffice, a);
    await pushOk(headOffice, b);
  }

  it('counts cohorts: retention and spend per member to date', async () => {
    await threeMonths();
    const r = await headOffice.metrics.cohorts({ from: '2026-01', to: '2026-03' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.currency).toBe('HKD');
    // January: P and Q (2). February: P came back (1); March: Q bought (1), net HK$0.
    // Spend per member: 35 000/2 = 17 500; + 8 000 → 21 500; + 0 → 21 500.
    // February: R alone, HK$30 then HK$50 more in March.
    expect(
      r.value.cohorts.map((c) => ({
        cohort: c.cohort,
        members: c.members,
        retention: bp(c.retention),
        ltv: c.ltvMinor,
      })),
    ).toEqual([
      {
        cohort: '2026-01',
        members: 2,
        retention: [10_000, 5_000, 5_000],
        ltv: [17_500, 21_500, 21_500],
      },
      { cohort: '2026-02', members: 1, retention: [10_000, 10_000], ltv: [3_000, 8_000] },
    ]);
    // A later window leaves January's cohort out: its first purchase is before it.
    const later = await headOffice.metrics.cohorts({ from: '2026-02', to: '2026-03' });
    expect(later.ok && later.value.cohorts.map((c) => c.cohort)).toEqual(['2026-02']);
  });

  it('rates churn and repeat per month for the chain, each store and each tier', async () => {
    await threeMonths();
    const r = await headOffice.metrics.churn({ from: '2026-01', to: '2026-03' });
    if (!r.ok) throw new Error(r.error.message);
    const rates = (
      months: { churn: { basisPoints: number | null }; repeat: { basisPoints: number | null } }[],
    ) => ({
      churn: months.map((m) => m.churn.basisPoints),
      repeat: months.map((m) => m.repeat.basisPoints),
    });
    expect(r.value.months).toEqual(['2026-01', '2026-02', '2026-03']);
    // Chain: Jan buyers P(2) Q → repeat 1/2; Feb buyers P R, Q lapsed 1/2, repeat 0/2;
    // Mar buyers Q R(2), P lapsed 1/2, repeat 1/2 (Q's refund is no purchase).
    expect(rates(r.value.chain)).toEqual({
      churn: [null, 5_000, 5_000],
      repeat: [5_000, 0, 5_000],
    });
    expect(r.value.chain[1]!.churn).toEqual({ numerator: 1, denominator: 2, basisPoints: 5_000 });
    const store = (name: string) => rates(r.value.stores.find((s) => s.storeName === name)!.months);
    // A: Jan P(2) Q; Feb R only, P and Q lapsed at A (2/2); Mar Q only, R lapsed at A (1/1).
    expect(store('Causeway Bay')).toEqual({
      churn: [null, 10_000, 10_000],
      repeat: [5_000, 0, 0],
    });
    // B: Feb P; Mar R(2), P lapsed at B.
    expect(store('Mong Kok')).toEqual({ churn: [null, null, 10_000], repeat: [null, 0, 10_000] });
    const tier = (id: string | undefined) =>
      rates(r.value.tiers.find((t) => t.tierId === id)!.months);
    // Tier at each month's end: Q holds the second from 10 Feb. First tier: Jan P Q (repeat
    // 1/2); Feb P R, of Jan's P Q the lapsed Q (1/2); Mar R(2), of Feb's P R the lapsed P (1/2).
    expect(tier(firstTier)).toEqual({ churn: [null, 5_000, 5_000], repeat: [5_000, 0, 10_000] });
    // Second tier: Q buys once in March; nobody held it and bought in February.
    expect(tier(secondTier)).toEqual({ churn: [null, null, null], repeat: [null, null, 0] });
  });

  it('fits the 12-month value on the members’ histories and checks it on a held-back period', async () => {
    const till = new TerminalScript(await enrollTerminal(headOffice), clock);
    // Ten members: member i first buys on (1 + i) January at noon UTC, HK$(10 × (i + 1)) each
    // time, then every 10 + 5i days while it has repeats left (i mod 4 of them), to 30 June.
    const histories: HeldBackHistory[] = [];
    const asOf = at('2026-07-01T00:00:00.000Z');
    const cutoff = asOf - 90 * 86_400_000; // 2 April
    const sales: { ms: number; memberId: string; totalMinor: number }[] = [];
    const full: HeldBackHistory[] = [];
    for (let i = 0; i < 10; i++) {
      clock.ms = at('2026-01-01T00:00:00.000Z');
      const memberId = till.enrollMember({ name: `M${i}`, phoneE164: `+8529200000${i}` }).memberId;
      const first = at(`2026-01-${String(1 + i).padStart(2, '0')}T12:00:00.000Z`);
      const days: number[] = [];
      for (let k = 0, d = first; k <= i % 4 && d < asOf; k++, d += (10 + 5 * i) * 86_400_000) {
        days.push(d);
        sales.push({ ms: d, memberId, totalMinor: 1_000 * (i + 1) });
      }
      const before = days.filter((d) => d < cutoff);
      const dayOf = (ms: number) => Math.floor(ms / 86_400_000);
      histories.push({
        x: before.length - 1,
        tx: dayOf(before.at(-1)!) - dayOf(first),
        T: dayOf(cutoff) - dayOf(first),
        heldBack: days.length - before.length,
        count: 1,
      });
      full.push({
        x: days.length - 1,
        tx: dayOf(days.at(-1)!) - dayOf(first),
        T: dayOf(asOf) - dayOf(first),
        heldBack: 0,
        count: 1,
      });
    }
    for (const s of sales.sort((x, y) => x.ms - y.ms)) {
      clock.ms = s.ms;
      till.sale({ memberId: s.memberId, totalMinor: s.totalMinor });
    }
    clock.ms = at('2026-07-20T00:00:00.000Z');
    await pushOk(headOffice, till);

    const r = await headOffice.metrics.ltv({ from: '2026-01', to: '2026-06', heldBackDays: '90' });
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.asOf).toBe('2026-07-01T00:00:00.000Z');
    const v = r.value.validation!;
    expect(v.cutoff).toBe('2026-04-02T00:00:00.000Z');
    expect(v.members).toBe(10);
    // Purchases after 2 April, by hand from the loop above.
    expect(v.actualPurchases).toBe(histories.reduce((n, h) => n + h.heldBack, 0));
    // The route's held-back check is the model fitted on these hand-made histories.
    const earlier = heldBackError(fitBgNbd(histories), histories, 90);
    expect(v.predictedPurchases).toBeCloseTo(earlier.predictedPurchases, 3);
    expect(v.meanAbsoluteError).toBeCloseTo(earlier.meanAbsoluteError, 3);
    console.log(
      `LTV route held-back check: predicted ${v.predictedPurchases.toFixed(2)} vs actual ` +
        `${v.actualPurchases} purchases (aggregate error ${((v.aggregateError ?? 0) * 100).toFixed(1)} %, ` +
        `MAE ${v.meanAbsoluteError.toFixed(3)}); value ${v.predictedValueMinor} vs ${v.actualValueMinor} minor`,
    );
    // And the 12-month value is the model fitted on every purchase to 1 July, times each
    // member's mean spend (HK$10 × (i + 1) a time).
    const model = fitBgNbd(full);
    expect(r.value.model!.r).toBeCloseTo(model.r, 3);
    expect(r.value.model!.alpha).toBeCloseTo(model.alpha, 1);
    const value = full.reduce(
      (sum, h, i) => sum + expectedPurchases(model, h, 365) * 1_000 * (i + 1),
      0,
    );
    expect(r.value.all).toEqual({
      members: 10,
      expectedPurchases: expect.closeTo(
        full.reduce((sum, h) => sum + expectedPurchases(model, h, 365), 0) / 10,
        3,
      ) as number,
      expectedValueMinor: Math.round(value / 10),
    });
    expect(r.value.cohorts.map((c) => [c.cohort, c.members])).toEqual([['2026-01', 10]]);
  });

  it('refuses hostile queries with a clear error', async () => {
    const bad: unknown[] = [
      null,
      {},
      { from: '2026-13', to: '2026-12' },
      { from: '2026-03', to: '2026-01' },
      { from: '2024-01', to: '2026-01' },
      { from: '2026-01', to: '2026-02', timeZone: 'Mars/Olympus' },
      { from: '2026-01', to: '2026-02', extra: '1' },
      { from: "2026-01'; DROP TABLE sale; --", to: '2026-02' },
    ];
    for (const query of bad) {
      for (const route of ['cohorts', 'churn', 'ltv'] as const) {
        const r = await headOffice.metrics[route](query);
        expect(r.ok ? 'answered' : r.error.code, `${route} ${JSON.stringify(query)}`).toBe(
          'invalid_input',
        );
      }
    }
    for (const heldBackDays of ['7', '400', 'x', '90.5']) {
      const r = await headOffice.metrics.ltv({ from: '2026-01', to: '2026-02', heldBackDays });
      expect(r.ok ? 'answered' : r.error.message, heldBackDays).toMatch(/heldBackDays/);
    }
    // An empty chain answers with nothing to fit, not an error.
    const empty = await headOffice.metrics.ltv({ from: '2026-01', to: '2026-02' });
    expect(empty.ok && empty.value).toMatchObject({ model: null, validation: null, cohorts: [] });
  });
});
