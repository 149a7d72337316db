/**
 * Head office for a sync benchmark: a fresh schema on the PostgreSQL server, the HTTP server in a
 * child process (headOfficeProcess.ts), and an in-process handle on the same schema for the admin
 * steps (stores, enrollment codes) and for checking what head office holds afterwards.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { TerminalCore } from '../../../electron/core/core';
import type { CredentialStore } from '../../../electron/core/sync/credentials';
import { enrollTerminal } from '../../../electron/core/sync/enrollTerminal';
import { readSyncState } from '../../../electron/core/sync/syncStore';
import { httpTransport } from '../../../electron/core/sync/transport';
import type { Database } from '../../../server/db/database';
import { openPostgres } from '../../../server/db/postgres';
import { createHeadOffice, type HeadOffice } from '../../../server/headOffice';

const here = path.dirname(fileURLToPath(import.meta.url));
const projectRoot = path.resolve(here, '../../..');

/** DATABASE_URL, or the CI server at 127.0.0.1:5432, database test. */
export const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface BenchHeadOffice {
  /** The first node's URL. */
  url: string;
  /** Every node's URL: head-office processes on the one schema, as behind a load balancer. */
  urls: string[];
  schema: string;
  /** Head office's functions on the same schema, in this process. */
  admin: HeadOffice;
  db: Database;
  storeId: string;
  newCode(): Promise<string>;
  stop(): Promise<void>;
}

export interface HeadOfficeOptions {
  /** The server process's node-postgres pool size (openPostgres's default is 10). */
  pool?: number;
  /** Extra node flags for the server process, e.g. --cpu-prof (BENCH_HEAD_OFFICE_NODE_FLAGS). */
  nodeFlags?: string[];
  /** Head-office processes on the one schema (default 1): stateless nodes sharing only it. */
  nodes?: number;
  /** Requests per credential per minute, instead of the production 600. */
  rateLimit?: number;
}

interface NodeProcess {
  url: string;
  stop(): Promise<void>;
}

/** One head-office process (headOfficeProcess.ts) on `schema`; resolves once it listens. */
async function startNode(schema: string, options: HeadOfficeOptions): Promise<NodeProcess> {
  const flags = options.nodeFlags ?? (process.env.BENCH_HEAD_OFFICE_NODE_FLAGS?.split(' ') || []);
  const child = spawn(
    process.execPath,
    [...flags.filter(Boolean), '--import', 'tsx', path.join(here, 'headOfficeProcess.ts')],
    {
      cwd: projectRoot,
      env: {
        ...process.env,
        LOYALTY_LOG: process.env.BENCH_HEAD_OFFICE_LOG ?? 'warn',
        BENCH_PG_URL: PG_URL,
        BENCH_PG_SCHEMA: schema,
        ...(options.pool ? { BENCH_PG_POOL: String(options.pool) } : {}),
        ...(options.rateLimit ? { BENCH_RATE_LIMIT: String(options.rateLimit) } : {}),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (line) => {
      const match = /^listening (\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('exit', (code) =>
      reject(new Error(`head office exited with ${code} before listening`)),
    );
  });
  return {
    url,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export async function startHeadOffice(
  label: string,
  options: HeadOfficeOptions = {},
): Promise<BenchHeadOffice> {
  const schema = `bench_${label}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const db = await openPostgres(PG_URL, { schema, maxConnections: 4 });
  const dropSchema = async () => {
    await db.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await db.close();
  };
  let admin: HeadOffice;
  try {
    admin = await createHeadOffice(db);
  } catch (error) {
    await dropSchema();
    throw error;
  }
  const nodes: NodeProcess[] = [];
  try {
    // One after another: each migrates (a no-op here) under the advisory lock at start.
    for (let n = 0; n < Math.max(1, options.nodes ?? 1); n++) {
      nodes.push(await startNode(schema, options));
    }
  } catch (error) {
    for (const node of nodes) await node.stop();
    await dropSchema();
    throw error;
  }
  const store = await admin.admin.createStore('bench', { name: `Bench ${label}` });
  if (!store.ok) throw new Error(`createStore: ${store.error.message}`);
  const storeId = store.value.id;
  const urls = nodes.map((node) => node.url);
  return {
    url: urls[0] as string,
    urls,
    schema,
    admin,
    db,
    storeId,
    async newCode() {
      const code = await admin.admin.createEnrollmentCode('bench', storeId, { ttlMinutes: 60 });
      if (!code.ok) throw new Error(`createEnrollmentCode: ${code.error.message}`);
      return code.value.code;
    },
    async stop() {
      for (const node of nodes) await node.stop();
      await dropSchema();
    },
  };
}

/** Enrolls a terminal core with head office, as `sync.enroll` does; returns its credential store. */
export async function enrollCore(
  core: TerminalCore,
  office: BenchHeadOffice,
): Promise<{ credentials: CredentialStore; terminalId: string }> {
  const credentials = core.credentials;
  await enrollTerminal(core.ctx, httpTransport(office.url), credentials, {
    serverUrl: office.url,
    code: await office.newCode(),
  });
  const terminalId = readSyncState(core.db).remote_terminal_id;
  if (!terminalId) throw new Error('enrollment left no terminal id');
  return { credentials, terminalId };
}
