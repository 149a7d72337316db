/**
 * voice_dashboard: head office's customer-voice dashboard for a quarter (2026-01-01 to
 * 2026-03-31) over 200 stores, 2,000,000 feedback responses, 100,000 complaints and twice as
 * many sales as responses in that quarter (and half as many again in the 90 days before it), through
 * head office's code:
 * admin.voiceDashboard (dashboard.ts: sales, responses by cashier and scale, the top reasons,
 * the complaint figures, then NPS, CSAT and their intervals from the shared rules), against the
 * bare aggregate: the same four reads as one plain statement (the sales, answers and reasons from
 * their tallies' month rows, migration 0023; the complaints from their covering index), on the
 * same data in the same run. Target: p99 ≤ 300 ms. `--responses N` scales it (complaints are one in twenty).
 *
 * The data is made by bulk SQL (generate_series) in a cached schema (cachedSchema.ts): ten
 * cashiers a store, seven answers in ten on the NPS scale, up to two reason tags each; eight in
 * ten complaints answered, six in ten resolved, some late, some with goodwill. Six sales in ten
 * and seven complaints in ten are a member's (one of a member for every five responses), so the
 * service-recovery reads (repurchase within 90 days, dashboard.ts's recovery.ts) have work to do.
 */
import type { Database } from '../../../server/db/database';
import { feedbackReasonTags } from '../../../shared/rules/feedback';
import type { VoiceDashboard } from '../../../shared/office/voice';
import type { BenchResult } from '../stats';
import { alternate, cachedOffice, seqUuid, uniform, type CachedOffice } from './cachedSchema';
import { sampleOf } from './segmentCount';
import { unwrap } from './campaignData';

const TARGET_MS = 300;
const STORES = 200;
const QUARTER = { from: '2026-01-01', to: '2026-03-31' } as const;
const QUARTER_START = '2026-01-01T00:00:00.000Z';
const QUARTER_END = '2026-04-01T00:00:00.000Z';
const QUARTER_SECONDS = 90 * 86_400;
/** The dashboard is looked at the day after the quarter ends. */
const NOW = Date.parse('2026-04-01T09:00:00.000Z');

