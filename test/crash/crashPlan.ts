/**
 * What the crash child does, derived only from (seed, sale index): the parent re-derives the same
 * ids to check the ledger, and a child restarted after SIGKILL re-derives the sale it was
 * attempting. Nothing here reads a clock or Math.random.
 */
import { createHash } from 'node:crypto';

/** Members the child enrolls on its first start (before it enrolls with head office). */
export const CRASH_MEMBERS = 12;

/** Lines the child writes to stdout, one per line. The parent reads nothing else from it. */
export type ChildLine =
  | { kind: 'ready'; counter: number; pending: number; outbox: number }
  | { kind: 'retry'; saleId: string; existing: boolean }
  | { kind: 'sale'; saleId: string; index: number }
  | { kind: 'committed'; saleId: string; index: number }
  | { kind: 'push-sent'; first: number; last: number }
  | { kind: 'push-answered'; status: number }
  | { kind: 'sync'; result: string }
  | { kind: 'drained'; outbox: number };

export function formatLine(line: ChildLine): string {
  switch (line.kind) {
    case 'ready':
      return `ready ${line.counter} ${line.pending} ${line.outbox}`;
    case 'retry':
      return `retry ${line.saleId} ${line.existing ? 'existing' : 'new'}`;
    case 'sale':
      return `sale ${line.saleId} ${line.index}`;
    case 'committed':
      return `committed ${line.saleId} ${line.index}`;
    case 'push-sent':
      return `push-sent ${line.first} ${line.last}`;
    case 'push-answered':
      return `push-answered ${line.status}`;
    case 'sync':
      return `sync ${line.result}`;
    case 'drained':
      return `drained ${line.outbox}`;
    default: {
      const never: never = line;
      return never;
    }
  }
}

/** The parent's side of formatLine; null for anything else (a stray log line). */
export function parseLine(text: string): ChildLine | null {
  const [kind, a = '', b = '', c = ''] = text.trim().split(' ');
  const int = (s: string) => (/^\d+$/.test(s) ? Number(s) : Number.NaN);
  switch (kind) {
    case 'ready':
      return { kind, counter: int(a), pending: int(b), outbox: int(c) };
    case 'retry':
      return { kind, saleId: a, existing: b === 'existing' };
    case 'sale':
    case 'committed':
      return { kind, saleId: a, index: int(b) };
    case 'push-sent':
      return { kind, first: int(a), last: int(b) };
    case 'push-answered':
      return { kind, status: int(a) };
    case 'sync':
      return { kind, result: a };
    case 'drained':
      return { kind, outbox: int(a) };
    default:
      return null;
  }
}

function digest(seed: number, index: number, purpose: string): Buffer {
  return createHash('sha256').update(`${seed}:${index}:${purpose}`).digest();
}

/** Sale ids are made before the sale, like a till does: UUIDv7-shaped, ordered by index. */
const SALE_ID_EPOCH_MS = Date.UTC(2026, 0, 1);

export function crashSaleId(seed: number, index: number): string {
  const bytes = Buffer.alloc(16);
  bytes.writeUIntBE(SALE_ID_EPOCH_MS + index, 0, 6);
  digest(seed, index, 'id').copy(bytes, 6, 0, 10);
  bytes[6] = 0x70 | ((bytes[6] ?? 0) & 0x0f);
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface CrashBasket {
  /** Index into the child's members (enrollment order), or null for a sale without a member. */
  memberIndex: number | null;
  lines: { description: string; quantity: number; unitPriceMinor: number }[];
  /** Share of the member's redeemable points to spend, in percent; 0 for none. */
  redeemPercent: number;
}

const products = ['Milk tea', 'Egg tart', 'Pineapple bun', 'Lemon tea', 'Fish balls', 'Congee'];

export function crashBasket(seed: number, index: number): CrashBasket {
  const d = digest(seed, index, 'basket');
  const byte = (i: number) => d[i] ?? 0;
  const lineCount = 1 + (byte(0) % 3);
  return {
    memberIndex: byte(1) % 10 === 0 ? null : byte(2) % CRASH_MEMBERS,
    lines: Array.from({ length: lineCount }, (_, i) => ({
      description: products[byte(3 + i) % products.length] ?? 'Item',
      quantity: 1 + (byte(6 + i) % 3),
      unitPriceMinor: (10 + (byte(9 + i) % 90)) * 100 + ([0, 50, 90][byte(12 + i) % 3] ?? 0),
    })),
    // One sale in five spends points (when the member has enough).
    redeemPercent: byte(15) % 5 === 0 ? 50 + (byte(16) % 51) : 0,
  };
}

/** A valid Hong Kong mobile per member index (all in 9123 4560 + 8191·i). */
export function memberPhone(index: number): string {
  return `9${String(1234560 + index * 8191).padStart(7, '0')}`;
}

export const crashSetup = {
  storeName: 'Crash Test Store',
  terminalName: 'Till K',
  currency: 'HKD',
  timeZone: 'Asia/Hong_Kong',
  locale: 'en',
  phoneCountry: 'HK',
  managerName: 'Kim Manager',
  managerPin: '2468',
} as const;
