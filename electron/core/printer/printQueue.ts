import { execFile } from 'node:child_process';

const QUEUE_TIMEOUT_MS = 15_000;

/**
 * Hands a job to the OS print queue in raw mode: `lp -d QUEUE -o raw`, the bytes on its standard
 * input. No shell: the queue name is one argument (and the contract refuses one that starts with
 * a dash). `command` is lp's path; tests pass a stand-in that keeps what it is given.
 */
export function printToQueue(
  queue: string,
  bytes: Uint8Array,
  command = 'lp',
): Promise<'queued' | 'offline'> {
  return new Promise((resolve) => {
    const child = execFile(
      command,
      ['-d', queue, '-o', 'raw'],
      { timeout: QUEUE_TIMEOUT_MS, windowsHide: true },
      (error) => resolve(error ? 'offline' : 'queued'),
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(Buffer.from(bytes));
  });
}
