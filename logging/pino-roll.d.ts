/** pino-roll 4 ships no types: what logFile.ts uses of it. */
declare module 'pino-roll' {
  import type { EventEmitter } from 'node:events';

  export interface RollStream extends EventEmitter {
    /** -1 until the file is open. */
    readonly fd: number;
    write(chunk: string): boolean;
    flush(callback?: (error?: Error | null) => void): void;
    end(): void;
  }

  export interface RollOptions {
    /** The base path: the date, a number and the extension are added to it. */
    file: string;
    size?: string | number;
    frequency?: 'daily' | 'hourly' | number;
    extension?: string;
    dateFormat?: string;
    limit?: { count?: number; removeOtherLogFiles?: boolean };
    mkdir?: boolean;
    symlink?: boolean;
  }

  export default function pinoRoll(options: RollOptions): Promise<RollStream>;
}
