import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../shared/ids';
import type { VoiceDashboard, VoiceTrend } from '../../shared/office/voice';
import {
  MIN_RESPONSES_PER_CASHIER,
  csatFromCounts,
  feedbackReasonTags,
  npsFromCounts,
} from '../../shared/rules/feedback';
import {
  complaintCategories,
  type ComplaintEvent,
  type ComplaintEventKind,
} from '../../shared/rules/complaint';
import type { Database } from '../db/database';
import type { HeadOffice } from '../headOffice';
import { eraseMembers } from '../privacy/erasure';
import { testDatabases } from '../testing/databases';
import { headOfficePerTest } from '../testing/headOfficePerTest';
import { queryPlan } from '../testing/queryPlan';
import type { TestClock } from '../testing/terminalScript';
import { voiceTallyDrift } from '../testing/voiceTallies';
import { appendComplaintEvents } from './complaintLedger';
import { insertFeedback } from './feedbackLedger';
import { inTallyPeriods, nextDay, tallyPeriodValues, tallyPeriods } from './tallies';

/**
 * The dashboard's tallies (migration 0023) against its rows: on a seeded random chain of answers,
 * sales, refunds and complaints, the dashboard and the trend equal the figures the statements
 * over the rows gave before the tallies (kept here as the oracle), for whole and partial months
 * and every filter, before and after complaints are resolved and reopened and a member is erased.
 */

const DAY = 86_400_000;
const START = Date.parse('2026-01-20T00:00:00.000Z');
const SPAN_DAYS = 80;
const STORES = [1, 2, 3].map((n) => `01900000-0000-7000-8000-00000000000${n}`);
const TERMINALS = [1, 2, 3].map((n) => `01900000-0000-7000-9000-00000000000${n}`);
const STAFF = STORES.map((_, s) =>
  [1, 2, 3].map((n) => `01900000-0000-7000-a000-0000000000${s}${n}`),
);
const MEMBERS = [1, 2, 3].map((n) => `01900000-0000-7000-b000-00000000000${n}`);

/** mulberry32: the same chain on every run and database. */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return { next, int, pick: <T>(xs: readonly T[]): T => xs[int(xs.length)] as T };
}

/** An instant in the span, often at a midnight or the last millisecond before one. */
function instant(r: ReturnType<typeof random>): number {
  const day = START + r.int(SPAN_DAYS) * DAY;
  const kind = r.int(6);
  if (kind === 0) return day;
  if (kind === 1) return day - 1;
  return day + r.int(DAY);
}

/** The sale's created_at as a terminal may write it (the sync schema takes any decimals). */
function saleText(r: ReturnType<typeof random>, ms: number): string {
  const iso = new Date(ms).toISOString();
  switch (r.int(5)) {
    case 0:
      return iso.replace(/\.\d{3}Z$/, 'Z'); // whole seconds
    case 1:
      return iso.replace('Z', '0Z'); // four decimals: midnight's first instant sorts before midnight
    case 2:
      return iso.replace('Z', '001Z');
    default:
      return iso;
  }
}

