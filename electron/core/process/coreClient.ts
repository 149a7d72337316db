import { DomainError, fail, type AppError, type Result } from '../../../shared/result';
import { createLogger } from '../../../shared/logger';
import type { DispatchAsync } from '../api/dispatch';
import type { SecretStore } from '../keys/terminalKeys';
import type { LegacyCredential } from '../sync/credentials';
import { parseFromCore, type CoreStart, type ToCore } from './protocol';

const log = createLogger('core-relay');

/** Main's side of the channel to the core's process, whatever carries it. */
export interface ChildChannel {
  post(message: ToCore): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called once when the process (or thread) has ended, for whatever reason. */
  onExit(listener: (code: number | null) => void): void;
  /** Ends the process now. */
  kill(): void;
}

export interface CoreRelayOptions {
  dataDir: string;
  builtDir?: string;
  nativeBinding?: string;
  /** Where main keeps the terminal's secret (the OS keychain); else the core's own key file. */
  secretStore?: SecretStore;
  /** Where an older app kept the head-office credential (the OS keychain); moved into the ledger. */
  legacyCredential?: LegacyCredential;
  /** Whether the core keeps its own log file (see CoreStart). */
  logFile?: CoreStart['logFile'];
  /** How long stop() waits for the core to close its ledger before ending it. */
  stopTimeoutMs?: number;
}

export interface CoreRelay {
  /** The contract's calls, answered by the core's process: what IPC registration is given. */
  dispatch: DispatchAsync;
  /** Resolves once the ledger is open, or with the core's reason it could not open it. */
  ready: Promise<Result<void>>;
  /** Called if the process ends without being asked to. */
  onUnexpectedExit(listener: (code: number | null) => void): void;
  /** Asks the core to stop its services and close the ledger, then ends the process. */
  stop(): Promise<void>;
}

/**
 * Main's half of the relay. It starts the core on the other side of `channel`, hands each call
 * over with an id and settles it with the answer. Main never parses inputs or looks inside
 * answers: the core's dispatch is the one gate. If the process dies, every call waiting on it
 * and every call after it gets an error value; nothing is retried, since a sale that reached
 * the ledger before the crash must not be recorded twice.
 */
export function startCoreRelay(channel: ChildChannel, options: CoreRelayOptions): CoreRelay {
  let nextId = 1;
  const waiting = new Map<number, (result: Result<unknown>) => void>();
  let exited = false;
  let stopping = false;
  let settleReady: (result: Result<void>) => void = () => undefined;
  const ready = new Promise<Result<void>>((resolve) => (settleReady = resolve));
  let settleStopped: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (settleStopped = resolve));
  const unexpectedExit: ((code: number | null) => void)[] = [];
  let settleEnded: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (settleEnded = resolve));

  const gone = (): { ok: false; error: AppError } =>
    fail('internal', 'The terminal core has stopped. Nothing more was saved.');

  channel.onMessage((raw) => {
    const message = parseFromCore(raw);
    if (!message) {
      log.warn('ignored a message from the core that is not the relay protocol');
      return;
    }
    switch (message.type) {
      case 'ready':
        // The core has moved the old credential into its ledger: main's copy can go.
        if (start.legacyCredential) removeLegacy(options.legacyCredential);
        settleReady({ ok: true, value: undefined });
        return;
      case 'start.failed':
        settleReady({ ok: false, error: message.error });
        return;
      case 'result': {
        const settle = waiting.get(message.id);
        waiting.delete(message.id);
        settle?.(message.result);
        return;
      }
      case 'secret.save': {
        let answer: ToCore;
        try {
          if (!options.secretStore) throw new Error('main keeps no secret store');
          options.secretStore.save(Buffer.from(message.secret, 'hex'));
          answer = { type: 'secret.saved' };
        } catch (error) {
          log.error('could not save the terminal key', { error: String(error) });
          answer = { type: 'secret.unsaved', message: String(error) };
        }
        channel.post(answer);
        return;
      }
      case 'stopped':
        settleStopped();
        return;
      default: {
        const never: never = message;
        return never;
      }
    }
  });

  channel.onExit((code) => {
    exited = true;
    settleEnded();
    for (const settle of waiting.values()) settle(gone());
    waiting.clear();
    settleReady({
      ok: false,
      error: fail('internal', `The terminal core ended as it started (exit ${code}).`).error,
    });
    settleStopped();
    if (!stopping) {
      log.error('the terminal core ended unexpectedly', { code });
      for (const listener of unexpectedExit) listener(code);
    }
  });

  const start: CoreStart = {
    dataDir: options.dataDir,
    ...(options.builtDir ? { builtDir: options.builtDir } : {}),
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    ...(options.logFile ? { logFile: options.logFile } : {}),
  };
  if (options.secretStore) {
    let stored: string | null;
    try {
      stored = options.secretStore.load()?.toString('hex') ?? null;
    } catch (error) {
      // A key the keychain cannot unseal: the ledger stays shut, never a new terminal.
      const reason =
        error instanceof DomainError ? error.error : fail('internal', String(error)).error;
      settleReady({ ok: false, error: reason });
      stopping = true;
      channel.kill();
      return relayOf();
    }
    start.secret = { describe: options.secretStore.describe, stored };
  }
  if (options.legacyCredential) start.legacyCredential = readLegacy(options.legacyCredential);
  channel.post({ type: 'start', start });
  return relayOf();

  function relayOf(): CoreRelay {
    return {
      ready,
      dispatch(name, input, caller) {
        if (exited || stopping) return Promise.resolve(gone());
        const id = nextId++;
        // Main relays for its own windows only: any caller but the till is the display window.
        const display = caller !== undefined && caller.kind !== 'till';
        return new Promise((resolve) => {
          waiting.set(id, resolve);
          channel.post({ type: 'call', id, name, input, ...(display ? { display: true } : {}) });
        });
      },
      onUnexpectedExit(listener) {
        unexpectedExit.push(listener);
      },
      async stop() {
        if (exited) return;
        stopping = true;
        channel.post({ type: 'stop' });
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, options.stopTimeoutMs ?? 5_000);
        });
        await Promise.race([stopped, late]);
        // The core has closed the ledger (or ran out of time); give it a moment to end by itself.
        if (!exited)
          await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, 1_000))]);
        clearTimeout(timer);
        if (!exited) channel.kill();
      },
    };
  }
}

/**
 * The old head-office credential, or null when it cannot be read (the keychain refused to
 * decrypt it): the till still opens and sells, and sync says it has no credential, rather than
 * the app failing to start.
 */
function removeLegacy(old: LegacyCredential | undefined): void {
  try {
    old?.remove();
  } catch (error) {
    log.warn('could not remove the old head-office credential', { error: String(error) });
  }
}

function readLegacy(old: LegacyCredential): string | null {
  try {
    return old.read();
  } catch (error) {
    log.error('could not read the old head-office credential', { error: String(error) });
    return null;
  }
}
