import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  recencyDays,
  scoreMembers,
  segmentCounts,
  type MemberActivity,
} from '../../shared/analytics/rfm';
import type { Database, Queryable } from '../db/database';
import { resetDatabase, testDatabases } from '../testing/databases';
import { memberActivityDrift } from '../testing/memberActivity';
import { SUMMARY_SCORED, SUMMARY_SEGMENT_COUNTS_SQL, readsActivitySummary } from './activityRfm';
import { TYPED, activityCtes, segmentCountsSql } from './rfmStatement';

/**
 * The summary's RFM (activityRfm.ts: histograms over member_activity, merges resolved when read)
 * against the definition, on random small chains: rank() windows over the period's sales in
 * SQL, the terminal's scoreMembers in TypeScript, and the sales statement head office uses for
 * filtered views. Ties (few amounts, few days, equal purchase counts), N not divisible by 5,
 * refunds, members with only refunds, walk-ins, sales for members head office does not know,
 * and one-step merges are all in the mix.
 */

const STORE = '00000000-0000-7000-8000-0000000000a1';
const TERMINAL = '00000000-0000-7000-8000-0000000000a2';
const START = '2025-01-01T00:00:00.000Z';
const DAY_MS = 86_400_000;

const memberId = (i: number) => `00000000-0000-7000-8000-${String(1000 + i).padStart(12, '0')}`;
const strangerId = (i: number) => `00000000-0000-7000-9000-${String(i).padStart(12, '0')}`;

interface Chain {
  /** Per member: merged into another (by index among the survivors), or not. */
  members: { mergeInto: number | null }[];
  sales: {
    /** An index into members, then strangers; past both: a walk-in. */
    who: number;
    refund: boolean;
    amountMinor: number;
    day: number;
    second: number;
  }[];
  /** Where the insert statements split the sales. */
  cuts: number[];
  end: string;
}

const chain: fc.Arbitrary<Chain> = fc.record({
  members: fc.array(fc.record({ mergeInto: fc.option(fc.nat(20), { freq: 4 }) }), {
    minLength: 1,
    maxLength: 14,
  }),
  sales: fc.array(
    fc.record({
      who: fc.nat(17),
      refund: fc.nat(4).map((n) => n === 0),
      amountMinor: fc.constantFrom(100, 200, 500, 1_000, 2_500),
      day: fc.nat(9),
      second: fc.constantFrom(0, 1, 3_600, 43_200, 86_399),
    }),
    { maxLength: 45 },
  ),
  cuts: fc.array(fc.nat(45), { maxLength: 3 }),
  // Period ends after the last possible sale: at midnight UTC, at Hong Kong's, mid-morning.
  end: fc.constantFrom(
    '2025-01-11T00:00:00.000Z',
    '2025-01-31T16:00:00.000Z',
    '2025-01-12T07:30:00.000Z',
  ),
});

/** Survivors are the members not merged; a merge points at a survivor, so merges never chain. */
function mergesOf(c: Chain): (string | null)[] {
  const survivors = c.members.flatMap((m, i) => (m.mergeInto === null ? [i] : []));
  return c.members.map((m) =>
    m.mergeInto === null || survivors.length === 0
      ? null
      : memberId(survivors[m.mergeInto % survivors.length] ?? 0),
  );
}

function saleRows(c: Chain) {
  return c.sales.map((s, n) => {
    const who =
      s.who < c.members.length
        ? memberId(s.who)
        : s.who < c.members.length + 2
          ? strangerId(s.who)
          : null;
    return {
      id: `00000000-0000-7000-a000-${String(n + 1).padStart(12, '0')}`,
      member_id: who,
      kind: s.refund ? 'refund' : 'sale',
      total_minor: s.refund ? -s.amountMinor : s.amountMinor,
      created_at: new Date(Date.parse(START) + s.day * DAY_MS + s.second * 1000).toISOString(),
    };
  });
}

