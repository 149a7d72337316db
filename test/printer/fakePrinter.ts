import net from 'node:net';

/**
 * A receipt printer on loopback for tests: it listens like a network printer's raw port (9100),
 * parses the ESC/POS stream it is sent into what would come out on paper (lines of text in the
 * printer's double-byte character set, Code 128 and QR codes, raster images, cuts, drawer
 * pulses) and answers DLE EOT status requests as a printer with paper, without paper, offline,
 * or as one that never answers status.
 */

export type FakeState = 'ready' | 'paper_out' | 'offline' | 'silent';

export interface PrintedJob {
  /** Each printed line, decoded; empty lines kept. */
  lines: string[];
  barcodes: { symbology: 'code128'; data: string }[];
  qrCodes: string[];
  images: { width: number; height: number }[];
  cuts: number;
  pulses: { pin: number; onMs: number; offMs: number }[];
  statusRequests: number[];
  /** Bytes the parser did not know as a command: a test expects none. */
  unknown: string[];
  /** The line width the job set up (none here: the printer's own). */
  bytes: number;
}

function emptyJob(): PrintedJob {
  return {
    lines: [],
    barcodes: [],
    qrCodes: [],
    images: [],
    cuts: 0,
    pulses: [],
    statusRequests: [],
    unknown: [],
    bytes: 0,
  };
}

/** What a printer answers to DLE EOT n: bits 1 and 4 always set, the rest by state. */
function statusByte(state: FakeState, n: number): number | null {
  if (state === 'silent') return null;
  let byte = 0x12;
  if (n === 1 && state === 'offline') byte |= 0x08;
  if (n === 4 && state === 'paper_out') byte |= 0x60;
  return byte;
}

/** Code 128 data as GS k 73 sends it: `{A`/`{B` characters, `{C` digit pairs. */
function decodeCode128(data: number[]): string {
  let set: 'A' | 'B' | 'C' = 'B';
  let out = '';
  for (let i = 0; i < data.length; i++) {
    const byte = data[i] as number;
    if (byte === 0x7b && i + 1 < data.length) {
      const next = String.fromCharCode(data[i + 1] as number);
      if (next === 'A' || next === 'B' || next === 'C') {
        set = next;
        i++;
        continue;
      }
    }
    out += set === 'C' ? String(byte).padStart(2, '0') : String.fromCharCode(byte);
  }
  return out;
}

type Step = { length: number } | 'incomplete';

/**
 * One connection's parser. `feed` takes bytes as they come; a command cut in two by the network
 * waits for the rest. `answer` is called for each DLE EOT.
 */
class EscPosParser {
  readonly job = emptyJob();
  private buffer: number[] = [];
  private line: number[] = [];
  private doubleByte = false;

  constructor(
    private readonly charset: 'big5' | 'gb18030',
    private readonly answer: (n: number) => void,
  ) {}

  feed(chunk: Buffer): void {
    this.job.bytes += chunk.length;
    this.buffer.push(...chunk);
    let at = 0;
    while (at < this.buffer.length) {
      const step = this.step(at);
      if (step === 'incomplete') break;
      at += step.length;
    }
    this.buffer = this.buffer.slice(at);
  }

  finish(): PrintedJob {
    if (this.line.length > 0) this.endLine();
    if (this.buffer.length > 0) this.job.unknown.push(`truncated ${this.buffer.length} bytes`);
    return this.job;
  }

  private endLine(): void {
    const decoder = new TextDecoder(this.doubleByte ? this.charset : 'latin1');
    this.job.lines.push(decoder.decode(Uint8Array.from(this.line)));
    this.line = [];
  }

