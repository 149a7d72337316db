import { once } from 'node:events';
import path from 'node:path';
import pino from 'pino';
import pinoRoll from 'pino-roll';
import {
  FREE_TEXT,
  REDACTED,
  formatLogLine,
  redact,
  setLogSink,
  type LogRecord,
} from '../shared/logger';

/**
 * Where the one logger's records go in a process that has a data folder: the terminal's core
 * (the browser host, Electron's main process) and head office. Lines are JSON (pino), written to
 * a file in `<data folder>/logs/` that rolls over every day and at 10 MB, keeping the newest 14
 * files besides the current one; in development they also go to stderr as readable lines.
 * Head office may send its JSON lines to stdout instead (a container's log collector).
 *
 * Personal data is kept out twice: shared/logger.ts's redact() makes every record safe before it
 * gets here, and pino checks again with redact paths for the keys that carry it and a serializer
 * that refuses free-text fields, so a record built some other way is no exception.
 */
export interface LogFileOptions {
  /** The folder for the files, normally `<data folder>/logs`. */
  dir: string;
  /** The files' base name: "terminal" gives terminal.2026-12-07.1.log. */
  name: string;
  /** Also write readable lines to stderr (development). */
  stderr?: boolean;
  /** JSON lines to stdout instead of files (head office in a container). */
  stdout?: boolean;
  /** Rotation: every day and at this size (default 10m), keeping this many old files (14). */
  size?: string;
  keep?: number;
}

export interface LogFile {
  /** The folder of the files, or null when writing to stdout. */
  readonly dir: string | null;
  /** Until everything logged so far is on disk. */
  flush(): Promise<void>;
  /** Flushes, closes the file and sends the logger back to stderr. */
  close(): Promise<void>;
}

export const LOG_DIR = 'logs';

/** Keys that carry personal data or secrets, at the depths a record puts them. */
const PRIVATE = [
  'name',
  'fullName',
  'memberName',
  'phone',
  'phoneE164',
  'mobile',
  'email',
  'birthday',
  'address',
  'password',
  'pin',
  'managerPin',
  'token',
  'adminToken',
  'credential',
  'secret',
  'cookie',
  'authorization',
];
const REDACT_PATHS = PRIVATE.flatMap((key) => [`data.${key}`, `data.*.${key}`, `data.*.*.${key}`]);

/** pino's serializer for a record's data: free text refused, whatever arrives. */
function safeData(data: unknown): unknown {
  return redact(data);
}

export async function openLogFile(options: LogFileOptions): Promise<LogFile> {
  const roll = options.stdout
    ? null
    : await pinoRoll({
        file: path.join(options.dir, options.name),
        frequency: 'daily',
        dateFormat: 'yyyy-MM-dd',
        size: options.size ?? '10m',
        extension: '.log',
        limit: { count: options.keep ?? 14 },
        mkdir: true,
      });
  // The file is opened (and its folder made) in the background: wait, so a flush means on disk.
  if (roll && roll.fd < 0) await once(roll, 'ready');
  // A full disk or a folder gone must not stop a till or head office: say so on stderr, once.
  let complained = false;
  roll?.on('error', (error: Error) => {
    if (complained) return;
    complained = true;
    process.stderr.write(`the log file in ${options.dir} cannot be written: ${error.message}\n`);
  });
  const destination = roll ?? pino.destination({ dest: 1, sync: false });
  const logger = pino(
    {
      level: 'debug',
      // No host name: a shop's machine is often named after the person who uses it.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { data: safeData },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  const toStderr = options.stderr === true;
  setLogSink((record: LogRecord) => {
    const fields =
      record.data === undefined ? { name: record.name } : { name: record.name, data: record.data };
    logger[record.level](fields, record.msg);
    if (toStderr) process.stderr.write(formatLogLine(record));
  });
  const flush = () =>
    new Promise<void>((resolve) => {
      logger.flush(() => resolve());
    });
  return {
    dir: roll ? options.dir : null,
    flush,
    async close() {
      setLogSink(null);
      await flush();
      if (roll) {
        const closed = once(roll, 'close');
        roll.end();
        await closed;
      }
    },
  };
}

export { FREE_TEXT, REDACTED };