async function loadVoiceData(db: Database, responses: number, seed: number): Promise<void> {
  const u = (k: number) => uniform(k, '$2');
  const second = (k: number) => `make_interval(secs => floor(${QUARTER_SECONDS} * ${u(k)})::int)`;
  await db.query(
    `INSERT INTO store (id, name, created_at)
     SELECT ${seqUuid(1, 'g')}, 'Store ' || g, now() FROM generate_series(1, $1::int) g`,
    [STORES],
  );
  await db.query(
    `INSERT INTO terminal (id, store_id, name, number, credential_hash, app_version, enrolled_at)
     SELECT ${seqUuid(2, 'g')}, ${seqUuid(1, 'g')}, 'Till ' || g, 10000 + g, 'bench-' || g,
       'bench', now()
     FROM generate_series(1, $1::int) g`,
    [STORES],
  );
  // As rfm_segments does: the sale table's secondary indexes are built after the rows.
  const { rows: indexes } = await db.query<{ indexname: string; indexdef: string }>(
    `SELECT indexname, indexdef FROM pg_indexes
     WHERE schemaname = current_schema() AND tablename = 'sale' AND indexname <> 'sale_pkey'`,
  );
  for (const index of indexes) await db.query(`DROP INDEX "${index.indexname}"`);
  // Six sales in ten are a member's (one of `members`); the 90 days before the quarter have half
  // as many sales again, so the repurchase figures have buyers to count.
  const members = `1 + floor(${Math.max(1, Math.round(responses / 5))} * ${u(13)})::int`;
  const spans = [
    { start: '2026-01-01', count: responses * 2, kinds: [5, 6, 7] },
    { start: '2025-10-03', count: responses, kinds: [15, 16, 17] },
  ] as const;
  for (const { start, count, kinds } of spans) {
    const [id, refundOf, op] = kinds;
    await db.query(
      `INSERT INTO sale (id, kind, refund_of, number, member_id, currency, total_minor,
         redeem_value_minor, paid_minor, points_redeemed, points_earned, lines, offline, store_id,
         terminal_id, staff_id, op_id, created_at, recorded_at)
       SELECT ${seqUuid(id, 'g')}, CASE WHEN refund THEN 'refund' ELSE 'sale' END,
         CASE WHEN refund THEN ${seqUuid(refundOf, 'g')} END, 'B-${id}-' || g,
         CASE WHEN ${u(12)} < 0.6 THEN ${seqUuid(8, members)} END, 'HKD',
         CASE WHEN refund THEN -amount ELSE amount END, 0,
         CASE WHEN refund THEN -amount ELSE amount END,
         0, 0, '[]'::jsonb, false, ${seqUuid(1, 'store')}, ${seqUuid(2, 'store')},
         ${seqUuid(9, 'store * 10 + g % 10')}, ${seqUuid(op, 'g')},
         to_char(timestamp '${start}' + at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), now()
       FROM (SELECT g, 1 + g % ${STORES} AS store, ${second(1)} AS at,
           100 * (1 + floor(500 * ${u(2)}))::bigint AS amount, ${u(3)} < 0.03 AS refund
         FROM generate_series(1, $1::int) g) draws`,
      [count, seed],
    );
  }
  for (const index of indexes) await db.query(index.indexdef);
  const tags = `ARRAY[${feedbackReasonTags.map((t) => `'${t}'`).join(', ')}]`;
  const n = feedbackReasonTags.length;
  await db.query(
    `INSERT INTO feedback (id, sale_id, member_id, scale, score, reasons, comment, store_id,
       terminal_id, staff_id, at, hlc, follow_up_due_at, op_id, recorded_at)
     SELECT ${seqUuid(3, 'g')}, ${seqUuid(5, 'g * 2')}, NULL, scale,
       CASE WHEN scale = 'nps' THEN floor(11 * ${u(5)})::int ELSE 1 + floor(5 * ${u(5)})::int END,
       CASE WHEN ${u(6)} < 0.4 THEN ARRAY[]::text[]
         WHEN ${u(7)} < 0.6 THEN ARRAY[(${tags})[1 + floor(${n} * ${u(8)})::int]]
         ELSE ARRAY[(${tags})[1 + floor(${n} * ${u(8)})::int],
           (${tags})[1 + (floor(${n} * ${u(8)})::int + 1 + floor(${n - 1} * ${u(9)})::int) % ${n}]]
       END, '', ${seqUuid(1, 'store')}, ${seqUuid(2, 'store')},
       ${seqUuid(9, 'store * 10 + floor(10 * ' + u(10) + ')::int')},
       timestamptz '2026-01-01T00:00:00Z' + ${second(11)}, 'h', NULL, NULL, now()
     FROM (SELECT g, 1 + g % ${STORES} AS store,
         CASE WHEN ${u(4)} < 0.7 THEN 'nps' ELSE 'csat' END AS scale
       FROM generate_series(1, $1::int) g) draws`,
    [responses, seed],
  );
  await db.query(
    `INSERT INTO complaint (id, ticket, store_id, member_id, category, severity, status,
       escalated, assignee, opened_at, first_response_at, resolved_at, first_response_due_at,
       resolution_due_at, goodwill_points, goodwill_cost_minor, search_text, state)
     SELECT ${seqUuid(4, 'g')}, 'C-' || g, ${seqUuid(1, '1 + g % ' + STORES)},
       CASE WHEN ${u(7)} < 0.7 THEN ${seqUuid(8, members)} END, 'service',
       'normal', CASE WHEN resolved THEN 'resolved' ELSE 'open' END, false, NULL, opened,
       CASE WHEN answered THEN opened + make_interval(mins => floor(3000 * ${u(3)})::int) END,
       CASE WHEN resolved THEN opened + make_interval(mins => floor(9000 * ${u(4)})::int) END,
       opened + interval '24 hours', opened + interval '72 hours',
       CASE WHEN ${u(5)} < 0.2 THEN 500 ELSE 0 END,
       CASE WHEN ${u(6)} < 0.1 THEN 5000 ELSE 0 END, '', '{}'::jsonb
     FROM (SELECT g, timestamptz '2026-01-01T00:00:00Z' + ${second(1)} AS opened,
         ${u(2)} < 0.8 AS answered, ${u(2)} < 0.6 AS resolved
       FROM generate_series(1, $1::int) g) draws`,
    [Math.round(responses / 20), seed],
  );
  const tallies = ['sale_tally', 'feedback_tally', 'feedback_reason_tally'];
  for (const table of ['sale', 'feedback', 'complaint', 'store', 'terminal', ...tallies]) {
    await db.query(`VACUUM (ANALYZE) ${table}`);
  }
}

/**
 * The same four reads as one plain statement: the quarter is three whole months, so the tallies'
 * month rows (migration 0023), and the complaints through their covering index with the stored
 * hours, as admin.voiceDashboard reads them.
 */
