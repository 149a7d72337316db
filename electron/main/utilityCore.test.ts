import { fork } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { UtilityProcess } from 'electron';
import { afterEach, describe, expect, it } from 'vitest';
import { startCoreRelay } from '../core/process/coreClient';
import { coreProcessEntry, mayRestart, utilityProcessChannel } from './utilityCore';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Electron's UtilityProcess as far as main uses it, carried by child_process.fork of the core's
 * real entry: what main's adapter does with it is what it does under Electron.
 */
function utilityProcessLike(): UtilityProcess {
  const child = fork(path.join(here, '../core/process/coreProcessEntry.ts'), [], {
    execArgv: ['--import', 'tsx'],
    serialization: 'advanced',
  });
  const events = new EventEmitter();
  child.on('message', (message) => events.emit('message', message));
  child.on('exit', (code) => events.emit('exit', code ?? 1));
  return Object.assign(events, {
    pid: child.pid,
    stdout: null,
    stderr: null,
    postMessage: (message: unknown) => child.send(message as never),
    kill: () => child.kill('SIGKILL'),
  }) as unknown as UtilityProcess;
}

let dataDir = '';
afterEach(() => {
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe("main's utilityProcess channel", () => {
  it('relays the contract’s calls to the core process and stops it', async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'loyalty-utility-'));
    const child = utilityProcessLike();
    const relay = startCoreRelay(utilityProcessChannel(child), { dataDir });
    expect(await relay.ready).toMatchObject({ ok: true });
    expect(await relay.dispatch('terminal.info', {})).toEqual({ ok: true, value: null });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    await relay.stop();
    await exited;
  }, 60_000);

  it('finds the built entry beside main’s bundle', () => {
    expect(coreProcessEntry('/app/out/main')).toBe(path.join('/app/out/main', 'coreProcess.js'));
  });
});

describe('mayRestart', () => {
  it('allows a few restarts a minute, then no more until the minute has passed', () => {
    const history: number[] = [];
    expect(mayRestart(history, 0, 3)).toBe(true);
    expect(mayRestart(history, 1_000, 3)).toBe(true);
    expect(mayRestart(history, 2_000, 3)).toBe(true);
    expect(mayRestart(history, 3_000, 3)).toBe(false);
    expect(mayRestart(history, 70_000, 3)).toBe(true);
  });
});
