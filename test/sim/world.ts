import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type TerminalCore } from '../../electron/core/core';
import { enrollTerminal } from '../../electron/core/sync/enrollTerminal';
import { readSyncState } from '../../electron/core/sync/syncStore';
import { SyncWorker, type SyncRunResult } from '../../electron/core/sync/syncWorker';
import { createHeadOffice, type HeadOffice } from '../../server/headOffice';
import { testDatabases } from '../../server/testing/databases';
import type { ApiInput, ApiOutput, OperationName } from '../../shared/api';
import { defaultProgram, type Program } from '../../shared/program';
import type { Result } from '../../shared/result';
import type { ProgramConfig } from '../../shared/sync/protocol';
import { SimNetwork, type FaultKind } from './network';
import { Rng } from './rng';

export const MANAGER_PIN = '2468';
export const SERVER_URL = 'http://head-office.sim';
export const COUPON_CAMPAIGN = 'sim-ten-off';
export const ONLINE_ONLY_CAMPAIGN = 'sim-online';

/** When the simulated chain opens its doors (09:00 in Hong Kong). */
export const WORLD_START_MS = Date.parse('2026-11-02T01:00:00.000Z');

/** One clock for the whole world; terminals read it with a small fixed skew each. */
export class VirtualClock {
  constructor(public ms = WORLD_START_MS) {}
  now = (): number => this.ms;
  advance(ms: number): void {
    this.ms += ms;
  }
}

/**
 * The program head office hands every terminal: the default one, plus a coupon campaign,
 * an online-only one and referral bonuses, so every kind of sync traffic occurs.
 */
const simProgram: Program = {
  ...defaultProgram,
  referrals: { referrerPoints: 50, refereePoints: 30, minimumSpendMinor: 0 },
  coupons: {
    ...defaultProgram.coupons,
    campaigns: [
      {
        id: COUPON_CAMPAIGN,
        name: 'HK$10 off',
        kind: 'amount',
        percentOff: null,
        amountOffMinor: 1000,
        appliesTo: null,
        buyQuantity: null,
        getQuantity: null,
        minimumBasketMinor: 0,
        validFrom: null,
        validTo: null,
        validDays: null,
        perMemberLimit: 0,
        totalLimit: 0,
        stackable: true,
        onlineOnly: false,
      },
      {
        id: ONLINE_ONLY_CAMPAIGN,
        name: '5% off, online only',
        kind: 'percent',
        percentOff: 5,
        amountOffMinor: null,
        appliesTo: null,
        buyQuantity: null,
        getQuantity: null,
        minimumBasketMinor: 0,
        validFrom: null,
        validTo: null,
        validDays: null,
        perMemberLimit: 0,
        totalLimit: 0,
        stackable: true,
        onlineOnly: true,
      },
    ],
  },
};

export const simConfig: ProgramConfig = {
  program: simProgram,
  storeOverrides: false,
  offlineRedemption: {
    maxPointsPerSaleOffline: 600,
    maxPointsPerMemberOffline: 1500,
    maxOfflineHours: 48,
  },
};

export interface SaleRef {
  saleId: string;
  memberId: string | null;
  /** Units per line still refundable, as the terminal last said. */
  lines: { lineNo: number; left: number }[];
}

export interface CouponRef {
  code: string;
  memberId: string | null;
  terminal: number;
  used: boolean;
  onlineOnly: boolean;
}

export interface WorldMember {
  id: string;
  phoneNational: string;
  cardNumber: string;
  terminal: number;
}

/** A complaint a cashier logged, in the order they were logged (ids are drawn from the OS). */
export interface ComplaintRef {
  id: string;
  /** The till that logged it; its store owns the complaint. */
  terminal: number;
}

/** Stores have two tills each: the store a till belongs to. */
export const storeOf = (terminalIndex: number): number => Math.floor(terminalIndex / 2);

export interface SimTerminal {
  index: number;
  label: string;
  dataDir: string;
  core: TerminalCore;
  worker: SyncWorker;
  /** This terminal's id at head office. */
  remoteId: string;
  skewMs: number;
  sales: SaleRef[];
  coupons: CouponRef[];
  giftCards: string[];
  referralCodes: string[];
  lastSale: { input: ApiInput<'sale.record'>; number: string } | null;
  syncResults: Record<SyncRunResult, number>;
  /** Most operations this terminal had waiting when a sync began. */
  largestBacklog: number;
}

export interface World {
  rng: Rng;
  clock: VirtualClock;
  headOffice: HeadOffice;
  network: SimNetwork;
  terminals: SimTerminal[];
  members: WorldMember[];
  complaints: ComplaintRef[];
  /** Phones handed out so far, so a new member never reuses one by accident. */
  phones: Set<string>;
  close(): Promise<void>;
}

