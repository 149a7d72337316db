/**
 * push_fixed_cost: what one push costs head office beyond its operations. One terminal pushes
 * one sale per push over HTTP, one push after another (nothing else in flight), against bare
 * `pg` running a one-row transaction (BEGIN, one INSERT of the same payload, COMMIT) on the same
 * database in the same run, in alternating rounds (A B B A …). 1000 ÷ pushes/s is the whole cost
 * of a 1-operation push as a terminal sees it: HTTP, authentication, parsing, the transaction and
 * the answer.
 */
import pg from 'pg';
import { uuidv7 } from '../../../shared/ids';
import { Rng } from '../data';
import { elapsedMs, fmtMs, Sample, type BenchResult } from '../stats';
import { enrollChain, ErrorCounts, loadTemplates, Nodes, pushBatch, sale } from './chainTerminals';
import { PG_URL, startHeadOffice } from './headOffice';

export interface PushFixedCostOptions {
  seed: number;
  /** Measured rounds per side (default 10). */
  rounds?: number;
  /** Pushes (and bare transactions) per round (default 300). */
  perRound?: number;
}

const WARMUP = 200;

export async function benchPushFixedCost(options: PushFixedCostOptions): Promise<BenchResult> {
  const rounds = options.rounds ?? 10;
  const perRound = options.perRound ?? 300;
  const templates = loadTemplates(options.seed);
  // One terminal pushing back to back passes the 600-a-minute limit in two seconds: lifted here.
  const office = await startHeadOffice('fixed', { rateLimit: 10_000_000 });
  const bare = new pg.Client({
    connectionString: PG_URL,
    options: `-c search_path=${office.schema}`,
  });
  await bare.connect();
  try {
    await bare.query(
      'CREATE TABLE bench_one_row (op_id uuid PRIMARY KEY, terminal_id uuid NOT NULL, payload jsonb NOT NULL)',
    );
    const nodes = new Nodes([office.url], new Rng(options.seed, 9));
    const [terminal] = await enrollChain(office, nodes, {
      count: 1,
      members: 5,
      seed: options.seed,
      templates,
    });
    if (!terminal) throw new Error('no terminal enrolled');
    const errors = new ErrorCounts();
    const ours = async () => {
      const result = await pushBatch(nodes, terminal, [sale(terminal, templates)]);
      if (!result.ok) errors.add(result.error);
    };
    // A sale's payload as a terminal sends it, without taking a seq (ours must stay gapless).
    const pick = new Rng(options.seed, 17);
    const baseline = async () => {
      const payload = { ...pick.pick(templates.sales), saleId: uuidv7() };
      await bare.query('BEGIN');
      await bare.query(
        'INSERT INTO bench_one_row (op_id, terminal_id, payload) VALUES ($1, $2, $3::jsonb)',
        [uuidv7(), terminal.id, JSON.stringify(payload)],
      );
      await bare.query('COMMIT');
    };
    for (let i = 0; i < WARMUP; i++) await ours();
    const sides = { ours: new Sample(rounds * perRound), baseline: new Sample(rounds * perRound) };
    const runRound = async (side: 'ours' | 'baseline') => {
      const fn = side === 'ours' ? ours : baseline;
      const sample = sides[side];
      const roundStart = process.hrtime.bigint();
      for (let i = 0; i < perRound; i++) {
        const start = process.hrtime.bigint();
        await fn();
        sample.add(elapsedMs(start));
      }
      sample.addRound(perRound, elapsedMs(roundStart));
    };
    for (let round = 0; round < rounds; round++) {
      const oursFirst = round % 2 === 0;
      await runRound(oursFirst ? 'ours' : 'baseline');
      await runRound(oursFirst ? 'baseline' : 'ours');
    }
    const o = sides.ours.summary();
    const b = sides.baseline.summary();
    const pushMs = 1000 / o.opsPerS;
    const bareMs = 1000 / b.opsPerS;
    return {
      name: 'push_fixed_cost',
      ours: o,
      baseline: b,
      target: 'a 1-operation push <= 1 ms',
      met: errors.total === 0 && pushMs <= 1,
      json: {
        pushes_per_s: o.opsPerS,
        baseline_ops_per_s: b.opsPerS,
        ratio: o.opsPerS / b.opsPerS,
        push_ms: pushMs,
        bare_ms: bareMs,
        over_bare_ms: pushMs - bareMs,
        p50_ms: o.p50Ms,
        p99_ms: o.p99Ms,
        errors: errors.total,
      },
      notes: [
        `${rounds} rounds × ${perRound} one-operation pushes, one at a time, after ${WARMUP} unmeasured`,
        `a push: ${pushMs.toFixed(3)} ms (p50 ${fmtMs(o.p50Ms)}, p99 ${fmtMs(o.p99Ms)}); bare one-row transaction: ${bareMs.toFixed(3)} ms (p50 ${fmtMs(b.p50Ms)}); ${(pushMs - bareMs).toFixed(3)} ms more`,
        `errors: ${errors.toString()}`,
      ],
    };
  } finally {
    await bare.end();
    await office.stop();
  }
}