const BARE_DASHBOARD_SQL = `
WITH sales AS (
  SELECT sum(sales)::int AS n FROM sale_tally
  WHERE grain = 'month' AND period >= $4::date AND period < $5::date),
answers AS (
  SELECT staff_id, scale, sum(promoters)::int AS promoters, sum(passives)::int AS passives,
    sum(detractors)::int AS detractors, sum(satisfied)::int AS satisfied, sum(n)::int AS n
  FROM feedback_tally WHERE grain = 'month' AND period >= $4::date AND period < $5::date
  GROUP BY 1, 2),
reasons AS (
  SELECT tag, sum(n)::int AS n FROM feedback_reason_tally
  WHERE grain = 'month' AND period >= $4::date AND period < $5::date
  GROUP BY tag ORDER BY n DESC, tag LIMIT 5),
complaints AS (
  SELECT count(*)::int AS n,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY first_response_hours) AS first_response,
    percentile_cont(0.5) WITHIN GROUP (ORDER BY resolution_hours) AS resolution,
    count(*) FILTER (WHERE coalesce(first_response_at, $3::timestamptz) > first_response_due_at
      OR coalesce(resolved_at, $3::timestamptz) > resolution_due_at)::int AS breached,
    sum(goodwill_points)::int8 AS goodwill_points, sum(goodwill_cost_minor)::int8 AS cost
  FROM complaint WHERE opened_at >= $1::timestamptz AND opened_at < $2::timestamptz)
SELECT (SELECT n FROM sales) AS sales, (SELECT sum(n) FROM answers)::int AS responses,
  (SELECT json_agg(answers) FROM answers) AS answers, (SELECT json_agg(reasons) FROM reasons) AS reasons,
  (SELECT row_to_json(complaints) FROM complaints) AS complaints`;

export async function bareDashboard(
  db: Database,
): Promise<{ sales: number; responses: number; complaints: { n: number } }> {
  const { rows } = await db.query<{ sales: number; responses: number; complaints: { n: number } }>(
    BARE_DASHBOARD_SQL,
    [
      QUARTER_START,
      QUARTER_END,
      new Date(NOW).toISOString(),
      QUARTER.from,
      QUARTER_END.slice(0, 10),
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('the bare dashboard returned no row');
  return row;
}

export async function ourDashboard(office: CachedOffice): Promise<VoiceDashboard> {
  return unwrap(await office.headOffice.admin.voiceDashboard(QUARTER));
}

export async function voiceOffice(options: {
  responses: number;
  seed: number;
  disposable?: boolean;
}): Promise<CachedOffice> {
  return cachedOffice({
    kind: 'voice',
    seed: options.seed,
    // 'm': sales and complaints carry members (the key names the data's shape).
    size: `r${options.responses}m`,
    now: () => NOW,
    disposable: options.disposable,
    load: (db) => loadVoiceData(db, options.responses, options.seed),
  });
}

export async function benchVoiceDashboard(
  options: { responses: number; seed: number; rounds?: number; disposable?: boolean },
  progress: (message: string) => void = () => {},
): Promise<BenchResult> {
  progress(`voice_dashboard: ${options.responses.toLocaleString('en')} responses`);
  const office = await voiceOffice(options);
  try {
    const ours = await ourDashboard(office);
    const bare = await bareDashboard(office.db);
    const agree =
      ours.sales === bare.sales &&
      ours.responses === bare.responses &&
      ours.complaints.count === bare.complaints.n;
    const rounds = options.rounds ?? 30;
    const times = await alternate(
      rounds,
      () => ourDashboard(office),
      () => bareDashboard(office.db),
    );
    const summary = sampleOf(times.ours).summary();
    return {
      name: 'voice_dashboard',
      ours: summary,
      baseline: sampleOf(times.bare).summary(),
      target: `p99 ≤ ${TARGET_MS} ms`,
      met: summary.p99Ms <= TARGET_MS && agree,
      notes: [
        `${STORES} stores, ${ours.responses.toLocaleString('en')} responses, ${ours.complaints.count.toLocaleString('en')} complaints, ${ours.sales.toLocaleString('en')} sales in ${QUARTER.from} to ${QUARTER.to} (${office.built ? 'loaded now' : 'cached'} in ${office.schema}, load ${(office.buildMs / 1000).toFixed(1)} s)`,
        `NPS ${ours.nps.nps.toFixed(1)}, CSAT ${ours.csat.percent?.toFixed(1) ?? '-'} %, ${ours.cashiers.length} cashiers`,
        'ours: admin.voiceDashboard (four statements and the recovery reads at once, then the shared rules)',
        'baseline: the same four reads as one plain statement (tallies by month, complaints by their covering index)',
        `ours and the baseline agree on sales, responses and complaints: ${agree ? 'yes' : 'NO'}`,
      ],
      figures: { responses: ours.responses, complaints: ours.complaints.count },
    };
  } finally {
    await office.close();
  }
}