/** The core's door, typed by the contract. */
export function call<K extends OperationName>(
  terminal: SimTerminal,
  name: K,
  input: ApiInput<K>,
): Result<ApiOutput<K>> {
  return terminal.core.dispatch(name, input) as Result<ApiOutput<K>>;
}

async function must<T>(
  what: string,
  outcome: Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>,
) {
  const result = await outcome;
  if (!result.ok) throw new Error(`${what}: ${result.error.message}`);
  return result.value;
}

/**
 * Head office on in-memory PGlite (started from the migrated template the server suites use),
 * and `terminals` real terminal cores, each on SQLite files in a temp dir of its own, set up and
 * enrolled in stores of two tills each. Faults are off until the simulation turns them on.
 */
export async function createWorld(options: {
  terminals: number;
  seed: number;
  faults: ReadonlySet<FaultKind>;
  /** Head-office processes on the one database (default 1). */
  nodes?: number;
}): Promise<World> {
  const rng = new Rng(options.seed);
  const clock = new VirtualClock();
  const pglite = testDatabases.find((candidate) => candidate.name === 'pglite');
  if (!pglite) throw new Error('the PGlite test database is missing');
  const db = await pglite.open();
  // One seeded stream for head office, drawn in request order whichever node answers: a run with
  // several nodes then makes the same ids as with one, and must come out exactly the same.
  const headOfficeRandom = rng.fork('head-office').bytes;
  const headOffice = await createHeadOffice(db, { now: clock.now, random: headOfficeRandom });
  // More nodes: more head offices on the same database, sharing nothing else (stateless).
  const nodes = [headOffice];
  for (let n = 1; n < (options.nodes ?? 1); n++) {
    nodes.push(await createHeadOffice(db, { now: clock.now, random: headOfficeRandom }));
  }
  const network = new SimNetwork(
    nodes,
    rng.fork('network'),
    options.faults,
    options.terminals,
    rng.fork('balancer'),
  );
  const terminals: SimTerminal[] = [];
  const world: World = {
    rng,
    clock,
    headOffice,
    network,
    terminals,
    members: [],
    complaints: [],
    phones: new Set(),
    async close() {
      for (const terminal of terminals) {
        terminal.core.close();
        fs.rmSync(terminal.dataDir, { recursive: true, force: true });
      }
      await headOffice.close();
    },
  };
  try {
    await must('set the program', headOffice.admin.setConfig('sim', simConfig));
    const setupRng = rng.fork('setup');
    let storeId = '';
    for (let index = 0; index < options.terminals; index++) {
      const label = `T${String(index + 1).padStart(2, '0')}`;
      const storeName = `Store ${String(storeOf(index) + 1).padStart(2, '0')}`;
      if (index % 2 === 0) {
        storeId = (
          await must('create a store', headOffice.admin.createStore('sim', { name: storeName }))
        ).id;
      }
      const code = await must(
        'make an enrollment code',
        headOffice.admin.createEnrollmentCode('sim', storeId, {}),
      );
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `loyalty-sim-${label}-`));
      const skewMs = setupRng.int(-1500, 1500);
      const core = openCore({ dataDir, now: () => clock.ms + skewMs });
      const credentials = core.credentials;
      const transport = network.transport(index);
      const worker = new SyncWorker(core.ctx, {
        transport,
        credentials,
        random: (() => {
          const jitter = rng.fork(`jitter-${label}`);
          return () => jitter.next();
        })(),
      });
      const terminal: SimTerminal = {
        index,
        label,
        dataDir,
        core,
        worker,
        remoteId: '',
        skewMs,
        sales: [],
        coupons: [],
        giftCards: [],
        referralCodes: [],
        lastSale: null,
        syncResults: { synced: 0, offline: 0, refused: 0, not_enrolled: 0 },
        largestBacklog: 0,
      };
      terminals.push(terminal);
      core.ctx.sync = {
        credentials,
        transportFor: () => transport,
        startWorker: () => undefined,
        syncNow: () => worker.runOnce(),
      };
      const setup = call(terminal, 'terminal.setup', {
        storeName,
        terminalName: `Till ${label}`,
        currency: 'HKD',
        timeZone: 'Asia/Hong_Kong',
        locale: 'en',
        phoneCountry: 'HK',
        managerName: `Manager ${label}`,
        managerPin: MANAGER_PIN,
      });
      if (!setup.ok) throw new Error(`set up ${label}: ${setup.error.message}`);
      const shift = call(terminal, 'shift.open', { floatMinor: 0 });
      if (!shift.ok) throw new Error(`open shift ${label}: ${shift.error.message}`);
      await enrollTerminal(core.ctx, transport, credentials, {
        serverUrl: SERVER_URL,
        code: code.code,
      });
      terminal.remoteId = readSyncState(core.db).remote_terminal_id ?? '';
    }
    return world;
  } catch (error) {
    await world.close();
    throw error;
  }
}