async function load(db: Queryable, c: Chain): Promise<void> {
  await db.exec('TRUNCATE sale, member CASCADE');
  const merges = mergesOf(c);
  await db.query(
    `INSERT INTO member (id, card_number, name, phone_e164, phone_national, marketing_consent,
       enrolled_at, enrolled_store_id, enrolled_store_name, enrolled_terminal_id,
       enrolled_staff_id, enrolled_op_id, merged_into, merged_at, name_hlc, email_hlc,
       birthday_hlc, marketing_consent_hlc, hlc, arrived_at)
     SELECT r.id, '2' || lpad(r.n::text, 12, '0'), 'Member ' || r.n, '+8526' || lpad(r.n::text, 7, '0'),
       lpad(r.n::text, 8, '0'), false, '2024-12-01T00:00:00.000Z', $2, 'Store', $3, $3, $3,
       r.merged_into, CASE WHEN r.merged_into IS NOT NULL THEN now() END,
       'h', 'h', 'h', 'h', 'h', now()
     FROM jsonb_to_recordset($1::jsonb) AS r (id uuid, n int, merged_into uuid)
     ORDER BY r.merged_into NULLS FIRST`,
    [
      JSON.stringify(c.members.map((_, i) => ({ id: memberId(i), n: i, merged_into: merges[i] }))),
      STORE,
      TERMINAL,
    ],
  );
  const rows = saleRows(c);
  const cuts = [...new Set([0, ...c.cuts.filter((k) => k < rows.length), rows.length])].sort(
    (a, b) => a - b,
  );
  // Several INSERT statements, so the summary adds statement after statement.
  for (let i = 0; i + 1 < cuts.length; i++) {
    await db.query(
      `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
         points_redeemed, points_earned, lines, offline, store_id, terminal_id, staff_id, op_id,
         created_at, recorded_at)
       SELECT r.id, r.kind, CASE WHEN r.kind = 'refund' THEN r.id END, 'N', r.member_id, 'HKD',
         r.total_minor, 0, 0, '[]'::jsonb, false, $2, $3, $3, r.id, r.created_at, now()
       FROM jsonb_to_recordset($1::jsonb)
         AS r (id uuid, member_id uuid, kind text, total_minor int8, created_at text)`,
      [JSON.stringify(rows.slice(cuts[i], cuts[i + 1])), STORE, TERMINAL],
    );
  }
}

/** The definition in TypeScript: the terminal's scoreMembers over each surviving member. */
function reference(c: Chain) {
  const merges = mergesOf(c);
  const byMember = new Map<string, { purchases: number; net: number; last: string | null }>();
  for (const sale of saleRows(c)) {
    if (sale.member_id === null) continue;
    const index = c.members.findIndex((_, i) => memberId(i) === sale.member_id);
    const who = (index >= 0 ? merges[index] : null) ?? sale.member_id;
    const m = byMember.get(who) ?? { purchases: 0, net: 0, last: null };
    m.net += sale.total_minor;
    if (sale.kind === 'sale') {
      m.purchases += 1;
      if (m.last === null || sale.created_at > m.last) m.last = sale.created_at;
    }
    byMember.set(who, m);
  }
  const activity: MemberActivity[] = [...byMember].map(([id, m]) => ({
    memberId: id,
    purchases: m.purchases,
    netSpendMinor: m.net,
    recencyDays: m.last === null ? 0 : recencyDays(m.last, c.end),
  }));
  return scoreMembers(activity);
}

/** rank() windows over the period's sales (merges resolved): the definition in SQL. */
const RANKED_FROM_SALES = `WITH ${TYPED}, ${activityCtes(false)},
buyer AS (
  SELECT member_id, purchases, net_minor,
    floor(extract(epoch FROM ($2::text::timestamptz - last_at::timestamptz)) / 86400)::int AS recency_days
  FROM in_tier WHERE purchases > 0)
SELECT member_id::text,
  (5 - 5 * (rank() OVER (ORDER BY recency_days) - 1) / count(*) OVER ())::int AS r,
  (1 + 5 * (rank() OVER (ORDER BY purchases) - 1) / count(*) OVER ())::int AS f,
  (1 + 5 * (rank() OVER (ORDER BY net_minor) - 1) / count(*) OVER ())::int AS m
FROM buyer ORDER BY member_id`;

