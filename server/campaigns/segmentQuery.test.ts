import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { segmentDefinition, type SegmentDefinition } from '../../shared/office/campaigns';
import type { Database } from '../db/database';
import { resetDatabase, testDatabases } from '../testing/databases';
import { SUMMARY_SCORED } from '../analytics/activityRfm';
import { TYPED } from '../analytics/rfmStatement';
import { compileSegment, countSql } from './segmentQuery';

/**
 * A segment compiled to one statement, against a reference written in TypeScript over the same
 * small chain: every criterion alone, then random combinations (fast-check). Values never reach
 * the SQL text; hostile definitions are refused by the schema before anything runs.
 */
const STORE_A = '00000000-0000-7000-8000-0000000000a1';
const STORE_B = '00000000-0000-7000-8000-0000000000b1';
const TERMINAL = '00000000-0000-7000-8000-0000000000a2';
const NOW = '2030-06-15T00:00:00.000Z';
const DAY = 86_400_000;
const memberId = (i: number) => `00000000-0000-7000-8000-${String(1000 + i).padStart(12, '0')}`;

interface Person {
  id: string;
  store: string;
  birthday: string | null;
  enrolledAt: string;
  /** Days before NOW of each purchase (HK$100.00 each, times i). */
  purchases: number[];
  spendEach: number;
  consent: { channel: string; purpose: string; answer: 'granted' | 'withdrawn' }[];
  tier: string | null;
}

const people: Person[] = Array.from({ length: 16 }, (_, i) => ({
  id: memberId(i),
  store: i % 3 === 0 ? STORE_B : STORE_A,
  birthday: i % 4 === 3 ? null : `19${70 + i}-${String((i % 12) + 1).padStart(2, '0')}-15`,
  enrolledAt: new Date(Date.parse('2030-01-01T00:00:00.000Z') + i * 9 * DAY).toISOString(),
  purchases: Array.from({ length: i % 5 }, (_, k) => 1 + ((i * 7 + k * 13) % 120)),
  spendEach: 1000 * (1 + (i % 4)),
  consent:
    i % 2 === 0
      ? [{ channel: 'email', purpose: 'marketing', answer: i % 6 === 0 ? 'withdrawn' : 'granted' }]
      : [{ channel: 'sms', purpose: 'birthday', answer: 'granted' }],
  tier: i % 5 === 1 ? 'gold' : null,
}));

/** The definition in TypeScript, for everything but RFM (checked against analytics below). */
function reference(d: SegmentDefinition): string[] {
  return people
    .filter((p) => {
      const visits = p.purchases.length;
      const spend = visits * p.spendEach;
      const lastDays = visits ? Math.min(...p.purchases) : null;
      if (d.tiers && !d.tiers.includes(p.tier ?? 'basic')) return false;
      if (
        d.lastPurchase?.atMostDays != null &&
        (lastDays === null || lastDays > d.lastPurchase.atMostDays)
      )
        return false;
      if (
        d.lastPurchase?.atLeastDays != null &&
        lastDays !== null &&
        lastDays < d.lastPurchase.atLeastDays
      )
        return false;
      if (d.spend?.minMinor != null && spend < d.spend.minMinor) return false;
      if (d.spend?.maxMinor != null && spend > d.spend.maxMinor) return false;
      if (d.visits?.min != null && visits < d.visits.min) return false;
      if (d.visits?.max != null && visits > d.visits.max) return false;
      if (
        d.birthdayMonths &&
        (!p.birthday || !d.birthdayMonths.includes(Number(p.birthday.slice(5, 7))))
      )
        return false;
      if (d.homeStores && !d.homeStores.includes(p.store)) return false;
      if (d.enrolled?.from && p.enrolledAt.slice(0, 10) < d.enrolled.from) return false;
      if (d.enrolled?.to && p.enrolledAt.slice(0, 10) > d.enrolled.to) return false;
      for (const c of d.consent ?? []) {
        if (
          !p.consent.some(
            (e) => e.channel === c.channel && e.purpose === c.purpose && e.answer === 'granted',
          )
        )
          return false;
      }
      return true;
    })
    .map((p) => p.id)
    .sort();
}

