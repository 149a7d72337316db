import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { DomainError, fail } from '../../../shared/result';
import { createLogger } from '../../../shared/logger';
import { LOG_DIR, openLogFile, type LogFile } from '../../../logging/logFile';
import { LEDGER_FILE } from '../core';
import { openTerminalDoor, type TerminalDoor } from '../terminalDoor';
import { isPlaintextSqlite } from '../keys/ledgerFile';
import { SECRET_ENV, type SecretStore } from '../keys/terminalKeys';
import type { LegacyCredential } from '../sync/credentials';
import { parseToCore, type CoreStart, type FromCore } from './protocol';

const log = createLogger('core-process');

/** The core's side of the channel to main, whatever carries it. */
export interface ParentChannel {
  post(message: FromCore): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Lets the process (or thread) end once the core has closed. */
  close(): void;
}

/**
 * The core in a process of its own: it opens the ledger when main says start, answers each
 * relayed call with the core's Result, and closes when main says stop. The same function runs
 * in Electron's utilityProcess and, for tests and benchmarks, under child_process.fork or a
 * worker thread: only the ParentChannel differs (coreProcessEntry.ts picks it).
 */
export function serveCore(channel: ParentChannel, env: NodeJS.ProcessEnv = process.env): void {
  // The door, not the bare core: a ledger failing its start-up check opens in recovery.
  let core: TerminalDoor | null = null;
  let starting = false;
  let logFile: LogFile | null = null;
  let secretAnswer: ((saved: { ok: true } | { ok: false; message: string }) => void) | null = null;

  const start = async (options: CoreStart) => {
    if (starting || core) return;
    starting = true;
    try {
      if (options.logFile)
        logFile = await openLogFile({
          dir: path.join(options.dataDir, LOG_DIR),
          name: 'terminal',
          stderr: options.logFile === 'file-and-stderr',
        });
      const secretStore = options.secret
        ? await relayedSecretStore(options, env, (secret) => {
            channel.post({ type: 'secret.save', secret: secret.toString('hex') });
            return new Promise((resolve) => (secretAnswer = resolve));
          })
        : undefined;
      core = openTerminalDoor({
        dataDir: options.dataDir,
        ...(options.builtDir ? { builtDir: options.builtDir } : {}),
        ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
        ...(secretStore ? { secretStore } : {}),
        env,
        legacyCredentials: legacyFromMain(options.legacyCredential),
      });
      channel.post({ type: 'ready' });
    } catch (error) {
      const answer =
        error instanceof DomainError
          ? error.error
          : fail('internal', `The ledger could not be opened: ${String(error)}`).error;
      log.error('the core could not start', { code: answer.code });
      channel.post({ type: 'start.failed', error: answer });
    } finally {
      starting = false;
    }
  };

  const call = async (id: number, name: string, input: unknown, display: boolean) => {
    if (!core) {
      channel.post({
        type: 'result',
        id,
        result: fail('internal', 'The terminal is still starting. Nothing was saved.'),
      });
      return;
    }
    let result;
    try {
      result = await core.dispatchAsync(
        name,
        input,
        display ? { kind: 'displayWindow' } : { kind: 'till' },
      );
    } catch (error) {
      log.error(`operation ${name} threw`, { error: String(error) });
      result = fail('internal', 'Something went wrong inside the terminal. Nothing was saved.');
    }
    channel.post({ type: 'result', id, result });
  };

  const stop = () => {
    core?.close();
    core = null;
    void (logFile?.close() ?? Promise.resolve()).finally(() => {
      channel.post({ type: 'stopped' });
      channel.close();
    });
  };

  channel.onMessage((raw) => {
    const message = parseToCore(raw);
    if (!message) {
      log.warn('ignored a message that is not the relay protocol');
      return;
    }
    switch (message.type) {
      case 'start':
        void start(message.start);
        return;
      case 'call':
        void call(message.id, message.name, message.input, message.display === true);
        return;
      case 'secret.saved':
        secretAnswer?.({ ok: true });
        secretAnswer = null;
        return;
      case 'secret.unsaved':
        secretAnswer?.({ ok: false, message: message.message });
        secretAnswer = null;
        return;
      case 'stop':
        stop();
        return;
      default: {
        const never: never = message;
        return never;
      }
    }
  });
}

/**
 * The terminal's secret as main keeps it. When none is stored and a new one may be made (the
 * same rule as loadTerminalSecret: no ledger yet, or a plaintext one, and none in the
 * environment), it is made here and main must confirm it is saved before the ledger is opened
 * with it: a ledger must never depend on a key that exists only in this process's memory.
 */
async function relayedSecretStore(
  options: CoreStart,
  env: NodeJS.ProcessEnv,
  saveInMain: (secret: Buffer) => Promise<{ ok: true } | { ok: false; message: string }>,
): Promise<SecretStore> {
  const kept = options.secret!;
  let stored = kept.stored === null ? null : Buffer.from(kept.stored, 'hex');
  const ledgerFile = path.join(options.dataDir, LEDGER_FILE);
  const mayCreate = !existsSync(ledgerFile) || isPlaintextSqlite(ledgerFile);
  if (stored === null && !env[SECRET_ENV] && mayCreate) {
    const fresh = randomBytes(32);
    const saved = await saveInMain(fresh);
    if (!saved.ok)
      throw new DomainError(
        'internal',
        `The terminal's new key could not be saved (${kept.describe}): ${saved.message}`,
      );
    stored = fresh;
  }
  const madeThisStart = kept.stored === null && stored !== null;
  return {
    describe: kept.describe,
    madeThisStart,
    load: () => stored,
    save() {
      // Unreachable: a secret that may be made was made and saved above.
      throw new DomainError('internal', 'The terminal key is kept by the main process.');
    },
  };
}

/** The credential main read from where an older app kept it; main removes it once we are ready. */
function legacyFromMain(stored: string | null | undefined): LegacyCredential[] {
  if (!stored) return [];
  return [
    { describe: 'the OS keychain (sent by main)', read: () => stored, remove: () => undefined },
  ];
}
