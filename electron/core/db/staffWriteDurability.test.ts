import { afterEach, describe, expect, it } from 'vitest';
import { contract, isOperationName } from '../../../shared/api';
import { goods, sell } from '../../../test/unit/helpers/loyalty';
import {
  MANAGER_PIN,
  openTestCore,
  unwrap,
  type TestCore,
} from '../../../test/unit/helpers/terminal';
import { logFlushed, staffWritesFlushedSoon, withFlushSoon } from './staffWriteDurability';

const synchronous = (core: TestCore) => core.db.pragma('synchronous', { simple: true });

describe('staff writes flushed soon, sales flushed at commit (ledger file on disk)', () => {
  let core: TestCore;
  afterEach(() => core?.cleanup());

  it('lists only staff housekeeping operations of the contract: nothing that moves money', () => {
    for (const name of staffWritesFlushedSoon) {
      expect(isOperationName(name), name).toBe(true);
      expect(name.startsWith('staff.'), name).toBe(true);
      expect(contract[name as keyof typeof contract].awaits, name).toBeUndefined();
    }
    expect(staffWritesFlushedSoon.has('staff.approve')).toBe(false);
  });

  it('writes at NORMAL, goes back to FULL even when the write throws, and flushes the log once after', async () => {
    core = openTestCore();
    expect(synchronous(core)).toBe(2);
    const { done: before } = await logFlushed(core.db);
    const seen = withFlushSoon(core.db, () => synchronous(core));
    expect(seen).toBe(1);
    expect(synchronous(core)).toBe(2);
    expect(() =>
      withFlushSoon(core.db, () => {
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(synchronous(core)).toBe(2);
    // Two writes while the first flush may still run: they coalesce into at most two flushes.
    const { done: after } = await logFlushed(core.db);
    expect(after - before).toBeGreaterThanOrEqual(1);
    expect(after - before).toBeLessThanOrEqual(2);
  });

  it('a staff change through the door flushes the log off the thread; a sale does not need to', async () => {
    core = openTestCore();
    const { done: start } = await logFlushed(core.db);
    const added = unwrap(
      core.dispatch('staff.add', {
        name: 'Ben Cashier',
        role: 'cashier',
        pin: '97531',
        managerPin: MANAGER_PIN,
      }),
    ) as { id: string };
    expect(synchronous(core)).toBe(2);
    expect((await logFlushed(core.db)).done).toBe(start + 1);
    // The change is in the ledger, and a refused one changes nothing and stays at FULL.
    expect(core.db.prepare('SELECT count(*) AS n FROM staff WHERE id = ?').get(added.id)).toEqual({
      n: 1,
    });
    const refused = core.dispatch('staff.changePin', {
      staffId: added.id,
      pin: '12',
      managerPin: MANAGER_PIN,
    });
    expect(refused.ok).toBe(false);
    expect(synchronous(core)).toBe(2);
    sell(core, { lines: [goods(1_000)] });
    expect(synchronous(core)).toBe(2);
    expect((await logFlushed(core.db)).done).toBe(start + 1);
  });

  it('a sale committed right after a staff change carries it to the disk: no second flush', async () => {
    core = openTestCore();
    const { done, carried } = await logFlushed(core.db);
    unwrap(core.dispatch('staff.signIn', { pin: MANAGER_PIN }));
    // Within FLUSH_AFTER_MS: the sale's own flush at FULL makes the sign-in durable with it.
    sell(core, { lines: [goods(1_000)] });
    expect(await logFlushed(core.db)).toEqual({ done, carried: carried + 1 });
    // With nothing after it, a staff change flushes itself.
    unwrap(core.dispatch('staff.signOut', {}));
    expect(await logFlushed(core.db)).toEqual({ done: done + 1, carried: carried + 1 });
  });
});