type Scores = { member_id: string; r: number; f: number; m: number }[];

describe.each(testDatabases)('RFM from the member activity summary on $name', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await resetDatabase(db);
    await db.query(`INSERT INTO store (id, name, created_at) VALUES ($1, 'Causeway Bay', now())`, [
      STORE,
    ]);
    await db.query(
      `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
       VALUES ($1, $2, 'Till 1', 10001, 'hash', 'test', now())`,
      [TERMINAL, STORE],
    );
  }, 60_000);
  afterAll(async () => {
    await db?.close();
  });

  const params = (end: string) => [START, end, null, null, 'basic'] as const;

  it('scores and segments every member as rank() and the terminal do', async () => {
    await fc.assert(
      fc.asyncProperty(chain, async (c) => {
        await load(db, c);
        const p = params(c.end);
        expect(await memberActivityDrift(db)).toEqual([]);
        expect(await readsActivitySummary(db, p)).toBe(true);

        const expected = reference(c);
        const summary = await db.query<Scores[number] & { segment: string }>(
          `WITH ${TYPED}, ${SUMMARY_SCORED}
           SELECT member_id::text, r, f, m, segment FROM scored ORDER BY member_id`,
          p,
        );
        const ranked = await db.query<Scores[number]>(RANKED_FROM_SALES, p);
        const byId = (a: { member_id: string }, b: { member_id: string }) =>
          a.member_id < b.member_id ? -1 : 1;
        const fromTs = expected
          .map((s) => ({ member_id: s.memberId, r: s.r, f: s.f, m: s.m, segment: s.segment }))
          .sort(byId);
        expect(summary.rows).toEqual(fromTs);
        expect(summary.rows.map(({ segment: _, ...scores }) => scores)).toEqual(ranked.rows);

        const counts = async (sql: string) =>
          new Map(
            (await db.query<{ segment: string; count: number }>(sql, p)).rows.map((row) => [
              row.segment,
              row.count,
            ]),
          );
        const wanted = new Map(
          segmentCounts(expected)
            .filter((s) => s.count > 0)
            .map((s) => [s.segment as string, s.count]),
        );
        expect(await counts(SUMMARY_SEGMENT_COUNTS_SQL)).toEqual(wanted);
        expect(await counts(segmentCountsSql(false))).toEqual(wanted);
      }),
      { numRuns: testDb.name === 'pglite' ? 60 : 40 },
    );
  }, 240_000);

  it('leaves a store, a tier, or a period that misses a sale to the sales statement', async () => {
    const c: Chain = {
      members: [{ mergeInto: null }],
      sales: [{ who: 0, refund: false, amountMinor: 100, day: 3, second: 0 }],
      cuts: [],
      end: '2025-01-11T00:00:00.000Z',
    };
    await load(db, c);
    expect(await readsActivitySummary(db, params(c.end))).toBe(true);
    // The sale is at 2025-01-04T00:00:00.000Z: a period starting then holds it, a moment later not.
    expect(
      await readsActivitySummary(db, ['2025-01-04T00:00:00.000Z', c.end, null, null, 'b']),
    ).toBe(true);
    expect(
      await readsActivitySummary(db, ['2025-01-04T00:00:00.001Z', c.end, null, null, 'b']),
    ).toBe(false);
    // Ends the moment it was made: the end is not in the period.
    expect(
      await readsActivitySummary(db, [START, '2025-01-04T00:00:00.000Z', null, null, 'b']),
    ).toBe(false);
    expect(await readsActivitySummary(db, [START, c.end, STORE, null, 'b'])).toBe(false);
    expect(await readsActivitySummary(db, [START, c.end, null, 'silver', 'b'])).toBe(false);
  });
});
