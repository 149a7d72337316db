/**
 * The crash scenario: head office on loopback (PGlite in a temp dir, the real fastify server),
 * one terminal child started again and again and SIGKILLed at seeded random moments (mid-sale,
 * with a push in flight, between head office's answer and the terminal storing it, mid-start,
 * or after a random lifetime), then one last child that syncs until the outbox drains and
 * stops cleanly. The ledger and head office are then checked (verifyCrashRun.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { LEDGER_FILE, openCore } from '../../electron/core/core';
import { isPlaintextSqlite } from '../../electron/core/keys/ledgerFile';
import { createHeadOffice, type HeadOffice } from '../../server/headOffice';
import { buildServer } from '../../server/http/server';
import { prepareChild, type ChildLauncher } from './childProcess';
import { openHeadOfficeDb } from './headOfficeDb';
import { crashSaleId, parseLine, type ChildLine } from './crashPlan';
import { verifyCrashRun, type CrashFacts, type CrashJournal } from './verifyCrashRun';

export interface CrashOptions {
  kills: number;
  seed: number;
  /** Progress lines (one per ten lives, and the phases). */
  log?: (message: string) => void;
  /** Keep the temp directory (ledger, head office) for a look afterwards. */
  keep?: boolean;
}

type KillKind =
  'during-sale' | 'push-in-flight' | 'push-answered' | 'during-start' | 'short-life' | 'long-life';

/** Where the child was when the signal went: what the parent had read from it by then. */
interface KillRecord {
  life: number;
  plan: KillKind;
  /** The trigger did not come within the fallback time; killed by timer instead. */
  fellBack: boolean;
  beforeReady: boolean;
  saleOpen: string | null;
  pushOpen: boolean;
  answerOpen: boolean;
  /** Resolved at the next start: whether the open sale had committed. */
  openSaleCommitted: boolean | null;
}

export interface CrashReport {
  seed: number;
  kills: number;
  childRunsAs: ChildLauncher['how'];
  /** The ledger the child sold on is encrypted at rest (issue 11 §2). */
  ledgerEncrypted: boolean;
  elapsedMs: number;
  byPlan: Record<KillKind, number>;
  /** Kills that landed with a sale started and not yet confirmed; split by its fate. */
  midSale: { total: number; committedUnreported: number; rolledBack: number };
  /** Kills with a push sent and unanswered, and with an answer not yet stored. */
  midPush: number;
  afterAnswer: number;
  midStart: number;
  idempotentRetries: number;
  committedPrinted: number;
  facts: CrashFacts;
  problems: string[];
}

/** A small seeded PRNG (mulberry32): the kill plan is the same for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface KillPlan {
  kind: KillKind;
  /** For event kinds: kill on the nth such line. For timed kinds: ms after ready (or start). */
  nth: number;
  ms: number;
}

const FALLBACK_MS = 1_500;
const READY_TIMEOUT_MS = 30_000;

function planKill(random: () => number, life: number): KillPlan {
  const between = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const roll = random();
  // Life 0 enrolls with head office: the code is single-use, so it is killed only after ready.
  if (roll < 0.1 && life > 0) return { kind: 'during-start', nth: 0, ms: between(20, 300) };
  if (roll < 0.4) return { kind: 'during-sale', nth: between(1, 25), ms: 0 };
  if (roll < 0.58) return { kind: 'push-in-flight', nth: between(1, 2), ms: 0 };
  if (roll < 0.76) return { kind: 'push-answered', nth: between(1, 2), ms: 0 };
  if (roll < 0.9) return { kind: 'short-life', nth: 0, ms: between(0, 150) };
  return { kind: 'long-life', nth: 0, ms: between(300, 1_500) };
}

interface Env {
  dataDir: string;
  seed: number;
  url: string;
  code: string;
}

function childEnv(env: Env, mode: 'sell' | 'drain'): Record<string, string> {
  return {
    CRASH_DATA_DIR: env.dataDir,
    CRASH_SEED: String(env.seed),
    CRASH_HEAD_OFFICE_URL: env.url,
    CRASH_ENROLLMENT_CODE: env.code,
    CRASH_MODE: mode,
  };
}

class Journal implements CrashJournal {
  committed = new Set<string>();
  retries: { saleId: string; existing: boolean }[] = [];
  kills: KillRecord[] = [];
  /** Durability breaches seen at restarts: a confirmed sale the restarted ledger lacks. */
  problems: string[] = [];
  private lastConfirmed = -1;

  constructor(private readonly seed: number) {}

