/**
 * Backpressure for pushes, per node. A push costs the node's one event loop (reading, gunzipping
 * and parsing up to 500 operations) and then a database connection (and its terminal's lock) for
 * its whole transaction. When a whole chain reconnects at once, hundreds of pushes arrive
 * together: without a bound they are all read and parsed at once and then wait for a connection,
 * each one's time grows past the terminals' 15 s timeout, and each timed-out push is sent
 * again on top of the queue (a push that timed out may well have been applied, so the work is
 * done twice for nothing).
 *
 * The gate lets `inFlight` pushes run, queues more in arrival order while the wait ahead (from
 * the pushes' recent duration) stays under `maxWaitMs` and the queue under `waiting`, and answers
 * any push beyond that at once with 503 and a Retry-After long enough for the queue ahead to
 * drain. A terminal waits that long and sends the same batch
 * again (the SyncWorker does): nothing is lost, and the node works at its pace.
 */
export interface PushGate {
  /**
   * A slot for one push, when one is free (waiting in arrival order while the queue is short
   * enough), or `busy` at once. Call `release` exactly once when the push is answered.
   */
  admit(): Promise<{ release: () => void } | { busy: true; retryAfterSeconds: number }>;
  /** `work` in a slot: admit, run, release. */
  run<T>(work: () => Promise<T>): Promise<{ value: T } | { busy: true; retryAfterSeconds: number }>;
  readonly stats: { running: number; queued: number; shed: number };
}

export interface PushGateOptions {
  /**
   * Pushes admitted at once, from before their body is read until they are answered (default 16:
   * openPostgres's pool of 10, and a few being read and parsed meanwhile).
   */
  inFlight?: number;
  /** Pushes waiting for a slot before the next is turned away (default 64). */
  waiting?: number;
  /**
   * The longest a push waits for a slot (default 5 s, well inside a terminal's 15 s timeout: a
   * push the terminal has given up on is work done for nothing). A push that would wait longer by
   * the recent pushes' pace is turned away at once; one still waiting after it, at that moment.
   */
  maxWaitMs?: number;
}

/** A push's duration is followed as a moving average over about this many pushes: it adapts fast. */
const AVERAGE_OVER = 10;
const MAX_RETRY_AFTER_S = 30;

export function pushGate(options: PushGateOptions = {}): PushGate {
  const inFlight = Math.max(1, options.inFlight ?? 16);
  const waiting = Math.max(0, options.waiting ?? 64);
  const maxWaitMs = options.maxWaitMs ?? 5_000;
  const queue: (() => void)[] = [];
  let running = 0;
  let shed = 0;
  let averageMs = 200;

  const busy = (): { busy: true; retryAfterSeconds: number } => {
    shed += 1;
    // The queue ahead drains in about (queued / inFlight) pushes' time.
    const drainMs = ((queue.length + 1) / inFlight) * averageMs;
    return {
      busy: true,
      retryAfterSeconds: Math.min(MAX_RETRY_AFTER_S, Math.max(1, Math.ceil(drainMs / 1000))),
    };
  };
  const slot = () => {
    const started = performance.now();
    let released = false;
    return {
      release() {
        if (released) return;
        released = true;
        averageMs += (performance.now() - started - averageMs) / AVERAGE_OVER;
        const next = queue.shift();
        if (next) next();
        else running -= 1;
      },
    };
  };

  const admit: PushGate['admit'] = async () => {
    if (running < inFlight) {
      running += 1;
      return slot();
    }
    const drainMs = ((queue.length + 1) / inFlight) * averageMs;
    if (queue.length >= waiting || drainMs > maxWaitMs) return busy();
    // Waits for a slot handed over by release() (`running` stays counted), or, past maxWaitMs
    // (the estimate was wrong: pushes got slower), gives up its place and is told to come back.
    return new Promise((resolve) => {
      const grant = () => {
        clearTimeout(timer);
        resolve(slot());
      };
      const timer = setTimeout(() => {
        const index = queue.indexOf(grant);
        if (index >= 0) queue.splice(index, 1);
        resolve(busy());
      }, maxWaitMs);
      queue.push(grant);
    });
  };

  return {
    get stats() {
      return { running, queued: queue.length, shed };
    },
    admit,
    async run(work) {
      const slot = await admit();
      if ('busy' in slot) return slot;
      try {
        return { value: await work() };
      } finally {
        slot.release();
      }
    },
  };
}
