import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pushResponse } from '../../shared/sync/protocol';
import type { Database } from '../db/database';
import { createHeadOffice, type HeadOffice } from '../headOffice';
import { resetDatabase, testDatabases } from '../testing/databases';
import { TerminalScript, TestClock, enrollTerminal } from '../testing/terminalScript';
import { pushGate } from './pushGate';
import { buildServer } from './server';

describe('pushGate', () => {
  it('runs up to its slots, queues in order, and turns away past its queue', async () => {
    const gate = pushGate({ inFlight: 1, waiting: 1 });
    const order: string[] = [];
    let open!: () => void;
    const first = gate.run(async () => {
      await new Promise<void>((resolve) => (open = resolve));
      order.push('first');
      return 1;
    });
    const second = gate.run(async () => {
      order.push('second');
      return 2;
    });
    const third = await gate.run(async () => 3);
    expect(third).toMatchObject({ busy: true });
    expect((third as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(gate.stats).toEqual({ running: 1, queued: 1, shed: 1 });
    open();
    expect(await first).toEqual({ value: 1 });
    expect(await second).toEqual({ value: 2 });
    expect(order).toEqual(['first', 'second']);
    expect(gate.stats).toMatchObject({ running: 0, queued: 0 });
  });

  it('turns a waiting push away once it has waited maxWaitMs', async () => {
    const gate = pushGate({ inFlight: 1, waiting: 5, maxWaitMs: 300 });
    const held = await gate.admit();
    expect('release' in held).toBe(true);
    const started = performance.now();
    const waited = await gate.admit();
    expect(waited).toMatchObject({ busy: true });
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(gate.stats).toEqual({ running: 1, queued: 0, shed: 1 });
    if ('release' in held) held.release();
    expect(gate.stats).toMatchObject({ running: 0 });
  });

  it('frees its slot when the work throws', async () => {
    const gate = pushGate({ inFlight: 1, waiting: 0 });
    await expect(gate.run(() => Promise.reject(new Error('lost connection')))).rejects.toThrow();
    expect(await gate.run(async () => 'next')).toEqual({ value: 'next' });
  });
});

describe.each(testDatabases)('a busy node on $name', (testDb) => {
  let db: Database;
  let clock: TestClock;
  let headOffice: HeadOffice;
  let app: FastifyInstance | null = null;

  beforeAll(async () => {
    db = await testDb.open();
  }, 60_000);
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    await resetDatabase(db);
    clock = new TestClock();
    headOffice = await createHeadOffice(db, { now: clock.now });
  });
  afterEach(async () => {
    await app?.close();
    app = null;
  });

  it('answers a push past its queue with 503 and Retry-After, and takes it when sent again', async () => {
    app = await buildServer(headOffice, { pushGate: { inFlight: 1, waiting: 0 } });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    const a = await enrollTerminal(headOffice, { storeName: 'A' });
    const b = await enrollTerminal(headOffice, { storeName: 'B' });
    const push = (credential: string, body: unknown) =>
      fetch(`${url}/sync/push`, {
        method: 'POST',
        headers: { authorization: `Bearer ${credential}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const scriptA = new TerminalScript(a, clock);
    scriptA.sale({});
    const scriptB = new TerminalScript(b, clock);
    scriptB.sale({});

    // Terminal A's push takes the one slot and waits for its terminal's row, held here.
    let release!: () => void;
    let locked!: () => void;
    const isLocked = new Promise<void>((resolve) => (locked = resolve));
    const holding = db.transaction(async (tx) => {
      await tx.query('SELECT 1 FROM terminal WHERE id = $1 FOR UPDATE', [a.auth.terminalId]);
      locked();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await isLocked;
    const pushA = push(a.credential, scriptA.batch());
    try {
      // Until A's push is in the slot, B's may still get it: wait for the first 503.
      let busy: Response | null = null;
      for (let i = 0; i < 100 && !busy; i++) {
        const answer = await push(b.credential, scriptB.batch());
        if (answer.status === 503) busy = answer;
        else {
          expect(answer.status).toBe(200);
          break;
        }
      }
      expect(busy?.status).toBe(503);
      expect(Number(busy?.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await busy?.json()).toMatchObject({ error: { code: 'unavailable' } });
    } finally {
      release();
      await holding;
    }
    expect((await pushA).status).toBe(200);
    const again = await push(b.credential, scriptB.batch());
    expect(again.status).toBe(200);
    const parsed = pushResponse.parse(await again.json());
    expect(parsed.highWaterMark).toBe(scriptB.batch().operations.at(-1)?.seq);
  }, 60_000);
});