/** The dashboard as its statements over the rows gave it before the tallies. */
async function dashboardFromRows(
  db: Database,
  q: { from: string; to: string; storeId?: string; staffId?: string; category?: string },
  now: string,
) {
  const from = `${q.from}T00:00:00.000Z`;
  const to = `${nextDay(q.to)}T00:00:00.000Z`;
  const store = q.storeId ?? null;
  const staff = q.staffId ?? null;
  const category = q.category ?? null;
  const { rows: sales } = await db.query<{ n: number; currency: string | null }>(
    `SELECT count(*)::integer AS n, min(currency) AS currency FROM sale
     WHERE kind = 'sale' AND created_at >= $1 AND created_at < $2
       AND ($3::uuid IS NULL OR store_id = $3) AND ($4::uuid IS NULL OR staff_id = $4)`,
    [from, to, store, staff],
  );
  const { rows: byCashier } = await db.query<{
    staff_id: string | null;
    scale: 'nps' | 'csat';
    promoters: number;
    passives: number;
    detractors: number;
    satisfied: number;
    n: number;
  }>(
    `SELECT staff_id, scale,
       count(*) FILTER (WHERE scale = 'nps' AND score >= 9)::integer AS promoters,
       count(*) FILTER (WHERE scale = 'nps' AND score BETWEEN 7 AND 8)::integer AS passives,
       count(*) FILTER (WHERE scale = 'nps' AND score <= 6)::integer AS detractors,
       count(*) FILTER (WHERE scale = 'csat' AND score >= 4)::integer AS satisfied,
       count(*)::integer AS n
     FROM feedback
     WHERE at >= $1 AND at < $2 AND ($3::uuid IS NULL OR store_id = $3)
       AND ($4::uuid IS NULL OR staff_id = $4)
     GROUP BY staff_id, scale`,
    [from, to, store, staff],
  );
  const { rows: reasons } = await db.query<{ tag: string; n: number }>(
    `SELECT tag, count(*)::integer AS n
     FROM feedback, unnest(reasons) AS tag
     WHERE at >= $1 AND at < $2 AND ($3::uuid IS NULL OR store_id = $3)
       AND ($4::uuid IS NULL OR staff_id = $4)
     GROUP BY tag ORDER BY n DESC, tag LIMIT 5`,
    [from, to, store, staff],
  );
  const { rows: complaints } = await db.query<{
    n: number;
    first_hours: number | null;
    resolve_hours: number | null;
    breached: number;
    goodwill_points: number;
    cost: number;
  }>(
    `SELECT count(*)::integer AS n,
       percentile_cont(0.5) WITHIN GROUP (
         ORDER BY extract(epoch FROM first_response_at - opened_at) / 3600)
         FILTER (WHERE first_response_at IS NOT NULL) AS first_hours,
       percentile_cont(0.5) WITHIN GROUP (
         ORDER BY extract(epoch FROM resolved_at - opened_at) / 3600)
         FILTER (WHERE resolved_at IS NOT NULL) AS resolve_hours,
       count(*) FILTER (WHERE
         coalesce(first_response_at, $4::timestamptz) > first_response_due_at
         OR coalesce(resolved_at, $4::timestamptz) > resolution_due_at)::integer AS breached,
       coalesce(sum(goodwill_points), 0)::integer AS goodwill_points,
       coalesce(sum(goodwill_cost_minor), 0)::bigint::float8 AS cost
     FROM complaint
     WHERE opened_at >= $1 AND opened_at < $2 AND ($3::uuid IS NULL OR store_id = $3)
       AND ($5::text IS NULL OR state ->> 'openedBy' = $5)
       AND ($6::text IS NULL OR category = $6)`,
    [from, to, store, now, staff, category],
  );
  const of = (scale: 'nps' | 'csat', pick: (r: (typeof byCashier)[number]) => number) =>
    byCashier.filter((r) => r.scale === scale).reduce((t, r) => t + pick(r), 0);
  const nps = npsFromCounts({
    promoters: of('nps', (r) => r.promoters),
    passives: of('nps', (r) => r.passives),
    detractors: of('nps', (r) => r.detractors),
  });
  const csat = csatFromCounts(
    of('csat', (r) => r.n),
    of('csat', (r) => r.satisfied),
  );
  const c = complaints[0];
  const saleCount = sales[0]?.n ?? 0;
  const staffIds = [...new Set(byCashier.map((r) => r.staff_id))];
  return {
    sales: saleCount,
    currency: sales[0]?.currency ?? null,
    responses: nps.responses + csat.responses,
    nps,
    csat,
    topReasons: reasons
      .filter((r) => (feedbackReasonTags as readonly string[]).includes(r.tag))
      .map((r) => ({ tag: r.tag, count: r.n })),
    complaints: {
      count: c?.n ?? 0,
      perThousandSales: saleCount === 0 ? null : (1000 * (c?.n ?? 0)) / saleCount,
      medianHoursToFirstResponse: c?.first_hours ?? null,
      medianHoursToResolution: c?.resolve_hours ?? null,
      breachRatePercent: !c?.n ? null : (100 * c.breached) / c.n,
      goodwillPoints: c?.goodwill_points ?? 0,
      recoveryCostMinor: Math.round(c?.cost ?? 0),
    },
    cashiers: staffIds.sort(byStaff).map((staffId) => {
      const mine = byCashier.filter((r) => r.staff_id === staffId);
      const n = mine.reduce((t, r) => t + r.n, 0);
      const shown = n >= MIN_RESPONSES_PER_CASHIER;
      const npsRow = mine.find((r) => r.scale === 'nps');
      const csatRow = mine.find((r) => r.scale === 'csat');
      return {
        staffId,
        responses: n,
        shown,
        nps: shown && npsRow ? npsFromCounts(npsRow).nps : null,
        csatPercent: shown && csatRow ? csatFromCounts(csatRow.n, csatRow.satisfied).percent : null,
      };
    }),
  };
}

