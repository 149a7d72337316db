import path from 'node:path';
import type { UtilityProcess } from 'electron';
import type { ChildChannel } from '../core/process/coreClient';
import { CORE_PROCESS_ENTRY } from '../core/process/protocol';

/** Where the build puts the core process's entry: beside main's own bundle (out/main). */
export function coreProcessEntry(builtDir: string): string {
  return path.join(builtDir, `${CORE_PROCESS_ENTRY}.js`);
}

/**
 * The relay's channel over Electron's utilityProcess: the same messages child_process.fork
 * carries in the tests, cloned the same way (structured clone).
 */
export function utilityProcessChannel(child: UtilityProcess): ChildChannel {
  return {
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => child.once('exit', (code) => listener(code)),
    kill: () => void child.kill(),
  };
}

/**
 * Whether a core that just died may be started again: not when it has died more than `limit`
 * times in the last minute (a ledger or build that kills it on every start would otherwise
 * spin). `history` holds the times of earlier restarts and is updated in place.
 */
export function mayRestart(history: number[], now: number, limit: number): boolean {
  while (history.length > 0 && (history[0] ?? now) <= now - 60_000) history.shift();
  history.push(now);
  return history.length <= limit;
}