  private step(at: number): Step {
    const b = this.buffer;
    const have = b.length - at;
    const byte = b[at] as number;
    const arg = (i: number) => b[at + i] as number;
    const need = (n: number): Step => (have >= n ? { length: n } : 'incomplete');
    if (byte === 0x0a) {
      this.endLine();
      return { length: 1 };
    }
    if (byte === 0x0d) return { length: 1 };
    if (byte >= 0x20) {
      this.line.push(byte);
      return { length: 1 };
    }
    if (have < 2) return 'incomplete';
    const command = arg(1);
    if (byte === 0x10 && command === 0x04) {
      if (have < 3) return 'incomplete';
      this.job.statusRequests.push(arg(2));
      this.answer(arg(2));
      return { length: 3 };
    }
    if (byte === 0x1c) {
      if (command === 0x26) this.doubleByte = true;
      else if (command === 0x2e) this.doubleByte = false;
      else if (command === 0x21 || command === 0x43) return need(3);
      else return this.unknown(at, 2);
      return { length: 2 };
    }
    if (byte === 0x1b) {
      switch (command) {
        case 0x40:
          this.doubleByte = false;
          return { length: 2 };
        case 0x32:
          return { length: 2 };
        case 0x21:
        case 0x45:
        case 0x2d:
        case 0x4d:
        case 0x61:
        case 0x74:
        case 0x33: // prettier-ignore
        case 0x64:
        case 0x4a:
        case 0x47:
        case 0x56:
        case 0x72:
        case 0x7b:
        case 0x34: // prettier-ignore
          return need(3);
        case 0x70: {
          if (have < 5) return 'incomplete';
          this.job.pulses.push({ pin: arg(2), onMs: arg(3) * 2, offMs: arg(4) * 2 });
          return { length: 5 };
        }
        case 0x2a: {
          if (have < 5) return 'incomplete';
          const dots = arg(3) + arg(4) * 256;
          const length = 5 + (arg(2) >= 32 ? dots * 3 : dots);
          if (have < length) return 'incomplete';
          this.job.images.push({ width: dots, height: arg(2) >= 32 ? 24 : 8 });
          return { length };
        }
        default:
          return this.unknown(at, 2);
      }
    }
    if (byte === 0x1d) {
      switch (command) {
        case 0x21:
        case 0x42:
        case 0x48:
        case 0x68:
        case 0x77:
        case 0x66:
        case 0x62: // prettier-ignore
          return need(3);
        case 0x4c:
        case 0x57: // prettier-ignore
          return need(4);
        case 0x56: {
          if (have < 3) return 'incomplete';
          const m = arg(2);
          const length = m === 65 || m === 66 ? 4 : 3;
          if (have < length) return 'incomplete';
          this.job.cuts += 1;
          return { length };
        }
        case 0x6b: {
          if (have < 4) return 'incomplete';
          const m = arg(2);
          if (m !== 73) return this.unknown(at, 3);
          const n = arg(3);
          if (have < 4 + n) return 'incomplete';
          this.job.barcodes.push({
            symbology: 'code128',
            data: decodeCode128(b.slice(at + 4, at + 4 + n)),
          });
          return { length: 4 + n };
        }
        case 0x76: {
          if (have < 8) return 'incomplete';
          const width = (arg(4) + arg(5) * 256) * 8;
          const height = arg(6) + arg(7) * 256;
          const length = 8 + (width / 8) * height;
          if (have < length) return 'incomplete';
          this.job.images.push({ width, height });
          return { length };
        }
        case 0x28: {
          if (have < 5) return 'incomplete';
          const size = arg(3) + arg(4) * 256;
          if (have < 5 + size) return 'incomplete';
          // GS ( k: QR code functions; 49 80 stores the data to print.
          if (arg(2) === 0x6b && arg(5) === 49 && arg(6) === 80) {
            this.job.qrCodes.push(String.fromCharCode(...b.slice(at + 8, at + 5 + size)));
          }
          return { length: 5 + size };
        }
        default:
          return this.unknown(at, 2);
      }
    }
    return this.unknown(at, 1);
  }

  private unknown(at: number, length: number): Step {
    this.job.unknown.push(Buffer.from(this.buffer.slice(at, at + length)).toString('hex'));
    return { length };
  }
}

export interface FakePrinter {
  port: number;
  /** Jobs in the order their connections closed. */
  jobs: PrintedJob[];
  state: FakeState;
  /** The next job to finish (or one already finished and not yet taken). */
  nextJob(): Promise<PrintedJob>;
  close(): Promise<void>;
}

export async function startFakePrinter(
  options: { charset?: 'big5' | 'gb18030'; state?: FakeState } = {},
): Promise<FakePrinter> {
  const jobs: PrintedJob[] = [];
  let taken = 0;
  const waiting: ((job: PrintedJob) => void)[] = [];
  const sockets = new Set<net.Socket>();
  const printer: FakePrinter = {
    port: 0,
    jobs,
    state: options.state ?? 'ready',
    nextJob() {
      const ready = jobs[taken];
      if (ready) {
        taken++;
        return Promise.resolve(ready);
      }
      return new Promise((resolve) => waiting.push(resolve));
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((socket) => {
    sockets.add(socket);
    const parser = new EscPosParser(options.charset ?? 'big5', (n) => {
      const byte = statusByte(printer.state, n);
      if (byte !== null) socket.write(Uint8Array.of(byte));
    });
    socket.on('data', (chunk) => parser.feed(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      sockets.delete(socket);
      const job = parser.finish();
      jobs.push(job);
      const waiter = waiting.shift();
      if (waiter) {
        taken++;
        waiter(job);
      }
    });
    socket.on('end', () => socket.end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  printer.port = (server.address() as net.AddressInfo).port;
  return printer;
}

/** What a whole ESC/POS stream prints, parsed at once (a job kept by a stand-in `lp`). */
export function parseEscPos(bytes: Uint8Array, charset: 'big5' | 'gb18030'): PrintedJob {
  const parser = new EscPosParser(charset, () => undefined);
  parser.feed(Buffer.from(bytes));
  return parser.finish();
}