const byStaff = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

/** The dashboard's figures this test compares (the recovery groups read complaints alone). */
function figuresOf(d: VoiceDashboard) {
  return {
    sales: d.sales,
    currency: d.currency,
    responses: d.responses,
    nps: d.nps,
    csat: d.csat,
    topReasons: d.topReasons,
    complaints: d.complaints,
    cashiers: [...d.cashiers].sort((a, b) => byStaff(a.staffId, b.staffId)),
  };
}

/** The trend as its statement over the answers gave it before the tallies. */
async function trendFromRows(
  db: Database,
  q: { from: string; to: string; bucket: 'week' | 'month'; storeId?: string; staffId?: string },
): Promise<VoiceTrend['points']> {
  const { rows } = await db.query<{
    start: string;
    scale: 'nps' | 'csat';
    promoters: number;
    passives: number;
    detractors: number;
    satisfied: number;
    n: number;
  }>(
    `SELECT to_char(date_trunc($5, at AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS start, scale,
       count(*) FILTER (WHERE scale = 'nps' AND score >= 9)::integer AS promoters,
       count(*) FILTER (WHERE scale = 'nps' AND score BETWEEN 7 AND 8)::integer AS passives,
       count(*) FILTER (WHERE scale = 'nps' AND score <= 6)::integer AS detractors,
       count(*) FILTER (WHERE scale = 'csat' AND score >= 4)::integer AS satisfied,
       count(*)::integer AS n
     FROM feedback
     WHERE at >= $1 AND at < $2
       AND ($3::uuid IS NULL OR store_id = $3) AND ($4::uuid IS NULL OR staff_id = $4)
     GROUP BY 1, scale ORDER BY 1`,
    [
      `${q.from}T00:00:00.000Z`,
      `${nextDay(q.to)}T00:00:00.000Z`,
      q.storeId ?? null,
      q.staffId ?? null,
      q.bucket,
    ],
  );
  const starts = [...new Set(rows.map((r) => r.start))].sort();
  return starts.map((start) => {
    const nps = rows.find((r) => r.start === start && r.scale === 'nps');
    const csat = rows.find((r) => r.start === start && r.scale === 'csat');
    return {
      start,
      npsResponses: nps?.n ?? 0,
      nps: nps ? npsFromCounts(nps).nps : null,
      csatResponses: csat?.n ?? 0,
      csatPercent: csat ? csatFromCounts(csat.n, csat.satisfied).percent : null,
    };
  });
}

const RANGES = [
  { from: '2026-01-01', to: '2026-03-31' }, // a quarter: whole months only
  { from: '2026-01-31', to: '2026-03-01' }, // a day each side of a whole month
  { from: '2026-02-01', to: '2026-02-28' },
  { from: '2026-02-10', to: '2026-02-20' }, // inside one month: days only
  { from: '2026-01-20', to: '2026-04-09' }, // the whole span
  { from: '2026-03-15', to: '2026-03-15' },
];

describe('tallyPeriods', () => {
  it('reads whole months as months and the days around them as days', () => {
    expect(tallyPeriods('2026-01-01', '2026-03-31')).toEqual({
      fromDay: '2026-01-01',
      untilDay: '2026-04-01',
      monthFrom: '2026-01-01',
      monthUntil: '2026-04-01',
    });
    expect(tallyPeriods('2026-01-31', '2026-03-01')).toEqual({
      fromDay: '2026-01-31',
      untilDay: '2026-03-02',
      monthFrom: '2026-02-01',
      monthUntil: '2026-03-01',
    });
    // No whole month, or a trend by week: days only.
    for (const p of [
      tallyPeriods('2026-02-10', '2026-02-20'),
      tallyPeriods('2026-01-01', '2026-03-31', false),
    ]) {
      expect(p.monthFrom).toBe(p.untilDay);
      expect(p.monthUntil).toBe(p.untilDay);
    }
    expect(tallyPeriods('2025-12-15', '2026-01-31').monthFrom).toBe('2026-01-01');
  });
});

