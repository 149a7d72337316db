import type { AppError, Result } from '../../../shared/result';

/**
 * The messages between the app's main process and the core's own process (a utilityProcess in
 * Electron; child_process.fork or a worker thread under plain Node). Main only relays the
 * contract's calls: every call is `{ name, input }` as the renderer sent it, and every answer
 * is the core's Result, so the core's own checks (parsing, roles) stay the only ones.
 *
 * Secrets main holds for the core travel here too, because only main can reach the OS keychain
 * (Electron's safeStorage exists in the main process alone). They are never logged.
 */

/** The built entry's name in out/main (electron.vite.config.ts), started by main. */
export const CORE_PROCESS_ENTRY = 'coreProcess';

/** How the core starts: its data folder, where the built bundle is, and what main keeps. */
export interface CoreStart {
  dataDir: string;
  /** out/main, where worker threads' entries are; tsx runs the source without it. */
  builtDir?: string;
  /** better-sqlite3 built for Electron's ABI (the utility process runs Electron's Node). */
  nativeBinding?: string;
  /**
   * The terminal's secret, when main keeps it (in the keychain): what it has stored, as hex, or
   * null when it has none. Without this field the core keeps its own key file, as the browser
   * host does. A secret the core makes is sent back to main and saved there before any ledger
   * depends on it.
   */
  secret?: { describe: string; stored: string | null };
  /**
   * The head-office credential an older app kept sealed in the OS keychain, or null. The core
   * moves it inside the encrypted ledger, where the credential now lives; main removes its own
   * copy once the core is ready (so after the ledger holds it).
   */
  legacyCredential?: string | null;
  /** Keep the core's own log in <data folder>/logs (Electron), also on stderr while developing. */
  logFile?: 'file' | 'file-and-stderr';
}

export type ToCore =
  | { type: 'start'; start: CoreStart }
  /** `display`: the call came from Electron's customer display window (display powers only). */
  | { type: 'call'; id: number; name: string; input: unknown; display?: true }
  | { type: 'secret.saved' }
  | { type: 'secret.unsaved'; message: string }
  | { type: 'stop' };

export type FromCore =
  | { type: 'ready' }
  | { type: 'start.failed'; error: AppError }
  | { type: 'result'; id: number; result: Result<unknown> }
  /** Main keeps this secret (hex) and answers secret.saved, or secret.unsaved. */
  | { type: 'secret.save'; secret: string }
  | { type: 'stopped' };

const record = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/** A message from main, or null for anything else (a message is unknown until parsed). */
export function parseToCore(message: unknown): ToCore | null {
  if (!record(message)) return null;
  switch (message.type) {
    case 'start': {
      const start = message.start;
      if (!record(start) || typeof start.dataDir !== 'string' || start.dataDir === '') return null;
      return { type: 'start', start: start as unknown as CoreStart };
    }
    case 'call':
      if (!Number.isSafeInteger(message.id) || typeof message.name !== 'string') return null;
      return {
        type: 'call',
        id: message.id as number,
        name: message.name,
        input: message.input,
        // Anything but a plain true is the till's own call, as before.
        ...(message.display === true ? { display: true as const } : {}),
      };
    case 'secret.saved':
    case 'stop':
      return { type: message.type };
    case 'secret.unsaved':
      return { type: 'secret.unsaved', message: String(message.message) };
    default:
      return null;
  }
}

/** A message from the core, or null for anything else. */
export function parseFromCore(message: unknown): FromCore | null {
  if (!record(message)) return null;
  switch (message.type) {
    case 'ready':
    case 'stopped':
      return { type: message.type };
    case 'start.failed':
      return record(message.error) ? (message as unknown as FromCore) : null;
    case 'result':
      return Number.isSafeInteger(message.id) && record(message.result)
        ? (message as unknown as FromCore)
        : null;
    case 'secret.save':
      return typeof message.secret === 'string' && /^[0-9a-f]{64}$/.test(message.secret)
        ? { type: 'secret.save', secret: message.secret }
        : null;
    default:
      return null;
  }
}