  take(line: ChildLine): void {
    if (line.kind === 'committed') {
      this.committed.add(line.saleId);
      this.lastConfirmed = Math.max(this.lastConfirmed, line.index);
    }
    if (line.kind === 'retry') this.retries.push({ saleId: line.saleId, existing: line.existing });
    if (line.kind === 'ready') {
      // Checked before the new life sells: a restart re-attempts the first missing sale with the
      // same id, so a sale lost in the kill would otherwise reappear and go unnoticed.
      if (this.lastConfirmed >= line.counter) {
        this.problems.push(
          `sale #${this.lastConfirmed} was confirmed before a kill, but the restarted ledger holds only ${line.counter} sales`,
        );
      }
      // A sale a kill caught open either committed (it is the ledger's last) or not. Sales only
      // start after ready, so the first ready after that kill decides.
      for (const kill of this.kills) {
        if (kill.saleOpen && kill.openSaleCommitted === null) {
          kill.openSaleCommitted = crashSaleId(this.seed, line.counter - 1) === kill.saleOpen;
        }
      }
    }
  }
}

/** One life: start, wait for the plan's moment, SIGKILL, wait for the exit. */
async function liveAndDie(
  launcher: ChildLauncher,
  env: Env,
  life: number,
  plan: KillPlan,
  journal: Journal,
): Promise<void> {
  const child = launcher.start(childEnv(env, 'sell'));
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const state = {
    ready: false,
    saleOpen: null as string | null,
    pushOpen: false,
    answerOpen: false,
  };
  const seen = { sale: 0, 'push-sent': 0, 'push-answered': 0 };
  let killed: KillRecord | null = null;
  const timers: NodeJS.Timeout[] = [];

  const kill = (fellBack: boolean) => {
    if (killed) return;
    killed = {
      life,
      plan: plan.kind,
      fellBack,
      beforeReady: !state.ready,
      saleOpen: state.saleOpen,
      pushOpen: state.pushOpen,
      answerOpen: state.answerOpen,
      openSaleCommitted: null,
    };
    child.kill('SIGKILL');
  };
  const after = (ms: number, fellBack: boolean) =>
    timers.push(setTimeout(() => kill(fellBack), ms));

  if (plan.kind === 'during-start') after(plan.ms, false);
  else timers.push(setTimeout(() => kill(true), READY_TIMEOUT_MS));

  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = parseLine(text);
    if (!line) return;
    journal.take(line);
    switch (line.kind) {
      case 'ready':
        state.ready = true;
        if (plan.kind === 'short-life' || plan.kind === 'long-life') after(plan.ms, false);
        else if (plan.kind !== 'during-start') after(FALLBACK_MS, true);
        break;
      case 'sale':
        state.saleOpen = line.saleId;
        break;
      case 'committed':
        state.saleOpen = null;
        break;
      case 'push-sent':
        state.pushOpen = true;
        state.answerOpen = false;
        break;
      case 'push-answered':
        state.pushOpen = false;
        state.answerOpen = true;
        break;
      case 'sync':
        state.answerOpen = false;
        break;
      default:
        break;
    }
    // Kill in the same tick the line arrives: the child is at most a step further on.
    if (line.kind === 'sale' && plan.kind === 'during-sale' && ++seen.sale === plan.nth)
      kill(false);
    if (
      line.kind === 'push-sent' &&
      plan.kind === 'push-in-flight' &&
      ++seen['push-sent'] === plan.nth
    )
      kill(false);
    if (
      line.kind === 'push-answered' &&
      plan.kind === 'push-answered' &&
      ++seen['push-answered'] === plan.nth
    )
      kill(false);
  });

  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>(
    (resolve) => child.on('exit', (code, signal) => resolve({ code, signal })),
  );
  for (const timer of timers) clearTimeout(timer);
  if (!killed || exit.signal !== 'SIGKILL') {
    throw new Error(
      `life ${life}: the child exited by itself (code ${exit.code}, signal ${exit.signal}):\n${stderr.join('').slice(-2000)}`,
    );
  }
  journal.kills.push(killed);
}