describe.each(testDatabases)('the voice tallies on $name', (testDb) => {
  const office = headOfficePerTest(testDb);
  let db: Database;
  let headOffice: HeadOffice;
  let clock: TestClock;
  beforeEach(async () => {
    ({ db, headOffice, clock } = await office.fresh(Date.parse('2026-04-12T09:00:00.000Z')));
    for (const [i, store] of STORES.entries()) {
      await db.query(`INSERT INTO store (id, name, created_at) VALUES ($1, $2, now())`, [
        store,
        `Store ${i}`,
      ]);
      await db.query(
        `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version,
           enrolled_at) VALUES ($1, $2, 'Till', $3, $4, 'test', now())`,
        [TERMINALS[i], store, 20_000 + i, `hash${i}`],
      );
    }
    for (const [i, member] of MEMBERS.entries()) {
      await db.query(
        `INSERT INTO member (id, card_number, name, phone_e164, phone_national, marketing_consent,
           enrolled_at, enrolled_store_id, enrolled_store_name, enrolled_terminal_id,
           enrolled_staff_id, enrolled_op_id, name_hlc, email_hlc, birthday_hlc,
           marketing_consent_hlc, hlc, arrived_at)
         VALUES ($1, $2, $3, $4, $5, false, '2025-06-01T00:00:00.000Z', $6, 'Store', $7,
           $8, $9, 'h', 'h', 'h', 'h', 'h', now())`,
        [
          member,
          `card${i}`,
          `Member ${i}`,
          `+8529000000${i}`,
          `9000000${i}`,
          STORES[0],
          TERMINALS[0],
          uuidv7(),
          uuidv7(),
        ],
      );
    }
  });

  async function addFeedback(r: ReturnType<typeof random>, count: number): Promise<void> {
    let left = count;
    while (left > 0) {
      const batch = Math.min(left, 1 + r.int(8));
      left -= batch;
      await db.transaction(async (tx) => {
        for (let i = 0; i < batch; i++) {
          const s = r.int(STORES.length);
          const scale = r.next() < 0.7 ? 'nps' : 'csat';
          const tags = [r.pick(feedbackReasonTags), r.pick(feedbackReasonTags)];
          const f = {
            id: uuidv7(),
            saleId: null,
            memberId: r.next() < 0.2 ? r.pick(MEMBERS) : null,
            scale,
            score: scale === 'nps' ? r.int(11) : 1 + r.int(5),
            // Repeated tags count each time, as unnest counts them.
            reasons: tags.slice(0, r.int(3)) as never,
            comment: '',
            storeId: STORES[s] as string,
            terminalId: TERMINALS[s] as string,
            staffId: r.next() < 0.1 ? null : r.pick(STAFF[s] as string[]),
            at: new Date(instant(r)).toISOString(),
            hlc: 'h',
            followUpDueAt: null,
          } as const;
          await insertFeedback(tx, f, null, f.at);
          // Delivered twice: stored and counted once.
          if (r.next() < 0.05) await insertFeedback(tx, f, null, f.at);
        }
      });
    }
  }

  async function addSales(r: ReturnType<typeof random>, count: number): Promise<void> {
    const rows = Array.from({ length: count }, () => {
      const s = r.int(STORES.length);
      const refund = r.next() < 0.1;
      return {
        kind: refund ? 'refund' : 'sale',
        refund_of: refund ? uuidv7() : null,
        member_id: r.next() < 0.3 ? r.pick(MEMBERS) : null,
        currency: s === 2 && r.next() < 0.5 ? 'CNY' : r.next() < 0.05 ? null : 'HKD',
        reason: refund ? 'Called +85290000001 about it' : null,
        store_id: STORES[s],
        terminal_id: TERMINALS[s],
        staff_id: r.pick(STAFF[s] as string[]),
        created_at: saleText(r, instant(r)),
      };
    });
    // In several statements, as pushes write them.
    for (let i = 0; i < rows.length; i += 40) {
      await db.query(
        `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
           points_redeemed, points_earned, lines, reason, offline, store_id, terminal_id, staff_id,
           op_id, created_at, recorded_at)
         SELECT gen_random_uuid(), r.kind, r.refund_of, 'N', r.member_id, r.currency, 100, 0, 0,
           '[]'::jsonb, r.reason, false, r.store_id, r.terminal_id, r.staff_id, gen_random_uuid(),
           r.created_at, now()
         FROM jsonb_to_recordset($1::jsonb) AS r (kind text, refund_of uuid, member_id uuid,
           currency text, reason text, store_id uuid, terminal_id uuid, staff_id uuid,
           created_at text)`,
        [JSON.stringify(rows.slice(i, i + 40))],
      );
    }
  }

  let hlcCount = 0;
  function event(
    complaintId: string,
    kind: ComplaintEventKind,
    atMs: number,
    s: number,
    by: string,
    details: ComplaintEvent['details'] = null,
  ): ComplaintEvent {
    hlcCount++;
    return {
      id: uuidv7(),
      complaintId,
      kind,
      at: new Date(atMs).toISOString(),
      hlc: `${String(atMs).padStart(15, '0')}-${String(hlcCount).padStart(5, '0')}-t`,
      origin: 'terminal',
      storeId: STORES[s] as string,
      terminalId: TERMINALS[s] as string,
      by,
      note: '',
      details,
      assignee: null,
      goodwill: kind === 'goodwill' ? { points: 100, couponCode: null, costMinor: 700 } : null,
    };
  }

  /** Complaints with random steps; returns each complaint's id, store and opener. */
  async function addComplaints(r: ReturnType<typeof random>, count: number) {
    const made: { id: string; s: number; by: string; openedMs: number }[] = [];
    for (let i = 0; i < count; i++) {
      const id = uuidv7();
      const s = r.int(STORES.length);
      const by = r.pick(STAFF[s] as string[]);
      const openedMs = instant(r);
      const events = [
        event(id, 'opened', openedMs, s, by, {
          ticket: `T${i}`,
          memberId: r.next() < 0.5 ? r.pick(MEMBERS) : null,
          contactName: 'Walk-in',
          contact: null,
          consentToContact: false,
          category: r.pick(complaintCategories),
          severity: r.pick(['low', 'medium', 'high'] as const),
          saleIds: [],
          whatHappened: 'x',
          customerWants: '',
        }),
      ];
      let t = openedMs;
      for (const kind of ['acknowledged', 'goodwill', 'resolved'] as const) {
        if (r.next() < 0.6) {
          t += 1 + r.int(5 * DAY);
          events.push(event(id, kind, t, s, by));
        }
      }
      await db.transaction((tx) =>
        appendComplaintEvents(tx, events, new Date(clock.now()).toISOString(), null),
      );
      made.push({ id, s, by, openedMs });
    }
    return made;
  }

  async function expectSameFigures(): Promise<void> {
    expect(await voiceTallyDrift(db)).toEqual([]);
    const now = new Date(clock.now()).toISOString();
    for (const range of RANGES) {
      for (const filter of [
        {},
        { storeId: STORES[2] },
        { staffId: STAFF[1]?.[0] },
        { category: 'service' },
        { storeId: STORES[0], staffId: STAFF[0]?.[1], category: 'product' },
      ]) {
        const q = { ...range, ...filter };
        const outcome = await headOffice.admin.voiceDashboard(q);
        if (!outcome.ok) throw new Error(outcome.error.message);
        expect(figuresOf(outcome.value), JSON.stringify(q)).toEqual(
          await dashboardFromRows(db, q, now),
        );
      }
      for (const bucket of ['week', 'month'] as const) {
        for (const filter of [{}, { storeId: STORES[1] }, { staffId: STAFF[2]?.[2] }]) {
          const q = { ...range, bucket, ...filter };
          const outcome = await headOffice.admin.voiceTrend(q);
          if (!outcome.ok) throw new Error(outcome.error.message);
          expect(outcome.value.points, JSON.stringify(q)).toEqual(await trendFromRows(db, q));
        }
      }
    }
  }

  it('a seeded random chain: the dashboard and trend equal the figures its rows give, through resolves, reopens and an erasure', async () => {
    const r = random(13);
    await addFeedback(r, 300);
    await addSales(r, 400);
    const complaints = await addComplaints(r, 40);
    await expectSameFigures();

    // Resolve some, reopen others (resolved_at goes back to null), more answers and sales.
    for (const c of complaints.slice(0, 20)) {
      const kind = r.next() < 0.5 ? 'resolved' : 'reopened';
      const e = event(c.id, kind, c.openedMs + 6 * DAY + r.int(DAY), c.s, c.by);
      await db.transaction((tx) =>
        appendComplaintEvents(tx, [e], new Date(clock.now()).toISOString(), null),
      );
    }
    await addFeedback(r, 60);
    await addSales(r, 60);
    clock.advance(3 * DAY); // more deadlines pass
    await expectSameFigures();

    // An erasure rewrites the member's sales (their refund reasons): the tallies stay true.
    const erased = await db.transaction((tx) =>
      eraseMembers(
        tx,
        [MEMBERS[0] as string],
        { reason: 'request', requestId: null, requestedBy: 'a', approvedBy: 'b' },
        new Date(clock.now()).toISOString(),
      ),
    );
    expect(erased).toEqual([MEMBERS[0]]);
    const { rows } = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM sale WHERE member_id = $1 AND reason IS NOT NULL',
      [MEMBERS[0]],
    );
    expect(rows[0]?.n).toBe(0);
    await expectSameFigures();
  }, 300_000);

  it('counts a sale on the day its text compares into: four decimals at midnight are the day before', async () => {
    await db.query(
      `INSERT INTO sale (id, kind, number, currency, total_minor, points_redeemed, points_earned,
         lines, offline, store_id, terminal_id, staff_id, op_id, created_at, recorded_at)
       SELECT gen_random_uuid(), 'sale', 'N', 'HKD', 100, 0, 0, '[]'::jsonb, false, $1, $2, $3,
         gen_random_uuid(), t, now()
       FROM unnest($4::text[]) AS t`,
      [
        STORES[0],
        TERMINALS[0],
        STAFF[0]?.[0],
        [
          '2026-03-01T00:00:00.0000Z',
          '2026-03-01T00:00:00.000Z',
          '2026-03-01T00:00:00Z',
          '2026-02-28T23:59:59.999999Z',
        ],
      ],
    );
    const { rows } = await db.query<{ period: string; sales: number }>(
      `SELECT to_char(period, 'YYYY-MM-DD') AS period, sales FROM sale_tally
       WHERE grain = 'day' ORDER BY period`,
    );
    expect(rows).toEqual([
      { period: '2026-02-28', sales: 2 },
      { period: '2026-03-01', sales: 2 },
    ]);
    expect(await voiceTallyDrift(db)).toEqual([]);
  });

  it('sale UPDATE and DELETE apply the difference and drop emptied rows; TRUNCATE empties; answers stay append-only', async () => {
    await addSales(random(7), 120);
    await db.query(`UPDATE sale SET store_id = $1, currency = 'USD' WHERE staff_id = $2`, [
      STORES[1],
      STAFF[0]?.[0],
    ]);
    await db.query(`UPDATE sale SET kind = 'refund', refund_of = id WHERE currency = 'CNY'`);
    expect(await voiceTallyDrift(db)).toEqual([]);
    await db.query('DELETE FROM sale WHERE store_id = $1', [STORES[1]]);
    expect(await voiceTallyDrift(db)).toEqual([]);
    const { rows } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sale_tally WHERE store_id = $1 OR currency IN ('USD', 'CNY')
         OR sales = 0`,
      [STORES[1]],
    );
    expect(rows[0]?.n).toBe(0);

    await addFeedback(random(8), 30);
    await expect(db.query('UPDATE feedback SET score = 10')).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM feedback')).rejects.toThrow(/append-only/);
    expect(await voiceTallyDrift(db)).toEqual([]);
    await db.exec('TRUNCATE feedback, sale CASCADE');
    for (const table of ['sale_tally', 'feedback_tally', 'feedback_reason_tally']) {
      const { rows: left } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table}`,
      );
      expect(left[0]?.n, table).toBe(0);
    }
  }, 120_000);

  it('reads the tallies by their key and the complaints by their covering index', async () => {
    const values = [...tallyPeriodValues(tallyPeriods('2026-01-31', '2026-03-01')), null, null];
    for (const table of ['sale_tally', 'feedback_tally', 'feedback_reason_tally']) {
      expect(
        await queryPlan(
          db,
          `SELECT count(*) FROM ${table} WHERE ${inTallyPeriods(1)}
             AND ($5::uuid IS NULL OR store_id = $5) AND ($6::uuid IS NULL OR staff_id = $6)`,
          values,
        ),
      ).toMatch(new RegExp(`${table}_key`));
    }
    expect(
      await queryPlan(
        db,
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours), count(*)
         FROM complaint WHERE opened_at >= $1 AND opened_at < $2`,
        ['2026-01-01T00:00:00.000Z', '2026-04-01T00:00:00.000Z'],
      ),
    ).toMatch(/Index Only Scan using complaint_period/);
    expect(
      await queryPlan(db, 'SELECT 1 FROM complaint WHERE member_id = $1 AND opened_at < $2', [
        MEMBERS[0],
        '2026-04-01T00:00:00.000Z',
      ]),
    ).toMatch(/complaint_member/);
  });
});
