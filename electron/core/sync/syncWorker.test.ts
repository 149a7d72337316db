import { afterEach, describe, expect, it } from 'vitest';
import { uuidv7 } from '../../../shared/ids';
import type { Member } from '../../../shared/domain';
import type { Database } from '../../../server/db/database';
import { createHeadOffice } from '../../../server/headOffice';
import { buildServer } from '../../../server/http/server';
import { testDatabases } from '../../../server/testing/databases';
import { openTestCore, unwrap, type TestCore } from '../../../test/unit/helpers/terminal';
import { enrollTerminal } from './enrollTerminal';
import { pendingCount } from './pushOutbox';
import { SyncWorker } from './syncWorker';
import { httpTransport, type SyncTransport } from './transport';

/**
 * A catch-up pushes as fast as head office answers and can run into its per-terminal rate limit.
 * The worker waits out the 429's Retry-After and carries on, instead of ending the run.
 */

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** Head office over real HTTP on loopback, with a rate limit of `max` requests a second. */
async function headOfficeLimitedTo(max: number): Promise<string> {
  const db: Database = await (testDatabases[0] as (typeof testDatabases)[number]).open();
  const headOffice = await createHeadOffice(db);
  const app = await buildServer(headOffice, { rateLimit: { max, timeWindowMs: 1_000 } });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  closers.push(async () => {
    await app.close();
    await headOffice.close();
  });
  const store = await headOffice.admin.createStore('test', { name: 'Causeway Bay' });
  if (!store.ok) throw new Error(store.error.message);
  const code = await headOffice.admin.createEnrollmentCode('test', store.value.id, {});
  if (!code.ok) throw new Error(code.error.message);
  return `${url}#${code.value.code}`;
}

/** A terminal enrolled at `url` with one member and three sales waiting to be pushed. */
async function terminalWithSales(url: string, code: string) {
  const core: TestCore = openTestCore();
  closers.push(() => core.cleanup());
  const credentials = core.credentials;
  await enrollTerminal(core.ctx, httpTransport(url), credentials, { serverUrl: url, code });
  const member = unwrap(
    core.dispatch('member.enroll', { name: 'Chan', phone: '91234567', marketingConsent: false }),
  ) as Member;
  for (let i = 0; i < 3; i++) {
    const lines = [{ description: 'Tea', quantity: 1, unitPriceMinor: 3_000 }];
    unwrap(
      core.dispatch('sale.record', {
        saleId: uuidv7(),
        memberId: member.id,
        lines,
        redeemPoints: 0,
      }),
    );
  }
  const { n: waiting } = core.db
    .prepare(
      'SELECT count(*) AS n FROM outbox WHERE seq > (SELECT high_water_mark FROM sync_state)',
    )
    .get() as { n: number };
  expect(waiting).toBeGreaterThanOrEqual(4);
  expect(pendingCount(core.db)).toBe(waiting);
  return { core, credentials };
}

/** httpTransport, noting each answer's status. */
function watched(url: string) {
  const statuses: number[] = [];
  const inner = httpTransport(url);
  const transport: SyncTransport = {
    async post(path, body, credential) {
      const answer = await inner.post(path, body, credential);
      statuses.push(answer.status);
      return answer;
    },
  };
  return { statuses, transport };
}

describe('the sync worker against a rate-limited head office', () => {
  it('waits out a 429 and finishes the run', async () => {
    const [url, code] = (await headOfficeLimitedTo(4)).split('#') as [string, string];
    const { core, credentials } = await terminalWithSales(url, code);
    const { statuses, transport } = watched(url);
    const worker = new SyncWorker(core.ctx, { transport, credentials });
    // One push and a pull of each stream: more than four requests in a second.
    expect(await worker.runOnce()).toBe('synced');
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(200);
    expect(pendingCount(core.db)).toBe(0);
  }, 30_000);
});

describe('a run beside a busy till', () => {
  it('pushes what was waiting when it started, then pulls; a sale made during the push goes with the next run', async () => {
    const [url, code] = (await headOfficeLimitedTo(1_000)).split('#') as [string, string];
    const { core, credentials } = await terminalWithSales(url, code);
    const inner = httpTransport(url);
    const paths: string[] = [];
    let salesDuringPush = 0;
    const transport: SyncTransport = {
      async post(path, body, credential) {
        paths.push(path);
        if (path === '/sync/push' && salesDuringPush === 0) {
          salesDuringPush += 1;
          const lines = [{ description: 'Cake', quantity: 1, unitPriceMinor: 2_500 }];
          unwrap(
            core.dispatch('sale.record', {
              saleId: uuidv7(),
              memberId: null,
              lines,
              redeemPoints: 0,
            }),
          );
        }
        return inner.post(path, body, credential);
      },
    };
    const worker = new SyncWorker(core.ctx, { transport, credentials });
    expect(await worker.runOnce()).toBe('synced');
    expect(paths.filter((p) => p === '/sync/push')).toHaveLength(1);
    expect(paths.filter((p) => p === '/sync/pull').length).toBeGreaterThanOrEqual(4);
    expect(pendingCount(core.db)).toBe(1);
    expect(await worker.runOnce()).toBe('synced');
    expect(pendingCount(core.db)).toBe(0);
  }, 30_000);
});
