import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';

/** A real head office (server/main.ts on PGlite) running as a child process. */
export interface RunningHeadOffice {
  url: string;
  port: number;
  dataDir: string;
  /** Printed once, at the first start on a data directory. */
  adminToken: string;
  /** The PostgreSQL server database it runs on; absent on PGlite (in `dataDir`). */
  databaseUrl?: string;
  process: ChildProcess;
}

/** A port nobody is listening on right now, so a restart can come back on the same address. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Starts head office as `tsx server/main.ts` does (node with tsx's loader, one process to stop).
 * Without `restart`, a fresh data directory and port; with it, the same ones again. On PGlite
 * unless `databaseUrl` names a PostgreSQL server database (DATABASE_URL, as in production).
 */
export async function startHeadOffice(
  restart?: RunningHeadOffice,
  options: { databaseUrl?: string } = {},
): Promise<RunningHeadOffice> {
  const dataDir = restart?.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'loyalty-e2e-ho-'));
  const port = restart?.port ?? (await freePort());
  const databaseUrl = restart?.databaseUrl ?? options.databaseUrl;
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      HEAD_OFFICE_DATA_DIR: dataDir,
      HEAD_OFFICE_PORT: String(port),
      HEAD_OFFICE_HOST: '127.0.0.1',
      LOYALTY_LOG: 'warn',
      ...(databaseUrl
        ? { DATABASE_URL: databaseUrl, HEAD_OFFICE_LOG_DIR: path.join(dataDir, 'logs') }
        : {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const { url, token } = await new Promise<{ url: string; token: string | null }>(
    (resolve, reject) => {
      let output = '';
      const timer = setTimeout(
        () => reject(new Error(`head office did not start: ${output}`)),
        // A first start runs initdb and every migration: minutes on a loaded machine.
        180_000,
      );
      const read = () => {
        const listening = /Head office listening on (\S+)/.exec(output);
        const token = /Admin token \(shown once[^)]*\): (\S+)/.exec(output);
        // The token line follows the URL line on a first start; a restart prints no token.
        if (listening?.[1] && (token?.[1] || /Admin token: /.test(output))) {
          clearTimeout(timer);
          resolve({ url: listening[1], token: token?.[1] ?? null });
        }
      };
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        read();
      });
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`head office exited with ${code}: ${output}`));
      });
    },
  );
  const adminToken = token ?? restart?.adminToken;
  if (!adminToken) throw new Error('head office printed no admin token');
  return {
    url,
    port,
    dataDir,
    adminToken,
    ...(databaseUrl ? { databaseUrl } : {}),
    process: child,
  };
}

/** Stops head office (SIGTERM: it closes its database) and waits until the process is gone. */
export async function stopHeadOffice(headOffice: RunningHeadOffice): Promise<void> {
  const child = headOffice.process;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export function removeHeadOffice(headOffice: RunningHeadOffice): void {
  rmSync(headOffice.dataDir, { recursive: true, force: true });
}

/** One admin call with the admin token; any answer but 2xx fails the test with head office's words. */
export async function adminCall<T>(
  headOffice: RunningHeadOffice,
  method: 'GET' | 'POST' | 'PUT',
  route: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${headOffice.url}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${headOffice.adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

/** Creates a store and one-time enrollment codes for it. */
export async function provisionStore(
  headOffice: RunningHeadOffice,
  name: string,
  codes: number,
): Promise<{ storeId: string; codes: string[] }> {
  const store = await adminCall<{ id: string }>(headOffice, 'POST', '/admin/stores', { name });
  const made: string[] = [];
  for (let i = 0; i < codes; i += 1) {
    const code = await adminCall<{ code: string }>(
      headOffice,
      'POST',
      `/admin/stores/${store.id}/enrollment-codes`,
      { ttlMinutes: 60 },
    );
    made.push(code.code);
  }
  return { storeId: store.id, codes: made };
}

/** Changes head office's offline redemption policy, keeping the rest of its configuration. */
export async function setOfflinePolicy(
  headOffice: RunningHeadOffice,
  policy: {
    maxPointsPerSaleOffline: number;
    maxPointsPerMemberOffline: number;
    maxOfflineHours: number;
  },
): Promise<void> {
  const current = await adminCall<Record<string, unknown>>(headOffice, 'GET', '/admin/config');
  // The pulled form carries its version and time; an admin sends the configuration only.
  const config = { ...current };
  delete config.version;
  delete config.updatedAt;
  await adminCall(headOffice, 'PUT', '/admin/config', { ...config, offlineRedemption: policy });
}
