/**
 * The one logger, for the terminal's core and head office alike: named loggers at the level
 * LOYALTY_LOG sets (debug|info|warn|error|silent, default info), read on every call so one
 * setting quiets a whole test run.
 *
 * A log never carries personal data. Values under keys that hold it (names, phones, emails,
 * birthdays, addresses) and secrets (passwords, PINs, tokens, credentials, cookies) are replaced
 * by "[redacted]"; free-text fields people type into (notes, comments, complaint text, request
 * bodies, sync payloads) are refused whole as "[free text]", since no pattern can tell what a
 * person wrote there; and anything in the message or a value that looks like a phone number or
 * an email address is masked, wherever it came from (an error message quoting input, say).
 *
 * Where lines go is the process's choice: by default one line each to stderr; a process that has
 * a data folder installs a sink with setLogSink (logging/logFile.ts: a rotating file there, with
 * stderr beside it in development). shared/ does no I/O of its own: the default sink is Node's
 * process.stderr when there is one, and nothing elsewhere.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
type Threshold = LogLevel | 'silent';

export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

/** One call to a logger, its message masked and its data made safe to keep (redact()). */
export interface LogRecord {
  time: Date;
  level: LogLevel;
  /** The logger's name, e.g. "sync" or "head-office:push". */
  name: string;
  msg: string;
  data?: unknown;
}

/** Where a process's log records go. */
export type LogSink = (record: LogRecord) => void;

export interface LoggerOptions {
  /** This logger's lines, to here alone (tests); by default the process's sink (setLogSink). */
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

/** A record as one human-readable line: time, level, name, message and the data as JSON. */
export function formatLogLine(record: LogRecord): string {
  const line = `${record.time.toISOString()} ${record.level.toUpperCase()} [${record.name}] ${record.msg}`;
  if (record.data === undefined) return `${line}\n`;
  if (typeof record.data === 'string') return `${line} ${record.data}\n`;
  try {
    return `${line} ${JSON.stringify(record.data)}\n`;
  } catch {
    return `${line} ${String(record.data)}\n`;
  }
}

export const stderrSink: LogSink = (record) => writeToStderr(formatLogLine(record));

let processSink: LogSink = stderrSink;

/** Sends every logger's records (those without a `write` of their own) to `sink`; null: stderr. */
export function setLogSink(sink: LogSink | null): void {
  processSink = sink ?? stderrSink;
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

/**
 * Keys whose values are free text a person typed, or whole bodies that may hold it: refused
 * whole, whatever they look like. Compared as PRIVATE_KEYS are.
 */
const FREE_TEXT_KEYS = new Set([
  'note',
  'notes',
  'comment',
  'comments',
  'remark',
  'remarks',
  'description',
  'text',
  'freetext',
  'complaint',
  'body',
  'payload',
  'args',
  'arguments',
  'input',
  'request',
  'headers',
  'query',
  'street',
  'postcode',
]);
export const FREE_TEXT = '[free text]';

const EMAIL = /[^\s@"'<>()[\]{},;:]+@[^\s@"'<>()[\]{},;:]+\.[A-Za-z]{2,}/g;
/** E.164, as every phone is stored: a plus and 7 to 15 digits. */
const PHONE = /\+[1-9]\d{6,14}\b/g;

/** Text with anything that looks like an email address or a phone number masked. */
export function maskPersonalText(text: string): string {
  return text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
}

const normalKey = (key: string) => key.toLowerCase().replace(/[_-]/g, '');

function isPrivateKey(key: string): boolean {
  return PRIVATE_KEYS.has(normalKey(key));
}

function isFreeTextKey(key: string): boolean {
  return FREE_TEXT_KEYS.has(normalKey(key));
}

/**
 * A copy of `data` safe to log: private keys redacted, free text refused, text masked, errors as
 * their stack.
 */
export function redact(data: unknown, depth = 0): unknown {
  if (typeof data === 'string') return maskPersonalText(data);
  if (data instanceof Error) return maskPersonalText(data.stack ?? `${data.name}: ${data.message}`);
  if (data === null || typeof data !== 'object') return data;
  if (depth > 8) return '[deep]';
  if (Array.isArray(data)) return data.map((item) => redact(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    copy[key] = isPrivateKey(key)
      ? REDACTED
      : isFreeTextKey(key) && value !== null && value !== undefined
        ? FREE_TEXT
        : redact(value, depth + 1);
  }
  return copy;
}

export function createLogger(name: string, options: LoggerOptions = {}): Logger {
  const own = options.write;
  const level = options.level ?? configuredLevel;
  const now = options.now ?? (() => new Date());
  const log = (at: LogLevel, message: string, data?: unknown) => {
    if (order[at] < order[level()]) return;
    const record: LogRecord = { time: now(), level: at, name, msg: maskPersonalText(message) };
    if (data !== undefined) record.data = redact(data);
    if (own) own(formatLogLine(record));
    else processSink(record);
  };
  return {
    debug: (message, data) => log('debug', message, data),
    info: (message, data) => log('info', message, data),
    warn: (message, data) => log('warn', message, data),
    error: (message, data) => log('error', message, data),
  };
}
