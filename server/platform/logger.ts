/**
 * Named loggers for head office. Level comes from LOYALTY_LOG (debug|info|warn|error|silent),
 * the same variable the terminal core reads, so one setting quiets a whole test run.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
const order: Record<Level | 'silent', number> = {
  debug: 10,
  info: 20,
  warn: 30,
  error: 40,
  silent: 99,
};

function threshold(): number {
  const configured = process.env.LOYALTY_LOG as Level | 'silent' | undefined;
  return order[configured ?? 'info'] ?? order.info;
}

export interface Logger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

export function createLogger(name: string): Logger {
  const write = (level: Level, message: string, data?: unknown) => {
    if (order[level] < threshold()) return;
    const line = `${new Date().toISOString()} ${level.toUpperCase()} [head-office:${name}] ${message}`;
    process.stderr.write(data === undefined ? `${line}\n` : `${line} ${describe(data)}\n`);
  };
  return {
    debug: (m, d) => write('debug', m, d),
    info: (m, d) => write('info', m, d),
    warn: (m, d) => write('warn', m, d),
    error: (m, d) => write('error', m, d),
  };
}

function describe(data: unknown): string {
  if (data instanceof Error) return data.stack ?? `${data.name}: ${data.message}`;
  try {
    return JSON.stringify(data);
  } catch {
    return String(data);
  }
}
