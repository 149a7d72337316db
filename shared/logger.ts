/**
 * The one logger, for the terminal's core and head office alike: named loggers writing one line
 * each to stderr, at the level LOYALTY_LOG sets (debug|info|warn|error|silent, default info),
 * read on every call so one setting quiets a whole test run.
 *
 * A log never carries personal data. Values under keys that hold it (names, phones, emails,
 * birthdays, addresses) and secrets (passwords, PINs, tokens, credentials, cookies) are replaced
 * by "[redacted]", and anything in the message or a value that looks like a phone number or an
 * email address is masked, wherever it came from (an error message quoting input, say).
 *
 * shared/ does no I/O of its own: the default sink is Node's process.stderr when there is one
 * (the core, head office, tests), and nothing elsewhere.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
type Threshold = LogLevel | 'silent';

export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

export interface LoggerOptions {
  /** Where lines go (default: process.stderr under Node). */
  write?: (line: string) => void;
  /** The level below which nothing is written (default: LOYALTY_LOG, read on every call). */
  level?: () => Threshold;
  now?: () => Date;
}

const order: Record<Threshold, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

/** Node's process, seen without Node's types: shared/ compiles for the browser too. */
interface NodeProcess {
  env: Record<string, string | undefined>;
  stderr: { write(text: string): unknown };
}
const nodeProcess = (globalThis as { process?: Partial<NodeProcess> }).process;

function configuredLevel(): Threshold {
  const configured = nodeProcess?.env?.LOYALTY_LOG;
  return configured !== undefined && configured in order ? (configured as Threshold) : 'info';
}

function writeToStderr(line: string): void {
  nodeProcess?.stderr?.write(line);
}

/** Keys whose values are personal data or secrets, compared without case, `_` or `-`. */
const PRIVATE_KEYS = new Set([
  'name',
  'fullname',
  'membername',
  'customername',
  'phone',
  'phonee164',
  'mobile',
  'email',
  'birthday',
  'dateofbirth',
  'address',
  'password',
  'pin',
  'managerpin',
  'token',
  'admintoken',
  'credential',
  'secret',
  'cookie',
  'authorization',
]);
export const REDACTED = '[redacted]';

const EMAIL = /[^\s@"'<>()[\]{},;:]+@[^\s@"'<>()[\]{},;:]+\.[A-Za-z]{2,}/g;
/** E.164, as every phone is stored: a plus and 7 to 15 digits. */
const PHONE = /\+[1-9]\d{6,14}\b/g;

/** Text with anything that looks like an email address or a phone number masked. */
export function maskPersonalText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

function isPrivateKey(key: string): boolean {
  return PRIVATE_KEYS.has(key.toLowerCase().replace(/[_-]/g, ''));
}

/** A copy of `data` safe to log: private keys redacted, text masked, errors as their stack. */
export function redact(data: unknown, depth = 0): unknown {
  if (typeof data === 'string') return maskPersonalText(data);
  if (data instanceof Error) return maskPersonalText(data.stack ?? `${data.name}: ${data.message}`);
  if (data === null || typeof data !== 'object') return data;
  if (depth > 8) return '[deep]';
  if (Array.isArray(data)) return data.map((item) => redact(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    copy[key] = isPrivateKey(key) ? REDACTED : redact(value, depth + 1);
  }
  return copy;
}

function describe(data: unknown): string {
  const safe = redact(data);
  if (typeof safe === 'string') return safe;
  try {
    return JSON.stringify(safe);
  } catch {
    return String(safe);
  }
}

export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const write = options.write ?? writeToStderr;
  const level = options.level ?? configuredLevel;
  const now = options.now ?? (() => new Date());
  const log = (at: LogLevel, message: string, data?: unknown) => {
    if (order[at] < order[level()]) return;
    const line = `${now().toISOString()} ${at.toUpperCase()} [${name}] ${maskPersonalText(message)}`;
    write(data === undefined ? `${line}\n` : `${line} ${describe(data)}\n`);
  };
  return {
    debug: (message, data) => log('debug', message, data),
    info: (message, data) => log('info', message, data),
    warn: (message, data) => log('warn', message, data),
    error: (message, data) => log('error', message, data),
  };
}