async function load(db: Database): Promise<void> {
  await resetDatabase(db);
  await db.query(
    `INSERT INTO store (id, name, created_at) VALUES ($1, 'A', now()), ($2, 'B', now())`,
    [STORE_A, STORE_B],
  );
  await db.query(
    `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
     VALUES ($1, $2, 'Till 1', 10001, 'hash', 'test', now())`,
    [TERMINAL, STORE_A],
  );
  for (const [i, p] of people.entries()) {
    await db.query(
      `INSERT INTO member (id, card_number, name, phone_e164, phone_national, birthday,
         marketing_consent, enrolled_at, enrolled_store_id, enrolled_store_name,
         enrolled_terminal_id, enrolled_staff_id, enrolled_op_id, name_hlc, email_hlc,
         birthday_hlc, marketing_consent_hlc, hlc, arrived_at)
       VALUES ($1, $2, 'M', $3, $4, $5, false, $6, $7, 'S', $8, $8, $8, 'h', 'h', 'h', 'h', 'h', now())`,
      [
        p.id,
        `2${String(i).padStart(12, '0')}`,
        `+8526${String(i).padStart(7, '0')}`,
        String(i),
        p.birthday,
        p.enrolledAt,
        p.store,
        TERMINAL,
      ],
    );
    for (const [k, days] of p.purchases.entries()) {
      const saleId = `00000000-0000-7000-a000-${String(i * 100 + k).padStart(12, '0')}`;
      await db.query(
        `INSERT INTO sale (id, kind, number, member_id, currency, total_minor, points_redeemed,
           points_earned, lines, offline, store_id, terminal_id, staff_id, op_id, created_at, recorded_at)
         VALUES ($1, 'sale', 'N', $2, 'HKD', $3, 0, 0, '[]'::jsonb, false, $4, $5, $5, $1, $6, now())`,
        [
          saleId,
          p.id,
          p.spendEach,
          STORE_A,
          TERMINAL,
          new Date(Date.parse(NOW) - days * DAY + 3_600_000).toISOString(),
        ],
      );
    }
    for (const [k, c] of p.consent.entries()) {
      const eventId = `consent-${i}-${k}`;
      await db.query(
        `INSERT INTO consent_event (id, member_id, channel, purpose, answer, at, hlc, origin,
           method, language, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'head_office', 'imported', 'en', now())`,
        [eventId, p.id, c.channel, c.purpose, c.answer, NOW, `h${k}`],
      );
      await db.query(
        `INSERT INTO consent_current (member_id, channel, purpose, answer, event_id, hlc)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [p.id, c.channel, c.purpose, c.answer, eventId, `h${k}`],
      );
    }
    if (p.tier) {
      await db.query(
        `INSERT INTO sync_op (terminal_id, seq, op_id, type, hlc, staff_id, created_at, payload, outcome, received_at)
         VALUES ($1, $2, $3, 'member.tierChanged', 'h', $1, $4, $5::jsonb, '{}'::jsonb, now())`,
        [
          TERMINAL,
          i + 1,
          memberId(500 + i),
          '2030-02-01T00:00:00.000Z',
          JSON.stringify({ memberId: p.id, fromTier: 'basic', toTier: p.tier }),
        ],
      );
    }
  }
}

describe.each(testDatabases)('a segment compiled to one statement ($name)', (testDb) => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb.open();
    await load(db);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  const run = async (definition: SegmentDefinition) => {
    const compiled = compileSegment(segmentDefinition.parse(definition), NOW, 'basic');
    const { rows } = await db.query<{ member_id: string }>(compiled.sql, compiled.params);
    const count = await db.query<{ count: number }>(countSql(compiled), compiled.params);
    expect(count.rows[0]?.count).toBe(rows.length);
    return rows.map((r) => r.member_id).sort();
  };

  const each: [string, SegmentDefinition][] = [
    ['everyone', {}],
    ['tier gold', { tiers: ['gold'] }],
    ['tier basic (never reported: the first tier)', { tiers: ['basic'] }],
    ['bought in the last 30 days', { lastPurchase: { atLeastDays: null, atMostDays: 30 } }],
    [
      'not in the last 60 days (never bought counts)',
      { lastPurchase: { atLeastDays: 60, atMostDays: null } },
    ],
    ['spend HK$50–HK$120', { spend: { minMinor: 5_000, maxMinor: 12_000 } }],
    ['2 to 3 visits', { visits: { min: 2, max: 3 } }],
    ['born in March or December', { birthdayMonths: [3, 12] }],
    ['home store B', { homeStores: [STORE_B] }],
    ['enrolled in February', { enrolled: { from: '2030-02-01', to: '2030-02-28' } }],
    [
      'email marketing granted (withdrawn does not count)',
      { consent: [{ channel: 'email', purpose: 'marketing' }] },
    ],
    [
      'consent to two things at once',
      {
        consent: [
          { channel: 'email', purpose: 'marketing' },
          { channel: 'sms', purpose: 'birthday' },
        ],
      },
    ],
  ];
  it.each(each)('%s', async (_name, definition) => {
    const got = await run(definition);
    expect(got).toEqual(reference(definition));
  });

  it('every criterion at once is their AND, and values never reach the SQL text', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            tiers: fc.subarray(
              ['basic', 'gold', "x'); DROP TABLE member; --".replace(/[^a-z]/g, '')],
              { minLength: 1 },
            ),
            lastPurchase: fc.record({
              atLeastDays: fc.option(fc.nat(130)),
              atMostDays: fc.option(fc.nat(130)),
            }),
            spend: fc.record({
              minMinor: fc.option(fc.nat(20_000)),
              maxMinor: fc.option(fc.nat(20_000)),
            }),
            visits: fc.record({ min: fc.option(fc.nat(5)), max: fc.option(fc.nat(5)) }),
            birthdayMonths: fc.uniqueArray(fc.integer({ min: 1, max: 12 }), {
              minLength: 1,
              maxLength: 4,
            }),
            homeStores: fc.subarray([STORE_A, STORE_B], { minLength: 1 }),
            enrolled: fc.record({
              from: fc.option(fc.constantFrom('2030-01-01', '2030-02-10', '2030-03-01')),
              to: fc.option(fc.constantFrom('2030-02-10', '2030-04-01', '2030-12-31')),
            }),
          },
          { requiredKeys: [] },
        ),
        async (raw) => {
          const parsed = segmentDefinition.safeParse(raw);
          if (!parsed.success) return; // crossed bounds: refused, covered below
          const compiled = compileSegment(parsed.data, NOW, 'basic');
          for (const value of compiled.params.flat()) {
            if (typeof value === 'string' && value.length > 3)
              expect(compiled.sql).not.toContain(value);
          }
          expect(await run(parsed.data)).toEqual(reference(parsed.data));
        },
      ),
      { numRuns: 25, seed: 15 },
    );
  }, 120_000);

  it('RFM segment: the members analytics puts in it today', async () => {
    const { rows } = await db.query<{ member_id: string; segment: string }>(
      `WITH ${TYPED}, ${SUMMARY_SCORED} SELECT member_id, segment FROM scored`,
      ['1970-01-01T00:00:00.000Z', NOW, null, null, 'basic'],
    );
    const segment = rows[0]?.segment as 'champions';
    const expected = rows
      .filter((r) => r.segment === segment)
      .map((r) => r.member_id)
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(await run({ rfm: [segment] })).toEqual(expected);
    expect(await run({ rfm: [segment], homeStores: [STORE_B] })).toEqual(
      expected.filter((id) => people.find((p) => p.id === id)?.store === STORE_B),
    );
  });

  it('refuses hostile definitions before anything runs', () => {
    const hostile: unknown[] = [
      { tiers: ["gold'; DROP TABLE member; --"] },
      { tiers: [] },
      { rfm: ['champions', 'royalty'] },
      { spend: { minMinor: -1, maxMinor: null } },
      { spend: { minMinor: 500, maxMinor: 100 } },
      { visits: { min: 1.5, max: null } },
      { birthdayMonths: [13] },
      { homeStores: ['not-a-uuid'] },
      { enrolled: { from: '2030-02-30', to: null } },
      { enrolled: { from: '2030-03-01', to: '2030-02-01' } },
      { consent: [{ channel: 'pigeon', purpose: 'marketing' }] },
      { lastPurchase: { atLeastDays: 10, atMostDays: 5 } },
      { nickname: 'x' },
      null,
      'everyone',
    ];
    for (const d of hostile)
      expect(segmentDefinition.safeParse(d).success, JSON.stringify(d)).toBe(false);
  });
});
