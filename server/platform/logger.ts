import { createLogger as createSharedLogger, type Logger } from '../../shared/logger';

export type { Logger };

/**
 * Head office's named loggers: the one logger (shared/logger.ts, which redacts personal data),
 * each name under "head-office:" so a log that mixes a terminal and head office says whose
 * line is whose.
 */
export function createLogger(name: string): Logger {
  return createSharedLogger(`head-office:${name}`);
}
