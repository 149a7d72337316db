import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { HybridClock, decodeHlc, encodeHlc } from './hlc';

/** A wall clock the test moves by hand. */
function manualClock(start: number) {
  let now = start;
  return {
    now: () => now,
    set: (ms: number) => {
      now = ms;
    },
  };
}

describe('encodeHlc / decodeHlc', () => {
  it.each([
    [{ ms: 0, counter: 0, node: 'a' }, '000000000000000-00000-a'],
    [{ ms: 1_700_000_000_000, counter: 7, node: 'till-1' }, '001700000000000-00007-till-1'],
    [{ ms: 999_999_999_999_999, counter: 99_999, node: 'z' }, '999999999999999-99999-z'],
  ])('%j ⇄ %s', (hlc, text) => {
    expect(encodeHlc(hlc)).toBe(text);
    expect(decodeHlc(text)).toEqual(hlc);
  });

  it.each([
    ['', 'empty'],
    ['1-2-a', 'not zero-padded'],
    ['000000000000000-00000-', 'no node'],
    ['00000000000000x-00000-a', 'a letter in ms'],
    ['000000000000000-000000-a', 'a six-digit counter'],
  ])('decodeHlc(%j) → null (%s)', (text) => {
    expect(decodeHlc(text)).toBeNull();
  });

  it('the encoding sorts as the clock does: (ms, counter) order = string order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 47 }),
        fc.integer({ min: 0, max: 99_999 }),
        fc.integer({ min: 0, max: 2 ** 47 }),
        fc.integer({ min: 0, max: 99_999 }),
        (ms1, c1, ms2, c2) => {
          const a = encodeHlc({ ms: ms1, counter: c1, node: 'n' });
          const b = encodeHlc({ ms: ms2, counter: c2, node: 'n' });
          const byClock = ms1 === ms2 ? Math.sign(c1 - c2) : Math.sign(ms1 - ms2);
          const byString = a === b ? 0 : a < b ? -1 : 1;
          expect(byString).toBe(byClock);
        },
      ),
    );
  });
});

describe('HybridClock.tick', () => {
  it('follows the wall clock when it moves forward: 1000 → (1000,0), 1005 → (1005,0)', () => {
    const wall = manualClock(1000);
    const clock = new HybridClock('n', wall.now);
    expect(clock.tick()).toBe(encodeHlc({ ms: 1000, counter: 0, node: 'n' }));
    wall.set(1005);
    expect(clock.tick()).toBe(encodeHlc({ ms: 1005, counter: 0, node: 'n' }));
  });

  it('counts when the wall clock stalls: 1000, 1000, 1000 → counters 0, 1, 2', () => {
    const wall = manualClock(1000);
    const clock = new HybridClock('n', wall.now);
    const ticks = [clock.tick(), clock.tick(), clock.tick()];
    expect(ticks.map((t) => decodeHlc(t)?.counter)).toEqual([0, 1, 2]);
    expect(ticks.map((t) => decodeHlc(t)?.ms)).toEqual([1000, 1000, 1000]);
  });

  it('keeps the last time when the wall clock steps back: 5000 then 3000 → (5000,0), (5000,1)', () => {
    const wall = manualClock(5000);
    const clock = new HybridClock('n', wall.now);
    const first = clock.tick();
    wall.set(3000);
    const second = clock.tick();
    expect(decodeHlc(second)).toEqual({ ms: 5000, counter: 1, node: 'n' });
    expect(second > first).toBe(true);
  });

  it('resumes after a start timestamp, e.g. the last one in the ledger', () => {
    const clock = new HybridClock('n', () => 10, { ms: 20, counter: 3, node: 'n' });
    expect(decodeHlc(clock.tick())).toEqual({ ms: 20, counter: 4, node: 'n' });
  });

  it('is strictly increasing under any wall clock: forward, stalled or backwards', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 2 ** 45 }), { minLength: 1, maxLength: 200 }),
        (walls) => {
          let i = 0;
          const clock = new HybridClock(
            'node-1',
            () => walls[Math.min(i, walls.length - 1)] as number,
          );
          let previous = '';
          for (i = 0; i < walls.length; i++) {
            const next = clock.tick();
            expect(next > previous).toBe(true);
            // It never runs behind the wall clock.
            expect(decodeHlc(next)?.ms).toBeGreaterThanOrEqual(walls[i] as number);
            previous = next;
          }
        },
      ),
    );
  });

  // The counter has five digits: the 100,001st tick in one stalled millisecond must borrow the
  // next millisecond rather than encode "-100000-", which would sort before "-99999-".
  it('stays strictly increasing past 99999 ticks in one stalled millisecond', () => {
    const clock = new HybridClock('n', () => 1000);
    let previous = '';
    for (let i = 0; i <= 100_001; i++) {
      const next = clock.tick();
      if (!(next > previous)) {
        throw new Error(`tick ${i}: ${next} does not sort after ${previous}`);
      }
      previous = next;
    }
    expect(decodeHlc(previous)).not.toBeNull();
  });
});

describe('HybridClock.observe', () => {
  it('a remote later time makes the next local tick greater than it', () => {
    const clock = new HybridClock('local', () => 1000);
    clock.tick();
    const remote = encodeHlc({ ms: 9000, counter: 4, node: 'remote' });
    clock.observe(remote);
    const next = clock.tick();
    expect(decodeHlc(next)).toEqual({ ms: 9000, counter: 5, node: 'local' });
    expect(next > remote).toBe(true);
  });

  it('a remote earlier time changes nothing', () => {
    const clock = new HybridClock('local', () => 5000);
    clock.tick();
    clock.observe(encodeHlc({ ms: 10, counter: 99, node: 'remote' }));
    expect(decodeHlc(clock.tick())).toEqual({ ms: 5000, counter: 1, node: 'local' });
  });

  it('garbage is ignored, not thrown', () => {
    const clock = new HybridClock('local', () => 5000);
    expect(() => clock.observe('not a clock')).not.toThrow();
    expect(decodeHlc(clock.tick())).toEqual({ ms: 5000, counter: 0, node: 'local' });
  });

  it('after any mix of ticks and observed remote times, each tick is after everything seen', () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('wall' as const), ms: fc.integer({ min: 0, max: 2 ** 40 }) }),
      fc.record({
        kind: fc.constant('observe' as const),
        ms: fc.integer({ min: 0, max: 2 ** 40 }),
        counter: fc.integer({ min: 0, max: 50_000 }),
      }),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 100 }), (steps) => {
        const wall = manualClock(0);
        const clock = new HybridClock('local', wall.now);
        let highest = '';
        for (const s of steps) {
          if (s.kind === 'wall') {
            wall.set(s.ms);
          } else {
            const remote = encodeHlc({ ms: s.ms, counter: s.counter, node: 'remote' });
            clock.observe(remote);
            if (remote > highest) highest = remote;
          }
          const next = clock.tick();
          expect(next > highest).toBe(true);
          highest = next;
        }
      }),
    );
  });
});