/** The last life: sync until the outbox drains, then a clean stop. */
async function drainToTheEnd(launcher: ChildLauncher, env: Env, journal: Journal): Promise<void> {
  const child = launcher.start(childEnv(env, 'drain'));
  const stderr: string[] = [];
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  let drained = false;
  createInterface({ input: child.stdout }).on('line', (text) => {
    const line = parseLine(text);
    if (!line) return;
    journal.take(line);
    if (line.kind === 'drained') drained = true;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0 || !drained) {
    throw new Error(`the draining child exited with ${code}:\n${stderr.join('').slice(-2000)}`);
  }
}

async function startHeadOffice(dir: string) {
  const headOffice: HeadOffice = await createHeadOffice(await openHeadOfficeDb(dir));
  // The child syncs back to back; the production limit (600 a minute) would only slow it down.
  const app = await buildServer(headOffice, {
    rateLimit: { max: 1_000_000, timeWindowMs: 60_000 },
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  const store = await headOffice.admin.createStore('crash-test', { name: 'Crash Test Store' });
  if (!store.ok) throw new Error(`createStore: ${store.error.message}`);
  const code = await headOffice.admin.createEnrollmentCode('crash-test', store.value.id, {
    ttlMinutes: 120,
  });
  if (!code.ok) throw new Error(`createEnrollmentCode: ${code.error.message}`);
  return {
    headOffice,
    url,
    code: code.value.code,
    async close() {
      await app.close();
      await headOffice.close();
    },
  };
}

export async function runCrashScenario(options: CrashOptions): Promise<CrashReport> {
  const started = performance.now();
  const log = (message: string) =>
    options.log?.(`${((performance.now() - started) / 1000).toFixed(1)} s ${message}`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'loyalty-crash-'));
  const journal = new Journal(options.seed);
  const office = await startHeadOffice(path.join(work, 'head-office'));
  try {
    const launcher = await prepareChild(work);
    const env: Env = {
      dataDir: path.join(work, 'terminal'),
      seed: options.seed,
      url: office.url,
      code: office.code,
    };
    log(`head office at ${office.url}; child runs as ${launcher.how}; work in ${work}`);
    const random = prng(options.seed);
    for (let life = 0; life < options.kills; life++) {
      const plan = planKill(random, life);
      await liveAndDie(launcher, env, life, plan, journal);
      if ((life + 1) % 10 === 0) {
        log(
          `${life + 1}/${options.kills} kills, ${journal.committed.size} sales confirmed, ` +
            `${((performance.now() - started) / 1000).toFixed(1)} s`,
        );
      }
    }
    log('draining the outbox');
    await drainToTheEnd(launcher, env, journal);

    const core = openCore({ dataDir: env.dataDir });
    let verdict;
    try {
      verdict = await verifyCrashRun(core, office.headOffice.db, options.seed, journal);
    } finally {
      core.close();
    }
    const kills = journal.kills;
    const byPlan = {
      'during-sale': 0,
      'push-in-flight': 0,
      'push-answered': 0,
      'during-start': 0,
      'short-life': 0,
      'long-life': 0,
    } satisfies Record<KillKind, number>;
    for (const k of kills) byPlan[k.plan] += 1;
    const midSale = kills.filter((k) => k.saleOpen !== null);
    const problems = [...journal.problems, ...verdict.problems];
    const ledgerEncrypted = !isPlaintextSqlite(path.join(env.dataDir, LEDGER_FILE));
    if (!ledgerEncrypted) problems.push('the ledger is plaintext SQLite, not encrypted');
    const unresolved = midSale.filter((k) => k.openSaleCommitted === null);
    if (unresolved.length > 0) problems.push(`${unresolved.length} open sales never resolved`);
    return {
      seed: options.seed,
      kills: kills.length,
      childRunsAs: launcher.how,
      ledgerEncrypted,
      elapsedMs: performance.now() - started,
      byPlan,
      midSale: {
        total: midSale.length,
        committedUnreported: midSale.filter((k) => k.openSaleCommitted === true).length,
        rolledBack: midSale.filter((k) => k.openSaleCommitted === false).length,
      },
      midPush: kills.filter((k) => k.pushOpen).length,
      afterAnswer: kills.filter((k) => k.answerOpen).length,
      midStart: kills.filter((k) => k.beforeReady).length,
      idempotentRetries: journal.retries.filter((r) => r.existing).length,
      committedPrinted: journal.committed.size,
      facts: verdict.facts,
      problems,
    };
  } finally {
    await office.close();
    if (options.keep) log(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

export function describeReport(r: CrashReport): string {
  const plans = Object.entries(r.byPlan)
    .map(([kind, n]) => `${kind} ${n}`)
    .join(', ');
  return [
    `${r.kills} SIGKILLs (seed ${r.seed}, child as ${r.childRunsAs}) in ${(r.elapsedMs / 1000).toFixed(1)} s`,
    `  planned: ${plans}`,
    `  landed: ${r.midSale.total} with a sale open (${r.midSale.committedUnreported} had committed unreported, ` +
      `${r.midSale.rolledBack} rolled back), ${r.midPush} with a push in flight, ${r.afterAnswer} between ` +
      `head office's answer and the terminal storing it, ${r.midStart} before ready`,
    `  ${r.idempotentRetries} retries of a committed sale came back as the same sale; ` +
      `${r.committedPrinted} sales confirmed on stdout`,
    `  ledger (${r.ledgerEncrypted ? 'encrypted' : 'PLAINTEXT'}): ${r.facts.sales} sales, ${r.facts.outboxOps} outbox ops, ${r.facts.pointsEntries} points entries, ` +
      `${r.facts.members} members; head office: ${r.facts.headOfficeOps} ops, ${r.facts.headOfficeSales} sales, ` +
      `${r.facts.exceptions} exceptions`,
    r.problems.length === 0
      ? '  all checks passed'
      : `  PROBLEMS:\n    ${r.problems.join('\n    ')}`,
  ].join('\n');
}
