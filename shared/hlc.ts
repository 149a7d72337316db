/**
 * Hybrid logical clock: wall-clock milliseconds plus a counter, so that events on one terminal
 * are strictly ordered even when the wall clock stalls or steps back, and stay close to real time.
 * Encoded as a fixed-width string that sorts in clock order: "<ms:15>-<counter:5>-<node>".
 */
const MAX_COUNTER = 99_999;

export interface Hlc {
  ms: number;
  counter: number;
  node: string;
}

export function encodeHlc(t: Hlc): string {
  return `${String(t.ms).padStart(15, '0')}-${String(t.counter).padStart(5, '0')}-${t.node}`;
}

export function decodeHlc(text: string): Hlc | null {
  const match = /^(\d{15})-(\d{5})-(.+)$/.exec(text);
  if (!match) return null;
  return { ms: Number(match[1]), counter: Number(match[2]), node: match[3] ?? '' };
}

/** A clock for one node. `now` is injected so simulations and tests control time. */
export class HybridClock {
  private last: Hlc;

  constructor(
    private readonly node: string,
    private readonly now: () => number = Date.now,
    start?: Hlc,
  ) {
    this.last = start ?? { ms: 0, counter: 0, node };
  }

  /** Next timestamp for a local event. */
  tick(): string {
    const wall = this.now();
    if (wall > this.last.ms) {
      this.last = { ms: wall, counter: 0, node: this.node };
    } else if (this.last.counter < MAX_COUNTER) {
      this.last = { ms: this.last.ms, counter: this.last.counter + 1, node: this.node };
    } else {
      // The counter has five digits; past that, borrow the next millisecond so order holds.
      this.last = { ms: this.last.ms + 1, counter: 0, node: this.node };
    }
    return encodeHlc(this.last);
  }

  /** Merge a timestamp seen from another node so later local events sort after it. */
  observe(remote: string): void {
    const other = decodeHlc(remote);
    if (!other) return;
    if (
      other.ms > this.last.ms ||
      (other.ms === this.last.ms && other.counter > this.last.counter)
    ) {
      this.last = { ms: other.ms, counter: other.counter, node: this.node };
    }
  }
}
