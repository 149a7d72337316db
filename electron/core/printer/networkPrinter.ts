import net from 'node:net';
import type { PrintStatus } from '../../../shared/printer';

/** Waits for a printer that is not there; a job on a live printer takes well under this. */
const CONNECT_TIMEOUT_MS = 3_000;
const JOB_TIMEOUT_MS = 15_000;
/** How long a printer may take to answer DLE EOT before it is taken for one that does not. */
const STATUS_WAIT_MS = 700;

/** DLE EOT 1 (printer status) and DLE EOT 4 (paper roll sensor), answered a byte each. */
const STATUS_REQUEST = Uint8Array.from([0x10, 0x04, 0x01, 0x10, 0x04, 0x04]);

/** A status byte has bits 1 and 4 set and bits 0 and 7 clear (ESC/POS real-time status). */
const isStatusByte = (byte: number) => (byte & 0x93) === 0x12;

export type PrinterState = 'ready' | 'offline' | 'paper_out' | 'unknown';

/** What the two status bytes say: offline (bit 3 of the first), paper end (bits 5–6 of the second). */
export function stateOfStatus(reply: Uint8Array): PrinterState {
  const [printer, paper] = reply;
  if (printer === undefined || paper === undefined) return 'unknown';
  if (!isStatusByte(printer) || !isStatusByte(paper)) return 'unknown';
  if ((paper & 0x60) !== 0) return 'paper_out';
  if ((printer & 0x08) !== 0) return 'offline';
  return 'ready';
}

export interface NetworkJob {
  host: string;
  port: number;
  bytes: Uint8Array;
  /** Sent instead of `bytes` when the printer reports paper out or offline (a drawer pulse). */
  whenPaperOut?: Uint8Array;
}

/**
 * Sends a job to a printer's raw port (9100). It first asks the printer's status; one that
 * answers "paper out" or "offline" gets only `whenPaperOut`, one that does not answer status
 * gets the job anyway ("unknown": many cheap printers never answer). Nothing throws: an
 * unreachable printer is `offline`.
 */
export function printOverNetwork(
  job: NetworkJob,
): Promise<{ status: PrintStatus; sent: 'job' | 'fallback' | 'nothing' }> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ host: job.host, port: job.port });
    let settled = false;
    let reply = Buffer.alloc(0);
    let statusTimer: NodeJS.Timeout | null = null;
    const finish = (status: PrintStatus, sent: 'job' | 'fallback' | 'nothing') => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      if (statusTimer) clearTimeout(statusTimer);
      resolve({ status, sent });
    };
    const deadline = setTimeout(() => {
      socket.destroy();
      finish('offline', 'nothing');
    }, JOB_TIMEOUT_MS);
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => {
      socket.destroy();
      finish('offline', 'nothing');
    });
    socket.on('error', () => finish('offline', 'nothing'));
    // A printer that hangs up before the job went out did not take it.
    socket.on('close', () => finish('offline', 'nothing'));

    let decided = false;
    const decide = () => {
      if (decided) return;
      decided = true;
      if (statusTimer) clearTimeout(statusTimer);
      socket.removeAllListeners('data');
      const state = stateOfStatus(reply.subarray(0, 2));
      if (state === 'paper_out' || state === 'offline') {
        const fallback = job.whenPaperOut;
        if (fallback && fallback.length > 0) {
          socket.end(fallback, () => finish(state, 'fallback'));
        } else {
          socket.end(() => finish(state, 'nothing'));
        }
        return;
      }
      // Done when the printer has the last byte: our end flushed and the socket closed.
      socket.end(job.bytes, () => finish(state === 'ready' ? 'printed' : 'unknown', 'job'));
    };

    socket.on('connect', () => {
      socket.setTimeout(JOB_TIMEOUT_MS);
      socket.on('data', (chunk: Buffer) => {
        reply = Buffer.concat([reply, chunk]);
        if (reply.length >= 2) decide();
      });
      socket.write(STATUS_REQUEST);
      statusTimer = setTimeout(decide, STATUS_WAIT_MS);
    });
  });
}
